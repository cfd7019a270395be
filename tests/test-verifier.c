/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "th-collect.h"
#include "th-key-store.h"
#include "th-order-store.h"
#include "th-test-util.h"
#include "th-verifier.h"

static void
import_with (ThTestFixture *f,
             gint64         id,
             const char    *code,
             const char    *status,
             int            collected_qty,
             int            refunded_qty)
{
  g_autoptr(JsonNode) order = th_test_make_order (id, code, "1234", 2);
  JsonObject *o = json_node_get_object (order);
  JsonArray *items = json_object_get_array_member (o, "items");

  json_object_set_string_member (o, "status", status);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      json_object_set_int_member (json_array_get_object_element (items, i), "collected_qty", collected_qty);
      json_object_set_int_member (json_array_get_object_element (items, i), "refunded_qty", refunded_qty);
    }
  th_test_import (f->db, order);
}

static ThVerification *
verify (ThTestFixture *f, const char *code)
{
  g_autoptr(GError) error = NULL;
  ThVerification *v = th_verifier_verify_code (f->db, code, TH_TEST_NOW, &error);

  g_assert_no_error (error);
  g_assert_nonnull (v);
  return v;
}

static void
test_plain_states (ThTestFixture *f,
                   gconstpointer  data)
{
  import_with (f, 1, "10000001", "paid", 0, 0);
  import_with (f, 2, "10000002", "cancelled", 0, 0);
  import_with (f, 3, "10000003", "refunded", 0, 0);
  import_with (f, 4, "10000004", "paid", 2, 0);    /* collected elsewhere */
  import_with (f, 5, "10000005", "paid", 0, 2);    /* every line refunded */
  import_with (f, 6, "10000006", "paid", 1, 1);    /* nothing left to hand over */

  {
    g_autoptr(ThVerification) v = verify (f, "1000-0001");
    g_assert_cmpint (v->verdict, ==, TH_VERDICT_OK);
    g_assert_false (v->provisional);
    g_assert_cmpint (v->kind, ==, TH_PICKUP_CODE_PLAIN);
    g_assert_cmpuint (v->remaining->len, ==, 2);
    g_assert_cmpuint (g_array_index (v->remaining, ThLineQty, 0).qty, ==, 2);
  }
  {
    g_autoptr(ThVerification) v = verify (f, "10000002");
    g_assert_cmpint (v->verdict, ==, TH_VERDICT_CANCELLED);
  }
  {
    g_autoptr(ThVerification) v = verify (f, "10000003");
    g_assert_cmpint (v->verdict, ==, TH_VERDICT_REFUNDED);
  }
  {
    g_autoptr(ThVerification) v = verify (f, "10000004");
    g_assert_cmpint (v->verdict, ==, TH_VERDICT_ALREADY_COLLECTED);
    /* Only the platform knows who: no local collection. */
    g_assert_null (v->collected_by);
    g_assert_cmpint (v->collected_at, ==, 1795253400); /* updated_at 2026-11-21T09:30:00Z */
  }
  {
    g_autoptr(ThVerification) v = verify (f, "10000005");
    g_assert_cmpint (v->verdict, ==, TH_VERDICT_REFUNDED);
  }
  {
    g_autoptr(ThVerification) v = verify (f, "10000006");
    g_assert_cmpint (v->verdict, ==, TH_VERDICT_ALREADY_COLLECTED);
  }
  {
    g_autoptr(ThVerification) v = verify (f, "99999999");
    g_assert_cmpint (v->verdict, ==, TH_VERDICT_UNKNOWN_CODE);
  }
}

static void
test_signed_known_order (ThTestFixture *f,
                         gconstpointer  data)
{
  g_autofree char *code = th_test_sign (f, 1, TH_TEST_STATION, 77);
  g_autofree char *other = th_test_sign (f, 2, 8, 77);
  g_autoptr(GError) error = NULL;

  import_with (f, 77, "10000077", "paid", 0, 0);
  {
    g_autoptr(ThVerification) v = verify (f, code);
    g_assert_cmpint (v->verdict, ==, TH_VERDICT_OK);
    g_assert_false (v->provisional);
    g_assert_nonnull (v->order);
    g_assert_cmpuint (v->remaining->len, ==, 2);
  }
  {
    g_autoptr(ThVerification) v = verify (f, other);
    g_assert_cmpint (v->verdict, ==, TH_VERDICT_WRONG_STATION);
    g_assert_cmpuint (v->code_station_id, ==, 8);
  }
  {
    /* A collection made at this terminal is reported with who, when, where. */
    g_autoptr(ThVerification) c = th_collect_code (f->db, code, NULL, 0, "wang", TH_TEST_NOW, &error);
    g_autoptr(ThVerification) v = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (c->verdict, ==, TH_VERDICT_OK);
    v = verify (f, code);
    g_assert_cmpint (v->verdict, ==, TH_VERDICT_ALREADY_COLLECTED);
    g_assert_cmpstr (v->collected_by, ==, "wang");
    g_assert_cmpstr (v->collected_terminal, ==, "counter-1");
    g_assert_cmpint (v->collected_at, ==, TH_TEST_NOW);
    g_assert_cmpstr (v->collection_id, ==, c->collection_id);
  }
}

static void
test_key_window (ThTestFixture *f,
                 gconstpointer  data)
{
  g_autofree char *code = th_test_sign (f, 1, TH_TEST_STATION, 5);
  g_autoptr(GError) error = NULL;
  ThTrustedKey key;

  g_assert_true (th_key_store_lookup (f->db, 1, &key, &error));
  key.not_after = TH_TEST_NOW - 1;
  g_assert_true (th_key_store_add (f->db, &key, &error));
  g_assert_no_error (error);
  {
    g_autoptr(ThVerification) v = verify (f, code);
    g_assert_cmpint (v->verdict, ==, TH_VERDICT_UNKNOWN_KEY);
  }
}

static void
test_no_side_effects (ThTestFixture *f,
                      gconstpointer  data)
{
  g_autofree char *code = th_test_sign (f, 1, TH_TEST_STATION, 5);
  gint64 audit_before = th_test_scalar (f->db, "SELECT count(*) FROM audit_log");

  import_with (f, 6, "10000006", "paid", 0, 0);
  audit_before = th_test_scalar (f->db, "SELECT count(*) FROM audit_log");
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(ThVerification) a = verify (f, code);
      g_autoptr(ThVerification) b = verify (f, "10000006");
      g_assert_cmpint (a->verdict, ==, TH_VERDICT_OK);
      g_assert_cmpint (b->verdict, ==, TH_VERDICT_OK);
    }
  g_assert_cmpint (th_test_scalar (f->db, "SELECT count(*) FROM outbox"), ==, 0);
  g_assert_cmpint (th_test_scalar (f->db, "SELECT count(*) FROM collections"), ==, 0);
  g_assert_cmpint (th_test_scalar (f->db, "SELECT count(*) FROM orders"), ==, 1);
  g_assert_cmpint (th_test_scalar (f->db, "SELECT count(*) FROM audit_log"), ==, audit_before);
}

static void
test_verify_order (ThTestFixture *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThVerification) v = NULL;
  g_autoptr(ThVerification) missing = NULL;

  import_with (f, 9, "10000009", "paid", 1, 0);
  v = th_verifier_verify_order (f->db, 9, &error);
  g_assert_no_error (error);
  g_assert_cmpint (v->verdict, ==, TH_VERDICT_OK);
  g_assert_cmpuint (v->remaining->len, ==, 2);
  g_assert_cmpuint (g_array_index (v->remaining, ThLineQty, 0).qty, ==, 1);

  missing = th_verifier_verify_order (f->db, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpint (missing->verdict, ==, TH_VERDICT_UNKNOWN_CODE);
}

static void
test_describe (void)
{
  /* Every verdict has its own sentence. */
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (int v = TH_VERDICT_OK; v <= TH_VERDICT_MALFORMED; v++)
    {
      const char *text = th_verdict_describe (v);
      g_assert_nonnull (text);
      g_assert_false (g_hash_table_contains (seen, text));
      g_hash_table_add (seen, (gpointer) text);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) \
  g_test_add ("/tihuo/verifier/" path, ThTestFixture, NULL, th_test_fixture_set_up, fn, th_test_fixture_tear_down)
  ADD ("plain-states", test_plain_states);
  ADD ("signed-known-order", test_signed_known_order);
  ADD ("key-window", test_key_window);
  ADD ("no-side-effects", test_no_side_effects);
  ADD ("verify-order", test_verify_order);
  g_test_add_func ("/tihuo/verifier/describe", test_describe);
  return g_test_run ();
}
