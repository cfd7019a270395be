/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "th-context.h"

G_BEGIN_DECLS

#define TH_TYPE_STAFF_DIALOG (th_staff_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ThStaffDialog, th_staff_dialog, TH, STAFF_DIALOG, AdwWindow)

ThStaffDialog *th_staff_dialog_new       (GtkWindow     *parent,
                                          ThContext     *context);
/* What the form and the Remove buttons do, without the confirmation. */
void           th_staff_dialog_add       (ThStaffDialog *self,
                                          const char    *name,
                                          ThStaffRole    role,
                                          const char    *pin,
                                          const char    *leader_pin);
void           th_staff_dialog_remove    (ThStaffDialog *self,
                                          const char    *name,
                                          const char    *leader_pin);
gboolean       th_staff_dialog_get_busy  (ThStaffDialog *self);
const char    *th_staff_dialog_get_error (ThStaffDialog *self);
GtkListBox    *th_staff_dialog_get_list  (ThStaffDialog *self);

G_END_DECLS
