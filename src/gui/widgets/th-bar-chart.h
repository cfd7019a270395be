/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "th-report.h"

G_BEGIN_DECLS

#define TH_TYPE_BAR_CHART (th_bar_chart_get_type ())
G_DECLARE_FINAL_TYPE (ThBarChart, th_bar_chart, TH, BAR_CHART, GtkWidget)

/* @rows: (element-type ThReportRow): copied */
void       th_bar_chart_set_rows (ThBarChart *self,
                                  GArray     *rows);
guint      th_bar_chart_get_n_rows (ThBarChart *self);

G_END_DECLS
