/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Case photos are copied into the data folder under their SHA-256, so the
 * case keeps them when the original is deleted, and a photo attached twice
 * is stored once. The content is checked, not the file name: a renamed
 * document is refused, and so is a picture whose header declares more than
 * TH_MAX_IMAGE_PIXELS (a few KiB can declare gigabytes, and the GUI makes
 * thumbnails). */
#include "config.h"

#include <errno.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "th-case.h"
#include "th-error.h"

static gboolean
has_brand (const guint8 *brand)
{
  /* HEIF/HEIC and its AVIF sibling, as phones write them. */
  static const char * const brands[] = {
    "heic", "heix", "hevc", "hevx", "heim", "heis", "hevm", "hevs", "mif1", "msf1", "avif", "avis",
  };

  for (guint i = 0; i < G_N_ELEMENTS (brands); i++)
    if (memcmp (brand, brands[i], 4) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
looks_like_photo (const guint8 *d,
                  gsize         n)
{
  if (n >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF)
    return TRUE;                                              /* JPEG */
  if (n >= 8 && memcmp (d, "\x89PNG\r\n\x1a\n", 8) == 0)
    return TRUE;                                              /* PNG */
  if (n >= 12 && memcmp (d, "RIFF", 4) == 0 && memcmp (d + 8, "WEBP", 4) == 0)
    return TRUE;                                              /* WebP */
  if (n >= 12 && memcmp (d + 4, "ftyp", 4) == 0 && has_brand (d + 8))
    return TRUE;                                              /* HEIC */
  return FALSE;
}

char *
th_case_default_photo_dir (ThDb *db)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (TH_IS_DB (db), NULL);
  dir = g_path_get_dirname (th_db_get_path (db));
  return g_build_filename (dir, "photos", NULL);
}

static gboolean
too_big (const char  *display,
         guint64      size,
         GError     **error)
{
  g_autofree char *size_text = g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS | G_FORMAT_SIZE_LONG_FORMAT);

  g_set_error (error, TH_ERROR, TH_ERROR_INVALID,
               _("The photo “%s” is %s; a photo can be at most 10 MiB. Choose a smaller photo, "
                 "or take it again at a lower resolution."),
               display, size_text);
  return FALSE;
}

static gboolean
not_a_photo (const char  *display,
             GError     **error)
{
  g_set_error (error, TH_ERROR, TH_ERROR_INVALID,
               _("“%s” is not a photo. Choose a JPEG, PNG, WebP or HEIC image."), display);
  return FALSE;
}

static gboolean
too_many_pixels (const char  *display,
                 int          width,
                 int          height,
                 GError     **error)
{
  if (width > 0 && height > 0 && (gint64) width * height <= TH_MAX_IMAGE_PIXELS)
    return FALSE;
  g_set_error (error, TH_ERROR, TH_ERROR_INVALID,
               _("The photo “%s” is %d × %d pixels; a photo can be at most %d megapixels. "
                 "Choose a smaller photo, or take it again at a lower resolution."),
               display, width, height, TH_MAX_IMAGE_PIXELS / 1000000);
  return TRUE;
}

/* The loader is told to stop at the header, as gdk_pixbuf_get_file_info()
 * does, so nothing of the picture's size is allocated. */
static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  int *size = user_data;

  size[0] = width;
  size[1] = height;
  gdk_pixbuf_loader_set_size (loader, 0, 0);
}

/* FALSE when no gdk-pixbuf loader reads the header (HEIC on most systems):
 * nothing here will decode such a photo either. */
static gboolean
header_size (const guint8 *data,
             gsize         len,
             int          *width,
             int          *height)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  int size[2] = { 0, 0 };

  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), size);
  for (gsize done = 0; done < len && size[0] == 0; done += 65536)
    if (!gdk_pixbuf_loader_write (loader, data + done, MIN (65536, len - done), NULL))
      break;
  gdk_pixbuf_loader_close (loader, NULL);
  *width = size[0];
  *height = size[1];
  return size[0] != 0 || size[1] != 0;
}

gboolean
th_case_check_photo_pixels (const char  *path,
                            GError     **error)
{
  g_autofree char *display = NULL;
  int width = 0, height = 0;

  g_return_val_if_fail (path != NULL, FALSE);

  display = g_filename_display_basename (path);
  if (gdk_pixbuf_get_file_info (path, &width, &height) == NULL)
    {
      g_set_error (error, TH_ERROR, TH_ERROR_INVALID,
                   _("The photo “%s” cannot be shown on this computer."), display);
      return FALSE;
    }
  return !too_many_pixels (display, width, height, error);
}

gboolean
th_case_import_photo (const char   *photo_dir,
                      const char   *path,
                      ThCasePhoto  *photo,
                      GError      **error)
{
  g_autofree char *display = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *dest = NULL;
  g_autoptr(GChecksum) sum = NULL;
  g_autoptr(GError) local_error = NULL;
  GStatBuf st;
  gsize len;

  g_return_val_if_fail (photo_dir != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (photo != NULL, FALSE);

  display = g_filename_display_basename (path);
  /* Size first, so a huge file is never read into memory. */
  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, TH_ERROR, TH_ERROR_INVALID,
                   _("Cannot read the photo “%s”: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    return not_a_photo (display, error);
  if ((guint64) st.st_size > TH_CASE_MAX_PHOTO_BYTES)
    return too_big (display, (guint64) st.st_size, error);

  if (!g_file_get_contents (path, &contents, &len, &local_error))
    {
      g_set_error (error, TH_ERROR, TH_ERROR_INVALID, _("Cannot read the photo “%s”: %s"),
                   display, local_error->message);
      return FALSE;
    }
  if (len > TH_CASE_MAX_PHOTO_BYTES)
    return too_big (display, len, error);
  if (!looks_like_photo ((const guint8 *) contents, len))
    return not_a_photo (display, error);
  {
    int width, height;

    if (header_size ((const guint8 *) contents, len, &width, &height) &&
        too_many_pixels (display, width, height, error))
      return FALSE;
  }

  sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (sum, (const guchar *) contents, len);
  g_strlcpy (photo->sha256, g_checksum_get_string (sum), sizeof photo->sha256);
  photo->bytes = (gint64) len;

  if (g_mkdir_with_parents (photo_dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot create the folder %s: %s"), photo_dir, g_strerror (saved_errno));
      return FALSE;
    }
  dest = g_build_filename (photo_dir, photo->sha256, NULL);
  if (g_stat (dest, &st) == 0 && (gsize) st.st_size == len)
    return TRUE;   /* the same content is already there */
  return g_file_set_contents_full (dest, contents, len,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE, 0600, error);
}
