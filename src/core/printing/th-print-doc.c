/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A document drawn once, in millimetres, for every way out: PDF, the
 * thermal raster and the print dialog all call the same draw function. */
#include "config.h"

#include "th-print-doc.h"

struct _ThPrintDoc {
  const ThPrintMedium *medium;
  char                *title;
  guint                n_pages;
  ThPrintDrawFunc      draw;
  gpointer             user_data;
  GDestroyNotify       destroy;
};

static void
doc_clear (gpointer data)
{
  ThPrintDoc *doc = data;

  if (doc->destroy)
    doc->destroy (doc->user_data);
  g_free (doc->title);
}

ThPrintDoc *
th_print_doc_new (const ThPrintMedium *medium,
                  const char          *title,
                  guint                n_pages,
                  ThPrintDrawFunc      draw,
                  gpointer             user_data,
                  GDestroyNotify       destroy)
{
  ThPrintDoc *doc;

  g_return_val_if_fail (medium != NULL, NULL);
  g_return_val_if_fail (draw != NULL, NULL);

  doc = g_atomic_rc_box_new0 (ThPrintDoc);
  doc->medium = medium;
  doc->title = g_strdup (title ? title : "");
  doc->n_pages = n_pages;
  doc->draw = draw;
  doc->user_data = user_data;
  doc->destroy = destroy;
  return doc;
}

ThPrintDoc *
th_print_doc_ref (ThPrintDoc *doc)
{
  g_return_val_if_fail (doc != NULL, NULL);
  return g_atomic_rc_box_acquire (doc);
}

void
th_print_doc_unref (ThPrintDoc *doc)
{
  g_return_if_fail (doc != NULL);
  g_atomic_rc_box_release_full (doc, doc_clear);
}

const ThPrintMedium *
th_print_doc_get_medium (ThPrintDoc *doc)
{
  g_return_val_if_fail (doc != NULL, NULL);
  return doc->medium;
}

const char *
th_print_doc_get_title (ThPrintDoc *doc)
{
  g_return_val_if_fail (doc != NULL, NULL);
  return doc->title;
}

guint
th_print_doc_get_n_pages (ThPrintDoc *doc)
{
  g_return_val_if_fail (doc != NULL, 0);
  return doc->n_pages;
}

double
th_print_doc_get_page_height (ThPrintDoc *doc,
                              guint       page)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  double height;

  g_return_val_if_fail (doc != NULL, 0);

  if (!th_print_medium_is_roll (doc->medium))
    return doc->medium->height_mm;
  /* A roll is cut where the content ends: draw once to measure. */
  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cr = cairo_create (surface);
  height = doc->draw (cr, page, doc->medium->width_mm, 0, doc->user_data);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return MAX (height, 1.0);
}

double
th_print_doc_get_paper_height (ThPrintDoc *doc,
                               guint       page)
{
  g_return_val_if_fail (doc != NULL, 0);

  if (!th_print_medium_is_roll (doc->medium))
    return doc->medium->paper_height_mm;
  return th_print_doc_get_page_height (doc, page) + 2 * doc->medium->margin_mm;
}

void
th_print_doc_draw_page (ThPrintDoc *doc,
                        cairo_t    *cr,
                        guint       page)
{
  g_return_if_fail (doc != NULL && cr != NULL);
  g_return_if_fail (page < doc->n_pages);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  doc->draw (cr, page, doc->medium->width_mm, doc->medium->height_mm, doc->user_data);
  cairo_restore (cr);
}
