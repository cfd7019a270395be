/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "th-camera-portal.h"
#include "th-camera-source.h"
#include "th-image-feeder-private.h"
#include "th-scan-error.h"

/* 720p is plenty for a QR code at arm's length, and keeps decoding inside
 * its budget. Motion JPEG first: most webcams give 720p at 30 fps only that
 * way, and a laggy preview makes people hold the phone badly. */
#define CAMERA_CAPS \
  "image/jpeg, width=(int)1280, height=(int)720; " \
  "video/x-raw, width=(int)1280, height=(int)720; " \
  "video/x-raw, width=(int)[1, 1280], height=(int)[1, 720]; " \
  "image/jpeg, width=(int)[1, 1280], height=(int)[1, 720]"

static gboolean
parse_options (ThCameraSource  *source,
               const char      *options,
               GError         **error)
{
  g_auto(GStrv) parts = g_strsplit (options, ",", -1);

  for (guint i = 0; parts[i]; i++)
    {
      guint64 n;

      if (g_str_equal (parts[i], "once"))
        source->loop = FALSE;
      else if (g_str_has_prefix (parts[i], "fps=") &&
               g_ascii_string_to_unsigned (parts[i] + 4, 10, 1, 120, &n, NULL))
        source->fps = (guint) n;
      else if (g_str_has_prefix (parts[i], "hold=") &&
               g_ascii_string_to_unsigned (parts[i] + 5, 10, 1, 100000, &n, NULL))
        source->hold = (guint) n;
      else
        {
          g_set_error (error, TH_SCAN_ERROR, TH_SCAN_ERROR_INVALID_SOURCE,
                       _("“%s” is not a file source option. Use fps=N, hold=N or once."), parts[i]);
          return FALSE;
        }
    }
  return TRUE;
}

static char *
first_v4l2_device (void)
{
  g_autoptr(GPtrArray) devices = th_camera_device_list ();

  /* Entry 0 is "auto" itself. */
  if (devices->len < 2)
    return NULL;
  return g_strdup (((ThCameraDevice *) devices->pdata[1])->source + strlen ("v4l2:"));
}

static GstElement *
make (const char  *factory,
      GError     **error)
{
  GstElement *element = gst_element_factory_make (factory, NULL);

  if (element == NULL)
    g_set_error (error, TH_SCAN_ERROR, TH_SCAN_ERROR_MISSING_PLUGIN,
                 _("The GStreamer element “%s” is not installed. Install the GStreamer plugins "
                   "from your distribution, then turn the camera on again."), factory);
  return element;
}

/* Decoders add their pads once they know the stream: link the first video
 * one to @user_data. */
static void
decoder_pad_added_cb (GstElement *decoder,
                      GstPad     *pad,
                      gpointer    user_data)
{
  g_autoptr(GstPad) sink = gst_element_get_static_pad (GST_ELEMENT (user_data), "sink");
  g_autoptr(GstCaps) caps = gst_pad_query_caps (pad, NULL);
  const char *name = gst_structure_get_name (gst_caps_get_structure (caps, 0));

  if (!gst_pad_is_linked (sink) && g_str_has_prefix (name, "video/"))
    gst_pad_link (pad, sink);
}

/* A bin of @elements linked in order, but for a decoder (dynamic pads)
 * followed by its consumer; the last element's src pad is the bin's. */
static GstElement *
make_bin (GstElement **elements,
          guint        n)
{
  GstElement *bin = gst_bin_new ("camera-source");
  g_autoptr(GstPad) src = NULL;

  for (guint i = 0; i < n; i++)
    gst_bin_add (GST_BIN (bin), elements[i]);
  for (guint i = 0; i + 1 < n; i++)
    {
      const char *factory = GST_OBJECT_NAME (gst_element_get_factory (elements[i]));

      if (g_str_equal (factory, "decodebin") || g_str_equal (factory, "uridecodebin"))
        g_signal_connect_object (elements[i], "pad-added", G_CALLBACK (decoder_pad_added_cb),
                                 elements[i + 1], 0);
      else if (!gst_element_link (elements[i], elements[i + 1]))
        g_assert_not_reached ();
    }
  src = gst_element_get_static_pad (elements[n - 1], "src");
  gst_element_add_pad (bin, gst_ghost_pad_new ("src", src));
  return bin;
}

/* A live camera, then whatever decoding its caps need. */
static GstElement *
make_camera (GstElement  *camera,
             GError     **error)
{
  GstElement *parts[4] = { camera, NULL, NULL, NULL };
  g_autoptr(GstCaps) caps = gst_caps_from_string (CAMERA_CAPS);

  if (!(parts[1] = make ("capsfilter", error)) ||
      !(parts[2] = make ("decodebin", error)) ||
      !(parts[3] = make ("identity", error)))
    {
      for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
        if (parts[i] != NULL)
          gst_object_unref (gst_object_ref_sink (parts[i]));
      return NULL;
    }
  g_object_set (parts[1], "caps", caps, NULL);
  return make_bin (parts, G_N_ELEMENTS (parts));
}

static GstElement *
make_v4l2 (const char  *device,
           GError     **error)
{
  g_autofree char *found = NULL;
  GstElement *v4l2;

  if (device == NULL)
    device = found = first_v4l2_device ();
  if (device == NULL || !g_file_test (device, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, TH_SCAN_ERROR, TH_SCAN_ERROR_NO_CAMERA,
                   _("No camera found. Connect a camera and turn it on again, or scan codes with "
                     "a hand-held scanner."));
      return NULL;
    }
  if (!(v4l2 = make ("v4l2src", error)))
    return NULL;
  g_object_set (v4l2, "device", device, NULL);
  return make_camera (v4l2, error);
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static GstElement *
make_file (const ThCameraSource  *source,
           GError               **error)
{
  g_autoptr(GPtrArray) pictures = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *type = g_content_type_guess (source->location, NULL, 0, NULL);
  GstElement *parts[2] = { NULL, NULL };

  if (g_file_test (source->location, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (source->location, 0, error);
      const char *name;

      if (dir == NULL)
        return NULL;
      while ((name = g_dir_read_name (dir)))
        {
          g_autofree char *t = g_content_type_guess (name, NULL, 0, NULL);
          if (g_content_type_is_mime_type (t, "image/*"))
            g_ptr_array_add (pictures, g_build_filename (source->location, name, NULL));
        }
      g_ptr_array_sort (pictures, compare_paths);
      if (pictures->len == 0)
        {
          g_set_error (error, TH_SCAN_ERROR, TH_SCAN_ERROR_INVALID_SOURCE,
                       _("The folder “%s” holds no pictures."), source->location);
          return NULL;
        }
    }
  else if (!g_file_test (source->location, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, TH_SCAN_ERROR, TH_SCAN_ERROR_INVALID_SOURCE,
                   _("The camera source “%s” does not exist."), source->location);
      return NULL;
    }
  else if (g_content_type_is_mime_type (type, "image/*"))
    g_ptr_array_add (pictures, g_strdup (source->location));

  if (!(parts[1] = make ("clocksync", error)))
    return NULL;
  if (pictures->len > 0)
    parts[0] = _th_image_feeder_new (pictures, source->fps, source->hold, source->loop);
  else if ((parts[0] = make ("uridecodebin", error)))
    {
      g_autofree char *uri = g_filename_to_uri (source->location, NULL, NULL);
      g_object_set (parts[0], "uri", uri, NULL);
    }
  if (parts[0] == NULL)
    {
      gst_object_unref (gst_object_ref_sink (parts[1]));
      return NULL;
    }
  return make_bin (parts, 2);
}

ThCameraSource *
th_camera_source_parse (const char  *text,
                        GError     **error)
{
  g_autoptr(ThCameraSource) source = g_new0 (ThCameraSource, 1);

  source->fps = 10;
  source->hold = 10;
  source->loop = TRUE;

  if (text == NULL || *text == '\0' || g_str_equal (text, "auto"))
    source->kind = TH_CAMERA_SOURCE_AUTO;
  else if (g_str_equal (text, "portal"))
    source->kind = TH_CAMERA_SOURCE_PORTAL;
  else if (g_str_equal (text, "v4l2") || (g_str_has_prefix (text, "v4l2:") && text[5] != '\0'))
    {
      source->kind = TH_CAMERA_SOURCE_V4L2;
      source->location = text[4] ? g_strdup (text + 5) : NULL;
    }
  else if (g_str_equal (text, "test") || g_str_has_prefix (text, "test:"))
    {
      source->kind = TH_CAMERA_SOURCE_TEST;
      source->location = g_strdup (text[4] ? text + 5 : "smpte");
    }
  else if ((g_str_has_prefix (text, "file:") && text[5] != '\0') || g_path_is_absolute (text))
    {
      const char *path = g_str_has_prefix (text, "file:") ? text + 5 : text;
      const char *hash = strrchr (path, '#');
      g_autofree char *plain = g_strndup (path, hash ? (gsize) (hash - path) : strlen (path));

      source->kind = TH_CAMERA_SOURCE_FILE;
      source->location = g_canonicalize_filename (plain, NULL);
      if (hash != NULL && !parse_options (source, hash + 1, error))
        return NULL;
    }
  else
    {
      g_set_error (error, TH_SCAN_ERROR, TH_SCAN_ERROR_INVALID_SOURCE,
                   _("“%s” is not a camera source. Use auto, v4l2:/dev/video0, portal, test or "
                     "file:PATH."), text);
      return NULL;
    }
  return g_steal_pointer (&source);
}

void
th_camera_source_free (ThCameraSource *source)
{
  if (source == NULL)
    return;
  g_free (source->location);
  g_free (source);
}

gboolean
th_camera_source_wants_portal (const ThCameraSource *source)
{
  g_return_val_if_fail (source != NULL, FALSE);

  return source->kind == TH_CAMERA_SOURCE_PORTAL ||
         (source->kind == TH_CAMERA_SOURCE_AUTO && th_camera_portal_is_needed ());
}

GstElement *
th_camera_source_make_element (const ThCameraSource  *source,
                               int                    pipewire_fd,
                               GError               **error)
{
  GstElement *element;

  g_return_val_if_fail (source != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  switch (source->kind)
    {
    case TH_CAMERA_SOURCE_AUTO:
    case TH_CAMERA_SOURCE_PORTAL:
      if (!th_camera_source_wants_portal (source))
        return make_v4l2 (NULL, error);
      g_return_val_if_fail (pipewire_fd >= 0, NULL);
      if (!(element = make ("pipewiresrc", error)))
        return NULL;
      g_object_set (element, "fd", pipewire_fd, NULL);
      return make_camera (element, error);
    case TH_CAMERA_SOURCE_V4L2:
      return make_v4l2 (source->location, error);
    case TH_CAMERA_SOURCE_TEST:
      if (!(element = make ("videotestsrc", error)))
        return NULL;
      g_object_set (element, "is-live", TRUE, NULL);
      gst_util_set_object_arg (G_OBJECT (element), "pattern", source->location);
      return element;
    case TH_CAMERA_SOURCE_FILE:
      return make_file (source, error);
    default:
      g_assert_not_reached ();
    }
}
