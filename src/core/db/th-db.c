/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "th-db-private.h"
#include "th-error.h"

struct _ThDb
{
  GObject     parent_instance;

  sqlite3    *handle;
  char       *path;
  /* Set while th_db_open_full() runs: a lock then means another program
   * holds the file, not another terminal mid-save. */
  gboolean    opening;
  /* The app's "running" marker, removed on a clean close; see
   * th-maintenance.c. */
  char       *running_marker;
  /* Prepared statements keyed by their SQL text: the hot path (verify and
   * collect) must not re-parse SQL on every scan. */
  GHashTable *statements;
};

G_DEFINE_FINAL_TYPE (ThDb, th_db, G_TYPE_OBJECT)

/* A busy timeout long enough for another terminal's collection to finish,
 * short enough that the counter never looks frozen. */
#define BUSY_TIMEOUT_MS 10000

static gboolean
set_sqlite_error (ThDb        *self,
                  int          rc,
                  GError     **error,
                  const char  *what)
{
  return _th_db_set_sqlite_error (self->handle, rc, self->path, self->opening ? NULL : what, error);
}

static gboolean
query_text (ThDb        *self,
            const char  *sql,
            char       **out,
            GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->handle, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return set_sqlite_error (self, sqlite3_extended_errcode (self->handle), error, sql);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else if (rc == SQLITE_DONE)
    *out = g_strdup ("");
  sqlite3_finalize (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return set_sqlite_error (self, sqlite3_extended_errcode (self->handle), error, sql);
  return TRUE;
}

static gboolean
check_setting (ThDb       *self,
               const char *set_sql,
               const char *get_sql,
               const char *expected,
               GError    **error)
{
  g_autofree char *value = NULL;

  if (set_sql != NULL && sqlite3_exec (self->handle, set_sql, NULL, NULL, NULL) != SQLITE_OK)
    return set_sqlite_error (self, sqlite3_extended_errcode (self->handle), error, set_sql);

  if (!query_text (self, get_sql, &value, error))
    return FALSE;

  if (g_ascii_strcasecmp (value, expected) != 0)
    {
      /* Durability is a promise to the leader that nothing is lost on a power
       * cut; better not to start than to break it silently. */
      g_set_error (error, TH_ERROR, TH_ERROR_DATABASE,
                   _("The database refused a required safety setting (%s is “%s”, expected “%s”). "
                     "Move the database to a local disk and try again."),
                   get_sql, value, expected);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_busy_timeout (ThDb    *self,
                    GError **error)
{
  g_autofree char *value = NULL;

  if (!query_text (self, "PRAGMA busy_timeout", &value, error))
    return FALSE;
  if (g_ascii_strtoll (value, NULL, 10) < 5000)
    {
      g_set_error (error, TH_ERROR, TH_ERROR_DATABASE,
                   _("The database busy timeout is %s ms; at least 5000 ms is needed."), value);
      return FALSE;
    }
  return TRUE;
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
th_db_finalize (GObject *object)
{
  ThDb *self = (ThDb *)object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->handle != NULL)
    sqlite3_close_v2 (self->handle);
  /* Only a clean close removes it; after a crash the next start checks the
   * whole file. */
  if (self->running_marker != NULL)
    g_unlink (self->running_marker);
  g_clear_pointer (&self->running_marker, g_free);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (th_db_parent_class)->finalize (object);
}

static void
th_db_class_init (ThDbClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = th_db_finalize;
}

static void
th_db_init (ThDb *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            finalize_statement);
}

void
_th_db_own_running_marker (ThDb       *self,
                           const char *marker)
{
  g_free (self->running_marker);
  self->running_marker = g_strdup (marker);
}

/**
 * th_db_open:
 * @path: the station database file; created when missing
 * @error: return location for a #GError
 *
 * th_db_open_full() with %TH_DB_OPEN_CREATE.
 *
 * Returns: (transfer full): the database, or %NULL with @error set
 */
ThDb *
th_db_open (const char  *path,
            GError     **error)
{
  return th_db_open_full (path, TH_DB_OPEN_CREATE, error);
}

/**
 * th_db_open_full:
 * @path: the station database file
 * @flags: whether it may be created, and whether to check every page
 * @error: return location for a #GError
 *
 * Opens the station database, insists on a writable file and the
 * durability settings, and brings the schema up to date. A file that is
 * missing or empty where a station was set up is never re-created.
 *
 * Returns: (transfer full): the database, or %NULL with @error set
 */
ThDb *
th_db_open_full (const char     *path,
                 ThDbOpenFlags   flags,
                 GError        **error)
{
  g_autoptr(ThDb) self = NULL;
  g_autofree char *dir = NULL;
  gboolean exists;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_th_db_check_missing (path, flags, &exists, error))
    return NULL;

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot create the folder %s: %s"), dir, g_strerror (saved_errno));
      return NULL;
    }
  if (!exists && !_th_db_create_private (path, error))
    return NULL;
  _th_db_make_private (path);

  self = g_object_new (TH_TYPE_DB, NULL);
  self->path = g_strdup (path);
  self->opening = TRUE;

  rc = sqlite3_open_v2 (path, &self->handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, self->handle ? sqlite3_extended_errcode (self->handle) : rc, error, NULL);
      return NULL;
    }
  sqlite3_extended_result_codes (self->handle, 1);
  sqlite3_busy_timeout (self->handle, BUSY_TIMEOUT_MS);

  /* SQLite quietly falls back to read-only when it cannot write the file;
   * refuse now rather than at the first hand-over. */
  if (sqlite3_db_readonly (self->handle, "main") == 1)
    {
      set_sqlite_error (self, SQLITE_READONLY, error, NULL);
      return NULL;
    }

  if (!check_setting (self, "PRAGMA journal_mode=WAL", "PRAGMA journal_mode", "wal", error) ||
      !check_setting (self, "PRAGMA synchronous=FULL", "PRAGMA synchronous", "2", error) ||
      !check_setting (self, "PRAGMA foreign_keys=ON", "PRAGMA foreign_keys", "1", error) ||
      !check_busy_timeout (self, error))
    return NULL;

  /* Reading every page costs seconds on a big station; th-maintenance.c
   * does it once a day and after a crash, tihuo-cli with --check. */
  if ((flags & TH_DB_OPEN_CHECK) && !th_db_check (self, error))
    return NULL;

  if (!_th_db_migrate (self, self->handle, path, error))
    return NULL;
  _th_db_mark_station (self);

  self->opening = FALSE;
  return g_steal_pointer (&self);
}

/**
 * th_db_check:
 *
 * Reads every page (PRAGMA quick_check). A lock, a full disk or a disk
 * error is reported as what it is, never as damage.
 */
gboolean
th_db_check (ThDb    *self,
             GError **error)
{
  g_autofree char *value = NULL;

  g_return_val_if_fail (TH_IS_DB (self), FALSE);

  if (!query_text (self, "PRAGMA quick_check", &value, error))
    return FALSE;
  if (g_strcmp0 (value, "ok") != 0)
    {
      _th_db_set_damaged_error (self->path, value, error);
      return FALSE;
    }
  return TRUE;
}

const char *
th_db_get_path (ThDb *self)
{
  g_return_val_if_fail (TH_IS_DB (self), NULL);
  return self->path;
}

sqlite3 *
th_db_get_handle (ThDb *self)
{
  g_return_val_if_fail (TH_IS_DB (self), NULL);
  return self->handle;
}

int
th_db_get_schema_version (ThDb *self)
{
  g_autofree char *value = NULL;

  g_return_val_if_fail (TH_IS_DB (self), -1);
  if (!query_text (self, "PRAGMA user_version", &value, NULL))
    return -1;
  return (int) g_ascii_strtoll (value, NULL, 10);
}

gboolean
th_db_set_error (ThDb        *self,
                 GError     **error,
                 const char  *what)
{
  return set_sqlite_error (self, sqlite3_extended_errcode (self->handle), error, what);
}

/**
 * th_db_prepare:
 *
 * Returns: (transfer none): a cached statement, reset and with no bindings;
 *   valid until the database is closed. Do not use the same SQL re-entrantly.
 */
sqlite3_stmt *
th_db_prepare (ThDb        *self,
               const char  *sql,
               GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TH_IS_DB (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, sqlite3_extended_errcode (self->handle), error, "preparing a query");
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
th_db_exec (ThDb        *self,
            const char  *sql,
            GError     **error)
{
  int rc;

  g_return_val_if_fail (TH_IS_DB (self), FALSE);

  rc = sqlite3_exec (self->handle, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return set_sqlite_error (self, sqlite3_extended_errcode (self->handle), error, sql);
  return TRUE;
}

/**
 * th_db_step_done:
 * @what: what the statement does, for the error ("saving an order")
 *
 * Runs a statement that returns no rows, and resets it for the next use.
 */
gboolean
th_db_step_done (ThDb          *self,
                 sqlite3_stmt  *stmt,
                 const char    *what,
                 GError       **error)
{
  int rc;

  g_return_val_if_fail (TH_IS_DB (self), FALSE);
  g_return_val_if_fail (stmt != NULL, FALSE);

  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, sqlite3_extended_errcode (self->handle), error, what);
  return TRUE;
}

gboolean
th_db_begin_immediate (ThDb    *self,
                       GError **error)
{
  /* IMMEDIATE takes the write lock up front, so two terminals collecting the
   * same order serialise here instead of failing later with SQLITE_BUSY. */
  return th_db_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
th_db_commit (ThDb    *self,
              GError **error)
{
  if (!th_db_exec (self, "COMMIT", error))
    {
      th_db_rollback (self);
      return FALSE;
    }
  return TRUE;
}

void
th_db_rollback (ThDb *self)
{
  g_return_if_fail (TH_IS_DB (self));
  if (!sqlite3_get_autocommit (self->handle))
    sqlite3_exec (self->handle, "ROLLBACK", NULL, NULL, NULL);
}

gboolean
th_db_get_state (ThDb        *self,
                 const char  *key,
                 char       **value,
                 GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TH_IS_DB (self), FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  *value = NULL;
  if (!(stmt = th_db_prepare (self, "SELECT value FROM sync_state WHERE key = ?", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return set_sqlite_error (self, sqlite3_extended_errcode (self->handle), error, "reading the sync state");
  return TRUE;
}

gboolean
th_db_set_state (ThDb        *self,
                 const char  *key,
                 const char  *value,
                 GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TH_IS_DB (self), FALSE);

  if (!(stmt = th_db_prepare (self,
                              "INSERT INTO sync_state (key, value) VALUES (?1, ?2) "
                              "ON CONFLICT (key) DO UPDATE SET value = ?2", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, sqlite3_extended_errcode (self->handle), error, "writing the sync state");
  return TRUE;
}
