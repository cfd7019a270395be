/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ORDER in and out of JSON. Orders come from files and the central server,
 * so every field is checked for type and range, and an error names the
 * order and the field. */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "th-json.h"
#include "th-order-private.h"
#include "th-time.h"

static gboolean
is_digits (const char *s,
           gsize       len)
{
  if (strlen (s) != len)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

static gboolean
is_digits_n (const char *s,
             gsize       n)
{
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

static gboolean
is_valid_date (const char *s)
{
  g_autoptr(GDateTime) dt = NULL;
  int y, m, d;

  /* Digits only: sscanf's %d alone would also take "+202-11-22" or
   * "2026- 1-+2", which SQLite's date functions then read as NULL. */
  if (strlen (s) != 10 || s[4] != '-' || s[7] != '-' ||
      !is_digits_n (s, 4) || !is_digits_n (s + 5, 2) || !is_digits_n (s + 8, 2) ||
      sscanf (s, "%4d-%2d-%2d", &y, &m, &d) != 3)
    return FALSE;
  dt = g_date_time_new_utc (y, m, d, 0, 0, 0);
  return dt != NULL;
}

/* HH:MM, 00:00 to 23:59; "24:00" too, for a slot that ends at midnight. */
static gboolean
is_valid_clock (const char *s)
{
  int hours, minutes;

  if (strlen (s) != 5 || !g_ascii_isdigit (s[0]) || !g_ascii_isdigit (s[1]) || s[2] != ':' ||
      !g_ascii_isdigit (s[3]) || !g_ascii_isdigit (s[4]))
    return FALSE;
  hours = (s[0] - '0') * 10 + (s[1] - '0');
  minutes = (s[3] - '0') * 10 + (s[4] - '0');
  return minutes <= 59 && (hours <= 23 || (hours == 24 && minutes == 0));
}

static gboolean
parse_line (ThJsonReader  *r,
            JsonObject    *obj,
            ThOrderLine   *line)
{
  gint64 v;

  if (!th_json_reader_int (r, obj, "line", 1, 65535, &v))
    return FALSE;
  line->line = (guint) v;
  if (!th_json_reader_string (r, obj, "sku", TRUE, 1, 128, &line->sku) ||
      !th_json_reader_string (r, obj, "name", TRUE, 1, 512, &line->name))
    return FALSE;
  if (!th_json_reader_int (r, obj, "qty", 1, 100000, &v))
    return FALSE;
  line->qty = (guint) v;
  if (!th_json_reader_int (r, obj, "unit_price", 0, G_GINT64_CONSTANT (10000000000), &line->unit_price))
    return FALSE;
  if (!th_json_reader_int_optional (r, obj, "collected_qty", 0, line->qty, 0, &v))
    return FALSE;
  line->collected_qty = (guint) v;
  if (!th_json_reader_int_optional (r, obj, "refunded_qty", 0, line->qty, 0, &v))
    return FALSE;
  line->refunded_qty = (guint) v;
  if (line->collected_qty + line->refunded_qty > line->qty)
    return th_json_reader_fail (r, "collected_qty", _("collected and refunded quantities exceed the quantity bought"));
  return TRUE;
}

/**
 * th_order_new_from_json:
 *
 * Parses and validates one ORDER. Every field is checked for type and range;
 * the error names the order id (when it could be read) and the field.
 */
ThOrder *
th_order_new_from_json (JsonNode  *node,
                        GError   **error)
{
  g_autoptr(ThOrder) order = th_order_new ();
  g_auto(ThJsonReader) r = TH_JSON_READER_INIT;
  g_autofree char *id_text = NULL;
  g_autofree char *status = NULL;
  JsonObject *obj, *customer, *slot;
  JsonArray *items;
  gint64 v;

  r.context = g_strdup (_("order"));
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      th_json_reader_fail (&r, NULL, _("is not a JSON object"));
      return th_json_reader_propagate (&r, error), NULL;
    }
  obj = json_node_get_object (node);

  if (!th_json_reader_string (&r, obj, "id", TRUE, 1, 19, &id_text))
    return th_json_reader_propagate (&r, error), NULL;
  if (!th_order_id_parse (id_text, &order->id))
    {
      th_json_reader_fail (&r, "id", _("must be a decimal string below 2^63"));
      return th_json_reader_propagate (&r, error), NULL;
    }
  g_free (r.context);
  r.context = g_strdup_printf (_("order %s"), id_text);

  if (!th_json_reader_int (&r, obj, "station_id", 0, G_MAXUINT32, &v))
    return th_json_reader_propagate (&r, error), NULL;
  order->station_id = (guint32) v;

  g_clear_pointer (&order->pickup_code, g_free);
  if (!th_json_reader_string (&r, obj, "pickup_code", TRUE, 8, 8, &order->pickup_code))
    return th_json_reader_propagate (&r, error), NULL;
  if (!is_digits (order->pickup_code, 8))
    {
      th_json_reader_fail (&r, "pickup_code", _("must be 8 digits"));
      return th_json_reader_propagate (&r, error), NULL;
    }

  if (!(customer = th_json_reader_object (&r, obj, "customer")))
    return th_json_reader_propagate (&r, error), NULL;
  g_clear_pointer (&order->customer_name, g_free);
  g_clear_pointer (&order->phone_tail, g_free);
  if (!th_json_reader_string (&r, customer, "name", FALSE, 0, 256, &order->customer_name) ||
      !th_json_reader_string (&r, customer, "phone_tail", FALSE, 0, 4, &order->phone_tail))
    return th_json_reader_propagate (&r, error), NULL;
  if (order->phone_tail[0] != '\0' && !is_digits (order->phone_tail, 4))
    {
      th_json_reader_fail (&r, "customer.phone_tail", _("must be 4 digits"));
      return th_json_reader_propagate (&r, error), NULL;
    }

  if (!(slot = th_json_reader_object (&r, obj, "slot")))
    return th_json_reader_propagate (&r, error), NULL;
  g_clear_pointer (&order->slot_date, g_free);
  g_clear_pointer (&order->slot_start, g_free);
  g_clear_pointer (&order->slot_end, g_free);
  if (!th_json_reader_string (&r, slot, "date", TRUE, 10, 10, &order->slot_date) ||
      !th_json_reader_string (&r, slot, "start", TRUE, 5, 5, &order->slot_start) ||
      !th_json_reader_string (&r, slot, "end", TRUE, 5, 5, &order->slot_end))
    return th_json_reader_propagate (&r, error), NULL;
  if (!is_valid_date (order->slot_date))
    {
      th_json_reader_fail (&r, "slot.date", _("must be a date like 2026-11-22"));
      return th_json_reader_propagate (&r, error), NULL;
    }
  if (!is_valid_clock (order->slot_start) || !is_valid_clock (order->slot_end))
    {
      th_json_reader_fail (&r, is_valid_clock (order->slot_start) ? "slot.end" : "slot.start",
                           _("must be a time like 18:00"));
      return th_json_reader_propagate (&r, error), NULL;
    }

  if (!th_json_reader_string (&r, obj, "status", TRUE, 1, 16, &status))
    return th_json_reader_propagate (&r, error), NULL;
  if (!th_order_status_from_string (status, &order->status))
    {
      th_json_reader_fail (&r, "status", _("must be paid, collected, cancelled or refunded"));
      return th_json_reader_propagate (&r, error), NULL;
    }

  if (!(items = th_json_reader_array (&r, obj, "items")))
    return th_json_reader_propagate (&r, error), NULL;
  if (json_array_get_length (items) == 0 || json_array_get_length (items) > 1000)
    {
      th_json_reader_fail (&r, "items", _("must hold between 1 and 1000 lines"));
      return th_json_reader_propagate (&r, error), NULL;
    }
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *item = json_array_get_element (items, i);
      ThOrderLine line = { 0 };
      g_autofree char *field = g_strdup_printf ("items[%u]", i);

      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          th_json_reader_fail (&r, field, _("is not a JSON object"));
          return th_json_reader_propagate (&r, error), NULL;
        }
      th_json_reader_push (&r, field);
      if (!parse_line (&r, json_node_get_object (item), &line))
        {
          _th_order_line_clear (&line);
          return th_json_reader_propagate (&r, error), NULL;
        }
      th_json_reader_pop (&r);
      if (th_order_get_line (order, line.line) != NULL)
        {
          _th_order_line_clear (&line);
          th_json_reader_fail (&r, field, _("repeats a line number"));
          return th_json_reader_propagate (&r, error), NULL;
        }
      g_array_append_val (order->lines, line);
    }

  if (!th_json_reader_int (&r, obj, "paid", 0, G_GINT64_CONSTANT (100000000000), &order->paid) ||
      !th_json_reader_int_optional (&r, obj, "refunded", 0, order->paid, 0, &order->refunded))
    return th_json_reader_propagate (&r, error), NULL;

  g_clear_pointer (&order->note, g_free);
  if (!th_json_reader_string (&r, obj, "note", FALSE, 0, 4096, &order->note) ||
      !th_json_reader_int (&r, obj, "revision", 0, G_MAXINT64, &order->revision))
    return th_json_reader_propagate (&r, error), NULL;

  g_clear_pointer (&order->updated_at, g_free);
  if (!th_json_reader_timestamp (&r, obj, "updated_at", FALSE, NULL, &order->updated_at))
    return th_json_reader_propagate (&r, error), NULL;
  /* New in v1.1. Without it, the id alone says which order is newer: the
   * contract's fallback, updated_at, would let any late revision of an old
   * order pass for the newest one. */
  if (!th_json_reader_timestamp (&r, obj, "created_at", FALSE, &order->created_at, NULL))
    return th_json_reader_propagate (&r, error), NULL;

  return g_steal_pointer (&order);
}

JsonNode *
th_order_to_json (ThOrder *order)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *id = th_order_dup_id_string (order);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, id);
  json_builder_set_member_name (b, "station_id");
  json_builder_add_int_value (b, order->station_id);
  json_builder_set_member_name (b, "pickup_code");
  if (order->pickup_code)
    json_builder_add_string_value (b, order->pickup_code);
  else
    json_builder_add_null_value (b);

  json_builder_set_member_name (b, "customer");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, order->customer_name);
  json_builder_set_member_name (b, "phone_tail");
  json_builder_add_string_value (b, order->phone_tail);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "slot");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "date");
  json_builder_add_string_value (b, order->slot_date);
  json_builder_set_member_name (b, "start");
  json_builder_add_string_value (b, order->slot_start);
  json_builder_set_member_name (b, "end");
  json_builder_add_string_value (b, order->slot_end);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, th_order_status_to_string (order->status));

  json_builder_set_member_name (b, "items");
  json_builder_begin_array (b);
  for (guint i = 0; i < order->lines->len; i++)
    {
      ThOrderLine *l = &g_array_index (order->lines, ThOrderLine, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "line");
      json_builder_add_int_value (b, l->line);
      json_builder_set_member_name (b, "sku");
      json_builder_add_string_value (b, l->sku);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, l->name);
      json_builder_set_member_name (b, "qty");
      json_builder_add_int_value (b, l->qty);
      json_builder_set_member_name (b, "unit_price");
      json_builder_add_int_value (b, l->unit_price);
      json_builder_set_member_name (b, "collected_qty");
      json_builder_add_int_value (b, l->collected_qty);
      json_builder_set_member_name (b, "refunded_qty");
      json_builder_add_int_value (b, l->refunded_qty);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "paid");
  json_builder_add_int_value (b, order->paid);
  json_builder_set_member_name (b, "refunded");
  json_builder_add_int_value (b, order->refunded);
  json_builder_set_member_name (b, "note");
  json_builder_add_string_value (b, order->note);
  json_builder_set_member_name (b, "revision");
  json_builder_add_int_value (b, order->revision);
  json_builder_set_member_name (b, "updated_at");
  json_builder_add_string_value (b, order->updated_at);
  if (order->created_at != 0)
    {
      g_autofree char *created_at = th_time_format_rfc3339 (order->created_at);

      json_builder_set_member_name (b, "created_at");
      json_builder_add_string_value (b, created_at);
    }
  json_builder_set_member_name (b, "provisional");
  json_builder_add_boolean_value (b, order->provisional);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}
