/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Orders for the reference platform to serve: realistic enough for the demo
 * (masked names, shared phone tails, a grocery catalogue) and cheap enough
 * to make 50,000 for the benchmark. */
#include "config.h"

#include "central-server.h"
#include "th-order.h"
#include "th-time.h"

/* tests/central/th-central-util.h knows this too. */
#define FIRST_ORDER_ID G_GINT64_CONSTANT (2026112100000001)

static const char * const names[] = { "李*华", "王*", "张*伟", "刘*芳", "陈*", "杨*明", "赵*丽", "黄*" };
static const struct { const char *sku, *name; gint64 price; } catalogue[] = {
  { "SKU-STRAW-500", "丹东草莓 500g", 1290 },
  { "SKU-EGG-30", "散养鸡蛋 30枚", 2590 },
  { "SKU-MILK-1L", "鲜牛奶 1L", 1150 },
  { "SKU-RICE-5KG", "五常大米 5kg", 6990 },
  { "SKU-PORK-500", "黑猪五花肉 500g", 3280 },
  { "SKU-APPLE-2KG", "烟台苹果 2kg", 2380 },
  { "SKU-TOFU", "卤水豆腐 400g", 450 },
};

static JsonObject *
make_order (gint64  id,
            gint64  n,
            guint32 station_id)
{
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autofree char *code = g_strdup_printf ("%08" G_GINT64_FORMAT, (n * 7919 + 1234567) % 100000000);
  g_autofree char *tail = g_strdup_printf ("%04" G_GINT64_FORMAT, n % 7 == 0 ? 8888 : (n * 37) % 10000);
  g_autofree char *now = th_time_format_rfc3339 (th_time_now ());
  g_autofree char *date = g_strndup (now, 10);
  JsonObject *order = json_object_new ();
  JsonObject *customer = json_object_new ();
  JsonObject *slot = json_object_new ();
  JsonArray *items = json_array_new ();
  gint64 paid = 0;

  json_object_set_string_member (order, "id", id_text);
  json_object_set_int_member (order, "station_id", station_id);
  json_object_set_string_member (order, "pickup_code", code);
  json_object_set_string_member (customer, "name", names[n % G_N_ELEMENTS (names)]);
  json_object_set_string_member (customer, "phone_tail", tail);
  json_object_set_object_member (order, "customer", customer);
  json_object_set_string_member (slot, "date", date);
  json_object_set_string_member (slot, "start", n % 2 ? "18:00" : "17:00");
  json_object_set_string_member (slot, "end", n % 2 ? "21:00" : "20:00");
  json_object_set_object_member (order, "slot", slot);
  json_object_set_string_member (order, "status", "paid");
  for (guint line = 1; line <= 3; line++)
    {
      JsonObject *item = json_object_new ();
      guint k = (guint) ((n + line * 3) % G_N_ELEMENTS (catalogue));
      gint64 qty = 1 + (n + line) % 3;

      json_object_set_int_member (item, "line", line);
      json_object_set_string_member (item, "sku", catalogue[k].sku);
      json_object_set_string_member (item, "name", catalogue[k].name);
      json_object_set_int_member (item, "qty", qty);
      json_object_set_int_member (item, "unit_price", catalogue[k].price);
      json_object_set_int_member (item, "collected_qty", 0);
      json_object_set_int_member (item, "refunded_qty", 0);
      json_array_add_object_element (items, item);
      paid += qty * catalogue[k].price;
    }
  json_object_set_array_member (order, "items", items);
  json_object_set_int_member (order, "paid", paid);
  json_object_set_int_member (order, "refunded", 0);
  json_object_set_string_member (order, "note", "");
  json_object_set_int_member (order, "revision", 1);
  json_object_set_string_member (order, "updated_at", now);
  /* v1.1: which order holding a recycled code is the newest. */
  json_object_set_string_member (order, "created_at", now);
  return order;
}

static gint64
next_order_id (Central *c)
{
  sqlite3_stmt *stmt = NULL;
  gint64 next = FIRST_ORDER_ID;

  sqlite3_prepare_v2 (c->db, "SELECT max (id) + 1 FROM orders", -1, &stmt, NULL);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    next = MAX (next, sqlite3_column_int64 (stmt, 0));
  sqlite3_finalize (stmt);
  return next;
}

gboolean
central_store_seed_orders (Central     *c,
                           guint32      station_id,
                           guint        count,
                           gint64      *first_id,
                           GError     **error)
{
  gint64 next = next_order_id (c);

  if (first_id)
    *first_id = next;
  if (!central_store_exec (c, "BEGIN IMMEDIATE", error))
    return FALSE;
  for (guint i = 0; i < count; i++)
    {
      g_autoptr(JsonObject) order = make_order (next + i, next + i - FIRST_ORDER_ID, station_id);

      if (!central_store_save_order (c, next + i, order, error))
        {
          central_store_exec (c, "ROLLBACK", NULL);
          return FALSE;
        }
    }
  return central_store_exec (c, "COMMIT", error);
}


/* Orders as another source made them (the demo station's day, as
 * th-demo-orders.c builds it), so the platform and the station start from
 * the same facts. @path holds a JSON array of ORDER. */
gboolean
central_store_import_orders (Central     *c,
                             const char  *path,
                             GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *orders;

  if (!json_parser_load_from_mapped_file (parser, path, error))
    return FALSE;
  if (!JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: expected a JSON array of orders", path);
      return FALSE;
    }
  orders = json_node_get_array (json_parser_get_root (parser));
  if (!central_store_exec (c, "BEGIN IMMEDIATE", error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (orders); i++)
    {
      JsonObject *order = json_array_get_object_element (orders, i);
      gint64 id = -1;

      if (order == NULL || !json_object_has_member (order, "station_id") ||
          !th_order_id_parse (json_object_get_string_member_with_default (order, "id", ""), &id))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: order %u has no valid id or station", path, i);
          central_store_exec (c, "ROLLBACK", NULL);
          return FALSE;
        }
      if (!central_store_save_order (c, id, order, error))
        {
          central_store_exec (c, "ROLLBACK", NULL);
          return FALSE;
        }
    }
  return central_store_exec (c, "COMMIT", error);
}
