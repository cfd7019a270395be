/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Internal API shared by the th-sync*.c files, the fuzz harness and the
 * benchmark. */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "th-order.h"
#include "th-sync.h"

G_BEGIN_DECLS

/* The HTTP side of one sync run: one SoupSession, used from the thread that
 * made it (libsoup's rule), with the station's token. */
typedef struct _ThSyncHttp ThSyncHttp;

typedef struct {
  guint  status;        /* HTTP status, 0 when no answer arrived */
  gint64 retry_after;   /* seconds, or -1 */
} ThSyncReply;

/* th-sync-deadline.c: the overall deadlines of one run's requests. */
typedef struct {
  guint         request_seconds;
  gint64        run_end;        /* monotonic µs, 0 for none */
  guint         run_seconds;    /* for the message */
  GMainContext *context;        /* the timers' thread, made on first use */
  GMainLoop    *loop;
  GThread      *thread;
} ThSyncDeadlines;

typedef struct {
  GCancellable *cancellable;    /* the request's own */
  GCancellable *caller;
  gulong        caller_handler;
  GSource      *timer;
  gboolean      by_run;         /* the run's deadline is the nearer one */
} ThSyncDeadline;

void        _th_sync_deadlines_clear (ThSyncDeadlines *deadlines);
void        _th_sync_deadline_begin  (ThSyncDeadlines *deadlines,
                                      ThSyncDeadline  *d,
                                      GCancellable    *caller);
void        _th_sync_deadline_end    (ThSyncDeadlines *deadlines,
                                      ThSyncDeadline  *d,
                                      const char      *base_url,
                                      const char      *method,
                                      const char      *path,
                                      GError         **error);

ThSyncHttp *_th_sync_http_new      (const char    *base_url,
                                    const char    *token,
                                    guint          timeout_seconds,
                                    GError       **error);
void        _th_sync_http_free     (ThSyncHttp    *http);
/* @request_seconds bounds each request; @run_end (monotonic µs, 0 for
 * none), set once @run_seconds are up, bounds them all. */
void        _th_sync_http_set_deadlines (ThSyncHttp *http,
                                         guint       request_seconds,
                                         gint64      run_end,
                                         guint       run_seconds);
/* Sends one request to @path (relative to the base URL, starting with "/")
 * and parses the 200 answer as JSON. Every refusal in central-api.md
 * ("Limits", "Retries") is an error in TH_SYNC_ERROR. */
JsonNode   *_th_sync_http_request  (ThSyncHttp    *http,
                                    const char    *method,
                                    const char    *path,
                                    const char    *query,
                                    GBytes        *body,
                                    ThSyncReply   *reply,
                                    GCancellable  *cancellable,
                                    GError       **error);
/* The same, without parsing: for measuring the bare transfer. */
GBytes     *_th_sync_http_fetch    (ThSyncHttp    *http,
                                    const char    *method,
                                    const char    *path,
                                    const char    *query,
                                    GBytes        *body,
                                    ThSyncReply   *reply,
                                    GCancellable  *cancellable,
                                    GError       **error);

/* One page of GET …/orders, fully validated. */
typedef struct {
  GPtrArray *orders;        /* of ThOrder */
  char      *next_cursor;
  gboolean   has_more;
} ThSyncPage;

gboolean    _th_sync_parse_orders_page     (JsonNode    *root,
                                            guint32      station_id,
                                            ThSyncPage  *page,
                                            GError     **error);
void        _th_sync_page_clear            (ThSyncPage  *page);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ThSyncPage, _th_sync_page_clear)

typedef enum {
  TH_SYNC_RESULT_ACCEPTED,
  TH_SYNC_RESULT_DUPLICATE,
  TH_SYNC_RESULT_CONFLICT,
  TH_SYNC_RESULT_REJECTED,
} ThSyncResultStatus;

/* The platform's answer for one event of a pushed batch. */
typedef struct {
  char               *id;
  ThSyncResultStatus  status;
  char               *reason;       /* "" when none was given */
  ThOrder            *order;        /* conflict only */
  char               *order_json;   /* the platform's copy as it came */
} ThSyncResult;

/* @sent_ids: the ids of the batch; a result for any other id, or two for
 * one id, makes the whole answer invalid. */
GPtrArray  *_th_sync_parse_events_response (JsonNode    *root,
                                            GHashTable  *sent_ids,
                                            guint32      station_id,
                                            GError     **error);
const char *_th_sync_result_status_to_string (ThSyncResultStatus status);

/* Checks the shape of a /keys answer without storing anything. */
gboolean    _th_sync_check_keys_response   (JsonNode    *root,
                                            GError     **error);

gboolean    _th_sync_push          (ThDb          *db,
                                    ThSyncHttp    *http,
                                    guint32        station_id,
                                    ThSyncReport  *report,
                                    GCancellable  *cancellable,
                                    GError       **error);
gboolean    _th_sync_pull          (ThDb          *db,
                                    ThSyncHttp    *http,
                                    guint32        station_id,
                                    guint          limit,
                                    ThSyncReport  *report,
                                    GCancellable  *cancellable,
                                    GError       **error);
gboolean    _th_sync_refresh_keys  (ThDb          *db,
                                    ThSyncHttp    *http,
                                    guint32        station_id,
                                    ThSyncReport  *report,
                                    GCancellable  *cancellable,
                                    GError       **error);

/* Wraps a parser's error, which names what was wrong, as a
 * TH_SYNC_ERROR_BAD_RESPONSE that says what happens next. */
void        _th_sync_bad_response  (GError       **error,
                                    GError        *cause);

G_END_DECLS
