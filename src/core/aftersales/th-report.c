/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The monthly after-sales summary: cases and refunds per category and per
 * product, to find the common problems. Refunds and cases keep the SKU and
 * name they had, so a later import never changes a past month. */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "th-error.h"
#include "th-money.h"
#include "th-report.h"
#include "th-time.h"

static void
row_clear (gpointer data)
{
  ThReportRow *row = data;

  g_clear_pointer (&row->key, g_free);
  g_clear_pointer (&row->label, g_free);
}

static GArray *
rows_new (void)
{
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (ThReportRow));

  g_array_set_clear_func (rows, row_clear);
  return rows;
}

void
th_report_free (ThReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->by_category, g_array_unref);
  g_clear_pointer (&report->by_product, g_array_unref);
  g_free (report);
}

gboolean
th_report_parse_month (const char *text,
                       int        *year,
                       int        *month)
{
  return th_time_parse_month (text, year, month);
}

static ThReportRow *
product_row (GArray      *rows,
             GHashTable  *index,
             const char  *sku,
             const char  *name)
{
  gpointer pos;
  ThReportRow row = { 0 };

  if (g_hash_table_lookup_extended (index, sku, NULL, &pos))
    return &g_array_index (rows, ThReportRow, GPOINTER_TO_UINT (pos));
  row.key = g_strdup (sku);
  row.label = g_strdup (name);
  g_array_append_val (rows, row);
  g_hash_table_insert (index, g_strdup (sku), GUINT_TO_POINTER (rows->len - 1));
  return &g_array_index (rows, ThReportRow, rows->len - 1);
}

static int
compare_products (gconstpointer a,
                  gconstpointer b)
{
  const ThReportRow *x = a, *y = b;

  if (x->refund_amount != y->refund_amount)
    return x->refund_amount > y->refund_amount ? -1 : 1;
  if (x->n_cases != y->n_cases)
    return x->n_cases > y->n_cases ? -1 : 1;
  return strcmp (x->key, y->key);
}

/* Runs @sql over [since, until) and hands each row to the caller. */
typedef void (*RowFunc) (ThReport *report, sqlite3_stmt *stmt, gpointer data);

static gboolean
each_row (ThDb          *db,
          ThReport      *report,
          const char    *sql,
          RowFunc        func,
          gpointer       data,
          GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = th_db_prepare (db, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, report->since);
  sqlite3_bind_int64 (stmt, 2, report->until);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    func (report, stmt, data);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || th_db_set_error (db, error, "summing up the month");
}

static void
add_category_cases (ThReport *report, sqlite3_stmt *stmt, gpointer data)
{
  ThReason reason;

  if (!th_reason_from_string ((const char *) sqlite3_column_text (stmt, 0), &reason))
    return;
  g_array_index (report->by_category, ThReportRow, reason).n_cases += sqlite3_column_int (stmt, 1);
  report->n_cases += sqlite3_column_int (stmt, 1);
}

static void
add_category_refunds (ThReport *report, sqlite3_stmt *stmt, gpointer data)
{
  ThReason reason;
  ThReportRow *row;

  if (!th_reason_from_string ((const char *) sqlite3_column_text (stmt, 0), &reason))
    return;
  row = &g_array_index (report->by_category, ThReportRow, reason);
  row->n_refunds += sqlite3_column_int (stmt, 1);
  row->refund_amount += sqlite3_column_int64 (stmt, 2);
  report->n_refunds += sqlite3_column_int (stmt, 1);
  report->refund_amount += sqlite3_column_int64 (stmt, 2);
}

static void
add_product_refunds (ThReport *report, sqlite3_stmt *stmt, gpointer index)
{
  ThReportRow *row = product_row (report->by_product, index, (const char *) sqlite3_column_text (stmt, 0),
                                  (const char *) sqlite3_column_text (stmt, 1));

  row->n_refunds += sqlite3_column_int (stmt, 2);
  row->refund_amount += sqlite3_column_int64 (stmt, 3);
}

static void
add_product_cases (ThReport *report, sqlite3_stmt *stmt, gpointer index)
{
  ThReportRow *row = product_row (report->by_product, index, (const char *) sqlite3_column_text (stmt, 0),
                                  (const char *) sqlite3_column_text (stmt, 1));

  row->n_cases += sqlite3_column_int (stmt, 2);
}

ThReport *
th_report_month (ThDb        *db,
                 int          year,
                 int          month,
                 GTimeZone   *tz,
                 GError     **error)
{
  g_autoptr(ThReport) report = g_new0 (ThReport, 1);
  g_autoptr(GTimeZone) local_tz = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_return_val_if_fail (TH_IS_DB (db), NULL);

  if (tz == NULL)
    tz = local_tz = g_time_zone_new_local ();
  /* Within the bounds, the next month's start is always a GDateTime. */
  if (year < TH_TIME_FIRST_YEAR || year > TH_TIME_LAST_YEAR || month < 1 || month > 12 ||
      !(start = g_date_time_new (tz, year, month, 1, 0, 0, 0)) ||
      !(end = g_date_time_add_months (start, 1)))
    {
      g_set_error (error, TH_ERROR, TH_ERROR_INVALID,
                   _("Choose a month from %04d-01 to %04d-12, like 2026-11."),
                   TH_TIME_FIRST_YEAR, TH_TIME_LAST_YEAR);
      return NULL;
    }
  report->year = year;
  report->month = month;
  report->since = g_date_time_to_unix (start);
  report->until = g_date_time_to_unix (end);
  report->by_category = rows_new ();
  report->by_product = rows_new ();
  for (guint i = 0; i < TH_REASON_COUNT; i++)
    {
      ThReportRow row = { g_strdup (th_reason_to_string (i)), g_strdup (th_reason_describe (i)), 0, 0, 0 };
      g_array_append_val (report->by_category, row);
    }

  if (!each_row (db, report,
                 "SELECT category, count (*) FROM aftersales_cases WHERE opened_at >= ?1 AND opened_at < ?2 "
                 "GROUP BY category", add_category_cases, NULL, error) ||
      !each_row (db, report,
                 "SELECT reason, count (*), sum (amount) FROM refunds WHERE at >= ?1 AND at < ?2 GROUP BY reason",
                 add_category_refunds, NULL, error) ||
      !each_row (db, report,
                 "SELECT rl.sku, max (rl.name), count (DISTINCT r.id), sum (rl.amount) "
                 "FROM refunds r JOIN refund_lines rl ON rl.refund_id = r.id "
                 "WHERE r.at >= ?1 AND r.at < ?2 GROUP BY rl.sku", add_product_refunds, index, error) ||
      !each_row (db, report,
                 "SELECT l.sku, max (l.name), count (DISTINCT c.id) "
                 "FROM aftersales_cases c JOIN aftersales_case_lines l ON l.case_id = c.id "
                 "WHERE c.opened_at >= ?1 AND c.opened_at < ?2 GROUP BY l.sku", add_product_cases, index, error))
    return NULL;

  g_array_sort (report->by_product, compare_products);
  return g_steal_pointer (&report);
}

static void
append_cell (GString    *csv,
             const char *text)
{
  /* A cell starting like a formula would be run by the spreadsheet app:
   * product names come from outside. */
  gboolean formula = strchr ("=+-@\t\r", text[0]) != NULL && text[0] != '\0';
  gboolean quote = formula || strpbrk (text, ",\"\r\n") != NULL;

  if (quote)
    g_string_append_c (csv, '"');
  if (formula)
    g_string_append_c (csv, '\'');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (csv, '"');
      g_string_append_c (csv, *p);
    }
  if (quote)
    g_string_append_c (csv, '"');
}

static void
append_row (GString    *csv,
            const char *section,
            const char *key,
            const char *label,
            guint       n_cases,
            guint       n_refunds,
            gint64      amount)
{
  g_autofree char *amount_text = th_money_format_plain (amount);

  append_cell (csv, section);
  g_string_append_c (csv, ',');
  append_cell (csv, key);
  g_string_append_c (csv, ',');
  append_cell (csv, label);
  g_string_append_printf (csv, ",%u,%u,%s\r\n", n_cases, n_refunds, amount_text);
}

GBytes *
th_report_to_csv (ThReport *report)
{
  GString *csv = g_string_new ("\xEF\xBB\xBF");

  g_return_val_if_fail (report != NULL, NULL);

  append_cell (csv, _("Section"));
  g_string_append_c (csv, ',');
  append_cell (csv, _("Key"));
  g_string_append_c (csv, ',');
  append_cell (csv, _("Name"));
  g_string_append_c (csv, ',');
  append_cell (csv, _("Cases"));
  g_string_append_c (csv, ',');
  append_cell (csv, _("Refunds"));
  g_string_append_c (csv, ',');
  append_cell (csv, _("Refund amount (CNY)"));
  g_string_append (csv, "\r\n");

  for (guint i = 0; i < report->by_category->len; i++)
    {
      ThReportRow *row = &g_array_index (report->by_category, ThReportRow, i);
      append_row (csv, _("Category"), row->key, row->label, row->n_cases, row->n_refunds, row->refund_amount);
    }
  for (guint i = 0; i < report->by_product->len; i++)
    {
      ThReportRow *row = &g_array_index (report->by_product, ThReportRow, i);
      append_row (csv, _("Product"), row->key, row->label, row->n_cases, row->n_refunds, row->refund_amount);
    }
  append_row (csv, _("Total"), "", "", report->n_cases, report->n_refunds, report->refund_amount);
  return g_string_free_to_bytes (csv);
}

gboolean
th_report_write_csv (ThReport    *report,
                     const char  *path,
                     GError     **error)
{
  g_autoptr(GBytes) csv = NULL;
  gsize len;
  const char *data;

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  csv = th_report_to_csv (report);
  data = g_bytes_get_data (csv, &len);
  return g_file_set_contents_full (path, data, len, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}
