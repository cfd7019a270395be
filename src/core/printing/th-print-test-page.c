/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The self-test page. The Chinese lines are not translated: they are what
 * is being tested, in both scripts, whatever the interface language. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-money.h"
#include "th-print-draw.h"
#include "th-print-font.h"
#include "th-print-test-page.h"

/* A ruler with a tick every millimetre, longer every 5 and numbered every
 * 10: measured with a real ruler it shows the print is at scale. */
static double
draw_ruler (cairo_t *cr,
            double   y,
            double   width)
{
  g_autofree char *font = th_print_font ("Sans", 2);

  cairo_save (cr);
  cairo_set_line_width (cr, 0.2);
  cairo_move_to (cr, 0, y);
  cairo_line_to (cr, (int) width, y);
  for (int mm = 0; mm <= (int) width; mm++)
    {
      double len = mm % 10 == 0 ? 3 : mm % 5 == 0 ? 2 : 1;

      cairo_move_to (cr, mm, y);
      cairo_line_to (cr, mm, y + len);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
  for (int mm = 10; mm < (int) width - 2; mm += 10)
    {
      g_autofree char *n = g_strdup_printf ("%d", mm / 10);

      th_print_text_line (cr, n, font, TH_PRINT_ALIGN_CENTER, mm - 3, y + 3, 6);
    }
  return 6;
}

static double
draw_test_page (cairo_t  *cr,
                guint     page,
                double    width,
                double    height,
                gpointer  user_data)
{
  const ThPrintMedium *medium = user_data;
  /* Small labels get a compact page: the QR beside the text. */
  gboolean compact = height > 0 && height < 50;
  double scale = compact ? height / 30 : MIN (width / 48, 1.6);
  double text_width = compact ? width * 0.6 : width;
  g_autofree char *big = th_print_font ("Sans Bold", 3.4 * scale);
  g_autofree char *small = th_print_font ("Sans", 2.4 * scale);
  g_autofree char *money = th_money_format (1234);
  /* Both yen signs: the half-width one (U+00A5) is the one code pages mangle. */
  g_autofree char *yen = g_strdup_printf ("¥ ￥ %s", money);
  g_autofree char *size = NULL;
  double qr = compact ? MIN (width - text_width, height * 0.6) : MIN (width * 0.5, 40);
  double y = 0;

  if (medium->dots)
    /* Translators: the medium's name, then its printable width in dots */
    size = g_strdup_printf (_("%s, %u dots"), _(medium->title), medium->dots);
  else
    size = g_strdup (_(medium->title));

  y += th_print_text_line (cr, _("Printer test"), big, TH_PRINT_ALIGN_LEFT, 0, y, text_width);
  y += th_print_text_line (cr, size, small, TH_PRINT_ALIGN_LEFT, 0, y, text_width);
  y += th_print_text_line (cr, "中文：提货 核销 取货码", big, TH_PRINT_ALIGN_LEFT, 0, y, text_width);
  y += th_print_text_line (cr, "繁體：提貨 核銷 取貨碼", big, TH_PRINT_ALIGN_LEFT, 0, y, text_width);
  y += th_print_text_line (cr, yen, big, TH_PRINT_ALIGN_LEFT, 0, y, text_width);
  if (compact)
    {
      th_print_qr (cr, TH_PRINT_TEST_QR, width - qr, 0, qr);
      draw_ruler (cr, MAX (y, qr) + 0.5, width);
      return height;
    }
  y += 1;
  y += th_print_qr (cr, TH_PRINT_TEST_QR, (width - qr) / 2, y, qr);
  y += th_print_text_line (cr, TH_PRINT_TEST_QR, small, TH_PRINT_ALIGN_CENTER, 0, y, width) + 1;
  y += draw_ruler (cr, y, width);
  return y;
}

ThPrintDoc *
th_print_test_page_doc_new (const ThPrintMedium *medium)
{
  g_return_val_if_fail (medium != NULL, NULL);

  return th_print_doc_new (medium, _("Printer test"), 1, draw_test_page, (gpointer) medium, NULL);
}
