/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "th-db.h"
#include "th-refund.h"
#include "th-context.h"

G_BEGIN_DECLS

#define TH_TYPE_REFUND_DIALOG (th_refund_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ThRefundDialog, th_refund_dialog, TH, REFUND_DIALOG, AdwWindow)

ThRefundDialog *th_refund_dialog_new           (GtkWindow      *parent,
                                                ThContext      *context,
                                                gint64          order_id);
/* For tests and the keyboard: the rows of the order's lines. */
GtkListBox     *th_refund_dialog_get_lines     (ThRefundDialog *self);
void            th_refund_dialog_set_reason    (ThRefundDialog *self,
                                                ThReason        reason);
void            th_refund_dialog_set_note      (ThRefundDialog *self,
                                                const char     *note);
gboolean        th_refund_dialog_set_approver  (ThRefundDialog *self,
                                                const char     *name,
                                                const char     *pin);
/* (nullable): the plan for what is entered, or NULL with the reason in
 * th_refund_dialog_get_message() */
ThRefund       *th_refund_dialog_get_plan      (ThRefundDialog *self);
const char     *th_refund_dialog_get_message   (ThRefundDialog *self);
gboolean        th_refund_dialog_get_can_submit (ThRefundDialog *self);
gboolean        th_refund_dialog_get_busy      (ThRefundDialog *self);
/* (nullable): the refund once recorded */
ThRefund       *th_refund_dialog_get_refund    (ThRefundDialog *self);

G_END_DECLS
