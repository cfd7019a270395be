/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "th-db.h"
#include "th-sync.h"
#include "th-sync-attention.h"

G_BEGIN_DECLS

typedef enum {
  TH_SYNC_STATE_OFFLINE,      /* never synced yet, or the last attempt failed */
  TH_SYNC_STATE_ONLINE,       /* the last attempt reached the platform */
  TH_SYNC_STATE_AUTH_FAILED,  /* 401/403: stopped until a new token or Sync now */
} ThSyncState;

#define TH_TYPE_SYNC_STATE (th_sync_state_get_type ())
GType th_sync_state_get_type (void) G_GNUC_CONST;

/* Timing from central-api.md, "Timing a station should keep". */
#define TH_SYNC_PUSH_DELAY_MS     1000      /* the outbox is looked at this often */
#define TH_SYNC_PULL_INTERVAL_S   60
#define TH_SYNC_KEYS_INTERVAL_S   3600
#define TH_SYNC_BACKOFF_MAX_MS    (5 * 60 * 1000)
#define TH_SYNC_RETRY_AFTER_MAX_S 3600

/* Keeps a station in sync in the background: pushes new events within 2 s,
 * pulls every minute, refreshes keys hourly, and at once when the network
 * comes back or on th_sync_client_sync_now(). Failures back off from 1 s,
 * doubling, with jitter, up to 5 min, or as Retry-After says. Runs happen in
 * a worker thread with their own database connection; everything here is
 * for the main thread.
 *
 * For the GUI:
 *   client = th_sync_client_new (db, url_from_settings, token_from_keyring, &error);
 *   bind "state", "last-pull", "pending", "last-error", "needs-attention";
 *   th_sync_client_is_stale() for the 24 h warning;
 *   a list view on th_sync_client_get_attention() (ThSyncAttention items,
 *   with "description" and "platform-order"), acknowledged through
 *   th_sync_client_acknowledge();
 *   th_sync_client_start(); "Sync now" → th_sync_client_sync_now();
 *   Preferences → th_sync_test_connection_async() and, after saving,
 *   th_credentials_store_async() + th_sync_client_set_token(). A new server
 *   address means a new client. */
#define TH_TYPE_SYNC_CLIENT (th_sync_client_get_type ())
G_DECLARE_FINAL_TYPE (ThSyncClient, th_sync_client, TH, SYNC_CLIENT, GObject)

ThSyncClient *th_sync_client_new                (ThDb            *db,
                                                 const char      *server_url,
                                                 const char      *token,
                                                 GError         **error);

void          th_sync_client_start              (ThSyncClient    *self);
void          th_sync_client_stop               (ThSyncClient    *self);
/* "Sync now": everything at once, forgetting any backoff; also retries
 * after an auth failure. */
void          th_sync_client_sync_now           (ThSyncClient    *self);
/* A hint that an event was just queued; the outbox is also watched. */
/* A new token from the keyring or the settings; retries at once. Never
 * logged and never readable back. */
void          th_sync_client_set_token          (ThSyncClient    *self,
                                                 const char      *token);

ThSyncState   th_sync_client_get_state          (ThSyncClient    *self);
gboolean      th_sync_client_get_busy           (ThSyncClient    *self);
gint64        th_sync_client_get_last_pull      (ThSyncClient    *self);
gboolean      th_sync_client_is_stale           (ThSyncClient    *self);
gint64        th_sync_client_get_pending        (ThSyncClient    *self);
const char   *th_sync_client_get_last_error     (ThSyncClient    *self);
guint         th_sync_client_get_needs_attention (ThSyncClient   *self);
/* A GListModel of ThSyncAttention, kept up to date after each run. */
GListModel   *th_sync_client_get_attention      (ThSyncClient    *self);
gboolean      th_sync_client_acknowledge        (ThSyncClient    *self,
                                                 ThSyncAttention *item,
                                                 const char      *staff,
                                                 GError         **error);

void          th_sync_client_set_timeout        (ThSyncClient    *self,
                                                 guint            seconds);
void          th_sync_client_set_page_limit     (ThSyncClient    *self,
                                                 guint            limit);
void          th_sync_client_set_deadlines      (ThSyncClient    *self,
                                                 guint            seconds,
                                                 guint            run_seconds);

/* The wait before retry number @n_failures (1 for the first), in ms.
 * @jitter is in [0, 1); @retry_after is in seconds, or -1. */
gint64        th_sync_backoff_ms                (guint            n_failures,
                                                 gint64           retry_after,
                                                 double           jitter);

G_END_DECLS
