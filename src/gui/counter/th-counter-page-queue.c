/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Counter page's writes (hand-overs and undos) run one at a time on a
 * worker thread with its own connection (th-db-task.h): another terminal
 * holding the station database for seconds must never freeze the window.
 * While one runs the page says "Saving…", and scans or an undo that arrive
 * meanwhile wait here and are handled in order once it is done. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-counter-page-private.h"

/* A write that takes longer than this is waiting for another terminal's
 * lock (SQLite's busy timeout retries until it gets it). */
#define SLOW_MS 1000

typedef struct {
  ThCounterStart  start;
  gpointer        data;
  GDestroyNotify  data_free;
} Pending;

typedef struct {
  ThCounterJobDone  done;
  gpointer          done_data;
  GDestroyNotify    done_data_free;
} Running;

static void
pending_free (Pending *p)
{
  if (p->data_free && p->data)
    p->data_free (p->data);
  g_free (p);
}

static void
running_free (Running *r)
{
  if (r->done_data_free && r->done_data)
    r->done_data_free (r->done_data);
  g_free (r);
}

static void
show_saving (ThCounterPage *self,
             const char    *text)
{
  gtk_label_set_label (self->saving_label, text);
  gtk_spinner_set_spinning (self->saving_spinner, text != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->saving_box), text != NULL);
}

static gboolean
slow_cb (gpointer user_data)
{
  ThCounterPage *self = user_data;

  self->slow_source = 0;
  show_saving (self, _("Another terminal is saving to the station database. Trying again…"));
  return G_SOURCE_REMOVE;
}

static void
set_busy (ThCounterPage *self,
          gboolean       busy)
{
  self->busy = busy;
  g_clear_handle_id (&self->slow_source, g_source_remove);
  if (busy)
    {
      show_saving (self, _("Saving…"));
      self->slow_source = g_timeout_add (SLOW_MS, slow_cb, self);
    }
  else
    show_saving (self, NULL);
  _th_counter_page_update_state (self);
  g_object_notify (G_OBJECT (self), "busy");
}

/* Starts what waited, in order, until one of them is a write again. */
static void
run_pending (ThCounterPage *self)
{
  Pending *p;

  while (!self->busy && (p = g_queue_pop_head (self->pending)))
    {
      p->start (self, p->data);
      pending_free (p);
    }
}

static void
job_finished_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ThCounterPage *self = TH_COUNTER_PAGE (source);
  Running *r = user_data;
  g_autoptr(GError) error = NULL;
  gpointer value = th_db_task_finish (result, _th_counter_page_run_job, &error);

  /* The page went away meanwhile: the write is done, nobody to show it. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      running_free (r);
      return;
    }
  set_busy (self, FALSE);
  r->done (self, value, error, r->done_data);
  running_free (r);
  run_pending (self);
}

/**
 * _th_counter_page_run_job:
 * @done: gets the job's result (owned by @done) or its error
 *
 * Runs @job on a worker connection; the page is busy until @done ran.
 */
void
_th_counter_page_run_job (ThCounterPage    *self,
                          ThDbJob           job,
                          gpointer          job_data,
                          GDestroyNotify    job_data_free,
                          GDestroyNotify    result_free,
                          ThCounterJobDone  done,
                          gpointer          done_data,
                          GDestroyNotify    done_data_free)
{
  Running *r;

  g_assert (!self->busy);
  g_assert (self->db != NULL);

  r = g_new0 (Running, 1);
  r->done = done;
  r->done_data = done_data;
  r->done_data_free = done_data_free;
  set_busy (self, TRUE);
  th_db_task_run (self, self->db, _th_counter_page_run_job, job, job_data, job_data_free, result_free,
                  self->cancellable, job_finished_cb, r);
}

/**
 * _th_counter_page_defer:
 *
 * While a write runs, keeps @start for after it (and whatever waited
 * before).
 *
 * Returns: %TRUE if it was kept; %FALSE if the caller may go ahead now
 */
gboolean
_th_counter_page_defer (ThCounterPage  *self,
                        ThCounterStart  start,
                        gpointer        data,
                        GDestroyNotify  data_free)
{
  Pending *p;

  if (!self->busy && g_queue_is_empty (self->pending))
    return FALSE;
  p = g_new0 (Pending, 1);
  p->start = start;
  p->data = data;
  p->data_free = data_free;
  g_queue_push_tail (self->pending, p);
  return TRUE;
}

void
_th_counter_page_init_queue (ThCounterPage *self)
{
  self->pending = g_queue_new ();
  self->cancellable = g_cancellable_new ();
}

void
_th_counter_page_dispose_queue (ThCounterPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->slow_source, g_source_remove);
  if (self->pending)
    g_queue_free_full (g_steal_pointer (&self->pending), (GDestroyNotify) pending_free);
}

/* Whether a hand-over or undo is being saved. */
gboolean
th_counter_page_get_busy (ThCounterPage *self)
{
  g_return_val_if_fail (TH_IS_COUNTER_PAGE (self), FALSE);
  return self->busy;
}

/* (nullable): what the page says while it saves */
const char *
th_counter_page_get_saving_text (ThCounterPage *self)
{
  g_return_val_if_fail (TH_IS_COUNTER_PAGE (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->saving_box)) ? gtk_label_get_label (self->saving_label) : NULL;
}
