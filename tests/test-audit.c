/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "th-audit.h"
#include "th-error.h"
#include "th-test-util.h"

static void
append_some (ThDb *db, guint n)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *detail = g_strdup_printf ("{\"n\": %u, \"note\": \"退款 ¥12.90\"}", i);

      g_assert_true (th_db_begin_immediate (db, &error));
      g_assert_true (th_audit_append (db, TH_TEST_NOW + i, "wang", "test", "order:1", detail, &error));
      g_assert_true (th_db_commit (db, &error));
      g_assert_no_error (error);
    }
}

/* What someone with the sqlite3 shell could do to hide a refund. */
static void
tamper (ThDb *db, const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (th_db_exec (db, "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete", &error));
  g_assert_true (th_db_exec (db, sql, &error));
  g_assert_no_error (error);
}

static void
test_intact (ThTestFixture *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint64 n = 0;

  append_some (f->db, 10);
  g_assert_true (th_audit_verify (f->db, &n, &error));
  g_assert_no_error (error);
  /* Station set-up and the two test keys were audited too. */
  g_assert_cmpuint (n, ==, 13);
}

static void
test_append_only (ThTestFixture *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  append_some (f->db, 2);
  g_assert_false (th_db_exec (f->db, "UPDATE audit_log SET actor = 'li'", &error));
  g_assert_nonnull (strstr (error->message, "append-only"));
  g_clear_error (&error);
  g_assert_false (th_db_exec (f->db, "DELETE FROM audit_log", &error));
  g_assert_nonnull (strstr (error->message, "append-only"));
}

static void
test_edited (ThTestFixture *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  append_some (f->db, 10);
  tamper (f->db, "UPDATE audit_log SET detail = '{\"n\": 5, \"note\": \"nothing\"}' WHERE seq = 9");
  g_assert_false (th_audit_verify (f->db, NULL, &error));
  g_assert_error (error, TH_ERROR, TH_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "entry 9"));
}

static void
test_rehashed (ThTestFixture *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* Editing a row and recomputing its own hash still breaks the next link. */
  append_some (f->db, 10);
  tamper (f->db, "UPDATE audit_log SET actor = 'li', hash = (SELECT hash FROM audit_log WHERE seq = 4) WHERE seq = 5");
  g_assert_false (th_audit_verify (f->db, NULL, &error));
  g_assert_error (error, TH_ERROR, TH_ERROR_CORRUPT);
}

static void
test_deleted_middle (ThTestFixture *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  append_some (f->db, 10);
  tamper (f->db, "DELETE FROM audit_log WHERE seq = 6");
  g_assert_false (th_audit_verify (f->db, NULL, &error));
  g_assert_error (error, TH_ERROR, TH_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "entry 6"));
}

static void
test_deleted_last (ThTestFixture *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  append_some (f->db, 10);
  tamper (f->db, "DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)");
  g_assert_false (th_audit_verify (f->db, NULL, &error));
  g_assert_error (error, TH_ERROR, TH_ERROR_CORRUPT);
}

static void
test_needs_transaction (ThTestFixture *f,
                        gconstpointer  data)
{
  /* Outside a transaction an audit entry could be lost apart from its change. */
  if (g_test_subprocess ())
    {
      th_audit_append (f->db, 0, "", "x", "", "{}", NULL);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) \
  g_test_add ("/tihuo/audit/" path, ThTestFixture, NULL, th_test_fixture_set_up, fn, th_test_fixture_tear_down)
  ADD ("intact", test_intact);
  ADD ("append-only", test_append_only);
  ADD ("edited", test_edited);
  ADD ("rehashed", test_rehashed);
  ADD ("deleted-middle", test_deleted_middle);
  ADD ("deleted-last", test_deleted_last);
  ADD ("needs-transaction", test_needs_transaction);
  return g_test_run ();
}
