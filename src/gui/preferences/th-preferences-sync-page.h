/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "th-context.h"

G_BEGIN_DECLS

#define TH_TYPE_PREFERENCES_SYNC_PAGE (th_preferences_sync_page_get_type ())
G_DECLARE_FINAL_TYPE (ThPreferencesSyncPage, th_preferences_sync_page, TH, PREFERENCES_SYNC_PAGE, AdwPreferencesPage)

ThPreferencesSyncPage *th_preferences_sync_page_new            (ThContext             *context);
gboolean               th_preferences_sync_page_get_testing    (ThPreferencesSyncPage *self);
/* What the Test Connection row says, and the saved token's state. */
const char            *th_preferences_sync_page_get_test_result (ThPreferencesSyncPage *self);
const char            *th_preferences_sync_page_get_token_state (ThPreferencesSyncPage *self);
AdwEntryRow           *th_preferences_sync_page_get_url_row     (ThPreferencesSyncPage *self);
AdwEntryRow           *th_preferences_sync_page_get_token_row   (ThPreferencesSyncPage *self);

G_END_DECLS
