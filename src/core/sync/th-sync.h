/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "th-db.h"
#include "th-order-store.h"

G_BEGIN_DECLS

#define TH_SYNC_ERROR (th_sync_error_quark ())

/* How a sync attempt failed; ../shared/central-api.md, "Retries". */
typedef enum {
  TH_SYNC_ERROR_BAD_URL,       /* the server address cannot be used */
  TH_SYNC_ERROR_INSECURE,      /* plain http to a host that is not loopback */
  TH_SYNC_ERROR_NETWORK,       /* no connection, or it was cut */
  TH_SYNC_ERROR_TIMEOUT,
  TH_SYNC_ERROR_UNAUTHORIZED,  /* 401: stop syncing */
  TH_SYNC_ERROR_FORBIDDEN,     /* 403: stop syncing */
  TH_SYNC_ERROR_UNAVAILABLE,   /* 429 or 503, usually with Retry-After */
  TH_SYNC_ERROR_SERVER,        /* other 5xx */
  TH_SYNC_ERROR_HTTP,          /* any other unexpected status */
  TH_SYNC_ERROR_TOO_LARGE,     /* a body over the limit, or 413 at one event */
  TH_SYNC_ERROR_REDIRECT,      /* a redirect to another host */
  TH_SYNC_ERROR_BAD_RESPONSE,  /* malformed JSON or wrong field types */
  TH_SYNC_ERROR_INCOMPLETE,    /* the platform did not answer for some events */
} ThSyncError;

/* The contract's limits. */
#define TH_SYNC_MAX_BODY_BYTES  (32 * 1024 * 1024)
#define TH_SYNC_MAX_BATCH       200
#define TH_SYNC_DEFAULT_LIMIT   500
#define TH_SYNC_MAX_LIMIT       1000
#define TH_SYNC_DEFAULT_TIMEOUT 30
/* Overall deadlines: the timeout above is per read, so a server trickling
 * one byte at a time would hold a request for ever. A page of 1000 orders
 * (about 1 MB) takes a few seconds even on a slow line. */
#define TH_SYNC_DEFAULT_REQUEST_DEADLINE 60
#define TH_SYNC_DEFAULT_RUN_DEADLINE     300

typedef enum {
  TH_SYNC_PUSH = 1 << 0,
  TH_SYNC_PULL = 1 << 1,
  TH_SYNC_KEYS = 1 << 2,
  TH_SYNC_ALL  = TH_SYNC_PUSH | TH_SYNC_PULL | TH_SYNC_KEYS,
} ThSyncWhat;

typedef struct {
  ThSyncWhat    done;          /* the parts that completed */
  guint         n_accepted;    /* includes duplicates */
  guint         n_duplicate;
  guint         n_conflict;
  guint         n_rejected;
  guint         n_pages;
  ThImportStats orders;
  guint         n_keys;
  /* Seconds from Retry-After when the failure was 429/503, else -1. */
  gint64        retry_after;
} ThSyncReport;

/* One station's sync engine: blocking, for a worker thread or the CLI. It
 * creates its HTTP session per run, so a run may happen on any thread, but
 * only one run at a time. */
typedef struct _ThSync ThSync;

GQuark   th_sync_error_quark      (void);

ThSync  *th_sync_new              (ThDb          *db,
                                   const char    *base_url,
                                   GError       **error);
void     th_sync_free             (ThSync        *self);
void     th_sync_set_token        (ThSync        *self,
                                   const char    *token);
void     th_sync_set_timeout      (ThSync        *self,
                                   guint          seconds);
void     th_sync_set_page_limit   (ThSync        *self,
                                   guint          limit);
/* Each request must be over within @seconds (default
 * TH_SYNC_DEFAULT_REQUEST_DEADLINE), and a whole th_sync_run() within
 * @run_seconds (0, the default: no limit beyond the requests'). Either ends
 * the run with TH_SYNC_ERROR_TIMEOUT; the parts done before stay done. */
void     th_sync_set_deadlines    (ThSync        *self,
                                   guint          seconds,
                                   guint          run_seconds);
gboolean th_sync_run              (ThSync        *self,
                                   ThSyncWhat     what,
                                   ThSyncReport  *report,
                                   GCancellable  *cancellable,
                                   GError       **error);

gboolean th_sync_check_url        (const char    *base_url,
                                   GError       **error);

/* For Preferences' "Test connection": asks for the keys with @token and
 * says clearly what went wrong. Nothing is stored. */
void     th_sync_test_connection_async  (const char          *base_url,
                                         const char          *token,
                                         guint32              station_id,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean th_sync_test_connection_finish (GAsyncResult        *result,
                                         GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThSync, th_sync_free)

G_END_DECLS
