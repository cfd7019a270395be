/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Text and QR codes for printed documents. Text goes through Pango: cairo's
 * own text API has no font fallback, and product names, customer names and
 * the translated labels are mostly Chinese. */
#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <qrencode.h>
#include <string.h>

#include "th-print-draw.h"
#include "th-print-font.h"

#define QR_QUIET 4   /* modules of white around the code, as the standard asks */

/* Pages are drawn in millimetres, where a font is a few units tall: metric
 * hinting would round every advance to a whole millimetre. */
static PangoLayout *
create_layout (cairo_t    *cr,
               const char *font)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoContext *context = pango_layout_get_context (layout);
  PangoFontDescription *desc = pango_font_description_from_string (font);
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  pango_context_set_round_glyph_positions (context, FALSE);
  cairo_font_options_destroy (options);
  pango_layout_context_changed (layout);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  return layout;
}

static double
show_layout (cairo_t      *cr,
             PangoLayout  *layout,
             const char   *text,
             ThPrintAlign  align,
             double        x,
             double        y,
             double        width)
{
  int w, h;

  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_alignment (layout, align == TH_PRINT_ALIGN_CENTER ? PANGO_ALIGN_CENTER
                                      : align == TH_PRINT_ALIGN_RIGHT ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_size (layout, &w, &h);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  return (double) h / PANGO_SCALE;
}

double
th_print_text (cairo_t      *cr,
               const char   *text,
               const char   *font,
               ThPrintAlign  align,
               double        x,
               double        y,
               double        width)
{
  g_autoptr(PangoLayout) layout = NULL;

  g_return_val_if_fail (cr != NULL && text != NULL && font != NULL, 0);

  layout = create_layout (cr, font);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  return show_layout (cr, layout, text, align, x, y, width);
}

double
th_print_text_line (cairo_t      *cr,
                    const char   *text,
                    const char   *font,
                    ThPrintAlign  align,
                    double        x,
                    double        y,
                    double        width)
{
  g_autoptr(PangoLayout) layout = NULL;

  g_return_val_if_fail (cr != NULL && text != NULL && font != NULL, 0);

  layout = create_layout (cr, font);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  return show_layout (cr, layout, text, align, x, y, width);
}

double
th_print_text_fit (cairo_t      *cr,
                   const char   *text,
                   const char   *family_and_style,
                   double        size,
                   double        min_size,
                   ThPrintAlign  align,
                   double        x,
                   double        y,
                   double        width)
{
  g_autofree char *font = th_print_font (family_and_style, size);
  g_autoptr(PangoLayout) layout = NULL;
  int natural;

  g_return_val_if_fail (cr != NULL && text != NULL && family_and_style != NULL, 0);

  layout = create_layout (cr, font);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_size (layout, &natural, NULL);
  if (natural > width * PANGO_SCALE)
    {
      /* Text scales linearly with the font size, near enough. */
      g_autofree char *smaller = th_print_font (family_and_style,
                                                MAX (min_size, size * width * PANGO_SCALE / natural * 0.98));
      g_object_unref (layout);
      layout = create_layout (cr, smaller);
    }
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  return show_layout (cr, layout, text, align, x, y, width);
}

double
th_print_qr (cairo_t    *cr,
             const char *text,
             double      x,
             double      y,
             double      size)
{
  QRcode *qr;
  double module;

  g_return_val_if_fail (cr != NULL && text != NULL, 0);

  qr = QRcode_encodeString (text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (qr == NULL)
    return 0;
  module = size / (qr->width + 2 * QR_QUIET);
  cairo_save (cr);
  if (cairo_surface_get_type (cairo_get_target (cr)) == CAIRO_SURFACE_TYPE_IMAGE)
    {
      /* A module of 2.6 dots prints as 2 or 3 dots at random and the code
       * no longer reads: snap the modules and the corner to whole dots. */
      double dx = module, dy = 0;

      cairo_user_to_device_distance (cr, &dx, &dy);
      if (dx >= 1)
        {
          int n = qr->width + 2 * QR_QUIET;
          double dots = floor (dx), sx = size, sy = 0, ox = x, oy = y, ux, uy = 0;
          double pad;

          cairo_user_to_device_distance (cr, &sx, &sy);
          pad = floor ((sx - dots * n) / 2);
          cairo_user_to_device (cr, &ox, &oy);
          ox = round (ox) + pad;
          oy = round (oy) + pad;
          cairo_device_to_user (cr, &ox, &oy);
          ux = dots;
          cairo_device_to_user_distance (cr, &ux, &uy);
          x = ox;
          y = oy;
          module = ux;
        }
    }
  /* One pixel per module, scaled up without smoothing: a PDF carries a
   * tiny image instead of hundreds of rectangles, and on the raster each
   * module lands on whole dots. */
  {
    int n = qr->width + 2 * QR_QUIET;
    cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, n, n);
    guint8 *pixels = cairo_image_surface_get_data (image);
    int stride = cairo_image_surface_get_stride (image);
    cairo_pattern_t *pattern;

    memset (pixels, 0xff, (gsize) stride * n);
    for (int row = 0; row < qr->width; row++)
      for (int col = 0; col < qr->width; col++)
        if (qr->data[row * qr->width + col] & 1)
          ((guint32 *) (pixels + (gsize) (row + QR_QUIET) * stride))[col + QR_QUIET] = 0;
    cairo_surface_mark_dirty (image);
    cairo_translate (cr, x, y);
    cairo_scale (cr, module, module);
    cairo_set_source_surface (cr, image, 0, 0);
    pattern = cairo_get_source (cr);
    cairo_pattern_set_filter (pattern, CAIRO_FILTER_NEAREST);
    cairo_rectangle (cr, 0, 0, n, n);
    cairo_fill (cr);
    cairo_surface_destroy (image);
  }
  cairo_restore (cr);
  QRcode_free (qr);
  return size;
}

void
th_print_rule (cairo_t *cr,
               double   x,
               double   y,
               double   width,
               double   line_width)
{
  g_return_if_fail (cr != NULL);

  cairo_save (cr);
  cairo_set_line_width (cr, line_width);
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x + width, y);
  cairo_stroke (cr);
  cairo_restore (cr);
}

char *
th_print_font (const char *family_and_style,
               double      size_units)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (family_and_style != NULL, NULL);

  g_ascii_formatd (number, sizeof number, "%.2f", size_units);
  return g_strdup_printf ("%s %spx", family_and_style, number);
}
