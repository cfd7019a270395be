/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Adding a photo, on a worker thread: the core checks it and copies it
 * into the photo folder (th_case_import_photo), then a thumbnail is made
 * from the copy. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-case.h"
#include "th-error.h"
#include "th-photo-strip-private.h"

void
_th_imported_photo_free (ThImportedPhoto *imported)
{
  g_free (imported->stored);
  g_clear_object (&imported->texture);
  g_free (imported);
}

/* Only a picture the core has checked is decoded: a stored photo may come
 * from before the pixel limit, or from another station's folder. */
static GdkTexture *
load_thumbnail (const char *path)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GdkPixbuf) rotated = NULL;

  if (!th_case_check_photo_pixels (path, NULL))
    return NULL;
  pixbuf = gdk_pixbuf_new_from_file_at_scale (path, THUMBNAIL_SIZE * 2, THUMBNAIL_SIZE * 2,
                                              TRUE, NULL);
  rotated = pixbuf ? gdk_pixbuf_apply_embedded_orientation (pixbuf) : NULL;

  return rotated ? gdk_texture_new_for_pixbuf (rotated) : NULL;
}

void
_th_photo_strip_import_in_thread (GTask        *task,
                                  gpointer      source_object,
                                  gpointer      task_data,
                                  GCancellable *cancellable)
{
  const char *photo_dir = g_object_get_data (G_OBJECT (task), "th-photo-dir");
  GFile *file = task_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (file);
  ThImportedPhoto *imported;
  ThCasePhoto photo;

  if (path == NULL)
    {
      g_task_return_new_error (task, TH_ERROR, TH_ERROR_INVALID,
                               _("Choose a photo stored on this computer."));
      return;
    }
  /* A stored photo is named by its SHA-256 already: only show it. */
  if (photo_dir == NULL)
    {
      imported = g_new0 (ThImportedPhoto, 1);
      imported->stored = g_steal_pointer (&path);
    }
  else if (!th_case_import_photo (photo_dir, path, &photo, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  else
    {
      imported = g_new0 (ThImportedPhoto, 1);
      imported->stored = g_build_filename (photo_dir, photo.sha256, NULL);
    }
  imported->texture = load_thumbnail (imported->stored);
  g_task_return_pointer (task, imported, (GDestroyNotify) _th_imported_photo_free);
}

