/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The monthly after-sales summary against a hand-computed fixture,
 * tests/data/aftersales-2026-11.csv.
 *
 * The station is at UTC+8; the month is 2026-11 local time, so
 * [1793462400, 1796054400). In it:
 *   cases   C1 order 101 spoiled  STRAW           2026-11-01 00:00:00 (first second)
 *           C2 order 102 damaged  STRAW EGG JAM   2026-11-15 12:00
 *           C3 walk-in   quality  —               2026-11-20 09:00
 *   refunds R1 order 101 spoiled  STRAW 12.90             2026-11-01 10:00
 *           R2 order 102 damaged  STRAW 12.90 + EGG 5.00  2026-11-15 12:00
 *           R3 order 103 damaged  EGG 32.80               2026-11-30 23:59:59 (last second)
 * Outside it: C4 (10-31 23:30), C5 (12-01 00:00), R4 (10-31 23:59:59),
 * R5 (12-01 00:00).
 *
 *   damaged  1 case, 2 refunds, 17.90 + 32.80 = 50.70
 *   spoiled  1 case, 1 refund,  12.90
 *   quality  1 case, 0 refunds
 *   EGG      1 case (C2), 2 refunds, 5.00 + 32.80 = 37.80
 *   STRAW    2 cases (C1, C2), 2 refunds, 12.90 + 12.90 = 25.80
 *   JAM      1 case (C2), no refund
 *   total    3 cases, 3 refunds, 63.60 */
#include "config.h"

#include <glib/gi18n.h>

#include "th-case.h"
#include "th-error.h"
#include "th-report.h"
#include "th-test-aftersales.h"

#define STRAW { "SKU-STRAW-500", "丹东草莓 500g", 2, 1290 }
#define EGG   { "SKU-EGG-30", "土鸡蛋 30枚, 散养", 2, 3280 }
#define MILK  { "SKU-MILK-1L", "鲜牛奶 1L", 1, 1590 }
/* A name that starts like a spreadsheet formula. */
#define JAM   { "SKU-JAM-200", "@果酱 200g", 1, 990 }

static void
import (ThTestFixture *f, gint64 id, gint64 paid, const ThTestItem *items, guint n)
{
  g_autoptr(JsonNode) order = th_test_make_order_items (id, paid, 1, items, n);
  th_test_import (f->db, order);
}

static void
add_refund (ThTestFixture             *f,
            gint64                     order_id,
            ThReason                   reason,
            const ThRefundLineRequest *lines,
            guint                      n,
            gint64                     at)
{
  ThRefundRequest request = { order_id, lines, n, reason, NULL, TH_TEST_LEADER, NULL, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(ThRefund) r = th_refund_create (f->db, &request, at, &error);

  g_assert_no_error (error);
}

static void
add_case (ThTestFixture   *f,
          gint64           order_id,
          ThReason         category,
          const ThLineQty *lines,
          guint            n,
          gint64           at)
{
  ThCaseRequest request = { order_id, category, "测试", lines, n, NULL, TH_TEST_LEADER };
  g_autoptr(GError) error = NULL;
  g_autoptr(ThCase) c = th_case_open (f->db, &request, NULL, at, &error);

  g_assert_no_error (error);
}

static void
set_up (ThTestFixture *f,
        gconstpointer  data)
{
  const ThTestItem o1[] = { STRAW, MILK };
  const ThTestItem o2[] = { { "SKU-STRAW-500", "丹东草莓 500g", 1, 1290 }, { "SKU-EGG-30", "土鸡蛋 30枚, 散养", 1, 3280 }, JAM };
  const ThTestItem o3[] = { EGG };
  const ThRefundLineRequest r1[] = { { 1, 0, 1290 } };
  const ThRefundLineRequest r2[] = { { 1, 1, -1 }, { 2, 0, 500 } };
  const ThRefundLineRequest r3[] = { { 1, 1, -1 } };
  const ThRefundLineRequest r4[] = { { 2, 1, -1 } };
  const ThRefundLineRequest r5[] = { { 1, 0, 100 } };
  const ThLineQty c1[] = { { 1, 1 } };
  const ThLineQty c2[] = { { 1, 1 }, { 2, 1 }, { 3, 1 } };
  const ThLineQty c4[] = { { 1, 2 } };
  const ThLineQty c5[] = { { 2, 1 } };

  th_test_fixture_set_up (f, data);
  th_test_add_staff (f->db, TH_TEST_LEADER, TH_STAFF_ROLE_LEADER, TH_TEST_LEADER_PIN);
  import (f, 101, 2 * 1290 + 1590, o1, G_N_ELEMENTS (o1));
  import (f, 102, 1290 + 3280 + 990, o2, G_N_ELEMENTS (o2));
  import (f, 103, 2 * 3280, o3, G_N_ELEMENTS (o3));

  add_case (f, 101, TH_REASON_SPOILED, c1, 1, 1793462400);
  add_case (f, 102, TH_REASON_DAMAGED, c2, 3, 1794715200);
  add_case (f, -1, TH_REASON_QUALITY, NULL, 0, 1795136400);
  add_case (f, 103, TH_REASON_DAMAGED, c4, 1, 1793460600);
  add_case (f, 101, TH_REASON_MISSING, c5, 1, 1796054400);

  add_refund (f, 101, TH_REASON_SPOILED, r1, 1, 1793498400);
  add_refund (f, 102, TH_REASON_DAMAGED, r2, 2, 1794715200);
  add_refund (f, 103, TH_REASON_DAMAGED, r3, 1, 1796054399);
  add_refund (f, 101, TH_REASON_MISSING, r4, 1, 1793462399);
  add_refund (f, 103, TH_REASON_QUALITY, r5, 1, 1796054400);
}

static void
assert_row (GArray     *rows,
            guint       i,
            const char *key,
            guint       n_cases,
            guint       n_refunds,
            gint64      amount)
{
  ThReportRow *row = &g_array_index (rows, ThReportRow, i);

  g_assert_cmpstr (row->key, ==, key);
  g_assert_cmpuint (row->n_cases, ==, n_cases);
  g_assert_cmpuint (row->n_refunds, ==, n_refunds);
  g_assert_cmpint (row->refund_amount, ==, amount);
}

static void
test_month (ThTestFixture *f,
            gconstpointer  data)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (8 * 3600);
  g_autoptr(GError) error = NULL;
  g_autoptr(ThReport) report = th_report_month (f->db, 2026, 11, tz, &error);

  g_assert_no_error (error);
  g_assert_cmpint (report->since, ==, 1793462400);
  g_assert_cmpint (report->until, ==, 1796054400);
  g_assert_cmpuint (report->n_cases, ==, 3);
  g_assert_cmpuint (report->n_refunds, ==, 3);
  g_assert_cmpint (report->refund_amount, ==, 6360);

  g_assert_cmpuint (report->by_category->len, ==, TH_REASON_COUNT);
  assert_row (report->by_category, 0, "damaged", 1, 2, 5070);
  assert_row (report->by_category, 1, "spoiled", 1, 1, 1290);
  assert_row (report->by_category, 2, "missing", 0, 0, 0);
  assert_row (report->by_category, 3, "wrong_item", 0, 0, 0);
  assert_row (report->by_category, 4, "quality", 1, 0, 0);
  assert_row (report->by_category, 5, "other", 0, 0, 0);

  g_assert_cmpuint (report->by_product->len, ==, 3);
  assert_row (report->by_product, 0, "SKU-EGG-30", 1, 2, 3780);
  assert_row (report->by_product, 1, "SKU-STRAW-500", 2, 2, 2580);
  assert_row (report->by_product, 2, "SKU-JAM-200", 1, 0, 0);
  g_assert_cmpstr (g_array_index (report->by_product, ThReportRow, 1).label, ==, "丹东草莓 500g");

  /* The months around it hold what fell outside. */
  {
    g_autoptr(ThReport) october = th_report_month (f->db, 2026, 10, tz, &error);
    g_autoptr(ThReport) december = th_report_month (f->db, 2026, 12, tz, &error);

    g_assert_cmpuint (october->n_cases, ==, 1);
    g_assert_cmpint (october->refund_amount, ==, 1590);
    g_assert_cmpuint (december->n_cases, ==, 1);
    g_assert_cmpint (december->refund_amount, ==, 100);
  }
  g_assert_null (th_report_month (f->db, 2026, 13, tz, &error));
  g_assert_error (error, TH_ERROR, TH_ERROR_INVALID);
  g_clear_error (&error);
}

/* The GUI and the CLI pass any year they are given: the edges are refused
 * with an error, never a GLib-CRITICAL (which G_DEBUG makes fatal here), and
 * the last month allowed still has an end. */
static void
test_month_edges (ThTestFixture *f,
                  gconstpointer  data)
{
  const int bad[][2] = { { 9999, 12 }, { 9999, 1 }, { 1, 1 }, { 0, 0 }, { 2026, 13 }, { 2026, 0 }, { 1969, 12 } };
  const char *bad_text[] = { "9999-12", "0001-01", "0000-00", "2026-13", "1969-12", "2026-1", "2026-011", "+202-11", "2026-+1" };
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (8 * 3600);
  int year, month;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (th_report_month (f->db, bad[i][0], bad[i][1], tz, &error));
      g_assert_error (error, TH_ERROR, TH_ERROR_INVALID);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad_text); i++)
    g_assert_false (th_report_parse_month (bad_text[i], &year, &month));

  g_assert_true (th_report_parse_month ("9998-12", &year, &month));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ThReport) last = th_report_month (f->db, year, month, tz, &error);

    g_assert_no_error (error);
    g_assert_cmpint (last->until - last->since, ==, 31 * 86400);
  }
  g_assert_true (th_report_parse_month ("1970-01", &year, &month));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ThReport) first = th_report_month (f->db, year, month, NULL, &error);

    g_assert_no_error (error);
  }
}

/* A row with @key and @label, for a report made by hand. */
static void
add_row (GArray     *rows,
         const char *key,
         const char *label)
{
  ThReportRow row = { g_strdup (key), g_strdup (label), 1, 0, 0 };

  g_array_append_val (rows, row);
}

static void
clear_row (gpointer data)
{
  ThReportRow *row = data;

  g_free (row->key);
  g_free (row->label);
}

/* A cell a spreadsheet would run as a formula (or that could hide one after
 * a tab or CR) gets a leading ' inside its RFC 4180 quotes, whatever column
 * it is in; other cells are left alone. */
static void
test_csv_formulas (ThTestFixture *f,
                   gconstpointer  data)
{
  const char *risky[] = { "=1+1", "+86 138", "-2+3", "@SUM(A1)", "\tx", "\rx", "=HYPERLINK(\"http://x\",\"y\")" };
  const char *quoted[] = { "\"'=1+1\"", "\"'+86 138\"", "\"'-2+3\"", "\"'@SUM(A1)\"", "\"'\tx\"", "\"'\rx\"",
                           "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"" };
  g_autoptr(ThReport) report = g_new0 (ThReport, 1);
  g_autoptr(GBytes) csv = NULL;
  g_autofree char *text = NULL;

  report->by_category = g_array_new (FALSE, TRUE, sizeof (ThReportRow));
  report->by_product = g_array_new (FALSE, TRUE, sizeof (ThReportRow));
  g_array_set_clear_func (report->by_category, clear_row);
  g_array_set_clear_func (report->by_product, clear_row);
  for (guint i = 0; i < G_N_ELEMENTS (risky); i++)
    {
      add_row (report->by_product, risky[i], "safe");
      add_row (report->by_product, "SKU-SAFE", risky[i]);
    }
  add_row (report->by_product, "a=b", "1-2 @home");

  csv = th_report_to_csv (report);
  text = g_strndup (g_bytes_get_data (csv, NULL), g_bytes_get_size (csv));
  for (guint i = 0; i < G_N_ELEMENTS (risky); i++)
    {
      g_autofree char *as_key = g_strdup_printf ("\r\n%s,%s,safe,", _("Product"), quoted[i]);
      g_autofree char *as_label = g_strdup_printf ("\r\n%s,SKU-SAFE,%s,", _("Product"), quoted[i]);

      g_test_message ("%s", risky[i]);
      g_assert_nonnull (strstr (text, as_key));
      g_assert_nonnull (strstr (text, as_label));
    }
  g_assert_nonnull (strstr (text, ",a=b,1-2 @home,"));
}

static GBytes *
fixture_csv (void)
{
  g_autofree char *path = th_test_data_path ("aftersales-2026-11.csv");
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_bytes_new_take (g_steal_pointer (&contents), len);
}

static void
test_csv (ThTestFixture *f,
          gconstpointer  data)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (8 * 3600);
  g_autoptr(GError) error = NULL;
  g_autoptr(ThReport) report = th_report_month (f->db, 2026, 11, tz, &error);
  g_autoptr(GBytes) csv = th_report_to_csv (report);
  g_autoptr(GBytes) expected = fixture_csv ();
  g_auto(GStrv) rows = NULL;
  const char *text;
  gsize len;

  /* It opens as UTF-8: a byte order mark, then valid UTF-8. */
  text = g_bytes_get_data (csv, &len);
  g_assert_cmpuint (len, >, 3);
  g_assert_cmpmem (text, 3, "\xEF\xBB\xBF", 3);
  g_assert_true (g_utf8_validate_len (text, len, NULL));

  /* With the right rows: the hand-computed file, byte for byte. */
  rows = g_strsplit (text + 3, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (rows), ==, 12);   /* 11 rows and the empty tail */
  g_assert_cmpstr (rows[7], ==, "Product,SKU-EGG-30,\"土鸡蛋 30枚, 散养\",1,2,37.80");
  g_assert_cmpstr (rows[9], ==, "Product,SKU-JAM-200,\"'@果酱 200g\",1,0,0.00");
  g_assert_true (g_bytes_equal (csv, expected));
}

static void
test_cli (ThTestFixture *f,
          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "november.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) expected = fixture_csv ();
  gsize len;

  {
    g_auto(ThTestRun) r = { 0 };
    JsonObject *o;
    th_test_cli (f, &r, "report", "aftersales", "--month", "2026-11", "--csv", path, "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    o = json_node_get_object (r.json);
    g_assert_cmpstr (json_object_get_string_member (o, "month"), ==, "2026-11");
    g_assert_cmpint (json_object_get_int_member (o, "refund_amount"), ==, 6360);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "by_product")), ==, 3);
  }
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpmem (contents, len, g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "report", "aftersales", "--month", "2026-13", NULL);
    g_assert_cmpint (r.status, ==, 2);
  }
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "report", "aftersales", "--month", "2026-11", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "¥63.60"));
  }
}

int
main (int argc, char *argv[])
{
  /* The CLI reads months in the station's local time. */
  g_setenv ("TZ", "CST-8", TRUE);
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add (path, ThTestFixture, NULL, set_up, func, th_test_fixture_tear_down)
  ADD ("/tihuo/report/month", test_month);
  ADD ("/tihuo/report/month-edges", test_month_edges);
  ADD ("/tihuo/report/csv", test_csv);
  ADD ("/tihuo/report/csv-formulas", test_csv_formulas);
  ADD ("/tihuo/report/cli", test_cli);
#undef ADD
  return g_test_run ();
}
