/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading the after-sales ledger: one case, the filtered list, and the
 * overdue count for the badge. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-case-private.h"
#include "th-error.h"

#define CASE_SELECT \
  "SELECT c.id, c.order_id, coalesce (o.customer_name, ''), c.category, c.description, c.status, " \
  "c.resolution, c.refund_id, c.note, c.terminal, c.opened_at, c.opened_by, c.responded_at, " \
  "c.responded_by, c.closed_at, c.closed_by " \
  "FROM aftersales_cases c LEFT JOIN orders o ON o.id = c.order_id "

/* The same rule as th_case_get_overdue(), for ?1 respond, ?2 resolve, ?3 now. */
#define OVERDUE_SQL(respond, resolve, now) \
  "((c.status = 'open' AND c.opened_at + " respond " < " now ") OR " \
  "(c.status IN ('open', 'responded') AND c.opened_at + " resolve " < " now "))"

static char *
dup_column (sqlite3_stmt *stmt,
            int           col)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, col));
}

static ThCase *
load_row (sqlite3_stmt *stmt)
{
  ThCase *c = _th_case_new ();
  ThReason category = TH_REASON_OTHER;
  ThCaseStatus status = TH_CASE_OPEN;
  ThResolution resolution = TH_RESOLUTION_NONE;

  c->id = dup_column (stmt, 0);
  c->order_id = sqlite3_column_type (stmt, 1) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 1);
  c->customer_name = dup_column (stmt, 2);
  th_reason_from_string ((const char *) sqlite3_column_text (stmt, 3), &category);
  c->category = category;
  c->description = dup_column (stmt, 4);
  th_case_status_from_string ((const char *) sqlite3_column_text (stmt, 5), &status);
  c->status = status;
  th_resolution_from_string ((const char *) sqlite3_column_text (stmt, 6), &resolution);
  c->resolution = resolution;
  c->refund_id = dup_column (stmt, 7);
  c->note = dup_column (stmt, 8);
  c->terminal = dup_column (stmt, 9);
  c->opened_at = sqlite3_column_int64 (stmt, 10);
  c->opened_by = dup_column (stmt, 11);
  c->responded_at = sqlite3_column_int64 (stmt, 12);
  c->responded_by = dup_column (stmt, 13);
  c->closed_at = sqlite3_column_int64 (stmt, 14);
  c->closed_by = dup_column (stmt, 15);
  return c;
}

static gboolean
load_details (ThDb     *db,
              ThCase   *c,
              GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = th_db_prepare (db, "SELECT line, sku, name, qty FROM aftersales_case_lines WHERE case_id = ? ORDER BY line",
                              error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, c->id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ThCaseLine l = { (guint) sqlite3_column_int (stmt, 0), dup_column (stmt, 1), dup_column (stmt, 2),
                       (guint) sqlite3_column_int (stmt, 3) };
      g_array_append_val (c->lines, l);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return th_db_set_error (db, error, "reading case lines");

  if (!(stmt = th_db_prepare (db, "SELECT sha256, bytes FROM aftersales_photos WHERE case_id = ? ORDER BY position",
                              error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, c->id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ThCasePhoto p = { { 0 }, sqlite3_column_int64 (stmt, 1) };

      g_strlcpy (p.sha256, (const char *) sqlite3_column_text (stmt, 0), sizeof p.sha256);
      g_array_append_val (c->photos, p);
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || th_db_set_error (db, error, "reading case photos");
}

static GPtrArray *
load_all (ThDb          *db,
          sqlite3_stmt  *stmt,
          GError       **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) th_case_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, load_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      th_db_set_error (db, error, "reading cases");
      return NULL;
    }
  for (guint i = 0; i < list->len; i++)
    if (!load_details (db, g_ptr_array_index (list, i), error))
      return NULL;
  return g_steal_pointer (&list);
}

ThCase *
th_case_load (ThDb        *db,
              const char  *case_id,
              GError     **error)
{
  g_autoptr(GPtrArray) list = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TH_IS_DB (db), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);

  if (!(stmt = th_db_prepare (db, CASE_SELECT "WHERE c.id = ?", error)))
    return NULL;
  sqlite3_bind_text (stmt, 1, case_id, -1, SQLITE_STATIC);
  if (!(list = load_all (db, stmt, error)))
    return NULL;
  if (list->len == 0)
    {
      g_set_error (error, TH_ERROR, TH_ERROR_NOT_FOUND,
                   _("There is no after-sales case %s at this station."), case_id);
      return NULL;
    }
  return th_case_ref (g_ptr_array_index (list, 0));
}

GPtrArray *
th_case_list (ThDb                *db,
              const ThCaseFilter  *filter,
              GError             **error)
{
  static const ThCaseFilter any = TH_CASE_FILTER_INIT;
  ThCaseDeadlines station;
  const ThCaseDeadlines *deadlines;
  g_autofree char *search = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TH_IS_DB (db), NULL);

  if (filter == NULL)
    filter = &any;
  deadlines = filter->deadlines;
  if (deadlines == NULL)
    {
      if (!th_case_deadlines_load (db, &station, error))
        return NULL;
      deadlines = &station;
    }
  if (filter->search)
    search = g_strstrip (g_strdup (filter->search));

  if (!(stmt = th_db_prepare (db,
                              CASE_SELECT
                              "WHERE (?1 = 0 OR ((CASE c.status WHEN 'open' THEN 1 WHEN 'responded' THEN 2 "
                              "  WHEN 'resolved' THEN 4 ELSE 8 END) & ?1) != 0) "
                              "AND (?2 IS NULL OR c.category = ?2) "
                              "AND (?3 IS NULL OR EXISTS (SELECT 1 FROM aftersales_case_lines l "
                              "  WHERE l.case_id = c.id AND l.sku = ?3)) "
                              "AND (?4 < 0 OR c.order_id = ?4) "
                              "AND (?5 = 0 OR c.opened_at >= ?5) "
                              "AND (?6 = 0 OR c.opened_at < ?6) "
                              "AND (?7 IS NULL OR instr (lower (c.description), ?7) OR instr (lower (c.note), ?7) "
                              "  OR instr (lower (coalesce (o.customer_name, '')), ?7) "
                              "  OR instr (CAST (c.order_id AS TEXT), ?7) "
                              "  OR EXISTS (SELECT 1 FROM aftersales_case_lines l WHERE l.case_id = c.id "
                              "    AND (instr (lower (l.sku), ?7) OR instr (lower (l.name), ?7))) "
                              "  OR EXISTS (SELECT 1 FROM aftersales_updates u WHERE u.case_id = c.id "
                              "    AND instr (lower (u.note), ?7))) "
                              "AND (?8 = 0 OR " OVERDUE_SQL ("?9", "?10", "?11") ") "
                              "ORDER BY c.opened_at DESC, c.rowid DESC LIMIT ?12", error)))
    return NULL;
  sqlite3_bind_int (stmt, 1, (int) filter->statuses);
  if (filter->category >= 0 && filter->category < TH_REASON_COUNT)
    sqlite3_bind_text (stmt, 2, th_reason_to_string ((ThReason) filter->category), -1, SQLITE_STATIC);
  if (filter->sku)
    sqlite3_bind_text (stmt, 3, filter->sku, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, filter->order_id);
  sqlite3_bind_int64 (stmt, 5, filter->since);
  sqlite3_bind_int64 (stmt, 6, filter->until);
  if (search && *search)
    {
      /* SQLite's lower() folds ASCII only; Chinese has no case anyway. */
      char *lower = g_ascii_strdown (search, -1);
      sqlite3_bind_text (stmt, 7, lower, -1, g_free);
    }
  sqlite3_bind_int (stmt, 8, filter->overdue_only);
  sqlite3_bind_int64 (stmt, 9, deadlines->respond_seconds);
  sqlite3_bind_int64 (stmt, 10, deadlines->resolve_seconds);
  sqlite3_bind_int64 (stmt, 11, filter->now);
  sqlite3_bind_int64 (stmt, 12, filter->limit ? (gint64) filter->limit : -1);
  return load_all (db, stmt, error);
}

gint64
th_case_count_overdue (ThDb                   *db,
                       const ThCaseDeadlines  *deadlines,
                       gint64                  now,
                       GError                **error)
{
  sqlite3_stmt *stmt;
  gint64 n = -1;

  g_return_val_if_fail (TH_IS_DB (db), -1);
  g_return_val_if_fail (deadlines != NULL, -1);

  if (!(stmt = th_db_prepare (db, "SELECT count (*) FROM aftersales_cases c WHERE "
                                  OVERDUE_SQL ("?1", "?2", "?3"), error)))
    return -1;
  sqlite3_bind_int64 (stmt, 1, deadlines->respond_seconds);
  sqlite3_bind_int64 (stmt, 2, deadlines->resolve_seconds);
  sqlite3_bind_int64 (stmt, 3, now);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  else
    th_db_set_error (db, error, "counting overdue cases");
  sqlite3_reset (stmt);
  return n;
}
