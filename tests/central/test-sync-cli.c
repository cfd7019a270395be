/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `tihuo-cli sync` and `tihuo-cli status --json` against tihuo-central-dev:
 * exit statuses, the status document, and that the token never shows. */
#include "config.h"

#include <signal.h>

#include "th-central-util.h"

typedef struct {
  int    status;
  char  *out;
  char  *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static Run
cli (const char *token,
     ...)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  Run run = { 0 };
  const char *arg;
  va_list ap;

  g_ptr_array_add (argv, (gpointer) g_getenv ("TIHUO_CLI"));
  va_start (ap, token);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  if (token)
    g_subprocess_launcher_setenv (launcher, "TIHUO_TOKEN", token, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "TIHUO_TOKEN");
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run.out, &run.err, &error);
  g_assert_no_error (error);
  run.status = g_subprocess_get_exit_status (process);
  return run;
}

typedef struct {
  GMainLoop *loop;
  GError    *error;
  char      *out;
  char      *err;
  gboolean   done;
} Wait;

static void
communicated_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  Wait *w = data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &w->out, &w->err, &w->error);
  w->done = TRUE;
  g_main_loop_quit (w->loop);
}

static gboolean
give_up_cb (gpointer data)
{
  g_main_loop_quit (((Wait *) data)->loop);
  return G_SOURCE_REMOVE;
}

/* Like cli(), but a run that never ends fails the test after @limit_s
 * (generous: this is about ending at all, not about speed). */
static Run
cli_bounded (guint       limit_s,
             const char *token,
             ...)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  Wait w = { g_main_loop_new (NULL, FALSE), NULL, NULL, NULL, FALSE };
  Run run = { 0 };
  const char *arg;
  guint timer;
  va_list ap;

  g_ptr_array_add (argv, (gpointer) g_getenv ("TIHUO_CLI"));
  va_start (ap, token);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_setenv (launcher, "TIHUO_TOKEN", token, TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, communicated_cb, &w);
  timer = g_timeout_add_seconds (limit_s, give_up_cb, &w);
  g_main_loop_run (w.loop);
  if (!w.done)
    {
      g_subprocess_force_exit (process);
      g_subprocess_wait (process, NULL, NULL);
      g_error ("tihuo-cli %s did not end within %u s", (const char *) argv->pdata[1], limit_s);
    }
  g_source_remove (timer);
  g_main_loop_unref (w.loop);
  g_assert_no_error (w.error);
  run.status = g_subprocess_get_exit_status (process);
  run.out = w.out;
  run.err = w.err;
  return run;
}

static JsonObject *
status_json (ThSyncFixture *f,
             JsonParser    *parser)
{
  g_auto(Run) run = cli (NULL, "status", "--json", "--db", f->t.path, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (run.status, ==, 0);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_once_and_status (ThSyncFixture *f,
                      gconstpointer  data)
{
  g_autoptr(JsonParser) p1 = json_parser_new (), p2 = json_parser_new (), p3 = json_parser_new ();
  g_autofree char *token_file = g_build_filename (f->t.dir, "token", NULL);
  JsonObject *status;
  gint64 first = th_central_seed (f->central, 20);

  status = status_json (f, p1);
  g_assert_true (json_node_is_null (json_object_get_member (status, "last_pull")));
  g_assert_true (json_object_get_boolean_member (status, "stale"));
  g_assert_cmpint (json_object_get_int_member (status, "pending_events"), ==, 0);

  {
    g_autoptr(ThSync) sync = th_central_sync_new (f->central, f->t.db);
    g_assert_true (th_sync_run (sync, TH_SYNC_PULL, NULL, NULL, NULL));
  }
  th_central_collect (f->t.db, first, 2);
  g_assert_true (g_file_set_contents (token_file, TH_CENTRAL_TOKEN "\n", -1, NULL));
  {
    g_auto(Run) run = cli (NULL, "sync", "--once", "--db", f->t.path, "--server", f->central->url,
                           "--token-file", token_file, NULL);

    g_assert_cmpint (run.status, ==, 0);
    g_assert_null (strstr (run.out, TH_CENTRAL_TOKEN));
    g_assert_null (strstr (run.err, TH_CENTRAL_TOKEN));
  }
  status = status_json (f, p2);
  g_assert_false (json_node_is_null (json_object_get_member (status, "last_pull")));
  g_assert_false (json_object_get_boolean_member (status, "stale"));
  g_assert_cmpint (json_object_get_int_member (status, "pending_events"), ==, 0);
  g_assert_true (json_node_is_null (json_object_get_member (status, "last_error")));

  /* A refused token: exit status 2, a plain message, recorded for status. */
  {
    g_auto(Run) run = cli ("wrong-token", "sync", "--once", "--db", f->t.path, "--server", f->central->url, NULL);

    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "401"));
    g_assert_null (strstr (run.err, "wrong-token"));
  }
  status = status_json (f, p3);
  g_assert_cmpstr (json_object_get_string_member (status, "last_error_code"), ==, "unauthorized");
  g_assert_nonnull (strstr (json_object_get_string_member (status, "last_error"), "401"));

  /* No token at all is a usage error, said plainly. */
  {
    g_auto(Run) run = cli (NULL, "sync", "--once", "--db", f->t.path, "--server", f->central->url, NULL);

    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "TIHUO_TOKEN"));
  }
}

/* Without --once it keeps syncing until stopped; a refused token ends it. */
static void
test_continuous (ThSyncFixture *f,
                 gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  th_central_seed (f->central, 5);
  g_subprocess_launcher_setenv (launcher, "TIHUO_TOKEN", TH_CENTRAL_TOKEN, TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("TIHUO_CLI"), "sync", "--db", f->t.path,
                                         "--server", f->central->url, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (line, "synced"));
  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, NULL);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);

  {
    g_auto(Run) run = cli ("wrong-token", "sync", "--db", f->t.path, "--server", f->central->url, NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
}

/* A platform that trickles one byte at a time keeps every read within
 * --timeout, so only the deadlines stop `sync --once`. It ends, says
 * "deadline", and the events queued here were pushed before the pull
 * stalled. */
static void
test_once_deadline (ThSyncFixture *f,
                    gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonNode) fault = NULL;
  gint64 first = th_central_seed (f->central, 5);
  JsonObject *status;

  {
    g_autoptr(ThSync) sync = th_central_sync_new (f->central, f->t.db);
    g_assert_true (th_sync_run (sync, TH_SYNC_PULL, NULL, NULL, NULL));
  }
  th_central_collect (f->t.db, first, 2);
  fault = th_central_control (f->central, "fault",
                              "{\"route\": \"orders\", \"kind\": \"trickle\", \"delay_ms\": 1000, \"count\": 5}");
  {
    g_auto(Run) run = cli_bounded (90, TH_CENTRAL_TOKEN, "sync", "--once", "--db", f->t.path,
                                   "--server", f->central->url, "--timeout", "10", "--deadline", "3", NULL);

    g_test_message ("%s", run.err);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "3 s deadline"));
  }
  status = status_json (f, parser);
  g_assert_cmpint (json_object_get_int_member (status, "pending_events"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (status, "last_error_code"), ==, "timeout");
  g_assert_cmpint (th_central_stat (f->central, "events"), ==, 2);

  /* The per-request deadline alone does it too. */
  {
    g_auto(Run) run = cli_bounded (90, TH_CENTRAL_TOKEN, "sync", "--once", "--db", f->t.path,
                                   "--server", f->central->url, "--timeout", "10", "--request-deadline", "2", NULL);

    g_test_message ("%s", run.err);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "2 s deadline"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/tihuo/sync/cli/once-and-status", ThSyncFixture, NULL,
              th_sync_fixture_set_up, test_once_and_status, th_sync_fixture_tear_down);
  g_test_add ("/tihuo/sync/cli/once-deadline", ThSyncFixture, NULL,
              th_sync_fixture_set_up, test_once_deadline, th_sync_fixture_tear_down);
  g_test_add ("/tihuo/sync/cli/continuous", ThSyncFixture, NULL,
              th_sync_fixture_set_up, test_continuous, th_sync_fixture_tear_down);
  return g_test_run ();
}
