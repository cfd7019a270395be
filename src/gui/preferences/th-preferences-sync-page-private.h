/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "th-preferences-sync-page.h"

G_BEGIN_DECLS

struct _ThPreferencesSyncPage
{
  AdwPreferencesPage  parent_instance;

  AdwPreferencesGroup *demo_group;
  AdwEntryRow         *url_row;
  AdwEntryRow         *token_row;
  AdwActionRow        *token_state_row;
  AdwActionRow        *test_row;
  GtkSpinner          *test_spinner;

  GSettings           *settings;
  ThContext           *context;
  guint32              station_id;   /* 0 until the counter is set up */
  GCancellable        *cancellable;
  gboolean             testing;
};

/* th-preferences-sync-page.c */
void     _th_preferences_sync_page_set_testing      (ThPreferencesSyncPage *self,
                                                     gboolean               testing);
void     _th_preferences_sync_page_show_test_result (ThPreferencesSyncPage *self,
                                                     const char            *text,
                                                     gboolean               ok);
void     _th_preferences_sync_page_toast            (ThPreferencesSyncPage *self,
                                                     const char            *text);
char    *_th_preferences_sync_page_saved_url        (ThPreferencesSyncPage *self);
/* Saves the address typed; FALSE (and a toast) when it is refused. */
gboolean _th_preferences_sync_page_save_url         (ThPreferencesSyncPage *self);

/* th-preferences-sync-token.c */
void     _th_preferences_sync_page_set_token_state  (ThPreferencesSyncPage *self,
                                                     const char            *text,
                                                     gboolean               problem);
void     _th_preferences_sync_page_refresh_token_state (ThPreferencesSyncPage *self);
void     _th_preferences_sync_page_token_applied_cb (ThPreferencesSyncPage *self);

/* th-preferences-sync-test.c */
void     _th_preferences_sync_page_class_add_test   (GtkWidgetClass        *widget_class);

G_END_DECLS
