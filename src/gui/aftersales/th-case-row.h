/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "th-case.h"

G_BEGIN_DECLS

#define TH_TYPE_CASE_ROW (th_case_row_get_type ())
G_DECLARE_FINAL_TYPE (ThCaseRow, th_case_row, TH, CASE_ROW, GtkListBoxRow)

ThCaseRow *th_case_row_new         (ThCase                *c,
                                    const ThCaseDeadlines *deadlines,
                                    gint64                 now);
ThCase    *th_case_row_get_case    (ThCaseRow             *self);

G_END_DECLS
