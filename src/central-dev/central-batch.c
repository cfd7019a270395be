/* SPDX-License-Identifier: GPL-3.0-or-later */
/* POST …/events on the reference platform: idempotent by event id.
 * The same id with the same content gives `duplicate` (or the same conflict
 * or rejection again, so a lost answer is never lost for good); the same id
 * with other content is `rejected`. Each batch is one transaction. */
#include "config.h"

#include "central-server.h"
#include "th-order.h"
#include "th-time.h"

static const char *
member_string (JsonObject *obj,
               const char *name)
{
  JsonNode *node = obj ? json_object_get_member (obj, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* Members sorted at every level, so key order never makes two equal events
 * differ. */
static void
canonical (GString  *out,
           JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *obj = json_node_get_object (node);
      g_autoptr(GList) members = g_list_sort (json_object_get_members (obj), (GCompareFunc) g_strcmp0);

      g_string_append_c (out, '{');
      for (GList *l = members; l; l = l->next)
        {
          g_autofree char *key = g_strescape (l->data, NULL);

          g_string_append_printf (out, "%s\"%s\":", l == members ? "" : ",", key);
          canonical (out, json_object_get_member (obj, l->data));
        }
      g_string_append_c (out, '}');
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      g_string_append_c (out, '[');
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          if (i)
            g_string_append_c (out, ',');
          canonical (out, json_array_get_element (array, i));
        }
      g_string_append_c (out, ']');
    }
  else
    {
      g_autofree char *text = json_to_string (node, FALSE);
      g_string_append (out, text);
    }
}

static gboolean
is_uuid (const char *s)
{
  if (s == NULL || strlen (s) != 36)
    return FALSE;
  for (guint i = 0; i < 36; i++)
    if ((i == 8 || i == 13 || i == 18 || i == 23) ? s[i] != '-' : !g_ascii_isxdigit (s[i]))
      return FALSE;
  return TRUE;
}

static void
add_result (JsonBuilder *b,
            const char  *id,
            const char  *status,
            const char  *reason,
            JsonObject  *order)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, id);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, status);
  if (reason && reason[0])
    {
      json_builder_set_member_name (b, "reason");
      json_builder_add_string_value (b, reason);
    }
  if (order && g_str_equal (status, "conflict"))
    {
      JsonNode *node = json_node_new (JSON_NODE_OBJECT);

      json_node_set_object (node, order);
      json_builder_set_member_name (b, "order");
      json_builder_add_value (b, node);
    }
  json_builder_end_object (b);
}


static gboolean
valid_event (JsonObject  *event,
             const char **type,
             gint64      *order_id)
{
  static const char * const types[] = {
    "collected", "collect_undone", "refund", "aftersales_opened", "aftersales_updated",
  };
  JsonNode *order = json_object_get_member (event, "order_id");
  JsonNode *data = json_object_get_member (event, "data");
  gboolean known = FALSE;

  *type = member_string (event, "type") ? member_string (event, "type") : "";
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    known |= g_str_equal (*type, types[i]);
  *order_id = -1;
  if (order != NULL && JSON_NODE_HOLDS_VALUE (order) && json_node_get_value_type (order) == G_TYPE_STRING &&
      !th_order_id_parse (json_node_get_string (order), order_id))
    return FALSE;
  return known && data != NULL && JSON_NODE_HOLDS_OBJECT (data) &&
         member_string (event, "at") != NULL &&
         (*order_id >= 0 || g_str_has_prefix (*type, "aftersales_"));
}

/* Returns TRUE when the id was seen before, and answers for it. */
static gboolean
answer_again (Central     *c,
              JsonBuilder *b,
              guint32      station_id,
              const char  *id,
              const char  *canon)
{
  g_autofree char *status = NULL;
  g_autofree char *reason = NULL;
  g_autoptr(JsonObject) order = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean same = FALSE;
  gint64 order_id = -1;

  sqlite3_prepare_v2 (c->db, "UPDATE events SET receipts = receipts + 1 WHERE id = ? "
                      "RETURNING canonical = ?, status, reason, order_id", -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, canon, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      same = sqlite3_column_int (stmt, 0);
      status = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      reason = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      order_id = sqlite3_column_type (stmt, 3) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 3);
      sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (status == NULL)
    return FALSE;

  if (!same)
    add_result (b, id, "rejected", "id_reused", NULL);
  else if (g_str_equal (status, "accepted"))
    add_result (b, id, "duplicate", NULL, NULL);
  else
    {
      if (order_id >= 0)
        order = central_store_load_order (c, order_id, station_id);
      add_result (b, id, status, reason, order);
    }
  return TRUE;
}

static gboolean
store_event (Central       *c,
             guint32        station_id,
             const char    *id,
             const char    *canon,
             const Outcome *outcome,
             gint64         order_id,
             GError       **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  sqlite3_prepare_v2 (c->db, "INSERT INTO events (id, station_id, canonical, status, reason, order_id, applied, "
                      "received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, station_id);
  sqlite3_bind_text (stmt, 3, canon, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, outcome->status, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, outcome->reason, -1, SQLITE_STATIC);
  if (order_id >= 0)
    sqlite3_bind_int64 (stmt, 6, order_id);
  sqlite3_bind_text (stmt, 7, outcome->applied, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 8, th_time_now ());
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "storing event %s: %s", id, sqlite3_errmsg (c->db));
  return FALSE;
}

static gboolean
process_one (Central     *c,
             JsonBuilder *b,
             guint32      station_id,
             JsonNode    *node,
             GError     **error)
{
  g_autoptr(GString) canon = g_string_new (NULL);
  g_autoptr(JsonObject) order = NULL;
  JsonObject *event = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  const char *id = member_string (event, "id");
  const char *type = NULL;
  gint64 order_id = -1;
  Outcome outcome = { "rejected", "malformed", NULL };
  gboolean ok;

  /* Without an id there is nothing to answer to. */
  if (id == NULL)
    return TRUE;
  canonical (canon, node);
  if (answer_again (c, b, station_id, id, canon->str))
    return TRUE;

  if (is_uuid (id) && valid_event (event, &type, &order_id))
    {
      if (order_id >= 0 && !(order = central_store_load_order (c, order_id, station_id)))
        outcome = (Outcome) { "rejected", "unknown_order", NULL };
      else if (order == NULL)
        outcome = (Outcome) { "accepted", "", NULL };
      else
        outcome = central_event_apply (c, station_id, type, order, json_object_get_object_member (event, "data"));
    }

  ok = store_event (c, station_id, id, canon->str, &outcome, order_id, error);
  if (ok && order != NULL && g_str_equal (outcome.status, "accepted") && !g_str_has_prefix (type, "aftersales_"))
    {
      central_order_bump (order);
      ok = central_store_save_order (c, order_id, order, error);
    }
  if (ok)
    add_result (b, id, outcome.status, outcome.reason, order);
  g_free (outcome.applied);
  return ok;
}

char *
central_events_process (Central    *c,
                        guint32     station_id,
                        JsonArray  *events,
                        GError    **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  if (!central_store_exec (c, "BEGIN IMMEDIATE", error))
    return NULL;
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "results");
  json_builder_begin_array (b);
  for (guint i = 0; i < json_array_get_length (events); i++)
    if (!process_one (c, b, station_id, json_array_get_element (events, i), error))
      {
        central_store_exec (c, "ROLLBACK", NULL);
        return NULL;
      }
  json_builder_end_array (b);
  json_builder_end_object (b);
  if (!central_store_exec (c, "COMMIT", error))
    return NULL;
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}
