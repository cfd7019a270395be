/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One sync run: push the outbox, pull the orders, refresh the keys, then
 * record how it went in sync_state so `tihuo-cli status` and the header can
 * show it, even from another process. */
#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>

#include "th-identity.h"
#include "th-sync-private.h"
#include "th-time.h"

G_DEFINE_QUARK (th-sync-error-quark, th_sync_error)

struct _ThSync
{
  ThDb  *db;
  char  *base_url;
  char  *token;
  guint  timeout;
  guint  page_limit;
  guint  request_deadline;
  guint  run_deadline;
};

static const char * const error_nicks[] = {
  "bad_url", "insecure", "network", "timeout", "unauthorized", "forbidden", "unavailable",
  "server", "http", "too_large", "redirect", "bad_response", "incomplete",
};

static void
forget_token (ThSync *self)
{
  if (self->token != NULL)
    sodium_memzero (self->token, strlen (self->token));
  g_clear_pointer (&self->token, g_free);
}

/**
 * th_sync_new:
 * @db: the station database; the engine uses it only during th_sync_run()
 * @base_url: e.g. https://central.example.com/api
 *
 * Returns: (transfer full): the engine, or %NULL when @base_url is refused
 */
ThSync *
th_sync_new (ThDb        *db,
             const char  *base_url,
             GError     **error)
{
  ThSync *self;

  g_return_val_if_fail (TH_IS_DB (db), NULL);

  if (!th_sync_check_url (base_url, error))
    return NULL;
  self = g_new0 (ThSync, 1);
  self->db = g_object_ref (db);
  self->base_url = g_strdup (base_url);
  self->timeout = TH_SYNC_DEFAULT_TIMEOUT;
  self->page_limit = TH_SYNC_DEFAULT_LIMIT;
  self->request_deadline = TH_SYNC_DEFAULT_REQUEST_DEADLINE;
  return self;
}

void
th_sync_free (ThSync *self)
{
  if (self == NULL)
    return;
  forget_token (self);
  g_clear_object (&self->db);
  g_free (self->base_url);
  g_free (self);
}

void
th_sync_set_token (ThSync     *self,
                   const char *token)
{
  g_return_if_fail (self != NULL);
  forget_token (self);
  self->token = g_strdup (token);
}

void
th_sync_set_timeout (ThSync *self,
                     guint   seconds)
{
  g_return_if_fail (self != NULL);
  self->timeout = MAX (seconds, 1);
}

void
th_sync_set_page_limit (ThSync *self,
                        guint   limit)
{
  g_return_if_fail (self != NULL);
  self->page_limit = CLAMP (limit, 1, TH_SYNC_MAX_LIMIT);
}

void
th_sync_set_deadlines (ThSync *self,
                       guint   seconds,
                       guint   run_seconds)
{
  g_return_if_fail (self != NULL);
  self->request_deadline = MAX (seconds, 1);
  self->run_deadline = run_seconds;
}

static void
record_outcome (ThDb         *db,
                const GError *error)
{
  g_autofree char *at = g_strdup_printf ("%" G_GINT64_FORMAT, th_time_now ());
  const char *code = "failed";

  /* Stopping is not a failure worth showing. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* Best effort: a database too busy to take this note must not hide the
   * real outcome from the caller. */
  if (!th_db_begin_immediate (db, NULL))
    return;
  if (error == NULL)
    {
      if (!th_db_set_state (db, "sync.last_success", at, NULL) ||
          !th_db_set_state (db, "sync.last_error", "", NULL) ||
          !th_db_set_state (db, "sync.last_error_code", "", NULL))
        goto fail;
    }
  else
    {
      if (error->domain == TH_SYNC_ERROR && (guint) error->code < G_N_ELEMENTS (error_nicks))
        code = error_nicks[error->code];
      else
        code = "local";
      if (!th_db_set_state (db, "sync.last_error", error->message, NULL) ||
          !th_db_set_state (db, "sync.last_error_code", code, NULL) ||
          !th_db_set_state (db, "sync.last_error_at", at, NULL))
        goto fail;
    }
  if (th_db_commit (db, NULL))
    return;
fail:
  th_db_rollback (db);
}

/**
 * th_sync_run:
 * @what: the parts to do, in the order push, pull, keys
 * @report: (out caller-allocates): what happened, filled even on failure
 *
 * Blocks until done, or until a deadline (th_sync_set_deadlines()). Stops
 * at the first failure: the parts before it stay done, and nothing of the
 * failing part is half-applied. The push comes first, so new events leave
 * even when the pull after it stalls.
 */
gboolean
th_sync_run (ThSync        *self,
             ThSyncWhat     what,
             ThSyncReport  *report,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  ThSyncHttp *http = NULL;
  ThSyncReport local_report;
  guint32 station_id;
  gboolean ok = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);

  if (report == NULL)
    report = &local_report;
  memset (report, 0, sizeof *report);
  report->retry_after = -1;

  if (!th_identity_get (self->db, &station_id, NULL, error))
    return FALSE;
  if (!(http = _th_sync_http_new (self->base_url, self->token, self->timeout, &local_error)))
    goto out;
  _th_sync_http_set_deadlines (http, self->request_deadline,
                               self->run_deadline ? g_get_monotonic_time () + (gint64) self->run_deadline * G_USEC_PER_SEC : 0,
                               self->run_deadline);

  if ((what & TH_SYNC_PUSH) &&
      !_th_sync_push (self->db, http, station_id, report, cancellable, &local_error))
    goto out;
  report->done |= what & TH_SYNC_PUSH;
  if ((what & TH_SYNC_PULL) &&
      !_th_sync_pull (self->db, http, station_id, self->page_limit, report, cancellable, &local_error))
    goto out;
  report->done |= what & TH_SYNC_PULL;
  if ((what & TH_SYNC_KEYS) &&
      !_th_sync_refresh_keys (self->db, http, station_id, report, cancellable, &local_error))
    goto out;
  report->done |= what & TH_SYNC_KEYS;
  ok = TRUE;

out:
  _th_sync_http_free (http);
  record_outcome (self->db, local_error);
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return ok;
}

typedef struct {
  char    *base_url;
  char    *token;
  guint32  station_id;
} TestData;

static void
test_data_free (gpointer data)
{
  TestData *td = data;

  g_free (td->base_url);
  if (td->token)
    sodium_memzero (td->token, strlen (td->token));
  g_free (td->token);
  g_free (td);
}

static void
test_connection_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  TestData *td = task_data;
  g_autofree char *path = g_strdup_printf ("/v1/stations/%u/keys", td->station_id);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  ThSyncHttp *http;

  http = _th_sync_http_new (td->base_url, td->token, TH_SYNC_DEFAULT_TIMEOUT, &error);
  if (http != NULL)
    root = _th_sync_http_request (http, "GET", path, NULL, NULL, NULL, cancellable, &error);
  _th_sync_http_free (http);

  if (root == NULL || !_th_sync_check_keys_response (root, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
th_sync_test_connection_async (const char          *base_url,
                               const char          *token,
                               guint32              station_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  TestData *td = g_new0 (TestData, 1);

  td->base_url = g_strdup (base_url);
  td->token = g_strdup (token);
  td->station_id = station_id;
  g_task_set_source_tag (task, th_sync_test_connection_async);
  g_task_set_task_data (task, td, test_data_free);
  g_task_run_in_thread (task, test_connection_thread);
}

gboolean
th_sync_test_connection_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
