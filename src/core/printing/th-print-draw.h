/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* Drawing helpers shared by every printed document (labels, sheets,
 * receipts, the refund slip). They draw in @cr's user units, whatever those
 * are: points for the refund slip, millimetres for ThPrintDoc pages. */

typedef enum {
  TH_PRINT_ALIGN_LEFT,
  TH_PRINT_ALIGN_CENTER,
  TH_PRINT_ALIGN_RIGHT,
} ThPrintAlign;

/* Draws @text at (@x, @y) within @width, wrapping; returns its height.
 * @font is a Pango description: "Sans 9" is in points, "Sans Bold 4px" is
 * 4 user units (so 4 mm on a ThPrintDoc page). */
double th_print_text      (cairo_t      *cr,
                           const char   *text,
                           const char   *font,
                           ThPrintAlign  align,
                           double        x,
                           double        y,
                           double        width);
/* The same on one line, shrunk with an ellipsis to fit @width. */
double th_print_text_line (cairo_t      *cr,
                           const char   *text,
                           const char   *font,
                           ThPrintAlign  align,
                           double        x,
                           double        y,
                           double        width);

/* One line in @family_and_style (e.g. "Sans Bold") at @size units, shrunk
 * to fit @width but not below @min_size, then ellipsized: for a shelf place
 * or a code, which must never be cut. */
double th_print_text_fit  (cairo_t      *cr,
                           const char   *text,
                           const char   *family_and_style,
                           double        size,
                           double        min_size,
                           ThPrintAlign  align,
                           double        x,
                           double        y,
                           double        width);

/* A QR code of @text, @size square with its quiet zone, at (@x, @y). On an
 * image surface the modules snap to whole pixels (dots), so a thermal
 * print stays readable. Returns the size drawn, 0 if @text cannot be
 * encoded. */
double th_print_qr        (cairo_t      *cr,
                           const char   *text,
                           double        x,
                           double        y,
                           double        size);

void   th_print_rule      (cairo_t      *cr,
                           double        x,
                           double        y,
                           double        width,
                           double        line_width);

G_END_DECLS
