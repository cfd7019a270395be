/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "th-counter-page.h"
#include "th-history-page.h"
#include "th-leader-page.h"
#include "th-ledger-page.h"
#include "th-orders-page.h"
#include "th-context.h"
#include "th-setup-page.h"
#include "th-sign-in-page.h"
#include "th-sound.h"
#include "th-summary-page.h"
#include "th-window.h"

G_BEGIN_DECLS

typedef struct _ThWindowSync ThWindowSync;

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

  ThContext            *context;      /* the database, session and sync */
  ThDb                 *db;           /* the context's, as this window shows it */
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

  /* Staff, refunds and after-sales: see th-window-staff.c */
  ThLeaderPage         *leader_page;
  ThSignInPage         *sign_in_page;
  GtkButton            *staff_button;
  AdwViewSwitcherBar   *switcher_bar;
  ThLedgerPage         *ledger_page;
  ThSummaryPage        *summary_page;
  ThSession            *session;      /* the context's */

  /* Sync with the central platform: see th-window-sync.c */
  ThWindowSync         *sync;

  /* The camera and pictures of codes: see th-window-camera.c and
   * th-window-picture.c */
  ThCamera             *camera;
  GSimpleAction        *camera_action;      /* win.camera */
  char                 *camera_source;      /* --camera-source, or NULL */
  GCancellable         *picture_cancellable;
  GtkFileChooserNative *picture_chooser;
  AdwToast             *picture_toast;      /* weak */
  gint64                picture_toast_time; /* when it was added, µs */
  gboolean              picture_enabled;
};

/* th-window-actions.c */
void _th_window_class_add_actions  (GtkWidgetClass *widget_class);
void _th_window_update_actions     (ThWindow       *self);
void _th_window_show_collected     (ThWindow       *self,
                                    const char     *collection_id,
                                    gint64          order_id);
void _th_window_undo_last          (ThWindow       *self);
void _th_window_counter_page_undo_finished_cb (ThWindow     *self,
                                               const GError *error);

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

/* th-window-staff.c */
void     _th_window_class_add_staff      (GtkWidgetClass *widget_class);
void     _th_window_init_staff           (ThWindow       *self);
void     _th_window_dispose_staff        (ThWindow       *self);
gboolean _th_window_staff_ready          (ThWindow       *self);
void     _th_window_update_staff_actions (ThWindow       *self,
                                          gboolean        station);

/* th-window-sync.c */
void _th_window_class_add_sync_actions (GtkWidgetClass *widget_class);
void _th_window_init_sync          (ThWindow       *self);
void _th_window_dispose_sync       (ThWindow       *self);
void _th_window_update_sync_actions (ThWindow      *self,
                                    gboolean        station);

/* th-window-camera.c */
void _th_window_class_add_camera_actions (GtkWidgetClass *widget_class);
void _th_window_init_camera        (ThWindow       *self);
void _th_window_dispose_camera     (ThWindow       *self);
void _th_window_update_camera_actions (ThWindow    *self);

/* th-window-picture.c */
void _th_window_class_add_picture_actions (GtkWidgetClass *widget_class);
void _th_window_init_picture       (ThWindow       *self);
void _th_window_dispose_picture    (ThWindow       *self);
void _th_window_update_picture_actions (ThWindow   *self,
                                        gboolean    station);

/* th-window-scan.c */
void _th_window_init_scanner       (ThWindow       *self);
void _th_window_dispose_scanner    (ThWindow       *self);
GtkEditable *_th_window_get_text_target (ThWindow *self);

G_END_DECLS
