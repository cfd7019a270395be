/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "th-backup.h"
#include "th-error.h"
#include "th-identity.h"
#include "th-test-util.h"

static char *
pragma (ThDb *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (th_db_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static void
raw_exec (const char *path, const char *sql)
{
  sqlite3 *handle = NULL;

  g_assert_cmpint (sqlite3_open (path, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (handle);
}

static void
test_settings (ThTestFixture *f,
               gconstpointer  data)
{
  g_autofree char *journal = pragma (f->db, "PRAGMA journal_mode");
  g_autofree char *sync = pragma (f->db, "PRAGMA synchronous");
  g_autofree char *fk = pragma (f->db, "PRAGMA foreign_keys");
  g_autofree char *busy = pragma (f->db, "PRAGMA busy_timeout");

  g_assert_cmpstr (journal, ==, "wal");
  g_assert_cmpstr (sync, ==, "2");
  g_assert_cmpstr (fk, ==, "1");
  g_assert_cmpint (g_ascii_strtoll (busy, NULL, 10), >=, 5000);
  g_assert_cmpint (th_db_get_schema_version (f->db), ==, TH_DB_SCHEMA_VERSION);
}

static void
test_reopen_keeps_data (ThTestFixture *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *terminal = NULL;
  guint32 station = 0;

  g_clear_object (&f->db);
  f->db = th_db_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (th_identity_get (f->db, &station, &terminal, &error));
  g_assert_cmpuint (station, ==, TH_TEST_STATION);
  g_assert_cmpstr (terminal, ==, "counter-1");
}

static void
test_too_new (ThTestFixture *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThDb) db = NULL;

  g_clear_object (&f->db);
  raw_exec (f->path, "PRAGMA user_version = 999");
  db = th_db_open (f->path, &error);
  g_assert_null (db);
  g_assert_error (error, TH_ERROR, TH_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer version"));
}

static void
test_corrupt (ThTestFixture *f,
              gconstpointer  data)
{
  g_autofree char *garbage = g_build_filename (f->dir, "garbage.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ThDb) db = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *backup = NULL;
  gsize len = 0;

  /* Not a database at all: damaged, and with nothing known about unsent
   * events, no advice to start afresh. */
  g_assert_true (g_file_set_contents (garbage, "this is not a database, it is a shopping list", -1, NULL));
  db = th_db_open (garbage, &error);
  g_assert_null (db);
  g_assert_error (error, TH_ERROR, TH_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "no backup"));
  g_assert_nonnull (strstr (error->message, "Do not start a new database"));
  g_clear_error (&error);

  /* A real database with a damaged page, and a backup beside it. */
  backup = th_backup_daily (f->db, TH_TEST_NOW, &error);
  g_assert_no_error (error);
  g_assert_true (th_db_exec (f->db, "PRAGMA wal_checkpoint(TRUNCATE)", &error));
  g_clear_object (&f->db);
  g_assert_true (g_file_get_contents (f->path, &contents, &len, NULL));
  g_assert_cmpuint (len, >=, 4096 * 3);
  for (gsize i = 4096 + 100; i < 4096 * 2; i++)
    contents[i] = (char) 0xA5;
  g_assert_true (g_file_set_contents (f->path, contents, len, NULL));

  db = th_db_open_full (f->path, TH_DB_OPEN_CHECK, &error);
  g_assert_null (db);
  g_assert_error (error, TH_ERROR, TH_ERROR_CORRUPT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "The newest good backup is"));
  g_assert_nonnull (strstr (error->message, backup));
}

static void
test_backup_before_migrating (ThTestFixture *f,
                              gconstpointer  data)
{
  g_autofree char *old = g_build_filename (f->dir, "old.db", NULL);
  g_autofree char *backup = NULL;
  g_autoptr(GBytes) v1 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ThDb) db = NULL;
  g_autofree char *sql = NULL;

  if (TH_DB_SCHEMA_VERSION < 2)
    {
      g_test_skip ("only one schema version so far");
      return;
    }

  /* A station database as version 1 wrote it. */
  v1 = g_resources_lookup_data ("/io/github/tihuo/Station/sql/0001-initial.sql", 0, &error);
  g_assert_no_error (error);
  sql = g_strndup (g_bytes_get_data (v1, NULL), g_bytes_get_size (v1));
  raw_exec (old, sql);
  raw_exec (old, "INSERT INTO station VALUES (1, 7, 'old-counter', 0)");

  db = th_db_open (old, &error);
  g_assert_no_error (error);
  g_assert_cmpint (th_db_get_schema_version (db), ==, TH_DB_SCHEMA_VERSION);
  {
    g_autoptr(ThBackupInfo) info = th_backup_find_newest_good (old);

    g_assert_nonnull (info);
    g_assert_nonnull (strstr (info->path, "/backups/old-schema-1-"));
    backup = g_strdup (info->path);
  }
  {
    sqlite3 *handle = NULL;
    sqlite3_stmt *stmt = NULL;
    GStatBuf st;

    g_assert_cmpint (g_stat (backup, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    g_assert_cmpint (sqlite3_open_v2 (backup, &handle, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (handle, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
    sqlite3_finalize (stmt);
    sqlite3_close (handle);
  }
}

static void
test_station_rules (ThTestFixture *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) order = th_test_make_order (1, "10000001", "1234", 1);
  g_autofree char *long_name = g_strnfill (65, 'x');

  g_assert_false (th_identity_setup (f->db, 7, "  ", &error));
  g_assert_error (error, TH_ERROR, TH_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (th_identity_setup (f->db, 7, long_name, &error));
  g_assert_error (error, TH_ERROR, TH_ERROR_INVALID);
  g_clear_error (&error);

  /* Renaming the terminal is fine; changing station once orders exist is not. */
  g_assert_true (th_identity_setup (f->db, 7, "柜台二", &error));
  g_assert_no_error (error);
  th_test_import (f->db, order);
  g_assert_false (th_identity_setup (f->db, 8, "counter-1", &error));
  g_assert_error (error, TH_ERROR, TH_ERROR_REFUSED);
}

static void
test_not_set_up (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tihuo-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "sub", "dir", "station.db", NULL);
  g_autoptr(ThDb) db = th_db_open (path, &error);

  g_assert_no_error (error);
  g_assert_false (th_identity_get (db, NULL, NULL, &error));
  g_assert_error (error, TH_ERROR, TH_ERROR_NOT_INITIALISED);
  g_assert_nonnull (strstr (error->message, "tihuo-cli init"));
  g_clear_object (&db);
  /* Leave nothing behind. */
  {
    const char *suffixes[] = { "", "-wal", "-shm" };
    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *p = g_strconcat (path, suffixes[i], NULL);
        g_unlink (p);
      }
    g_autofree char *d1 = g_build_filename (dir, "sub", "dir", NULL);
    g_autofree char *d2 = g_build_filename (dir, "sub", NULL);
    g_rmdir (d1);
    g_rmdir (d2);
    g_rmdir (dir);
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) \
  g_test_add ("/tihuo/db/" path, ThTestFixture, NULL, th_test_fixture_set_up, fn, th_test_fixture_tear_down)
  ADD ("settings", test_settings);
  ADD ("reopen", test_reopen_keeps_data);
  ADD ("too-new", test_too_new);
  ADD ("corrupt", test_corrupt);
  ADD ("backup-before-migrating", test_backup_before_migrating);
  ADD ("station-rules", test_station_rules);
  g_test_add_func ("/tihuo/db/not-set-up", test_not_set_up);
  return g_test_run ();
}
