/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Applying one platform copy of an order to the station's copy.
 *
 * It follows central-api.md: the higher revision wins,
 * and the station's own facts that the platform has not heard of yet stay in
 * force. A line's collected_qty is the platform's count plus the station's
 * collections whose `collected` event is still in the outbox, minus those
 * whose `collect_undone` event still is. Refunds likewise: a line's
 * refunded_qty is the platform's plus the station's refunds whose `refund`
 * event is still in the outbox, and the order's `refunded` amount too. Once an
 * event has been accepted, the platform's next revision already counts it. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-order-store-private.h"

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

static gboolean
issued_code (ThDb     *db,
             gint64    id,
             char    **code,
             GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = th_db_prepare (db, "SELECT issued_code FROM orders WHERE id = ?", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    *code = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return th_db_set_error (db, error, "reading an order");
  return TRUE;
}

/* Pickup codes are recycled by the platform over months, so several orders
 * may have been given @code. It belongs to the newest order (largest
 * created_at, then id; an unknown created_at counts as oldest) among those
 * still waiting to be handed over; when none is waiting, to the newest of
 * all. Whichever order changed, ownership is worked out from scratch, so a
 * late revision of an old, collected order never takes the code back. */
static gboolean
settle_code (ThDb        *db,
             const char  *code,
             GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 owner = -1;
  int rc;

  if (!(stmt = th_db_prepare (db,
                              "SELECT id FROM orders o WHERE issued_code = ?1 ORDER BY "
                              "(status = 'paid' AND EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id "
                              "  AND l.collected_qty + l.refunded_qty < l.qty)) DESC, "
                              "created_at DESC NULLS LAST, id DESC LIMIT 1", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    owner = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return th_db_set_error (db, error, "finding who holds a pickup code");

  if (!(stmt = th_db_prepare (db, "UPDATE orders SET pickup_code = NULL WHERE pickup_code = ?1 AND id != ?2", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, owner);
  if (!th_db_step_done (db, stmt, "releasing a recycled pickup code", error))
    return FALSE;
  if (owner < 0)
    return TRUE;

  if (!(stmt = th_db_prepare (db, "UPDATE orders SET pickup_code = ?1 WHERE id = ?2", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, owner);
  return th_db_step_done (db, stmt, "handing over a recycled pickup code", error);
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
  g_autofree char *previous_code = NULL;
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

  if (revision >= 0 && !issued_code (db, order->id, &previous_code, error))
    return FALSE;

  /* pickup_code itself is left to settle_code(), once the lines are in. */
  if (!(stmt = th_db_prepare (db,
                              "INSERT INTO orders (" ORDER_COLUMNS ", issued_code) "
                              "VALUES (?1, ?2, NULL, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 0, ?15, ?3) "
                              "ON CONFLICT (id) DO UPDATE SET station_id = ?2, issued_code = ?3, customer_name = ?4, "
                              "phone_tail = ?5, slot_date = ?6, slot_start = ?7, slot_end = ?8, status = ?9, paid = ?10, "
                              "refunded = ?11, note = ?12, revision = ?13, updated_at = ?14, provisional = 0, "
                              "created_at = ?15", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, order->id);
  sqlite3_bind_int64 (stmt, 2, order->station_id);
  sqlite3_bind_text (stmt, 3, order->pickup_code, -1, SQLITE_STATIC);
  if (order->created_at != 0)
    sqlite3_bind_int64 (stmt, 15, order->created_at);
  else
    sqlite3_bind_null (stmt, 15);
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

  /* A code the order no longer has may belong to another order again. */
  if (previous_code && g_strcmp0 (previous_code, order->pickup_code) != 0 &&
      !settle_code (db, previous_code, error))
    return FALSE;
  if (order->pickup_code && !settle_code (db, order->pickup_code, error))
    return FALSE;

  if (stats)
    {
      if (revision < 0)
        stats->n_new++;
      else
        stats->n_updated++;
    }
  return TRUE;
}
