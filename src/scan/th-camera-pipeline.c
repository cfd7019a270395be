/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ThCamera's pipeline: source ! tee, then the preview branch and the scan
 * branch; the camera portal first under Flatpak; bus messages turned into
 * :state. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "th-camera-portal.h"
#include "th-camera-private.h"
#include "th-camera-source.h"
#include "th-scan-error.h"

void
_th_camera_teardown (ThCamera *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->pipeline != NULL)
    {
      gst_element_set_state (self->pipeline, GST_STATE_NULL);
      /* The scan branch is ours and goes into the next pipeline. */
      gst_bin_remove (GST_BIN (self->pipeline), th_frame_scanner_get_element (self->scanner));
      g_clear_handle_id (&self->bus_watch, g_source_remove);
      gst_clear_object (&self->pipeline);
    }
  /* After the pipeline: the worker then has nothing left to pull. */
  th_frame_scanner_stop (self->scanner);
  if (self->pipewire_fd >= 0)
    {
      g_close (self->pipewire_fd, NULL);
      self->pipewire_fd = -1;
    }
}

static void
fail (ThCamera     *self,
      const GError *error)
{
  ThCameraState state = TH_CAMERA_STATE_FAILED;

  if (g_error_matches (error, TH_SCAN_ERROR, TH_SCAN_ERROR_NO_CAMERA))
    state = TH_CAMERA_STATE_NO_CAMERA;
  else if (g_error_matches (error, TH_SCAN_ERROR, TH_SCAN_ERROR_PERMISSION_DENIED))
    state = TH_CAMERA_STATE_PERMISSION_DENIED;
  _th_camera_teardown (self);
  _th_camera_set_state (self, state, error->message);
}

/* GStreamer's own errors, in words that say what to do. */
static void
fail_with_gst_error (ThCamera     *self,
                     const GError *gst_error,
                     const char   *debug)
{
  g_autoptr(GError) error = NULL;

  g_debug ("Camera error: %s (%s)", gst_error->message, debug ? debug : "");
  if (g_error_matches (gst_error, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_NOT_FOUND))
    error = g_error_new (TH_SCAN_ERROR, TH_SCAN_ERROR_NO_CAMERA,
                         _("The camera is gone. Connect it again, then turn the camera on."));
  else if (g_error_matches (gst_error, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_NOT_AUTHORIZED) ||
           (debug != NULL && strstr (debug, "Permission denied") != NULL))
    error = g_error_new (TH_SCAN_ERROR, TH_SCAN_ERROR_PERMISSION_DENIED,
                         _("Tihuo may not use the camera. Ask whoever set up this computer to "
                           "allow it, then turn the camera on again."));
  else if (gst_error->domain == GST_RESOURCE_ERROR)
    error = g_error_new (TH_SCAN_ERROR, TH_SCAN_ERROR_FAILED,
                         _("The camera could not be used (%s). Close other apps that use it, "
                           "then turn the camera on again."), gst_error->message);
  else
    error = g_error_new (TH_SCAN_ERROR, TH_SCAN_ERROR_FAILED,
                         _("The camera stopped (%s). Turn it on again."), gst_error->message);
  fail (self, error);
}

static gboolean
bus_message_cb (GstBus     *bus,
                GstMessage *message,
                gpointer    user_data)
{
  ThCamera *self = TH_CAMERA (user_data);

  switch (GST_MESSAGE_TYPE (message))
    {
    case GST_MESSAGE_ERROR:
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *debug = NULL;

        gst_message_parse_error (message, &error, &debug);
        self->bus_watch = 0;
        fail_with_gst_error (self, error, debug);
        return G_SOURCE_REMOVE;
      }
    case GST_MESSAGE_EOS:
      /* Stopping joins the worker, so every code read is already queued
       * for ::code-decoded when :state says finished. */
      self->bus_watch = 0;
      _th_camera_teardown (self);
      _th_camera_set_state (self, TH_CAMERA_STATE_FINISHED, NULL);
      return G_SOURCE_REMOVE;
    case GST_MESSAGE_STATE_CHANGED:
      if (GST_MESSAGE_SRC (message) == GST_OBJECT (self->pipeline))
        {
          GstState new_state;

          gst_message_parse_state_changed (message, NULL, &new_state, NULL);
          if (new_state == GST_STATE_PLAYING && self->state == TH_CAMERA_STATE_STARTING)
            _th_camera_set_state (self, TH_CAMERA_STATE_RUNNING, NULL);
        }
      break;
    default:
      break;
    }
  return G_SOURCE_CONTINUE;
}

static void
build_pipeline (ThCamera             *self,
                const ThCameraSource *source)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GstBus) bus = NULL;
  GstElement *src, *tee, *preview;

  if (!(src = th_camera_source_make_element (source, self->pipewire_fd, &error)))
    {
      fail (self, error);
      return;
    }
  tee = gst_element_factory_make ("tee", NULL);
  preview = _th_camera_preview_make_bin (self->preview);
  self->pipeline = gst_object_ref_sink (gst_pipeline_new ("tihuo-camera"));
  gst_bin_add_many (GST_BIN (self->pipeline), src, tee, preview,
                    th_frame_scanner_get_element (self->scanner), NULL);
  if (!gst_element_link (src, tee) || !gst_element_link (tee, preview) ||
      !gst_element_link (tee, th_frame_scanner_get_element (self->scanner)))
    g_assert_not_reached ();

  bus = gst_pipeline_get_bus (GST_PIPELINE (self->pipeline));
  self->bus_watch = gst_bus_add_watch (bus, bus_message_cb, self);
  th_frame_scanner_start (self->scanner);
  /* A failure here arrives on the bus as an error message too. */
  gst_element_set_state (self->pipeline, GST_STATE_PLAYING);
}

static void
portal_opened_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ThCamera) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ThCameraSource) source = NULL;
  int fd = th_camera_portal_open_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (!self->active || self->state != TH_CAMERA_STATE_STARTING || self->pipeline != NULL)
    {
      /* Turned off, or another start, while the portal asked. */
      if (fd >= 0)
        g_close (fd, NULL);
      return;
    }
  g_clear_object (&self->cancellable);
  if (fd < 0)
    {
      fail (self, error);
      return;
    }
  self->pipewire_fd = fd;
  source = th_camera_source_parse ("portal", NULL);
  build_pipeline (self, source);
}

void
_th_camera_start (ThCamera *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThCameraSource) source = th_camera_source_parse (self->source, &error);

  _th_camera_teardown (self);
  if (source == NULL)
    {
      fail (self, error);
      return;
    }
  _th_camera_set_state (self, TH_CAMERA_STATE_STARTING, NULL);
  if (th_camera_source_wants_portal (source))
    {
      self->cancellable = g_cancellable_new ();
      th_camera_portal_open_async (self->cancellable, portal_opened_cb, g_object_ref (self));
      return;
    }
  build_pipeline (self, source);
}

