/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The transactional outbox: events are written with the state change they
 * describe and leave only when the central platform has answered for them
 * (see th-sync). Their id is fixed at creation, so a re-send is idempotent. */
#include "config.h"

#include "th-error.h"
#include "th-json.h"
#include "th-outbox.h"
#include "th-identity.h"
#include "th-time.h"

gboolean
th_outbox_add (ThDb        *db,
               const char  *type,
               gint64       order_id,
               gint64       at,
               const char  *staff,
               JsonNode    *data,
               char       **out_id,
               GError     **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) event = NULL;
  g_autoptr(JsonNode) owned_data = data;
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *at_text = th_time_format_rfc3339 (at);
  g_autofree char *terminal = NULL;
  g_autofree char *body = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TH_IS_DB (db), FALSE);
  g_return_val_if_fail (type != NULL, FALSE);
  g_return_val_if_fail (!sqlite3_get_autocommit (th_db_get_handle (db)), FALSE);

  if (!th_identity_get (db, NULL, &terminal, error))
    return FALSE;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, id);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, type);
  json_builder_set_member_name (b, "order_id");
  if (order_id >= 0)
    {
      char order_text[24];
      g_snprintf (order_text, sizeof order_text, "%" G_GINT64_FORMAT, order_id);
      json_builder_add_string_value (b, order_text);
    }
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "at");
  json_builder_add_string_value (b, at_text);
  json_builder_set_member_name (b, "terminal");
  json_builder_add_string_value (b, terminal);
  json_builder_set_member_name (b, "staff");
  json_builder_add_string_value (b, staff ? staff : "");
  json_builder_set_member_name (b, "data");
  if (owned_data == NULL)
    {
      owned_data = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (owned_data, json_object_new ());
    }
  json_builder_add_value (b, g_steal_pointer (&owned_data));
  json_builder_end_object (b);
  event = json_builder_get_root (b);
  body = th_json_to_string (event);

  if (!(stmt = th_db_prepare (db,
                              "INSERT INTO outbox (id, type, order_id, body, created_at) VALUES (?, ?, ?, ?, ?)",
                              error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, type, -1, SQLITE_STATIC);
  if (order_id >= 0)
    sqlite3_bind_int64 (stmt, 3, order_id);
  else
    sqlite3_bind_null (stmt, 3);
  sqlite3_bind_text (stmt, 4, body, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, at);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return th_db_set_error (db, error, "queueing an event");

  if (out_id)
    *out_id = g_steal_pointer (&id);
  return TRUE;
}

JsonNode *
th_outbox_list (ThDb     *db,
                guint     limit,
                GError  **error)
{
  g_autoptr(JsonArray) array = json_array_new ();
  JsonNode *root;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TH_IS_DB (db), NULL);

  if (!(stmt = th_db_prepare (db, "SELECT body FROM outbox ORDER BY seq LIMIT ?", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, limit ? (gint64) limit : G_MAXINT64);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      /* Bodies were written by th_outbox_add() and checked by json_valid(). */
      JsonNode *event = th_json_parse ((const char *) sqlite3_column_text (stmt, 0),
                                       sqlite3_column_bytes (stmt, 0), "outbox event", error);
      if (event == NULL)
        {
          sqlite3_reset (stmt);
          return NULL;
        }
      json_array_add_element (array, event);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      th_db_set_error (db, error, "reading the outbox");
      return NULL;
    }
  root = json_node_new (JSON_NODE_ARRAY);
  json_node_set_array (root, array);
  return root;
}

gint64
th_outbox_count (ThDb    *db,
                 GError **error)
{
  sqlite3_stmt *stmt;
  gint64 n = -1;

  g_return_val_if_fail (TH_IS_DB (db), -1);

  if (!(stmt = th_db_prepare (db, "SELECT count(*) FROM outbox", error)))
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  else
    th_db_set_error (db, error, "counting the outbox");
  sqlite3_reset (stmt);
  return n;
}
