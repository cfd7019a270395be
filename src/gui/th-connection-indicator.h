/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TH_TYPE_CONNECTION_INDICATOR (th_connection_indicator_get_type ())
G_DECLARE_FINAL_TYPE (ThConnectionIndicator, th_connection_indicator, TH, CONNECTION_INDICATOR, GtkWidget)

ThConnectionIndicator *th_connection_indicator_new       (void);
void                   th_connection_indicator_set_state (ThConnectionIndicator *self,
                                                          const char            *icon_name,
                                                          const char            *label);
const char            *th_connection_indicator_get_label (ThConnectionIndicator *self);

G_END_DECLS
