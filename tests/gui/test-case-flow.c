/* SPDX-License-Identifier: GPL-3.0-or-later */
/* After-sales in the window: a case opened from an order with a photo,
 * responded to and resolved from the ledger, each step with its event; the
 * overdue badge; the ledger's filters; and the monthly summary with its
 * chart and CSV. */
#include "config.h"

#include <glib/gstdio.h>

#include "th-bar-chart.h"
#include "th-case-dialog.h"
#include "th-case-window.h"
#include "th-ledger-page.h"
#include "th-staff-test-util.h"
#include "th-summary-page.h"
#include "th-time.h"

typedef ThGuiFixture Fixture;

static void
set_up (Fixture       *f,
        gconstpointer  data)
{
  th_gui_fixture_set_up (f, data);
  th_staff_test_add_team (f);
}

static ThLedgerPage *
ledger (Fixture *f)
{
  return TH_LEDGER_PAGE (th_window_get_ledger_page (f->window));
}

static char *
write_file (Fixture    *f,
            const char *name,
            gboolean    png)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->base.dir, name, NULL);

  if (png)
    {
      g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 16, 16);

      gdk_pixbuf_fill (pixbuf, 0xc01c28ff);
      g_assert_true (gdk_pixbuf_save (pixbuf, path, "png", &error, NULL));
    }
  else
    g_assert_true (g_file_set_contents (path, "not a photo at all", -1, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static gboolean
case_dialog_idle (gpointer data)
{
  return !th_case_dialog_get_busy (data);
}

/* A case straight through the core, opened @ago seconds ago. */
static ThCase *
open_case_at (Fixture    *f,
              ThOrder    *order,
              ThReason    category,
              const char *description,
              gint64      ago)
{
  g_autoptr(GError) error = NULL;
  ThLineQty line = { g_array_index (order->lines, ThOrderLine, 0).line, 1 };
  ThCaseRequest request = { order->id, category, description, &line, 1, NULL, TH_TEST_LEADER };
  ThCase *c = th_case_open (f->base.db, &request, NULL, th_time_now () - ago, &error);

  g_assert_no_error (error);
  return c;
}

static void
test_open_from_order (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(ThOrder) order = th_staff_test_open_order (f, 1);
  g_autofree char *photo = write_file (f, "strawberries.png", TRUE);
  g_autofree char *text = write_file (f, "notes.png", FALSE);
  g_autoptr(GFile) photo_file = g_file_new_for_path (photo);
  g_autoptr(GFile) text_file = g_file_new_for_path (text);
  g_autofree char *photo_dir = th_case_default_photo_dir (f->base.db);
  g_autofree char *stored = NULL;
  ThCaseDialog *dialog;
  ThCase *c;

  th_staff_test_sign_in_as (f, TH_TEST_CASHIER);
  th_window_show_order (f->window, order->id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-case", NULL));
  dialog = g_object_ref (th_staff_test_find_window (TH_TYPE_CASE_DIALOG));

  th_case_dialog_set_category (dialog, TH_REASON_SPOILED);
  g_assert_true (th_case_dialog_set_line (dialog, g_array_index (order->lines, ThOrderLine, 0).line, 1));
  th_case_dialog_set_description (dialog, "两颗草莓烂了");

  /* A document named like a photo is refused, in the core's words. */
  th_case_dialog_add_photo (dialog, text_file);
  th_staff_test_wait (case_dialog_idle, dialog, "the refused photo");
  g_assert_nonnull (strstr (th_case_dialog_get_error (dialog), "is not a photo"));
  th_case_dialog_add_photo (dialog, photo_file);
  th_staff_test_wait (case_dialog_idle, dialog, "the photo");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "case.submit", NULL));
  th_staff_test_wait (case_dialog_idle, dialog, "the case");
  c = th_case_dialog_get_case (dialog);
  g_assert_nonnull (c);
  g_assert_cmpint (c->status, ==, TH_CASE_OPEN);
  g_assert_cmpint (c->order_id, ==, order->id);
  g_assert_cmpstr (c->opened_by, ==, TH_TEST_CASHIER);
  g_assert_cmpuint (c->lines->len, ==, 1);
  g_assert_cmpuint (c->photos->len, ==, 1);
  stored = g_build_filename (photo_dir, g_array_index (c->photos, ThCasePhoto, 0).sha256, NULL);
  g_assert_true (g_file_test (stored, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (th_test_query_int (f->base.db, "SELECT count(*) FROM outbox WHERE type = 'aftersales_opened'"),
                   ==, 1);

  /* The dialog closes itself; the ledger shows the case. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_finalize_object (dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s", "ledger"));
  g_assert_cmpuint (th_gui_count_rows (th_ledger_page_get_list (ledger (f))), ==, 1);
  g_unlink (stored);
}

static void
test_workflow (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(ThOrder) order = th_staff_test_open_order (f, 1);
  g_autoptr(ThCase) late = open_case_at (f, order, TH_REASON_MISSING, "少了一盒鸡蛋", 2 * 3600);
  g_autoptr(ThCase) fresh = open_case_at (f, order, TH_REASON_QUALITY, "苹果有点软", 60);
  AdwViewStack *stack;
  ThCaseWindow *window;
  ThCase *c;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s", "ledger"));
  g_assert_cmpuint (th_gui_count_rows (th_ledger_page_get_list (ledger (f))), ==, 2);

  /* One is past its hour to respond: the badge counts it. */
  g_assert_cmpuint (th_ledger_page_get_n_overdue (ledger (f)), ==, 1);
  stack = ADW_VIEW_STACK (gtk_widget_get_ancestor (GTK_WIDGET (ledger (f)), ADW_TYPE_VIEW_STACK));
  g_assert_cmpuint (adw_view_stack_page_get_badge_number (adw_view_stack_get_page (stack, GTK_WIDGET (ledger (f)))),
                    ==, 1);

  /* Filters and search, done by the core. */
  th_ledger_page_set_filters (ledger (f), -1, -1, NULL, TH_LEDGER_ANY_TIME, TRUE);
  g_assert_cmpuint (th_gui_count_rows (th_ledger_page_get_list (ledger (f))), ==, 1);
  th_ledger_page_set_filters (ledger (f), TH_CASE_RESOLVED, -1, NULL, TH_LEDGER_TODAY, FALSE);
  g_assert_cmpuint (th_gui_count_rows (th_ledger_page_get_list (ledger (f))), ==, 0);
  th_ledger_page_set_filters (ledger (f), -1, TH_REASON_QUALITY, g_array_index (order->lines, ThOrderLine, 0).sku,
                              TH_LEDGER_THIS_MONTH, FALSE);
  g_assert_cmpuint (th_gui_count_rows (th_ledger_page_get_list (ledger (f))), ==, 1);
  th_ledger_page_set_filters (ledger (f), -1, -1, NULL, TH_LEDGER_ANY_TIME, FALSE);
  th_ledger_page_set_search (ledger (f), "鸡蛋");
  g_assert_cmpuint (th_gui_count_rows (th_ledger_page_get_list (ledger (f))), ==, 1);
  th_ledger_page_set_search (ledger (f), "");

  /* Respond with the button, then resolve with a replacement. */
  window = TH_CASE_WINDOW (g_object_ref (th_ledger_page_open_case (ledger (f), late->id)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "case.respond", NULL));
  c = th_case_window_get_case (window);
  g_assert_cmpint (c->status, ==, TH_CASE_RESPONDED);
  g_assert_cmpstr (c->responded_by, ==, TH_TEST_LEADER);
  g_assert_cmpuint (th_ledger_page_get_n_overdue (ledger (f)), ==, 0);

  /* A refund resolution needs a refund of this order first. */
  g_assert_false (th_case_window_step (window, TH_CASE_RESOLVED, TH_RESOLUTION_REFUND, NULL, NULL, NULL));
  g_assert_true (th_case_window_step (window, TH_CASE_RESOLVED, TH_RESOLUTION_REPLACEMENT, NULL, "明天补发", NULL));
  c = th_case_window_get_case (window);
  g_assert_cmpint (c->status, ==, TH_CASE_RESOLVED);
  g_assert_cmpint (c->resolution, ==, TH_RESOLUTION_REPLACEMENT);
  g_assert_cmpint (th_test_query_int (f->base.db, "SELECT count(*) FROM outbox WHERE type = 'aftersales_updated'"),
                   ==, 2);
  g_assert_cmpint (th_test_query_int (f->base.db, "SELECT count(*) FROM outbox WHERE type = 'aftersales_updated' "
                                                  "AND json_extract (body, '$.data.status') = 'resolved' "
                                                  "AND json_extract (body, '$.data.resolution') = 'replacement'"),
                   ==, 1);
  /* Closed: no more steps offered. */
  gtk_widget_activate_action (GTK_WIDGET (window), "case.reject", NULL);
  g_assert_cmpint (th_case_window_get_case (window)->status, ==, TH_CASE_RESOLVED);
  th_staff_test_close (window);

  th_ledger_page_set_filters (ledger (f), TH_CASE_RESOLVED, -1, NULL, TH_LEDGER_ANY_TIME, FALSE);
  g_assert_cmpuint (th_gui_count_rows (th_ledger_page_get_list (ledger (f))), ==, 1);
  (void) fresh;
}

static void
test_summary (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThOrder) order = th_staff_test_open_order (f, 1);
  g_autoptr(ThCase) c = open_case_at (f, order, TH_REASON_DAMAGED, "盒子压扁了", 0);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *csv_path = g_build_filename (f->base.dir, "summary.csv", NULL);
  g_autofree char *csv = NULL;
  ThSummaryPage *page = TH_SUMMARY_PAGE (th_window_get_summary_page (f->window));
  const ThReport *report;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s", "summary"));
  th_summary_page_set_month (page, g_date_time_get_year (now), g_date_time_get_month (now));
  report = th_summary_page_get_report (page);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->n_cases, ==, 1);
  g_assert_cmpuint (g_array_index (report->by_category, ThReportRow, TH_REASON_DAMAGED).n_cases, ==, 1);
  /* Every category has its bars; by product, only products with cases. */
  g_assert_cmpuint (th_bar_chart_get_n_rows (TH_BAR_CHART (th_summary_page_get_chart (page))), ==, TH_REASON_COUNT);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "summary.view", "s", "product"));
  g_assert_cmpuint (th_bar_chart_get_n_rows (TH_BAR_CHART (th_summary_page_get_chart (page))), ==, 1);

  g_assert_true (th_summary_page_export_csv (page, csv_path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  g_assert_true (g_str_has_prefix (csv, "\xEF\xBB\xBF"));
  g_assert_nonnull (strstr (csv, g_array_index (order->lines, ThOrderLine, 0).sku));
  g_unlink (csv_path);

  /* The month before has nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "summary.previous", NULL));
  g_assert_cmpuint (th_summary_page_get_report (page)->n_cases, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  th_gui_test_init (&argc, &argv);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, set_up, fn, th_gui_fixture_tear_down)
  ADD ("/tihuo/case-flow/open-from-order", test_open_from_order);
  ADD ("/tihuo/case-flow/workflow", test_workflow);
  ADD ("/tihuo/case-flow/summary", test_summary);
#undef ADD

  return g_test_run ();
}
