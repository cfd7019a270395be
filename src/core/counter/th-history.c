/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The hand-overs made at one terminal, newest first, for the History page. */
#include "config.h"

#include "th-collect.h"
#include "th-history.h"

G_DEFINE_BOXED_TYPE (ThHistoryEntry, th_history_entry, th_history_entry_ref, th_history_entry_unref)

static void
history_line_clear (gpointer data)
{
  ThHistoryLine *l = data;

  g_clear_pointer (&l->name, g_free);
}

static void
history_entry_clear (gpointer data)
{
  ThHistoryEntry *e = data;

  g_free (e->collection_id);
  g_free (e->terminal);
  g_free (e->staff);
  g_free (e->method);
  g_free (e->pickup_code);
  g_free (e->customer_name);
  g_free (e->undone_by);
  g_free (e->undo_reason);
  g_clear_pointer (&e->lines, g_array_unref);
}

static ThHistoryEntry *
history_entry_new (void)
{
  ThHistoryEntry *e = g_atomic_rc_box_new0 (ThHistoryEntry);

  e->lines = g_array_new (FALSE, TRUE, sizeof (ThHistoryLine));
  g_array_set_clear_func (e->lines, history_line_clear);
  return e;
}

ThHistoryEntry *
th_history_entry_ref (ThHistoryEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);
  return g_atomic_rc_box_acquire (entry);
}

void
th_history_entry_unref (ThHistoryEntry *entry)
{
  g_return_if_fail (entry != NULL);
  g_atomic_rc_box_release_full (entry, history_entry_clear);
}

/**
 * th_history_entry_can_undo:
 *
 * Whether th_collect_undo() would accept this hand-over at @now, so the page
 * offers Undo only when it can work. The core still decides.
 */
gboolean
th_history_entry_can_undo (const ThHistoryEntry *entry,
                           gint64                now)
{
  g_return_val_if_fail (entry != NULL, FALSE);

  return entry->undone_at == 0 &&
         now - entry->at <= TH_COLLECT_UNDO_WINDOW_SECONDS &&
         now >= entry->at - TH_COLLECT_UNDO_WINDOW_SECONDS;
}

static gboolean
load_lines (ThDb            *db,
            ThHistoryEntry  *e,
            GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = th_db_prepare (db,
                              "SELECT cl.line, cl.qty, ol.name FROM collection_lines cl "
                              "LEFT JOIN order_lines ol ON ol.order_id = ?2 AND ol.line = cl.line "
                              "WHERE cl.collection_id = ?1 ORDER BY cl.line", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, e->collection_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, e->order_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ThHistoryLine l;

      l.line = (guint) sqlite3_column_int (stmt, 0);
      l.qty = (guint) sqlite3_column_int (stmt, 1);
      l.name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      g_array_append_val (e->lines, l);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return th_db_set_error (db, error, "reading collected lines");
  return TRUE;
}

#define DUP_COLUMN(stmt, col) g_strdup ((const char *) sqlite3_column_text (stmt, col))

/**
 * th_history_list:
 * @terminal: (nullable): only this terminal's hand-overs; %NULL for all
 * @since: only hand-overs at or after this unix time
 * @limit: at most this many; 0 for 200
 *
 * Returns: (transfer full) (element-type ThHistoryEntry): newest first
 */
GPtrArray *
th_history_list (ThDb        *db,
                 const char  *terminal,
                 gint64       since,
                 guint        limit,
                 GError     **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) th_history_entry_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TH_IS_DB (db), NULL);

  if (!(stmt = th_db_prepare (db,
                              "SELECT c.id, c.order_id, c.at, c.terminal, c.staff, c.method, c.provisional, "
                              "o.pickup_code, o.customer_name, c.undone_at, c.undone_by, c.undo_reason "
                              "FROM collections c LEFT JOIN orders o ON o.id = c.order_id "
                              "WHERE (?1 IS NULL OR c.terminal = ?1) AND c.at >= ?2 "
                              "ORDER BY c.at DESC, c.rowid DESC LIMIT ?3", error)))
    return NULL;
  sqlite3_bind_text (stmt, 1, terminal, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, since);
  sqlite3_bind_int64 (stmt, 3, limit ? limit : 200);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ThHistoryEntry *e = history_entry_new ();

      e->collection_id = DUP_COLUMN (stmt, 0);
      e->order_id = sqlite3_column_int64 (stmt, 1);
      e->at = sqlite3_column_int64 (stmt, 2);
      e->terminal = DUP_COLUMN (stmt, 3);
      e->staff = DUP_COLUMN (stmt, 4);
      e->method = DUP_COLUMN (stmt, 5);
      e->provisional = sqlite3_column_int (stmt, 6);
      e->pickup_code = DUP_COLUMN (stmt, 7);
      e->customer_name = DUP_COLUMN (stmt, 8);
      e->undone_at = sqlite3_column_int64 (stmt, 9);
      e->undone_by = DUP_COLUMN (stmt, 10);
      e->undo_reason = DUP_COLUMN (stmt, 11);
      g_ptr_array_add (entries, e);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      th_db_set_error (db, error, "reading the history");
      return NULL;
    }

  /* After the walk: the lines query is another cached statement. */
  for (guint i = 0; i < entries->len; i++)
    if (!load_lines (db, g_ptr_array_index (entries, i), error))
      return NULL;
  return g_steal_pointer (&entries);
}
