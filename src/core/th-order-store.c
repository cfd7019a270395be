/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The station's copy of its orders.
 *
 * Applying a platform copy follows central-api.md: the higher revision wins,
 * and the station's own facts that the platform has not heard of yet stay in
 * force. A line's collected_qty is the platform's count plus the station's
 * collections whose `collected` event is still in the outbox, minus those
 * whose `collect_undone` event still is. Refunds likewise: a line's
 * refunded_qty is the platform's plus the station's refunds whose `refund`
 * event is still in the outbox, and the order's `refunded` amount too. Once an
 * event has been accepted, the platform's next revision already counts it. */
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "th-audit.h"
#include "th-error.h"
#include "th-json.h"
#include "th-order-store.h"
#include "th-station.h"
#include "th-time.h"

static ThOrder *
load_row (ThDb          *db,
          sqlite3_stmt  *stmt,
          GError       **error)
{
  g_autoptr(ThOrder) order = th_order_new ();
  ThOrderStatus status = TH_ORDER_PAID;
  sqlite3_stmt *lines;
  int rc;

#define DUP_TEXT(field, col) \
  g_free (order->field); order->field = g_strdup ((const char *) sqlite3_column_text (stmt, col))

  order->id = sqlite3_column_int64 (stmt, 0);
  order->station_id = (guint32) sqlite3_column_int64 (stmt, 1);
  order->pickup_code = sqlite3_column_type (stmt, 2) == SQLITE_NULL ? NULL
                       : g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  DUP_TEXT (customer_name, 3);
  DUP_TEXT (phone_tail, 4);
  DUP_TEXT (slot_date, 5);
  DUP_TEXT (slot_start, 6);
  DUP_TEXT (slot_end, 7);
  th_order_status_from_string ((const char *) sqlite3_column_text (stmt, 8), &status);
  order->status = status;
  order->paid = sqlite3_column_int64 (stmt, 9);
  order->refunded = sqlite3_column_int64 (stmt, 10);
  DUP_TEXT (note, 11);
  order->revision = sqlite3_column_int64 (stmt, 12);
  DUP_TEXT (updated_at, 13);
  order->provisional = sqlite3_column_int (stmt, 14);
#undef DUP_TEXT

  if (!(lines = th_db_prepare (db,
                               "SELECT line, sku, name, qty, unit_price, collected_qty, refunded_qty "
                               "FROM order_lines WHERE order_id = ? ORDER BY line", error)))
    return NULL;
  sqlite3_bind_int64 (lines, 1, order->id);
  while ((rc = sqlite3_step (lines)) == SQLITE_ROW)
    {
      ThOrderLine l;

      l.line = (guint) sqlite3_column_int (lines, 0);
      l.sku = g_strdup ((const char *) sqlite3_column_text (lines, 1));
      l.name = g_strdup ((const char *) sqlite3_column_text (lines, 2));
      l.qty = (guint) sqlite3_column_int (lines, 3);
      l.unit_price = sqlite3_column_int64 (lines, 4);
      l.collected_qty = (guint) sqlite3_column_int (lines, 5);
      l.refunded_qty = (guint) sqlite3_column_int (lines, 6);
      g_array_append_val (order->lines, l);
    }
  sqlite3_reset (lines);
  if (rc != SQLITE_DONE)
    {
      th_db_set_error (db, error, "reading order lines");
      return NULL;
    }
  return g_steal_pointer (&order);
}

#define ORDER_COLUMNS \
  "id, station_id, pickup_code, customer_name, phone_tail, slot_date, slot_start, slot_end, " \
  "status, paid, refunded, note, revision, updated_at, provisional"

static ThOrder *
load_one (ThDb          *db,
          const char    *sql,
          gint64         id,
          const char    *code,
          GError       **error)
{
  g_autoptr(ThOrder) order = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = th_db_prepare (db, sql, error)))
    return NULL;
  if (code)
    sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  else
    sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    order = load_row (db, stmt, error);
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    g_set_error (error, TH_ERROR, TH_ERROR_NOT_FOUND, _("No such order in this station's copy."));
  else if (rc != SQLITE_ROW)
    th_db_set_error (db, error, "reading an order");
  return g_steal_pointer (&order);
}

ThOrder *
th_order_store_load (ThDb     *db,
                     gint64    id,
                     GError  **error)
{
  g_return_val_if_fail (TH_IS_DB (db), NULL);
  return load_one (db, "SELECT " ORDER_COLUMNS " FROM orders WHERE id = ?", id, NULL, error);
}

ThOrder *
th_order_store_find_by_code (ThDb        *db,
                             const char  *pickup_code,
                             GError     **error)
{
  g_return_val_if_fail (TH_IS_DB (db), NULL);
  g_return_val_if_fail (pickup_code != NULL, NULL);
  return load_one (db, "SELECT " ORDER_COLUMNS " FROM orders WHERE pickup_code = ?", 0, pickup_code, error);
}

/**
 * th_order_store_parse_list:
 * @root: an array of ORDER, or an object with an "orders" array
 *
 * Validates every order, including that it belongs to @station_id.
 *
 * Returns: (transfer full) (element-type ThOrder): the orders, or %NULL
 */
GPtrArray *
th_order_store_parse_list (JsonNode  *root,
                           guint32    station_id,
                           GError   **error)
{
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func ((GDestroyNotify) th_order_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  JsonArray *array = NULL;

  if (root && JSON_NODE_HOLDS_ARRAY (root))
    array = json_node_get_array (root);
  else if (root && JSON_NODE_HOLDS_OBJECT (root) &&
           json_object_has_member (json_node_get_object (root), "orders") &&
           JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (root), "orders")))
    array = json_object_get_array_member (json_node_get_object (root), "orders");

  if (array == NULL)
    {
      g_set_error (error, TH_ERROR, TH_ERROR_INVALID,
                   _("Expected a JSON array of orders, or an object with an “orders” array."));
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(GError) local_error = NULL;
      ThOrder *order = th_order_new_from_json (json_array_get_element (array, i), &local_error);

      if (order == NULL)
        {
          g_set_error (error, TH_ERROR, TH_ERROR_INVALID, _("Entry %u: %s"), i + 1, local_error->message);
          return NULL;
        }
      g_ptr_array_add (orders, order);
      if (order->station_id != station_id)
        {
          g_set_error (error, TH_ERROR, TH_ERROR_INVALID,
                       _("Entry %u: order %" PRId64 ": field “station_id” is %u, but this is station %u"),
                       i + 1, order->id, order->station_id, station_id);
          return NULL;
        }
      if (g_hash_table_contains (seen, &order->id))
        {
          g_set_error (error, TH_ERROR, TH_ERROR_INVALID,
                       _("Entry %u: order %" PRId64 ": field “id” appears twice in the file"),
                       i + 1, order->id);
          return NULL;
        }
      g_hash_table_add (seen, &order->id);
    }
  return g_steal_pointer (&orders);
}

/* Refunds not yet confirmed: the quantity per line, and the amount. */
static gboolean
local_refunds (ThDb       *db,
               gint64      order_id,
               GHashTable *refund_deltas,
               gint64     *refund_amount,
               GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = th_db_prepare (db,
                              "SELECT coalesce (sum (amount), 0) FROM refunds r WHERE r.order_id = ? "
                              "AND EXISTS (SELECT 1 FROM outbox o WHERE o.id = r.event_id)", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, order_id);
  rc = sqlite3_step (stmt);
  *refund_amount = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return th_db_set_error (db, error, "reading local refunds");

  if (!(stmt = th_db_prepare (db,
                              "SELECT rl.line, sum (rl.qty) FROM refunds r JOIN refund_lines rl ON rl.refund_id = r.id "
                              "WHERE r.order_id = ? AND EXISTS (SELECT 1 FROM outbox o WHERE o.id = r.event_id) "
                              "GROUP BY rl.line", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, order_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (refund_deltas, GINT_TO_POINTER (sqlite3_column_int (stmt, 0)),
                         GINT_TO_POINTER (sqlite3_column_int (stmt, 1)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return th_db_set_error (db, error, "reading local refunds");
  return TRUE;
}

/* Local facts for one line: see the comment at the top of this file. */
static gboolean
local_adjustments (ThDb       *db,
                   gint64      order_id,
                   GHashTable *deltas,
                   GHashTable *refund_deltas,
                   gint64     *refund_amount,
                   gboolean   *whole_order,
                   GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *whole_order = FALSE;
  if (!local_refunds (db, order_id, refund_deltas, refund_amount, error))
    return FALSE;

  /* A provisional collection was made without knowing the lines: it stands
   * for the whole order until it is undone. */
  if (!(stmt = th_db_prepare (db,
                              "SELECT EXISTS (SELECT 1 FROM collections WHERE order_id = ? "
                              "AND provisional = 1 AND undone_at IS NULL)", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, order_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *whole_order = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return th_db_set_error (db, error, "reading local collections");

  if (!(stmt = th_db_prepare (db,
                              "SELECT cl.line, SUM (cl.qty * ("
                              "  EXISTS (SELECT 1 FROM outbox o WHERE o.id = c.id)"
                              "  - (c.undo_event_id IS NOT NULL AND EXISTS (SELECT 1 FROM outbox o WHERE o.id = c.undo_event_id))))"
                              " FROM collections c JOIN collection_lines cl ON cl.collection_id = c.id"
                              " WHERE c.order_id = ? GROUP BY cl.line", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, order_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (deltas, GINT_TO_POINTER (sqlite3_column_int (stmt, 0)),
                         GINT_TO_POINTER (sqlite3_column_int (stmt, 1)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return th_db_set_error (db, error, "reading local collections");
  return TRUE;
}

static gboolean
existing_revision (ThDb     *db,
                   gint64    id,
                   gint64   *revision,
                   gboolean *provisional,
                   GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = th_db_prepare (db, "SELECT revision, provisional FROM orders WHERE id = ?", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  *revision = -1;
  if (rc == SQLITE_ROW)
    {
      *revision = sqlite3_column_int64 (stmt, 0);
      *provisional = sqlite3_column_int (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return th_db_set_error (db, error, "reading an order");
  return TRUE;
}

/**
 * th_order_store_apply:
 *
 * Upserts one validated order inside the caller's transaction.
 */
gboolean
th_order_store_apply (ThDb          *db,
                      ThOrder       *order,
                      ThImportStats *stats,
                      GError       **error)
{
  g_autoptr(GHashTable) deltas = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) refund_deltas = g_hash_table_new (NULL, NULL);
  gint64 refund_amount = 0;
  gboolean was_provisional = FALSE;
  gboolean whole_order = FALSE;
  sqlite3_stmt *stmt;
  gint64 revision;

  g_return_val_if_fail (TH_IS_DB (db), FALSE);

  if (!existing_revision (db, order->id, &revision, &was_provisional, error))
    return FALSE;
  if (revision >= 0 && !was_provisional && order->revision <= revision)
    {
      if (stats)
        stats->n_unchanged++;
      return TRUE;
    }

  if (revision >= 0 &&
      !local_adjustments (db, order->id, deltas, refund_deltas, &refund_amount, &whole_order, error))
    return FALSE;
  /* Never above paid: should the platform have refunded centrally too, it
   * answers our event with a conflict. */
  order->refunded = MIN (order->paid, order->refunded + refund_amount);

  /* Pickup codes are recycled by the platform over months: the newest order
   * holding a code owns it. */
  if (!(stmt = th_db_prepare (db, "UPDATE orders SET pickup_code = NULL WHERE pickup_code = ? AND id != ?", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, order->pickup_code, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, order->id);
  if (!th_db_step_done (db, stmt, "releasing a recycled pickup code", error))
    return FALSE;

  if (!(stmt = th_db_prepare (db,
                              "INSERT INTO orders (" ORDER_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 0) "
                              "ON CONFLICT (id) DO UPDATE SET station_id = ?2, pickup_code = ?3, customer_name = ?4, "
                              "phone_tail = ?5, slot_date = ?6, slot_start = ?7, slot_end = ?8, status = ?9, paid = ?10, "
                              "refunded = ?11, note = ?12, revision = ?13, updated_at = ?14, provisional = 0", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, order->id);
  sqlite3_bind_int64 (stmt, 2, order->station_id);
  sqlite3_bind_text (stmt, 3, order->pickup_code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, order->customer_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, order->phone_tail, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, order->slot_date, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, order->slot_start, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, order->slot_end, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, th_order_status_to_string (order->status), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 10, order->paid);
  sqlite3_bind_int64 (stmt, 11, order->refunded);
  sqlite3_bind_text (stmt, 12, order->note, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 13, order->revision);
  sqlite3_bind_text (stmt, 14, order->updated_at, -1, SQLITE_STATIC);
  if (!th_db_step_done (db, stmt, "saving an order", error))
    return FALSE;

  if (revision >= 0)
    {
      if (!(stmt = th_db_prepare (db, "DELETE FROM order_lines WHERE order_id = ?", error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, order->id);
      if (!th_db_step_done (db, stmt, "replacing order lines", error))
        return FALSE;
    }

  if (!(stmt = th_db_prepare (db,
                              "INSERT INTO order_lines (order_id, line, sku, name, qty, unit_price, collected_qty, refunded_qty) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error)))
    return FALSE;
  for (guint i = 0; i < order->lines->len; i++)
    {
      ThOrderLine *l = &g_array_index (order->lines, ThOrderLine, i);
      gint64 collected = l->collected_qty;
      gint64 refunded = MIN ((gint64) l->qty,
                             (gint64) l->refunded_qty +
                             GPOINTER_TO_INT (g_hash_table_lookup (refund_deltas, GUINT_TO_POINTER (l->line))));
      gint64 open = (gint64) l->qty - refunded;

      if (whole_order)
        collected = open;
      else
        collected += GPOINTER_TO_INT (g_hash_table_lookup (deltas, GUINT_TO_POINTER (l->line)));
      collected = CLAMP (collected, 0, open);
      /* Keep what callers see in step with what is stored. */
      l->collected_qty = (guint) collected;
      l->refunded_qty = (guint) refunded;

      sqlite3_bind_int64 (stmt, 1, order->id);
      sqlite3_bind_int64 (stmt, 2, l->line);
      sqlite3_bind_text (stmt, 3, l->sku, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, l->name, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 5, l->qty);
      sqlite3_bind_int64 (stmt, 6, l->unit_price);
      sqlite3_bind_int64 (stmt, 7, collected);
      sqlite3_bind_int64 (stmt, 8, l->refunded_qty);
      if (!th_db_step_done (db, stmt, "saving an order line", error))
        return FALSE;
    }

  if (stats)
    {
      if (revision < 0)
        stats->n_new++;
      else
        stats->n_updated++;
    }
  return TRUE;
}

gboolean
th_order_store_import_json (ThDb          *db,
                            JsonNode      *root,
                            ThImportStats *stats,
                            GError       **error)
{
  g_autoptr(GPtrArray) orders = NULL;
  g_autofree char *detail = NULL;
  ThImportStats local = { 0 };
  guint32 station_id;

  g_return_val_if_fail (TH_IS_DB (db), FALSE);

  if (!th_station_get (db, &station_id, NULL, error))
    return FALSE;
  /* Validate the whole file first: an import is all-or-nothing. */
  if (!(orders = th_order_store_parse_list (root, station_id, error)))
    return FALSE;

  if (!th_db_begin_immediate (db, error))
    return FALSE;
  for (guint i = 0; i < orders->len; i++)
    if (!th_order_store_apply (db, g_ptr_array_index (orders, i), &local, error))
      goto fail;

  detail = g_strdup_printf ("{\"new\":%u,\"updated\":%u,\"unchanged\":%u}",
                            local.n_new, local.n_updated, local.n_unchanged);
  if (!th_audit_append (db, th_time_now (), "", "orders_imported", "orders", detail, error))
    goto fail;
  if (!th_db_commit (db, error))
    return FALSE;

  if (stats)
    *stats = local;
  return TRUE;

fail:
  th_db_rollback (db);
  return FALSE;
}

gboolean
th_order_store_import_file (ThDb          *db,
                            const char    *path,
                            ThImportStats *stats,
                            GError       **error)
{
  g_autofree char *what = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  what = g_strdup_printf (_("The order file %s"), path);
  if (!(root = th_json_parse_file (path, what, error)))
    return FALSE;
  return th_order_store_import_json (db, root, stats, error);
}
