/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "th-context.h"

G_BEGIN_DECLS

struct _ThContext
{
  GObject       parent_instance;

  ThDb         *db;
  ThSession    *session;
  GSettings    *settings;
  ThSyncClient *sync_client;
  char         *problem_title;
  char         *problem_detail;

  /* Where the client comes from (th-context-sync.c) */
  gboolean      pinned;          /* the settings do not apply, e.g. the demo's platform */
  GCancellable *cancellable;     /* keyring look-ups */
  char         *url;             /* the client's server, and its station */
  guint32       station_id;
  char         *session_url;     /* a token the keyring could not keep */
  char         *session_token;
};

/* th-context-sync.c */
void _th_context_init_sync    (ThContext *self);
void _th_context_dispose_sync (ThContext *self);

/* th-context-policy.c */
void _th_context_init_policy  (ThContext *self);

G_END_DECLS
