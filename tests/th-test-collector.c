/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A second process at the counter, for the concurrency and crash tests.
 *
 *   th-test-collector once DB CODE START_USEC
 *     waits until START_USEC (real time), collects CODE, prints the verdict;
 *   th-test-collector loop DB FIRST COUNT LOG
 *     collects plain codes FIRST…FIRST+COUNT−1 (as 8 digits), appending each
 *     finished collection id to LOG (fsynced) only after its commit, and
 *     printing "ready" once, after the first, so a test can wait for it;
 *   th-test-collector hold DB SECONDS
 *     takes the write lock (BEGIN IMMEDIATE), prints "locked", keeps it for
 *     SECONDS, then commits, as a terminal in the middle of a long save. */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "th-collect.h"
#include "th-time.h"

static int
run_once (ThDb *db, const char *code, gint64 start)
{
  g_autoptr(ThVerification) v = NULL;
  g_autoptr(GError) error = NULL;

  while (g_get_real_time () < start)
    ;  /* spin: both processes must hit BEGIN IMMEDIATE at the same moment */
  v = th_collect_code (db, code, NULL, 0, "race", th_time_now (), &error);
  if (v == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  g_print ("%s\n", th_verdict_to_string (v->verdict));
  return 0;
}

static int
run_loop (ThDb *db, guint64 first, guint64 n, const char *log_path)
{
  int fd = open (log_path, O_WRONLY | O_APPEND | O_CREAT, 0600);
  gboolean acknowledged = FALSE;

  if (fd < 0)
    return 2;
  for (guint64 i = first; i < first + n; i++)
    {
      g_autoptr(ThVerification) v = NULL;
      g_autoptr(GError) error = NULL;
      char code[16];
      g_autofree char *line = NULL;

      g_snprintf (code, sizeof code, "%08" G_GUINT64_FORMAT, i);
      v = th_collect_code (db, code, NULL, 0, "loop", th_time_now (), &error);
      if (v == NULL)
        {
          g_printerr ("%s: %s\n", code, error->message);
          return 2;
        }
      if (v->verdict != TH_VERDICT_OK)
        continue;
      /* Reported as done only once it is committed. */
      line = g_strdup_printf ("%s %s\n", v->collection_id, code);
      if (write (fd, line, strlen (line)) != (ssize_t) strlen (line) || fsync (fd) != 0)
        return 2;
      if (!acknowledged)
        {
          g_print ("ready\n");
          fflush (stdout);
          acknowledged = TRUE;
        }
    }
  close (fd);
  return 0;
}

static int
run_hold (ThDb *db, guint seconds)
{
  g_autoptr(GError) error = NULL;

  if (!th_db_exec (db, "BEGIN IMMEDIATE", &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  g_print ("locked\n");
  fflush (stdout);
  g_usleep ((gulong) seconds * G_USEC_PER_SEC);
  if (!th_db_exec (db, "COMMIT", &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  return 0;
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThDb) db = NULL;

  if (argc < 3)
    return 2;
  db = th_db_open (argv[2], &error);
  if (db == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (g_str_equal (argv[1], "once") && argc == 5)
    return run_once (db, argv[3], g_ascii_strtoll (argv[4], NULL, 10));
  if (g_str_equal (argv[1], "loop") && argc == 6)
    return run_loop (db, g_ascii_strtoull (argv[3], NULL, 10), g_ascii_strtoull (argv[4], NULL, 10), argv[5]);
  if (g_str_equal (argv[1], "hold") && argc == 4)
    return run_hold (db, (guint) g_ascii_strtoull (argv[3], NULL, 10));
  return 2;
}
