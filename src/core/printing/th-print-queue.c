/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The print queue in the station database. Sending happens outside any
 * transaction: a printer that takes five seconds to time out must not hold
 * the write lock the counter needs to hand over bags. */
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "th-error.h"
#include "th-escpos.h"
#include "th-print-queue-private.h"

#define JOB_COLUMNS "id, kind, title, medium, format, target, state, attempts, last_error, " \
                    "created_at, created_by, coalesce (printed_at, 0), coalesce (reprint_of, 0), length (data) "

static const char *states[] = { "queued", "printed", "failed", "dropped" };

const char *
th_print_job_state_to_string (ThPrintJobState state)
{
  g_return_val_if_fail (state <= TH_PRINT_JOB_DROPPED, NULL);
  return states[state];
}

static ThPrintJobState
state_from_string (const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    if (g_strcmp0 (text, states[i]) == 0)
      return i;
  return TH_PRINT_JOB_FAILED;
}

void
th_print_job_free (ThPrintJob *job)
{
  if (job == NULL)
    return;
  g_free (job->kind);
  g_free (job->title);
  g_free (job->medium);
  g_free (job->target);
  g_free (job->last_error);
  g_free (job->created_by);
  g_free (job);
}

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static ThPrintJob *
job_from_row (sqlite3_stmt *stmt)
{
  ThPrintJob *job = g_new0 (ThPrintJob, 1);

  job->id = sqlite3_column_int64 (stmt, 0);
  job->kind = dup_column (stmt, 1);
  job->title = dup_column (stmt, 2);
  job->medium = dup_column (stmt, 3);
  job->format = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 4), "pdf") == 0
                ? TH_PRINT_FORMAT_PDF : TH_PRINT_FORMAT_ESCPOS;
  job->target = dup_column (stmt, 5);
  job->state = state_from_string ((const char *) sqlite3_column_text (stmt, 6));
  job->attempts = (guint) sqlite3_column_int (stmt, 7);
  job->last_error = dup_column (stmt, 8);
  job->created_at = sqlite3_column_int64 (stmt, 9);
  job->created_by = dup_column (stmt, 10);
  job->printed_at = sqlite3_column_int64 (stmt, 11);
  job->reprint_of = sqlite3_column_int64 (stmt, 12);
  job->size = (gsize) sqlite3_column_int64 (stmt, 13);
  return job;
}

GBytes *
_th_print_queue_load_data (ThDb    *db,
                           gint64   id,
                           GError **error)
{
  sqlite3_stmt *stmt = th_db_prepare (db, "SELECT data FROM print_jobs WHERE id = ?", error);
  GBytes *bytes;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error (error, TH_ERROR, TH_ERROR_NOT_FOUND, _("There is no print job %" PRId64 "."), id);
      return NULL;
    }
  bytes = g_bytes_new (sqlite3_column_blob (stmt, 0), (gsize) sqlite3_column_bytes (stmt, 0));
  sqlite3_reset (stmt);
  return bytes;
}

gint64
_th_print_queue_insert (ThDb          *db,
                        const char    *kind,
                        const char    *title,
                        const char    *medium,
                        ThPrintFormat  format,
                        const char    *target,
                        GBytes        *data,
                        const char    *created_by,
                        gint64         now,
                        gint64         reprint_of,
                        GError       **error)
{
  sqlite3_stmt *stmt;
  gsize len;
  gconstpointer bytes = g_bytes_get_data (data, &len);

  if (!(stmt = th_db_prepare (db, "INSERT INTO print_jobs (kind, title, medium, format, target, data, "
                                  "created_at, created_by, reprint_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error)))
    return 0;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, title ? title : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, medium, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, format == TH_PRINT_FORMAT_PDF ? "pdf" : "escpos", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, target, -1, SQLITE_STATIC);
  sqlite3_bind_blob64 (stmt, 6, len ? bytes : "", len, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, now);
  sqlite3_bind_text (stmt, 8, created_by ? created_by : "", -1, SQLITE_STATIC);
  if (reprint_of > 0)
    sqlite3_bind_int64 (stmt, 9, reprint_of);
  if (!th_db_step_done (db, stmt, "adding a print job", error))
    return 0;
  return sqlite3_last_insert_rowid (th_db_get_handle (db));
}

gint64
th_print_queue_add (ThDb          *db,
                    const char    *kind,
                    const char    *title,
                    const char    *medium,
                    ThPrintFormat  format,
                    const char    *target,
                    GBytes        *data,
                    const char    *created_by,
                    gint64         now,
                    GError       **error)
{
  g_return_val_if_fail (TH_IS_DB (db), 0);
  g_return_val_if_fail (kind != NULL && medium != NULL && target != NULL && data != NULL, 0);

  return _th_print_queue_insert (db, kind, title, medium, format, target, data, created_by, now, 0, error);
}

ThPrintJob *
th_print_queue_get (ThDb    *db,
                    gint64   id,
                    GError **error)
{
  sqlite3_stmt *stmt;
  ThPrintJob *job = NULL;
  int rc;

  g_return_val_if_fail (TH_IS_DB (db), NULL);

  if (!(stmt = th_db_prepare (db, "SELECT " JOB_COLUMNS "FROM print_jobs WHERE id = ?", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    job = job_from_row (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    th_db_set_error (db, error, "reading a print job");
  else if (job == NULL)
    g_set_error (error, TH_ERROR, TH_ERROR_NOT_FOUND, _("There is no print job %" PRId64 "."), id);
  return job;
}

GPtrArray *
th_print_queue_list (ThDb      *db,
                     gboolean   waiting_only,
                     GError   **error)
{
  g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) th_print_job_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TH_IS_DB (db), NULL);

  if (!(stmt = th_db_prepare (db, "SELECT " JOB_COLUMNS "FROM print_jobs "
                                  "WHERE ? = 0 OR state IN ('queued', 'failed') ORDER BY id DESC", error)))
    return NULL;
  sqlite3_bind_int (stmt, 1, waiting_only ? 1 : 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (jobs, job_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      th_db_set_error (db, error, "listing print jobs");
      return NULL;
    }
  return g_steal_pointer (&jobs);
}

static gboolean
record_try (ThDb          *db,
            gint64         id,
            ThPrintJobState state,
            const char    *message,
            gint64         now,
            GError       **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = th_db_prepare (db, "UPDATE print_jobs SET state = ?, attempts = attempts + 1, last_error = ?, "
                                  "printed_at = ? WHERE id = ? AND state IN ('queued', 'failed')", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, states[state], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, message, -1, SQLITE_STATIC);
  if (state == TH_PRINT_JOB_PRINTED)
    sqlite3_bind_int64 (stmt, 3, now);
  sqlite3_bind_int64 (stmt, 4, id);
  return th_db_step_done (db, stmt, "recording a print try", error);
}

static gboolean
send_job (const ThPrintJob  *job,
          GBytes            *data,
          GCancellable      *cancellable,
          GError           **error)
{
  if (job->format == TH_PRINT_FORMAT_ESCPOS)
    return th_escpos_send (job->target, data, cancellable, error);
  return g_file_set_contents_full (job->target, g_bytes_get_data (data, NULL), g_bytes_get_size (data),
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
}

gboolean
th_print_queue_print (ThDb          *db,
                      gint64         id,
                      gint64         now,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(ThPrintJob) job = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GError) send_error = NULL;
  ThPrintJobState state;

  g_return_val_if_fail (TH_IS_DB (db), FALSE);

  if (!(job = th_print_queue_get (db, id, error)))
    return FALSE;
  if (job->state != TH_PRINT_JOB_QUEUED && job->state != TH_PRINT_JOB_FAILED)
    {
      g_set_error (error, TH_ERROR, TH_ERROR_REFUSED,
                   job->state == TH_PRINT_JOB_PRINTED
                   ? _("Print job %" PRId64 " was already printed. Reprint it to print it again.")
                   : _("Print job %" PRId64 " was dropped."), id);
      return FALSE;
    }
  if (!(data = _th_print_queue_load_data (db, id, error)))
    return FALSE;

  if (send_job (job, data, cancellable, &send_error))
    return record_try (db, id, TH_PRINT_JOB_PRINTED, NULL, now, error);

  /* Off, unplugged or out of paper are all worth another try; only a target
   * that is not a printer at all never is. */
  state = g_error_matches (send_error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT)
          ? TH_PRINT_JOB_FAILED : TH_PRINT_JOB_QUEUED;
  if (!record_try (db, id, state, send_error->message, now, error))
    return FALSE;
  g_propagate_error (error, g_steal_pointer (&send_error));
  return FALSE;
}
