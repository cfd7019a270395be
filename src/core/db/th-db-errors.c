/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What a SQLite failure means for the person at the counter. A full disk, a
 * lock, a read-only folder or a flaky USB disk leave the station database
 * intact: they get their own message and next step, and never the advice to
 * start a new database, which would throw away every unsynced hand-over and
 * refund. Only SQLITE_CORRUPT and SQLITE_NOTADB mean damage. */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <inttypes.h>
#include <glib/gstdio.h>

#include "th-backup.h"
#include "th-db-private.h"
#include "th-error.h"
#include "th-time.h"

gint64
_th_db_count_outbox_file (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *uri = NULL;
  GStatBuf st;
  sqlite3 *handle = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  /* immutable=1 reads the main file only, with no lock, -shm or write, so it
   * works on a full or read-only disk; a WAL with frames in it would make
   * the count stale, so then the number is not known. */
  if (g_stat (wal, &st) == 0 && st.st_size > 0)
    return -1;
  {
    g_autofree char *absolute = g_canonicalize_filename (path, NULL);

    uri = g_filename_to_uri (absolute, NULL, NULL);
  }
  if (uri == NULL)
    return -1;
  {
    g_autofree char *full = g_strconcat (uri, "?immutable=1", NULL);

    if (sqlite3_open_v2 (full, &handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2 (handle, "SELECT count(*) FROM outbox", -1, &stmt, NULL) == SQLITE_OK &&
        sqlite3_step (stmt) == SQLITE_ROW)
      n = sqlite3_column_int64 (stmt, 0);
  }
  sqlite3_finalize (stmt);
  sqlite3_close (handle);
  return n;
}

/* A sentence to append, or "" when the number cannot be known. */
static char *
waiting_sentence (gint64 n)
{
  if (n < 0)
    return g_strdup ("");
  if (n == 0)
    return g_strdup (_(" No events are waiting to be sent to the platform."));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       " It keeps the %" PRId64 " event not yet sent to the platform.",
                                       " It keeps the %" PRId64 " events not yet sent to the platform.",
                                       (gulong) n), n);
}

/* quick_check lists one problem a line, up to a hundred: the first is
 * enough for support to recognise. */
static char *
first_problem (const char *why)
{
  g_auto(GStrv) lines = g_strsplit (why ? why : "", "\n", -1);

  for (guint i = 0; lines[i]; i++)
    if (lines[i][0] != '\0' && !g_str_has_prefix (lines[i], "***"))
      return g_strdup (g_strstrip (lines[i]));
  return g_strdup (why ? why : "");
}

void
_th_db_set_damaged_error (const char  *path,
                          const char  *problem,
                          GError     **error)
{
  g_autoptr(ThBackupInfo) backup = th_backup_find_newest_good (path);
  g_autofree char *why = first_problem (problem);
  gint64 waiting = _th_db_count_outbox_file (path);
  g_autofree char *when = NULL;
  g_autofree char *missing = NULL;

  if (backup != NULL)
    {
      when = th_time_format_local (backup->taken_at, "%Y-%m-%d %H:%M");
      if (waiting > 0 && backup->n_outbox >= 0)
        missing = g_strdup_printf (_("Everything recorded after %s will be missing: the damaged file holds "
                                     "%" PRId64 " events not yet sent to the platform, the backup %"
                                     PRId64 "."), when, waiting, backup->n_outbox);
      else
        missing = g_strdup_printf (_("Hand-overs, refunds and cases recorded after %s will be missing from it."),
                                   when);
      g_set_error (error, TH_ERROR, TH_ERROR_CORRUPT,
                   _("The station database %s is damaged (%s). The newest good backup is %s, taken %s. "
                     "Close Tihuo and run “tihuo-cli restore %s”: it keeps the damaged file aside. %s"),
                   path, why, backup->path, when, backup->path, missing);
    }
  else if (waiting == 0)
    g_set_error (error, TH_ERROR, TH_ERROR_CORRUPT,
                 _("The station database %s is damaged (%s) and there is no backup. No events are waiting "
                   "to be sent, so the platform has everything: keep the file for support, then start with "
                   "a new database and sync to download the orders again."),
                 path, why);
  else if (waiting > 0)
    g_set_error (error, TH_ERROR, TH_ERROR_CORRUPT,
                 g_dngettext (GETTEXT_PACKAGE,
                              "The station database %s is damaged (%s) and there is no backup. Do not start a "
                              "new database: %" PRId64 " event is not yet sent to the platform and "
                              "would be lost. Keep the file and call support.",
                              "The station database %s is damaged (%s) and there is no backup. Do not start a "
                              "new database: %" PRId64 " events are not yet sent to the platform and "
                              "would be lost. Keep the file and call support.", (gulong) waiting),
                 path, why, waiting);
  else
    g_set_error (error, TH_ERROR, TH_ERROR_CORRUPT,
                 _("The station database %s is damaged (%s) and there is no backup. Do not start a new "
                   "database: it may hold hand-overs and refunds not yet sent to the platform. Keep the "
                   "file and call support."),
                 path, why);
}

static int
classify (int rc,
          int sys_errno)
{
  switch (rc & 0xff)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return TH_ERROR_CORRUPT;
    case SQLITE_FULL:
      return TH_ERROR_DISK_FULL;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return TH_ERROR_BUSY;
    case SQLITE_READONLY:
      return TH_ERROR_READ_ONLY;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
      /* SQLite reports a full disk while growing -shm as an I/O error, and a
       * read-only folder as "cannot open": errno tells them apart. */
      if (sys_errno == ENOSPC || sys_errno == EDQUOT)
        return TH_ERROR_DISK_FULL;
      if (sys_errno == EROFS || sys_errno == EACCES || sys_errno == EPERM)
        return TH_ERROR_READ_ONLY;
      return TH_ERROR_IO;
    default:
      return TH_ERROR_DATABASE;
    }
}

gboolean
_th_db_set_sqlite_error (sqlite3     *handle,
                         int          rc,
                         const char  *path,
                         const char  *what,
                         GError     **error)
{
  int sys_errno = handle ? sqlite3_system_errno (handle) : 0;
  const char *detail = handle ? sqlite3_errmsg (handle) : sqlite3_errstr (rc);
  g_autofree char *waiting = NULL;
  int code = classify (rc, sys_errno);

  if (path == NULL && handle != NULL)
    path = sqlite3_db_filename (handle, "main");
  if (path == NULL)
    path = "";

  switch (code)
    {
    case TH_ERROR_CORRUPT:
      _th_db_set_damaged_error (path, detail, error);
      break;
    case TH_ERROR_DISK_FULL:
      waiting = waiting_sentence (_th_db_count_outbox_file (path));
      g_set_error (error, TH_ERROR, code,
                   _("The disk holding the station database %s is full, so nothing more can be saved. "
                     "Free some space on it and start again; the database is not damaged.%s"),
                   path, waiting);
      break;
    case TH_ERROR_READ_ONLY:
      waiting = waiting_sentence (_th_db_count_outbox_file (path));
      g_set_error (error, TH_ERROR, code,
                   _("The station database %s or its folder is read-only, so nothing can be saved. Make "
                     "both writable for this user (or move them off a read-only disk) and start again; "
                     "the database is not damaged.%s"),
                   path, waiting);
      break;
    case TH_ERROR_IO:
      waiting = waiting_sentence (_th_db_count_outbox_file (path));
      g_set_error (error, TH_ERROR, code,
                   _("The disk failed while reading or writing the station database %s (%s%s%s); the "
                     "database is not damaged. Check that the disk is plugged in, then start again; if it "
                     "keeps happening, restart the computer.%s"),
                   path, detail, sys_errno ? ": " : "", sys_errno ? g_strerror (sys_errno) : "", waiting);
      break;
    case TH_ERROR_BUSY:
      /* Never the SQL or "database is locked": a cashier reads this. */
      if (what == NULL)
        {
          waiting = waiting_sentence (_th_db_count_outbox_file (path));
          g_set_error (error, TH_ERROR, code,
                       _("Another program is using the station database %s and did not let go within 10 "
                         "seconds. Close the other Tihuo window or tihuo-cli command using it and start "
                         "again; the database is not damaged.%s"),
                       path, waiting);
        }
      else
        g_set_error_literal (error, TH_ERROR, code,
                             _("Another terminal is saving to the station database. Nothing was saved "
                               "here yet: wait a moment and try again."));
      break;
    default:
      g_set_error (error, TH_ERROR, code, _("Database error while %s: %s"),
                   what ? what : _("opening the station database"), detail);
      break;
    }
  return FALSE;
}
