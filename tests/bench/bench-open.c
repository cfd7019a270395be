/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What one `tihuo-cli verify` costs on a busy station's database, next to
 * the cheapest possible SQLite process (`sqlite3 DB 'select 1'`): opening the
 * station must not read the whole file. Process CPU time (user + system, from
 * wait4) is measured, not wall time, so a loaded machine blurs it less. It
 * prints figures and never fails on them. */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "th-json.h"
#include "th-order-store.h"
#include "th-test-util.h"

#include "bench-orders.h"

#define DEFAULT_ORDERS 200000
#define N_RUNS         21

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

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Median CPU milliseconds of @argv run N_RUNS times, with stdout and stderr
 * thrown away; the exit status must be @expected. */
static double
median_cpu_ms (char **argv,
               int    expected)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < N_RUNS; i++)
    {
      g_autoptr(GError) error = NULL;
      struct rusage usage;
      GPid pid;
      int status;
      double ms;

      g_spawn_async (NULL, argv, NULL,
                     G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &pid, &error);
      g_assert_no_error (error);
      g_assert_cmpint (wait4 (pid, &status, 0, &usage), ==, pid);
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, expected);
      ms = (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3 +
           (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
      g_array_append_val (samples, ms);
    }
  g_array_sort (samples, compare_doubles);
  return g_array_index (samples, double, N_RUNS / 2);
}

int
main (int   argc,
      char *argv[])
{
  ThTestFixture f = { 0 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261121);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree BenchOrder *orders = NULL;
  g_autofree char *json_path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *sqlite3 = g_find_program_in_path ("sqlite3");
  g_autofree char *code = NULL;
  const char *cli = g_getenv ("TIHUO_CLI");
  guint n_orders = orders_from_env ();
  double verify_ms, check_ms, select_ms = 0;
  GStatBuf st;
  gsize len;

  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (cli);
  th_test_fixture_set_up (&f, NULL);

  json_path = g_build_filename (f.dir, "orders.json", NULL);
  orders = bench_orders_write (json_path, n_orders, TH_TEST_STATION, TH_TEST_NOW, rand, &len, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (json_path, &contents, &len, &error));
  root = th_json_parse (contents, len, "the benchmark's order file", &error);
  g_assert_no_error (error);
  g_clear_pointer (&contents, g_free);
  g_assert_true (th_order_store_import_json (f.db, root, NULL, &error));
  g_assert_no_error (error);
  g_unlink (json_path);
  g_assert_true (th_db_exec (f.db, "PRAGMA wal_checkpoint(TRUNCATE)", &error));
  g_clear_object (&f.db);
  g_assert_cmpint (g_stat (f.path, &st), ==, 0);

  /* Any order will do: the verdict does not matter, the open does. */
  code = g_strdup_printf ("%08u", orders[0].pickup_code);
  {
    char *verify[] = { (char *) cli, (char *) "verify", code, (char *) "--db", f.path, NULL };
    char *check[] = { (char *) cli, (char *) "verify", code, (char *) "--check", (char *) "--db", f.path, NULL };
    int expected;

    /* One untimed run for the verdict's exit status and a warm page cache. */
    {
      GPid pid;
      int status;

      g_spawn_async (NULL, verify, NULL,
                     G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &pid, &error);
      g_assert_no_error (error);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      expected = WEXITSTATUS (status);
      g_assert_cmpint (expected, <=, 1);
    }
    verify_ms = median_cpu_ms (verify, expected);
    check_ms = median_cpu_ms (check, expected);
  }
  if (sqlite3 != NULL)
    {
      char *select1[] = { sqlite3, f.path, (char *) "select 1", NULL };
      select_ms = median_cpu_ms (select1, 0);
    }

  g_print ("\nOpening the station database: %u orders, %.1f MiB, median of %d runs, process CPU time\n",
           n_orders, st.st_size / 1048576.0, N_RUNS);
  g_print ("  %-44s %10.2f ms\n", "tihuo-cli verify CODE", verify_ms);
  g_print ("  %-44s %10.2f ms\n", "tihuo-cli verify CODE --check", check_ms);
  if (sqlite3 != NULL)
    {
      g_print ("  %-44s %10.2f ms\n", "sqlite3 DB 'select 1'", select_ms);
      g_print ("  %-44s %10.1f x   target <= 5 x  %s\n", "verify / select 1", verify_ms / MAX (select_ms, 0.01),
               verify_ms <= 5 * select_ms ? "met" : "MISSED");
    }
  else
    g_print ("  sqlite3 is not installed: no 'select 1' figure to compare with\n");

  th_test_fixture_tear_down (&f, NULL);
  return EXIT_SUCCESS;
}
