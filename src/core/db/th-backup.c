/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Backups of the station database: consistent online copies made with the
 * SQLite backup API while the counter keeps working, kept in a private
 * folder beside the database. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "th-backup.h"
#include "th-db-private.h"
#include "th-error.h"
#include "th-time.h"

#define DAILY_INFIX "-daily-"

void
th_backup_info_free (ThBackupInfo *info)
{
  g_free (info->path);
  g_free (info);
}

char *
th_backup_dir_for (const char *db_path)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (db_path != NULL, NULL);
  dir = g_path_get_dirname (db_path);

  return g_build_filename (dir, "backups", NULL);
}

/* "station" for station.db: every backup's name starts with it. */
static char *
backup_stem (const char *db_path)
{
  g_autofree char *base = g_path_get_basename (db_path);

  if (g_str_has_suffix (base, ".db"))
    base[strlen (base) - 3] = '\0';
  return g_steal_pointer (&base);
}

static char *
backup_path (const char *db_path,
             const char *middle)
{
  g_autofree char *dir = th_backup_dir_for (db_path);
  g_autofree char *stem = backup_stem (db_path);
  g_autofree char *name = g_strconcat (stem, middle, ".db", NULL);

  return g_build_filename (dir, name, NULL);
}

static char *
daily_path (const char *db_path,
            gint64      now)
{
  g_autofree char *day = th_time_format_local (now, "%Y-%m-%d");
  g_autofree char *middle = g_strconcat (DAILY_INFIX, day, NULL);

  return backup_path (db_path, middle);
}

static gboolean
ensure_dir (const char  *dir,
            GError     **error)
{
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot create the folder %s: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

gboolean
_th_db_backup_handle (sqlite3     *source,
                      const char  *dest_path,
                      GError     **error)
{
  g_autofree char *tmp_path = g_strconcat (dest_path, ".tmp", NULL);
  g_autofree char *dir = g_path_get_dirname (dest_path);
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int fd;
  int rc;

  if (!ensure_dir (dir, error))
    return FALSE;
  /* Created here, so it is 0600 before SQLite writes a byte of it. */
  g_unlink (tmp_path);
  fd = g_open (tmp_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not write the backup %s: %s"), dest_path, g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);

  rc = sqlite3_open_v2 (tmp_path, &dest, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (dest, "main", source, "main");
      if (backup != NULL)
        {
          rc = sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
          if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
        }
      else
        rc = sqlite3_errcode (dest);
    }

  if (rc != SQLITE_OK)
    {
      g_set_error (error, TH_ERROR, (rc & 0xff) == SQLITE_FULL ? TH_ERROR_DISK_FULL : TH_ERROR_DATABASE,
                   _("Could not write the backup %s: %s"),
                   dest_path, dest ? sqlite3_errmsg (dest) : sqlite3_errstr (rc));
      sqlite3_close (dest);
      g_unlink (tmp_path);
      return FALSE;
    }
  sqlite3_close (dest);

  /* Rename last, so a crash mid-backup never replaces a good backup with half
   * a file. */
  if (g_rename (tmp_path, dest_path) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not write the backup %s: %s"), dest_path, g_strerror (saved_errno));
      g_unlink (tmp_path);
      return FALSE;
    }
  return TRUE;
}

gboolean
th_db_backup_to (ThDb        *self,
                 const char  *dest_path,
                 GError     **error)
{
  g_return_val_if_fail (TH_IS_DB (self), FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);

  return _th_db_backup_handle (th_db_get_handle (self), dest_path, error);
}

gboolean
_th_backup_before_migration (ThDb    *self,
                             int      from_version,
                             GError **error)
{
  g_autofree char *stamp = th_time_format_local (th_time_now (), "%Y%m%d-%H%M%S");
  g_autofree char *middle = g_strdup_printf ("-schema-%d-%s", from_version, stamp);
  g_autofree char *dest = backup_path (th_db_get_path (self), middle);

  return th_db_backup_to (self, dest, error);
}

gboolean
th_backup_has_daily (const char *db_path,
                     gint64      now)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (db_path != NULL, FALSE);
  path = daily_path (db_path, now);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static GPtrArray *
list_backups (const char *db_path,
              const char *infix)
{
  g_autofree char *dir_path = th_backup_dir_for (db_path);
  g_autofree char *stem = backup_stem (db_path);
  g_autofree char *prefix = g_strconcat (stem, infix, NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    if (g_str_has_prefix (name, prefix) && g_str_has_suffix (name, ".db"))
      g_ptr_array_add (names, g_build_filename (dir_path, name, NULL));
  return names;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static void
prune_daily (const char *db_path)
{
  g_autoptr(GPtrArray) daily = list_backups (db_path, DAILY_INFIX);

  /* The date in the name sorts oldest first. */
  g_ptr_array_sort (daily, compare_strings);
  for (guint i = 0; i + TH_BACKUP_DAILY_KEEP < daily->len; i++)
    g_unlink (g_ptr_array_index (daily, i));
}

char *
th_backup_daily (ThDb    *db,
                 gint64   now,
                 GError **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (TH_IS_DB (db), NULL);

  path = daily_path (th_db_get_path (db), now);
  if (!th_db_backup_to (db, path, error))
    return NULL;
  prune_daily (th_db_get_path (db));
  return g_steal_pointer (&path);
}

char *
th_backup_manual (ThDb    *db,
                  gint64   now,
                  GError **error)
{
  g_autofree char *stamp = th_time_format_local (now, "%Y%m%d-%H%M%S");
  g_autofree char *middle = g_strconcat ("-", stamp, NULL);
  g_autofree char *path = NULL;

  g_return_val_if_fail (TH_IS_DB (db), NULL);

  path = backup_path (th_db_get_path (db), middle);
  if (!th_db_backup_to (db, path, error))
    return NULL;
  return g_steal_pointer (&path);
}

/* Read-only and without locks: a backup is never written again. */
static gboolean
backup_is_good (const char *path,
                gint64     *n_outbox)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *uri = g_filename_to_uri (absolute, NULL, NULL);
  g_autofree char *full = g_strconcat (uri, "?immutable=1", NULL);
  sqlite3 *handle = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  *n_outbox = -1;
  if (sqlite3_open_v2 (full, &handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (handle, "PRAGMA quick_check", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    ok = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
  sqlite3_finalize (stmt);
  stmt = NULL;
  if (ok && sqlite3_prepare_v2 (handle, "SELECT count(*) FROM outbox", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    *n_outbox = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (handle);
  return ok;
}

typedef struct {
  char   *path;
  gint64  mtime_ns;
} Candidate;

/* Several backups can be taken within a second; then the later name (the
 * later day or time stamp) goes first. */
static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const Candidate *x = a, *y = b;

  if (x->mtime_ns != y->mtime_ns)
    return (y->mtime_ns > x->mtime_ns) - (y->mtime_ns < x->mtime_ns);
  return strcmp (y->path, x->path);
}

ThBackupInfo *
th_backup_find_newest_good (const char *db_path)
{
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  ThBackupInfo *found = NULL;

  g_return_val_if_fail (db_path != NULL, NULL);

  names = list_backups (db_path, "-");
  for (guint i = 0; i < names->len; i++)
    {
      GStatBuf st;
      Candidate c = { g_ptr_array_index (names, i), 0 };

      if (g_stat (c.path, &st) == 0 && st.st_size > 0)
        {
          c.mtime_ns = (gint64) st.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st.st_mtim.tv_nsec;
          g_array_append_val (candidates, c);
        }
    }
  g_array_sort (candidates, compare_newest_first);

  for (guint i = 0; i < candidates->len && found == NULL; i++)
    {
      Candidate *c = &g_array_index (candidates, Candidate, i);
      gint64 n_outbox;

      if (backup_is_good (c->path, &n_outbox))
        {
          found = g_new0 (ThBackupInfo, 1);
          found->path = g_strdup (c->path);
          found->taken_at = c->mtime_ns / G_GINT64_CONSTANT (1000000000);
          found->n_outbox = n_outbox;
        }
    }
  return found;
}
