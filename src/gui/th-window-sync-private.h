/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "th-window-private.h"
#include "th-window-sync.h"

G_BEGIN_DECLS

/* What the window keeps for sync; ThWindow points to it (self->sync). */
struct _ThWindowSync
{
  ThSyncClient     *client;
  ThSyncIndicator  *indicator;      /* owned by the header */
  ThAttentionPage  *page;           /* owned by the view stack */
  AdwViewStackPage *stack_page;
  gboolean          reload_after;   /* Sync Now: reload the pages after the run */

  /* Where the client comes from (th-window-sync-setup.c) */
  char             *demo_dir;       /* the demo's platform; the settings do not apply */
  gboolean          demo_started;
  ThDemoServer     *demo_server;
  GCancellable     *cancellable;    /* keyring look-ups and the demo's start */
  char             *url;            /* the client's server, and its station */
  guint32           station_id;
  char             *session_url;    /* a token the keyring could not keep */
  char             *session_token;
};

/* th-window-sync-setup.c */
void _th_window_sync_setup_init    (ThWindow *self);
void _th_window_sync_setup_dispose (ThWindow *self);
void _th_window_sync_connect       (ThWindow *self);

G_END_DECLS
