/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The station policy (issue 10, item 7): its defaults are the old GSettings
 * defaults; only a leader changes it, with their PIN and within range, each
 * change audited with the old and new value; refunds and case deadlines
 * read it from the station, not from their caller. */
#include "config.h"

#include "th-audit.h"
#include "th-case.h"
#include "th-error.h"
#include "th-refund.h"
#include "th-test-aftersales.h"

static const ThTestItem items[] = {
  { "SKU-STRAW-500", "丹东草莓 500g", 2, 1290 },
  { "SKU-EGG-30", "土鸡蛋 30枚", 2, 3280 },
};

static void
set_up (ThTestFixture *f,
        gconstpointer  data)
{
  g_autoptr(JsonNode) order = th_test_make_order_items (1, 2 * 1290 + 2 * 3280, 1, items, G_N_ELEMENTS (items));

  th_test_fixture_set_up (f, data);
  th_test_add_staff (f->db, TH_TEST_LEADER, TH_STAFF_ROLE_LEADER, TH_TEST_LEADER_PIN);
  th_test_add_staff (f->db, "sup", TH_STAFF_ROLE_SUPERVISOR, "3333");
  th_test_add_staff (f->db, "cash", TH_STAFF_ROLE_CASHIER, "2222");
  th_test_import (f->db, order);
}

static ThPolicy
load (ThTestFixture *f)
{
  g_autoptr(GError) error = NULL;
  ThPolicy policy;

  g_assert_true (th_policy_load (f->db, &policy, &error));
  g_assert_no_error (error);
  return policy;
}

static void
test_defaults (ThTestFixture *f,
               gconstpointer  data)
{
  ThPolicy policy = load (f);

  /* What io.github.tihuo.Station.gschema.xml held before migration 0004. */
  g_assert_cmpint (policy.refund_approval_threshold, ==, 5000);
  g_assert_cmpint (policy.cashier_daily_cap, ==, 20000);
  g_assert_cmpint (policy.lock_idle_minutes, ==, 5);
  g_assert_cmpint (policy.case_respond_minutes, ==, 60);
  g_assert_cmpint (policy.case_resolve_hours, ==, 24);
  g_assert_false (policy.cli_trusted);
  g_assert_cmpint (th_test_scalar (f->db, "SELECT count(*) FROM station_settings"), ==, 0);

  for (guint i = 0; i < TH_POLICY_N_SETTINGS; i++)
    {
      const ThPolicyInfo *info = th_policy_get_info (i);

      g_assert_true (th_policy_lookup (info->name, NULL) == info);
      g_assert_cmpint (th_policy_get_value (&policy, i), ==, info->default_value);
    }
}

static void
test_change (ThTestFixture *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* Not a leader; a wrong PIN; no PIN; out of range; not a setting. */
  g_assert_false (th_policy_change (f->db, "refund-approval-threshold", "99999999", "cash", "2222", TH_TEST_NOW, &error));
  g_assert_error (error, TH_ERROR, TH_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_false (th_policy_change (f->db, "refund-approval-threshold", "99999999", "sup", "3333", TH_TEST_NOW, &error));
  g_assert_error (error, TH_ERROR, TH_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_false (th_policy_change (f->db, "refund-approval-threshold", "99999999", TH_TEST_LEADER, "9999",
                                    TH_TEST_NOW, &error));
  g_assert_error (error, TH_ERROR, TH_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_false (th_policy_change (f->db, "refund-approval-threshold", "99999999", NULL, NULL, TH_TEST_NOW, &error));
  g_assert_error (error, TH_ERROR, TH_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_false (th_policy_change (f->db, "lock-idle-minutes", "481", TH_TEST_LEADER, TH_TEST_LEADER_PIN,
                                    TH_TEST_NOW, &error));
  g_assert_error (error, TH_ERROR, TH_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "0 to 480"));
  g_clear_error (&error);
  g_assert_false (th_policy_change (f->db, "case-respond-minutes", "0", TH_TEST_LEADER, TH_TEST_LEADER_PIN,
                                    TH_TEST_NOW, &error));
  g_assert_error (error, TH_ERROR, TH_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (th_policy_change (f->db, "cashier-daily-cap", "-1", TH_TEST_LEADER, TH_TEST_LEADER_PIN,
                                    TH_TEST_NOW, &error));
  g_assert_error (error, TH_ERROR, TH_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (th_policy_change (f->db, "discount-limit", "1", TH_TEST_LEADER, TH_TEST_LEADER_PIN,
                                    TH_TEST_NOW, &error));
  g_assert_error (error, TH_ERROR, TH_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (th_test_scalar (f->db, "SELECT count(*) FROM station_settings"), ==, 0);
  g_assert_cmpint (th_test_scalar (f->db, "SELECT count(*) FROM audit_log WHERE action = 'setting_changed'"), ==, 0);

  g_assert_true (th_policy_change (f->db, "cashier-daily-cap", "3000", TH_TEST_LEADER, TH_TEST_LEADER_PIN,
                                   TH_TEST_NOW, &error));
  g_assert_no_error (error);
  g_assert_true (th_policy_change (f->db, "cashier-daily-cap", "4000", TH_TEST_LEADER, TH_TEST_LEADER_PIN,
                                   TH_TEST_NOW + 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (load (f).cashier_daily_cap, ==, 4000);
  g_assert_cmpint (th_test_scalar (f->db, "SELECT count(*) FROM audit_log WHERE action = 'setting_changed' "
                                          "AND actor = 'lead' AND subject = 'setting:cashier-daily-cap' "
                                          "AND json_extract (detail, '$.old') = 20000 "
                                          "AND json_extract (detail, '$.new') = 3000"), ==, 1);
  g_assert_cmpint (th_test_scalar (f->db, "SELECT count(*) FROM audit_log WHERE action = 'setting_changed' "
                                          "AND json_extract (detail, '$.old') = 3000 "
                                          "AND json_extract (detail, '$.new') = 4000"), ==, 1);
  g_assert_true (th_audit_verify (f->db, NULL, &error));
  g_assert_no_error (error);

  /* Settings are changed, never deleted. */
  g_assert_false (th_db_exec (f->db, "DELETE FROM station_settings", NULL));
}

/* The refund rules use the station's limits as they are under the write
 * lock: there is no caller-supplied policy to pass any more. */
static void
test_refunds_follow_policy (ThTestFixture *f,
                            gconstpointer  data)
{
  const ThRefundLineRequest lines[] = { { 2, 2, -1 } };    /* ¥65.60 */
  ThRefundRequest request = { 1, lines, 1, TH_REASON_DAMAGED, NULL, "cash", NULL, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(ThRefund) plan = NULL;
  g_autoptr(ThRefund) refund = NULL;
  g_autofree char *why = NULL;

  plan = th_refund_plan (f->db, &request, TH_TEST_NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpint (plan->approval, ==, TH_APPROVAL_OVER_THRESHOLD);
  g_assert_cmpint (plan->approval_threshold, ==, 5000);
  g_assert_null (th_refund_create (f->db, &request, TH_TEST_NOW, &error));
  g_assert_error (error, TH_ERROR, TH_ERROR_REFUSED);
  g_clear_error (&error);

  th_test_set_policy (f->db, "refund-approval-threshold", "10000");
  th_test_set_policy (f->db, "cashier-daily-cap", "5000");
  g_clear_pointer (&plan, th_refund_unref);
  plan = th_refund_plan (f->db, &request, TH_TEST_NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpint (plan->approval, ==, TH_APPROVAL_OVER_DAILY_CAP);
  why = th_refund_describe_approval (plan);
  g_assert_nonnull (strstr (why, "50.00"));

  th_test_set_policy (f->db, "cashier-daily-cap", "100000");
  refund = th_refund_create (f->db, &request, TH_TEST_NOW, &error);
  g_assert_no_error (error);
  g_assert_null (refund->approved_by);
}

static void
test_case_deadlines_follow_policy (ThTestFixture *f,
                                   gconstpointer  data)
{
  ThCaseRequest request = { -1, TH_REASON_OTHER, "柜台投诉", NULL, 0, NULL, "cash" };
  ThCaseFilter filter = TH_CASE_FILTER_INIT;
  g_autoptr(GError) error = NULL;
  g_autoptr(ThCase) c = th_case_open (f->db, &request, NULL, TH_TEST_NOW, &error);
  g_autoptr(GPtrArray) list = NULL;
  ThCaseDeadlines deadlines;

  g_assert_no_error (error);
  g_assert_true (th_case_deadlines_load (f->db, &deadlines, &error));
  g_assert_cmpint (deadlines.respond_seconds, ==, 3600);
  g_assert_cmpint (deadlines.resolve_seconds, ==, 24 * 3600);

  filter.overdue_only = TRUE;
  filter.now = TH_TEST_NOW + 40 * 60;
  list = th_case_list (f->db, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);

  th_test_set_policy (f->db, "case-respond-minutes", "30");
  g_clear_pointer (&list, g_ptr_array_unref);
  list = th_case_list (f->db, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_true (th_case_deadlines_load (f->db, &deadlines, &error));
  g_assert_cmpint (deadlines.respond_seconds, ==, 1800);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add (path, ThTestFixture, NULL, set_up, func, th_test_fixture_tear_down)
  ADD ("/tihuo/policy/defaults", test_defaults);
  ADD ("/tihuo/policy/change", test_change);
  ADD ("/tihuo/policy/refunds", test_refunds_follow_policy);
  ADD ("/tihuo/policy/case-deadlines", test_case_deadlines_follow_policy);
#undef ADD
  return g_test_run ();
}
