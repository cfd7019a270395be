/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "th-frame-scanner.h"

G_BEGIN_DECLS

typedef enum {
  TH_CAMERA_STATE_OFF,
  TH_CAMERA_STATE_STARTING,           /* asking the portal, or opening the camera */
  TH_CAMERA_STATE_RUNNING,
  TH_CAMERA_STATE_FINISHED,           /* a file source came to its end */
  TH_CAMERA_STATE_NO_CAMERA,
  TH_CAMERA_STATE_PERMISSION_DENIED,
  TH_CAMERA_STATE_FAILED,
} ThCameraState;

#define TH_TYPE_CAMERA_STATE (th_camera_state_get_type ())
GType th_camera_state_get_type (void);

/* The camera: owns the GStreamer pipeline, is the preview (a GdkPaintable
 * for a GtkPicture), and emits ::code-decoded on the main thread for each
 * code read, at most once per 3 s per code.
 *
 * Turn it on and off with :active; :state and :error-message say what is
 * going on, with messages ready to show. Failures are states, never
 * dialogs: the camera stays off until it is turned on again.
 *
 * :source is a string for th_camera_source_parse(): "auto", a V4L2
 * device, the portal, a test pattern, or pictures and videos on disk. */
#define TH_TYPE_CAMERA (th_camera_get_type ())

G_DECLARE_FINAL_TYPE (ThCamera, th_camera, TH, CAMERA, GObject)

ThCamera      *th_camera_new               (const char          *source);
const char    *th_camera_get_source        (ThCamera            *self);
/* Restarts the camera if it is on. */
void           th_camera_set_source        (ThCamera            *self,
                                            const char          *source);
gboolean       th_camera_get_active        (ThCamera            *self);
void           th_camera_set_active        (ThCamera            *self,
                                            gboolean             active);
ThCameraState  th_camera_get_state         (ThCamera            *self);
/* NULL unless the state is an error one. */
const char    *th_camera_get_error_message (ThCamera            *self);
/* The latest preview frame, or NULL before the first. */
GdkTexture    *th_camera_get_texture       (ThCamera            *self);
/* Read the code in view again now, e.g. after an undo. */
void           th_camera_reset_suppression (ThCamera            *self);
void           th_camera_get_stats         (ThCamera            *self,
                                            ThFrameScannerStats *stats);

G_END_DECLS
