/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "th-ledger-page.h"

G_BEGIN_DECLS

struct _ThLedgerPage
{
  GtkWidget       parent_instance;

  GtkSearchEntry *search_entry;
  GtkDropDown    *status_drop;
  GtkDropDown    *category_drop;
  GtkDropDown    *product_drop;
  GtkDropDown    *period_drop;
  GtkToggleButton *overdue_toggle;
  GtkStack       *stack;
  GtkListBox     *cases_list;
  GtkLabel       *summary_label;

  ThContext      *context;
  ThDb           *db;           /* the context's */
  ThSession      *session;      /* the context's */
  GStrv           skus;          /* the product drop-down's SKUs, after "any" */
  guint           n_overdue;
  guint           refresh_id;
  gboolean        loading;
};

/* th-ledger-page-filters.c */
void _th_ledger_period_bounds      (ThLedgerPeriod  period,
                                    gint64          now,
                                    gint64         *since,
                                    gint64         *until);
void _th_ledger_page_load_products (ThLedgerPage   *self);

G_END_DECLS
