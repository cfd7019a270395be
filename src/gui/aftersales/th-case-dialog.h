/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "th-case.h"
#include "th-context.h"

G_BEGIN_DECLS

#define TH_TYPE_CASE_DIALOG (th_case_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ThCaseDialog, th_case_dialog, TH, CASE_DIALOG, AdwWindow)

/* @order_id: the order complained about, or -1 for a walk-in complaint */
ThCaseDialog *th_case_dialog_new             (GtkWindow    *parent,
                                              ThContext    *context,
                                              gint64        order_id);
void          th_case_dialog_set_category    (ThCaseDialog *self,
                                              ThReason      category);
gboolean      th_case_dialog_set_line        (ThCaseDialog *self,
                                              guint         line,
                                              guint         qty);
void          th_case_dialog_set_description (ThCaseDialog *self,
                                              const char   *description);
void          th_case_dialog_add_photo       (ThCaseDialog *self,
                                              GFile        *file);
gboolean      th_case_dialog_get_busy        (ThCaseDialog *self);
const char   *th_case_dialog_get_error       (ThCaseDialog *self);
/* (nullable): the case once opened */
ThCase       *th_case_dialog_get_case        (ThCaseDialog *self);

G_END_DECLS
