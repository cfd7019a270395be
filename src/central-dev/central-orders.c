/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Changes the platform makes to an order on its own, while a station may be
 * offline: cancelling, refunding, another terminal collecting, or any edit.
 * Each bumps the revision, so the station's next pull brings it. */
#include "config.h"

#include "central-server.h"
#include "th-pickup-code.h"
#include "th-time.h"

void
central_order_bump (JsonObject *order)
{
  g_autofree char *now = th_time_format_rfc3339 (th_time_now ());

  json_object_set_int_member (order, "revision", json_object_get_int_member (order, "revision") + 1);
  json_object_set_string_member (order, "updated_at", now);
}

static JsonObject *
load_any (Central  *c,
          gint64    id,
          GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 station = -1;

  sqlite3_prepare_v2 (c->db, "SELECT station_id FROM orders WHERE id = ?", -1, &stmt, NULL);
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    station = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  if (station < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no order %" G_GINT64_FORMAT, id);
      return NULL;
    }
  return central_store_load_order (c, id, (guint32) station);
}

static gboolean
save (Central     *c,
      gint64       id,
      JsonObject  *order,
      GError     **error)
{
  central_order_bump (order);
  return central_store_save_order (c, id, order, error);
}

gboolean
central_order_cancel (Central  *c,
                      gint64    id,
                      GError  **error)
{
  g_autoptr(JsonObject) order = load_any (c, id, error);

  if (order == NULL)
    return FALSE;
  json_object_set_string_member (order, "status", "cancelled");
  json_object_set_string_member (order, "note", "cancelled by the platform");
  return save (c, id, order, error);
}

/* Everything not yet handed over is refunded, and the money for it. */
gboolean
central_order_refund (Central  *c,
                      gint64    id,
                      GError  **error)
{
  g_autoptr(JsonObject) order = load_any (c, id, error);
  JsonArray *items;
  gint64 amount = 0;

  if (order == NULL)
    return FALSE;
  items = json_object_get_array_member (order, "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      gint64 open = json_object_get_int_member (item, "qty") - json_object_get_int_member (item, "collected_qty")
                    - json_object_get_int_member (item, "refunded_qty");

      json_object_set_int_member (item, "refunded_qty", json_object_get_int_member (item, "refunded_qty") + open);
      amount += open * json_object_get_int_member (item, "unit_price");
    }
  json_object_set_int_member (order, "refunded",
                              MIN (json_object_get_int_member (order, "paid"),
                                   json_object_get_int_member (order, "refunded") + amount));
  json_object_set_string_member (order, "status", "refunded");
  return save (c, id, order, error);
}

/* As if another terminal or station had handed the whole bag over. */
gboolean
central_order_collect_all (Central  *c,
                           gint64    id,
                           GError  **error)
{
  g_autoptr(JsonObject) order = load_any (c, id, error);
  JsonArray *items;

  if (order == NULL)
    return FALSE;
  items = json_object_get_array_member (order, "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      json_object_set_int_member (item, "collected_qty",
                                  json_object_get_int_member (item, "qty") - json_object_get_int_member (item, "refunded_qty"));
    }
  json_object_set_string_member (order, "status", "collected");
  return save (c, id, order, error);
}

gboolean
central_order_touch (Central  *c,
                     gint64    id,
                     GError  **error)
{
  g_autoptr(JsonObject) order = load_any (c, id, error);
  g_autofree char *note = NULL;

  if (order == NULL)
    return FALSE;
  note = g_strdup_printf ("revised %" G_GINT64_FORMAT, json_object_get_int_member (order, "revision") + 1);
  json_object_set_string_member (order, "note", note);
  return save (c, id, order, error);
}

/* The platform recycles pickup codes: it may give an order one that an
 * older order was given before. */
gboolean
central_order_recode (Central     *c,
                      gint64       id,
                      const char  *pickup_code,
                      GError     **error)
{
  g_autoptr(JsonObject) order = load_any (c, id, error);

  if (order == NULL)
    return FALSE;
  json_object_set_string_member (order, "pickup_code", pickup_code);
  return save (c, id, order, error);
}

char *
central_order_sign (Central *c,
                    gint64   id,
                    gint64   not_before,
                    gint64   not_after)
{
  g_autoptr(JsonObject) order = load_any (c, id, NULL);
  guint32 station;

  /* Orders placed after the station's last sync are the point of signed
   * codes, so an unknown id is signed for the first station. */
  if (order != NULL)
    station = (guint32) json_object_get_int_member (order, "station_id");
  else
    {
      sqlite3_stmt *stmt = NULL;

      sqlite3_prepare_v2 (c->db, "SELECT min (station_id) FROM stations", -1, &stmt, NULL);
      station = sqlite3_step (stmt) == SQLITE_ROW ? (guint32) sqlite3_column_int64 (stmt, 0) : 0;
      sqlite3_finalize (stmt);
    }
  return th_pickup_code_sign (c->kid, station, (guint64) id, (guint32) not_before, (guint32) not_after,
                              c->secret_key);
}
