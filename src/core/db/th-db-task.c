/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A GTask on a worker thread with its own ThDb. SQLite connections are not
 * shared between threads here (see th-db.h); WAL lets the worker write
 * while the main loop reads. */
#include "config.h"

#include <sodium.h>

#include "th-db-task.h"

typedef struct {
  char           *path;
  ThDbJob         job;
  gpointer        job_data;
  GDestroyNotify  job_data_free;
  GDestroyNotify  result_free;
} TaskData;

static void
task_data_free (TaskData *data)
{
  if (data->job_data_free && data->job_data)
    data->job_data_free (data->job_data);
  g_free (data->path);
  g_free (data);
}

static void
run_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  TaskData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ThDb) db = th_db_open (data->path, &error);
  gpointer result;

  if (db == NULL || !(result = data->job (db, data->job_data, &error)))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, data->result_free);
}

void
th_db_task_run (gpointer             source_object,
                ThDb                *db,
                gpointer             source_tag,
                ThDbJob              job,
                gpointer             job_data,
                GDestroyNotify       job_data_free,
                GDestroyNotify       result_free,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  TaskData *data;

  g_return_if_fail (TH_IS_DB (db));
  g_return_if_fail (job != NULL);

  data = g_new0 (TaskData, 1);
  data->path = g_strdup (th_db_get_path (db));
  data->job = job;
  data->job_data = job_data;
  data->job_data_free = job_data_free;
  data->result_free = result_free;

  task = g_task_new (source_object, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, (GDestroyNotify) task_data_free);
  g_task_run_in_thread (task, run_in_thread);
}

gpointer
th_db_task_finish (GAsyncResult  *result,
                   gpointer       source_tag,
                   GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
th_pin_free (char *pin)
{
  if (pin == NULL)
    return;
  sodium_memzero (pin, strlen (pin));
  g_free (pin);
}
