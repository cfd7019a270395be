/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Sync against tihuo-central-dev on loopback: the initial pull of 50,000
 * orders, an incremental pull of 1,000 changed ones, a push of 10,000
 * events, and the initial pull against a bare download of the same pages.
 * It prints figures next to their targets and never fails on time.
 * TIHUO_BENCH_SYNC_ORDERS=10000 makes a quick run. */
#include "config.h"

#include <stdlib.h>
#include <sys/resource.h>

#include "th-central-util.h"
#include "th-outbox.h"
#include "th-sync-private.h"

#define DEFAULT_ORDERS 50000
#define N_CHANGED      1000
#define N_EVENTS       10000

static double
now_s (void)
{
  return g_get_monotonic_time () / (double) G_USEC_PER_SEC;
}

static void
row (const char *what,
     double      value,
     const char *unit,
     double      target)
{
  g_autofree char *measured = g_strdup_printf ("%.3f %s", value, unit);
  g_autofree char *goal = target > 0 ? g_strdup_printf ("<= %g %s", target, unit) : g_strdup ("-");

  g_print ("  %-46s %12s   %-10s%s\n", what, measured, goal,
           target <= 0 ? "" : value <= target ? "  met" : "  MISSED");
}

/* The same pages as the pull, with no JSON parsing and no database: only
 * the cursor is picked out of the tail of each page. */
static double
bare_download (ThCentral *central,
               guint      limit,
               guint     *n_pages,
               gsize     *n_bytes)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cursor = NULL;
  ThSyncHttp *http = _th_sync_http_new (central->url, TH_CENTRAL_TOKEN, 60, &error);
  double start = now_s ();

  g_assert_no_error (error);
  for (;;)
    {
      g_autofree char *query = cursor ? g_strdup_printf ("cursor=%s&limit=%u", cursor, limit)
                                      : g_strdup_printf ("limit=%u", limit);
      g_autoptr(GBytes) page = _th_sync_http_fetch (http, "GET", "/v1/stations/7/orders", query, NULL,
                                                    NULL, NULL, &error);
      const char *data, *mark, *end;
      gsize len;

      g_assert_no_error (error);
      data = g_bytes_get_data (page, &len);
      *n_bytes += len;
      (*n_pages)++;
      mark = g_strrstr_len (data, len, "\"next_cursor\":\"");
      g_assert_nonnull (mark);
      mark += strlen ("\"next_cursor\":\"");
      end = strchr (mark, '"');
      g_free (cursor);
      cursor = g_strndup (mark, end - mark);
      if (g_strrstr_len (data, len, "\"has_more\":true") == NULL)
        break;
    }
  _th_sync_http_free (http);
  return now_s () - start;
}

static void
queue_events (ThDb   *db,
              gint64  first_id,
              guint   n)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (th_db_begin_immediate (db, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      g_assert_true (json_parser_load_from_data (parser,
                                                 "{\"lines\":[{\"line\":1,\"qty\":1}],\"method\":\"code\","
                                                 "\"provisional\":false}", -1, NULL));
      g_assert_true (th_outbox_add (db, "collected", first_id + i, 1795262400, "bench",
                                    json_node_copy (json_parser_get_root (parser)), NULL, &error));
    }
  g_assert_true (th_db_commit (db, &error));
}

int
main (int   argc,
      char *argv[])
{
  ThTestFixture f = { 0 };
  g_autoptr(ThCentral) central = NULL;
  g_autoptr(ThSync) sync = NULL;
  g_autoptr(JsonNode) touched = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *n_text = NULL;
  const char *env = g_getenv ("TIHUO_BENCH_SYNC_ORDERS");
  guint n_orders = env ? (guint) g_ascii_strtoull (env, NULL, 10) : DEFAULT_ORDERS;
  ThSyncReport initial, incremental, push;
  double t, seed_s, initial_s, bare_s, incremental_s, push_s;
  guint bare_pages = 0;
  gsize bare_bytes = 0;
  struct rusage usage;

  g_test_init (&argc, &argv, NULL);
  th_test_fixture_set_up (&f, NULL);
  n_text = g_strdup_printf ("%u", n_orders);

  t = now_s ();
  central = th_central_start (f.dir, "--seed-orders", n_text, NULL);
  seed_s = now_s () - t;
  sync = th_central_sync_new (central, f.db);
  th_sync_set_page_limit (sync, TH_SYNC_MAX_LIMIT);
  th_sync_set_timeout (sync, 60);

  t = now_s ();
  g_assert_true (th_sync_run (sync, TH_SYNC_PULL, &initial, NULL, &error));
  initial_s = now_s () - t;
  g_assert_no_error (error);
  g_assert_cmpuint (initial.orders.n_new, ==, n_orders);

  bare_s = bare_download (central, TH_SYNC_MAX_LIMIT, &bare_pages, &bare_bytes);
  g_assert_cmpuint (bare_pages, ==, initial.n_pages);

  touched = th_central_control (central, "touch", "{\"station\": 7, \"random\": %u}", MIN (N_CHANGED, n_orders));
  t = now_s ();
  g_assert_true (th_sync_run (sync, TH_SYNC_PULL, &incremental, NULL, &error));
  incremental_s = now_s () - t;
  g_assert_cmpuint (incremental.orders.n_updated, ==, MIN (N_CHANGED, n_orders));

  queue_events (f.db, TH_CENTRAL_FIRST_ORDER_ID, MIN (N_EVENTS, n_orders));
  t = now_s ();
  g_assert_true (th_sync_run (sync, TH_SYNC_PUSH, &push, NULL, &error));
  push_s = now_s () - t;
  g_assert_no_error (error);
  g_assert_cmpuint (push.n_accepted, ==, MIN (N_EVENTS, n_orders));
  g_assert_cmpint (th_outbox_count (f.db, NULL), ==, 0);
  getrusage (RUSAGE_SELF, &usage);

  g_print ("\nTihuo sync benchmark against tihuo-central-dev on loopback\n");
  g_print ("  %u orders (%u lines) in %u pages of %u, %.1f MiB; platform seeded in %.1f s (not counted)\n",
           n_orders, n_orders * 3, initial.n_pages, TH_SYNC_MAX_LIMIT, bare_bytes / 1048576.0, seed_s);
  g_print ("  %-46s %12s   %s\n", "", "measured", "target");
  row ("initial pull (download, parse, validate, store)", initial_s, "s", n_orders == DEFAULT_ORDERS ? 10 : 0);
  row ("bare download of the same pages", bare_s, "s", 0);
  row ("initial pull / bare download", initial_s / bare_s, "x", 0);
  row ("incremental pull of 1,000 changed orders", incremental_s, "s", 1);
  row ("push of 10,000 events (50 batches)", push_s, "s", n_orders >= N_EVENTS ? 5 : 0);
  g_print ("  peak memory (client): %.0f MiB\n", usage.ru_maxrss / 1024.0);

  g_clear_pointer (&sync, th_sync_free);
  g_clear_pointer (&central, th_central_free);
  th_test_fixture_tear_down (&f, NULL);
  return EXIT_SUCCESS;
}
