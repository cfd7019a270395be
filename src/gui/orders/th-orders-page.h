/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "th-db.h"
#include "th-order-list.h"

G_BEGIN_DECLS

#define TH_TYPE_ORDERS_PAGE (th_orders_page_get_type ())
G_DECLARE_FINAL_TYPE (ThOrdersPage, th_orders_page, TH, ORDERS_PAGE, GtkWidget)

void         th_orders_page_set_db            (ThOrdersPage  *self,
                                               ThDb          *db);
void         th_orders_page_reload            (ThOrdersPage  *self);
void         th_orders_page_focus_search      (ThOrdersPage  *self);
GtkEditable *th_orders_page_get_search_entry  (ThOrdersPage  *self);
GtkListBox  *th_orders_page_get_list          (ThOrdersPage  *self);

G_END_DECLS
