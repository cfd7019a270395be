/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Data safety: temporary conditions are not damage, a station is never
 * silently re-created, backups exist and restore keeps everything, the full
 * check is not paid on every open, and files are private.
 *
 * The disk faults are real errno values from real system calls, injected by
 * th-fault-shim ($TH_FAULT_SHIM, LD_PRELOAD) into a tihuo-cli process: CI
 * runs as root, which ignores permission bits and may not mount a small
 * tmpfs. So "full disk" here means write() and pwrite() on the station's
 * files fail with ENOSPC, "read-only folder" that opening them for writing
 * fails with EROFS: what SQLite sees on a full or read-only disk. */
#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "th-audit.h"
#include "th-backup.h"
#include "th-error.h"
#include "th-json.h"
#include "th-maintenance.h"
#include "th-outbox.h"
#include "th-report.h"
#include "th-test-util.h"

#define DAY 86400

static void
add_events (ThTestFixture *f,
            guint          n)
{
  g_autoptr(GError) error = NULL;

  if (th_test_scalar (f->db, "SELECT count(*) FROM orders WHERE id = 1") == 0)
    {
      g_autoptr(JsonNode) order = th_test_make_order (1, "10000001", "1234", 1);
      th_test_import (f->db, order);
    }
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = NULL;

      g_assert_true (th_db_begin_immediate (f->db, &error));
      g_assert_true (th_outbox_add (f->db, "collected", 1, TH_TEST_NOW, "wang",
                                    json_node_init_object (json_node_alloc (), json_object_new ()), &id, &error));
      g_assert_true (th_db_commit (f->db, &error));
      g_assert_no_error (error);
    }
}

static void
close_db (ThTestFixture *f)
{
  g_clear_object (&f->db);
}

/* Overwrites the root page of @table with garbage: a damage only a read of
 * that page (or the full check) can see. */
static void
damage_table (ThTestFixture *f,
              const char    *table)
{
  g_autofree char *contents = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT rootpage FROM sqlite_master WHERE name = '%s'", table);
  gint64 page = th_test_scalar (f->db, sql);
  gsize len = 0;

  g_assert_true (th_db_exec (f->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL));
  close_db (f);
  g_assert_true (g_file_get_contents (f->path, &contents, &len, NULL));
  g_assert_cmpuint (len, >=, (gsize) page * 4096);
  for (gsize i = (page - 1) * 4096 + 8; i < (gsize) page * 4096; i++)
    contents[i] = (char) 0xA5;
  g_assert_true (g_file_set_contents (f->path, contents, len, NULL));
}

static guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

/* One tihuo-cli run with extra environment, such as the fault shim. */
static void
run_cli (ThTestFixture  *f,
         const char     *db_path,
         const char    **env,
         ThTestRun      *r,
         ...)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) p = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list ap;

  for (guint i = 0; env && env[i]; i += 2)
    g_subprocess_launcher_setenv (launcher, env[i], env[i + 1], TRUE);
  g_ptr_array_add (argv, (char *) g_getenv ("TIHUO_CLI"));
  va_start (ap, r);
  while ((arg = va_arg (ap, const char *)))
    g_ptr_array_add (argv, (char *) arg);
  va_end (ap);
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, (char *) (db_path ? db_path : f->path));
  g_ptr_array_add (argv, NULL);

  p = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (p, NULL, NULL, &r->out, &r->err, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (p));
  r->status = g_subprocess_get_exit_status (p);
  r->json = th_json_parse (r->out, -1, "output", NULL);
  g_test_message ("status %d, stderr: %s", r->status, r->err);
}

static void
assert_not_called_damaged (const char *message)
{
  g_assert_null (strstr (message, "damaged ("));
  g_assert_null (strstr (message, "new database"));
  g_assert_nonnull (strstr (message, "not damaged"));
}

/* Item 1: a full disk while opening a healthy database. */
static void
test_full_disk (ThTestFixture *f,
                gconstpointer  data)
{
  g_autofree char *pattern = g_strconcat (f->path, "*", NULL);
  const char *env[] = { "LD_PRELOAD", g_getenv ("TH_FAULT_SHIM"), "TH_FAULT_PATTERN", pattern,
                        "TH_FAULT_WRITE", "ENOSPC", NULL };
  g_auto(ThTestRun) r = { 0 };

  add_events (f, 2);
  close_db (f);
  run_cli (f, NULL, env, &r, "outbox", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "is full"));
  g_assert_nonnull (strstr (r.err, "Free some space"));
  g_assert_nonnull (strstr (r.err, "2 events not yet sent"));
  assert_not_called_damaged (r.err);
}

/* Item 1: an I/O error writing -shm. */
static void
test_shm_io_error (ThTestFixture *f,
                   gconstpointer  data)
{
  g_autofree char *pattern = g_strconcat (f->path, "-shm", NULL);
  const char *env[] = { "LD_PRELOAD", g_getenv ("TH_FAULT_SHIM"), "TH_FAULT_PATTERN", pattern,
                        "TH_FAULT_WRITE", "EIO", NULL };
  g_auto(ThTestRun) r = { 0 };

  add_events (f, 1);
  close_db (f);
  run_cli (f, NULL, env, &r, "status", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "The disk failed"));
  g_assert_nonnull (strstr (r.err, "1 event not yet sent"));
  assert_not_called_damaged (r.err);
}

/* Items 1 and 2: a read-only file or folder is refused when the database is
 * opened, before any hand-over is tried. */
static void
test_read_only (ThTestFixture *f,
                gconstpointer  data)
{
  g_autofree char *pattern = g_strconcat (f->path, "*", NULL);
  const char *env[] = { "LD_PRELOAD", g_getenv ("TH_FAULT_SHIM"), "TH_FAULT_PATTERN", pattern,
                        "TH_FAULT_OPEN", "EROFS", NULL };

  close_db (f);
  {
    g_auto(ThTestRun) r = { 0 };

    run_cli (f, NULL, env, &r, "status", NULL);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, "read-only"));
    assert_not_called_damaged (r.err);
  }
  {
    /* Refused at open: the message is about the database, not the code. */
    g_auto(ThTestRun) r = { 0 };

    run_cli (f, NULL, env, &r, "collect", "10000001", NULL);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, "read-only"));
    g_assert_null (strstr (r.err, "code"));
  }
  /* Only the WAL's folder entry cannot be created: the same. */
  {
    g_autofree char *wal = g_strconcat (f->path, "-*", NULL);
    const char *wal_env[] = { "LD_PRELOAD", g_getenv ("TH_FAULT_SHIM"), "TH_FAULT_PATTERN", wal,
                              "TH_FAULT_OPEN", "EACCES", NULL };
    g_auto(ThTestRun) r = { 0 };

    run_cli (f, NULL, wal_env, &r, "status", NULL);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, "read-only"));
  }
}

/* Item 1: another process holds an exclusive lock. The lock is held for the
 * whole run, so the outcome does not depend on timing. */
static void
test_exclusive_lock (ThTestFixture *f,
                     gconstpointer  data)
{
  sqlite3 *holder = NULL;
  g_auto(ThTestRun) r = { 0 };

  add_events (f, 1);
  close_db (f);
  g_assert_cmpint (sqlite3_open (f->path, &holder), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (holder, "PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  run_cli (f, NULL, NULL, &r, "status", NULL);
  sqlite3_exec (holder, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (holder);

  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "Another program is using the station database"));
  g_assert_nonnull (strstr (r.err, "1 event not yet sent"));
  assert_not_called_damaged (r.err);
}

/* Item 15: a lock met while saving reads as a person would say it. */
static void
test_lock_message (ThTestFixture *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *holder = NULL;

  g_assert_cmpint (sqlite3_open (f->path, &holder), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (holder, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_false (th_db_begin_immediate (f->db, &error));
  sqlite3_exec (holder, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (holder);

  g_assert_error (error, TH_ERROR, TH_ERROR_BUSY);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "Another terminal is saving"));
  g_assert_null (strstr (error->message, "BEGIN"));
  g_assert_null (strstr (error->message, "locked"));
  g_assert_null (strstr (error->message, "Database error"));
}

/* Item 3: where a station was set up, a missing or empty file is an error. */
static void
test_missing_not_recreated (ThTestFixture *f,
                            gconstpointer  data)
{
  g_autofree char *marker = g_strconcat (f->path, ".station", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ThDb) db = NULL;

  /* A station set up before the marker existed gets it when opened. */
  close_db (f);
  g_assert_cmpint (g_unlink (marker), ==, 0);
  f->db = th_db_open_full (f->path, 0, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (marker, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (file_mode (marker), ==, 0600);

  close_db (f);
  g_assert_cmpint (g_unlink (f->path), ==, 0);
  db = th_db_open (f->path, &error);
  g_assert_null (db);
  g_assert_error (error, TH_ERROR, TH_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "missing"));
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (f->path, "", 0, NULL));
  db = th_db_open (f->path, &error);
  g_assert_null (db);
  g_assert_error (error, TH_ERROR, TH_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "empty"));
  {
    GStatBuf st;
    g_assert_cmpint (g_stat (f->path, &st), ==, 0);
    g_assert_cmpint (st.st_size, ==, 0);
  }
}

/* Item 3: read-only commands never create a database. */
static void
test_read_only_commands (ThTestFixture *f,
                         gconstpointer  data)
{
  g_autofree char *typo = g_build_filename (f->dir, "statoin.db", NULL);
  const char *commands[][3] = {
    { "status", NULL }, { "verify", "10000001", NULL }, { "lookup", "--phone-tail", "1234" },
    { "outbox", NULL }, { "audit", "verify", NULL }, { "backup", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(ThTestRun) r = { 0 };

      run_cli (f, typo, NULL, &r, commands[i][0], commands[i][1], commands[i][2], NULL);
      g_assert_cmpint (r.status, ==, 2);
      g_assert_nonnull (strstr (r.err, "There is no station database"));
      g_assert_false (g_file_test (typo, G_FILE_TEST_EXISTS));
    }
}

/* Item 5: opening does not read every page; the full check finds damage. */
static void
test_check_only_when_asked (ThTestFixture *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThDb) db = NULL;

  damage_table (f, "trusted_keys");
  db = th_db_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);
  g_clear_object (&db);

  db = th_db_open_full (f->path, TH_DB_OPEN_CHECK, &error);
  g_assert_null (db);
  g_assert_error (error, TH_ERROR, TH_ERROR_CORRUPT);
  {
    g_auto(ThTestRun) r = { 0 };

    run_cli (f, NULL, NULL, &r, "outbox", NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto(ThTestRun) r = { 0 };

    run_cli (f, NULL, NULL, &r, "outbox", "--check", NULL);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, "is damaged"));
  }
}

/* Items 1 and 4: damage names the newest good backup and what is missing,
 * and never advises a new database while events wait. */
static void
test_damaged_message (ThTestFixture *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThDb) db = NULL;

  add_events (f, 2);
  damage_table (f, "trusted_keys");
  db = th_db_open_full (f->path, TH_DB_OPEN_CHECK, &error);
  g_assert_error (error, TH_ERROR, TH_ERROR_CORRUPT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "no backup"));
  g_assert_nonnull (strstr (error->message, "Do not start a new database: 2 events"));
  g_clear_error (&error);

  /* With a backup (taken before two more events): it is named. */
  th_test_fixture_tear_down (f, NULL);
  th_test_fixture_set_up (f, NULL);
  add_events (f, 1);
  {
    g_autofree char *backup = th_backup_daily (f->db, TH_TEST_NOW, &error);
    g_assert_no_error (error);
  }
  add_events (f, 2);
  damage_table (f, "trusted_keys");
  db = th_db_open_full (f->path, TH_DB_OPEN_CHECK, &error);
  g_assert_error (error, TH_ERROR, TH_ERROR_CORRUPT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "backups/station-daily-"));
  g_assert_nonnull (strstr (error->message, "tihuo-cli restore"));
  g_assert_nonnull (strstr (error->message, "3 events not yet sent to the platform, the backup 1"));
  g_assert_null (strstr (error->message, "new database"));
}

/* Item 4: daily backups at the first start of the day, 7 kept, private. */
static void
test_daily_backups (ThTestFixture *f,
                    gconstpointer  data)
{
  g_autofree char *dir = th_backup_dir_for (f->path);
  g_autofree char *schema = g_build_filename (dir, "station-schema-1-20260101-000000.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  const char *name;
  guint n_daily = 0;

  g_assert_true (th_maintenance_start_of_day (f->db, TH_TEST_NOW - 9 * DAY, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (file_mode (dir), ==, 0700);
  g_assert_true (th_backup_has_daily (f->path, TH_TEST_NOW - 9 * DAY));
  g_assert_true (g_file_set_contents (schema, "kept", -1, NULL));

  for (int day = 8; day >= 0; day--)
    {
      close_db (f);
      f->db = th_db_open (f->path, &error);
      g_assert_no_error (error);
      g_assert_true (th_maintenance_start_of_day (f->db, TH_TEST_NOW - day * DAY, &error));
      g_assert_no_error (error);
    }

  listing = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (listing)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (strstr (name, "-daily-"))
        {
          n_daily++;
          g_assert_cmpuint (file_mode (path), ==, 0600);
        }
    }
  g_assert_cmpuint (n_daily, ==, TH_BACKUP_DAILY_KEEP);
  g_assert_true (g_file_test (schema, G_FILE_TEST_EXISTS));
  g_assert_false (th_backup_has_daily (f->path, TH_TEST_NOW - 9 * DAY));
  g_assert_true (th_backup_has_daily (f->path, TH_TEST_NOW));

  /* Closing the day takes today's backup again, with the day's work in it. */
  add_events (f, 2);
  g_assert_true (th_maintenance_after_closing_day (f->db, TH_TEST_NOW, &error));
  g_assert_no_error (error);
  {
    g_autoptr(ThBackupInfo) newest = th_backup_find_newest_good (f->path);

    g_assert_nonnull (newest);
    g_assert_nonnull (strstr (newest->path, "-daily-"));
    g_assert_cmpint (newest->n_outbox, ==, 2);
  }
}

/* Item 5: the full check runs at the first start of the day and after an
 * unclean exit, not at later starts the same day. */
static void
test_check_after_crash (ThTestFixture *f,
                        gconstpointer  data)
{
  g_autofree char *marker = g_strconcat (f->path, ".running", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (th_maintenance_start_of_day (f->db, TH_TEST_NOW, &error));
  g_assert_true (g_file_test (marker, G_FILE_TEST_EXISTS));
  damage_table (f, "trusted_keys");
  /* A clean exit removed the marker. */
  g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));

  f->db = th_db_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (th_maintenance_start_of_day (f->db, TH_TEST_NOW + 60, &error));
  g_assert_no_error (error);

  /* Now as if the app had crashed: its marker is left behind. */
  close_db (f);
  g_assert_true (g_file_set_contents (marker, "1\n", -1, NULL));
  f->db = th_db_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_false (th_maintenance_start_of_day (f->db, TH_TEST_NOW + 120, &error));
  g_assert_error (error, TH_ERROR, TH_ERROR_CORRUPT);
}

static void
start_of_day_done_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GError **error = user_data;

  g_assert_false (th_maintenance_start_of_day_finish (result, error));
}

/* Item 5, as the app runs it: in a worker thread, reporting damage back. */
static void
test_start_of_day_async (ThTestFixture *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  damage_table (f, "trusted_keys");
  f->db = th_db_open (f->path, &error);
  g_assert_no_error (error);
  th_maintenance_start_of_day_async (f->db, TH_TEST_NOW, NULL, start_of_day_done_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, TH_ERROR, TH_ERROR_CORRUPT);
  g_assert_false (th_backup_has_daily (f->path, TH_TEST_NOW));
}

/* Item 4: tihuo-cli backup and restore. */
static void
test_backup_restore (ThTestFixture *f,
                     gconstpointer  data)
{
  g_autofree char *file = g_build_filename (f->dir, "copy.db", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "bad.db", NULL);
  g_autofree char *aside = NULL;
  JsonObject *o;

  add_events (f, 1);
  {
    g_auto(ThTestRun) r = { 0 };

    run_cli (f, NULL, NULL, &r, "backup", "--to", file, NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpuint (file_mode (file), ==, 0600);
  }
  add_events (f, 2);
  close_db (f);

  /* Not a database, then a database whose audit log was edited: refused,
   * and nothing changes. */
  g_assert_true (g_file_set_contents (bad, "not a database", -1, NULL));
  {
    g_auto(ThTestRun) r = { 0 };

    run_cli (f, NULL, NULL, &r, "restore", bad, NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "not a good backup"));
  }
  {
    g_autofree char *contents = NULL;
    sqlite3 *handle = NULL;
    gsize len;

    g_assert_true (g_file_get_contents (file, &contents, &len, NULL));
    g_assert_true (g_file_set_contents (bad, contents, len, NULL));
    g_assert_cmpint (sqlite3_open (bad, &handle), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (handle, "DROP TRIGGER audit_log_no_update; "
                                           "UPDATE audit_log SET actor = 'someone else'", NULL, NULL, NULL),
                     ==, SQLITE_OK);
    sqlite3_close (handle);
    g_auto(ThTestRun) r = { 0 };

    run_cli (f, NULL, NULL, &r, "restore", bad, NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "audit log"));
  }
  {
    g_autoptr(GError) error = NULL;
    f->db = th_db_open (f->path, &error);
    g_assert_no_error (error);
    g_assert_cmpint (th_outbox_count (f->db, NULL), ==, 3);
    close_db (f);
  }

  {
    g_auto(ThTestRun) r = { 0 };

    run_cli (f, NULL, NULL, &r, "restore", file, "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    o = json_node_get_object (r.json);
    g_assert_cmpint (json_object_get_int_member (o, "outbox_restored"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (o, "outbox_set_aside"), ==, 3);
    aside = g_strdup (json_object_get_string_member (o, "set_aside"));
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ThDb) kept = th_db_open_full (aside, 0, &error);

    g_assert_no_error (error);
    g_assert_cmpint (th_outbox_count (kept, NULL), ==, 3);
    f->db = th_db_open (f->path, &error);
    g_assert_no_error (error);
    g_assert_cmpint (th_outbox_count (f->db, NULL), ==, 1);
  }
  {
    g_auto(ThTestRun) r = { 0 };

    run_cli (f, NULL, NULL, &r, "restore", file, NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "1 in the restored database, 1 in the one set aside"));
  }
}

/* Item 6: the database, its WAL, backups and exports are 0600, folders 0700. */
static void
test_private_files (void)
{
  g_autofree char *dir = g_dir_make_tmp ("tihuo-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "data", "station.db", NULL);
  g_autofree char *csv = g_build_filename (dir, "report.csv", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *data_dir = g_path_get_dirname (path);
  g_autofree char *backup = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ThDb) db = NULL;
  g_autoptr(ThReport) report = NULL;
  mode_t old = umask (022);

  db = th_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (th_db_exec (db, "INSERT INTO sync_state (key, value) VALUES ('test', 'x')", &error));
  g_assert_cmpuint (file_mode (data_dir), ==, 0700);
  g_assert_cmpuint (file_mode (path), ==, 0600);
  g_assert_cmpuint (file_mode (wal), ==, 0600);
  g_assert_cmpuint (file_mode (shm), ==, 0600);
  backup = th_backup_manual (db, TH_TEST_NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (file_mode (backup), ==, 0600);
  report = th_report_month (db, 2026, 11, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (th_report_write_csv (report, csv, &error));
  g_assert_cmpuint (file_mode (csv), ==, 0600);
  umask (old);
  g_clear_object (&db);

  /* An older 0644 database is tightened when opened. */
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  db = th_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (file_mode (path), ==, 0600);
  g_clear_object (&db);

  g_unlink (csv);
  g_unlink (backup);
  {
    g_autofree char *backups = th_backup_dir_for (path);
    g_rmdir (backups);
  }
  th_db_remove (path);
  g_rmdir (data_dir);
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) \
  g_test_add ("/tihuo/db-safety/" path, ThTestFixture, NULL, th_test_fixture_set_up, fn, th_test_fixture_tear_down)
  ADD ("full-disk", test_full_disk);
  ADD ("shm-io-error", test_shm_io_error);
  ADD ("read-only", test_read_only);
  ADD ("exclusive-lock", test_exclusive_lock);
  ADD ("lock-message", test_lock_message);
  ADD ("missing-not-recreated", test_missing_not_recreated);
  ADD ("read-only-commands", test_read_only_commands);
  ADD ("check-only-when-asked", test_check_only_when_asked);
  ADD ("damaged-message", test_damaged_message);
  ADD ("daily-backups", test_daily_backups);
  ADD ("check-after-crash", test_check_after_crash);
  ADD ("start-of-day-async", test_start_of_day_async);
  ADD ("backup-restore", test_backup_restore);
  g_test_add_func ("/tihuo/db-safety/private-files", test_private_files);
  return g_test_run ();
}
