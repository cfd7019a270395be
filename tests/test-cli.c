/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tihuo-cli end to end: real process, real database, exit statuses and the
 * stable JSON shapes. */
#include "config.h"

#include "th-json.h"
#include "th-test-aftersales.h"

static void
write_orders (ThTestFixture *f, const char *path)
{
  g_autoptr(JsonNode) a = th_test_make_order (1, "10000001", "1234", 2);
  g_autoptr(JsonNode) b = th_test_make_order (2, "10000002", "1234", 1);
  g_autoptr(JsonNode) c = th_test_make_order (3, "10000003", "5678", 1);
  g_autofree char *ta = th_json_to_string (a);
  g_autofree char *tb = th_json_to_string (b);
  g_autofree char *tc = th_json_to_string (c);
  g_autofree char *text = g_strdup_printf ("{\"orders\": [%s, %s, %s]}", ta, tb, tc);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

static void
test_flow (ThTestFixture *f,
           gconstpointer  data)
{
  g_autofree char *orders = g_build_filename (f->dir, "orders.json", NULL);
  g_autofree char *collection_id = NULL;
  g_autofree char *at = g_strdup_printf ("%d", TH_TEST_NOW);
  g_autofree char *later = g_strdup_printf ("%d", TH_TEST_NOW + 60);
  g_autofree char *pin = th_test_pin_file (f, "2468");
  JsonObject *o;

  th_test_add_staff (f->db, TH_TEST_LEADER, TH_STAFF_ROLE_LEADER, TH_TEST_LEADER_PIN);
  th_test_add_staff (f->db, "wang", TH_STAFF_ROLE_CASHIER, "2468");
  write_orders (f, orders);
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "import-orders", orders, "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (r.json), "new"), ==, 3);
  }
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "verify", "1000-0001", "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    o = json_node_get_object (r.json);
    g_assert_cmpstr (json_object_get_string_member (o, "verdict"), ==, "ok");
    g_assert_false (json_object_get_boolean_member (o, "provisional"));
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (o, "order"), "id"), ==, "1");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "remaining")), ==, 2);
  }
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "collect", "10000001", "--lines", "1:1", "--staff", "wang", "--pin-file", pin,
                 "--at", at, "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    o = json_node_get_object (r.json);
    g_assert_cmpstr (json_object_get_string_member (o, "verdict"), ==, "ok");
    collection_id = g_strdup (json_object_get_string_member (o, "collection_id"));
    g_assert_true (g_uuid_string_is_valid (collection_id));
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "remaining")), ==, 2);
  }
  {
    /* More than remains: refused, exit 1, with the reason on stderr. */
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "collect", "10000001", "--lines", "1:2", "--staff", "wang", "--pin-file", pin, NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "remain"));
  }
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "outbox", "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (r.json)), ==, 1);
    o = json_array_get_object_element (json_node_get_array (r.json), 0);
    g_assert_cmpstr (json_object_get_string_member (o, "id"), ==, collection_id);
    g_assert_cmpstr (json_object_get_string_member (o, "type"), ==, "collected");
    g_assert_cmpstr (json_object_get_string_member (o, "staff"), ==, "wang");
  }
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "undo", collection_id, "--reason", "给错了", "--staff", "wang", "--pin-file", pin,
                 "--at", later, NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "undo", collection_id, "--reason", "again", "--staff", "wang", "--pin-file", pin,
                 "--at", later, NULL);
    g_assert_cmpint (r.status, ==, 1);
  }
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "lookup", "--phone-tail", "1234", "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (r.json)), ==, 2);
    o = json_array_get_object_element (json_node_get_array (r.json), 0);
    g_assert_true (json_object_has_member (o, "items"));
    g_assert_true (json_object_has_member (o, "pickup_code"));
  }
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "lookup", "--phone-tail", "0000", NULL);
    g_assert_cmpint (r.status, ==, 1);
  }
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "lookup", "--name", "李", "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (r.json)), ==, 3);
  }
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "audit", "verify", NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
}

static void
test_verdict_exit_codes (ThTestFixture *f,
                         gconstpointer  data)
{
  g_autofree char *code = th_test_sign (f, 1, 99, 5);
  g_autofree char *at = g_strdup_printf ("%d", TH_TEST_NOW);
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "verify", code, "--at", at, "--json", NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (r.json), "verdict"), ==, "wrong_station");
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (r.json), "code_station_id"), ==, 99);
  }
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "verify", "garbage", NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.out, "malformed"));
  }
}

static void
test_errors (ThTestFixture *f,
             gconstpointer  data)
{
  g_autofree char *bad = g_build_filename (f->dir, "bad.json", NULL);

  g_assert_true (g_file_set_contents (bad, "{\"orders\": [1]}", -1, NULL));
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "import-orders", bad, NULL);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, "Entry 1"));
  }
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "import-orders", "/nonexistent/orders.json", NULL);
    g_assert_cmpint (r.status, ==, 2);
  }
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "verify", NULL);
    g_assert_cmpint (r.status, ==, 2);
  }
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "frobnicate", NULL);
    g_assert_cmpint (r.status, ==, 2);
  }
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "collect", "10000001", "--lines", "one", NULL);
    g_assert_cmpint (r.status, ==, 2);
  }
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "init", "--station", "7", NULL);
    g_assert_cmpint (r.status, ==, 2);
  }
}

/* Every date a person types is bounded: the edges are refused with a
 * message, never a GLib-CRITICAL, and the last month or day allowed works. */
static void
test_dates (ThTestFixture *f,
            gconstpointer  data)
{
  const char *bad_months[] = { "9999-12", "9999-01", "0001-01", "0000-00", "2026-13", "2026-00", "1969-12", "+202-11", "2026-1" };
  const char *bad_days[] = { "9999-12-31", "0001-01-01", "0000-00-00", "2026-13-01", "2026-02-30", "1969-12-31" };
  const char *bad_at[] = { "253370764800", "9223372036854775807", "-1" };

  for (guint i = 0; i < G_N_ELEMENTS (bad_months); i++)
    {
      g_auto(ThTestRun) r = { 0 };
      th_test_cli (f, &r, "report", "aftersales", "--month", bad_months[i], NULL);
      g_test_message ("--month %s: %d %s", bad_months[i], r.status, r.err);
      g_assert_cmpint (r.status, ==, 2);
      g_assert_nonnull (strstr (r.err, "--month"));
      g_assert_null (strstr (r.err, "CRITICAL"));
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad_days); i++)
    for (guint j = 0; j < 2; j++)
      {
        g_auto(ThTestRun) r = { 0 };
        th_test_cli (f, &r, "case", "list", j ? "--to" : "--from", bad_days[i], NULL);
        g_test_message ("case list %s: %d %s", bad_days[i], r.status, r.err);
        g_assert_cmpint (r.status, ==, 2);
        g_assert_null (strstr (r.err, "CRITICAL"));
      }
  for (guint i = 0; i < G_N_ELEMENTS (bad_at); i++)
    {
      g_auto(ThTestRun) r = { 0 };
      th_test_cli (f, &r, "case", "list", "--at", bad_at[i], NULL);
      g_test_message ("--at %s: %d %s", bad_at[i], r.status, r.err);
      g_assert_cmpint (r.status, ==, 2);
      g_assert_nonnull (strstr (r.err, "--at"));
    }

  /* The edges that are allowed. */
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "report", "aftersales", "--month", "9998-12", "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (r.json), "month"), ==, "9998-12");
  }
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "report", "aftersales", "--month", "1970-01", "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "case", "list", "--from", "1970-01-01", "--to", "9998-12-31", "--at", "253370764799", NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
}

static void
test_audit_tampered (ThTestFixture *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (th_db_exec (f->db, "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 2", &error));
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "audit", "verify", "--json", NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_false (json_object_get_boolean_member (json_node_get_object (r.json), "ok"));
    g_assert_nonnull (strstr (r.err, "entry 2"));
  }
}

static gint64
count_audit (ThTestFixture *f,
             const char    *action)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE action = '%s'", action);
  return th_test_scalar (f->db, sql);
}

/* Issue 10, item 8: collect and undo name a staff member who proves it with
 * a PIN, or a station a leader set to cli-trusted; never the login name. */
static void
test_staff_auth (ThTestFixture *f,
                 gconstpointer  data)
{
  g_autofree char *orders = g_build_filename (f->dir, "orders.json", NULL);
  g_autofree char *pin = th_test_pin_file (f, "2468");
  g_autofree char *wrong = th_test_pin_file (f, "9999");
  g_autofree char *leader_pin = th_test_pin_file (f, TH_TEST_LEADER_PIN);

  th_test_add_staff (f->db, TH_TEST_LEADER, TH_STAFF_ROLE_LEADER, TH_TEST_LEADER_PIN);
  th_test_add_staff (f->db, "wang", TH_STAFF_ROLE_CASHIER, "2468");
  write_orders (f, orders);
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "import-orders", orders, NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    /* Nobody named: a usage error, nothing handed over. */
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "collect", "10000001", "--lines", "1:1", NULL);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, "--staff"));
  }
  {
    /* A name without a PIN on a station that does not trust the CLI. */
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "collect", "10000001", "--lines", "1:1", "--staff", "wang", NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "cli-trusted"));
  }
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "collect", "10000001", "--lines", "1:1", "--staff", "wang", "--pin-file", wrong, NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "Wrong PIN"));
    g_assert_null (strstr (r.err, "9999"));
  }
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "collect", "10000001", "--lines", "1:1", "--staff", "nobody", "--pin-file", pin, NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "no staff member"));
  }
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "undo", "00000000-0000-4000-8000-000000000000", "--reason", "x", "--staff", "wang", NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "cli-trusted"));
  }
  g_assert_cmpint (th_test_scalar (f->db, "SELECT count(*) FROM outbox"), ==, 0);

  /* Only a leader, with the right PIN, makes the station trust the CLI. */
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "settings", "set", "cli-trusted", "true", "--staff", "wang", "--pin-file", pin, NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "not a leader"));
  }
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "settings", "set", "cli-trusted", "true", "--staff", TH_TEST_LEADER, "--pin-file", wrong, NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "Wrong PIN"));
  }
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "settings", "set", "cli-trusted", "yes", "--staff", TH_TEST_LEADER, "--pin-file", leader_pin, NULL);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, "true or false"));
  }
  g_assert_cmpint (count_audit (f, "setting_changed"), ==, 0);
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "settings", "set", "cli-trusted", "true", "--staff", TH_TEST_LEADER, "--pin-file", leader_pin, NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  g_assert_cmpint (count_audit (f, "setting_changed"), ==, 1);
  g_assert_cmpint (th_test_scalar (f->db, "SELECT count(*) FROM audit_log WHERE action = 'setting_changed' "
                                          "AND actor = 'lead' AND subject = 'setting:cli-trusted' "
                                          "AND json_extract (detail, '$.old') = 0 "
                                          "AND json_extract (detail, '$.new') = 1"), ==, 1);
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "collect", "10000001", "--lines", "1:1", "--staff", "wang", "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  g_assert_cmpint (th_test_scalar (f->db, "SELECT count(*) FROM outbox WHERE json_extract (body, '$.staff') = 'wang'"),
                   ==, 1);
  {
    /* Trusted still means a real, active staff member. */
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "collect", "10000002", "--staff", "nobody", NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "no staff member"));
  }
  g_assert_cmpint (th_test_scalar (f->db, "SELECT count(*) FROM outbox"), ==, 1);
}

/* Issue 10, item 7: the station settings are read by anyone and changed only
 * by a leader, within their range. */
static void
test_settings (ThTestFixture *f,
               gconstpointer  data)
{
  g_autofree char *leader_pin = th_test_pin_file (f, TH_TEST_LEADER_PIN);
  JsonArray *a;

  th_test_add_staff (f->db, TH_TEST_LEADER, TH_STAFF_ROLE_LEADER, TH_TEST_LEADER_PIN);
  {
    g_auto(ThTestRun) r = { 0 };
    JsonObject *o;
    th_test_cli (f, &r, "settings", "list", "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    a = json_node_get_array (r.json);
    g_assert_cmpuint (json_array_get_length (a), ==, TH_POLICY_N_SETTINGS);
    o = json_array_get_object_element (a, 0);
    g_assert_cmpstr (json_object_get_string_member (o, "name"), ==, "refund-approval-threshold");
    g_assert_cmpint (json_object_get_int_member (o, "value"), ==, 5000);
    g_assert_cmpstr (json_object_get_string_member (o, "unit"), ==, "fen");
    o = json_array_get_object_element (a, 1);
    g_assert_cmpstr (json_object_get_string_member (o, "name"), ==, "cashier-daily-cap");
    g_assert_cmpint (json_object_get_int_member (o, "value"), ==, 20000);
  }
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "settings", "set", "refund-approval-threshold", "100000001",
                 "--staff", TH_TEST_LEADER, "--pin-file", leader_pin, NULL);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, "from 0 to 100000000"));
  }
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "settings", "set", "refund-threshold", "1",
                 "--staff", TH_TEST_LEADER, "--pin-file", leader_pin, NULL);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, "cashier-daily-cap"));
  }
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "settings", "set", "cashier-daily-cap", "3000", NULL);
    g_assert_cmpint (r.status, ==, 2);
  }
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "settings", "set", "cashier-daily-cap", "3000",
                 "--staff", TH_TEST_LEADER, "--pin-file", leader_pin, "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "settings", "list", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "cashier-daily-cap"));
    g_assert_nonnull (strstr (r.out, "3000"));
  }
  g_assert_cmpint (th_test_scalar (f->db, "SELECT value FROM station_settings WHERE name = 'cashier-daily-cap'"),
                   ==, 3000);
  g_assert_cmpint (th_test_scalar (f->db, "SELECT count(*) FROM audit_log WHERE action = 'setting_changed' "
                                          "AND json_extract (detail, '$.old') = 20000 "
                                          "AND json_extract (detail, '$.new') = 3000"), ==, 1);
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "audit", "verify", NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
}

static void
test_init (void)
{
  char *dir = g_dir_make_tmp ("tihuo-cli-XXXXXX", NULL);  /* freed by tear_down */
  ThTestFixture f = { .dir = dir, .path = g_build_filename (dir, "new.db", NULL) };
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (&f, &r, "verify", "10000001", NULL);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, "init"));
  }
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (&f, &r, "init", "--station", "7", "--terminal", "counter-2", NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (&f, &r, "verify", "10000001", "--json", NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (r.json), "verdict"), ==, "unknown_code");
  }
  th_test_fixture_tear_down (&f, NULL);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) \
  g_test_add ("/tihuo/cli/" path, ThTestFixture, NULL, th_test_fixture_set_up, fn, th_test_fixture_tear_down)
  ADD ("flow", test_flow);
  ADD ("verdict-exit-codes", test_verdict_exit_codes);
  ADD ("errors", test_errors);
  ADD ("audit-tampered", test_audit_tampered);
  ADD ("staff-auth", test_staff_auth);
  ADD ("settings", test_settings);
  ADD ("dates", test_dates);
  g_test_add_func ("/tihuo/cli/init", test_init);
  return g_test_run ();
}
