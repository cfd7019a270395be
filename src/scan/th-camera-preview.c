/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Debian 12 has no gtk4paintablesink: the preview is an RGBA appsink whose
 * frames are wrapped, without copying, in GdkMemoryTextures. */
#include "config.h"

#include <gst/app/gstappsink.h>
#include <gst/video/video.h>

#include "th-camera-private.h"

struct _ThCameraPreview
{
  GMutex        lock;
  GstSample    *pending;     /* under lock: the newest frame not shown yet */
  gboolean      scheduled;   /* under lock: a flush is on its way */
  GMainContext *context;
  ThCamera     *owner;       /* main thread only */
};

typedef struct {
  GstVideoFrame frame;
} MappedFrame;

static void
preview_clear (gpointer data)
{
  ThCameraPreview *preview = data;

  g_mutex_clear (&preview->lock);
  g_clear_pointer (&preview->pending, gst_sample_unref);
  g_main_context_unref (preview->context);
}

static void
preview_release (gpointer data)
{
  g_atomic_rc_box_release_full (data, preview_clear);
}

static void
mapped_frame_free (gpointer data)
{
  MappedFrame *m = data;

  gst_video_frame_unmap (&m->frame);
  g_free (m);
}

/* The texture keeps the frame mapped, and so its buffer alive, for as long
 * as GTK needs the pixels. */
static GdkTexture *
texture_from_sample (GstSample *sample)
{
  MappedFrame *m = g_new0 (MappedFrame, 1);
  g_autoptr(GBytes) bytes = NULL;
  GstVideoInfo info;
  gsize stride;

  if (!gst_video_info_from_caps (&info, gst_sample_get_caps (sample)) ||
      GST_VIDEO_INFO_FORMAT (&info) != GST_VIDEO_FORMAT_RGBA ||
      !gst_video_frame_map (&m->frame, &info, gst_sample_get_buffer (sample), GST_MAP_READ))
    {
      g_free (m);
      return NULL;
    }
  stride = (gsize) GST_VIDEO_FRAME_PLANE_STRIDE (&m->frame, 0);
  bytes = g_bytes_new_with_free_func (GST_VIDEO_FRAME_PLANE_DATA (&m->frame, 0),
                                      stride * GST_VIDEO_FRAME_HEIGHT (&m->frame),
                                      mapped_frame_free, m);
  return gdk_memory_texture_new (GST_VIDEO_INFO_WIDTH (&info), GST_VIDEO_INFO_HEIGHT (&info),
                                 GDK_MEMORY_R8G8B8A8, bytes, stride);
}

static gboolean
flush (gpointer data)
{
  ThCameraPreview *preview = data;
  g_autoptr(GstSample) sample = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  g_mutex_lock (&preview->lock);
  sample = g_steal_pointer (&preview->pending);
  preview->scheduled = FALSE;
  g_mutex_unlock (&preview->lock);

  /* Textures are made here, on the main thread, as GDK expects. */
  if (sample != NULL && preview->owner != NULL && (texture = texture_from_sample (sample)))
    _th_camera_take_texture (preview->owner, texture);
  return G_SOURCE_REMOVE;
}

static GstFlowReturn
new_sample_cb (GstAppSink *sink,
               gpointer    user_data)
{
  ThCameraPreview *preview = user_data;
  GstSample *sample = gst_app_sink_pull_sample (sink);
  gboolean schedule;

  if (sample == NULL)
    return GST_FLOW_OK;

  g_mutex_lock (&preview->lock);
  g_clear_pointer (&preview->pending, gst_sample_unref);
  preview->pending = sample;
  schedule = !preview->scheduled;
  preview->scheduled = TRUE;
  g_mutex_unlock (&preview->lock);

  if (schedule)
    {
      g_autoptr(GSource) source = g_idle_source_new ();

      /* Above redraws' priority would starve them; below it, frames wait
       * for the next redraw, which is when they are needed. */
      g_source_set_priority (source, G_PRIORITY_DEFAULT_IDLE);
      g_source_set_callback (source, flush, g_atomic_rc_box_acquire (preview), preview_release);
      g_source_set_static_name (source, "[tihuo] camera preview");
      g_source_attach (source, preview->context);
    }
  return GST_FLOW_OK;
}

ThCameraPreview *
_th_camera_preview_new (ThCamera *camera)
{
  ThCameraPreview *preview = g_atomic_rc_box_new0 (ThCameraPreview);

  g_mutex_init (&preview->lock);
  preview->context = g_main_context_ref_thread_default ();
  preview->owner = camera;
  return preview;
}

GstElement *
_th_camera_preview_make_bin (ThCameraPreview *preview)
{
  GstAppSinkCallbacks callbacks = { .new_sample = new_sample_cb };
  GstElement *bin = gst_bin_new ("preview-branch");
  GstElement *queue = gst_element_factory_make ("queue", NULL);
  GstElement *convert = gst_element_factory_make ("videoconvert", NULL);
  GstElement *filter = gst_element_factory_make ("capsfilter", NULL);
  GstElement *sink = gst_element_factory_make ("appsink", NULL);
  g_autoptr(GstCaps) caps = gst_caps_from_string ("video/x-raw, format=(string)RGBA");
  g_autoptr(GstPad) pad = NULL;

  g_assert (queue != NULL && convert != NULL && filter != NULL && sink != NULL);

  g_object_set (queue, "max-size-buffers", 1, "max-size-bytes", 0, "max-size-time", (guint64) 0, NULL);
  gst_util_set_object_arg (G_OBJECT (queue), "leaky", "downstream");
  g_object_set (filter, "caps", caps, NULL);
  g_object_set (sink, "max-buffers", 1, "drop", TRUE, "sync", FALSE, "enable-last-sample", FALSE, NULL);
  gst_app_sink_set_callbacks (GST_APP_SINK (sink), &callbacks, g_atomic_rc_box_acquire (preview),
                              preview_release);

  gst_bin_add_many (GST_BIN (bin), queue, convert, filter, sink, NULL);
  if (!gst_element_link_many (queue, convert, filter, sink, NULL))
    g_assert_not_reached ();
  pad = gst_element_get_static_pad (queue, "sink");
  gst_element_add_pad (bin, gst_ghost_pad_new ("sink", pad));
  return bin;
}

void
_th_camera_preview_detach (ThCameraPreview *preview)
{
  preview->owner = NULL;
  preview_release (preview);
}
