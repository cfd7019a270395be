/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The refund dialog at the counter: the plan shown as lines are picked,
 * approval above the threshold, a wrong approver PIN, and the refund with
 * its `refund` event once recorded, under the signed-in cashier's name. */
#include "config.h"

#include "th-counter-page.h"
#include "th-refund-dialog.h"
#include "th-refund-line-row.h"
#include "th-staff-test-util.h"

typedef ThGuiFixture Fixture;

static void
set_up (Fixture       *f,
        gconstpointer  data)
{
  th_gui_fixture_set_up (f, data);
  th_staff_test_add_team (f);
}

static ThRefundDialog *
open_dialog (Fixture *f,
             ThOrder *order)
{
  th_window_show_order (f->window, order->id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.refund-order", NULL));
  return g_object_ref (th_staff_test_find_window (TH_TYPE_REFUND_DIALOG));
}

static ThRefundLineRow *
line_row (ThRefundDialog *dialog,
          guint           n)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (th_refund_dialog_get_lines (dialog), (int) n);

  g_assert_true (TH_IS_REFUND_LINE_ROW (row));
  return TH_REFUND_LINE_ROW (row);
}

static gboolean
dialog_idle (gpointer data)
{
  return !th_refund_dialog_get_busy (data);
}

static void
test_plan (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(ThOrder) order = th_staff_test_open_order (f, 2);
  ThOrderLine *l = &g_array_index (order->lines, ThOrderLine, 0);
  ThRefundDialog *dialog;
  ThRefund *plan;

  th_staff_test_sign_in_as (f, TH_TEST_CASHIER);
  dialog = open_dialog (f, order);

  /* Nothing picked yet: nothing to record. */
  g_assert_null (th_refund_dialog_get_plan (dialog));
  g_assert_false (th_refund_dialog_get_can_submit (dialog));

  /* Ticking a line offers all of it, at quantity × unit price. */
  th_refund_line_row_set_included (line_row (dialog, 0), TRUE);
  plan = th_refund_dialog_get_plan (dialog);
  g_assert_nonnull (plan);
  g_assert_cmpint (plan->amount, ==, (gint64) l->qty * l->unit_price);
  g_assert_cmpstr (plan->staff, ==, TH_TEST_CASHIER);

  /* A typed amount; then one too many yuan for the line: the core says no. */
  th_refund_line_row_set_amount (line_row (dialog, 0), "0.50");
  g_assert_cmpint (th_refund_dialog_get_plan (dialog)->amount, ==, 50);
  g_assert_true (th_refund_dialog_get_can_submit (dialog));
  th_refund_line_row_set_amount (line_row (dialog, 0), "99999");
  g_assert_null (th_refund_dialog_get_plan (dialog));
  g_assert_nonnull (strstr (th_refund_dialog_get_message (dialog), "exceed"));
  g_assert_false (th_refund_dialog_get_can_submit (dialog));
  th_refund_line_row_set_amount (line_row (dialog, 0), "12.345");
  g_assert_null (th_refund_dialog_get_plan (dialog));

  th_staff_test_close (dialog);
}

static void
test_approval (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(ThOrder) order = th_staff_test_open_order (f, 1);
  g_autofree char *threshold = NULL;
  g_autoptr(ThRefund) refund = NULL;
  ThOrderLine *l = &g_array_index (order->lines, ThOrderLine, 0);
  gint64 full = (gint64) l->qty * l->unit_price;
  ThRefundDialog *dialog;
  ThRefund *plan;

  /* Whatever the demo's prices, this line is above the threshold. */
  threshold = g_strdup_printf ("%" G_GINT64_FORMAT, full - 1);
  th_test_set_policy (f->base.db, "refund-approval-threshold", threshold);
  th_staff_test_sign_in_as (f, TH_TEST_CASHIER);
  dialog = open_dialog (f, order);
  th_refund_dialog_set_reason (dialog, TH_REASON_SPOILED);
  th_refund_dialog_set_note (dialog, "草莓压坏了");
  th_refund_line_row_set_included (line_row (dialog, 0), TRUE);

  plan = th_refund_dialog_get_plan (dialog);
  g_assert_nonnull (plan);
  g_assert_cmpint (plan->approval & TH_APPROVAL_OVER_THRESHOLD, !=, 0);
  g_assert_false (th_refund_dialog_get_can_submit (dialog));

  /* A wrong PIN: refused by the core, nothing recorded. */
  g_assert_true (th_refund_dialog_set_approver (dialog, TH_TEST_SUPERVISOR, "0000"));
  g_assert_true (th_refund_dialog_get_can_submit (dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "refund.submit", NULL));
  g_assert_true (th_refund_dialog_get_busy (dialog));
  th_staff_test_wait (dialog_idle, dialog, "the refund to be refused");
  g_assert_null (th_refund_dialog_get_refund (dialog));
  g_assert_cmpint (th_test_query_int (f->base.db, "SELECT count(*) FROM refunds"), ==, 0);

  /* A cashier cannot approve, even with the right PIN. */
  g_assert_false (th_refund_dialog_set_approver (dialog, TH_TEST_CASHIER, TH_TEST_CASHIER_PIN));

  g_assert_true (th_refund_dialog_set_approver (dialog, TH_TEST_SUPERVISOR, TH_TEST_SUPERVISOR_PIN));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "refund.submit", NULL));
  th_staff_test_wait (dialog_idle, dialog, "the refund");

  g_assert_nonnull (th_refund_dialog_get_refund (dialog));
  refund = th_refund_ref (th_refund_dialog_get_refund (dialog));
  g_assert_cmpint (refund->amount, ==, full);
  g_assert_cmpstr (refund->staff, ==, TH_TEST_CASHIER);
  g_assert_cmpstr (refund->approved_by, ==, TH_TEST_SUPERVISOR);
  g_assert_cmpint (refund->reason, ==, TH_REASON_SPOILED);
  g_assert_cmpstr (refund->note, ==, "草莓压坏了");
  g_assert_cmpint (th_test_query_int (f->base.db, "SELECT count(*) FROM outbox WHERE type = 'refund'"), ==, 1);
  g_assert_cmpint (th_test_query_int (f->base.db, "SELECT count(*) FROM outbox WHERE type = 'refund' AND "
                                                  "json_extract (body, '$.staff') = 'cash'"), ==, 1);
  /* Recorded: the form is done, and the slip can be had. */
  g_assert_false (th_refund_dialog_get_can_submit (dialog));

  th_staff_test_close (dialog);
}

static void
test_lock_closes (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(ThOrder) order = th_staff_test_open_order (f, 1);
  ThRefundDialog *dialog = open_dialog (f, order);

  /* Whoever comes next must not find someone else's refund half-made. */
  th_session_lock (th_context_get_session (th_window_get_context (f->window)));
  th_gui_spin (50);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_finalize_object (dialog);
}

int
main (int   argc,
      char *argv[])
{
  th_gui_test_init (&argc, &argv);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, set_up, fn, th_gui_fixture_tear_down)
  ADD ("/tihuo/refund-dialog/plan", test_plan);
  ADD ("/tihuo/refund-dialog/approval", test_approval);
  ADD ("/tihuo/refund-dialog/lock-closes", test_lock_closes);
#undef ADD

  return g_test_run ();
}
