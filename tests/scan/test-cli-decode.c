/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tihuo-cli decode as a script sees it: lines, exit statuses, messages. */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sys/resource.h>

#include "th-test-util.h"

#include "th-qr-synth.h"

typedef struct {
  char *dir;
} Fixture;

typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *r)
{
  g_free (r->out);
  g_free (r->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (9);
  g_autoptr(ThGray) one = th_synth_code_picture ("10000001", 5);
  g_autoptr(ThGray) blank = th_gray_new (120, 80, 230);
  g_autoptr(ThGray) two = th_gray_new (700, 360, 240);
  ThQuad left = th_synth_quad (175, 180, 29 * 9, 0, 0);
  ThQuad right = th_synth_quad (525, 180, 29 * 9, 30, 0);
  g_autofree char *one_path = NULL, *blank_path = NULL, *two_path = NULL, *bad_path = NULL;

  f->dir = g_dir_make_tmp ("tihuo-cli-decode-XXXXXX", &error);
  g_assert_no_error (error);
  /* Relative names, as people type them: the output echoes them. */
  g_assert_cmpint (g_chdir (f->dir), ==, 0);

  th_synth_draw_qr (two, "TAB\tAND\nNEWLINE", &left, 10, 250);
  th_synth_draw_qr (two, "10000002", &right, 10, 250);
  th_synth_noise (two, rand, 2);
  g_assert_true (th_gray_save_png (one, "one.png", NULL));
  g_assert_true (th_gray_save_png (blank, "blank.png", NULL));
  g_assert_true (th_gray_save_png (two, "two.png", NULL));
  g_assert_true (g_file_set_contents ("broken.png", "\x89PNG\r\n\x1a\n garbage", -1, NULL));
  {
    g_autoptr(GBytes) bomb = th_test_png_bomb (30000, 30000);

    g_assert_true (g_file_set_contents ("bomb.png", g_bytes_get_data (bomb, NULL), g_bytes_get_size (bomb), NULL));
  }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  const char *names[] = { "one.png", "blank.png", "two.png", "broken.png", "bomb.png" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_unlink (names[i]);
  g_assert_cmpint (g_chdir ("/"), ==, 0);
  g_rmdir (f->dir);
  g_free (f->dir);
}

/* tihuo-cli may use at most 1 GiB of address space here: a picture it
 * decodes by mistake fails fast instead of filling the machine. (Not under
 * AddressSanitizer, which reserves terabytes of shadow memory.) */
static void
limit_memory_cb (gpointer user_data)
{
#ifndef __SANITIZE_ADDRESS__
  struct rlimit limit = { 1 << 30, 1 << 30 };

  setrlimit (RLIMIT_AS, &limit);
#endif
}

static void
decode_valist (Run     *r,
               GBytes  *input,
               va_list  ap)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) p = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;

  g_ptr_array_add (argv, (char *) g_getenv ("TIHUO_CLI"));
  g_ptr_array_add (argv, (char *) "decode");
  while ((arg = va_arg (ap, const char *)))
    g_ptr_array_add (argv, (char *) arg);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE |
                                        (input ? G_SUBPROCESS_FLAGS_STDIN_PIPE : 0));
  g_subprocess_launcher_set_child_setup (launcher, limit_memory_cb, NULL, NULL);
  p = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate (p, input, NULL, &out, &err, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (p));
  r->status = g_subprocess_get_exit_status (p);
  /* Empty GBytes hold NULL. */
  r->out = g_strndup (g_bytes_get_size (out) ? g_bytes_get_data (out, NULL) : "", g_bytes_get_size (out));
  r->err = g_strndup (g_bytes_get_size (err) ? g_bytes_get_data (err, NULL) : "", g_bytes_get_size (err));
}

static void
decode (Run *r, ...)
{
  va_list ap;

  va_start (ap, r);
  decode_valist (r, NULL, ap);
  va_end (ap);
}

/* The same, with @input on its standard input. */
static void
decode_input (Run    *r,
              GBytes *input,
              ...)
{
  va_list ap;

  va_start (ap, input);
  decode_valist (r, input, ap);
  va_end (ap);
}

static void
test_codes (Fixture       *f,
            gconstpointer  data)
{
  g_auto(Run) r = { 0 };
  g_auto(GStrv) lines = NULL;

  decode (&r, "one.png", "two.png", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.err, ==, "");
  lines = g_strsplit (r.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_cmpstr (lines[0], ==, "one.png\t10000001");
  /* Both codes of two.png, each on one line, control characters escaped. */
  g_assert_true (g_strv_contains ((const char * const *) lines, "two.png\tTAB\\tAND\\nNEWLINE"));
  g_assert_true (g_strv_contains ((const char * const *) lines, "two.png\t10000002"));
  g_assert_cmpstr (lines[3], ==, "");
}

static void
test_no_code (Fixture       *f,
              gconstpointer  data)
{
  g_auto(Run) r = { 0 };

  decode (&r, "one.png", "blank.png", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.out, ==, "one.png\t10000001\n");
  g_assert_nonnull (strstr (r.err, "No QR code found in"));
  g_assert_nonnull (strstr (r.err, "blank.png"));
}

static void
test_corrupt (Fixture       *f,
              gconstpointer  data)
{
  g_auto(Run) r = { 0 };

  decode (&r, "broken.png", "blank.png", "one.png", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_cmpstr (r.out, ==, "one.png\t10000001\n");
  g_assert_nonnull (strstr (r.err, "broken.png"));
  g_assert_nonnull (strstr (r.err, "damaged or is not a picture"));
}

static void
test_usage (Fixture       *f,
            gconstpointer  data)
{
  g_auto(Run) none = { 0 };
  g_auto(Run) missing = { 0 };

  decode (&none, NULL);
  g_assert_cmpint (none.status, ==, 2);
  g_assert_nonnull (strstr (none.err, "Usage: tihuo-cli decode"));

  decode (&missing, "nowhere.png", NULL);
  g_assert_cmpint (missing.status, ==, 2);
  g_assert_nonnull (strstr (missing.err, "does not exist"));
}

static void
test_json (Fixture       *f,
           gconstpointer  data)
{
  g_auto(Run) r = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *results;

  decode (&r, "--json", "one.png", "blank.png", NULL);
  g_assert_cmpint (r.status, ==, 1);
  json_parser_load_from_data (parser, r.out, -1, &error);
  g_assert_no_error (error);
  results = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (results), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (
                     json_object_get_array_member (json_array_get_object_element (results, 0), "codes"), 0),
                   ==, "10000001");
  g_assert_true (json_object_has_member (json_array_get_object_element (results, 1), "error"));
}

/* A PNG of a few KiB declaring 30000 × 30000 pixels (3.6 GB decoded) is
 * refused from its header, with a message, and the other files are still
 * read: as a file, and as a stream (a pipe, which is how the GUI's pasted
 * pictures load too). tihuo-cli runs with 1 GiB of address space, so a
 * decode that started would fail rather than succeed slowly. */
static void
test_bomb (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GBytes) bomb = th_test_png_bomb (30000, 30000);
  g_auto(Run) file = { 0 };
  g_auto(Run) piped = { 0 };

  g_assert_cmpuint (g_bytes_get_size (bomb), <, 16384);
  decode (&file, "bomb.png", "one.png", NULL);
  g_test_message ("%s", file.err);
  g_assert_cmpint (file.status, ==, 2);
  g_assert_cmpstr (file.out, ==, "one.png\t10000001\n");
  g_assert_nonnull (strstr (file.err, "bomb.png"));
  g_assert_nonnull (strstr (file.err, "30000 × 30000 pixels"));
  g_assert_nonnull (strstr (file.err, "40 megapixels"));

  decode_input (&piped, bomb, "/dev/stdin", NULL);
  g_test_message ("%s", piped.err);
  g_assert_cmpint (piped.status, ==, 2);
  g_assert_nonnull (strstr (piped.err, "30000 × 30000 pixels"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/tihuo/cli-decode/codes", test_codes);
  ADD ("/tihuo/cli-decode/no-code", test_no_code);
  ADD ("/tihuo/cli-decode/corrupt", test_corrupt);
  ADD ("/tihuo/cli-decode/usage", test_usage);
  ADD ("/tihuo/cli-decode/json", test_json);
  ADD ("/tihuo/cli-decode/bomb", test_bomb);
#undef ADD

  return g_test_run ();
}
