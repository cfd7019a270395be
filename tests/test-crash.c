/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kill -9 a process that is collecting in a loop, again and again, at random
 * moments. Whatever it reported as done must be there, with exactly one
 * outbox event each, an intact database and an intact audit chain.
 *
 * Half the kills come at a random moment after the start (often while it
 * opens the database); the other half at a random moment after it reported
 * its first collection, so that every run of the test checks reported
 * collections, however slow the machine. */
#include "config.h"

#include <signal.h>

#include "th-audit.h"
#include "th-order-store.h"
#include "th-test-util.h"

#define N_ORDERS 10000
#define FIRST_CODE 30000000
#define KILLS 60

static void
import_orders (ThTestFixture *f)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
  g_autoptr(GError) error = NULL;
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < N_ORDERS; i++)
    {
      g_autofree char *code = g_strdup_printf ("%08u", FIRST_CODE + i);
      json_array_add_element (array, th_test_make_order (i + 1, code, "1234", 2));
    }
  json_node_take_array (root, array);
  g_assert_true (th_order_store_import_json (f->db, root, NULL, &error));
  g_assert_no_error (error);
}

static void
test_kill_while_collecting (ThTestFixture *f,
                            gconstpointer  data)
{
  g_autofree char *log_path = g_build_filename (f->dir, "done.log", NULL);
  g_autofree char *first = g_strdup_printf ("%u", FIRST_CODE);
  g_autofree char *count = g_strdup_printf ("%u", N_ORDERS);
  g_autofree char *log = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  guint reported = 0;
  guint killed_mid_run = 0;
  guint acknowledged = 0;

  import_orders (f);
  g_clear_object (&f->db);

  for (guint i = 0; i < KILLS; i++)
    {
      g_autoptr(GSubprocess) p = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                                   g_getenv ("TIHUO_TEST_COLLECTOR"), "loop", f->path,
                                                   first, count, log_path, NULL);
      g_autoptr(GDataInputStream) out = NULL;

      g_assert_no_error (error);
      if (i % 2 == 1)
        {
          g_autofree char *ack = NULL;

          /* Blocks until the first commit: no race to lose when loaded. */
          out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (p));
          ack = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
          g_assert_no_error (error);
          g_assert_cmpstr (ack, ==, "ready");
          acknowledged++;
        }
      g_usleep (g_random_int_range (3, 80) * 1000);
      kill (atoi (g_subprocess_get_identifier (p)), SIGKILL);
      g_assert_true (g_subprocess_wait (p, NULL, &error));
      if (g_subprocess_get_if_signaled (p))
        killed_mid_run++;
      else
        g_assert_cmpint (g_subprocess_get_exit_status (p), ==, 0);
    }
  g_test_message ("%u of %u runs were killed mid-run", killed_mid_run, KILLS);
  g_assert_cmpuint (killed_mid_run, >=, 50);
  g_assert_cmpuint (acknowledged, ==, KILLS / 2);

  f->db = th_db_open (f->path, &error);
  g_assert_no_error (error);

  /* A kill can cut the last line of the log short: only whole lines count. */
  g_assert_true (g_file_get_contents (log_path, &log, NULL, &error));
  lines = g_strsplit (log, "\n", -1);
  for (guint i = 0; lines[i] && lines[i + 1]; i++)
    {
      g_auto(GStrv) parts = g_strsplit (lines[i], " ", 2);
      sqlite3_stmt *stmt = th_db_prepare (f->db, "SELECT count(*) FROM collections WHERE id = ?", NULL);

      sqlite3_bind_text (stmt, 1, parts[0], -1, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
      sqlite3_reset (stmt);
      reported++;
    }
  g_test_message ("%u collections reported done, %" G_GINT64_FORMAT " in the database", reported,
                  th_test_scalar (f->db, "SELECT count(*) FROM collections"));
  /* At least one per acknowledged run. */
  g_assert_cmpuint (reported, >=, acknowledged);

  /* Exactly one outbox event per collection, and none without one. */
  g_assert_cmpint (th_test_scalar (f->db, "SELECT count(*) FROM collections c WHERE "
                                  "(SELECT count(*) FROM outbox o WHERE o.id = c.id AND o.type = 'collected') != 1"), ==, 0);
  g_assert_cmpint (th_test_scalar (f->db, "SELECT count(*) FROM outbox"), ==,
                   th_test_scalar (f->db, "SELECT count(*) FROM collections"));
  /* No order was handed over twice, and the counters match the collections. */
  g_assert_cmpint (th_test_scalar (f->db, "SELECT count(*) FROM (SELECT order_id FROM collections GROUP BY order_id HAVING count(*) > 1)"), ==, 0);
  g_assert_cmpint (th_test_scalar (f->db, "SELECT sum(collected_qty) FROM order_lines"), ==,
                   th_test_scalar (f->db, "SELECT coalesce(sum(qty), 0) FROM collection_lines"));
  g_assert_cmpint (th_test_scalar (f->db, "SELECT count(*) FROM audit_log WHERE action = 'collected'"), ==,
                   th_test_scalar (f->db, "SELECT count(*) FROM collections"));

  {
    sqlite3_stmt *stmt = NULL;
    g_assert_cmpint (sqlite3_prepare_v2 (th_db_get_handle (f->db), "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
    sqlite3_finalize (stmt);
  }
  g_assert_true (th_audit_verify (f->db, NULL, &error));
  g_assert_no_error (error);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/tihuo/crash/kill-while-collecting", ThTestFixture, NULL,
              th_test_fixture_set_up, test_kill_while_collecting, th_test_fixture_tear_down);
  return g_test_run ();
}
