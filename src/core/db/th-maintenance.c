/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Once-a-day care of the station database: the full integrity check and the
 * daily backup. Reading every page of a busy station takes seconds, so it
 * happens here, off the main loop, and not on every open. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "th-backup.h"
#include "th-db-private.h"
#include "th-maintenance.h"

typedef struct {
  char     *path;
  gint64    now;
  gboolean  backup;
} Job;

static void
job_free (Job *job)
{
  g_free (job->path);
  g_free (job);
}

/* Its own connection: a ThDb's statement cache is not shared between
 * threads. */
static gboolean
run_job (Job     *job,
         GError **error)
{
  g_autoptr(ThDb) db = th_db_open_full (job->path, 0, error);
  g_autofree char *backup = NULL;

  if (db == NULL || !th_db_check (db, error))
    return FALSE;
  /* Only a file that passed the check becomes a "good" backup. */
  if (job->backup && !(backup = th_backup_daily (db, job->now, error)))
    return FALSE;
  return TRUE;
}

static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  GError *error = NULL;

  if (run_job (task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Returns the work to do, or NULL when this is a later start the same day
 * after a clean exit. */
static Job *
begin (ThDb   *db,
       gint64  now)
{
  const char *path = th_db_get_path (db);
  g_autofree char *marker = _th_db_running_marker_path (path);
  g_autofree char *pid = g_strdup_printf ("%d\n", (int) getpid ());
  g_autoptr(GError) error = NULL;
  gboolean unclean = g_file_test (marker, G_FILE_TEST_EXISTS);
  gboolean first_today = !th_backup_has_daily (path, now);
  Job *job;

  if (_th_db_write_private_file (marker, pid, &error))
    _th_db_own_running_marker (db, marker);
  else
    g_warning ("Cannot write %s: %s", marker, error->message);

  if (!unclean && !first_today)
    return NULL;
  job = g_new0 (Job, 1);
  job->path = g_strdup (path);
  job->now = now;
  job->backup = first_today;
  return job;
}

void
th_maintenance_start_of_day_async (ThDb                *db,
                                   gint64               now,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (TH_IS_DB (db));

  task = g_task_new (db, cancellable, callback, user_data);
  g_task_set_source_tag (task, th_maintenance_start_of_day_async);
  if (!(job = begin (db, now)))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, job_thread);
}

gboolean
th_maintenance_start_of_day_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == th_maintenance_start_of_day_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
th_maintenance_start_of_day (ThDb    *db,
                             gint64   now,
                             GError **error)
{
  Job *job;
  gboolean ok;

  g_return_val_if_fail (TH_IS_DB (db), FALSE);

  if (!(job = begin (db, now)))
    return TRUE;
  ok = run_job (job, error);
  job_free (job);
  return ok;
}

gboolean
th_maintenance_after_closing_day (ThDb    *db,
                                  gint64   now,
                                  GError **error)
{
  g_autofree char *backup = NULL;

  g_return_val_if_fail (TH_IS_DB (db), FALSE);
  backup = th_backup_daily (db, now, error);
  return backup != NULL;
}
