/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Overall deadlines for sync requests. libsoup's timeout is per read, so a
 * server trickling one byte at a time would hold a request for ever. Each
 * request gets a GCancellable of its own, cancelled by the caller's or by a
 * timer; the timers run on a small thread of their own, because the request
 * blocks the thread that sends it. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-sync-private.h"

static gpointer
watch_thread_main (gpointer data)
{
  ThSyncDeadlines *deadlines = data;

  g_main_context_push_thread_default (deadlines->context);
  g_main_loop_run (deadlines->loop);
  g_main_context_pop_thread_default (deadlines->context);
  return NULL;
}

static void
caller_cancelled_cb (GCancellable *caller,
                     GCancellable *request)
{
  g_cancellable_cancel (request);
}

static gboolean
quit_watch_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static gboolean
deadline_passed_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

void
_th_sync_deadlines_clear (ThSyncDeadlines *deadlines)
{
  g_autoptr(GSource) quit = NULL;

  if (deadlines->thread == NULL)
    return;
  /* Quit from inside the loop: a g_main_loop_quit() from here could come
   * before the thread has even started running it. */
  quit = g_idle_source_new ();
  g_source_set_callback (quit, quit_watch_cb, deadlines->loop, NULL);
  g_source_attach (quit, deadlines->context);
  g_thread_join (g_steal_pointer (&deadlines->thread));
  g_clear_pointer (&deadlines->loop, g_main_loop_unref);
  g_clear_pointer (&deadlines->context, g_main_context_unref);
}

/* Arms @d for one request: use d->cancellable for it. */
void
_th_sync_deadline_begin (ThSyncDeadlines *deadlines,
                         ThSyncDeadline  *d,
                         GCancellable    *caller)
{
  gint64 ms = (gint64) deadlines->request_seconds * 1000;
  gint64 now = g_get_monotonic_time ();

  if (deadlines->run_end > 0 && (deadlines->run_end - now) / 1000 < ms)
    {
      ms = MAX (0, (deadlines->run_end - now) / 1000);
      d->by_run = TRUE;
    }
  if (deadlines->thread == NULL)
    {
      deadlines->context = g_main_context_new ();
      deadlines->loop = g_main_loop_new (deadlines->context, FALSE);
      deadlines->thread = g_thread_new ("th-sync-deadline", watch_thread_main, deadlines);
    }

  d->cancellable = g_cancellable_new ();
  d->caller = caller ? g_object_ref (caller) : NULL;
  if (caller)
    d->caller_handler = g_cancellable_connect (caller, G_CALLBACK (caller_cancelled_cb), d->cancellable, NULL);
  d->timer = g_timeout_source_new ((guint) ms);
  g_source_set_callback (d->timer, deadline_passed_cb, g_object_ref (d->cancellable), g_object_unref);
  g_source_attach (d->timer, deadlines->context);
}

/* Disarms @d, and turns the request's own cancellation into the deadline's
 * error; the caller's cancellation stays G_IO_ERROR_CANCELLED. */
void
_th_sync_deadline_end (ThSyncDeadlines  *deadlines,
                       ThSyncDeadline   *d,
                       const char       *base_url,
                       const char       *method,
                       const char       *path,
                       GError          **error)
{
  g_source_destroy (d->timer);
  g_clear_pointer (&d->timer, g_source_unref);
  if (d->caller)
    g_cancellable_disconnect (d->caller, d->caller_handler);

  if (error && *error && g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      !(d->caller && g_cancellable_is_cancelled (d->caller)))
    {
      g_clear_error (error);
      if (d->by_run)
        g_set_error (error, TH_SYNC_ERROR, TH_SYNC_ERROR_TIMEOUT,
                     _("Sync did not finish within its %u s deadline. What was done so far is kept; "
                       "Tihuo will try again."), deadlines->run_seconds);
      else
        g_set_error (error, TH_SYNC_ERROR, TH_SYNC_ERROR_TIMEOUT,
                     _("The central platform at %s did not finish answering %s %s within the %u s "
                       "deadline. Tihuo will try again; everything is kept here meanwhile."),
                     base_url, method, path, deadlines->request_seconds);
    }
  g_clear_object (&d->caller);
  g_clear_object (&d->cancellable);
}
