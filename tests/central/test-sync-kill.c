/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `kill -9` of tihuo-cli in the middle of a pull, 20 times at random
 * moments, while the platform keeps changing orders: afterwards the station
 * holds exactly the platform's orders, so no page was skipped and none was
 * half applied. */
#include "config.h"

#include <signal.h>

#include "th-central-util.h"
#include "th-order-store.h"

#define ROUNDS 20

static GSubprocess *
spawn_sync (ThSyncFixture *f)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_subprocess_launcher_setenv (launcher, "TIHUO_TOKEN", TH_CENTRAL_TOKEN, TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("TIHUO_CLI"), "sync", "--once",
                                         "--db", f->t.path, "--server", f->central->url,
                                         "--page-limit", "40", NULL);
  g_assert_no_error (error);
  return process;
}

static gint64
pages_requested (ThSyncFixture *f)
{
  return th_central_stat (f->central, "requests.orders");
}

/* Waits until the pull has asked for its first page: tihuo-cli's start
 * (slow on a loaded machine, slower under AddressSanitizer) is then no
 * part of the random wait, so the kill lands in the pull. */
static void
wait_for_pull (ThSyncFixture *f,
               gint64         pages_before)
{
  gint64 give_up = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (pages_requested (f) == pages_before)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, give_up);
      g_usleep (2000);
    }
}

static void
assert_same_orders (ThSyncFixture *f)
{
  g_autoptr(JsonNode) dump = th_central_get (f->central, "orders?station=7");
  JsonArray *array = json_node_get_array (dump);
  sqlite3_stmt *stmt = NULL;

  sqlite3_prepare_v2 (th_db_get_handle (f->t.db), "SELECT count (*) FROM orders", -1, &stmt, NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, json_array_get_length (array));
  sqlite3_finalize (stmt);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ThOrder) platform = th_order_new_from_json (json_array_get_element (array, i), &error);
      g_autoptr(ThOrder) local = NULL;

      g_assert_no_error (error);
      local = th_order_store_load (f->t.db, platform->id, &error);
      g_assert_no_error (error);
      g_assert_cmpint (local->revision, ==, platform->revision);
      g_assert_cmpint (local->status, ==, platform->status);
      g_assert_cmpstr (local->note, ==, platform->note);
      g_assert_cmpint (local->refunded, ==, platform->refunded);
      g_assert_cmpuint (local->lines->len, ==, platform->lines->len);
      for (guint j = 0; j < local->lines->len; j++)
        {
          ThOrderLine *l = &g_array_index (local->lines, ThOrderLine, j);
          ThOrderLine *p = &g_array_index (platform->lines, ThOrderLine, j);

          g_assert_cmpuint (l->collected_qty, ==, p->collected_qty);
          g_assert_cmpuint (l->refunded_qty, ==, p->refunded_qty);
        }
    }
}

static void
test_kill_during_pull (ThSyncFixture *f,
                       gconstpointer  data)
{
  g_autoptr(JsonNode) config = th_central_control (f->central, "config", "{\"page_delay_ms\": 25}");
  g_autoptr(GSubprocess) last = NULL;
  g_autoptr(GError) error = NULL;
  guint killed_mid_pull = 0;

  th_central_seed (f->central, 2000);
  for (guint round = 0; round < ROUNDS; round++)
    {
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(JsonNode) touched = NULL;
      gint64 pages_before = pages_requested (f);
      guint wait_ms;

      /* The platform keeps changing orders, so every round has pages to pull. */
      if (round > 0)
        touched = th_central_control (f->central, "touch", "{\"station\": 7, \"random\": 600}");
      if (round % 5 == 4)
        {
          g_autoptr(JsonNode) more = th_central_control (f->central, "cancel", "{\"station\": 7, \"random\": 20}");
        }

      process = spawn_sync (f);
      wait_for_pull (f, pages_before);
      /* 600 changed orders are 15 pages of 40, each held 25 ms by the
       * platform: the rest of the pull outlasts the longest wait. */
      wait_ms = (guint) g_random_int_range (0, round == 0 ? 1100 : 300);
      g_usleep (wait_ms * 1000);
      g_subprocess_force_exit (process);
      g_subprocess_wait (process, NULL, NULL);
      if (g_subprocess_get_if_signaled (process) && g_subprocess_get_term_sig (process) == SIGKILL &&
          pages_requested (f) > pages_before)
        killed_mid_pull++;
      g_test_message ("round %u: killed after %u ms, %" G_GINT64_FORMAT " pages asked", round, wait_ms,
                      pages_requested (f) - pages_before);
    }
  /* The rounds must really have died mid-pull, or this proves nothing. */
  g_assert_cmpuint (killed_mid_pull, >=, ROUNDS * 3 / 4);

  last = spawn_sync (f);
  g_subprocess_wait_check (last, NULL, &error);
  g_assert_no_error (error);

  /* The file is intact (every page read) and holds the platform's orders. */
  g_clear_object (&f->t.db);
  f->t.db = th_db_open_full (f->t.path, TH_DB_OPEN_CHECK, &error);
  g_assert_no_error (error);
  assert_same_orders (f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/tihuo/sync/kill/during-pull", ThSyncFixture, NULL,
              th_sync_fixture_set_up, test_kill_during_pull, th_sync_fixture_tear_down);
  return g_test_run ();
}
