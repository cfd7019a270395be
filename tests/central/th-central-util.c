/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <sys/prctl.h>

#include "th-central-util.h"
#include "th-collect.h"
#include "th-time.h"

static const char *
server_path (void)
{
  const char *path = g_getenv ("TIHUO_CENTRAL");

  g_assert_nonnull (path);
  return path;
}

/* A test that fails must not leave its server behind, holding the test's
 * output open until meson gives up on it. */
static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static void
spawn (ThCentral *central,
       GPtrArray *extra)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  /* The server is a separate program with its own warnings policy. */
  g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");
  g_ptr_array_add (argv, g_strdup (server_path ()));
  g_ptr_array_add (argv, g_strdup ("--db"));
  g_ptr_array_add (argv, g_strdup (central->db_path));
  g_ptr_array_add (argv, g_strdup ("--port"));
  g_ptr_array_add (argv, g_strdup_printf ("%u", central->port));
  g_ptr_array_add (argv, g_strdup ("--station"));
  g_ptr_array_add (argv, g_strdup_printf ("%u", TH_TEST_STATION));
  g_ptr_array_add (argv, g_strdup ("--token"));
  g_ptr_array_add (argv, g_strdup (TH_CENTRAL_TOKEN));
  g_ptr_array_add (argv, g_strdup ("--add-station"));
  g_ptr_array_add (argv, g_strdup ("8:" TH_CENTRAL_OTHER_TOKEN));
  for (guint i = 0; extra && i < extra->len; i++)
    g_ptr_array_add (argv, g_strdup (g_ptr_array_index (extra, i)));
  g_ptr_array_add (argv, NULL);

  central->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (central->process));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  central->port = (guint) g_ascii_strtoull (line, NULL, 10);
  g_assert_cmpuint (central->port, >, 0);
  g_free (central->url);
  central->url = g_strdup_printf ("http://127.0.0.1:%u/api", central->port);
}

ThCentral *
th_central_start (const char *dir,
                  ...)
{
  g_autoptr(GPtrArray) extra = g_ptr_array_new ();
  ThCentral *central = g_new0 (ThCentral, 1);
  const char *arg;
  va_list ap;

  va_start (ap, dir);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (extra, (gpointer) arg);
  va_end (ap);

  central->db_path = g_build_filename (dir, "central.db", NULL);
  central->session = soup_session_new ();
  spawn (central, extra);
  return central;
}

void
th_central_stop (ThCentral *central)
{
  if (central->process == NULL)
    return;
  g_subprocess_send_signal (central->process, SIGTERM);
  g_subprocess_wait (central->process, NULL, NULL);
  g_clear_object (&central->process);
}

void
th_central_restart (ThCentral *central)
{
  g_assert_null (central->process);
  spawn (central, NULL);
}

void
th_central_free (ThCentral *central)
{
  th_central_stop (central);
  g_clear_object (&central->session);
  g_free (central->db_path);
  g_free (central->url);
  g_free (central);
}

static JsonNode *
request (ThCentral  *central,
         const char *method,
         const char *verb,
         const char *body)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/_control/%s", central->port, verb);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  answer = soup_session_send_and_read (central->session, msg, NULL, &error);
  g_assert_no_error (error);
  if (soup_message_get_status (msg) != SOUP_STATUS_OK)
    g_error ("control %s: %u %.*s", verb, soup_message_get_status (msg),
             (int) g_bytes_get_size (answer), (const char *) g_bytes_get_data (answer, NULL));
  json_parser_load_from_data (parser, g_bytes_get_data (answer, NULL), g_bytes_get_size (answer), &error);
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

JsonNode *
th_central_control (ThCentral  *central,
                    const char *verb,
                    const char *json_format,
                    ...)
{
  g_autofree char *body = NULL;
  va_list ap;

  va_start (ap, json_format);
  body = g_strdup_vprintf (json_format, ap);
  va_end (ap);
  return request (central, "POST", verb, body);
}

JsonNode *
th_central_get (ThCentral  *central,
                const char *verb)
{
  return request (central, "GET", verb, NULL);
}

gint64
th_central_stat (ThCentral  *central,
                 const char *name)
{
  g_autoptr(JsonNode) stats = th_central_get (central, "stats");
  JsonObject *obj = json_node_get_object (stats);
  const char *dot = strchr (name, '.');

  if (dot != NULL)
    {
      g_autofree char *outer = g_strndup (name, dot - name);
      obj = json_object_get_object_member (obj, outer);
      name = dot + 1;
    }
  return json_object_get_int_member (obj, name);
}

gint64
th_central_seed (ThCentral *central,
                 guint      count)
{
  g_autoptr(JsonNode) answer = th_central_control (central, "seed", "{\"station\": %u, \"count\": %u}",
                                                   TH_TEST_STATION, count);
  gint64 first = -1;

  g_assert_true (th_order_id_parse (json_object_get_string_member (json_node_get_object (answer), "first_id"), &first));
  return first;
}

ThSync *
th_central_sync_new (ThCentral *central,
                     ThDb      *db)
{
  g_autoptr(GError) error = NULL;
  ThSync *sync = th_sync_new (db, central->url, &error);

  g_assert_no_error (error);
  th_sync_set_token (sync, TH_CENTRAL_TOKEN);
  th_sync_set_timeout (sync, 10);
  return sync;
}

static void
digest_query (ThDb       *db,
              GChecksum  *sum,
              const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (th_db_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    for (int i = 0; i < sqlite3_column_count (stmt); i++)
      {
        g_checksum_update (sum, (const guchar *) "|", 1);
        if (sqlite3_column_type (stmt, i) != SQLITE_NULL)
          g_checksum_update (sum, sqlite3_column_blob (stmt, i), sqlite3_column_bytes (stmt, i));
      }
  sqlite3_finalize (stmt);
}

char *
th_central_db_digest (ThDb *db)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  digest_query (db, sum, "SELECT * FROM orders ORDER BY id");
  digest_query (db, sum, "SELECT * FROM order_lines ORDER BY order_id, line");
  digest_query (db, sum, "SELECT * FROM outbox ORDER BY seq");
  digest_query (db, sum, "SELECT * FROM trusted_keys ORDER BY kid");
  digest_query (db, sum, "SELECT * FROM sync_results ORDER BY seq");
  digest_query (db, sum, "SELECT * FROM audit_log ORDER BY seq");
  digest_query (db, sum, "SELECT * FROM sync_state WHERE key NOT LIKE 'sync.%' ORDER BY key");
  return g_strdup (g_checksum_get_string (sum));
}

void
th_sync_fixture_set_up (ThSyncFixture *f,
                        gconstpointer  data)
{
  th_test_fixture_set_up (&f->t, data);
  f->central = th_central_start (f->t.dir, NULL);
}

void
th_sync_fixture_tear_down (ThSyncFixture *f,
                           gconstpointer  data)
{
  g_clear_pointer (&f->central, th_central_free);
  th_test_fixture_tear_down (&f->t, data);
}

typedef struct {
  gboolean done;
  gboolean ok;
} Wait;

static void
sync_finished_cb (GObject  *client,
                  gboolean  ok,
                  Wait     *w)
{
  w->done = TRUE;
  w->ok = ok;
}

static gboolean
timed_out_cb (gpointer data)
{
  g_error ("no sync finished in time");
  return G_SOURCE_REMOVE;
}

gboolean
th_central_wait_sync (gpointer client,
                      guint    timeout_s)
{
  Wait w = { FALSE, FALSE };
  gulong id = g_signal_connect (client, "sync-finished", G_CALLBACK (sync_finished_cb), &w);
  guint timer = g_timeout_add_seconds (timeout_s, timed_out_cb, NULL);

  while (!w.done)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timer);
  g_signal_handler_disconnect (client, id);
  return w.ok;
}

void
th_central_collect (ThDb   *db,
                    gint64  first_id,
                    guint   n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ThVerification) v = th_collect_order (db, first_id + i, NULL, 0, TH_COLLECT_METHOD_CODE,
                                                      "wang", th_time_now (), &error);

      g_assert_no_error (error);
      g_assert_cmpint (v->verdict, ==, TH_VERDICT_OK);
      g_assert_nonnull (v->collection_id);
    }
}
