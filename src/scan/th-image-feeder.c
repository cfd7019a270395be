/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The picture-folder camera, for demos and tests. Pictures are loaded with
 * gdk-pixbuf, as "scan from image" loads them, so both paths see the same
 * pixels. */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gst/app/gstappsrc.h>
#include <gst/video/video.h>

#include "th-image-feeder-private.h"

typedef struct {
  GPtrArray *paths;
  guint      fps;
  guint      hold;
  gboolean   loop;
  guint      next;       /* index of the next picture to load */
  guint      failures;   /* pictures in a row that could not be read */
  guint      shown;      /* frames pushed of the current picture */
  guint64    frame;      /* frames pushed in all */
  GstSample *current;
} Feeder;

static void
feeder_free (gpointer data)
{
  Feeder *f = data;

  g_ptr_array_unref (f->paths);
  if (f->current != NULL)
    gst_sample_unref (f->current);
  g_free (f);
}

static GstSample *
load_picture (const char *path,
              guint       fps)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_file (path, &error);
  g_autoptr(GstBuffer) buffer = NULL;
  g_autoptr(GstCaps) caps = NULL;
  GstVideoInfo info;
  GstMapInfo map;
  int stride;

  if (pixbuf == NULL)
    {
      g_debug ("Camera source: skipping %s: %s", path, error->message);
      return NULL;
    }
  gst_video_info_set_format (&info, gdk_pixbuf_get_has_alpha (pixbuf) ? GST_VIDEO_FORMAT_RGBA : GST_VIDEO_FORMAT_RGB,
                             (guint) gdk_pixbuf_get_width (pixbuf), (guint) gdk_pixbuf_get_height (pixbuf));
  GST_VIDEO_INFO_FPS_N (&info) = (int) fps;
  GST_VIDEO_INFO_FPS_D (&info) = 1;
  stride = GST_VIDEO_INFO_PLANE_STRIDE (&info, 0);

  buffer = gst_buffer_new_allocate (NULL, GST_VIDEO_INFO_SIZE (&info), NULL);
  gst_buffer_map (buffer, &map, GST_MAP_WRITE);
  for (int y = 0; y < gdk_pixbuf_get_height (pixbuf); y++)
    memcpy (map.data + (gsize) y * stride,
            gdk_pixbuf_read_pixels (pixbuf) + (gsize) y * gdk_pixbuf_get_rowstride (pixbuf),
            (gsize) gdk_pixbuf_get_width (pixbuf) * gdk_pixbuf_get_n_channels (pixbuf));
  gst_buffer_unmap (buffer, &map);

  caps = gst_video_info_to_caps (&info);
  return gst_sample_new (buffer, caps, NULL, NULL);
}

static void
need_data_cb (GstAppSrc *src,
              guint      length,
              gpointer   user_data)
{
  Feeder *f = user_data;
  g_autoptr(GstBuffer) buffer = NULL;
  g_autoptr(GstSample) sample = NULL;

  while (f->current == NULL || f->shown >= f->hold)
    {
      g_clear_pointer (&f->current, gst_sample_unref);
      f->shown = 0;
      if (f->next >= f->paths->len)
        {
          if (!f->loop)
            {
              gst_app_src_end_of_stream (src);
              return;
            }
          f->next = 0;
        }
      f->current = load_picture (f->paths->pdata[f->next++], f->fps);
      f->failures = f->current ? 0 : f->failures + 1;
      /* Looping over pictures none of which loads would never end. */
      if (f->failures >= f->paths->len)
        {
          gst_app_src_end_of_stream (src);
          return;
        }
    }

  buffer = gst_buffer_copy (gst_sample_get_buffer (f->current));
  GST_BUFFER_PTS (buffer) = gst_util_uint64_scale (f->frame, GST_SECOND, f->fps);
  GST_BUFFER_DURATION (buffer) = gst_util_uint64_scale (1, GST_SECOND, f->fps);
  sample = gst_sample_new (buffer, gst_sample_get_caps (f->current), NULL, NULL);
  /* A new picture's caps travel with its first frame. */
  gst_app_src_push_sample (src, sample);
  f->frame++;
  f->shown++;
}

GstElement *
_th_image_feeder_new (GPtrArray *paths,
                      guint      fps,
                      guint      hold,
                      gboolean   loop)
{
  GstAppSrcCallbacks callbacks = { .need_data = need_data_cb };
  GstElement *src = gst_element_factory_make ("appsrc", NULL);
  Feeder *f = g_new0 (Feeder, 1);

  g_assert (src != NULL && paths->len > 0 && fps > 0 && hold > 0);

  f->paths = g_ptr_array_new_full (paths->len, g_free);
  for (guint i = 0; i < paths->len; i++)
    g_ptr_array_add (f->paths, g_strdup (paths->pdata[i]));
  f->fps = fps;
  f->hold = hold;
  f->loop = loop;

  g_object_set (src, "format", GST_FORMAT_TIME, NULL);
  gst_app_src_set_callbacks (GST_APP_SRC (src), &callbacks, f, feeder_free);
  return src;
}
