/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "th-report.h"

G_BEGIN_DECLS

#define TH_TYPE_SUMMARY_PAGE (th_summary_page_get_type ())
G_DECLARE_FINAL_TYPE (ThSummaryPage, th_summary_page, TH, SUMMARY_PAGE, GtkWidget)

void            th_summary_page_set_db         (ThSummaryPage *self,
                                                ThDb          *db);
void            th_summary_page_reload         (ThSummaryPage *self);
void            th_summary_page_set_month      (ThSummaryPage *self,
                                                int            year,
                                                int            month);
void            th_summary_page_set_by_product (ThSummaryPage *self,
                                                gboolean       by_product);
/* (nullable): the month shown */
const ThReport *th_summary_page_get_report     (ThSummaryPage *self);
GtkWidget      *th_summary_page_get_chart      (ThSummaryPage *self);
/* As "Export CSV…" does it, without asking where. */
gboolean        th_summary_page_export_csv     (ThSummaryPage *self,
                                                const char    *path,
                                                GError       **error);

G_END_DECLS
