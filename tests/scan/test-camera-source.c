/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Camera source strings, and the source bins they make. */
#include "config.h"

#include <glib/gstdio.h>
#include <glib-unix.h>

#include "th-camera-portal.h"
#include "th-camera-source.h"
#include "th-scan-error.h"

static void
test_parse (void)
{
  struct {
    const char         *text;
    ThCameraSourceKind  kind;
    const char         *location;
    guint               fps, hold;
    gboolean            loop;
  } cases[] = {
    { NULL, TH_CAMERA_SOURCE_AUTO, NULL, 10, 10, TRUE },
    { "", TH_CAMERA_SOURCE_AUTO, NULL, 10, 10, TRUE },
    { "auto", TH_CAMERA_SOURCE_AUTO, NULL, 10, 10, TRUE },
    { "portal", TH_CAMERA_SOURCE_PORTAL, NULL, 10, 10, TRUE },
    { "v4l2", TH_CAMERA_SOURCE_V4L2, NULL, 10, 10, TRUE },
    { "v4l2:/dev/video2", TH_CAMERA_SOURCE_V4L2, "/dev/video2", 10, 10, TRUE },
    { "test", TH_CAMERA_SOURCE_TEST, "smpte", 10, 10, TRUE },
    { "test:ball", TH_CAMERA_SOURCE_TEST, "ball", 10, 10, TRUE },
    { "file:/srv/codes", TH_CAMERA_SOURCE_FILE, "/srv/codes", 10, 10, TRUE },
    { "/srv/codes/", TH_CAMERA_SOURCE_FILE, "/srv/codes", 10, 10, TRUE },
    { "file:/srv/a#b.png#fps=5,hold=2,once", TH_CAMERA_SOURCE_FILE, "/srv/a#b.png", 5, 2, FALSE },
  };
  const char *bad[] = { "camera", "v4l2:", "file:", "file:/x#fps=0", "file:/x#speed=2", "./relative" };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ThCameraSource) s = th_camera_source_parse (cases[i].text, &error);

      g_assert_no_error (error);
      g_assert_cmpint (s->kind, ==, cases[i].kind);
      g_assert_cmpstr (s->location, ==, cases[i].location);
      g_assert_cmpuint (s->fps, ==, cases[i].fps);
      g_assert_cmpuint (s->hold, ==, cases[i].hold);
      g_assert_cmpint (s->loop, ==, cases[i].loop);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ThCameraSource) s = th_camera_source_parse (bad[i], &error);

      g_assert_null (s);
      g_assert_error (error, TH_SCAN_ERROR, TH_SCAN_ERROR_INVALID_SOURCE);
    }
}

static void
assert_has_src_pad (GstElement *element)
{
  g_autoptr(GstPad) pad = gst_element_get_static_pad (element, "src");

  g_assert_nonnull (pad);
}

static void
test_elements (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThCameraSource) test = th_camera_source_parse ("test:ball", NULL);
  g_autoptr(ThCameraSource) portal = th_camera_source_parse ("portal", NULL);
  g_autoptr(ThCameraSource) missing = th_camera_source_parse ("v4l2:/dev/tihuo-none", NULL);
  g_autoptr(GstElement) element = NULL;
  int fds[2];

  element = gst_object_ref_sink (th_camera_source_make_element (test, -1, &error));
  g_assert_no_error (error);
  assert_has_src_pad (element);
  gst_clear_object (&element);

  g_assert_null (th_camera_source_make_element (missing, -1, &error));
  g_assert_error (error, TH_SCAN_ERROR, TH_SCAN_ERROR_NO_CAMERA);
  g_clear_error (&error);

  /* The portal's PipeWire remote is only a descriptor to the bin. */
  g_assert_true (th_camera_source_wants_portal (portal));
  g_assert_true (g_unix_open_pipe (fds, FD_CLOEXEC, NULL));
  element = th_camera_source_make_element (portal, fds[0], &error);
  if (element == NULL)
    {
      g_assert_error (error, TH_SCAN_ERROR, TH_SCAN_ERROR_MISSING_PLUGIN);
      g_test_message ("no pipewiresrc: %s", error->message);
    }
  else
    {
      gst_object_ref_sink (element);
      assert_has_src_pad (element);
    }
  g_close (fds[0], NULL);
  g_close (fds[1], NULL);
}

static void
test_devices (void)
{
  g_autoptr(GPtrArray) devices = th_camera_device_list ();
  ThCameraDevice *first = devices->pdata[0];

  /* "auto" always comes first, whatever the machine has. */
  g_assert_cmpuint (devices->len, >=, 1);
  g_assert_cmpstr (first->source, ==, "auto");
  for (guint i = 1; i < devices->len; i++)
    g_assert_true (g_str_has_prefix (((ThCameraDevice *) devices->pdata[i])->source, "v4l2:"));
  g_assert_false (th_camera_portal_is_needed ());
}

int
main (int   argc,
      char *argv[])
{
  gst_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tihuo/camera-source/parse", test_parse);
  g_test_add_func ("/tihuo/camera-source/elements", test_elements);
  g_test_add_func ("/tihuo/camera-source/devices", test_devices);

  return g_test_run ();
}
