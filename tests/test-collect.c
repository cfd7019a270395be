/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "th-audit.h"
#include "th-collect.h"
#include "th-error.h"
#include "th-json.h"
#include "th-order-store.h"
#include "th-outbox.h"
#include "th-test-util.h"

static JsonObject *
last_event (ThDb *db, JsonNode **keep)
{
  g_autoptr(GError) error = NULL;
  JsonArray *array;

  *keep = th_outbox_list (db, 0, &error);
  g_assert_no_error (error);
  array = json_node_get_array (*keep);
  g_assert_cmpuint (json_array_get_length (array), >, 0);
  return json_array_get_object_element (array, json_array_get_length (array) - 1);
}

static gboolean
is_uuid_v4 (const char *s)
{
  return g_uuid_string_is_valid (s) && s[14] == '4' && strchr ("89ab", s[19]) != NULL;
}

static void
test_collect_all (ThTestFixture *f,
                  gconstpointer  data)
{
  g_autoptr(JsonNode) order = th_test_make_order (1, "10000001", "1234", 3);
  g_autoptr(GError) error = NULL;
  g_autoptr(ThVerification) v = NULL;
  g_autoptr(ThVerification) again = NULL;
  g_autoptr(JsonNode) events = NULL;
  JsonObject *event, *edata;
  JsonArray *lines;

  th_test_import (f->db, order);
  v = th_collect_code (f->db, "10000001", NULL, 0, "wang", TH_TEST_NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpint (v->verdict, ==, TH_VERDICT_OK);
  g_assert_nonnull (v->collection_id);
  g_assert_cmpuint (v->collected->len, ==, 3);
  g_assert_cmpuint (v->remaining->len, ==, 0);
  g_assert_cmpuint (th_order_total_remaining (v->order), ==, 0);

  /* The event, in the API's EVENT shape. */
  event = last_event (f->db, &events);
  g_assert_cmpstr (json_object_get_string_member (event, "id"), ==, v->collection_id);
  g_assert_true (is_uuid_v4 (v->collection_id));
  g_assert_cmpstr (json_object_get_string_member (event, "type"), ==, "collected");
  g_assert_cmpstr (json_object_get_string_member (event, "order_id"), ==, "1");
  g_assert_cmpstr (json_object_get_string_member (event, "at"), ==, "2026-11-21T12:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (event, "terminal"), ==, "counter-1");
  g_assert_cmpstr (json_object_get_string_member (event, "staff"), ==, "wang");
  edata = json_object_get_object_member (event, "data");
  g_assert_cmpstr (json_object_get_string_member (edata, "method"), ==, "code");
  g_assert_false (json_object_get_boolean_member (edata, "provisional"));
  lines = json_object_get_array_member (edata, "lines");
  g_assert_cmpuint (json_array_get_length (lines), ==, 3);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (lines, 0), "qty"), ==, 2);

  /* The audit entry was written with it. */
  g_assert_cmpint (th_test_scalar (f->db, "SELECT count(*) FROM audit_log WHERE action = 'collected'"), ==, 1);
  g_assert_true (th_audit_verify (f->db, NULL, &error));

  again = th_collect_code (f->db, "10000001", NULL, 0, "li", TH_TEST_NOW + 5, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again->verdict, ==, TH_VERDICT_ALREADY_COLLECTED);
  g_assert_null (again->collected);
  g_assert_cmpstr (again->collected_by, ==, "wang");
  g_assert_cmpint (th_test_scalar (f->db, "SELECT count(*) FROM outbox"), ==, 1);
}

static void
test_partial (ThTestFixture *f,
              gconstpointer  data)
{
  g_autoptr(JsonNode) order = th_test_make_order (1, "10000001", "1234", 3);
  ThLineQty first[] = { { 2, 1 }, { 3, 2 } };
  ThLineQty too_many[] = { { 2, 2 } };
  ThLineQty unknown[] = { { 9, 1 } };
  ThLineQty twice[] = { { 1, 1 }, { 1, 1 } };
  g_autoptr(GError) error = NULL;
  g_autoptr(ThVerification) v = NULL;
  g_autoptr(ThVerification) rest = NULL;
  ThVerification *refused;

  th_test_import (f->db, order);
  v = th_collect_code (f->db, "10000001", first, G_N_ELEMENTS (first), "wang", TH_TEST_NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (v->collected->len, ==, 2);
  g_assert_cmpuint (th_order_get_line (v->order, 1)->collected_qty, ==, 0);
  g_assert_cmpuint (th_order_get_line (v->order, 2)->collected_qty, ==, 1);
  g_assert_cmpuint (th_order_get_line (v->order, 3)->collected_qty, ==, 2);
  g_assert_cmpuint (v->remaining->len, ==, 2);

  refused = th_collect_code (f->db, "10000001", too_many, 1, "wang", TH_TEST_NOW, &error);
  g_assert_null (refused);
  g_assert_error (error, TH_ERROR, TH_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "1 remain"));
  g_clear_error (&error);
  refused = th_collect_code (f->db, "10000001", unknown, 1, "wang", TH_TEST_NOW, &error);
  g_assert_null (refused);
  g_assert_error (error, TH_ERROR, TH_ERROR_REFUSED);
  g_clear_error (&error);
  refused = th_collect_code (f->db, "10000001", twice, 2, "wang", TH_TEST_NOW, &error);
  g_assert_null (refused);
  g_assert_error (error, TH_ERROR, TH_ERROR_REFUSED);
  g_clear_error (&error);
  /* Refusals wrote nothing. */
  g_assert_cmpint (th_test_scalar (f->db, "SELECT count(*) FROM outbox"), ==, 1);

  rest = th_collect_order (f->db, 1, NULL, 0, TH_COLLECT_METHOD_PHONE, "wang", TH_TEST_NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rest->verdict, ==, TH_VERDICT_OK);
  g_assert_cmpuint (rest->collected->len, ==, 2);
  g_assert_cmpuint (rest->remaining->len, ==, 0);
}

static void
test_provisional (ThTestFixture *f,
                  gconstpointer  data)
{
  g_autofree char *code = th_test_sign (f, 2, TH_TEST_STATION, 2026112100000123);
  ThLineQty some = { 1, 1 };
  g_autoptr(GError) error = NULL;
  g_autoptr(ThVerification) v = NULL;
  g_autoptr(ThVerification) again = NULL;
  g_autoptr(JsonNode) events = NULL;
  ThVerification *refused;
  JsonObject *event;

  /* Lines are unknown, so a partial pickup is refused with a way forward. */
  refused = th_collect_code (f->db, code, &some, 1, "wang", TH_TEST_NOW, &error);
  g_assert_null (refused);
  g_assert_error (error, TH_ERROR, TH_ERROR_REFUSED);
  g_clear_error (&error);

  v = th_collect_code (f->db, code, NULL, 0, "wang", TH_TEST_NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpint (v->verdict, ==, TH_VERDICT_OK);
  g_assert_true (v->provisional);
  g_assert_nonnull (v->collection_id);

  event = last_event (f->db, &events);
  g_assert_cmpstr (json_object_get_string_member (event, "order_id"), ==, "2026112100000123");
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (event, "data"), "provisional"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (event, "data"), "method"), ==, "qr");

  again = th_collect_code (f->db, code, NULL, 0, "li", TH_TEST_NOW + 30, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again->verdict, ==, TH_VERDICT_ALREADY_COLLECTED);
  g_assert_true (again->provisional);
  g_assert_cmpstr (again->collected_by, ==, "wang");
}

static void
test_undo (ThTestFixture *f,
           gconstpointer  data)
{
  g_autoptr(JsonNode) order = th_test_make_order (1, "10000001", "1234", 2);
  g_autoptr(GError) error = NULL;
  g_autoptr(ThVerification) v = NULL;
  g_autoptr(ThVerification) after = NULL;
  g_autoptr(ThVerification) redo = NULL;
  g_autoptr(JsonNode) events = NULL;
  g_autofree char *undo_id = NULL;
  JsonObject *event;

  th_test_import (f->db, order);
  v = th_collect_code (f->db, "10000001", NULL, 0, "wang", TH_TEST_NOW, &error);
  g_assert_no_error (error);

  g_assert_false (th_collect_undo (f->db, v->collection_id, "   ", "wang", TH_TEST_NOW + 10, NULL, &error));
  g_assert_error (error, TH_ERROR, TH_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (th_collect_undo (f->db, "no-such-id", "x", "wang", TH_TEST_NOW + 10, NULL, &error));
  g_assert_error (error, TH_ERROR, TH_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (th_collect_undo (f->db, v->collection_id, "wrong bag", "wang", TH_TEST_NOW + 599, &undo_id, &error));
  g_assert_no_error (error);

  event = last_event (f->db, &events);
  g_assert_cmpstr (json_object_get_string_member (event, "id"), ==, undo_id);
  g_assert_cmpstr (json_object_get_string_member (event, "type"), ==, "collect_undone");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (event, "data"), "undoes"), ==,
                   v->collection_id);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (event, "data"), "reason"), ==,
                   "wrong bag");
  g_assert_cmpint (th_test_scalar (f->db, "SELECT count(*) FROM audit_log WHERE action = 'collect_undone'"), ==, 1);

  after = th_verifier_verify_code (f->db, "10000001", TH_TEST_NOW + 600, &error);
  g_assert_cmpint (after->verdict, ==, TH_VERDICT_OK);
  g_assert_cmpuint (after->remaining->len, ==, 2);

  g_assert_false (th_collect_undo (f->db, v->collection_id, "again", "wang", TH_TEST_NOW + 600, NULL, &error));
  g_assert_error (error, TH_ERROR, TH_ERROR_REFUSED);
  g_clear_error (&error);

  /* The order can be collected again, and that one is too old to undo later. */
  redo = th_collect_code (f->db, "10000001", NULL, 0, "wang", TH_TEST_NOW + 700, &error);
  g_assert_no_error (error);
  g_assert_cmpint (redo->verdict, ==, TH_VERDICT_OK);
  g_assert_false (th_collect_undo (f->db, redo->collection_id, "late", "wang", TH_TEST_NOW + 700 + 601, NULL, &error));
  g_assert_error (error, TH_ERROR, TH_ERROR_REFUSED);
  g_assert_true (th_audit_verify (f->db, NULL, NULL));
}

static void
test_negative_writes_nothing (ThTestFixture *f,
                              gconstpointer  data)
{
  g_autoptr(JsonNode) order = th_test_make_order (1, "10000001", "1234", 1);
  const char *codes[] = { "10000002", "nonsense", "" };

  json_object_set_string_member (json_node_get_object (order), "status", "cancelled");
  th_test_import (f->db, order);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ThVerification) v = th_collect_code (f->db, "10000001", NULL, 0, "wang", TH_TEST_NOW, &error);
    g_assert_cmpint (v->verdict, ==, TH_VERDICT_CANCELLED);
  }
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ThVerification) v = th_collect_code (f->db, codes[i], NULL, 0, "wang", TH_TEST_NOW, &error);
      g_assert_no_error (error);
      g_assert_cmpint (v->verdict, !=, TH_VERDICT_OK);
    }
  g_assert_cmpint (th_test_scalar (f->db, "SELECT count(*) FROM outbox"), ==, 0);
  g_assert_cmpint (th_test_scalar (f->db, "SELECT count(*) FROM collections"), ==, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) \
  g_test_add ("/tihuo/collect/" path, ThTestFixture, NULL, th_test_fixture_set_up, fn, th_test_fixture_tear_down)
  ADD ("all", test_collect_all);
  ADD ("partial", test_partial);
  ADD ("provisional", test_provisional);
  ADD ("undo", test_undo);
  ADD ("negative-writes-nothing", test_negative_writes_nothing);
  return g_test_run ();
}
