/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `tihuo-cli sync` and `tihuo-cli status`: sync without a display, and what
 * the station database says about it. The token comes from --token-file or
 * $TIHUO_TOKEN and is never printed. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>

#include "th-cli.h"
#include "th-credentials.h"
#include "th-error.h"
#include "th-json.h"
#include "th-identity.h"
#include "th-sync-client.h"
#include "th-sync-status.h"
#include "th-time.h"

static JsonNode *
report_to_json (const ThSyncReport *r,
                const GError       *error,
                ThDb               *db)
{
  g_auto(ThSyncStatus) status = { 0 };
  g_autoptr(JsonBuilder) b = json_builder_new ();

  th_sync_status_load (db, &status, NULL);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "ok");
  json_builder_add_boolean_value (b, error == NULL);
  json_builder_set_member_name (b, "pushed");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "accepted");
  json_builder_add_int_value (b, r->n_accepted - r->n_duplicate);
  json_builder_set_member_name (b, "duplicate");
  json_builder_add_int_value (b, r->n_duplicate);
  json_builder_set_member_name (b, "conflict");
  json_builder_add_int_value (b, r->n_conflict);
  json_builder_set_member_name (b, "rejected");
  json_builder_add_int_value (b, r->n_rejected);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "pulled");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "pages");
  json_builder_add_int_value (b, r->n_pages);
  json_builder_set_member_name (b, "new");
  json_builder_add_int_value (b, r->orders.n_new);
  json_builder_set_member_name (b, "updated");
  json_builder_add_int_value (b, r->orders.n_updated);
  json_builder_set_member_name (b, "unchanged");
  json_builder_add_int_value (b, r->orders.n_unchanged);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "keys");
  json_builder_add_int_value (b, r->n_keys);
  json_builder_set_member_name (b, "pending_events");
  json_builder_add_int_value (b, status.pending);
  json_builder_set_member_name (b, "needs_attention");
  json_builder_add_int_value (b, status.n_conflicts + status.n_rejected);
  json_builder_set_member_name (b, "error");
  if (error != NULL)
    json_builder_add_string_value (b, error->message);
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static void
print_report (const ThSyncReport *r,
              const GError       *error,
              ThDb               *db)
{
  g_autoptr(JsonNode) node = NULL;

  if (th_cli_json ())
    {
      node = report_to_json (r, error, db);
      th_cli_print_json (node);
      return;
    }
  g_print (_("Sent: %u accepted (%u already known), %u conflicts, %u rejected.\n"),
           r->n_accepted, r->n_duplicate, r->n_conflict, r->n_rejected);
  g_print (_("Orders: %u pages, %u new, %u updated, %u unchanged. Trusted keys: %u.\n"),
           r->n_pages, r->orders.n_new, r->orders.n_updated, r->orders.n_unchanged, r->n_keys);
  if (r->n_conflict + r->n_rejected > 0)
    g_print (_("Some events need attention: run “tihuo-cli status” for the list.\n"));
}

/* Per-run settings from the command line; 0 means the default. */
typedef struct {
  gint64 timeout;
  gint64 page_limit;
  gint64 request_deadline;
  gint64 deadline;
} Settings;

static int
sync_once (ThDb           *db,
           const char     *server,
           const char     *token,
           const Settings *s)
{
  g_autoptr(ThSync) sync = NULL;
  g_autoptr(GError) error = NULL;
  ThSyncReport report = { 0 };

  if (!(sync = th_sync_new (db, server, &error)))
    return th_cli_fail (error);
  th_sync_set_token (sync, token);
  if (s->timeout > 0)
    th_sync_set_timeout (sync, (guint) s->timeout);
  if (s->page_limit > 0)
    th_sync_set_page_limit (sync, (guint) s->page_limit);
  /* --once must end: a server trickling bytes would otherwise hold it. */
  th_sync_set_deadlines (sync, s->request_deadline > 0 ? (guint) s->request_deadline : TH_SYNC_DEFAULT_REQUEST_DEADLINE,
                         s->deadline > 0 ? (guint) s->deadline : TH_SYNC_DEFAULT_RUN_DEADLINE);

  th_sync_run (sync, TH_SYNC_ALL, &report, NULL, &error);
  /* A text report of nothing done would only hide the error below it. */
  if (th_cli_json () || report.done != 0)
    print_report (&report, error, db);
  if (error != NULL)
    {
      g_printerr ("tihuo-cli: %s\n", error->message);
      return TH_CLI_ERROR;
    }
  return TH_CLI_OK;
}

typedef struct {
  GMainLoop    *loop;
  ThSyncClient *client;
  int           status;
} Watch;

static void
sync_finished_cb (ThSyncClient *client,
                  gboolean      ok,
                  Watch        *w)
{
  g_autofree char *now = th_time_format_local (th_time_now (), "%H:%M:%S");

  if (ok)
    g_print (_("%s synced; %u events waiting, %u need attention.\n"),
             now, (guint) th_sync_client_get_pending (client), th_sync_client_get_needs_attention (client));
  else
    g_printerr ("%s %s\n", now, th_sync_client_get_last_error (client));

  /* 401/403: waiting cannot help; a person has to give a new token. */
  if (th_sync_client_get_state (client) == TH_SYNC_STATE_AUTH_FAILED)
    {
      w->status = TH_CLI_ERROR;
      g_main_loop_quit (w->loop);
    }
}

static void
retry_scheduled_cb (ThSyncClient *client,
                    guint         delay_ms,
                    Watch        *w)
{
  g_printerr (_("Trying again in %.1f s.\n"), delay_ms / 1000.0);
}

static gboolean
stop_cb (gpointer data)
{
  g_main_loop_quit (((Watch *) data)->loop);
  return G_SOURCE_CONTINUE;
}

static int
sync_forever (ThDb           *db,
              const char     *server,
              const char     *token,
              const Settings *s)
{
  g_autoptr(GError) error = NULL;
  Watch w = { NULL, NULL, TH_CLI_OK };
  guint term_id, int_id;

  if (!(w.client = th_sync_client_new (db, server, token, &error)))
    return th_cli_fail (error);
  if (s->timeout > 0)
    th_sync_client_set_timeout (w.client, (guint) s->timeout);
  if (s->page_limit > 0)
    th_sync_client_set_page_limit (w.client, (guint) s->page_limit);
  th_sync_client_set_deadlines (w.client,
                                s->request_deadline > 0 ? (guint) s->request_deadline : TH_SYNC_DEFAULT_REQUEST_DEADLINE,
                                s->deadline > 0 ? (guint) s->deadline : TH_SYNC_DEFAULT_RUN_DEADLINE);

  w.loop = g_main_loop_new (NULL, FALSE);
  g_signal_connect (w.client, "sync-finished", G_CALLBACK (sync_finished_cb), &w);
  g_signal_connect (w.client, "retry-scheduled", G_CALLBACK (retry_scheduled_cb), &w);
  term_id = g_unix_signal_add (SIGTERM, stop_cb, &w);
  int_id = g_unix_signal_add (SIGINT, stop_cb, &w);

  th_sync_client_start (w.client);
  g_main_loop_run (w.loop);
  th_sync_client_stop (w.client);

  g_source_remove (term_id);
  g_source_remove (int_id);
  g_signal_handlers_disconnect_by_data (w.client, &w);
  g_clear_object (&w.client);
  g_main_loop_unref (w.loop);
  return w.status;
}

int
th_cli_cmd_sync (int    argc,
                 char **argv)
{
  g_autofree char *server = NULL;
  g_autofree char *token_file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ThDb) db = NULL;
  gboolean once = FALSE;
  Settings s = { 0 };
  char *token;
  int status;
  const GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, &server, N_("The central platform's base URL"), N_("URL") },
    { "token-file", 0, 0, G_OPTION_ARG_FILENAME, &token_file, N_("Read the station token from this file "
      "(default: $TIHUO_TOKEN)"), N_("FILE") },
    { "once", 0, 0, G_OPTION_ARG_NONE, &once, N_("Push, pull and refresh keys once, then exit"), NULL },
    { "timeout", 0, 0, G_OPTION_ARG_INT64, &s.timeout, N_("Seconds to wait for each read from the platform (default 30)"), N_("S") },
    { "request-deadline", 0, 0, G_OPTION_ARG_INT64, &s.request_deadline,
      N_("Seconds each request may take in all (default 60)"), N_("S") },
    { "deadline", 0, 0, G_OPTION_ARG_INT64, &s.deadline,
      N_("Seconds one sync may take in all: push, pull and keys (default 300)"), N_("S") },
    { "page-limit", 0, 0, G_OPTION_ARG_INT64, &s.page_limit, N_("Orders per page (default 500)"), N_("N") },
    { NULL }
  };

  if (!th_cli_parse (&argc, &argv, "", entries))
    return TH_CLI_ERROR;
  if (server == NULL || argc != 1)
    {
      g_printerr (_("Usage: tihuo-cli sync [--once] --server URL (--token-file FILE | env TIHUO_TOKEN)\n"));
      return TH_CLI_ERROR;
    }
  if (!(token = th_credentials_read_token (token_file, &error)) ||
      !(db = th_cli_open_db (&error)) ||
      !th_identity_get (db, NULL, NULL, &error))
    {
      th_credentials_free_token (token);
      return th_cli_fail (error);
    }

  status = once ? sync_once (db, server, token, &s)
                : sync_forever (db, server, token, &s);
  th_credentials_free_token (token);
  return status;
}

static void
add_time (JsonBuilder *b,
          const char  *name,
          gint64       unix_time)
{
  g_autofree char *text = unix_time > 0 ? th_time_format_rfc3339 (unix_time) : NULL;

  json_builder_set_member_name (b, name);
  if (text)
    json_builder_add_string_value (b, text);
  else
    json_builder_add_null_value (b);
}

static void
add_attention (JsonBuilder     *b,
               ThSyncAttention *item)
{
  ThOrder *order = th_sync_attention_get_platform_order (item);
  g_autofree char *description = th_sync_attention_describe (item);
  g_autofree char *order_id = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, th_sync_attention_get_id (item));
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, th_sync_attention_get_kind (item) == TH_ATTENTION_CONFLICT ? "conflict" : "rejected");
  json_builder_set_member_name (b, "reason");
  json_builder_add_string_value (b, th_sync_attention_get_reason (item));
  json_builder_set_member_name (b, "event_id");
  json_builder_add_string_value (b, th_sync_attention_get_event_id (item));
  json_builder_set_member_name (b, "event_type");
  json_builder_add_string_value (b, th_sync_attention_get_event_type (item));
  json_builder_set_member_name (b, "order_id");
  if (th_sync_attention_get_order_id (item) >= 0)
    {
      order_id = g_strdup_printf ("%" G_GINT64_FORMAT, th_sync_attention_get_order_id (item));
      json_builder_add_string_value (b, order_id);
    }
  else
    json_builder_add_null_value (b);
  add_time (b, "answered_at", th_sync_attention_get_answered_at (item));
  json_builder_set_member_name (b, "description");
  json_builder_add_string_value (b, description);
  json_builder_set_member_name (b, "platform_order");
  if (order != NULL)
    json_builder_add_value (b, th_order_to_json (order));
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
}

static JsonNode *
status_to_json (const ThSyncStatus *status,
                GPtrArray          *items)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  add_time (b, "last_pull", status->last_pull);
  json_builder_set_member_name (b, "stale");
  json_builder_add_boolean_value (b, th_sync_status_is_stale (status, th_time_now ()));
  add_time (b, "last_success", status->last_success);
  json_builder_set_member_name (b, "pending_events");
  json_builder_add_int_value (b, status->pending);
  json_builder_set_member_name (b, "conflicts");
  json_builder_add_int_value (b, status->n_conflicts);
  json_builder_set_member_name (b, "rejected");
  json_builder_add_int_value (b, status->n_rejected);
  json_builder_set_member_name (b, "needs_attention");
  json_builder_begin_array (b);
  for (guint i = 0; i < items->len; i++)
    add_attention (b, g_ptr_array_index (items, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "last_error");
  if (status->last_error)
    json_builder_add_string_value (b, status->last_error);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "last_error_code");
  if (status->last_error_code)
    json_builder_add_string_value (b, status->last_error_code);
  else
    json_builder_add_null_value (b);
  add_time (b, "last_error_at", status->last_error_at);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

int
th_cli_cmd_status (int    argc,
                   char **argv)
{
  g_auto(ThSyncStatus) status = { 0 };
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ThDb) db = NULL;
  g_autofree char *last_pull = NULL;

  if (!th_cli_parse (&argc, &argv, "", NULL))
    return TH_CLI_ERROR;
  if (argc != 1)
    {
      g_printerr (_("Usage: tihuo-cli status [--json]\n"));
      return TH_CLI_ERROR;
    }
  if (!(db = th_cli_open_existing_db (&error)) ||
      !th_sync_status_load (db, &status, &error) ||
      !(items = th_sync_attention_list (db, &error)))
    return th_cli_fail (error);

  if (th_cli_json ())
    {
      g_autoptr(JsonNode) node = status_to_json (&status, items);
      th_cli_print_json (node);
      return TH_CLI_OK;
    }

  last_pull = status.last_pull ? th_time_format_local (status.last_pull, "%Y-%m-%d %H:%M") : g_strdup (_("never"));
  g_print (_("Last complete pull: %s%s\n"), last_pull,
           th_sync_status_is_stale (&status, th_time_now ()) ? _(" (over 24 hours ago: sync soon)") : "");
  g_print (_("Events waiting to be sent: %u\n"), (guint) status.pending);
  if (status.last_error)
    g_print (_("Last sync error: %s\n"), status.last_error);
  g_print (_("Needs attention: %u conflicts, %u rejected\n"), status.n_conflicts, status.n_rejected);
  for (guint i = 0; i < items->len; i++)
    {
      g_autofree char *text = th_sync_attention_describe (g_ptr_array_index (items, i));
      g_print ("  #%" G_GINT64_FORMAT "  %s\n", th_sync_attention_get_id (g_ptr_array_index (items, i)), text);
    }
  return TH_CLI_OK;
}
