/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What a new event does to an order on the reference platform: collect,
 * undo, refund, or only record (after-sales), and when it clashes with the
 * platform's state, which conflict. */
#include "config.h"

#include "central-server.h"
#include "th-order.h"
#include "th-time.h"

/* Event data comes from outside: no json-glib accessor that warns on a
 * missing or mistyped member. */
static JsonArray *
member_array (JsonObject *obj,
              const char *name)
{
  JsonNode *node = obj ? json_object_get_member (obj, name) : NULL;

  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static gint64
member_int (JsonObject *obj,
            const char *name,
            gint64      fallback)
{
  JsonNode *node = obj ? json_object_get_member (obj, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return fallback;
  return json_node_get_int (node);
}

static const char *
member_string (JsonObject *obj,
               const char *name)
{
  JsonNode *node = obj ? json_object_get_member (obj, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonObject *
element_object (JsonArray *array,
                guint      i)
{
  JsonNode *node = json_array_get_element (array, i);

  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static gint64
remaining (JsonObject *item)
{
  return json_object_get_int_member (item, "qty") - json_object_get_int_member (item, "collected_qty")
         - json_object_get_int_member (item, "refunded_qty");
}

static JsonObject *
find_line (JsonObject *order,
           gint64      line)
{
  JsonArray *items = json_object_get_array_member (order, "items");

  for (guint i = 0; i < json_array_get_length (items); i++)
    if (json_object_get_int_member (json_array_get_object_element (items, i), "line") == line)
      return json_array_get_object_element (items, i);
  return NULL;
}

static void
update_status (JsonObject *order)
{
  JsonArray *items = json_object_get_array_member (order, "items");
  gint64 open = 0, collected = 0;

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      open += remaining (json_array_get_object_element (items, i));
      collected += json_object_get_int_member (json_array_get_object_element (items, i), "collected_qty");
    }
  if (open > 0)
    json_object_set_string_member (order, "status", "paid");
  else
    json_object_set_string_member (order, "status", collected > 0 ? "collected" : "refunded");
}

static Outcome
apply_collected (JsonObject *order,
                 JsonObject *data)
{
  JsonArray *items = json_object_get_array_member (order, "items");
  JsonArray *lines = member_array (data, "lines");
  g_autoptr(GString) applied = g_string_new ("[");
  gint64 open = 0;

  for (guint i = 0; i < json_array_get_length (items); i++)
    open += remaining (json_array_get_object_element (items, i));
  if (open == 0)
    return (Outcome) { "conflict", "already_collected", NULL };

  /* A provisional collection names no lines: the whole bag went. */
  if (lines == NULL || json_array_get_length (lines) == 0)
    lines = NULL;
  for (guint i = 0; i < (lines ? json_array_get_length (lines) : 0); i++)
    {
      JsonObject *want = element_object (lines, i);
      JsonObject *item = want ? find_line (order, member_int (want, "line", 0)) : NULL;
      gint64 qty = want ? member_int (want, "qty", 0) : 0;

      if (item == NULL || qty <= 0)
        return (Outcome) { "rejected", "malformed", NULL };
      if (qty > remaining (item))
        return (Outcome) { "conflict", "already_collected", NULL };
    }

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      gint64 line = json_object_get_int_member (item, "line");
      gint64 qty = remaining (item);

      if (lines != NULL)
        {
          qty = 0;
          for (guint j = 0; j < json_array_get_length (lines); j++)
            if (member_int (element_object (lines, j), "line", 0) == line)
              qty = member_int (element_object (lines, j), "qty", 0);
        }
      if (qty == 0)
        continue;
      json_object_set_int_member (item, "collected_qty", json_object_get_int_member (item, "collected_qty") + qty);
      g_string_append_printf (applied, "%s{\"line\":%" G_GINT64_FORMAT ",\"qty\":%" G_GINT64_FORMAT "}",
                              applied->len > 1 ? "," : "", line, qty);
    }
  g_string_append_c (applied, ']');
  update_status (order);
  return (Outcome) { "accepted", "", g_string_free (g_steal_pointer (&applied), FALSE) };
}

static Outcome
apply_undo (Central    *c,
            guint32     station_id,
            JsonObject *order,
            JsonObject *data)
{
  const char *undoes = member_string (data, "undoes");
  g_autoptr(JsonParser) parser = json_parser_new ();
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  sqlite3_prepare_v2 (c->db, "SELECT coalesce (applied, '[]') FROM events WHERE id = ? AND station_id = ?",
                      -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, undoes, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, station_id);
  if (sqlite3_step (stmt) == SQLITE_ROW &&
      json_parser_load_from_data (parser, (const char *) sqlite3_column_text (stmt, 0), -1, NULL))
    found = TRUE;
  sqlite3_finalize (stmt);
  if (!found)
    return (Outcome) { "rejected", "unknown_collection", NULL };

  for (guint i = 0; i < json_array_get_length (json_node_get_array (json_parser_get_root (parser))); i++)
    {
      JsonObject *l = json_array_get_object_element (json_node_get_array (json_parser_get_root (parser)), i);
      JsonObject *item = find_line (order, json_object_get_int_member (l, "line"));

      if (item != NULL)
        json_object_set_int_member (item, "collected_qty",
                                    MAX (0, json_object_get_int_member (item, "collected_qty")
                                            - json_object_get_int_member (l, "qty")));
    }
  update_status (order);
  return (Outcome) { "accepted", "", NULL };
}

static Outcome
apply_refund (JsonObject *order,
              JsonObject *data)
{
  JsonArray *lines = member_array (data, "lines");
  gint64 amount = member_int (data, "amount", -1);

  if (lines == NULL || amount < 0)
    return (Outcome) { "rejected", "malformed", NULL };
  if (json_object_get_int_member (order, "refunded") + amount > json_object_get_int_member (order, "paid"))
    return (Outcome) { "conflict", "order_refunded", NULL };
  /* Check every line before changing any: a conflict answers with the
   * platform's copy as it is. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < json_array_get_length (lines); i++)
      {
        JsonObject *l = element_object (lines, i);
        JsonObject *item = l ? find_line (order, member_int (l, "line", 0)) : NULL;
        gint64 qty = l ? member_int (l, "qty", -1) : -1;

        if (item == NULL || qty < 0)
          return (Outcome) { "rejected", "malformed", NULL };
        if (pass == 0 && qty > remaining (item))
          return (Outcome) { "conflict", "order_refunded", NULL };
        if (pass == 1)
          json_object_set_int_member (item, "refunded_qty", json_object_get_int_member (item, "refunded_qty") + qty);
      }
  json_object_set_int_member (order, "refunded", json_object_get_int_member (order, "refunded") + amount);
  update_status (order);
  return (Outcome) { "accepted", "", NULL };
}

/* @order is changed in place; conflicts leave it as it was. */
Outcome
central_event_apply (Central     *c,
             guint32      station_id,
             const char  *type,
             JsonObject  *order,
             JsonObject  *data)
{
  const char *status = json_object_get_string_member (order, "status");

  if (g_str_has_prefix (type, "aftersales_"))
    return (Outcome) { "accepted", "", NULL };
  if (g_str_equal (type, "collect_undone"))
    return apply_undo (c, station_id, order, data);
  if (g_str_equal (status, "cancelled"))
    return (Outcome) { "conflict", "order_cancelled", NULL };
  if (g_str_equal (type, "collected"))
    return g_str_equal (status, "refunded") ? (Outcome) { "conflict", "order_refunded", NULL }
                                            : apply_collected (order, data);
  return apply_refund (order, data);
}

