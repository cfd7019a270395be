/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TH_TYPE_CAMERA_PREFERENCES (th_camera_preferences_get_type ())
G_DECLARE_FINAL_TYPE (ThCameraPreferences, th_camera_preferences, TH, CAMERA_PREFERENCES, AdwPreferencesGroup)

/* The camera offered at @position of the Camera row, as a camera source. */
const char *th_camera_preferences_get_source (ThCameraPreferences *self,
                                              guint                position);

G_END_DECLS
