/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Pulling orders and keys from tihuo-central-dev: paging with the cursor,
 * incremental pulls, the platform's own changes, and local facts that must
 * survive a pull. */
#include "config.h"

#include "th-central-util.h"
#include "th-key-store.h"
#include "th-order-store.h"
#include "th-outbox.h"

static ThSyncReport
run (ThSyncFixture *f,
     ThSyncWhat     what,
     guint          limit)
{
  g_autoptr(ThSync) sync = th_central_sync_new (f->central, f->t.db);
  g_autoptr(GError) error = NULL;
  ThSyncReport report;

  th_sync_set_page_limit (sync, limit);
  g_assert_true (th_sync_run (sync, what, &report, NULL, &error));
  g_assert_no_error (error);
  return report;
}

static ThOrder *
load (ThSyncFixture *f,
      gint64         id)
{
  g_autoptr(GError) error = NULL;
  ThOrder *order = th_order_store_load (f->t.db, id, &error);

  g_assert_no_error (error);
  return order;
}

/* Every order of the platform, paged, then nothing more until it changes. */
static void
test_paging (ThSyncFixture *f,
             gconstpointer  data)
{
  g_autoptr(JsonNode) touched = NULL;
  g_autofree char *cursor = NULL;
  gint64 first = th_central_seed (f->central, 1234);
  ThSyncReport report;

  report = run (f, TH_SYNC_PULL, 100);
  g_assert_cmpuint (report.n_pages, ==, 13);
  g_assert_cmpuint (report.orders.n_new, ==, 1234);
  g_assert_true (th_db_get_state (f->t.db, "orders.cursor", &cursor, NULL));
  g_assert_nonnull (cursor);
  for (gint64 id = first; id < first + 1234; id += 97)
    {
      g_autoptr(ThOrder) order = load (f, id);
      g_assert_cmpint (order->revision, ==, 1);
      g_assert_cmpuint (order->lines->len, ==, 3);
    }

  report = run (f, TH_SYNC_PULL, 100);
  g_assert_cmpuint (report.n_pages, ==, 1);
  g_assert_cmpuint (report.orders.n_new + report.orders.n_updated + report.orders.n_unchanged, ==, 0);

  /* Only what changed comes down again. */
  touched = th_central_control (f->central, "touch", "{\"station\": 7, \"random\": 30}");
  report = run (f, TH_SYNC_PULL, 1000);
  g_assert_cmpuint (report.orders.n_updated, ==, 30);
  g_assert_cmpuint (report.orders.n_new, ==, 0);
}

/* Cancelled, refunded and collected-elsewhere arrive as status changes. */
static void
test_platform_changes (ThSyncFixture *f,
                       gconstpointer  data)
{
  g_autoptr(ThOrder) cancelled = NULL;
  g_autoptr(ThOrder) refunded = NULL;
  g_autoptr(ThOrder) collected = NULL;
  g_autoptr(JsonNode) a = NULL, b = NULL, c = NULL;
  gint64 first = th_central_seed (f->central, 5);
  ThSyncReport report;

  run (f, TH_SYNC_PULL, 500);
  a = th_central_control (f->central, "cancel", "{\"order_id\": \"%" G_GINT64_FORMAT "\"}", first);
  b = th_central_control (f->central, "refund", "{\"order_id\": \"%" G_GINT64_FORMAT "\"}", first + 1);
  c = th_central_control (f->central, "collect", "{\"order_id\": \"%" G_GINT64_FORMAT "\"}", first + 2);
  report = run (f, TH_SYNC_PULL, 500);
  g_assert_cmpuint (report.orders.n_updated, ==, 3);

  cancelled = load (f, first);
  refunded = load (f, first + 1);
  collected = load (f, first + 2);
  g_assert_cmpint (cancelled->status, ==, TH_ORDER_CANCELLED);
  g_assert_cmpint (refunded->status, ==, TH_ORDER_REFUNDED);
  g_assert_cmpint (refunded->refunded, ==, refunded->paid);
  g_assert_cmpint (collected->status, ==, TH_ORDER_COLLECTED);
  g_assert_cmpuint (th_order_total_remaining (collected), ==, 0);
}

/* A collection still in the outbox stays in force through a pull of a newer
 * revision; once accepted, the platform's count takes over. */
static void
test_local_facts (ThSyncFixture *f,
                  gconstpointer  data)
{
  g_autoptr(JsonNode) touched = NULL;
  gint64 first = th_central_seed (f->central, 2);
  ThSyncReport report;

  run (f, TH_SYNC_PULL, 500);
  th_central_collect (f->t.db, first, 1);
  touched = th_central_control (f->central, "touch", "{\"order_id\": \"%" G_GINT64_FORMAT "\"}", first);

  report = run (f, TH_SYNC_PULL, 500);
  g_assert_cmpuint (report.orders.n_updated, ==, 1);
  {
    g_autoptr(ThOrder) order = load (f, first);
    g_assert_cmpint (order->revision, ==, 2);
    g_assert_cmpuint (th_order_total_remaining (order), ==, 0);
  }

  report = run (f, TH_SYNC_PUSH | TH_SYNC_PULL, 500);
  g_assert_cmpuint (report.n_accepted, ==, 1);
  g_assert_cmpint (th_outbox_count (f->t.db, NULL), ==, 0);
  {
    g_autoptr(ThOrder) order = load (f, first);
    g_assert_cmpint (order->revision, ==, 3);
    g_assert_cmpint (order->status, ==, TH_ORDER_COLLECTED);
    g_assert_cmpuint (th_order_total_remaining (order), ==, 0);
  }
}

/* The trusted set becomes exactly the platform's list. */
static void
test_keys (ThSyncFixture *f,
           gconstpointer  data)
{
  ThTrustedKey key;
  ThSyncReport report;

  g_assert_true (th_key_store_lookup (f->t.db, 2, &key, NULL));
  report = run (f, TH_SYNC_KEYS, 500);
  g_assert_cmpuint (report.n_keys, ==, 1);
  g_assert_true (th_key_store_lookup (f->t.db, 1, &key, NULL));
  g_assert_false (th_key_store_lookup (f->t.db, 2, &key, NULL));
}

/* The platform recycles a collected order's code for a new order; a later
 * revision of the old order must not take the code back from the new one. */
static void
test_recycled_code (ThSyncFixture *f,
                    gconstpointer  data)
{
  g_autoptr(JsonNode) a = NULL, b = NULL, c = NULL;
  g_autoptr(ThOrder) old = NULL;
  g_autoptr(ThOrder) owner = NULL;
  g_autoptr(GError) error = NULL;
  gint64 first = th_central_seed (f->central, 2);
  g_autofree char *code = NULL;

  run (f, TH_SYNC_PULL, 500);
  old = load (f, first);
  g_assert_cmpint (old->created_at, >, 0);
  code = g_strdup (old->pickup_code);

  a = th_central_control (f->central, "collect", "{\"order_id\": \"%" G_GINT64_FORMAT "\"}", first);
  b = th_central_control (f->central, "recode", "{\"order_id\": \"%" G_GINT64_FORMAT "\", \"pickup_code\": \"%s\"}",
                          first + 1, code);
  run (f, TH_SYNC_PULL, 500);
  owner = th_order_store_find_by_code (f->t.db, code, &error);
  g_assert_no_error (error);
  g_assert_cmpint (owner->id, ==, first + 1);
  g_clear_pointer (&owner, th_order_unref);

  c = th_central_control (f->central, "touch", "{\"order_id\": \"%" G_GINT64_FORMAT "\"}", first);
  run (f, TH_SYNC_PULL, 500);
  owner = th_order_store_find_by_code (f->t.db, code, &error);
  g_assert_no_error (error);
  g_assert_cmpint (owner->id, ==, first + 1);
  g_assert_cmpint (owner->status, ==, TH_ORDER_PAID);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/tihuo/sync/pull/paging", ThSyncFixture, NULL,
              th_sync_fixture_set_up, test_paging, th_sync_fixture_tear_down);
  g_test_add ("/tihuo/sync/pull/platform-changes", ThSyncFixture, NULL,
              th_sync_fixture_set_up, test_platform_changes, th_sync_fixture_tear_down);
  g_test_add ("/tihuo/sync/pull/local-facts", ThSyncFixture, NULL,
              th_sync_fixture_set_up, test_local_facts, th_sync_fixture_tear_down);
  g_test_add ("/tihuo/sync/pull/recycled-code", ThSyncFixture, NULL,
              th_sync_fixture_set_up, test_recycled_code, th_sync_fixture_tear_down);
  g_test_add ("/tihuo/sync/pull/keys", ThSyncFixture, NULL,
              th_sync_fixture_set_up, test_keys, th_sync_fixture_tear_down);
  return g_test_run ();
}
