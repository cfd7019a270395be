/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The scanner burst rules, with made-up key times: no display needed. */
#include "config.h"

#include "th-scanner-burst.h"

#define KEY_Return  0xff0d
#define KEY_Tab     0xff09
#define KEY_BackSpace 0xff08
#define KEY_Shift_L 0xffe1

typedef struct {
  ThScannerBurst *burst;
  GPtrArray      *scans;      /* of char * */
  GString        *released;   /* the text of released presses, in order */
  guint           n_released; /* released keys, presses and others */
  guint           n_release_signals;
} Fixture;

static void
scanned_cb (ThScannerBurst *burst,
            const char     *text,
            Fixture        *f)
{
  g_ptr_array_add (f->scans, g_strdup (text));
}

static void
released_cb (ThScannerBurst *burst,
             GArray         *keys,
             Fixture        *f)
{
  f->n_release_signals++;
  for (guint i = 0; i < keys->len; i++)
    {
      ThScannerKey *key = &g_array_index (keys, ThScannerKey, i);
      f->n_released++;
      if (key->is_press && key->unicode)
        g_string_append_unichar (f->released, key->unicode);
    }
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->burst = th_scanner_burst_new ();
  f->scans = g_ptr_array_new_with_free_func (g_free);
  f->released = g_string_new (NULL);
  g_signal_connect (f->burst, "scanned", G_CALLBACK (scanned_cb), f);
  g_signal_connect (f->burst, "released", G_CALLBACK (released_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->burst);
  g_ptr_array_unref (f->scans);
  g_string_free (f->released, TRUE);
}

/* Types @text starting at @t0 with @gap ms between keys; returns the time
 * of the last key. Every character must be held back. */
static gint64
type_text (Fixture    *f,
           const char *text,
           gint64      t0,
           gint64      gap)
{
  gint64 t = t0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      ThScannerResult r = th_scanner_burst_feed_simple (f->burst, 0x1000000 | g_utf8_get_char (p),
                                                        g_utf8_get_char (p), t);
      g_assert_cmpint (r, ==, TH_SCANNER_HOLD);
      t += gap;
    }
  return t - gap;
}

static void
test_fast_burst_is_a_scan (Fixture       *f,
                           gconstpointer  data)
{
  gint64 t = type_text (f, "TH1ABCDEFGH234", 1000, 4);

  g_assert_cmpint (th_scanner_burst_feed_simple (f->burst, KEY_Return, 0, t + 5), ==, TH_SCANNER_SCANNED);
  g_assert_cmpuint (f->scans->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->scans, 0), ==, "TH1ABCDEFGH234");
  g_assert_cmpuint (f->n_released, ==, 0);
  g_assert_false (th_scanner_burst_is_holding (f->burst));
}

static void
test_slow_typing_is_not (Fixture       *f,
                         gconstpointer  data)
{
  /* A person at 50 ms a key: each key is released when the next comes. */
  gint64 t = type_text (f, "48213907", 1000, 50);

  g_assert_cmpint (th_scanner_burst_feed_simple (f->burst, KEY_Return, 0, t + 50), ==, TH_SCANNER_PASS);
  g_assert_cmpuint (f->scans->len, ==, 0);
  g_assert_cmpstr (f->released->str, ==, "48213907");
  g_assert_cmpuint (f->n_release_signals, ==, 8);
}

static void
test_gap_limit (Fixture       *f,
                gconstpointer  data)
{
  gint64 t = type_text (f, "12345678", 0, TH_SCANNER_MAX_GAP_MS);

  g_assert_cmpint (th_scanner_burst_feed_simple (f->burst, KEY_Return, 0, t + TH_SCANNER_MAX_GAP_MS),
                   ==, TH_SCANNER_SCANNED);
  g_assert_cmpuint (f->scans->len, ==, 1);

  /* One millisecond more between two keys splits the run. */
  type_text (f, "1234", 10000, 10);
  t = type_text (f, "5678", 10030 + TH_SCANNER_MAX_GAP_MS + 1, 10);
  g_assert_cmpint (th_scanner_burst_feed_simple (f->burst, KEY_Return, 0, t + 5), ==, TH_SCANNER_PASS);
  g_assert_cmpuint (f->scans->len, ==, 1);
  g_assert_cmpstr (f->released->str, ==, "12345678");
}

static void
test_short_burst_is_not (Fixture       *f,
                         gconstpointer  data)
{
  gint64 t = type_text (f, "1234567", 0, 3);

  g_assert_cmpint (th_scanner_burst_feed_simple (f->burst, KEY_Return, 0, t + 3), ==, TH_SCANNER_PASS);
  g_assert_cmpuint (f->scans->len, ==, 0);
  g_assert_cmpstr (f->released->str, ==, "1234567");
}

static void
test_full_width_folded (Fixture       *f,
                        gconstpointer  data)
{
  /* What a scanner types through a Chinese IM in full-width mode. */
  gint64 t = type_text (f, "ＴＨ１ＡＢＣＤ２３４", 0, 2);

  g_assert_cmpint (th_scanner_burst_feed_simple (f->burst, KEY_Return, 0, t + 2), ==, TH_SCANNER_SCANNED);
  g_assert_cmpstr (g_ptr_array_index (f->scans, 0), ==, "TH1ABCD234");
}

static void
test_shift_is_swallowed (Fixture       *f,
                         gconstpointer  data)
{
  ThScannerKey shift = { .keyval = KEY_Shift_L, .is_press = TRUE, .is_modifier = TRUE, .time_ms = 0 };
  gint64 t;

  /* A scanner presses Shift around capitals: held, then dropped with the scan. */
  g_assert_cmpint (th_scanner_burst_feed (f->burst, &shift), ==, TH_SCANNER_HOLD);
  t = type_text (f, "TH1ABCDEFG", 1, 3);
  shift.is_press = FALSE;
  shift.time_ms = t + 1;
  g_assert_cmpint (th_scanner_burst_feed (f->burst, &shift), ==, TH_SCANNER_HOLD);
  g_assert_cmpint (th_scanner_burst_feed_simple (f->burst, KEY_Return, 0, t + 2), ==, TH_SCANNER_SCANNED);
  g_assert_cmpuint (f->n_released, ==, 0);

  /* A person's lone Shift comes back when the hold runs out. */
  shift.is_press = TRUE;
  g_assert_cmpint (th_scanner_burst_feed (f->burst, &shift), ==, TH_SCANNER_HOLD);
  th_scanner_burst_timeout (f->burst);
  g_assert_cmpuint (f->n_released, ==, 1);
}

static void
test_other_key_releases (Fixture       *f,
                         gconstpointer  data)
{
  type_text (f, "ab", 0, 3);
  g_assert_cmpint (th_scanner_burst_feed_simple (f->burst, KEY_BackSpace, 0, 8), ==, TH_SCANNER_PASS);
  g_assert_cmpstr (f->released->str, ==, "ab");
  g_assert_false (th_scanner_burst_is_holding (f->burst));
}

static void
test_suffixes (Fixture       *f,
               gconstpointer  data)
{
  gint64 t;

  th_scanner_burst_set_suffix (f->burst, TH_SCANNER_SUFFIX_TAB);
  t = type_text (f, "12345678", 0, 3);
  g_assert_cmpint (th_scanner_burst_feed_simple (f->burst, KEY_Tab, 0, t + 3), ==, TH_SCANNER_SCANNED);

  /* Enter is just a key when the scanner ends codes with Tab. */
  t = type_text (f, "12345678", 1000, 3);
  g_assert_cmpint (th_scanner_burst_feed_simple (f->burst, KEY_Return, 0, t + 3), ==, TH_SCANNER_PASS);
  g_assert_cmpuint (f->scans->len, ==, 1);

  /* No suffix: the pause after a fast run ends the scan. */
  th_scanner_burst_set_suffix (f->burst, TH_SCANNER_SUFFIX_NONE);
  type_text (f, "87654321", 2000, 3);
  th_scanner_burst_timeout (f->burst);
  g_assert_cmpuint (f->scans->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (f->scans, 1), ==, "87654321");
  g_assert_cmpint (th_scanner_burst_get_suffix (f->burst), ==, th_scanner_suffix_from_string ("none"));
}

static void
test_hold_times_out (Fixture       *f,
                     gconstpointer  data)
{
  gint64 start = g_get_monotonic_time ();

  /* The real timer: a lone key comes back after TH_SCANNER_HOLD_MS. */
  type_text (f, "7", 0, 0);
  while (f->n_released == 0 && g_get_monotonic_time () - start < 5 * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (f->released->str, ==, "7");
  g_assert_cmpint (g_get_monotonic_time () - start, >=, TH_SCANNER_HOLD_MS * 1000 - 5000);
}

static void
test_passthrough_counts (Fixture       *f,
                         gconstpointer  data)
{
  ThScannerKey key = { .is_press = TRUE, .passthrough = TRUE };

  /* Keys already delivered elsewhere still count toward a scan. */
  for (guint i = 0; i < 8; i++)
    {
      key.unicode = '0' + i;
      key.keyval = key.unicode;
      key.time_ms = i * 4;
      g_assert_cmpint (th_scanner_burst_feed (f->burst, &key), ==, TH_SCANNER_PASS);
    }
  g_assert_cmpint (th_scanner_burst_feed_simple (f->burst, KEY_Return, 0, 32), ==, TH_SCANNER_SCANNED);
  g_assert_cmpstr (g_ptr_array_index (f->scans, 0), ==, "01234567");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/tihuo/scanner-burst/fast-burst-is-a-scan", test_fast_burst_is_a_scan);
  ADD ("/tihuo/scanner-burst/slow-typing-is-not", test_slow_typing_is_not);
  ADD ("/tihuo/scanner-burst/gap-limit", test_gap_limit);
  ADD ("/tihuo/scanner-burst/short-burst-is-not", test_short_burst_is_not);
  ADD ("/tihuo/scanner-burst/full-width-folded", test_full_width_folded);
  ADD ("/tihuo/scanner-burst/shift-is-swallowed", test_shift_is_swallowed);
  ADD ("/tihuo/scanner-burst/other-key-releases", test_other_key_releases);
  ADD ("/tihuo/scanner-burst/suffixes", test_suffixes);
  ADD ("/tihuo/scanner-burst/hold-times-out", test_hold_times_out);
  ADD ("/tihuo/scanner-burst/passthrough-counts", test_passthrough_counts);
#undef ADD

  return g_test_run ();
}
