/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Each kind of conflict and rejection reaches the Needs attention list with
 * the platform's copy of the order, and acknowledging is audited. */
#include "config.h"

#include "th-central-util.h"
#include "th-collect.h"
#include "th-error.h"
#include "th-order-store.h"
#include "th-outbox.h"
#include "th-sync-attention.h"
#include "th-sync-client.h"
#include "th-sync-status.h"
#include "th-time.h"

static void
run (ThSyncFixture *f,
     ThSyncWhat     what,
     ThSyncReport  *report)
{
  g_autoptr(ThSync) sync = th_central_sync_new (f->central, f->t.db);
  g_autoptr(GError) error = NULL;

  g_assert_true (th_sync_run (sync, what, report, NULL, &error));
  g_assert_no_error (error);
}

static gint64
audit_count (ThDb       *db,
             const char *action)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  sqlite3_prepare_v2 (th_db_get_handle (db), "SELECT count (*) FROM audit_log WHERE action = ?", -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, action, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* An event whose id was already used, with other content. */
static void
reuse_event_id (ThDb   *db,
                gint64  order_id)
{
  g_autoptr(JsonNode) sent = NULL;
  g_autofree char *id = NULL;
  g_autofree char *body = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (th_db_get_handle (db),
                                       "SELECT event_id FROM sync_results WHERE status = 'accepted' LIMIT 1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  body = g_strdup_printf ("{\"id\":\"%s\",\"type\":\"collected\",\"order_id\":\"%" G_GINT64_FORMAT "\","
                          "\"at\":\"2026-11-21T18:05:11Z\",\"terminal\":\"counter-1\",\"staff\":\"li\","
                          "\"data\":{\"lines\":[{\"line\":1,\"qty\":1}],\"method\":\"manual\",\"provisional\":false}}",
                          id, order_id);
  g_assert_cmpint (sqlite3_prepare_v2 (th_db_get_handle (db),
                                       "INSERT INTO outbox (id, type, order_id, body, created_at) VALUES (?, 'collected', ?, ?, 0)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, order_id);
  sqlite3_bind_text (stmt, 3, body, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

static void
test_every_kind (ThSyncFixture *f,
                 gconstpointer  data)
{
  static const struct { ThAttentionKind kind; const char *reason; } expected[] = {
    { TH_ATTENTION_CONFLICT, "order_cancelled" },
    { TH_ATTENTION_CONFLICT, "already_collected" },
    { TH_ATTENTION_CONFLICT, "order_refunded" },
    { TH_ATTENTION_REJECTED, "unknown_order" },
    { TH_ATTENTION_REJECTED, "id_reused" },
  };
  g_autoptr(JsonNode) a = NULL, b = NULL, c = NULL, signed_code = NULL;
  g_autoptr(ThVerification) v = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(ThOrder) cancelled = NULL;
  g_autoptr(ThSyncClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(ThSyncStatus) status = { 0 };
  gint64 first = th_central_seed (f->central, 6);
  ThSyncReport report;

  run (f, TH_SYNC_PULL | TH_SYNC_KEYS, &report);

  /* While the station is offline, the platform changes three orders. */
  a = th_central_control (f->central, "cancel", "{\"order_id\": \"%" G_GINT64_FORMAT "\"}", first);
  b = th_central_control (f->central, "collect", "{\"order_id\": \"%" G_GINT64_FORMAT "\"}", first + 1);
  c = th_central_control (f->central, "refund", "{\"order_id\": \"%" G_GINT64_FORMAT "\"}", first + 2);
  th_central_collect (f->t.db, first, 3);
  /* …and a customer shows a code for an order the platform never made. */
  signed_code = th_central_control (f->central, "sign", "{\"order_id\": \"%" G_GINT64_FORMAT "\"}", first + 1000);
  v = th_collect_code (f->t.db, json_object_get_string_member (json_node_get_object (signed_code), "code"),
                       NULL, 0, "wang", th_time_now (), &error);
  g_assert_no_error (error);
  g_assert_cmpint (v->verdict, ==, TH_VERDICT_OK);
  g_assert_true (v->provisional);

  run (f, TH_SYNC_PUSH, &report);
  g_assert_cmpuint (report.n_conflict, ==, 3);
  g_assert_cmpuint (report.n_rejected, ==, 1);
  th_central_collect (f->t.db, first + 3, 1);
  run (f, TH_SYNC_PUSH, &report);
  reuse_event_id (f->t.db, first + 4);
  run (f, TH_SYNC_PUSH, &report);
  g_assert_cmpuint (report.n_rejected, ==, 1);
  g_assert_cmpint (th_outbox_count (f->t.db, NULL), ==, 0);

  items = th_sync_attention_list (f->t.db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < items->len; i++)
    {
      ThSyncAttention *item = g_ptr_array_index (items, i);
      g_autofree char *text = th_sync_attention_describe (item);

      g_test_message ("%s", text);
      g_assert_cmpint (th_sync_attention_get_kind (item), ==, expected[i].kind);
      g_assert_cmpstr (th_sync_attention_get_reason (item), ==, expected[i].reason);
      g_assert_cmpstr (th_sync_attention_get_event_type (item), ==, "collected");
      g_assert_true (g_str_has_prefix (th_sync_attention_get_event_json (item), "{"));
      g_assert_cmpuint (strlen (text), >, 30);
      if (expected[i].kind == TH_ATTENTION_CONFLICT)
        {
          ThOrder *order = th_sync_attention_get_platform_order (item);

          g_assert_nonnull (order);
          g_assert_cmpint (order->id, ==, first + i);
          g_assert_cmpint (order->revision, ==, 2);
        }
    }
  g_assert_cmpint (audit_count (f->t.db, "sync_conflict"), ==, 3);
  g_assert_cmpint (audit_count (f->t.db, "sync_rejected"), ==, 2);

  /* The platform's copy was applied by the usual rules. */
  cancelled = th_order_store_load (f->t.db, first, NULL);
  g_assert_cmpint (cancelled->status, ==, TH_ORDER_CANCELLED);

  /* The GUI's view: a model, a count, and audited acknowledging. */
  client = th_sync_client_new (f->t.db, f->central->url, TH_CENTRAL_TOKEN, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (th_sync_client_get_needs_attention (client), ==, 5);
  g_assert_cmpuint (g_list_model_get_n_items (th_sync_client_get_attention (client)), ==, 5);
  {
    g_autoptr(ThSyncAttention) item = g_list_model_get_item (th_sync_client_get_attention (client), 1);

    g_assert_false (th_sync_client_acknowledge (client, item, "", &error));
    g_assert_error (error, TH_ERROR, TH_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_true (th_sync_client_acknowledge (client, item, "supervisor-zhao", &error));
    g_assert_no_error (error);
    g_assert_false (th_sync_client_acknowledge (client, item, "supervisor-zhao", &error));
    g_assert_error (error, TH_ERROR, TH_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
  g_assert_cmpuint (th_sync_client_get_needs_attention (client), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (th_sync_client_get_attention (client)), ==, 4);
  g_assert_cmpint (audit_count (f->t.db, "sync_attention_acknowledged"), ==, 1);

  g_assert_true (th_sync_status_load (f->t.db, &status, NULL));
  g_assert_cmpuint (status.n_conflicts, ==, 2);
  g_assert_cmpuint (status.n_rejected, ==, 2);
}

/* A conflict whose answer was lost is answered as a conflict again, not as
 * a duplicate, so it still reaches the list. */
static void
test_lost_conflict (ThSyncFixture *f,
                    gconstpointer  data)
{
  g_autoptr(JsonNode) a = NULL, fault = NULL;
  g_autoptr(ThSync) sync = th_central_sync_new (f->central, f->t.db);
  g_autoptr(GError) error = NULL;
  gint64 first = th_central_seed (f->central, 1);
  guint n_conflicts = 0;
  ThSyncReport report;

  run (f, TH_SYNC_PULL, &report);
  a = th_central_control (f->central, "cancel", "{\"order_id\": \"%" G_GINT64_FORMAT "\"}", first);
  th_central_collect (f->t.db, first, 1);
  fault = th_central_control (f->central, "fault", "{\"route\": \"events\", \"kind\": \"drop_after_apply\"}");
  g_assert_false (th_sync_run (sync, TH_SYNC_PUSH, &report, NULL, &error));
  g_clear_error (&error);
  g_assert_true (th_sync_run (sync, TH_SYNC_PUSH, &report, NULL, &error));
  g_assert_cmpuint (report.n_conflict, ==, 1);
  g_assert_true (th_sync_attention_count (f->t.db, &n_conflicts, NULL, NULL));
  g_assert_cmpuint (n_conflicts, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/tihuo/sync/conflicts/every-kind", ThSyncFixture, NULL,
              th_sync_fixture_set_up, test_every_kind, th_sync_fixture_tear_down);
  g_test_add ("/tihuo/sync/conflicts/lost-answer", ThSyncFixture, NULL,
              th_sync_fixture_set_up, test_lost_conflict, th_sync_fixture_tear_down);
  return g_test_run ();
}
