/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TH_TYPE_PHOTO_STRIP (th_photo_strip_get_type ())
G_DECLARE_FINAL_TYPE (ThPhotoStrip, th_photo_strip, TH, PHOTO_STRIP, GtkWidget)

void     th_photo_strip_set_photo_dir (ThPhotoStrip *self,
                                       const char   *photo_dir);
void     th_photo_strip_set_editable  (ThPhotoStrip *self,
                                       gboolean      editable);
/* Checks and copies each file in (the core's rules), off the main loop. */
void     th_photo_strip_add_file      (ThPhotoStrip *self,
                                       GFile        *file);
/* A photo already in the photo folder, shown only. */
void     th_photo_strip_add_stored    (ThPhotoStrip *self,
                                       const char   *sha256);
/* The copies in the photo folder, in order. */
GStrv    th_photo_strip_dup_paths     (ThPhotoStrip *self);
gboolean th_photo_strip_get_busy      (ThPhotoStrip *self);

G_END_DECLS
