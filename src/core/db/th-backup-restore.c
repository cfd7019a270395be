/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Going back to a backup. Nothing is deleted on the way: the file is checked
 * first, copied beside the station database, and the database in use is
 * renamed aside before the copy takes its place. */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <unistd.h>

#include "th-audit.h"
#include "th-backup.h"
#include "th-db-private.h"
#include "th-error.h"
#include "th-outbox.h"
#include "th-time.h"

static const char * const db_suffixes[] = { "", "-wal", "-shm" };

void
th_restore_report_clear (ThRestoreReport *report)
{
  g_clear_pointer (&report->aside_path, g_free);
}

/* The app writes its process id into the running marker. */
static gboolean
app_is_running (const char *db_path)
{
  g_autofree char *marker = _th_db_running_marker_path (db_path);
  g_autofree char *text = NULL;
  gint64 pid;

  if (!g_file_get_contents (marker, &text, NULL, NULL))
    return FALSE;
  pid = g_ascii_strtoll (text, NULL, 10);
  return pid > 0 && pid != getpid () && kill ((pid_t) pid, 0) == 0;
}

static gboolean
integrity_check (const char  *file,
                 GError     **error)
{
  sqlite3 *handle = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *result = NULL;
  int rc;

  rc = sqlite3_open_v2 (file, &handle, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (handle, "PRAGMA integrity_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      rc = SQLITE_OK;
    }
  if (result == NULL)
    result = g_strdup (handle ? sqlite3_errmsg (handle) : sqlite3_errstr (rc));
  sqlite3_finalize (stmt);
  sqlite3_close (handle);

  if (g_strcmp0 (result, "ok") != 0)
    {
      g_set_error (error, TH_ERROR, TH_ERROR_CORRUPT,
                   _("%s is not a good backup: the integrity check says “%s”. Nothing was changed; "
                     "try an older backup."), file, result);
      return FALSE;
    }
  return TRUE;
}

static gboolean
copy_read_only (const char  *file,
                const char  *copy,
                GError     **error)
{
  sqlite3 *source = NULL;
  gboolean ok;

  if (sqlite3_open_v2 (file, &source, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      g_set_error (error, TH_ERROR, TH_ERROR_INVALID, _("Cannot read the backup %s: %s"),
                   file, sqlite3_errmsg (source));
      sqlite3_close (source);
      return FALSE;
    }
  ok = _th_db_backup_handle (source, copy, error);
  sqlite3_close (source);
  return ok;
}

/* A working copy beside the database, so the final step is one rename on
 * the same disk; the backup itself is only read. */
static char *
checked_copy (const char       *db_path,
              const char       *file,
              ThRestoreReport  *report,
              GError          **error)
{
  g_autofree char *copy = g_strconcat (db_path, ".restoring", NULL);
  g_autoptr(ThDb) restored = NULL;
  g_autoptr(GError) local_error = NULL;

  th_db_remove (copy);
  if (!integrity_check (file, error) || !copy_read_only (file, copy, error))
    return NULL;

  if (!(restored = th_db_open_full (copy, 0, error)))
    goto fail;
  if (!th_audit_verify (restored, &report->audit_entries, &local_error))
    {
      g_set_error (error, TH_ERROR, TH_ERROR_CORRUPT,
                   _("%s is not a good backup: its audit log does not check out (%s). Nothing was changed."),
                   file, local_error->message);
      goto fail;
    }
  if ((report->restored_outbox = th_outbox_count (restored, error)) < 0)
    goto fail;
  g_clear_object (&restored);
  return g_steal_pointer (&copy);

fail:
  g_clear_object (&restored);
  th_db_remove (copy);
  return NULL;
}

/* Counts what is waiting in the database in use and folds its WAL into the
 * main file, so that the file set aside is whole on its own. */
static gint64
settle_current (const char *db_path)
{
  g_autoptr(ThDb) db = th_db_open_full (db_path, 0, NULL);
  gint64 n;

  if (db == NULL)
    return _th_db_count_outbox_file (db_path);
  n = th_outbox_count (db, NULL);
  th_db_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL);
  return n;
}

static gboolean
move_aside (const char  *db_path,
            const char  *aside,
            GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (db_suffixes); i++)
    {
      g_autofree char *from = g_strconcat (db_path, db_suffixes[i], NULL);
      g_autofree char *to = g_strconcat (aside, db_suffixes[i], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS) && g_rename (from, to) != 0)
        {
          int saved_errno = errno;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Could not set the station database aside as %s: %s"), to, g_strerror (saved_errno));
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
th_backup_restore (const char       *db_path,
                   const char       *file,
                   gint64            now,
                   ThRestoreReport  *report,
                   GError          **error)
{
  g_autofree char *copy = NULL;
  g_autofree char *stamp = NULL;

  g_return_val_if_fail (db_path != NULL && file != NULL && report != NULL, FALSE);

  report->current_outbox = -1;
  if (!g_file_test (file, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, TH_ERROR, TH_ERROR_NOT_FOUND, _("There is no backup file %s."), file);
      return FALSE;
    }
  if (app_is_running (db_path))
    {
      g_set_error (error, TH_ERROR, TH_ERROR_REFUSED,
                   _("Tihuo is open on the station database %s. Close it on this computer, then restore."),
                   db_path);
      return FALSE;
    }
  if (!(copy = checked_copy (db_path, file, report, error)))
    return FALSE;

  if (g_file_test (db_path, G_FILE_TEST_EXISTS))
    {
      stamp = th_time_format_local (now, "%Y%m%d-%H%M%S");
      report->current_outbox = settle_current (db_path);
      report->aside_path = g_strconcat (db_path, ".before-restore-", stamp, NULL);
      if (!move_aside (db_path, report->aside_path, error))
        {
          th_db_remove (copy);
          return FALSE;
        }
    }
  if (g_rename (copy, db_path) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not put the restored database in place at %s: %s. The checked copy is %s."),
                   db_path, g_strerror (saved_errno), copy);
      return FALSE;
    }
  /* The copy's own station marker; the restored file is marked where it
   * now is the next time it is opened. */
  th_db_remove (copy);
  return TRUE;
}
