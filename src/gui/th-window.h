/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "th-camera.h"
#include "th-context.h"
#include "th-scanner-burst.h"

G_BEGIN_DECLS

#define TH_TYPE_WINDOW (th_window_get_type ())
G_DECLARE_FINAL_TYPE (ThWindow, th_window, TH, WINDOW, AdwApplicationWindow)

ThWindow           *th_window_new                (GtkApplication *application,
                                                  ThContext      *context);
ThContext          *th_window_get_context        (ThWindow       *self);
void                th_window_show_loading       (ThWindow       *self,
                                                  const char     *title);
void                th_window_show_error         (ThWindow       *self,
                                                  const GError   *error);
void                th_window_reload_station     (ThWindow       *self);
void                th_window_scan               (ThWindow       *self,
                                                  const char     *text);
void                th_window_show_order         (ThWindow       *self,
                                                  gint64          order_id);
void                th_window_set_status_widget  (ThWindow       *self,
                                                  GtkWidget      *widget);
ThScannerBurst     *th_window_get_scanner        (ThWindow       *self);
GtkEventController *th_window_get_key_controller (ThWindow       *self);
GtkWidget          *th_window_get_counter_page   (ThWindow       *self);
GtkWidget          *th_window_get_orders_page    (ThWindow       *self);
GtkWidget          *th_window_get_history_page   (ThWindow       *self);
GtkWidget          *th_window_get_setup_page     (ThWindow       *self);
const char         *th_window_get_visible_page   (ThWindow       *self);
/* th-window-staff.c */
GtkWidget          *th_window_get_sign_in_page   (ThWindow       *self);
GtkWidget          *th_window_get_leader_page    (ThWindow       *self);
GtkWidget          *th_window_get_ledger_page    (ThWindow       *self);
GtkWidget          *th_window_get_summary_page   (ThWindow       *self);
/* th-window-camera.c, th-window-picture.c */
void                th_window_set_camera_source  (ThWindow       *self,
                                                  const char     *source);
ThCamera           *th_window_get_camera         (ThWindow       *self);
void                th_window_scan_picture       (ThWindow       *self,
                                                  GFile          *file);

G_END_DECLS
