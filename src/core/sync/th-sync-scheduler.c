/* SPDX-License-Identifier: GPL-3.0-or-later */
/* When ThSyncClient runs: one timer for the earliest due part (push, pull,
 * keys) or the end of the backoff, a 1 s look at the outbox so a new event
 * leaves within 2 s even when another process queued it, and the network
 * monitor for "the network is back". One run at a time, in a worker thread. */
#include "config.h"

#include <sodium.h>

#include "th-sync-client-private.h"

static void reschedule (ThSyncClient *self);

gint64
th_sync_backoff_ms (guint  n_failures,
                    gint64 retry_after,
                    double jitter)
{
  gint64 base, delay;

  g_return_val_if_fail (n_failures >= 1, 1000);

  /* 1 s, doubling, at most 5 min; ±25 % so stations that lost the network
   * together do not come back in lockstep. */
  base = (gint64) 1000 << MIN (n_failures - 1, 20);
  base = MIN (base, TH_SYNC_BACKOFF_MAX_MS);
  delay = (gint64) (base * (0.75 + 0.5 * CLAMP (jitter, 0.0, 1.0)));
  delay = MIN (delay, TH_SYNC_BACKOFF_MAX_MS);
  if (retry_after >= 0)
    delay = MAX (delay, MIN (retry_after, TH_SYNC_RETRY_AFTER_MAX_S) * 1000);
  return delay;
}

typedef struct {
  ThSyncWhat   what;
  ThSyncReport report;
  char        *db_path;
  char        *token;
  guint        timeout;
  guint        page_limit;
  guint        request_deadline;
  guint        run_deadline;
} RunData;

static void
run_data_free (gpointer data)
{
  RunData *run = data;

  g_free (run->db_path);
  if (run->token)
    sodium_memzero (run->token, strlen (run->token));
  g_free (run->token);
  g_free (run);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  ThSyncClient *self = source_object;
  RunData *run = task_data;
  g_autoptr(GError) error = NULL;

  /* The engine and its connection are made on the first run, off the main
   * thread: opening checks the database's integrity. Only one run exists at
   * a time, so nothing else touches self->engine meanwhile. */
  if (self->engine == NULL)
    {
      g_autoptr(ThDb) db = th_db_open (run->db_path, &error);

      if (db == NULL || !(self->engine = th_sync_new (db, self->server_url, &error)))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  th_sync_set_token (self->engine, run->token);
  th_sync_set_timeout (self->engine, run->timeout);
  th_sync_set_page_limit (self->engine, run->page_limit);
  th_sync_set_deadlines (self->engine, run->request_deadline, run->run_deadline);

  if (th_sync_run (self->engine, run->what, &run->report, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
mark_done (ThSyncClient *self,
           ThSyncWhat    done)
{
  gint64 now = g_get_monotonic_time ();

  if (done & TH_SYNC_PUSH)
    self->push_due = TH_SYNC_NEVER;
  if (done & TH_SYNC_PULL)
    self->pull_due = now + TH_SYNC_PULL_INTERVAL_S * G_USEC_PER_SEC;
  if (done & TH_SYNC_KEYS)
    self->keys_due = now + (gint64) TH_SYNC_KEYS_INTERVAL_S * G_USEC_PER_SEC;
}

static void
run_finished_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ThSyncClient *self = TH_SYNC_CLIENT (object);
  RunData *run = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  self->running = FALSE;
  g_clear_object (&self->cancellable);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      _th_sync_client_notify_busy (self);
      /* Stopped, and maybe started again while this run wound down. */
      if (self->started && self->rerun)
        {
          self->rerun = FALSE;
          _th_sync_scheduler_all_due (self);
        }
      return;
    }

  mark_done (self, run->report.done);
  if (ok && run->what == TH_SYNC_PUSH && self->n_failures > 0)
    {
      /* A push alone says nothing of the pull that is waiting out its
       * backoff: that one goes on waiting. */
      self->push_retry_at = 0;
    }
  else if (ok)
    {
      self->n_failures = 0;
      self->retry_at = self->push_retry_at = 0;
      _th_sync_client_set_state (self, TH_SYNC_STATE_ONLINE);
      _th_sync_client_set_error (self, NULL);
    }
  else if (g_error_matches (error, TH_SYNC_ERROR, TH_SYNC_ERROR_UNAUTHORIZED) ||
           g_error_matches (error, TH_SYNC_ERROR, TH_SYNC_ERROR_FORBIDDEN))
    {
      /* Retrying a refused token cannot help; wait for a person. */
      _th_sync_client_set_state (self, TH_SYNC_STATE_AUTH_FAILED);
      _th_sync_client_set_error (self, error->message);
    }
  else
    {
      gint64 delay;

      self->n_failures++;
      delay = th_sync_backoff_ms (self->n_failures, run->report.retry_after, g_random_double ());
      self->retry_at = g_get_monotonic_time () + delay * 1000;
      /* Only a failed push makes the next push wait. */
      if ((run->what & TH_SYNC_PUSH) && !(run->report.done & TH_SYNC_PUSH))
        self->push_retry_at = self->retry_at;
      else
        self->push_retry_at = 0;
      _th_sync_client_set_state (self, TH_SYNC_STATE_OFFLINE);
      _th_sync_client_set_error (self, error->message);
      g_signal_emit (self, _th_sync_client_signals[TH_SYNC_CLIENT_SIGNAL_RETRY_SCHEDULED], 0, (guint) delay);
    }

  _th_sync_client_refresh (self);
  _th_sync_client_notify_busy (self);
  g_signal_emit (self, _th_sync_client_signals[TH_SYNC_CLIENT_SIGNAL_SYNC_FINISHED], 0, ok);

  if (self->rerun && self->started)
    {
      self->rerun = FALSE;
      _th_sync_scheduler_all_due (self);
      return;
    }
  reschedule (self);
}

static void
start_run (ThSyncClient *self,
           ThSyncWhat    what)
{
  g_autoptr(GTask) task = NULL;
  RunData *run = g_new0 (RunData, 1);

  run->what = what;
  run->db_path = g_strdup (th_db_get_path (self->db));
  run->token = g_strdup (self->token);
  run->timeout = self->timeout;
  run->page_limit = self->page_limit;
  run->request_deadline = self->request_deadline;
  run->run_deadline = self->run_deadline;

  self->running = TRUE;
  self->cancellable = g_cancellable_new ();
  _th_sync_client_notify_busy (self);

  task = g_task_new (self, self->cancellable, run_finished_cb, NULL);
  g_task_set_source_tag (task, start_run);
  g_task_set_task_data (task, run, run_data_free);
  /* The engine reports cancellation itself, with what was done so far. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, run_thread);
}

static gboolean
timer_cb (gpointer user_data)
{
  ThSyncClient *self = user_data;
  gint64 now = g_get_monotonic_time ();
  ThSyncWhat what = 0;

  self->timer_id = 0;
  if (self->push_due <= now && now >= self->push_retry_at)
    what |= TH_SYNC_PUSH;
  if (self->pull_due <= now && now >= self->retry_at)
    what |= TH_SYNC_PULL;
  if (self->keys_due <= now && now >= self->retry_at)
    what |= TH_SYNC_KEYS;
  if (what != 0)
    start_run (self, what);
  else
    reschedule (self);
  return G_SOURCE_REMOVE;
}

static void
reschedule (ThSyncClient *self)
{
  gint64 next, now = g_get_monotonic_time ();

  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (!self->started || self->running || self->state == TH_SYNC_STATE_AUTH_FAILED)
    return;

  next = MIN (self->pull_due, self->keys_due);
  if (next != TH_SYNC_NEVER)
    next = MAX (next, self->retry_at);
  if (self->push_due != TH_SYNC_NEVER)
    next = MIN (next, MAX (self->push_due, self->push_retry_at));
  if (next == TH_SYNC_NEVER)
    return;
  self->timer_id = g_timeout_add ((guint) CLAMP ((next - now + 999) / 1000, 0, G_MAXUINT), timer_cb, self);
}

static gboolean
poll_outbox_cb (gpointer user_data)
{
  ThSyncClient *self = user_data;
  sqlite3_stmt *stmt;
  gint64 max_seq = 0, count = -1;

  stmt = th_db_prepare (self->db, "SELECT coalesce (max (seq), 0), count (*) FROM outbox", NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      max_seq = sqlite3_column_int64 (stmt, 0);
      count = sqlite3_column_int64 (stmt, 1);
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);
  if (count < 0)
    return G_SOURCE_CONTINUE;

  _th_sync_client_set_pending (self, count);
  if (max_seq != self->outbox_seq)
    {
      self->outbox_seq = max_seq;
      if (count > 0)
        _th_sync_scheduler_push_due (self);
    }
  return G_SOURCE_CONTINUE;
}

static void
network_changed_cb (GNetworkMonitor *monitor,
                    gboolean         available,
                    ThSyncClient    *self)
{
  gboolean was_available = self->network_available;

  self->network_available = available;
  if (available && !was_available && self->state != TH_SYNC_STATE_AUTH_FAILED)
    {
      /* The backoff was about the old network; the new one deserves a try now. */
      self->n_failures = 0;
      self->retry_at = self->push_retry_at = 0;
      _th_sync_scheduler_all_due (self);
    }
}

void
_th_sync_scheduler_all_due (ThSyncClient *self)
{
  gint64 now = g_get_monotonic_time ();

  self->push_due = self->pull_due = self->keys_due = now;
  if (self->running)
    self->rerun = TRUE;
  else
    reschedule (self);
}

void
_th_sync_scheduler_push_due (ThSyncClient *self)
{
  self->push_due = MIN (self->push_due, g_get_monotonic_time ());
  if (!self->running)
    reschedule (self);
}

void
_th_sync_scheduler_start (ThSyncClient *self)
{
  if (self->started)
    return;
  self->started = TRUE;
  self->network_available = g_network_monitor_get_network_available (self->monitor);
  g_signal_connect_object (self->monitor, "network-changed", G_CALLBACK (network_changed_cb),
                           self, G_CONNECT_DEFAULT);
  self->poll_id = g_timeout_add (TH_SYNC_PUSH_DELAY_MS, poll_outbox_cb, self);
  _th_sync_scheduler_all_due (self);
}

void
_th_sync_scheduler_stop (ThSyncClient *self)
{
  if (!self->started)
    return;
  self->started = FALSE;
  self->rerun = FALSE;
  g_signal_handlers_disconnect_by_func (self->monitor, network_changed_cb, self);
  g_clear_handle_id (&self->poll_id, g_source_remove);
  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
}
