/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Schema migrations: numbered SQL files in data/sql/, compiled into the
 * GResource, each applied in its own transaction. Every file ends by setting
 * its own PRAGMA user_version, so no SQL is ever built here. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-core-resources.h"
#include "th-db-private.h"
#include "th-error.h"

#define SQL_RESOURCE_DIR "/io/github/tihuo/Station/sql/"

typedef struct {
  int   version;
  char *name;
} Migration;

static void
migration_clear (gpointer data)
{
  Migration *m = data;
  g_free (m->name);
}

static int
compare_migrations (gconstpointer a,
                    gconstpointer b)
{
  return ((const Migration *) a)->version - ((const Migration *) b)->version;
}

static gsize registered;

static GArray *
list_migrations (GError **error)
{
  g_autoptr(GArray) list = g_array_new (FALSE, TRUE, sizeof (Migration));
  g_auto(GStrv) names = NULL;

  g_array_set_clear_func (list, migration_clear);
  /* Registered by hand: a static library's resource constructor is dropped
   * by the linker when nothing references it. */
  if (g_once_init_enter (&registered))
    {
      g_resources_register (th_core_get_resource ());
      g_once_init_leave (&registered, 1);
    }
  names = g_resources_enumerate_children (SQL_RESOURCE_DIR, 0, error);
  if (names == NULL)
    return NULL;

  for (guint i = 0; names[i]; i++)
    {
      Migration m;
      char *end = NULL;

      if (!g_str_has_suffix (names[i], ".sql"))
        continue;
      m.version = (int) g_ascii_strtoll (names[i], &end, 10);
      if (end == names[i] || *end != '-' || m.version <= 0)
        continue;
      m.name = g_strdup (names[i]);
      g_array_append_val (list, m);
    }
  g_array_sort (list, compare_migrations);
  return g_steal_pointer (&list);
}

static int
read_user_version (sqlite3 *handle)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  if (sqlite3_prepare_v2 (handle, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

static gboolean
apply_migration (sqlite3          *handle,
                 const Migration  *m,
                 GError          **error)
{
  g_autofree char *resource = g_strconcat (SQL_RESOURCE_DIR, m->name, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *sql = NULL;
  char *errmsg = NULL;
  gsize len;

  bytes = g_resources_lookup_data (resource, 0, error);
  if (bytes == NULL)
    return FALSE;
  sql = g_strndup (g_bytes_get_data (bytes, &len), g_bytes_get_size (bytes));

  if (sqlite3_exec (handle, "BEGIN IMMEDIATE", NULL, NULL, &errmsg) != SQLITE_OK ||
      sqlite3_exec (handle, sql, NULL, NULL, &errmsg) != SQLITE_OK)
    {
      g_set_error (error, TH_ERROR, TH_ERROR_DATABASE,
                   _("Could not upgrade the database with %s: %s"), m->name, errmsg);
      sqlite3_free (errmsg);
      sqlite3_exec (handle, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  if (read_user_version (handle) != m->version)
    {
      sqlite3_exec (handle, "ROLLBACK", NULL, NULL, NULL);
      g_set_error (error, TH_ERROR, TH_ERROR_DATABASE,
                   "Migration %s does not set user_version to %d", m->name, m->version);
      return FALSE;
    }

  if (sqlite3_exec (handle, "COMMIT", NULL, NULL, &errmsg) != SQLITE_OK)
    {
      g_set_error (error, TH_ERROR, TH_ERROR_DATABASE,
                   _("Could not upgrade the database with %s: %s"), m->name, errmsg);
      sqlite3_free (errmsg);
      sqlite3_exec (handle, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

gboolean
_th_db_migrate (ThDb        *self,
                sqlite3     *handle,
                const char  *path,
                GError     **error)
{
  g_autoptr(GArray) migrations = NULL;
  int version;
  int latest;

  migrations = list_migrations (error);
  if (migrations == NULL)
    return FALSE;
  latest = migrations->len ? g_array_index (migrations, Migration, migrations->len - 1).version : 0;

  version = read_user_version (handle);
  if (version < 0)
    return th_db_set_error (self, error, "reading the schema version");

  if (version > latest)
    {
      g_set_error (error, TH_ERROR, TH_ERROR_TOO_NEW,
                   _("The station database %s was written by a newer version of Tihuo "
                     "(schema %d; this version knows up to %d). Update Tihuo to open it."),
                   path, version, latest);
      return FALSE;
    }
  if (version == latest)
    return TRUE;

  /* A fresh file has nothing worth backing up. Pre-migration backups are
   * never pruned: they are the only way back from a bad upgrade. */
  if (version > 0 && !_th_backup_before_migration (self, version, error))
    return FALSE;

  for (guint i = 0; i < migrations->len; i++)
    {
      const Migration *m = &g_array_index (migrations, Migration, i);

      if (m->version > version && !apply_migration (handle, m, error))
        return FALSE;
    }
  return TRUE;
}
