/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A page as the dots a 203 dpi thermal head burns. Drawing the text
 * ourselves and sending dots is what makes Chinese print on any cheap
 * ESC/POS printer: no GBK or Big5 code page, no printer font. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "th-error.h"
#include "th-print-doc.h"

ThRaster *
th_print_doc_render_raster (ThPrintDoc  *doc,
                            guint        page,
                            GError     **error)
{
  const ThPrintMedium *medium;
  g_autoptr(ThRaster) raster = g_new0 (ThRaster, 1);
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  const guint8 *pixels;
  int pixel_stride;

  g_return_val_if_fail (doc != NULL, NULL);
  g_return_val_if_fail (page < th_print_doc_get_n_pages (doc), NULL);

  medium = th_print_doc_get_medium (doc);
  raster->width = medium->dots ? medium->dots : (guint) round (medium->width_mm * TH_PRINT_DOTS_PER_MM);
  raster->height = (guint) ceil (th_print_doc_get_page_height (doc, page) * TH_PRINT_DOTS_PER_MM);
  raster->stride = (raster->width + 7) / 8;
  raster->data = g_malloc0 ((gsize) raster->stride * raster->height);

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) raster->width, (int) raster->height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, raster->width / medium->width_mm, TH_PRINT_DOTS_PER_MM);
  th_print_doc_draw_page (doc, cr, page);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  if (status != CAIRO_STATUS_SUCCESS || cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, TH_ERROR, TH_ERROR_FAILED, _("Could not draw “%s”: %s"),
                   th_print_doc_get_title (doc),
                   cairo_status_to_string (status ? status : cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return NULL;
    }

  /* Half grey and darker burns a dot: text edges stay crisp enough and
   * thin rules survive. */
  pixels = cairo_image_surface_get_data (surface);
  pixel_stride = cairo_image_surface_get_stride (surface);
  for (guint y = 0; y < raster->height; y++)
    {
      const guint32 *row = (const guint32 *) (pixels + (gsize) y * pixel_stride);
      guint8 *out = raster->data + (gsize) y * raster->stride;

      for (guint x = 0; x < raster->width; x++)
        {
          guint32 p = row[x];
          guint luma = (((p >> 16) & 0xff) * 3 + ((p >> 8) & 0xff) * 6 + (p & 0xff)) / 10;

          if (luma < 128)
            out[x / 8] |= 0x80 >> (x % 8);
        }
    }
  cairo_surface_destroy (surface);
  return g_steal_pointer (&raster);
}

gboolean
th_raster_get_dot (const ThRaster *raster,
                   guint           x,
                   guint           y)
{
  g_return_val_if_fail (raster != NULL, FALSE);
  g_return_val_if_fail (x < raster->width && y < raster->height, FALSE);
  return (raster->data[(gsize) y * raster->stride + x / 8] & (0x80 >> (x % 8))) != 0;
}

void
th_raster_free (ThRaster *raster)
{
  if (raster == NULL)
    return;
  g_free (raster->data);
  g_free (raster);
}
