/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The API of ../shared/central-api.md under /api/v1/stations/{id}/…, with a
 * queued fault applied to the next matching request when a test asked for
 * one (central-control.c). */
#include "config.h"

#include "central-server.h"

#define OVERSIZE_BYTES (33 * 1024 * 1024)

void
central_reply_json (SoupServerMessage *msg,
                    guint              status,
                    char              *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, body, strlen (body));
}

void
central_reply_error (SoupServerMessage *msg,
                     guint              status,
                     const char        *message)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "error");
  json_builder_add_string_value (b, message);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  central_reply_json (msg, status, json_to_string (root, FALSE));
}

static void
drop_connection (SoupServerMessage *msg)
{
  GIOStream *stream = soup_server_message_steal_connection (msg);

  if (stream != NULL)
    {
      g_io_stream_close (stream, NULL, NULL);
      g_object_unref (stream);
    }
}

static gboolean
unpause_cb (gpointer data)
{
  soup_server_message_unpause (data);
  return G_SOURCE_REMOVE;
}

static void
reply_later (SoupServerMessage *msg,
             guint              delay_ms)
{
  soup_server_message_pause (msg);
  g_timeout_add_full (G_PRIORITY_DEFAULT, delay_ms, unpause_cb, g_object_ref (msg), g_object_unref);
}

static void
reply_oversize (SoupServerMessage *msg,
                gboolean           chunked)
{
  static const char head[] = "{\"orders\":[],\"keys\":[],\"results\":[],\"next_cursor\":\"v1.0\",\"has_more\":false,\"pad\":\"";
  char *body = g_malloc (OVERSIZE_BYTES);
  SoupMessageBody *response = soup_server_message_get_response_body (msg);

  /* Valid JSON otherwise: only the size limit may refuse it. */
  memset (body, 'x', OVERSIZE_BYTES);
  memcpy (body, head, sizeof head - 1);
  memcpy (body + OVERSIZE_BYTES - 2, "\"}", 2);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Content-Type", "application/json");
  if (chunked)
    soup_message_headers_set_encoding (soup_server_message_get_response_headers (msg), SOUP_ENCODING_CHUNKED);
  soup_message_body_append (response, SOUP_MEMORY_TAKE, body, OVERSIZE_BYTES);
  soup_message_body_complete (response);
}

/* A server that answers, but one byte at a time and never to the end: every
 * read succeeds within any per-read timeout, so only an overall deadline
 * stops the client. The bytes are JSON whitespace. */
typedef struct {
  SoupServerMessage *msg;
  guint              timer_id;
} Trickle;

static void
trickle_stop (Trickle *t)
{
  g_clear_handle_id (&t->timer_id, g_source_remove);
}

static void
trickle_free (gpointer data)
{
  Trickle *t = data;

  trickle_stop (t);
  g_free (t);
}

static gboolean
trickle_cb (gpointer data)
{
  Trickle *t = data;

  soup_message_body_append (soup_server_message_get_response_body (t->msg), SOUP_MEMORY_STATIC, " ", 1);
  soup_server_message_unpause (t->msg);
  return G_SOURCE_CONTINUE;
}

static void
reply_trickle (SoupServerMessage *msg,
               guint              delay_ms)
{
  Trickle *t = g_new0 (Trickle, 1);

  t->msg = msg;
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Content-Type", "application/json");
  soup_message_headers_set_encoding (soup_server_message_get_response_headers (msg), SOUP_ENCODING_CHUNKED);
  soup_server_message_pause (msg);
  /* The message owns the state; a client that gives up ends the trickle. */
  g_object_set_data_full (G_OBJECT (msg), "central-trickle", t, trickle_free);
  g_signal_connect_swapped (msg, "finished", G_CALLBACK (trickle_stop), t);
  t->timer_id = g_timeout_add (MAX (delay_ms, 1), trickle_cb, t);
}

static const char *
wrong_types (Route route)
{
  switch (route)
    {
    case ROUTE_EVENTS:
      return "{\"results\":[{\"id\":42,\"status\":true}]}";
    case ROUTE_KEYS:
      return "{\"keys\":{\"kid\":\"one\"}}";
    case ROUTE_ORDERS:
    case ROUTE_ANY:
    default:
      return "{\"orders\":[{\"id\":2026112100000001,\"station_id\":\"7\"}],\"next_cursor\":5,\"has_more\":\"yes\"}";
    }
}

/* Faults that replace the work; TRUE when the request is answered. */
static gboolean
fault_before (Central           *c,
              SoupServerMessage *msg,
              Route              route,
              Fault             *fault)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autofree char *location = NULL;
  g_autofree char *retry = NULL;

  switch (fault->kind)
    {
    case FAULT_STATUS:
      if (fault->retry_after >= 0)
        {
          retry = g_strdup_printf ("%d", fault->retry_after);
          soup_message_headers_replace (headers, "Retry-After", retry);
        }
      central_reply_error (msg, fault->status, "fault injected");
      return TRUE;
    case FAULT_DROP:
      drop_connection (msg);
      return TRUE;
    case FAULT_GARBAGE:
      central_reply_json (msg, SOUP_STATUS_OK, g_strdup ("<html><body>502 Bad Gateway</body></html>\n\x01\x02"));
      return TRUE;
    case FAULT_WRONG_TYPES:
      central_reply_json (msg, SOUP_STATUS_OK, g_strdup (wrong_types (route)));
      return TRUE;
    case FAULT_OVERSIZE:
    case FAULT_OVERSIZE_CHUNKED:
      reply_oversize (msg, fault->kind == FAULT_OVERSIZE_CHUNKED);
      return TRUE;
    case FAULT_REDIRECT:
      location = fault->location ? g_strdup (fault->location)
                 : g_strdup_printf ("http://127.0.0.2:%u%s", c->port,
                                    g_uri_get_path (soup_server_message_get_uri (msg)));
      soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, location);
      return TRUE;
    case FAULT_TRICKLE:
      reply_trickle (msg, fault->delay_ms);
      return TRUE;
    case FAULT_DELAY:
    case FAULT_DROP_AFTER_APPLY:
    case FAULT_TRUNCATE:
    default:
      return FALSE;
    }
}

static void
fault_after (SoupServerMessage *msg,
             Fault             *fault,
             char              *body)
{
  if (fault != NULL && fault->kind == FAULT_DROP_AFTER_APPLY)
    {
      g_free (body);
      drop_connection (msg);
      return;
    }
  if (fault != NULL && fault->kind == FAULT_TRUNCATE)
    body[strlen (body) / 2] = '\0';
  central_reply_json (msg, SOUP_STATUS_OK, body);
  if (fault != NULL && fault->kind == FAULT_DELAY)
    reply_later (msg, fault->delay_ms);
}

static char *
orders_body (Central           *c,
             SoupServerMessage *msg,
             guint32            station_id,
             GHashTable        *query)
{
  const char *cursor = query ? g_hash_table_lookup (query, "cursor") : NULL;
  const char *limit_text = query ? g_hash_table_lookup (query, "limit") : NULL;
  guint64 after = 0, limit = 500;

  if ((cursor && (!g_str_has_prefix (cursor, "v1.") ||
                  !g_ascii_string_to_unsigned (cursor + 3, 10, 0, G_MAXINT64, &after, NULL))) ||
      (limit_text && !g_ascii_string_to_unsigned (limit_text, 10, 1, G_MAXUINT32, &limit, NULL)))
    {
      central_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "bad cursor or limit");
      return NULL;
    }
  return central_store_orders_page (c, station_id, (gint64) after, (guint) MIN (limit, 1000));
}

static char *
events_body (Central           *c,
             SoupServerMessage *msg,
             guint32            station_id)
{
  g_autoptr(GBytes) request = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root, *events;
  char *body;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (request, NULL), g_bytes_get_size (request), NULL) ||
      !(root = json_parser_get_root (parser)) || !JSON_NODE_HOLDS_OBJECT (root) ||
      !(events = json_object_get_member (json_node_get_object (root), "events")) ||
      !JSON_NODE_HOLDS_ARRAY (events))
    {
      central_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "expected {\"events\": [...]}");
      return NULL;
    }
  if (json_array_get_length (json_node_get_array (events)) > c->max_batch)
    {
      central_reply_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "batch too large");
      return NULL;
    }
  body = central_events_process (c, station_id, json_node_get_array (events), &error);
  if (body == NULL)
    central_reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, error->message);
  return body;
}

static void
api_cb (SoupServer        *server,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  Central *c = user_data;
  const char *method = soup_server_message_get_method (msg);
  const char *auth = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Authorization");
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  g_autoptr(Fault) fault = NULL;
  guint64 station_id;
  gint64 token_station;
  Route route;
  char *body;

  /* "", "api", "v1", "stations", ID, WHAT */
  if (g_strv_length (parts) != 6 || !g_str_equal (parts[2], "v1") || !g_str_equal (parts[3], "stations") ||
      !g_ascii_string_to_unsigned (parts[4], 10, 0, G_MAXUINT32, &station_id, NULL))
    {
      central_reply_error (msg, SOUP_STATUS_NOT_FOUND, "no such resource");
      return;
    }
  if (g_str_equal (parts[5], "orders") && g_str_equal (method, "GET"))
    route = ROUTE_ORDERS;
  else if (g_str_equal (parts[5], "keys") && g_str_equal (method, "GET"))
    route = ROUTE_KEYS;
  else if (g_str_equal (parts[5], "events") && g_str_equal (method, "POST"))
    route = ROUTE_EVENTS;
  else
    {
      central_reply_error (msg, SOUP_STATUS_NOT_FOUND, "no such resource");
      return;
    }
  c->requests[route]++;

  if ((fault = central_fault_take (c, route)) != NULL && fault_before (c, msg, route, fault))
    return;

  token_station = auth && g_str_has_prefix (auth, "Bearer ") ? central_store_station_for_token (c, auth + 7) : -1;
  if (token_station < 0)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "WWW-Authenticate", "Bearer");
      central_reply_error (msg, SOUP_STATUS_UNAUTHORIZED, "bad token");
      return;
    }
  if ((guint64) token_station != station_id)
    {
      central_reply_error (msg, SOUP_STATUS_FORBIDDEN, "token is for another station");
      return;
    }

  if (route == ROUTE_ORDERS)
    body = orders_body (c, msg, (guint32) station_id, query);
  else if (route == ROUTE_KEYS)
    body = central_store_keys_json (c);
  else
    body = events_body (c, msg, (guint32) station_id);
  if (body == NULL)
    return;

  fault_after (msg, fault, body);
  if (route == ROUTE_ORDERS && c->page_delay_ms > 0 && fault == NULL)
    reply_later (msg, c->page_delay_ms);
}

void
central_api_register (Central *c)
{
  soup_server_add_handler (c->soup, "/api", api_cb, c, NULL);
}
