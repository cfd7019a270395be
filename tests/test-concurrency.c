/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Two processes collecting the same order at the same moment: exactly one
 * hands it over, the other is told it was already collected. */
#include "config.h"

#include "th-order-store.h"
#include "th-outbox.h"
#include "th-test-util.h"

#define ROUNDS 20

static GSubprocess *
spawn_collector (ThTestFixture *f, const char *code, gint64 start)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *start_text = g_strdup_printf ("%" G_GINT64_FORMAT, start);
  GSubprocess *p = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                     g_getenv ("TIHUO_TEST_COLLECTOR"), "once", f->path, code, start_text, NULL);
  g_assert_no_error (error);
  return p;
}

static void
test_race (ThTestFixture *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (g_getenv ("TIHUO_TEST_COLLECTOR"));
  for (guint i = 0; i < ROUNDS; i++)
    {
      g_autofree char *code = g_strdup_printf ("%08u", 20000000 + i);
      g_autoptr(JsonNode) order = th_test_make_order (i + 1, code, "1234", 2);
      th_test_import (f->db, order);
    }

  for (guint i = 0; i < ROUNDS; i++)
    {
      g_autofree char *code = g_strdup_printf ("%08u", 20000000 + i);
      gint64 start = g_get_real_time () + 300 * 1000;  /* both started and waiting by then */
      g_autoptr(GSubprocess) a = spawn_collector (f, code, start);
      g_autoptr(GSubprocess) b = spawn_collector (f, code, start);
      g_autofree char *va = th_test_subprocess_finish (a);
      g_autofree char *vb = th_test_subprocess_finish (b);
      gboolean one_ok = (g_str_equal (va, "ok") && g_str_equal (vb, "already_collected")) ||
                        (g_str_equal (vb, "ok") && g_str_equal (va, "already_collected"));

      g_test_message ("round %u: %s / %s", i, va, vb);
      g_assert_true (one_ok);
    }

  /* Exactly one event per order. */
  g_assert_cmpint (th_outbox_count (f->db, &error), ==, ROUNDS);
  {
    sqlite3_stmt *stmt = th_db_prepare (f->db,
                                        "SELECT count(*) FROM (SELECT order_id FROM collections GROUP BY order_id HAVING count(*) > 1)",
                                        NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
    sqlite3_reset (stmt);
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/tihuo/concurrency/same-order", ThTestFixture, NULL,
              th_test_fixture_set_up, test_race, th_test_fixture_tear_down);
  return g_test_run ();
}
