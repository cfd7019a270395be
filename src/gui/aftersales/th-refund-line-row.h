/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "th-order.h"
#include "th-refund.h"

G_BEGIN_DECLS

#define TH_TYPE_REFUND_LINE_ROW (th_refund_line_row_get_type ())
G_DECLARE_FINAL_TYPE (ThRefundLineRow, th_refund_line_row, TH, REFUND_LINE_ROW, GtkListBoxRow)

ThRefundLineRow *th_refund_line_row_new          (const ThOrderLine   *line,
                                                  gint64               refunded_before,
                                                  GtkSizeGroup        *amounts);
gboolean         th_refund_line_row_get_included (ThRefundLineRow     *self);
void             th_refund_line_row_set_included (ThRefundLineRow     *self,
                                                  gboolean             included);
void             th_refund_line_row_set_amount   (ThRefundLineRow     *self,
                                                  const char          *yuan);
gboolean         th_refund_line_row_get_request  (ThRefundLineRow     *self,
                                                  ThRefundLineRequest *request,
                                                  GError             **error);

/* "12.90", "¥12.9", "１２" as fen; no floating point on the way. */

G_END_DECLS
