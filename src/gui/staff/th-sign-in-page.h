/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "th-db.h"
#include "th-context.h"

G_BEGIN_DECLS

#define TH_TYPE_SIGN_IN_PAGE (th_sign_in_page_get_type ())
G_DECLARE_FINAL_TYPE (ThSignInPage, th_sign_in_page, TH, SIGN_IN_PAGE, GtkWidget)

void         th_sign_in_page_setup        (ThSignInPage *self,
                                           ThContext    *context);
void         th_sign_in_page_reload       (ThSignInPage *self,
                                           gboolean      locked);
gboolean     th_sign_in_page_select       (ThSignInPage *self,
                                           const char   *name);
const char  *th_sign_in_page_get_selected (ThSignInPage *self);
void         th_sign_in_page_sign_in      (ThSignInPage *self,
                                           const char   *pin);
gboolean     th_sign_in_page_get_busy     (ThSignInPage *self);
const char  *th_sign_in_page_get_error    (ThSignInPage *self);
GtkEditable *th_sign_in_page_get_pin_entry (ThSignInPage *self);

G_END_DECLS
