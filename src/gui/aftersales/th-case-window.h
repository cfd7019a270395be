/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "th-case.h"
#include "th-context.h"

G_BEGIN_DECLS

#define TH_TYPE_CASE_WINDOW (th_case_window_get_type ())
G_DECLARE_FINAL_TYPE (ThCaseWindow, th_case_window, TH, CASE_WINDOW, AdwWindow)

ThCaseWindow *th_case_window_new      (GtkWindow     *parent,
                                       ThContext     *context,
                                       const char    *case_id);
/* One workflow step through the core, as the buttons do it. */
gboolean      th_case_window_step     (ThCaseWindow  *self,
                                       ThCaseStatus   status,
                                       ThResolution   resolution,
                                       const char    *refund_id,
                                       const char    *note,
                                       GError       **error);
ThCase       *th_case_window_get_case (ThCaseWindow  *self);

G_END_DECLS
