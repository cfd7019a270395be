/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The files beside the station database: the marker that says a station was
 * set up here, the app's "running" marker, and keeping all of them private.
 * Orders carry customers' names and phone digits; nobody else on the
 * computer should read them. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "th-backup.h"
#include "th-db-private.h"
#include "th-error.h"

char *
_th_db_station_marker_path (const char *path)
{
  return g_strconcat (path, ".station", NULL);
}

char *
_th_db_running_marker_path (const char *path)
{
  return g_strconcat (path, ".running", NULL);
}

/* Written whole under a temporary name, then renamed, mode 0600. */
gboolean
_th_db_write_private_file (const char  *path,
                           const char  *contents,
                           GError     **error)
{
  return g_file_set_contents_full (path, contents, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

/* Files from before this rule (or copied in by hand) are tightened too. The
 * owner may be someone else on a shared folder: then it stays as it is. */
void
_th_db_make_private (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      GStatBuf st;

      if (g_stat (file, &st) == 0 && (st.st_mode & 077) != 0)
        g_chmod (file, st.st_mode & 0700);
    }
}

gboolean
_th_db_station_expected (const char *path)
{
  g_autofree char *marker = _th_db_station_marker_path (path);

  return g_file_test (marker, G_FILE_TEST_EXISTS);
}

static gboolean
has_station (ThDb *self)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  if (sqlite3_prepare_v2 (th_db_get_handle (self), "SELECT 1 FROM station", -1, &stmt, NULL) == SQLITE_OK)
    found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  return found;
}

/* Called once a station is set up in the file, and at every open for
 * stations set up before the marker existed. */
void
_th_db_mark_station (ThDb *self)
{
  g_autofree char *marker = _th_db_station_marker_path (th_db_get_path (self));
  g_autoptr(GError) error = NULL;
  const char *text = "# Tihuo: a station database was set up beside this file. Tihuo will not\n"
                     "# silently create an empty one in its place.\n";

  if (g_file_test (marker, G_FILE_TEST_EXISTS) || !has_station (self))
    return;
  if (!_th_db_write_private_file (marker, text, &error))
    g_warning ("Cannot write %s: %s", marker, error->message);
}

/* Missing, or created but never written: either way there is no station in
 * it yet. */
static gboolean
file_is_empty (const char *path,
               gboolean   *exists)
{
  GStatBuf st;

  *exists = g_stat (path, &st) == 0;
  return !*exists || st.st_size == 0;
}

static gboolean
refuse_missing (const char     *path,
                gboolean        exists,
                ThDbOpenFlags   flags,
                GError        **error)
{
  if (_th_db_station_expected (path))
    {
      g_autoptr(ThBackupInfo) backup = th_backup_find_newest_good (path);

      /* Re-creating it would show an empty station and hide the loss until
       * the first customer is turned away. */
      if (backup != NULL)
        g_set_error (error, TH_ERROR, TH_ERROR_NOT_FOUND,
                     exists ? _("The station database %s is empty, but a station was set up here. It was not "
                                "re-created: if the file was moved, put it back; otherwise close Tihuo and run "
                                "“tihuo-cli restore %s” to go back to the newest good backup.")
                            : _("The station database %s is missing, but a station was set up here. It was not "
                                "re-created: if the file was moved, put it back; otherwise close Tihuo and run "
                                "“tihuo-cli restore %s” to go back to the newest good backup."),
                     path, backup->path);
      else
        g_set_error (error, TH_ERROR, TH_ERROR_NOT_FOUND,
                     exists ? _("The station database %s is empty, but a station was set up here, and there "
                                "is no backup. It was not re-created: if the file was moved, put it back; "
                                "otherwise call support before starting a new station.")
                            : _("The station database %s is missing, but a station was set up here, and there "
                                "is no backup. It was not re-created: if the file was moved, put it back; "
                                "otherwise call support before starting a new station."),
                     path);
      return FALSE;
    }
  if (!(flags & TH_DB_OPEN_CREATE))
    {
      g_set_error (error, TH_ERROR, TH_ERROR_NOT_FOUND,
                   _("There is no station database at %s. Check the path given with --db or $TIHUO_DB; "
                     "“tihuo-cli init” sets up a new station."),
                   path);
      return FALSE;
    }
  return TRUE;
}

/* SQLite would create the file with the umask's 0644; created here first,
 * it is 0600, and SQLite gives -wal and -shm the same mode. */
gboolean
_th_db_create_private (const char  *path,
                       GError     **error)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

  if (fd < 0 && errno != EEXIST)
    {
      int saved_errno = errno;

      if (saved_errno == ENOSPC || saved_errno == EROFS || saved_errno == EACCES || saved_errno == EPERM)
        return _th_db_set_sqlite_error (NULL, saved_errno == ENOSPC ? SQLITE_FULL : SQLITE_READONLY,
                                        path, NULL, error);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot create the station database %s: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  if (fd >= 0)
    close (fd);
  return TRUE;
}

gboolean
_th_db_check_missing (const char     *path,
                      ThDbOpenFlags   flags,
                      gboolean       *exists,
                      GError        **error)
{
  return !file_is_empty (path, exists) || refuse_missing (path, *exists, flags, error);
}

void
th_db_remove (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal", ".station", ".running" };

  g_return_if_fail (path != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
}
