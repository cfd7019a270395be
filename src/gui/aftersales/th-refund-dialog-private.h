/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "th-order.h"
#include "th-refund-dialog.h"

G_BEGIN_DECLS

struct _ThRefundDialog
{
  AdwWindow             parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkStack             *stack;
  GtkButton            *submit_button;
  GtkListBox           *lines_list;
  AdwComboRow          *reason_row;
  AdwEntryRow          *note_row;
  GtkLabel             *total_label;
  GtkLabel             *plan_label;
  AdwPreferencesGroup  *approval_group;
  AdwComboRow          *approver_row;
  AdwEntryRow          *approver_pin_row;
  GtkLabel             *error_label;
  GtkSpinner           *spinner;
  AdwStatusPage        *done_page;

  ThContext            *context;
  ThDb                 *db;           /* the context's */
  ThSession            *session;      /* the context's */
  ThOrder              *order;
  GStrv                 approvers;    /* names, in the approver row's order */
  ThRefund             *plan;
  char                 *message;
  ThRefund             *refund;       /* once recorded */
  GCancellable         *cancellable;
  gboolean              busy;
  gboolean              can_submit;
};

/* th-refund-dialog.c */
void _th_refund_dialog_update      (ThRefundDialog *self);

/* th-refund-dialog-lines.c */
GArray     *_th_refund_dialog_collect_lines  (ThRefundDialog  *self,
                                              GError         **error);
const char *_th_refund_dialog_get_approver   (ThRefundDialog  *self);
void        _th_refund_dialog_load_lines     (ThRefundDialog  *self);
void        _th_refund_dialog_load_approvers (ThRefundDialog  *self);

/* th-refund-dialog-done.c */
void _th_refund_dialog_set_busy    (ThRefundDialog *self,
                                    gboolean        busy);
void _th_refund_dialog_show_done   (ThRefundDialog *self);
void _th_refund_dialog_class_add_done_actions (GtkWidgetClass *widget_class);

G_END_DECLS
