/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "th-orders-page.h"

G_BEGIN_DECLS

struct _ThOrdersPage
{
  GtkWidget       parent_instance;

  GtkSearchEntry *search_entry;
  GtkStack       *stack;
  GtkListBox     *orders_list;
  GtkLabel       *summary_label;

  ThDb           *db;
  ThOrderList    *list;      /* every order of the days shown */
  char           *filter;
  char           *search;    /* the search as last applied */
  guint           n_shown;
};

/* th-orders-page.c */
void          _th_orders_page_fail             (ThOrdersPage   *self,
                                                const GError   *error);
ThOrderFilter _th_orders_page_current_filter   (ThOrdersPage   *self);

/* th-orders-page-rows.c */
void          _th_orders_page_apply_filter     (ThOrdersPage   *self);
void          _th_orders_page_first_shown_rows (ThOrdersPage   *self,
                                                GtkListBoxRow **first,
                                                GtkListBoxRow **second);
void          _th_orders_page_header_func      (GtkListBoxRow  *row,
                                                GtkListBoxRow  *before,
                                                gpointer        user_data);
gboolean      _th_orders_page_filter_func      (GtkListBoxRow  *row,
                                                gpointer        user_data);

G_END_DECLS
