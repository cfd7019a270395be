/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "th-window.h"

G_BEGIN_DECLS

#define TH_TYPE_DEMO_CODES_WINDOW (th_demo_codes_window_get_type ())
G_DECLARE_FINAL_TYPE (ThDemoCodesWindow, th_demo_codes_window, TH, DEMO_CODES_WINDOW, AdwWindow)

ThDemoCodesWindow *th_demo_codes_window_new     (ThWindow           *counter,
                                                 ThContext          *context,
                                                 const guint8        secret_key[64]);
void               th_demo_codes_window_refresh (ThDemoCodesWindow  *self);
GtkFlowBox        *th_demo_codes_window_get_codes (ThDemoCodesWindow *self);

G_END_DECLS
