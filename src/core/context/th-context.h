/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "th-case.h"
#include "th-db.h"
#include "th-policy.h"
#include "th-refund.h"
#include "th-session.h"
#include "th-sync-client.h"

G_BEGIN_DECLS

#define TH_TYPE_CONTEXT (th_context_get_type ())
G_DECLARE_FINAL_TYPE (ThContext, th_context, TH, CONTEXT, GObject)

ThContext    *th_context_new                   (ThDb            *db);

ThDb         *th_context_get_db                (ThContext       *self);
void          th_context_set_db                (ThContext       *self,
                                                ThDb            *db);
ThSession    *th_context_get_session           (ThContext       *self);
char         *th_context_dup_staff_name        (ThContext       *self);

ThSyncClient *th_context_get_sync_client       (ThContext       *self);
void          th_context_set_sync_client       (ThContext       *self,
                                                ThSyncClient    *client);
void          th_context_set_sync_problem      (ThContext       *self,
                                                const char      *title,
                                                const char      *detail);
const char   *th_context_get_sync_problem_title  (ThContext     *self);
const char   *th_context_get_sync_problem_detail (ThContext     *self);

/* th-context-sync.c: which client runs */
void          th_context_connect_sync          (ThContext       *self);
void          th_context_pin_sync              (ThContext       *self);
gboolean      th_context_get_sync_pinned       (ThContext       *self);
void          th_context_use_sync_server       (ThContext       *self,
                                                const char      *url,
                                                const char      *token);
void          th_context_set_sync_token        (ThContext       *self,
                                                const char      *server_url,
                                                const char      *token);
char         *th_context_dup_sync_token        (ThContext       *self,
                                                const char      *server_url);

/* th-context-policy.c */
void          th_context_get_policy            (ThContext       *self,
                                                ThPolicy        *policy);
void          th_context_reload_policy         (ThContext       *self);
void          th_context_get_deadlines         (ThContext       *self,
                                                ThCaseDeadlines *deadlines);
guint         th_context_get_lock_idle_minutes (ThContext       *self);

G_END_DECLS
