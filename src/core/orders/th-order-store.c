/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The station's copy of its orders: loading them, and importing a file or
 * a page of them all or nothing (th-order-apply.c applies each one). */
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "th-audit.h"
#include "th-error.h"
#include "th-json.h"
#include "th-json-stream.h"
#include "th-order-store-private.h"
#include "th-identity.h"
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
  order->created_at = sqlite3_column_int64 (stmt, 15);
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

/* One entry of an order list: a valid ORDER for this station, and the only
 * one in the list with its id (@seen holds the ids so far, owned). */
static ThOrder *
check_entry (JsonNode    *element,
             guint        index,
             guint32      station_id,
             GHashTable  *seen,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(ThOrder) order = th_order_new_from_json (element, &local_error);

  if (order == NULL)
    {
      g_set_error (error, TH_ERROR, TH_ERROR_INVALID, _("Entry %u: %s"), index + 1, local_error->message);
      return NULL;
    }
  if (order->station_id != station_id)
    {
      g_set_error (error, TH_ERROR, TH_ERROR_INVALID,
                   _("Entry %u: order %" PRId64 ": field “station_id” is %u, but this is station %u"),
                   index + 1, order->id, order->station_id, station_id);
      return NULL;
    }
  if (g_hash_table_contains (seen, &order->id))
    {
      g_set_error (error, TH_ERROR, TH_ERROR_INVALID,
                   _("Entry %u: order %" PRId64 ": field “id” appears twice in the file"),
                   index + 1, order->id);
      return NULL;
    }
  g_hash_table_add (seen, g_memdup2 (&order->id, sizeof order->id));
  return g_steal_pointer (&order);
}

static GHashTable *
new_id_set (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

static void
set_not_a_list (GError **error)
{
  g_set_error (error, TH_ERROR, TH_ERROR_INVALID,
               _("Expected a JSON array of orders, or an object with an “orders” array."));
}

/* The end of an import that went through: its audit entry and the commit. */
static gboolean
finish_import (ThDb                *db,
               const ThImportStats *stats,
               GError             **error)
{
  g_autofree char *detail = g_strdup_printf ("{\"new\":%u,\"updated\":%u,\"unchanged\":%u}",
                                             stats->n_new, stats->n_updated, stats->n_unchanged);

  return th_audit_append (db, th_time_now (), "", "orders_imported", "orders", detail, error) &&
         th_db_commit (db, error);
}

typedef struct {
  ThDb          *db;
  guint32        station_id;
  GHashTable    *seen;
  ThImportStats  stats;
} StreamImport;

static gboolean
import_element (JsonNode  *element,
                guint      index,
                gpointer   user_data,
                GError   **error)
{
  StreamImport *import = user_data;
  g_autoptr(ThOrder) order = check_entry (element, index, import->station_id, import->seen, error);

  return order != NULL && th_order_store_apply (import->db, order, &import->stats, error);
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
  g_autoptr(GHashTable) seen = new_id_set ();
  JsonArray *array = NULL;

  if (root && JSON_NODE_HOLDS_ARRAY (root))
    array = json_node_get_array (root);
  else if (root && JSON_NODE_HOLDS_OBJECT (root) &&
           json_object_has_member (json_node_get_object (root), "orders") &&
           JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (root), "orders")))
    array = json_object_get_array_member (json_node_get_object (root), "orders");

  if (array == NULL)
    {
      set_not_a_list (error);
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      ThOrder *order = check_entry (json_array_get_element (array, i), i, station_id, seen, error);

      if (order == NULL)
        return NULL;
      g_ptr_array_add (orders, order);
    }
  return g_steal_pointer (&orders);
}

gboolean
th_order_store_import_json (ThDb          *db,
                            JsonNode      *root,
                            ThImportStats *stats,
                            GError       **error)
{
  g_autoptr(GPtrArray) orders = NULL;
  ThImportStats local = { 0 };
  guint32 station_id;

  g_return_val_if_fail (TH_IS_DB (db), FALSE);

  if (!th_identity_get (db, &station_id, NULL, error))
    return FALSE;
  /* Validate the whole list first: an import is all-or-nothing. */
  if (!(orders = th_order_store_parse_list (root, station_id, error)))
    return FALSE;

  if (!th_db_begin_immediate (db, error))
    return FALSE;
  for (guint i = 0; i < orders->len; i++)
    if (!th_order_store_apply (db, g_ptr_array_index (orders, i), &local, error))
      goto fail;
  if (!finish_import (db, &local, error))
    goto fail;

  if (stats)
    *stats = local;
  return TRUE;

fail:
  th_db_rollback (db);
  return FALSE;
}

/* Negative: KiB, as SQLite takes it. th-db.c leaves SQLite's default. */
#define IMPORT_CACHE_SIZE  "-65536"
#define DEFAULT_CACHE_SIZE "-2000"

static gboolean
import_stream (ThDb          *db,
               const char    *path,
               const char    *what,
               StreamImport  *import,
               GError       **error)
{
  gboolean found = FALSE;

  if (!th_db_begin_immediate (db, error))
    return FALSE;
  if (!th_json_stream_array_file (path, "orders", what, import_element, import, &found, error))
    goto fail;
  if (!found)
    {
      set_not_a_list (error);
      goto fail;
    }
  if (!finish_import (db, &import->stats, error))
    goto fail;
  return TRUE;

fail:
  th_db_rollback (db);
  return FALSE;
}

/**
 * th_order_store_import_file:
 *
 * Imports an order file as th_order_store_import_json() does, all or
 * nothing, but reads it order by order: each is validated and stored as
 * it is read, inside one transaction that any error rolls back, so memory
 * stays flat however big the file is.
 */
gboolean
th_order_store_import_file (ThDb          *db,
                            const char    *path,
                            ThImportStats *stats,
                            GError       **error)
{
  g_autoptr(GHashTable) seen = new_id_set ();
  g_autofree char *what = NULL;
  StreamImport import = { db, 0, seen, { 0 } };
  gboolean ok;

  g_return_val_if_fail (TH_IS_DB (db), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!th_identity_get (db, &import.station_id, NULL, error))
    return FALSE;
  what = g_strdup_printf (_("The order file %s"), path);
  /* In one transaction, a big file's dirty pages soon fill SQLite's
   * default 2 MiB page cache, which then spills them to the WAL mid-way and
   * writes and reads index pages over and over: close to half the CPU time
   * of a 100,000-order import. A bigger cache for the import only keeps
   * memory at a fixed bound all the same. */
  if (!th_db_exec (db, "PRAGMA cache_size = " IMPORT_CACHE_SIZE, error))
    return FALSE;
  ok = import_stream (db, path, what, &import, error);
  th_db_exec (db, "PRAGMA cache_size = " DEFAULT_CACHE_SIZE, NULL);
  if (ok && stats)
    *stats = import.stats;
  return ok;
}
