/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum {
  TH_SOUND_SUCCESS,
  TH_SOUND_FAILURE,
} ThSoundKind;

#define TH_TYPE_SOUND (th_sound_get_type ())
G_DECLARE_FINAL_TYPE (ThSound, th_sound, TH, SOUND, GObject)

ThSound    *th_sound_new       (GSettings   *settings);
void        th_sound_play      (ThSound     *self,
                                ThSoundKind  kind);
char       *th_sound_get_path  (ThSoundKind  kind);

G_END_DECLS
