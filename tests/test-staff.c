/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Staff accounts: PIN hashing, the lockout, and that only leaders manage
 * staff. */
#include "config.h"

#include <sodium.h>

#include "th-error.h"
#include "th-test-aftersales.h"

static gint64
count_audit (ThDb *db, const char *action)
{
  sqlite3_stmt *stmt = th_db_prepare (db, "SELECT count (*) FROM audit_log WHERE action = ?", NULL);
  gint64 n;

  sqlite3_bind_text (stmt, 1, action, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

static gboolean
database_mentions (ThDb *db, const char *text)
{
  sqlite3_stmt *stmt = th_db_prepare (db,
                                      "SELECT (SELECT count (*) FROM audit_log WHERE instr (detail, ?1) OR instr (subject, ?1)) "
                                      "+ (SELECT count (*) FROM outbox WHERE instr (body, ?1))", NULL);
  gint64 n;

  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n > 0;
}

static void
test_hash (ThTestFixture *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThStaff) leader = NULL;
  g_autoptr(ThStaff) signed_in = NULL;
  sqlite3_stmt *stmt;
  g_autofree char *hash = NULL;

  /* The real cost once: what the app stores. */
  leader = th_staff_add (f->db, "王芳", TH_STAFF_ROLE_LEADER, "482916", NULL, NULL,
                         TH_PIN_COST_INTERACTIVE, TH_TEST_NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (leader->name, ==, "王芳");
  g_assert_cmpint (leader->role, ==, TH_STAFF_ROLE_LEADER);

  stmt = th_db_prepare (f->db, "SELECT pin_hash FROM staff WHERE name = '王芳'", NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  hash = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  g_assert_true (g_str_has_prefix (hash, "$argon2id$"));
  g_assert_nonnull (strstr (hash, "m=65536,t=2"));
  g_assert_null (strstr (hash, "482916"));
  g_assert_cmpint (crypto_pwhash_str_verify (hash, "482916", 6), ==, 0);
  g_assert_cmpint (crypto_pwhash_str_needs_rehash (hash, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                                   crypto_pwhash_MEMLIMIT_INTERACTIVE), ==, 0);

  signed_in = th_staff_sign_in (f->db, "王芳", "482916", TH_TEST_NOW + 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (signed_in->name, ==, "王芳");
  g_assert_cmpint (count_audit (f->db, "signed_in"), ==, 1);

  g_assert_null (th_staff_sign_in (f->db, "王芳", "482917", TH_TEST_NOW + 2, &error));
  g_assert_error (error, TH_ERROR, TH_ERROR_REFUSED);
  g_test_message ("%s", error->message);
  g_assert_null (strstr (error->message, "482917"));
  g_clear_error (&error);

  g_assert_null (th_staff_sign_in (f->db, "nobody", "482916", TH_TEST_NOW + 2, &error));
  g_assert_error (error, TH_ERROR, TH_ERROR_REFUSED);
  g_clear_error (&error);

  /* No PIN anywhere it could be read back. */
  g_assert_false (database_mentions (f->db, "482916"));
  g_assert_false (database_mentions (f->db, "482917"));
}

static void
test_pin_rules (ThTestFixture *f,
                gconstpointer  data)
{
  const char *bad[] = { "123", "123456789", "12a4", "", " 1234", "１２３４" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ThStaff) s = th_staff_add (f->db, "lead", TH_STAFF_ROLE_LEADER, bad[i], NULL, NULL,
                                           TH_PIN_COST_MIN, TH_TEST_NOW, &error);
      g_assert_null (s);
      g_assert_error (error, TH_ERROR, TH_ERROR_INVALID);
    }
  g_assert_true (th_staff_pin_is_valid ("0000"));
  g_assert_true (th_staff_pin_is_valid ("12345678"));
}

static void
test_first_is_leader (ThTestFixture *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThStaff) s = NULL;
  gboolean any = TRUE;

  g_assert_true (th_staff_exists_any (f->db, &any, &error));
  g_assert_false (any);
  s = th_staff_add (f->db, "cash", TH_STAFF_ROLE_CASHIER, "2222", NULL, NULL, TH_PIN_COST_MIN, TH_TEST_NOW, &error);
  g_assert_null (s);
  g_assert_error (error, TH_ERROR, TH_ERROR_REFUSED);
  g_clear_error (&error);

  /* The database says the same to anyone who goes around the code. */
  g_assert_false (th_db_exec (f->db, "INSERT INTO staff (name, role, pin_hash, created_at) "
                                     "VALUES ('x', 'cashier', '$argon2id$v=19$m=8,t=1,p=1$x$y', 0)", &error));
  g_assert_nonnull (strstr (error->message, "must be a leader"));
  g_clear_error (&error);

  th_test_add_staff (f->db, TH_TEST_LEADER, TH_STAFF_ROLE_LEADER, TH_TEST_LEADER_PIN);
  g_assert_true (th_staff_exists_any (f->db, &any, &error));
  g_assert_true (any);
  g_assert_cmpint (count_audit (f->db, "staff_added"), ==, 1);
}

static void
test_only_leaders_manage (ThTestFixture *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  ThStaff *s;

  th_test_add_staff (f->db, TH_TEST_LEADER, TH_STAFF_ROLE_LEADER, TH_TEST_LEADER_PIN);
  th_test_add_staff (f->db, "sup", TH_STAFF_ROLE_SUPERVISOR, "3333");
  th_test_add_staff (f->db, "cash", TH_STAFF_ROLE_CASHIER, "2222");

  /* Without authorisation, by a cashier, by a supervisor, with a wrong PIN. */
  s = th_staff_add (f->db, "x", TH_STAFF_ROLE_CASHIER, "4444", NULL, NULL, TH_PIN_COST_MIN, TH_TEST_NOW, &error);
  g_assert_null (s);
  g_assert_error (error, TH_ERROR, TH_ERROR_REFUSED);
  g_clear_error (&error);
  s = th_staff_add (f->db, "x", TH_STAFF_ROLE_CASHIER, "4444", "cash", "2222", TH_PIN_COST_MIN, TH_TEST_NOW, &error);
  g_assert_null (s);
  g_assert_error (error, TH_ERROR, TH_ERROR_REFUSED);
  g_clear_error (&error);
  s = th_staff_add (f->db, "x", TH_STAFF_ROLE_CASHIER, "4444", "sup", "3333", TH_PIN_COST_MIN, TH_TEST_NOW, &error);
  g_assert_null (s);
  g_assert_error (error, TH_ERROR, TH_ERROR_REFUSED);
  g_clear_error (&error);
  s = th_staff_add (f->db, "x", TH_STAFF_ROLE_CASHIER, "4444", TH_TEST_LEADER, "9999", TH_PIN_COST_MIN, TH_TEST_NOW, &error);
  g_assert_null (s);
  g_assert_error (error, TH_ERROR, TH_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_false (th_staff_remove (f->db, "sup", "cash", "2222", TH_TEST_NOW, &error));
  g_assert_error (error, TH_ERROR, TH_ERROR_REFUSED);
  g_clear_error (&error);

  /* A name in use is refused; the leader can add and remove. */
  s = th_staff_add (f->db, " cash ", TH_STAFF_ROLE_CASHIER, "4444", TH_TEST_LEADER, TH_TEST_LEADER_PIN,
                    TH_PIN_COST_MIN, TH_TEST_NOW, &error);
  g_assert_null (s);
  g_assert_error (error, TH_ERROR, TH_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_true (th_staff_remove (f->db, "cash", TH_TEST_LEADER, TH_TEST_LEADER_PIN, TH_TEST_NOW, &error));
  g_assert_no_error (error);
  list = th_staff_list (f->db, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_null (th_staff_find (f->db, "cash", NULL));
  g_assert_cmpint (count_audit (f->db, "staff_removed"), ==, 1);

  /* The last leader stays, in the code and in the database. */
  g_assert_false (th_staff_remove (f->db, TH_TEST_LEADER, TH_TEST_LEADER, TH_TEST_LEADER_PIN, TH_TEST_NOW, &error));
  g_assert_error (error, TH_ERROR, TH_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_false (th_db_exec (f->db, "UPDATE staff SET removed_at = 1 WHERE role = 'leader'", &error));
  g_assert_nonnull (strstr (error->message, "last leader"));
  g_clear_error (&error);
  g_assert_false (th_db_exec (f->db, "DELETE FROM staff", &error));
  g_clear_error (&error);

  /* With a second leader, the first may go. */
  th_test_add_staff (f->db, "lead2", TH_STAFF_ROLE_LEADER, "5555");
  g_assert_true (th_staff_remove (f->db, TH_TEST_LEADER, "lead2", "5555", TH_TEST_NOW, &error));
  g_assert_no_error (error);
}

static void
test_lockout (ThTestFixture *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThStaff) ok = NULL;
  g_autoptr(ThStaff) other = NULL;
  gint64 now = TH_TEST_NOW;

  th_test_add_staff (f->db, TH_TEST_LEADER, TH_STAFF_ROLE_LEADER, TH_TEST_LEADER_PIN);
  th_test_add_staff (f->db, "cash", TH_STAFF_ROLE_CASHIER, "2222");

  /* Four wrong, one right: the count starts again. */
  for (guint i = 0; i < 4; i++)
    {
      g_assert_null (th_staff_sign_in (f->db, "cash", "0000", now, &error));
      g_assert_error (error, TH_ERROR, TH_ERROR_REFUSED);
      g_clear_error (&error);
    }
  ok = th_staff_sign_in (f->db, "cash", "2222", now, &error);
  g_assert_no_error (error);
  g_clear_pointer (&ok, th_staff_unref);

  /* Five wrong in a row lock sign-in, approval included, for 5 minutes. */
  for (guint i = 0; i < TH_STAFF_MAX_FAILED_PINS; i++)
    {
      g_assert_null (th_staff_verify_pin (f->db, "cash", "0000",
                                          i % 2 ? TH_PIN_PURPOSE_APPROVE : TH_PIN_PURPOSE_SIGN_IN, now + i, &error));
      g_assert_error (error, TH_ERROR, TH_ERROR_REFUSED);
      if (i + 1 == TH_STAFF_MAX_FAILED_PINS)
        g_assert_nonnull (strstr (error->message, "locked"));
      g_clear_error (&error);
    }
  g_assert_cmpint (count_audit (f->db, "pin_failed"), ==, 4 + TH_STAFF_MAX_FAILED_PINS);
  g_assert_cmpint (count_audit (f->db, "staff_locked"), ==, 1);

  g_assert_null (th_staff_sign_in (f->db, "cash", "2222", now + 10, &error));
  g_assert_error (error, TH_ERROR, TH_ERROR_REFUSED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "locked"));
  g_clear_error (&error);
  other = th_staff_find (f->db, "cash", &error);
  g_assert_true (th_staff_is_locked (other, now + 10));

  /* Other accounts are not locked. */
  ok = th_staff_sign_in (f->db, TH_TEST_LEADER, TH_TEST_LEADER_PIN, now + 10, &error);
  g_assert_no_error (error);
  g_clear_pointer (&ok, th_staff_unref);

  /* Still locked just before the 5 minutes are up; open after. */
  g_assert_null (th_staff_sign_in (f->db, "cash", "2222", now + 4 + TH_STAFF_LOCKOUT_SECONDS - 1, &error));
  g_clear_error (&error);
  ok = th_staff_sign_in (f->db, "cash", "2222", now + 4 + TH_STAFF_LOCKOUT_SECONDS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ok->failed_pins, ==, 0);
  g_assert_cmpint (count_audit (f->db, "staff_locked"), ==, 1);
}

static void
test_cli (ThTestFixture *f,
          gconstpointer  data)
{
  g_autofree char *lead_pin = g_build_filename (f->dir, "lead.pin", NULL);
  g_autofree char *cash_pin = g_build_filename (f->dir, "cash.pin", NULL);
  g_autofree char *at = g_strdup_printf ("%d", TH_TEST_NOW);

  g_assert_true (g_file_set_contents (lead_pin, "730152\n", -1, NULL));
  g_assert_true (g_file_set_contents (cash_pin, "2222", -1, NULL));
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "staff", "add", "cash", "--role", "cashier", "--pin-file", cash_pin, NULL);
    g_assert_cmpint (r.status, ==, 1);
  }
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "staff", "add", "王芳", "--role", "leader", "--pin-file", lead_pin, "--at", at, "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (r.json), "role"), ==, "leader");
  }
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "staff", "add", "cash", "--role", "cashier", "--pin-file", cash_pin, NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "leader"));
  }
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "staff", "add", "cash", "--role", "cashier", "--pin-file", cash_pin,
                 "--by", "王芳", "--pin-file-by", cash_pin, NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_null (strstr (r.err, "2222"));
  }
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "staff", "add", "cash", "--role", "cashier", "--pin-file", cash_pin,
                 "--by", "王芳", "--pin-file-by", lead_pin, NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_null (strstr (r.out, "730152"));
    g_assert_null (strstr (r.err, "730152"));
  }
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "staff", "add", "x", "--role", "boss", "--pin-file", cash_pin, NULL);
    g_assert_cmpint (r.status, ==, 2);
  }
  {
    g_auto(ThTestRun) r = { 0 };
    JsonArray *a;
    th_test_cli (f, &r, "staff", "list", "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    a = json_node_get_array (r.json);
    g_assert_cmpuint (json_array_get_length (a), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (a, 0), "name"), ==, "cash");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (a, 0), "created_by"), ==, "王芳");
  }
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "staff", "remove", "cash", "--by", "王芳", "--pin-file-by", lead_pin, NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
}

static ThStaff *
add_cashier (ThTestFixture *f,
             const char    *name,
             GError       **error)
{
  return th_staff_add (f->db, name, TH_STAFF_ROLE_CASHIER, "2222", TH_TEST_LEADER, TH_TEST_LEADER_PIN,
                       TH_PIN_COST_MIN, TH_TEST_NOW, error);
}

static void
assert_refused_name (ThTestFixture *f,
                     const char    *name,
                     int            code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThStaff) s = add_cashier (f, name, &error);

  g_assert_null (s);
  g_assert_error (error, TH_ERROR, code);
  g_test_message ("%s", error->message);
}

/* Issue 10, item 9: a name looks like one person to whoever reads it. */
static void
test_names (ThTestFixture *f,
            gconstpointer  data)
{
  const char *nfc = "Am\xc3\xa9lie";          /* é as U+00E9 */
  const char *nfd = "Ame\xcc\x81lie";         /* e + U+0301 */
  g_autoptr(GError) error = NULL;
  g_autoptr(ThStaff) wang = NULL;
  g_autoptr(ThStaff) amelie = NULL;
  g_autoptr(ThStaff) found = NULL;
  g_autoptr(GPtrArray) all = NULL;

  th_test_add_staff (f->db, TH_TEST_LEADER, TH_STAFF_ROLE_LEADER, TH_TEST_LEADER_PIN);
  wang = add_cashier (f, "王姐", &error);
  g_assert_no_error (error);

  /* Invisible and reordering characters: a second 王姐 that looks the same. */
  assert_refused_name (f, "王姐\xe2\x80\x8b", TH_ERROR_INVALID);          /* U+200B ZERO WIDTH SPACE */
  assert_refused_name (f, "\xe2\x80\x8b王姐", TH_ERROR_INVALID);
  assert_refused_name (f, "王\xe2\x80\xae姐", TH_ERROR_INVALID);          /* U+202E RIGHT-TO-LEFT OVERRIDE */
  assert_refused_name (f, "王姐\xef\xbb\xbf", TH_ERROR_INVALID);          /* U+FEFF */
  assert_refused_name (f, "王姐\xee\x80\x80", TH_ERROR_INVALID);          /* U+E000 private use */
  assert_refused_name (f, "王姐\x07", TH_ERROR_INVALID);
  assert_refused_name (f, "王姐\xe2\x80\xa8", TH_ERROR_INVALID);          /* U+2028 LINE SEPARATOR */
  assert_refused_name (f, "\xcd\xb8", TH_ERROR_INVALID);                  /* U+0378 unassigned */
  assert_refused_name (f, "\xff", TH_ERROR_INVALID);
  assert_refused_name (f, "王姐", TH_ERROR_REFUSED);

  /* Stored in NFC; the NFD spelling, another case or full-width letters
   * are the same name. */
  amelie = add_cashier (f, nfc, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (amelie->name, ==, nfc);
  assert_refused_name (f, nfd, TH_ERROR_REFUSED);
  assert_refused_name (f, "AM\xc3\x89LIE", TH_ERROR_REFUSED);
  assert_refused_name (f, "ame\xcc\x81lie", TH_ERROR_REFUSED);
  assert_refused_name (f, "\xef\xbc\xa1m\xc3\xa9lie", TH_ERROR_REFUSED);  /* full-width Ａ */
  all = th_staff_list (f->db, &error);
  g_assert_cmpuint (all->len, ==, 3);

  /* An NFD name typed at sign-in finds the NFC account. */
  found = th_staff_sign_in (f->db, nfd, "2222", TH_TEST_NOW + 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->name, ==, nfc);
  g_clear_pointer (&found, th_staff_unref);
  found = th_staff_find (f->db, "AM\xc3\x89LIE", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->name, ==, nfc);

  /* A retired name may be given again. */
  g_assert_true (th_staff_remove (f->db, nfc, TH_TEST_LEADER, TH_TEST_LEADER_PIN, TH_TEST_NOW + 2, &error));
  g_assert_no_error (error);
  g_clear_pointer (&amelie, th_staff_unref);
  amelie = add_cashier (f, nfd, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (amelie->name, ==, nfc);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add (path, ThTestFixture, NULL, th_test_fixture_set_up, func, th_test_fixture_tear_down)
  ADD ("/tihuo/staff/hash", test_hash);
  ADD ("/tihuo/staff/pin-rules", test_pin_rules);
  ADD ("/tihuo/staff/first-is-leader", test_first_is_leader);
  ADD ("/tihuo/staff/only-leaders-manage", test_only_leaders_manage);
  ADD ("/tihuo/staff/lockout", test_lockout);
  ADD ("/tihuo/staff/cli", test_cli);
  ADD ("/tihuo/staff/names", test_names);
#undef ADD
  return g_test_run ();
}
