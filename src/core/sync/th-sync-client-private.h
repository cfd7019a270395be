/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "th-sync-client.h"

G_BEGIN_DECLS

#define TH_SYNC_NEVER G_MAXINT64

struct _ThSyncClient
{
  GObject          parent_instance;

  /* The caller's connection: main thread only, for watching the outbox and
   * reading status. Runs use `engine`, with a connection of their own. */
  ThDb            *db;
  char            *server_url;
  char            *token;
  guint            timeout;
  guint            page_limit;
  guint            request_deadline;
  guint            run_deadline;
  ThSync          *engine;

  GNetworkMonitor *monitor;
  gboolean         network_available;

  /* Scheduling, in g_get_monotonic_time() µs. */
  gboolean         started;
  gboolean         running;
  gboolean         rerun;          /* Sync now arrived during a run */
  gint64           push_due;
  gint64           pull_due;
  gint64           keys_due;
  gint64           retry_at;
  /* A failed pull or keys refresh backs off only themselves: new events
   * still leave as soon as they are due. */
  gint64           push_retry_at;
  guint            n_failures;
  guint            timer_id;
  guint            poll_id;
  gint64           outbox_seq;
  GCancellable    *cancellable;

  /* What the properties show. */
  ThSyncState      state;
  gint64           last_pull;
  gint64           pending;
  char            *last_error;
  guint            n_attention;
  GListStore      *attention;
};

enum {
  TH_SYNC_CLIENT_PROP_0,
  TH_SYNC_CLIENT_PROP_STATE,
  TH_SYNC_CLIENT_PROP_BUSY,
  TH_SYNC_CLIENT_PROP_LAST_PULL,
  TH_SYNC_CLIENT_PROP_PENDING,
  TH_SYNC_CLIENT_PROP_LAST_ERROR,
  TH_SYNC_CLIENT_PROP_NEEDS_ATTENTION,
  TH_SYNC_CLIENT_PROP_ATTENTION,
  TH_SYNC_CLIENT_N_PROPS
};

enum {
  TH_SYNC_CLIENT_SIGNAL_SYNC_FINISHED,
  TH_SYNC_CLIENT_SIGNAL_RETRY_SCHEDULED,
  TH_SYNC_CLIENT_N_SIGNALS
};

extern GParamSpec *_th_sync_client_properties[TH_SYNC_CLIENT_N_PROPS];
extern guint       _th_sync_client_signals[TH_SYNC_CLIENT_N_SIGNALS];

/* th-sync-client.c */
void _th_sync_client_set_state    (ThSyncClient *self,
                                   ThSyncState   state);
void _th_sync_client_notify_busy  (ThSyncClient *self);
void _th_sync_client_set_error    (ThSyncClient *self,
                                   const char   *message);
void _th_sync_client_refresh      (ThSyncClient *self);
void _th_sync_client_set_pending  (ThSyncClient *self,
                                   gint64        pending);

/* For tests: a monitor to stand in for the system's; before starting. */
void _th_sync_client_set_network_monitor (ThSyncClient    *self,
                                          GNetworkMonitor *monitor);

/* th-sync-scheduler.c */
void _th_sync_scheduler_start     (ThSyncClient *self);
void _th_sync_scheduler_stop      (ThSyncClient *self);
void _th_sync_scheduler_all_due   (ThSyncClient *self);
void _th_sync_scheduler_push_due  (ThSyncClient *self);

G_END_DECLS
