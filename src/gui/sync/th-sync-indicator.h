/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "th-sync-client.h"

G_BEGIN_DECLS

#define TH_TYPE_SYNC_INDICATOR (th_sync_indicator_get_type ())
G_DECLARE_FINAL_TYPE (ThSyncIndicator, th_sync_indicator, TH, SYNC_INDICATOR, GtkWidget)

ThSyncIndicator *th_sync_indicator_new         (void);
void             th_sync_indicator_set_client  (ThSyncIndicator *self,
                                                ThSyncClient    *client);
/* Why there is no client although a server is set, e.g. no token yet.
 * NULL @title: no server is set. */
void             th_sync_indicator_set_problem (ThSyncIndicator *self,
                                                const char      *title,
                                                const char      *detail);
const char      *th_sync_indicator_get_label   (ThSyncIndicator *self);
/* "none", "connecting", "ok", "offline", "warning" or "error" */
const char      *th_sync_indicator_get_tone    (ThSyncIndicator *self);

G_END_DECLS
