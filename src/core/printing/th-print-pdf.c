/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A document as PDF, each page at the medium's real size, so a PDF of
 * labels prints 1:1 on the label printer from any viewer. */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>

#include "th-error.h"
#include "th-print-doc.h"

#define POINTS_PER_MM (72.0 / 25.4)

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
th_print_doc_to_pdf (ThPrintDoc  *doc,
                     GError     **error)
{
  const ThPrintMedium *medium;
  g_autoptr(GByteArray) pdf = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;

  g_return_val_if_fail (doc != NULL, NULL);

  medium = th_print_doc_get_medium (doc);
  surface = cairo_pdf_surface_create_for_stream (append_bytes, pdf,
                                                 medium->paper_width_mm * POINTS_PER_MM,
                                                 th_print_doc_get_paper_height (doc, 0) * POINTS_PER_MM);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, th_print_doc_get_title (doc));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Tihuo " PACKAGE_VERSION);
  cr = cairo_create (surface);
  for (guint page = 0; page < th_print_doc_get_n_pages (doc); page++)
    {
      /* Only a roll's pages differ in height; measuring costs a drawing. */
      if (page > 0 && th_print_medium_is_roll (medium))
        cairo_pdf_surface_set_size (surface, medium->paper_width_mm * POINTS_PER_MM,
                                    th_print_doc_get_paper_height (doc, page) * POINTS_PER_MM);
      cairo_save (cr);
      cairo_scale (cr, POINTS_PER_MM, POINTS_PER_MM);
      cairo_translate (cr, (medium->paper_width_mm - medium->width_mm) / 2, medium->margin_mm);
      th_print_doc_draw_page (doc, cr, page);
      cairo_restore (cr);
      cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, TH_ERROR, TH_ERROR_FAILED, _("Could not draw “%s”: %s"),
                   th_print_doc_get_title (doc), cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&pdf));
}

gboolean
th_print_doc_write_pdf (ThPrintDoc  *doc,
                        const char  *path,
                        GError     **error)
{
  g_autoptr(GBytes) pdf = NULL;

  g_return_val_if_fail (doc != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!(pdf = th_print_doc_to_pdf (doc, error)))
    return FALSE;
  return g_file_set_contents_full (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf),
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
}
