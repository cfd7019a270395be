/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "th-refund.h"

G_BEGIN_DECLS

/* Draws the refund slip with its top-left corner at the current origin of
 * @cr, @width wide, in @cr's units taken as points: for a PDF, or for
 * GtkPrintOperation's draw-page with gtk_print_context_get_cairo_context()
 * and gtk_print_context_get_width(). Returns the height it used. */
double   th_refund_slip_draw      (cairo_t     *cr,
                                   ThRefund    *refund,
                                   double       width);

/* A one-page PDF (A6 wide, as long as the lines need). */
gboolean th_refund_slip_write_pdf (ThRefund    *refund,
                                   const char  *path,
                                   GError     **error);

G_END_DECLS
