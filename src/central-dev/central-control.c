/* SPDX-License-Identifier: GPL-3.0-or-later */
/* /_control/…: what a test or the demo asks of the reference platform.
 * POST bodies and answers are JSON:
 *   fault   {"route": "events|orders|keys|any", "kind": "status|delay|drop|
 *            drop_after_apply|truncate|garbage|wrong_types|oversize|
 *            oversize_chunked|redirect|trickle", "status", "retry_after", "delay_ms",
 *            "location", "count"}
 *   clear   {}                                   drops queued faults
 *   config  {"page_delay_ms", "max_batch"}
 *   station {"station", "token"}
 *   seed    {"station", "count"}                 → {"first_id", "count"}
 *   cancel | refund | collect | touch  {"order_id"} or {"station", "random": N}
 *   recode  {"order_id", "pickup_code"}          gives the order a (recycled) code
 *   sign    {"order_id", "not_before", "not_after"} → {"code"}
 *   stats   (GET)                                → counts of events and requests
 *   orders  (GET ?station=N)                     → every ORDER of the station
 *   events  (GET ?station=N)                     → every event received */
#include "config.h"

#include "central-server.h"
#include "th-order.h"
#include "th-time.h"

static const char * const fault_kinds[] = {
  "status", "delay", "drop", "drop_after_apply", "truncate", "garbage", "wrong_types",
  "oversize", "oversize_chunked", "redirect", "trickle",
};
static const char * const routes[] = { "any", "events", "orders", "keys" };

void
central_fault_free (Fault *fault)
{
  g_free (fault->location);
  g_free (fault);
}

Fault *
central_fault_take (Central *c,
                    Route    route)
{
  for (GList *l = c->faults->head; l; l = l->next)
    {
      Fault *fault = l->data;

      if (fault->route == ROUTE_ANY || fault->route == route)
        {
          g_queue_delete_link (c->faults, l);
          return fault;
        }
    }
  return NULL;
}

static int
lookup (const char * const *names,
        guint               n,
        const char         *name)
{
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (names[i], name) == 0)
      return (int) i;
  return -1;
}

gboolean
central_control_add_fault (Central     *c,
                           JsonObject  *spec,
                           GError     **error)
{
  int kind = lookup (fault_kinds, G_N_ELEMENTS (fault_kinds), json_object_get_string_member_with_default (spec, "kind", ""));
  int route = lookup (routes, G_N_ELEMENTS (routes), json_object_get_string_member_with_default (spec, "route", "any"));
  gint64 count = json_object_get_int_member_with_default (spec, "count", 1);

  if (kind < 0 || route < 0 || count < 1)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "bad fault: unknown kind or route");
      return FALSE;
    }
  for (gint64 i = 0; i < count; i++)
    {
      Fault *fault = g_new0 (Fault, 1);

      fault->kind = (FaultKind) kind;
      fault->route = (Route) route;
      fault->status = (guint) json_object_get_int_member_with_default (spec, "status", 503);
      fault->retry_after = (gint) json_object_get_int_member_with_default (spec, "retry_after", -1);
      fault->delay_ms = (guint) json_object_get_int_member_with_default (spec, "delay_ms", 5000);
      fault->location = g_strdup (json_object_get_string_member_with_default (spec, "location", NULL));
      g_queue_push_tail (c->faults, fault);
    }
  return TRUE;
}

static gint64
order_id_of (JsonObject *request)
{
  gint64 id = -1;

  th_order_id_parse (json_object_get_string_member_with_default (request, "order_id", ""), &id);
  return id;
}

typedef gboolean (*ChangeFunc) (Central *c, gint64 id, GError **error);

static char *
change_orders (Central     *c,
               JsonObject  *request,
               ChangeFunc   change,
               GError     **error)
{
  gint64 id = order_id_of (request);
  guint n = (guint) json_object_get_int_member_with_default (request, "random", 0);
  guint32 station = (guint32) json_object_get_int_member_with_default (request, "station", 0);
  g_autoptr(GArray) ids = NULL;

  if (id >= 0)
    return change (c, id, error) ? g_strdup ("{\"changed\":1}") : NULL;

  ids = central_store_random_orders (c, station, n);
  if (!central_store_exec (c, "BEGIN IMMEDIATE", error))
    return NULL;
  for (guint i = 0; i < ids->len; i++)
    if (!change (c, g_array_index (ids, gint64, i), error))
      {
        central_store_exec (c, "ROLLBACK", NULL);
        return NULL;
      }
  if (!central_store_exec (c, "COMMIT", error))
    return NULL;
  return g_strdup_printf ("{\"changed\":%u}", ids->len);
}

static char *
stats (Central *c)
{
  g_autoptr(GString) out = g_string_new ("{");
  sqlite3_stmt *stmt = NULL;

  sqlite3_prepare_v2 (c->db, "SELECT count (*), coalesce (sum (receipts), 0) FROM events", -1, &stmt, NULL);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "\"events\":%" G_GINT64_FORMAT ",\"receipts\":%" G_GINT64_FORMAT,
                            (gint64) sqlite3_column_int64 (stmt, 0), (gint64) sqlite3_column_int64 (stmt, 1));
  sqlite3_finalize (stmt);
  sqlite3_prepare_v2 (c->db, "SELECT count (*) FROM orders", -1, &stmt, NULL);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, ",\"orders\":%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 0));
  sqlite3_finalize (stmt);
  g_string_append_printf (out, ",\"requests\":{\"events\":%" G_GUINT64_FORMAT ",\"orders\":%" G_GUINT64_FORMAT
                          ",\"keys\":%" G_GUINT64_FORMAT "},\"faults_left\":%u}",
                          c->requests[ROUTE_EVENTS], c->requests[ROUTE_ORDERS], c->requests[ROUTE_KEYS],
                          g_queue_get_length (c->faults));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
events_dump (Central *c,
             guint32  station)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  sqlite3_stmt *stmt = NULL;

  json_builder_begin_array (b);
  sqlite3_prepare_v2 (c->db, "SELECT id, status, reason, receipts, order_id FROM events WHERE station_id = ? "
                      "ORDER BY rowid", -1, &stmt, NULL);
  sqlite3_bind_int64 (stmt, 1, station);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, (const char *) sqlite3_column_text (stmt, 0));
      json_builder_set_member_name (b, "status");
      json_builder_add_string_value (b, (const char *) sqlite3_column_text (stmt, 1));
      json_builder_set_member_name (b, "reason");
      json_builder_add_string_value (b, (const char *) sqlite3_column_text (stmt, 2));
      json_builder_set_member_name (b, "receipts");
      json_builder_add_int_value (b, sqlite3_column_int64 (stmt, 3));
      json_builder_set_member_name (b, "order_id");
      json_builder_add_int_value (b, sqlite3_column_int64 (stmt, 4));
      json_builder_end_object (b);
    }
  sqlite3_finalize (stmt);
  json_builder_end_array (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

static char *
handle (Central     *c,
        const char  *verb,
        JsonObject  *request,
        GHashTable  *query,
        GError     **error)
{
  guint32 station = (guint32) json_object_get_int_member_with_default (request, "station", 0);
  gint64 first = 0;

  if (query && g_hash_table_lookup (query, "station"))
    station = (guint32) g_ascii_strtoull (g_hash_table_lookup (query, "station"), NULL, 10);

  if (g_str_equal (verb, "fault"))
    return central_control_add_fault (c, request, error) ? g_strdup ("{}") : NULL;
  if (g_str_equal (verb, "clear"))
    {
      g_queue_clear_full (c->faults, (GDestroyNotify) central_fault_free);
      return g_strdup ("{}");
    }
  if (g_str_equal (verb, "config"))
    {
      c->page_delay_ms = (guint) json_object_get_int_member_with_default (request, "page_delay_ms", c->page_delay_ms);
      c->max_batch = (guint) json_object_get_int_member_with_default (request, "max_batch", c->max_batch);
      return g_strdup ("{}");
    }
  if (g_str_equal (verb, "station"))
    return central_store_add_station (c, station, json_object_get_string_member_with_default (request, "token", ""),
                                      error) ? g_strdup ("{}") : NULL;
  if (g_str_equal (verb, "seed"))
    {
      guint count = (guint) json_object_get_int_member_with_default (request, "count", 1);

      if (!central_store_seed_orders (c, station, count, &first, error))
        return NULL;
      return g_strdup_printf ("{\"first_id\":\"%" G_GINT64_FORMAT "\",\"count\":%u}", first, count);
    }
  if (g_str_equal (verb, "cancel"))
    return change_orders (c, request, central_order_cancel, error);
  if (g_str_equal (verb, "refund"))
    return change_orders (c, request, central_order_refund, error);
  if (g_str_equal (verb, "collect"))
    return change_orders (c, request, central_order_collect_all, error);
  if (g_str_equal (verb, "touch"))
    return change_orders (c, request, central_order_touch, error);
  if (g_str_equal (verb, "recode"))
    return central_order_recode (c, order_id_of (request),
                                 json_object_get_string_member_with_default (request, "pickup_code", ""),
                                 error) ? g_strdup ("{\"changed\":1}") : NULL;
  if (g_str_equal (verb, "sign"))
    {
      gint64 now = th_time_now ();
      g_autofree char *code = central_order_sign (c, order_id_of (request),
                                                  json_object_get_int_member_with_default (request, "not_before", now - 3600),
                                                  json_object_get_int_member_with_default (request, "not_after", now + 86400));
      return g_strdup_printf ("{\"code\":\"%s\"}", code);
    }
  if (g_str_equal (verb, "stats"))
    return stats (c);
  if (g_str_equal (verb, "orders"))
    return central_store_dump_orders (c, station);
  if (g_str_equal (verb, "events"))
    return events_dump (c, station);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "unknown control verb “%s”", verb);
  return NULL;
}

static void
control_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  Central *c = user_data;
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonObject) empty = json_object_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *request = empty;
  char *answer;

  if (g_bytes_get_size (body) > 0 &&
      json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    request = json_node_get_object (json_parser_get_root (parser));

  answer = handle (c, path + strlen ("/_control/"), request, query, &error);
  if (answer != NULL)
    central_reply_json (msg, SOUP_STATUS_OK, answer);
  else
    central_reply_error (msg, SOUP_STATUS_BAD_REQUEST, error->message);
}

void
central_control_register (Central *c)
{
  soup_server_add_handler (c->soup, "/_control/", control_cb, c, NULL);
}
