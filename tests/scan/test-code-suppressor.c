/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Duplicate suppression: a code in view is reported once, again only after
 * 3 s out of sight. Time is passed in, so nothing sleeps. */
#include "config.h"

#include "th-code-suppressor.h"

#define MS (G_USEC_PER_SEC / 1000)

static void
test_first_read (void)
{
  g_autoptr(ThCodeSuppressor) s = th_code_suppressor_new (TH_CODE_SUPPRESS_USEC);

  g_assert_true (th_code_suppressor_check (s, "A", 1000 * MS));
  g_assert_false (th_code_suppressor_check (s, "A", 1001 * MS));
  g_assert_false (th_code_suppressor_check (s, "A", 3999 * MS));
}

static void
test_after_window (void)
{
  g_autoptr(ThCodeSuppressor) s = th_code_suppressor_new (TH_CODE_SUPPRESS_USEC);

  g_assert_true (th_code_suppressor_check (s, "A", 0));
  g_assert_false (th_code_suppressor_check (s, "A", 2999 * MS));
  /* Seen at 2.999 s: quiet until 5.999 s. */
  g_assert_false (th_code_suppressor_check (s, "A", 5998 * MS));
  g_assert_true (th_code_suppressor_check (s, "A", 8998 * MS + 1));
}

/* Held up for ten seconds at 30 frames a second: one read. */
static void
test_held_up (void)
{
  g_autoptr(ThCodeSuppressor) s = th_code_suppressor_new (TH_CODE_SUPPRESS_USEC);
  guint reads = 0;

  for (gint64 t = 0; t < 10 * G_USEC_PER_SEC; t += 33 * MS)
    reads += th_code_suppressor_check (s, "A", t);
  g_assert_cmpuint (reads, ==, 1);
  g_assert_true (th_code_suppressor_check (s, "A", 10 * G_USEC_PER_SEC + 3 * G_USEC_PER_SEC));
}

static void
test_codes_apart (void)
{
  g_autoptr(ThCodeSuppressor) s = th_code_suppressor_new (TH_CODE_SUPPRESS_USEC);

  g_assert_true (th_code_suppressor_check (s, "A", 0));
  g_assert_true (th_code_suppressor_check (s, "B", 100 * MS));
  g_assert_false (th_code_suppressor_check (s, "A", 200 * MS));
  g_assert_false (th_code_suppressor_check (s, "B", 300 * MS));
  g_assert_true (th_code_suppressor_check (s, "C", 400 * MS));
}

static void
test_reset (void)
{
  g_autoptr(ThCodeSuppressor) s = th_code_suppressor_new (TH_CODE_SUPPRESS_USEC);

  g_assert_true (th_code_suppressor_check (s, "A", 0));
  th_code_suppressor_reset (s);
  g_assert_true (th_code_suppressor_check (s, "A", 10 * MS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tihuo/code-suppressor/first-read", test_first_read);
  g_test_add_func ("/tihuo/code-suppressor/after-window", test_after_window);
  g_test_add_func ("/tihuo/code-suppressor/held-up", test_held_up);
  g_test_add_func ("/tihuo/code-suppressor/codes-apart", test_codes_apart);
  g_test_add_func ("/tihuo/code-suppressor/reset", test_reset);

  return g_test_run ();
}
