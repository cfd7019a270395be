/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The refund slip, drawn with cairo so that the same code prints through
 * GtkPrintOperation and saves a PDF without a display. */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>

#include "th-error.h"
#include "th-money.h"
#include "th-print-draw.h"
#include "th-refund-slip.h"
#include "th-time.h"

#define A6_WIDTH   297.64   /* points */
#define A6_HEIGHT  419.53
#define MARGIN     18.0
#define GAP        6.0

/* "Label: value", the value wrapping under itself. */
static double
draw_field (cairo_t    *cr,
            const char *label,
            const char *value,
            double      y,
            double      width)
{
  double label_width = width * 0.3;
  double h1 = th_print_text (cr, label, "Sans 8", TH_PRINT_ALIGN_LEFT, 0, y, label_width - GAP);
  double h2 = th_print_text (cr, value, "Sans 9", TH_PRINT_ALIGN_LEFT, label_width, y, width - label_width);

  return MAX (h1, h2) + 2;
}

/* Text, rules and the QR code come from printing (th-print-draw.c), shared
 * with the labels and thermal receipts. */
static void
draw_rule (cairo_t *cr,
           double   y,
           double   width)
{
  th_print_rule (cr, 0, y, width, 0.5);
}

static double
draw_qr (cairo_t    *cr,
         const char *text,
         double      y,
         double      width)
{
  double size = MIN (width * 0.5, 120.0);

  return th_print_qr (cr, text, (width - size) / 2, y, size);
}

double
th_refund_slip_draw (cairo_t  *cr,
                     ThRefund *refund,
                     double    width)
{
  g_autofree char *order_text = NULL;
  g_autofree char *at_text = NULL;
  g_autofree char *total_text = NULL;
  double y = 0;

  g_return_val_if_fail (cr != NULL, 0);
  g_return_val_if_fail (refund != NULL && refund->id != NULL, 0);

  order_text = g_strdup_printf ("%" G_GINT64_FORMAT, refund->order_id);
  at_text = th_time_format_local (refund->at, "%Y-%m-%d %H:%M");
  total_text = th_money_format (refund->amount);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  y += th_print_text (cr, _("Refund slip"), "Sans Bold 14", TH_PRINT_ALIGN_CENTER, 0, y, width) + 2;
  y += th_print_text (cr, _("Tihuo pickup station"), "Sans 8", TH_PRINT_ALIGN_CENTER, 0, y, width) + GAP;

  y += draw_field (cr, _("Order"), order_text, y, width);
  if (refund->customer_name && *refund->customer_name)
    y += draw_field (cr, _("Customer"), refund->customer_name, y, width);
  y += draw_field (cr, _("Time"), at_text, y, width);
  y += draw_field (cr, _("Terminal"), refund->terminal, y, width);
  y += draw_field (cr, _("Staff"), refund->staff, y, width);
  if (refund->approved_by)
    y += draw_field (cr, _("Approved by"), refund->approved_by, y, width);
  y += draw_field (cr, _("Reason"), th_reason_describe (refund->reason), y, width);
  if (refund->note && *refund->note)
    y += draw_field (cr, _("Note"), refund->note, y, width);

  y += GAP / 2;
  draw_rule (cr, y, width);
  y += GAP / 2;
  for (guint i = 0; i < refund->lines->len; i++)
    {
      ThRefundLine *l = &g_array_index (refund->lines, ThRefundLine, i);
      g_autofree char *name = g_strdup_printf ("%s\n%s", l->name, l->sku);
      g_autofree char *qty = g_strdup_printf ("× %u", l->qty);
      g_autofree char *amount = th_money_format (l->amount);
      double h = th_print_text (cr, name, "Sans 9", TH_PRINT_ALIGN_LEFT, 0, y, width * 0.6);

      th_print_text (cr, qty, "Sans 9", TH_PRINT_ALIGN_RIGHT, width * 0.6, y, width * 0.15);
      th_print_text (cr, amount, "Sans 9", TH_PRINT_ALIGN_RIGHT, width * 0.75, y, width * 0.25);
      y += h + 3;
    }
  draw_rule (cr, y, width);
  y += GAP / 2;
  th_print_text (cr, _("Total refund"), "Sans Bold 11", TH_PRINT_ALIGN_LEFT, 0, y, width * 0.6);
  y += th_print_text (cr, total_text, "Sans Bold 11", TH_PRINT_ALIGN_RIGHT, width * 0.6, y, width * 0.4) + GAP;
  /* An offline refund is only a promise until the platform pays it. */
  y += th_print_text (cr, _("The money is paid back when the platform processes the refund."),
                  "Sans Italic 7.5", TH_PRINT_ALIGN_LEFT, 0, y, width) + GAP;

  y += draw_qr (cr, refund->id, y, width) + 2;
  y += th_print_text (cr, refund->id, "Monospace 6.5", TH_PRINT_ALIGN_CENTER, 0, y, width);
  cairo_restore (cr);
  return y;
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

gboolean
th_refund_slip_write_pdf (ThRefund    *refund,
                          const char  *path,
                          GError     **error)
{
  g_autoptr(GByteArray) pdf = g_byte_array_new ();
  g_autofree char *title = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  double height;

  g_return_val_if_fail (refund != NULL && refund->id != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* Measure first: a long refund makes a longer page. */
  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cr = cairo_create (surface);
  height = th_refund_slip_draw (cr, refund, A6_WIDTH - 2 * MARGIN);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  surface = cairo_pdf_surface_create_for_stream (append_bytes, pdf, A6_WIDTH, MAX (A6_HEIGHT, height + 2 * MARGIN));
  title = g_strdup_printf (_("Refund %s"), refund->id);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Tihuo " PACKAGE_VERSION);
  cr = cairo_create (surface);
  cairo_translate (cr, MARGIN, MARGIN);
  th_refund_slip_draw (cr, refund, A6_WIDTH - 2 * MARGIN);
  cairo_show_page (cr);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, TH_ERROR, TH_ERROR_FAILED, _("Could not draw the refund slip: %s"),
                   cairo_status_to_string (status));
      return FALSE;
    }
  return g_file_set_contents_full (path, (const char *) pdf->data, pdf->len,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}
