/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "th-camera.h"

G_BEGIN_DECLS

/* The preview branch (th-camera-preview.c): frames reach the camera on the
 * main thread, where they become GdkTextures. Only the newest frame is
 * kept; the main loop never gets a backlog. */
typedef struct _ThCameraPreview ThCameraPreview;

struct _ThCamera
{
  GObject          parent_instance;

  char            *source;
  gboolean         active;
  ThCameraState    state;
  char            *error_message;

  ThFrameScanner  *scanner;
  ThCameraPreview *preview;
  GstElement      *pipeline;
  guint            bus_watch;
  GCancellable    *cancellable;   /* the portal request */
  int              pipewire_fd;
  GdkTexture      *texture;
};

ThCameraPreview *_th_camera_preview_new      (ThCamera        *camera);
/* A new bin to link after the tee, for each pipeline. */
GstElement      *_th_camera_preview_make_bin (ThCameraPreview *preview);
/* The camera is going away: drop frames still on their way. Main thread. */
void             _th_camera_preview_detach   (ThCameraPreview *preview);

/* th-camera-pipeline.c */
void             _th_camera_start            (ThCamera        *self);
void             _th_camera_teardown         (ThCamera        *self);

/* th-camera.c */
void             _th_camera_set_state        (ThCamera        *self,
                                              ThCameraState    state,
                                              const char      *message);
void             _th_camera_take_texture     (ThCamera        *self,
                                              GdkTexture      *texture);

G_END_DECLS
