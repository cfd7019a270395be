/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ThContext without a display: the policy it reads, who it says records the
 * work, and which sync it runs. */
#include "config.h"

#include "th-context.h"
#include "th-test-aftersales.h"
#include "th-test-util.h"

typedef ThTestFixture Fixture;

static gint64 fake_now;

static gint64
fake_clock (gpointer user_data)
{
  return fake_now;
}

static void
test_policy (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(ThContext) context = th_context_new (f->db);
  g_autoptr(ThStaff) staff = NULL;
  g_autoptr(GError) error = NULL;
  ThSession *session = th_context_get_session (context);
  ThPolicy policy;
  ThCaseDeadlines deadlines;

  /* The station's policy, from its database: the defaults first. Only its
   * leader changes it. */
  th_test_add_staff (f->db, TH_TEST_LEADER, TH_STAFF_ROLE_LEADER, TH_TEST_LEADER_PIN);
  th_context_get_policy (context, &policy);
  g_assert_cmpint (policy.refund_approval_threshold, ==, TH_POLICY_DEFAULT_REFUND_APPROVAL_THRESHOLD);
  g_assert_cmpint (policy.cashier_daily_cap, ==, TH_POLICY_DEFAULT_CASHIER_DAILY_CAP);
  th_test_set_policy (f->db, "case-respond-minutes", "30");
  th_test_set_policy (f->db, "case-resolve-hours", "48");
  th_test_set_policy (f->db, "refund-approval-threshold", "8000");
  th_context_get_policy (context, &policy);
  g_assert_cmpint (policy.refund_approval_threshold, ==, 8000);
  th_context_get_deadlines (context, &deadlines);
  g_assert_cmpint (deadlines.respond_seconds, ==, 30 * 60);
  g_assert_cmpint (deadlines.resolve_seconds, ==, 48 * 3600);

  /* Nobody signed in records as "", then the staff member's name. */
  g_autofree char *nobody = th_context_dup_staff_name (context);
  g_autofree char *name = NULL;

  g_assert_cmpstr (nobody, ==, "");
  staff = th_staff_add (f->db, "wang", TH_STAFF_ROLE_LEADER, "2468", TH_TEST_LEADER, TH_TEST_LEADER_PIN,
                        TH_PIN_COST_MIN, TH_TEST_NOW, &error);
  g_assert_no_error (error);
  fake_now = 0;
  th_session_set_clock (session, fake_clock, NULL);
  /* A sign-in reads the station's idle lock afresh. */
  th_test_set_policy (f->db, "lock-idle-minutes", "0");
  th_session_set_staff (session, staff);
  name = th_context_dup_staff_name (context);
  g_assert_cmpstr (name, ==, "wang");
  fake_now = (gint64) 60 * 60 * G_USEC_PER_SEC;
  g_assert_false (th_session_check_idle (session));

  /* A leader's change reaches the session when the policy is reloaded. */
  th_test_set_policy (f->db, "lock-idle-minutes", "5");
  g_assert_cmpuint (th_context_get_lock_idle_minutes (context), ==, 5);
  th_context_reload_policy (context);
  fake_now += (gint64) 4 * 60 * G_USEC_PER_SEC;
  g_assert_false (th_session_check_idle (session));
  fake_now += (gint64) 2 * 60 * G_USEC_PER_SEC;
  g_assert_true (th_session_check_idle (session));
  g_assert_false (th_session_get_signed_in (session));
}

static void
problem_cb (ThContext  *context,
            const char *title,
            const char *detail,
            gpointer    user_data)
{
  g_free (*(char **) user_data);
  *(char **) user_data = g_strdup (title ? title : "(none)");
}

static void
test_sync (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(ThContext) context = th_context_new (NULL);
  g_autofree char *problem = NULL;
  g_autofree char *token = NULL;

  g_signal_connect (context, "sync-problem", G_CALLBACK (problem_cb), &problem);
  g_settings_set_string (settings, "server-url", "");

  /* No station yet: nothing to say. With it and no address: not set up. */
  th_context_connect_sync (context);
  g_assert_null (problem);
  th_context_set_db (context, f->db);
  g_assert_true (th_context_get_db (context) == f->db);
  g_assert_cmpstr (problem, ==, "(none)");
  g_assert_null (th_context_get_sync_client (context));

  /* An address sync refuses says so, and runs no client. */
  g_settings_set_string (settings, "server-url", "ftp://example.com");
  g_assert_cmpstr (problem, ==, "Sync Address Refused");
  g_assert_cmpstr (th_context_get_sync_problem_title (context), ==, "Sync Address Refused");
  g_assert_null (th_context_get_sync_client (context));

  /* A token entered in Preferences is kept for its address only. */
  th_context_set_sync_token (context, "https://platform.example", "secret-token");
  token = th_context_dup_sync_token (context, "https://platform.example");
  g_assert_cmpstr (token, ==, "secret-token");
  g_assert_null (th_context_dup_sync_token (context, "https://other.example"));

  /* Pinned (the demo), the settings no longer apply. */
  th_context_pin_sync (context);
  g_assert_true (th_context_get_sync_pinned (context));
  g_clear_pointer (&problem, g_free);
  g_settings_set_string (settings, "server-url", "ftp://still-refused.example");
  g_assert_null (problem);
  g_settings_reset (settings, "server-url");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/tihuo/context/policy", Fixture, NULL, th_test_fixture_set_up, test_policy,
              th_test_fixture_tear_down);
  g_test_add ("/tihuo/context/sync", Fixture, NULL, th_test_fixture_set_up, test_sync,
              th_test_fixture_tear_down);

  return g_test_run ();
}
