/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "th-db.h"

G_BEGIN_DECLS

/* Warn when the station's copy is older than this (central-api.md, "Timing"). */
#define TH_SYNC_STALE_SECONDS (24 * 3600)

/* What the station database says about sync, readable by any process: the
 * header, `tihuo-cli status` and support. */
typedef struct {
  gint64  last_pull;        /* unix seconds of the last complete pull; 0 never */
  gint64  last_success;     /* unix seconds of the last run without error; 0 never */
  gint64  pending;          /* events waiting in the outbox */
  guint   n_conflicts;      /* unacknowledged */
  guint   n_rejected;       /* unacknowledged */
  char   *last_error;       /* NULL when the last run went well */
  char   *last_error_code;  /* e.g. "network", "unauthorized"; NULL likewise */
  gint64  last_error_at;
} ThSyncStatus;

gboolean th_sync_status_load  (ThDb          *db,
                               ThSyncStatus  *status,
                               GError       **error);
void     th_sync_status_clear (ThSyncStatus  *status);
gboolean th_sync_status_is_stale (const ThSyncStatus *status,
                                  gint64              now);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ThSyncStatus, th_sync_status_clear)

G_END_DECLS
