/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ThCamera running its real pipeline on a folder of pictures: codes read by
 * the camera get the same verdicts as the same text typed by a keyboard
 * scanner, duplicates are suppressed, and failures are states. */
#include "config.h"

#include <glib/gstdio.h>

#include "th-camera.h"
#include "th-qr-synth.h"
#include "th-test-util.h"
#include "th-verifier.h"

typedef struct {
  ThTestFixture  base;
  char          *pictures;
  GPtrArray     *texts;     /* what the pictures hold, in order */
  GPtrArray     *decoded;   /* what ::code-decoded said */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  th_test_fixture_set_up (&f->base, data);
  f->pictures = g_build_filename (f->base.dir, "pictures", NULL);
  g_assert_cmpint (g_mkdir (f->pictures, 0700), ==, 0);
  f->texts = g_ptr_array_new_with_free_func (g_free);
  f->decoded = g_ptr_array_new_with_free_func (g_free);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->pictures, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (f->pictures, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->pictures);
  g_free (f->pictures);
  g_ptr_array_unref (f->texts);
  g_ptr_array_unref (f->decoded);
  th_test_fixture_tear_down (&f->base, data);
}

static void
add_picture (Fixture    *f,
             const char *text)
{
  g_autoptr(ThGray) gray = th_synth_code_picture (text, 4);
  g_autofree char *name = g_strdup_printf ("%03u.png", f->texts->len);
  g_autofree char *path = g_build_filename (f->pictures, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (th_gray_save_png (gray, path, &error));
  g_ptr_array_add (f->texts, g_strdup (text));
}

static void
code_decoded_cb (ThCamera   *camera,
                 const char *text,
                 Fixture    *f)
{
  g_ptr_array_add (f->decoded, g_strdup (text));
}

static gboolean
timed_out_cb (gpointer user_data)
{
  g_error ("the camera did not finish in time");
  return G_SOURCE_REMOVE;
}

/* Runs the camera on the pictures, once, until it reaches its end. Each
 * picture stays 0.2 s, so that a busy machine still decodes one of its
 * frames; TIHUO_TEST_CAMERA_OPTIONS slows it down further, e.g. under
 * valgrind. */
static ThCamera *
run_camera (Fixture *f)
{
  const char *options = g_getenv ("TIHUO_TEST_CAMERA_OPTIONS");
  g_autofree char *source = g_strdup_printf ("file:%s#%s", f->pictures,
                                             options ? options : "fps=15,hold=3,once");
  ThCamera *camera = th_camera_new (source);
  guint timeout = g_timeout_add_seconds (60, timed_out_cb, NULL);

  g_signal_connect (camera, "code-decoded", G_CALLBACK (code_decoded_cb), f);
  th_camera_set_active (camera, TRUE);
  while (th_camera_get_state (camera) == TH_CAMERA_STATE_STARTING ||
         th_camera_get_state (camera) == TH_CAMERA_STATE_RUNNING)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_source_remove (timeout);
  g_assert_cmpstr (th_camera_get_error_message (camera), ==, NULL);
  g_assert_cmpint (th_camera_get_state (camera), ==, TH_CAMERA_STATE_FINISHED);
  return camera;
}

static void
test_verdicts (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(JsonNode) vectors = th_test_load_json ("pickup-codes.json");
  JsonArray *cases = json_object_get_array_member (json_node_get_object (vectors), "cases");
  g_autoptr(JsonNode) order = th_test_make_order (42, "20000042", "1234", 2);
  g_autofree char *known = th_test_sign (&f->base, 1, TH_TEST_STATION, 42);
  g_autofree char *provisional = th_test_sign (&f->base, 2, TH_TEST_STATION, 777);
  g_autofree char *elsewhere = th_test_sign (&f->base, 1, TH_TEST_STATION + 1, 43);
  g_autoptr(ThCamera) camera = NULL;

  th_test_import (f->base.db, order);
  add_picture (f, known);
  add_picture (f, provisional);
  add_picture (f, elsewhere);
  add_picture (f, "20000042");
  add_picture (f, "2000-0042");
  add_picture (f, "99999999");
  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      const char *code = json_object_get_string_member (json_array_get_object_element (cases, i), "code");
      if (*code != '\0')   /* an empty code cannot be drawn */
        add_picture (f, code);
    }

  camera = run_camera (f);
  g_assert_cmpuint (f->decoded->len, ==, f->texts->len);
  for (guint i = 0; i < f->texts->len; i++)
    {
      const char *typed = f->texts->pdata[i];
      g_autoptr(ThVerification) by_keyboard = NULL;
      g_autoptr(ThVerification) by_camera = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (g_ptr_array_find_with_equal_func (f->decoded, typed, g_str_equal, NULL));
      by_keyboard = th_verifier_verify_code (f->base.db, typed, TH_TEST_NOW, &error);
      g_assert_no_error (error);
      by_camera = th_verifier_verify_code (f->base.db, f->decoded->pdata[i], TH_TEST_NOW, &error);
      g_assert_no_error (error);
      g_test_message ("%03u: %s", i, th_verdict_to_string (by_keyboard->verdict));
      g_assert_cmpint (by_camera->verdict, ==, by_keyboard->verdict);
      g_assert_cmpint (by_camera->provisional, ==, by_keyboard->provisional);
    }

  /* The preview saw the last picture. */
  g_assert_nonnull (th_camera_get_texture (camera));
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (GDK_PAINTABLE (camera)), >, 0);
}

static void
test_duplicates (Fixture       *f,
                 gconstpointer  data)
{
  const char *sequence[] = { "A", "A", "B", "A", "B", "A" };
  g_autofree char *a = th_test_sign (&f->base, 1, TH_TEST_STATION, 1);
  g_autofree char *b = th_test_sign (&f->base, 1, TH_TEST_STATION, 2);
  g_autoptr(ThCamera) camera = NULL;
  ThFrameScannerStats stats;

  /* 1.2 s in all: well inside the 3 s window. */
  for (guint i = 0; i < G_N_ELEMENTS (sequence); i++)
    add_picture (f, *sequence[i] == 'A' ? a : b);
  camera = run_camera (f);
  th_camera_get_stats (camera, &stats);
  g_test_message ("%u frames, %u decoded, %u reads", stats.frames, stats.decoded, stats.reads);

  g_assert_cmpuint (f->decoded->len, ==, 2);
  g_assert_cmpstr (f->decoded->pdata[0], ==, a);
  g_assert_cmpstr (f->decoded->pdata[1], ==, b);
  g_assert_cmpuint (stats.decoded, >, 2);
}

static void
test_no_code (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(ThGray) blank = th_gray_new (320, 240, 200);
  g_autofree char *path = g_build_filename (f->pictures, "blank.png", NULL);
  g_autoptr(ThCamera) camera = NULL;

  g_assert_true (th_gray_save_png (blank, path, NULL));
  camera = run_camera (f);
  g_assert_cmpuint (f->decoded->len, ==, 0);
}

static void
expect_state (const char    *source,
              ThCameraState  state)
{
  g_autoptr(ThCamera) camera = th_camera_new (source);

  th_camera_set_active (camera, TRUE);
  g_test_message ("%s: %s", source, th_camera_get_error_message (camera));
  g_assert_cmpint (th_camera_get_state (camera), ==, state);
  g_assert_nonnull (th_camera_get_error_message (camera));
  g_assert_true (th_camera_get_active (camera));

  th_camera_set_active (camera, FALSE);
  g_assert_cmpint (th_camera_get_state (camera), ==, TH_CAMERA_STATE_OFF);
  g_assert_null (th_camera_get_error_message (camera));
  g_assert_finalize_object (g_steal_pointer (&camera));
}

static void
test_failures (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *empty = g_strconcat ("file:", f->pictures, NULL);

  expect_state ("bogus", TH_CAMERA_STATE_FAILED);
  expect_state ("file:/nonexistent/tihuo", TH_CAMERA_STATE_FAILED);
  expect_state ("file:/tmp#fps=1000", TH_CAMERA_STATE_FAILED);
  expect_state (empty, TH_CAMERA_STATE_FAILED);
  expect_state ("v4l2:/dev/tihuo-no-such-camera", TH_CAMERA_STATE_NO_CAMERA);
}

/* Turned off mid-stream: the pipeline and worker stop, nothing leaks. */
static void
test_stop (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *source = NULL;
  ThFrameScannerStats before, after;
  ThCamera *camera;

  add_picture (f, "10000001");
  source = g_strdup_printf ("file:%s#fps=30", f->pictures);
  camera = th_camera_new (source);
  th_camera_set_active (camera, TRUE);
  while (th_camera_get_texture (camera) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (th_camera_get_state (camera), ==, TH_CAMERA_STATE_RUNNING);

  th_camera_set_active (camera, FALSE);
  g_assert_cmpint (th_camera_get_state (camera), ==, TH_CAMERA_STATE_OFF);

  /* And on again: the scan branch moves into a new pipeline. */
  th_camera_get_stats (camera, &before);
  th_camera_set_active (camera, TRUE);
  do
    {
      g_main_context_iteration (NULL, TRUE);
      th_camera_get_stats (camera, &after);
    }
  while (after.decoded == before.decoded || th_camera_get_state (camera) != TH_CAMERA_STATE_RUNNING);
  th_camera_set_active (camera, FALSE);

  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (camera);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/tihuo/camera/verdicts", test_verdicts);
  ADD ("/tihuo/camera/duplicates", test_duplicates);
  ADD ("/tihuo/camera/no-code", test_no_code);
  ADD ("/tihuo/camera/failures", test_failures);
  ADD ("/tihuo/camera/stop", test_stop);
#undef ADD

  return g_test_run ();
}
