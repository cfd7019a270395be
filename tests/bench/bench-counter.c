/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The counter's hot paths on a busy station's database: a 200,000-order
 * import, verify-and-collect per scan, and the phone-tail search. It prints
 * figures next to their targets and never fails on time: machines differ,
 * and a benchmark that flaps would be ignored. */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "th-collect.h"
#include "th-json.h"
#include "th-lookup.h"
#include "th-order-store.h"
#include "th-verifier.h"
#include "th-test-util.h"

#include "bench-orders.h"

#define DEFAULT_ORDERS 200000
#define N_SCANS        2000
#define N_LOOKUPS      2000
/* One scan in four is a QR code, the rest typed plain codes. */
#define SIGNED_EVERY   4

typedef struct {
  char   *code;
  gint64  order_id;
} Scan;

static double
now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Nearest-rank percentile; sorts @samples in place. */
static double
percentile (GArray *samples,
            double  p)
{
  gsize rank;

  g_assert (samples->len > 0);
  g_array_sort (samples, compare_doubles);
  rank = (gsize) (p / 100.0 * samples->len + 0.999999);
  rank = CLAMP (rank, 1, samples->len);
  return g_array_index (samples, double, rank - 1);
}

static guint
orders_from_env (void)
{
  const char *text = g_getenv ("TIHUO_BENCH_ORDERS");
  guint64 n;

  if (text == NULL || *text == '\0')
    return DEFAULT_ORDERS;
  n = g_ascii_strtoull (text, NULL, 10);
  if (n < 100 || n > 10000000)
    g_error ("TIHUO_BENCH_ORDERS must be between 100 and 10000000, not “%s”", text);
  return (guint) n;
}

/* Random orders still waiting to be picked up, each scanned once. */
static GArray *
pick_scans (ThTestFixture    *f,
            const BenchOrder *orders,
            guint             n_orders,
            guint             n_scans,
            GRand            *rand)
{
  g_autoptr(GArray) paid = g_array_new (FALSE, FALSE, sizeof (guint));
  GArray *scans = g_array_new (FALSE, TRUE, sizeof (Scan));

  for (guint i = 0; i < n_orders; i++)
    if (orders[i].state == BENCH_ORDER_PAID)
      g_array_append_val (paid, i);
  n_scans = MIN (n_scans, paid->len);

  for (guint i = 0; i < n_scans; i++)
    {
      guint j = g_rand_int_range (rand, (gint32) i, (gint32) paid->len);
      guint pick = g_array_index (paid, guint, j);
      const BenchOrder *o = &orders[pick];
      Scan scan = { NULL, o->id };

      g_array_index (paid, guint, j) = g_array_index (paid, guint, i);
      g_array_index (paid, guint, i) = pick;

      if (i % SIGNED_EVERY == SIGNED_EVERY - 1)
        scan.code = th_test_sign (f, 1 + (i / SIGNED_EVERY) % 2, TH_TEST_STATION, o->id);
      else
        scan.code = g_strdup_printf ("%04u-%04u", o->pickup_code / 10000, o->pickup_code % 10000);
      g_array_append_val (scans, scan);
    }
  return scans;
}

/* Through th_order_store_import_file(), as `tihuo-cli import-orders` does:
 * read, parse, validate and store, streamed order by order. */
static double
import_orders (ThTestFixture *f,
               const char    *path,
               guint          n_orders,
               double        *out_peak_mib)
{
  g_autoptr(GError) error = NULL;
  ThImportStats stats = { 0 };
  struct rusage usage;
  double t0, t1;

  t0 = now_ms ();
  th_order_store_import_file (f->db, path, &stats, &error);
  g_assert_no_error (error);
  t1 = now_ms ();
  g_assert_cmpuint (stats.n_new, ==, n_orders);
  getrusage (RUSAGE_SELF, &usage);
  *out_peak_mib = usage.ru_maxrss / 1024.0;

  g_print ("import %u orders: %.2f s, peak memory so far %.0f MiB\n",
           n_orders, (t1 - t0) / 1e3, *out_peak_mib);
  return (t1 - t0) / 1e3;
}

/* Verification alone, read-only: tells the lookup cost from the commit cost. */
static GArray *
time_verify (ThTestFixture *f,
             GArray        *scans)
{
  GArray *samples = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < scans->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ThVerification) v = NULL;
      double t0 = now_ms (), t;

      v = th_verifier_verify_code (f->db, g_array_index (scans, Scan, i).code, TH_TEST_NOW, &error);
      t = now_ms () - t0;
      g_assert_no_error (error);
      g_assert_cmpint (v->verdict, ==, TH_VERDICT_OK);
      g_array_append_val (samples, t);
    }
  return samples;
}

/* Scans and bare transactions take turns, so both see the same WAL size and
 * checkpoints, and the ratio compares like with like. */
static void
time_collect_and_bare (ThTestFixture *f,
                       GArray        *scans,
                       GArray        *collect_samples,
                       GArray        *bare_samples)
{
  sqlite3 *handle = th_db_get_handle (f->db);
  sqlite3_stmt *insert = NULL;

  g_assert_cmpint (sqlite3_exec (handle,
                                 "CREATE TABLE bench_scratch (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, "
                                 "note TEXT NOT NULL)", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (handle, "INSERT INTO bench_scratch (at, note) VALUES (?, 'bench')",
                                       -1, &insert, NULL), ==, SQLITE_OK);

  for (guint i = 0; i < scans->len; i++)
    {
      Scan *scan = &g_array_index (scans, Scan, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(ThVerification) v = NULL;
      double t0, t;

      t0 = now_ms ();
      v = th_collect_code (f->db, scan->code, NULL, 0, "bench", TH_TEST_NOW, &error);
      t = now_ms () - t0;
      g_assert_no_error (error);
      g_assert_cmpint (v->verdict, ==, TH_VERDICT_OK);
      g_assert_nonnull (v->collection_id);
      g_assert_cmpint (v->order_id, ==, scan->order_id);
      g_array_append_val (collect_samples, t);

      t0 = now_ms ();
      g_assert_cmpint (sqlite3_exec (handle, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_bind_int64 (insert, 1, TH_TEST_NOW + i);
      g_assert_cmpint (sqlite3_step (insert), ==, SQLITE_DONE);
      sqlite3_reset (insert);
      g_assert_cmpint (sqlite3_exec (handle, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
      t = now_ms () - t0;
      g_array_append_val (bare_samples, t);
    }
  sqlite3_finalize (insert);
}

static GArray *
time_lookups (ThTestFixture *f,
              GRand         *rand,
              guint         *out_found)
{
  GArray *samples = g_array_new (FALSE, FALSE, sizeof (double));

  *out_found = 0;
  for (guint i = 0; i < N_LOOKUPS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) found = NULL;
      char tail[8];
      double t0, t;

      g_snprintf (tail, sizeof tail, "%04d", g_rand_int_range (rand, 0, 10000));
      t0 = now_ms ();
      found = th_lookup_phone_tail (f->db, tail, TH_TEST_NOW, &error);
      t = now_ms () - t0;
      g_assert_no_error (error);
      *out_found += found->len;
      g_array_append_val (samples, t);
    }
  return samples;
}

static void
row (const char *what,
     double      value,
     const char *unit,
     double      target)
{
  g_autofree char *measured = g_strdup_printf ("%.3f %s", value, unit);
  g_autofree char *goal = target > 0 ? g_strdup_printf ("<= %g %s", target, unit) : g_strdup ("-");

  /* ASCII only: g_print() turns anything else into "?" in the C locale. */
  g_print ("  %-44s %14s   %-12s%s\n", what, measured, goal,
           target <= 0 ? "" : value <= target ? "  met" : "  MISSED");
}

int
main (int   argc,
      char *argv[])
{
  ThTestFixture f = { 0 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261121);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) scans = NULL;
  g_autoptr(GArray) verify = NULL;
  g_autoptr(GArray) collect = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bare = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) lookup = NULL;
  g_autofree BenchOrder *orders = NULL;
  g_autofree char *json_path = NULL;
  guint n_orders = orders_from_env ();
  double import_s, import_peak_mib = 0, collect_median, collect_p99, bare_median, lookup_median;
  struct rusage usage;
  guint found = 0;
  gsize bytes = 0;

  /* For th-test-util's paths (G_TEST_SRCDIR) and its assertions. */
  g_test_init (&argc, &argv, NULL);
  th_test_fixture_set_up (&f, NULL);
  g_print ("Station database: %s\n", f.path);

  json_path = g_build_filename (f.dir, "orders.json", NULL);
  orders = bench_orders_write (json_path, n_orders, TH_TEST_STATION, TH_TEST_NOW, rand, &bytes, &error);
  g_assert_no_error (error);
  g_print ("Order file: %u orders, %u lines, %.1f MiB\n", n_orders, n_orders * 3, bytes / 1048576.0);

  import_s = import_orders (&f, json_path, n_orders, &import_peak_mib);
  g_unlink (json_path);

  scans = pick_scans (&f, orders, n_orders, N_SCANS, rand);
  verify = time_verify (&f, scans);
  time_collect_and_bare (&f, scans, collect, bare);
  lookup = time_lookups (&f, rand, &found);

  collect_median = percentile (collect, 50);
  collect_p99 = percentile (collect, 99);
  bare_median = percentile (bare, 50);
  lookup_median = percentile (lookup, 50);
  getrusage (RUSAGE_SELF, &usage);

  g_print ("\nTihuo counter benchmark: %u orders, %u scans (1 in %d signed), %u phone-tail lookups "
           "(%.1f orders found on average)\n",
           n_orders, scans->len, SIGNED_EVERY, lookup->len, (double) found / lookup->len);
  g_print ("  %-44s %14s   %s\n", "", "measured", "target");
  row ("import (parse, validate, store)", import_s, "s", n_orders == DEFAULT_ORDERS ? 15 : 0);
  row ("peak memory after the import", import_peak_mib, "MiB", 200);
  row ("verify only, median", percentile (verify, 50), "ms", 0);
  row ("verify + durable collect, median", collect_median, "ms", 1);
  row ("verify + durable collect, p99", collect_p99, "ms", 5);
  row ("bare durable one-row transaction, median", bare_median, "ms", 0);
  row ("collect median / bare median", collect_median / bare_median, "x", 3);
  row ("phone-tail lookup, median", lookup_median, "ms", 2);
  row ("phone-tail lookup, p99", percentile (lookup, 99), "ms", 0);
  g_print ("  peak memory: %.0f MiB\n", usage.ru_maxrss / 1024.0);

  for (guint i = 0; i < scans->len; i++)
    g_free (g_array_index (scans, Scan, i).code);
  th_test_fixture_tear_down (&f, NULL);
  return EXIT_SUCCESS;
}
