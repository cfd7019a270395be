/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "th-counter-page.h"
#include "th-history-page.h"
#include "th-orders-page.h"
#include "th-setup-page.h"
#include "th-sound.h"
#include "th-window.h"

G_BEGIN_DECLS

struct _ThWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkLabel             *station_label;
  GtkLabel             *terminal_label;
  GtkBox               *status_slot;
  AdwViewSwitcherTitle *switcher_title;
  GtkStack             *main_stack;
  AdwStatusPage        *loading_page;
  AdwStatusPage        *error_page;
  ThSetupPage          *setup_page;
  AdwViewStack         *view_stack;
  ThCounterPage        *counter_page;
  ThOrdersPage         *orders_page;
  ThHistoryPage        *history_page;

  ThDb                 *db;
  GSettings            *settings;
  ThSound              *sound;

  /* Scanner input: see th-window-scan.c */
  ThScannerBurst       *scanner;
  GtkEventController   *key_controller;
  GHashTable           *pending_keys;    /* keyvals whose press is held */
  GHashTable           *replayed_keys;   /* keyvals whose press was replayed */

  /* The last hand-over, for the toast's Undo */
  AdwToast             *undo_toast;
  char                 *undo_collection_id;
};

/* th-window-actions.c */
void _th_window_class_add_actions  (GtkWidgetClass *widget_class);
void _th_window_update_actions     (ThWindow       *self);
void _th_window_show_collected     (ThWindow       *self,
                                    const char     *collection_id,
                                    gint64          order_id);
void _th_window_undo_last          (ThWindow       *self);

/* th-window-pages.c */
void _th_window_update_identity    (ThWindow       *self);
void _th_window_show_station       (ThWindow       *self);
void _th_window_class_add_page_callbacks (GtkWidgetClass *widget_class);
void _th_window_setup_page_done_cb (ThWindow       *self);
void _th_window_view_stack_visible_child_changed_cb (ThWindow *self);
void _th_window_counter_page_verified_cb  (ThWindow   *self,
                                           gboolean    good);
void _th_window_counter_page_collected_cb (ThWindow   *self,
                                           const char *collection_id,
                                           gint64      order_id);
void _th_window_counter_page_state_changed_cb (ThWindow *self);
void _th_window_page_failed_cb     (ThWindow       *self,
                                    const GError   *error);
void _th_window_orders_page_order_activated_cb (ThWindow *self,
                                                gint64    order_id);
void _th_window_history_page_undone_cb (ThWindow   *self,
                                        gint64      order_id);

/* th-window-scan.c */
void _th_window_init_scanner       (ThWindow       *self);
void _th_window_dispose_scanner    (ThWindow       *self);
GtkEditable *_th_window_get_text_target (ThWindow *self);

G_END_DECLS
