/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Pushing the outbox to tihuo-central-dev over real HTTP: a whole offline
 * day, a lost answer, batches, 413 and reused ids. */
#include "config.h"

#include "th-central-util.h"
#include "th-outbox.h"
#include "th-sync-client.h"

static gint64
count_rows (ThDb       *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (th_db_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static void
pull (ThSyncFixture *f)
{
  g_autoptr(ThSync) sync = th_central_sync_new (f->central, f->t.db);
  g_autoptr(GError) error = NULL;

  g_assert_true (th_sync_run (sync, TH_SYNC_PULL | TH_SYNC_KEYS, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
retry_scheduled_cb (ThSyncClient *client,
                    guint         delay_ms,
                    guint        *n)
{
  (*n)++;
}

/* Collect 500 orders with the platform down, bring it back, sync: the
 * platform has each event exactly once and the outbox is empty. */
static void
test_offline_day (ThSyncFixture *f,
                  gconstpointer  data)
{
  g_autoptr(ThSyncClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) events = NULL;
  g_autoptr(JsonNode) orders = NULL;
  JsonArray *array;
  gint64 first = th_central_seed (f->central, 500);
  guint retries = 0;

  pull (f);
  th_central_stop (f->central);

  th_central_collect (f->t.db, first, 500);
  g_assert_cmpint (th_outbox_count (f->t.db, NULL), ==, 500);

  client = th_sync_client_new (f->t.db, f->central->url, TH_CENTRAL_TOKEN, &error);
  g_assert_no_error (error);
  g_signal_connect (client, "retry-scheduled", G_CALLBACK (retry_scheduled_cb), &retries);
  th_sync_client_start (client);
  g_assert_false (th_central_wait_sync (client, 30));
  g_assert_cmpint (th_sync_client_get_state (client), ==, TH_SYNC_STATE_OFFLINE);
  g_assert_nonnull (th_sync_client_get_last_error (client));
  g_assert_cmpuint (retries, ==, 1);
  g_assert_cmpint (th_sync_client_get_pending (client), ==, 500);

  th_central_restart (f->central);
  th_sync_client_sync_now (client);
  g_assert_true (th_central_wait_sync (client, 60));
  g_assert_cmpint (th_sync_client_get_state (client), ==, TH_SYNC_STATE_ONLINE);
  g_assert_null (th_sync_client_get_last_error (client));
  g_assert_cmpint (th_sync_client_get_pending (client), ==, 0);
  g_assert_cmpint (th_outbox_count (f->t.db, NULL), ==, 0);
  g_assert_cmpint (count_rows (f->t.db, "SELECT count (*) FROM sync_results WHERE status = 'accepted'"), ==, 500);

  g_assert_cmpint (th_central_stat (f->central, "events"), ==, 500);
  g_assert_cmpint (th_central_stat (f->central, "receipts"), ==, 500);
  events = th_central_get (f->central, "events?station=7");
  array = json_node_get_array (events);
  for (guint i = 0; i < json_array_get_length (array); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, i), "status"), ==, "accepted");

  /* The pull after the push brought the platform's count back. */
  orders = th_central_get (f->central, "orders?station=7");
  array = json_node_get_array (orders);
  g_assert_cmpuint (json_array_get_length (array), ==, 500);
  for (guint i = 0; i < json_array_get_length (array); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, i), "status"), ==, "collected");
  g_assert_cmpint (count_rows (f->t.db, "SELECT count (*) FROM orders WHERE status = 'collected' AND revision = 2"),
                   ==, 500);
}

/* The platform applies a batch, then the connection drops before the
 * answer: the events stay, the re-send gives `duplicate`, nothing twice. */
static void
test_lost_answer (ThSyncFixture *f,
                  gconstpointer  data)
{
  g_autoptr(ThSync) sync = th_central_sync_new (f->central, f->t.db);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) orders = NULL;
  gint64 first = th_central_seed (f->central, 10);
  ThSyncReport report;
  JsonArray *array;

  pull (f);
  th_central_collect (f->t.db, first, 10);
  g_autoptr(JsonNode) ignored = th_central_control (f->central, "fault",
                                                    "{\"route\": \"events\", \"kind\": \"drop_after_apply\"}");

  g_assert_false (th_sync_run (sync, TH_SYNC_PUSH, &report, NULL, &error));
  g_assert_error (error, TH_SYNC_ERROR, TH_SYNC_ERROR_NETWORK);
  g_clear_error (&error);
  g_assert_cmpint (th_outbox_count (f->t.db, NULL), ==, 10);
  g_assert_cmpint (th_central_stat (f->central, "events"), ==, 10);

  g_assert_true (th_sync_run (sync, TH_SYNC_ALL, &report, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_duplicate, ==, 10);
  g_assert_cmpuint (report.n_accepted, ==, 10);
  g_assert_cmpint (th_outbox_count (f->t.db, NULL), ==, 0);
  g_assert_cmpint (count_rows (f->t.db, "SELECT count (*) FROM sync_results WHERE status = 'duplicate'"), ==, 10);
  g_assert_cmpint (th_central_stat (f->central, "events"), ==, 10);
  g_assert_cmpint (th_central_stat (f->central, "receipts"), ==, 20);

  /* Applied once: every line collected exactly its quantity, revision 2. */
  orders = th_central_get (f->central, "orders?station=7");
  array = json_node_get_array (orders);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *order = json_array_get_object_element (array, i);
      JsonArray *items = json_object_get_array_member (order, "items");

      g_assert_cmpint (json_object_get_int_member (order, "revision"), ==, 2);
      for (guint j = 0; j < json_array_get_length (items); j++)
        {
          JsonObject *item = json_array_get_object_element (items, j);
          g_assert_cmpint (json_object_get_int_member (item, "collected_qty"), ==,
                           json_object_get_int_member (item, "qty"));
        }
    }
}

/* At most 200 a batch, oldest first; a 413 halves the batch. */
static void
test_batches (ThSyncFixture *f,
              gconstpointer  data)
{
  g_autoptr(ThSync) sync = th_central_sync_new (f->central, f->t.db);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) sent = NULL;
  g_autoptr(JsonNode) received = NULL;
  g_autoptr(JsonNode) config = NULL;
  gint64 first = th_central_seed (f->central, 450);
  ThSyncReport report;
  JsonArray *a, *b;

  pull (f);
  th_central_collect (f->t.db, first, 450);
  sent = th_outbox_list (f->t.db, 0, NULL);

  g_assert_true (th_sync_run (sync, TH_SYNC_PUSH, &report, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_accepted, ==, 450);
  g_assert_cmpint (th_central_stat (f->central, "requests.events"), ==, 3);

  received = th_central_get (f->central, "events?station=7");
  a = json_node_get_array (sent);
  b = json_node_get_array (received);
  g_assert_cmpuint (json_array_get_length (b), ==, 450);
  for (guint i = 0; i < 450; i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (a, i), "id"), ==,
                     json_object_get_string_member (json_array_get_object_element (b, i), "id"));

  /* A platform that takes 30 at most: 200 → 100 → 50 → 25, then on. */
  config = th_central_control (f->central, "config", "{\"max_batch\": 30}");
  first = th_central_seed (f->central, 60);
  pull (f);
  th_central_collect (f->t.db, first, 60);
  g_assert_true (th_sync_run (sync, TH_SYNC_PUSH, &report, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_accepted, ==, 60);
  g_assert_cmpint (th_outbox_count (f->t.db, NULL), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/tihuo/sync/push/offline-day", ThSyncFixture, NULL,
              th_sync_fixture_set_up, test_offline_day, th_sync_fixture_tear_down);
  g_test_add ("/tihuo/sync/push/lost-answer", ThSyncFixture, NULL,
              th_sync_fixture_set_up, test_lost_answer, th_sync_fixture_tear_down);
  g_test_add ("/tihuo/sync/push/batches", ThSyncFixture, NULL,
              th_sync_fixture_set_up, test_batches, th_sync_fixture_tear_down);
  return g_test_run ();
}
