/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "th-photo-strip.h"

G_BEGIN_DECLS

#define THUMBNAIL_SIZE 112

typedef struct {
  char       *stored;      /* the copy in the photo folder */
  GdkTexture *texture;     /* NULL when GTK cannot show it, e.g. HEIC */
} ThImportedPhoto;

void _th_imported_photo_free          (ThImportedPhoto *imported);
/* A GTask thread function: the task data is the GFile; with the
 * "th-photo-dir" data set, the file is checked and copied in first. */
void _th_photo_strip_import_in_thread (GTask           *task,
                                       gpointer         source_object,
                                       gpointer         task_data,
                                       GCancellable    *cancellable);

G_END_DECLS
