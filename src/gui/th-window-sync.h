/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "th-attention-page.h"
#include "th-demo-server.h"
#include "th-sync-client.h"
#include "th-sync-indicator.h"
#include "th-window.h"

G_BEGIN_DECLS

/* The counter window's side of sync (th-window-sync*.c): the header's
 * status, the Needs Attention page, Sync Now, and which client runs. */

/* Replaces the running client, if any, and starts @client. */
void             th_window_set_sync_client    (ThWindow     *self,
                                               ThSyncClient *client);
ThSyncClient    *th_window_get_sync_client    (ThWindow     *self);
ThSyncIndicator *th_window_get_sync_indicator (ThWindow     *self);
ThAttentionPage *th_window_get_attention_page (ThWindow     *self);

/* `tihuo --demo`: sync with the demo's own platform instead of the server
 * in the settings. It starts once the station is open. */
void             th_window_use_demo_sync      (ThWindow     *self,
                                               const char   *demo_dir);
ThDemoServer    *th_window_get_demo_server    (ThWindow     *self);
gboolean         th_window_get_sync_is_demo   (ThWindow     *self);

/* Preferences saved @token for @server_url: in the keyring, or for this
 * session only when the keyring failed. Never logged. */
void             th_window_set_sync_token     (ThWindow     *self,
                                               const char   *server_url,
                                               const char   *token);
/* The token this session holds for @server_url, or NULL; wipe it with
 * th_credentials_free_token(). */
char            *th_window_dup_sync_token     (ThWindow     *self,
                                               const char   *server_url);

G_END_DECLS
