/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Staff at the counter: signing in switches who is recorded on a
 * hand-over and its undo; wrong PINs and the lockout; the idle lock; and a
 * leader adding someone in the Staff dialog. */
#include "config.h"

#include "th-preferences-staff-page.h"
#include "th-sign-in-page.h"
#include "th-staff-dialog.h"
#include "th-staff-test-util.h"

typedef struct {
  ThGuiFixture  gui;
  gint64        clock_us;
} Fixture;

static void
set_up (Fixture       *f,
        gconstpointer  data)
{
  th_gui_fixture_set_up (&f->gui, data);
  th_staff_test_add_team (&f->gui);
}

static void
tear_down (Fixture       *f,
           gconstpointer  data)
{
  th_gui_fixture_tear_down (&f->gui, data);
}

static ThSignInPage *
sign_in_page (Fixture *f)
{
  return TH_SIGN_IN_PAGE (th_window_get_sign_in_page (f->gui.window));
}

static gboolean
page_idle (gpointer data)
{
  return !th_sign_in_page_get_busy (data);
}

static void
type_pin (Fixture    *f,
          const char *name,
          const char *pin)
{
  g_assert_true (th_sign_in_page_select (sign_in_page (f), name));
  th_sign_in_page_sign_in (sign_in_page (f), pin);
  th_staff_test_wait (page_idle, sign_in_page (f), "the PIN check");
}

static const char *
signed_in (Fixture *f)
{
  return th_session_get_staff_name (th_context_get_session (th_window_get_context (f->gui.window)));
}

static void
test_switch_staff (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(ThOrder) order = th_staff_test_open_order (&f->gui, 1);
  g_autofree char *query = NULL;
  gint64 n_collections = th_test_query_int (f->gui.base.db, "SELECT count(*) FROM collections");

  /* Ctrl+L: the counter locks, and scans do nothing until someone signs in. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->gui.window), "win.lock", NULL));
  g_assert_null (signed_in (f));
  g_assert_cmpstr (th_window_get_visible_page (f->gui.window), ==, "sign-in");
  gtk_widget_activate_action (GTK_WIDGET (f->gui.window), "win.hand-over", NULL);
  th_gui_wait_saved (f->gui.window);
  g_assert_cmpint (th_test_query_int (f->gui.base.db, "SELECT count(*) FROM collections"), ==, n_collections);
  th_window_scan (f->gui.window, th_gui_fixture_code (&f->gui, TH_DEMO_CODE_VALID, TRUE)->text);
  g_assert_cmpstr (th_window_get_visible_page (f->gui.window), ==, "sign-in");
  /* Whoever was last is offered first. */
  g_assert_cmpstr (th_sign_in_page_get_selected (sign_in_page (f)), ==, TH_TEST_LEADER);

  type_pin (f, TH_TEST_CASHIER, "9999");
  g_assert_nonnull (th_sign_in_page_get_error (sign_in_page (f)));
  g_assert_null (signed_in (f));
  g_assert_cmpstr (gtk_editable_get_text (th_sign_in_page_get_pin_entry (sign_in_page (f))), ==, "");

  /* The keypad types into the PIN field, as the keyboard does. */
  g_assert_true (th_sign_in_page_select (sign_in_page (f), TH_TEST_CASHIER));
  for (const char *p = TH_TEST_CASHIER_PIN; *p; p++)
    {
      char digit[2] = { *p, 0 };
      gtk_widget_activate_action (GTK_WIDGET (sign_in_page (f)), "signin.digit", "s", digit);
    }
  g_assert_cmpstr (gtk_editable_get_text (th_sign_in_page_get_pin_entry (sign_in_page (f))), ==, TH_TEST_CASHIER_PIN);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (sign_in_page (f)), "signin.submit", NULL));
  th_staff_test_wait (page_idle, sign_in_page (f), "the sign-in");
  g_assert_cmpstr (signed_in (f), ==, TH_TEST_CASHIER);
  g_assert_cmpstr (th_window_get_visible_page (f->gui.window), ==, "counter");

  /* The hand-over and its undo are the cashier's. */
  th_window_show_order (f->gui.window, order->id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->gui.window), "win.hand-over", NULL));
  th_gui_wait_saved (f->gui.window);
  query = g_strdup_printf ("SELECT count(*) FROM collections WHERE order_id = %" G_GINT64_FORMAT
                           " AND staff = 'cash'", order->id);
  g_assert_cmpint (th_test_query_int (f->gui.base.db, query), ==, 1);
  g_assert_cmpint (th_test_query_int (f->gui.base.db, "SELECT count(*) FROM outbox WHERE type = 'collected' "
                                                      "AND json_extract (body, '$.staff') = 'cash'"), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->gui.window), "win.undo-last", NULL));
  th_gui_wait_saved (f->gui.window);
  g_assert_cmpint (th_test_query_int (f->gui.base.db, "SELECT count(*) FROM collections WHERE undone_by = 'cash'"),
                   ==, 1);
  /* The sign-in itself is audited. */
  g_assert_cmpint (th_test_query_int (f->gui.base.db, "SELECT count(*) FROM audit_log WHERE actor = 'cash'"), >=, 1);
}

static void
test_lockout (Fixture       *f,
              gconstpointer  data)
{
  gtk_widget_activate_action (GTK_WIDGET (f->gui.window), "win.lock", NULL);
  for (guint i = 0; i < TH_STAFF_MAX_FAILED_PINS; i++)
    type_pin (f, TH_TEST_CASHIER, "0000");
  g_assert_nonnull (strstr (th_sign_in_page_get_error (sign_in_page (f)), "locked"));

  /* Now even the right PIN is refused, with the same words. */
  type_pin (f, TH_TEST_CASHIER, TH_TEST_CASHIER_PIN);
  g_assert_null (signed_in (f));
  g_assert_nonnull (strstr (th_sign_in_page_get_error (sign_in_page (f)), "locked"));

  /* Someone else can still sign in. */
  type_pin (f, TH_TEST_LEADER, TH_TEST_LEADER_PIN);
  g_assert_cmpstr (signed_in (f), ==, TH_TEST_LEADER);
}

static gint64
fake_clock (gpointer user_data)
{
  return ((Fixture *) user_data)->clock_us;
}

static void
test_idle_lock (Fixture       *f,
                gconstpointer  data)
{
  ThContext *context = th_window_get_context (f->gui.window);
  ThSession *session = th_context_get_session (context);

  f->clock_us = (gint64) 1000 * G_USEC_PER_SEC;
  th_session_set_clock (session, fake_clock, f);
  /* The station's idle time, not a per-user setting (issue 10, item 7). */
  th_test_set_policy (f->gui.base.db, "lock-idle-minutes", "5");
  th_context_reload_policy (context);

  f->clock_us += (gint64) 4 * 60 * G_USEC_PER_SEC;
  g_assert_false (th_session_check_idle (session));
  /* Any input starts the wait again. */
  th_session_note_activity (session);
  f->clock_us += (gint64) 4 * 60 * G_USEC_PER_SEC;
  g_assert_false (th_session_check_idle (session));
  g_assert_cmpstr (th_window_get_visible_page (f->gui.window), ==, "counter");

  f->clock_us += (gint64) 61 * G_USEC_PER_SEC;
  g_assert_true (th_session_check_idle (session));
  g_assert_null (signed_in (f));
  g_assert_cmpstr (th_window_get_visible_page (f->gui.window), ==, "sign-in");

  /* 0 never locks. */
  type_pin (f, TH_TEST_LEADER, TH_TEST_LEADER_PIN);
  th_test_set_policy (f->gui.base.db, "lock-idle-minutes", "0");
  th_context_reload_policy (context);
  f->clock_us += (gint64) 600 * 60 * G_USEC_PER_SEC;
  g_assert_false (th_session_check_idle (session));
}

static gboolean
page_saved (gpointer data)
{
  return !th_preferences_staff_page_get_busy (data);
}

static gint64
policy_value (Fixture         *f,
              ThPolicySetting  setting)
{
  g_autoptr(GError) error = NULL;
  ThPolicy policy;

  g_assert_true (th_policy_load (f->gui.base.db, &policy, &error));
  g_assert_no_error (error);
  return th_policy_get_value (&policy, setting);
}

/* The Preferences rows show the station policy and change it only with the
 * signed-in leader's PIN, each change audited (issue 10, item 7). */
static void
test_policy_preferences (Fixture       *f,
                         gconstpointer  data)
{
  ThPreferencesStaffPage *page = TH_PREFERENCES_STAFF_PAGE (
    g_object_ref_sink (th_preferences_staff_page_new (th_window_get_context (f->gui.window))));
  GtkSpinButton *threshold = th_preferences_staff_page_get_spin (page, TH_POLICY_REFUND_APPROVAL_THRESHOLD);
  GtkSpinButton *lock = th_preferences_staff_page_get_spin (page, TH_POLICY_LOCK_IDLE_MINUTES);
  g_autofree char *audit_sql = g_strdup ("SELECT count(*) FROM audit_log WHERE action = 'setting_changed'");

  g_assert_cmpfloat (gtk_spin_button_get_value (threshold), ==, 50.0);
  g_assert_cmpfloat (gtk_spin_button_get_value (lock), ==, 5.0);

  gtk_spin_button_set_value (threshold, 80.0);
  gtk_spin_button_set_value (lock, 0.0);
  th_preferences_staff_page_save (page, "0000");
  th_staff_test_wait (page_saved, page, "the refused change");
  g_assert_nonnull (strstr (th_preferences_staff_page_get_status (page), "Wrong PIN"));
  g_assert_cmpint (policy_value (f, TH_POLICY_REFUND_APPROVAL_THRESHOLD), ==, 5000);
  g_assert_cmpint (th_test_scalar (f->gui.base.db, audit_sql), ==, 0);

  gtk_spin_button_set_value (threshold, 80.0);
  gtk_spin_button_set_value (lock, 0.0);
  th_preferences_staff_page_save (page, TH_TEST_LEADER_PIN);
  th_staff_test_wait (page_saved, page, "the change");
  g_assert_cmpint (policy_value (f, TH_POLICY_REFUND_APPROVAL_THRESHOLD), ==, 8000);
  g_assert_cmpint (policy_value (f, TH_POLICY_LOCK_IDLE_MINUTES), ==, 0);
  g_assert_cmpint (th_test_scalar (f->gui.base.db, audit_sql), ==, 2);

  /* A cashier signed in: refused before any PIN is checked. */
  th_staff_test_sign_in_as (&f->gui, TH_TEST_CASHIER);
  gtk_spin_button_set_value (threshold, 999.0);
  th_preferences_staff_page_save (page, TH_TEST_CASHIER_PIN);
  th_staff_test_wait (page_saved, page, "the cashier's change");
  g_assert_nonnull (strstr (th_preferences_staff_page_get_status (page), "Only the leader"));
  g_assert_cmpint (policy_value (f, TH_POLICY_REFUND_APPROVAL_THRESHOLD), ==, 8000);
  g_object_unref (page);
}

static gboolean
dialog_idle (gpointer data)
{
  return !th_staff_dialog_get_busy (data);
}

static void
test_manage_staff (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(ThStaff) added = NULL;
  ThStaffDialog *dialog;
  guint before;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->gui.window), "win.manage-staff", NULL));
  dialog = g_object_ref (th_staff_test_find_window (TH_TYPE_STAFF_DIALOG));
  before = th_gui_count_rows (th_staff_dialog_get_list (dialog));
  g_assert_cmpuint (before, ==, 3);

  th_staff_dialog_add (dialog, "新人", TH_STAFF_ROLE_CASHIER, "5555", "0000");
  th_staff_test_wait (dialog_idle, dialog, "the refused addition");
  g_assert_nonnull (th_staff_dialog_get_error (dialog));
  g_assert_cmpuint (th_gui_count_rows (th_staff_dialog_get_list (dialog)), ==, before);

  th_staff_dialog_add (dialog, "新人", TH_STAFF_ROLE_CASHIER, "5555", TH_TEST_LEADER_PIN);
  th_staff_test_wait (dialog_idle, dialog, "the addition");
  g_assert_null (th_staff_dialog_get_error (dialog));
  g_assert_cmpuint (th_gui_count_rows (th_staff_dialog_get_list (dialog)), ==, before + 1);
  added = th_staff_find (f->gui.base.db, "新人", NULL);
  g_assert_nonnull (added);
  g_assert_cmpstr (added->created_by, ==, TH_TEST_LEADER);

  th_staff_dialog_remove (dialog, "新人", TH_TEST_LEADER_PIN);
  th_staff_test_wait (dialog_idle, dialog, "the removal");
  g_assert_cmpuint (th_gui_count_rows (th_staff_dialog_get_list (dialog)), ==, before);
  th_staff_test_close (dialog);

  /* A cashier is not offered the Staff dialog at all. */
  th_staff_test_sign_in_as (&f->gui, TH_TEST_CASHIER);
  gtk_widget_activate_action (GTK_WIDGET (f->gui.window), "win.manage-staff", NULL);
  th_gui_spin (20);
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);
        g_assert_false (TH_IS_STAFF_DIALOG (window));
      }
  }
}

int
main (int   argc,
      char *argv[])
{
  th_gui_test_init (&argc, &argv);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, set_up, fn, tear_down)
  ADD ("/tihuo/staff-session/switch-staff", test_switch_staff);
  ADD ("/tihuo/staff-session/lockout", test_lockout);
  ADD ("/tihuo/staff-session/idle-lock", test_idle_lock);
  ADD ("/tihuo/staff-session/manage-staff", test_manage_staff);
  ADD ("/tihuo/staff-session/policy-preferences", test_policy_preferences);
#undef ADD

  return g_test_run ();
}
