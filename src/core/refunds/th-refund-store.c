/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading refunds back, for slips, the order's history and the ledger. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-error.h"
#include "th-refund-private.h"

#define REFUND_SELECT \
  "SELECT r.id, r.event_id, r.order_id, coalesce (o.customer_name, ''), r.at, r.terminal, r.staff, " \
  "r.reason, r.note, r.approved_by, r.amount FROM refunds r LEFT JOIN orders o ON o.id = r.order_id "

static gboolean
load_lines (ThDb      *db,
            ThRefund  *refund,
            GError   **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = th_db_prepare (db, "SELECT line, sku, name, qty, amount FROM refund_lines "
                                  "WHERE refund_id = ? ORDER BY line", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, refund->id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ThRefundLine l;

      l.line = (guint) sqlite3_column_int (stmt, 0);
      l.sku = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      l.name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      l.qty = (guint) sqlite3_column_int (stmt, 3);
      l.amount = sqlite3_column_int64 (stmt, 4);
      g_array_append_val (refund->lines, l);
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || th_db_set_error (db, error, "reading refunded lines");
}

static ThRefund *
load_row (sqlite3_stmt *stmt)
{
  ThRefund *refund = _th_refund_new ();
  ThReason reason = TH_REASON_OTHER;

  refund->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  refund->event_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  refund->order_id = sqlite3_column_int64 (stmt, 2);
  refund->customer_name = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  refund->at = sqlite3_column_int64 (stmt, 4);
  refund->terminal = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  refund->staff = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
  th_reason_from_string ((const char *) sqlite3_column_text (stmt, 7), &reason);
  refund->reason = reason;
  refund->note = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
  refund->approved_by = g_strdup ((const char *) sqlite3_column_text (stmt, 9));
  refund->amount = sqlite3_column_int64 (stmt, 10);
  return refund;
}

/* Rows first, lines after: the two cached statements never interleave. */
static GPtrArray *
load_all (ThDb          *db,
          sqlite3_stmt  *stmt,
          GError       **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) th_refund_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, load_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      th_db_set_error (db, error, "reading refunds");
      return NULL;
    }
  for (guint i = 0; i < list->len; i++)
    if (!load_lines (db, g_ptr_array_index (list, i), error))
      return NULL;
  return g_steal_pointer (&list);
}

ThRefund *
th_refund_load (ThDb        *db,
                const char  *refund_id,
                GError     **error)
{
  g_autoptr(GPtrArray) list = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TH_IS_DB (db), NULL);
  g_return_val_if_fail (refund_id != NULL, NULL);

  if (!(stmt = th_db_prepare (db, REFUND_SELECT "WHERE r.id = ?", error)))
    return NULL;
  sqlite3_bind_text (stmt, 1, refund_id, -1, SQLITE_STATIC);
  if (!(list = load_all (db, stmt, error)))
    return NULL;
  if (list->len == 0)
    {
      g_set_error (error, TH_ERROR, TH_ERROR_NOT_FOUND,
                   _("There is no refund %s at this station. Check the id on the slip."), refund_id);
      return NULL;
    }
  return th_refund_ref (g_ptr_array_index (list, 0));
}

GPtrArray *
th_refund_list_for_order (ThDb     *db,
                          gint64    order_id,
                          GError  **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TH_IS_DB (db), NULL);

  if (!(stmt = th_db_prepare (db, REFUND_SELECT "WHERE r.order_id = ? ORDER BY r.at, r.rowid", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, order_id);
  return load_all (db, stmt, error);
}
