/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "th-camera.h"

G_BEGIN_DECLS

#define TH_TYPE_CAMERA_VIEW (th_camera_view_get_type ())
G_DECLARE_FINAL_TYPE (ThCameraView, th_camera_view, TH, CAMERA_VIEW, GtkWidget)

void        th_camera_view_set_camera    (ThCameraView *self,
                                          ThCamera     *camera);
void        th_camera_view_flash         (ThCameraView *self);
/* "off", "starting", "preview" or "problem" */
const char *th_camera_view_get_mode      (ThCameraView *self);
/* What the problem placeholder says, for tests. */
const char *th_camera_view_get_problem   (ThCameraView *self);
guint       th_camera_view_get_n_flashes (ThCameraView *self);

G_END_DECLS
