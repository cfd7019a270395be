/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "th-qr-decoder.h"
#include "th-qr-image.h"
#include "th-scan-error.h"

/* Luma, with transparent pixels laid over white: codes cut out of a chat
 * bubble often have transparent light modules. */
static guint8 *
pixbuf_to_gray (GdkPixbuf *pixbuf,
                int       *width,
                int       *height)
{
  int w = gdk_pixbuf_get_width (pixbuf), h = gdk_pixbuf_get_height (pixbuf);
  int n = gdk_pixbuf_get_n_channels (pixbuf), stride = gdk_pixbuf_get_rowstride (pixbuf);
  gboolean alpha = gdk_pixbuf_get_has_alpha (pixbuf);
  const guint8 *pixels = gdk_pixbuf_read_pixels (pixbuf);
  guint8 *gray = g_malloc ((gsize) w * h);

  g_assert (gdk_pixbuf_get_bits_per_sample (pixbuf) == 8 && n >= 3);

  for (int y = 0; y < h; y++)
    {
      const guint8 *p = pixels + (gsize) y * stride;
      guint8 *o = gray + (gsize) y * w;

      for (int x = 0; x < w; x++, p += n)
        {
          guint v = (77u * p[0] + 150u * p[1] + 29u * p[2] + 128) >> 8;

          if (alpha)
            v = (v * p[3] + 255u * (255u - p[3]) + 127) / 255u;
          o[x] = (guint8) v;
        }
    }
  *width = w;
  *height = h;
  return gray;
}

typedef struct {
  int      rows;      /* rows the loader has delivered, from the top */
  int      width;     /* as the header declares them */
  int      height;
  gboolean too_large;
} Coverage;

/* Called once the header is read, before the loader allocates the picture:
 * a size of 0 × 0 makes every loader stop there. */
static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  Coverage        *coverage)
{
  coverage->width = width;
  coverage->height = height;
  if ((gint64) width * height > TH_MAX_IMAGE_PIXELS)
    {
      coverage->too_large = TRUE;
      gdk_pixbuf_loader_set_size (loader, 0, 0);
    }
}

static void
area_updated_cb (GdkPixbufLoader *loader,
                 int              x,
                 int              y,
                 int              width,
                 int              height,
                 Coverage        *coverage)
{
  coverage->rows = MAX (coverage->rows, y + height);
}

/* gdk_pixbuf_new_from_stream() hands back half a picture when the data
 * stops early, and a truncated screenshot must be an error, not "no code":
 * so load incrementally and check that every row arrived. */
static GdkPixbuf *
load_stream (GInputStream  *stream,
             const char    *name,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr(GError) local_error = NULL;
  Coverage coverage = { 0 };
  guint8 buffer[65536];
  GdkPixbuf *pixbuf;
  gboolean ok = TRUE;
  gssize n;

  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), &coverage);
  g_signal_connect (loader, "area-updated", G_CALLBACK (area_updated_cb), &coverage);
  while (ok && !coverage.too_large &&
         (n = g_input_stream_read (stream, buffer, sizeof buffer, cancellable, &local_error)) > 0)
    ok = gdk_pixbuf_loader_write (loader, buffer, (gsize) n, &local_error);
  if (local_error == NULL)
    ok = gdk_pixbuf_loader_close (loader, &local_error);
  else
    gdk_pixbuf_loader_close (loader, NULL);

  /* The loader's own error for a size of 0 × 0 would say "damaged". */
  if (coverage.too_large)
    {
      th_qr_image_check_size (coverage.width, coverage.height, name, error);
      return NULL;
    }
  if (!ok || local_error)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL || coverage.rows < gdk_pixbuf_get_height (pixbuf))
    {
      g_set_error_literal (error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_CORRUPT_IMAGE,
                           _("the picture data ends too early"));
      return NULL;
    }
  return g_object_ref (pixbuf);
}

static GPtrArray *
decode_pixbuf_or_fail (GdkPixbuf   *pixbuf,
                       GError      *load_error,
                       const char  *name,
                       GError     **error)
{
  g_autoptr(GPtrArray) texts = NULL;

  if (pixbuf == NULL)
    {
      if (g_error_matches (load_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          g_error_matches (load_error, TH_SCAN_ERROR, TH_SCAN_ERROR_TOO_LARGE))
        g_propagate_error (error, g_error_copy (load_error));
      else
        g_set_error (error, TH_SCAN_ERROR, TH_SCAN_ERROR_UNREADABLE_IMAGE,
                     _("%s is damaged or is not a picture (%s). Save the code as a PNG or JPEG "
                       "picture and try again."), name, load_error->message);
      return NULL;
    }

  texts = th_qr_decode_pixbuf (pixbuf);
  if (texts->len == 0)
    {
      g_set_error (error, TH_SCAN_ERROR, TH_SCAN_ERROR_NO_CODE,
                   _("No QR code found in %s. Make sure the whole code is in the picture and "
                     "sharp, or type the pickup code instead."), name);
      return NULL;
    }
  return g_steal_pointer (&texts);
}

static char *
file_name (GFile *file)
{
  g_autofree char *parse_name = g_file_get_parse_name (file);

  return g_strdup_printf ("“%s”", parse_name);
}

static void
decode_file_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *texts = th_qr_decode_file (task_data, cancellable, &error);

  if (texts == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, texts, (GDestroyNotify) g_ptr_array_unref);
}

gboolean
th_qr_image_check_size (gint64       width,
                        gint64       height,
                        const char  *name,
                        GError     **error)
{
  if (width > 0 && height > 0 && width <= TH_MAX_IMAGE_PIXELS / height)
    return TRUE;
  g_set_error (error, TH_SCAN_ERROR, TH_SCAN_ERROR_TOO_LARGE,
               _("%s is %" PRId64 " × %" PRId64 " pixels; Tihuo reads pictures of at most "
                 "%d megapixels. Crop the picture to the code, or take a smaller screenshot, and try again."),
               name, (int64_t) width, (int64_t) height, TH_MAX_IMAGE_PIXELS / 1000000);
  return FALSE;
}

GPtrArray *
th_qr_decode_pixbuf (GdkPixbuf *pixbuf)
{
  g_autoptr(ThQrDecoder) decoder = NULL;
  g_autofree guint8 *gray = NULL;
  int width, height;

  g_return_val_if_fail (GDK_IS_PIXBUF (pixbuf), NULL);

  if (!th_qr_image_check_size (gdk_pixbuf_get_width (pixbuf), gdk_pixbuf_get_height (pixbuf), "", NULL))
    return g_ptr_array_new_with_free_func (g_free);

  gray = pixbuf_to_gray (pixbuf, &width, &height);
  decoder = th_qr_decoder_new ();
  return th_qr_decoder_decode_image (decoder, gray, width, height, width);
}

GPtrArray *
th_qr_decode_file (GFile         *file,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = file_name (file);
  /* Local files load in one go, which also notices truncation; but their
   * size is read from the header first. */
  if ((path = g_file_get_path (file)) && g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      int width = 0, height = 0;

      if (gdk_pixbuf_get_file_info (path, &width, &height) &&
          !th_qr_image_check_size (width, height, name, error))
        return NULL;
      pixbuf = gdk_pixbuf_new_from_file (path, &local_error);
    }
  else if ((stream = g_file_read (file, cancellable, &local_error)))
    pixbuf = load_stream (G_INPUT_STREAM (stream), name, cancellable, &local_error);
  else
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("%s does not exist."), name);
      else
        g_set_error (error, local_error->domain, local_error->code,
                     _("Could not open %s (%s)."), name, local_error->message);
      return NULL;
    }
  return decode_pixbuf_or_fail (pixbuf, local_error, name, error);
}

GPtrArray *
th_qr_decode_bytes (GBytes        *bytes,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stream = g_memory_input_stream_new_from_bytes (bytes);
  pixbuf = load_stream (stream, _("The pasted picture"), cancellable, &local_error);
  return decode_pixbuf_or_fail (pixbuf, local_error, _("the pasted picture"), error);
}

void
th_qr_decode_file_async (GFile               *file,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, th_qr_decode_file_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, decode_file_thread);
}

GPtrArray *
th_qr_decode_file_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == th_qr_decode_file_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

