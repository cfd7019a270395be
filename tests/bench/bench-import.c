/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Order import at several file sizes: time and peak memory. Streaming
 * keeps peak memory flat as the file grows; this prints whether it does.
 * Each size runs in its own process, since a process's peak memory only
 * ever grows. It prints figures and never fails on them.
 * TIHUO_BENCH_IMPORT_TREE=1 measures the old whole-tree path instead. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "th-json.h"
#include "th-order-store.h"
#include "th-test-util.h"

#include "bench-orders.h"

#define DEFAULT_SIZES "20000,100000,200000"
#define TARGET_ORDERS 200000
#define TARGET_SECONDS 15.0
#define TARGET_PEAK_MIB 200.0

static double
now_s (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double
peak_mib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

/* User and system time: on a machine shared with other work, this says
 * more about the import than the wall clock does. */
static double
cpu_s (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static int
run_one (guint    n_orders,
         gboolean whole_tree)
{
  ThTestFixture f = { 0 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261121);
  g_autoptr(GError) error = NULL;
  g_autofree BenchOrder *orders = NULL;
  g_autofree char *path = NULL;
  ThImportStats stats = { 0 };
  double before, t0, cpu0, seconds, cpu, peak;
  gsize bytes = 0;

  th_test_fixture_set_up (&f, NULL);
  path = g_build_filename (f.dir, "orders.json", NULL);
  orders = bench_orders_write (path, n_orders, TH_TEST_STATION, TH_TEST_NOW, rand, &bytes, &error);
  g_assert_no_error (error);
  before = peak_mib ();

  t0 = now_s ();
  cpu0 = cpu_s ();
  if (whole_tree)
    {
      /* The way files were read before streaming, kept for comparison:
       * sync pages and the demo still import a tree. */
      g_autoptr(JsonNode) root = th_json_parse_file (path, "the benchmark's order file", &error);

      g_assert_no_error (error);
      th_order_store_import_json (f.db, root, &stats, &error);
    }
  else
    th_order_store_import_file (f.db, path, &stats, &error);
  seconds = now_s () - t0;
  cpu = cpu_s () - cpu0;
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_new, ==, n_orders);
  peak = peak_mib ();

  /* ASCII only: g_print() turns anything else into "?" in the C locale. */
  g_print ("  %7u orders %7.1f MiB %8.2f s %-6s %8.2f s %6.0f MiB %-6s   (%.0f MiB before the import)\n",
           n_orders, bytes / 1048576.0, seconds,
           n_orders != TARGET_ORDERS ? "" : seconds <= TARGET_SECONDS ? "met" : "MISSED",
           cpu, peak, peak <= TARGET_PEAK_MIB ? "met" : "MISSED", before);
  th_test_fixture_tear_down (&f, NULL);
  return EXIT_SUCCESS;
}

int
main (int   argc,
      char *argv[])
{
  const char *sizes_text = g_getenv ("TIHUO_BENCH_IMPORT_SIZES");
  g_auto(GStrv) sizes = NULL;
  int status = EXIT_SUCCESS;

  /* For th-test-util's paths (G_TEST_SRCDIR) and its assertions. */
  g_test_init (&argc, &argv, NULL);
  if (argc == 3 && strcmp (argv[1], "--orders") == 0)
    return run_one ((guint) g_ascii_strtoull (argv[2], NULL, 10),
                    g_strcmp0 (g_getenv ("TIHUO_BENCH_IMPORT_TREE"), "1") == 0);

  sizes = g_strsplit (sizes_text && *sizes_text ? sizes_text : DEFAULT_SIZES, ",", -1);
  g_print ("Order import, %s (targets for %u orders: <= %g s; peak memory <= %g MiB at every size)\n",
           g_strcmp0 (g_getenv ("TIHUO_BENCH_IMPORT_TREE"), "1") == 0 ? "whole tree, the old way" : "streamed",
           TARGET_ORDERS, TARGET_SECONDS, TARGET_PEAK_MIB);
  g_print ("  %14s %11s %10s %-6s %10s %10s\n", "orders", "file", "wall", "", "cpu", "peak");
  for (guint i = 0; sizes[i] != NULL; i++)
    {
      guint64 n = g_ascii_strtoull (sizes[i], NULL, 10);
      g_autofree char *n_text = NULL;
      const char *child[] = { argv[0], "--orders", NULL, NULL };
      g_autoptr(GError) error = NULL;
      int wait_status = 0;

      if (n < 100 || n > 10000000)
        g_error ("TIHUO_BENCH_IMPORT_SIZES: “%s” is not between 100 and 10000000", sizes[i]);
      n_text = g_strdup_printf ("%" G_GUINT64_FORMAT, n);
      child[2] = n_text;
      if (!g_spawn_sync (NULL, (char **) child, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                         &wait_status, &error) ||
          !g_spawn_check_wait_status (wait_status, &error))
        {
          g_printerr ("import of %s orders failed: %s\n", n_text, error->message);
          status = EXIT_FAILURE;
        }
    }
  return status;
}
