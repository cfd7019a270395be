/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "th-print-medium.h"

G_BEGIN_DECLS

/* Draws page @page into the printable area of the medium: @cr's units are
 * millimetres with the origin at the area's top-left corner. On a roll
 * @height_mm is 0 and the function returns the height it used (it is also
 * called once on a recording surface to measure); otherwise the return
 * value is ignored. Called once per output: PDF, raster or print dialog. */
typedef double (*ThPrintDrawFunc) (cairo_t  *cr,
                                   guint     page,
                                   double    width_mm,
                                   double    height_mm,
                                   gpointer  user_data);

/* A document: a medium, a number of pages and the function that draws
 * them. Reference-counted; immutable once made. */
typedef struct _ThPrintDoc ThPrintDoc;

ThPrintDoc          *th_print_doc_new              (const ThPrintMedium *medium,
                                                    const char          *title,
                                                    guint                n_pages,
                                                    ThPrintDrawFunc      draw,
                                                    gpointer             user_data,
                                                    GDestroyNotify       destroy);
ThPrintDoc          *th_print_doc_ref              (ThPrintDoc          *doc);
void                 th_print_doc_unref            (ThPrintDoc          *doc);

const ThPrintMedium *th_print_doc_get_medium       (ThPrintDoc          *doc);
const char          *th_print_doc_get_title        (ThPrintDoc          *doc);
guint                th_print_doc_get_n_pages      (ThPrintDoc          *doc);
/* The printable height of @page in mm: the medium's, or on a roll what the
 * content needs. */
double               th_print_doc_get_page_height  (ThPrintDoc          *doc,
                                                    guint                page);
/* The paper's height for @page in mm, margins included. */
double               th_print_doc_get_paper_height (ThPrintDoc          *doc,
                                                    guint                page);
/* Draws @page on @cr, whose units must already be millimetres with the
 * origin at the printable area. */
void                 th_print_doc_draw_page        (ThPrintDoc          *doc,
                                                    cairo_t             *cr,
                                                    guint                page);

/* th-print-pdf.c: every page at the medium's real size. */
GBytes              *th_print_doc_to_pdf           (ThPrintDoc          *doc,
                                                    GError             **error);
gboolean             th_print_doc_write_pdf        (ThPrintDoc          *doc,
                                                    const char          *path,
                                                    GError             **error);

/* th-print-raster.c: one page at 203 dpi, 1 bit per dot. Rows are @stride
 * bytes, the leftmost dot in the high bit, 1 for black, as ESC/POS wants. */
typedef struct {
  guint   width;      /* dots */
  guint   height;     /* dots */
  guint   stride;     /* bytes per row: (width + 7) / 8 */
  guint8 *data;
} ThRaster;

ThRaster            *th_print_doc_render_raster    (ThPrintDoc          *doc,
                                                    guint                page,
                                                    GError             **error);
gboolean             th_raster_get_dot             (const ThRaster      *raster,
                                                    guint                x,
                                                    guint                y);
void                 th_raster_free                (ThRaster            *raster);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThPrintDoc, th_print_doc_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThRaster, th_raster_free)

G_END_DECLS
