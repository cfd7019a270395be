/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>

#include "th-db-private.h"
#include "th-error.h"

struct _ThDb
{
  GObject     parent_instance;

  sqlite3    *handle;
  char       *path;
  char       *backup_path;
  /* Prepared statements keyed by their SQL text: the hot path (verify and
   * collect) must not re-parse SQL on every scan. */
  GHashTable *statements;
};

G_DEFINE_FINAL_TYPE (ThDb, th_db, G_TYPE_OBJECT)

/* A busy timeout long enough for another terminal's collection to finish,
 * short enough that the counter never looks frozen. */
#define BUSY_TIMEOUT_MS 10000

static gboolean
set_sqlite_error (sqlite3     *handle,
                  int          rc,
                  GError     **error,
                  const char  *what)
{
  int code = ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) ? TH_ERROR_BUSY : TH_ERROR_DATABASE;

  g_set_error (error, TH_ERROR, code,
               _("Database error while %s: %s"),
               what, handle ? sqlite3_errmsg (handle) : sqlite3_errstr (rc));
  return FALSE;
}

static gboolean
query_text (sqlite3     *handle,
            const char  *sql,
            char       **out,
            GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return set_sqlite_error (handle, rc, error, sql);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else if (rc == SQLITE_DONE)
    *out = g_strdup ("");
  sqlite3_finalize (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return set_sqlite_error (handle, rc, error, sql);
  return TRUE;
}

static gboolean
check_setting (sqlite3    *handle,
               const char *set_sql,
               const char *get_sql,
               const char *expected,
               GError    **error)
{
  g_autofree char *value = NULL;

  if (set_sql != NULL && sqlite3_exec (handle, set_sql, NULL, NULL, NULL) != SQLITE_OK)
    return set_sqlite_error (handle, sqlite3_errcode (handle), error, set_sql);

  if (!query_text (handle, get_sql, &value, error))
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
check_busy_timeout (sqlite3  *handle,
                    GError  **error)
{
  g_autofree char *value = NULL;

  if (!query_text (handle, "PRAGMA busy_timeout", &value, error))
    return FALSE;
  if (g_ascii_strtoll (value, NULL, 10) < 5000)
    {
      g_set_error (error, TH_ERROR, TH_ERROR_DATABASE,
                   _("The database busy timeout is %s ms; at least 5000 ms is needed."), value);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_integrity (sqlite3     *handle,
                 const char  *path,
                 const char  *backup_path,
                 GError     **error)
{
  g_autofree char *value = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!query_text (handle, "PRAGMA quick_check", &value, &local_error) ||
      g_strcmp0 (value, "ok") != 0)
    {
      const char *why = local_error ? local_error->message : value;

      if (g_file_test (backup_path, G_FILE_TEST_EXISTS))
        g_set_error (error, TH_ERROR, TH_ERROR_CORRUPT,
                     _("The station database %s is damaged (%s). The last backup is %s: "
                       "close Tihuo, keep a copy of the damaged file for support, copy the "
                       "backup in its place and start again; then sync to fetch newer orders."),
                     path, why, backup_path);
      else
        g_set_error (error, TH_ERROR, TH_ERROR_CORRUPT,
                     _("The station database %s is damaged (%s) and there is no backup yet "
                       "(it would be at %s). Keep the file for support, then start with a new "
                       "database and sync to download the orders again."),
                     path, why, backup_path);
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
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->backup_path, g_free);

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

char *
_th_db_backup_path_for (const char *path)
{
  return g_strconcat (path, ".backup", NULL);
}

/**
 * th_db_open:
 * @path: the station database file; created when missing
 * @error: return location for a #GError
 *
 * Opens the station database, insists on the durability settings, checks
 * integrity and brings the schema up to date.
 *
 * Returns: (transfer full): the database, or %NULL with @error set
 */
ThDb *
th_db_open (const char  *path,
            GError     **error)
{
  g_autoptr(ThDb) self = NULL;
  g_autofree char *dir = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot create the folder %s: %s"), dir, g_strerror (saved_errno));
      return NULL;
    }

  self = g_object_new (TH_TYPE_DB, NULL);
  self->path = g_strdup (path);
  self->backup_path = _th_db_backup_path_for (path);

  rc = sqlite3_open_v2 (path, &self->handle,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, TH_ERROR, TH_ERROR_DATABASE,
                   _("Cannot open the station database %s: %s"),
                   path, self->handle ? sqlite3_errmsg (self->handle) : sqlite3_errstr (rc));
      return NULL;
    }
  sqlite3_extended_result_codes (self->handle, 1);
  sqlite3_busy_timeout (self->handle, BUSY_TIMEOUT_MS);

  if (!check_integrity (self->handle, path, self->backup_path, error))
    return NULL;

  if (!check_setting (self->handle, "PRAGMA journal_mode=WAL", "PRAGMA journal_mode", "wal", error) ||
      !check_setting (self->handle, "PRAGMA synchronous=FULL", "PRAGMA synchronous", "2", error) ||
      !check_setting (self->handle, "PRAGMA foreign_keys=ON", "PRAGMA foreign_keys", "1", error) ||
      !check_busy_timeout (self->handle, error))
    return NULL;

  if (!_th_db_migrate (self, self->handle, path, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
th_db_get_path (ThDb *self)
{
  g_return_val_if_fail (TH_IS_DB (self), NULL);
  return self->path;
}

const char *
th_db_get_backup_path (ThDb *self)
{
  g_return_val_if_fail (TH_IS_DB (self), NULL);
  return self->backup_path;
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
  if (!query_text (self->handle, "PRAGMA user_version", &value, NULL))
    return -1;
  return (int) g_ascii_strtoll (value, NULL, 10);
}

gboolean
th_db_set_error (ThDb        *self,
                 GError     **error,
                 const char  *what)
{
  return set_sqlite_error (self->handle, sqlite3_extended_errcode (self->handle) & 0xff, error, what);
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
      set_sqlite_error (self->handle, rc, error, "preparing a query");
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
    return set_sqlite_error (self->handle, rc, error, sql);
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
    return set_sqlite_error (self->handle, rc, error, what);
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
    return set_sqlite_error (self->handle, rc, error, "reading the sync state");
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
    return set_sqlite_error (self->handle, rc, error, "writing the sync state");
  return TRUE;
}

gboolean
th_db_backup_to (ThDb        *self,
                 const char  *dest_path,
                 GError     **error)
{
  g_return_val_if_fail (TH_IS_DB (self), FALSE);
  return _th_db_backup_file (self->handle, dest_path, error);
}
