/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "th-collect.h"
#include "th-error.h"
#include "th-json.h"
#include "th-key-store.h"
#include "th-order-store.h"
#include "th-test-util.h"

static gboolean
import_text (ThTestFixture *f,
             const char    *json,
             GError       **error)
{
  g_autoptr(JsonNode) root = th_json_parse (json, -1, "test", error);

  if (root == NULL)
    return FALSE;
  return th_order_store_import_json (f->db, root, NULL, error);
}

static char *
order_text (gint64 id, const char *code, gint64 revision)
{
  g_autoptr(JsonNode) order = th_test_make_order (id, code, "1234", 3);

  json_object_set_int_member (json_node_get_object (order), "revision", revision);
  return th_json_to_string (order);
}

static void
test_shapes (ThTestFixture *f,
             gconstpointer  data)
{
  g_autofree char *a = order_text (1, "10000001", 1);
  g_autofree char *b = order_text (2, "10000002", 1);
  g_autofree char *array = g_strdup_printf ("[%s]", a);
  g_autofree char *object = g_strdup_printf ("{\"orders\": [%s], \"next_cursor\": \"x\"}", b);
  g_autoptr(GError) error = NULL;
  g_autoptr(ThOrder) loaded = NULL;

  g_assert_true (import_text (f, array, &error));
  g_assert_no_error (error);
  g_assert_true (import_text (f, object, &error));
  g_assert_no_error (error);

  loaded = th_order_store_find_by_code (f->db, "10000002", &error);
  g_assert_no_error (error);
  g_assert_cmpint (loaded->id, ==, 2);
  g_assert_cmpuint (loaded->lines->len, ==, 3);
  g_assert_cmpstr (loaded->customer_name, ==, "李*华");
  g_assert_cmpstr (g_array_index (loaded->lines, ThOrderLine, 0).name, ==, "丹东草莓 500g");
  g_assert_cmpint (g_array_index (loaded->lines, ThOrderLine, 0).unit_price, ==, 1290);

  g_assert_false (import_text (f, "{\"order\": []}", &error));
  g_assert_error (error, TH_ERROR, TH_ERROR_INVALID);
}

static void
test_revision (ThTestFixture *f,
               gconstpointer  data)
{
  g_autoptr(JsonNode) order = th_test_make_order (1, "10000001", "1234", 1);
  JsonObject *o = json_node_get_object (order);
  g_autoptr(GError) error = NULL;
  g_autoptr(ThOrder) loaded = NULL;

  json_object_set_int_member (o, "revision", 5);
  json_object_set_string_member (o, "note", "five");
  th_test_import (f->db, order);

  /* An older copy arriving late changes nothing. */
  json_object_set_int_member (o, "revision", 4);
  json_object_set_string_member (o, "note", "four");
  th_test_import (f->db, order);
  loaded = th_order_store_load (f->db, 1, &error);
  g_assert_cmpstr (loaded->note, ==, "five");
  g_clear_pointer (&loaded, th_order_unref);

  json_object_set_int_member (o, "revision", 6);
  json_object_set_string_member (o, "note", "six");
  json_object_set_string_member (o, "status", "cancelled");
  th_test_import (f->db, order);
  loaded = th_order_store_load (f->db, 1, &error);
  g_assert_cmpstr (loaded->note, ==, "six");
  g_assert_cmpint (loaded->status, ==, TH_ORDER_CANCELLED);
  g_assert_cmpint (loaded->revision, ==, 6);
}

static void
test_local_facts_survive (ThTestFixture *f,
                          gconstpointer  data)
{
  g_autoptr(JsonNode) order = th_test_make_order (1, "10000001", "1234", 2);
  JsonObject *o = json_node_get_object (order);
  ThLineQty one = { 1, 1 };
  g_autoptr(GError) error = NULL;
  g_autoptr(ThVerification) v = NULL;
  g_autoptr(ThOrder) loaded = NULL;

  th_test_import (f->db, order);
  v = th_collect_code (f->db, "10000001", &one, 1, "wang", TH_TEST_NOW, &error);
  g_assert_no_error (error);
  g_assert_nonnull (v->collection_id);

  /* The platform has not heard of the collection yet. */
  json_object_set_int_member (o, "revision", 2);
  th_test_import (f->db, order);
  loaded = th_order_store_load (f->db, 1, &error);
  g_assert_cmpuint (th_order_get_line (loaded, 1)->collected_qty, ==, 1);
  g_assert_cmpuint (th_order_get_line (loaded, 2)->collected_qty, ==, 0);
  g_clear_pointer (&loaded, th_order_unref);

  /* Once the event is out of the outbox, the platform's count is the truth. */
  g_assert_true (th_db_exec (f->db, "DELETE FROM outbox", &error));
  json_object_set_int_member (o, "revision", 3);
  json_object_set_int_member (json_array_get_object_element (json_object_get_array_member (o, "items"), 0),
                              "collected_qty", 1);
  th_test_import (f->db, order);
  loaded = th_order_store_load (f->db, 1, &error);
  g_assert_cmpuint (th_order_get_line (loaded, 1)->collected_qty, ==, 1);
  g_clear_pointer (&loaded, th_order_unref);

  /* An undo not yet pushed lowers the platform's count locally. */
  g_assert_true (th_collect_undo (f->db, v->collection_id, "wrong bag", "wang", TH_TEST_NOW + 60, NULL, &error));
  g_assert_no_error (error);
  json_object_set_int_member (o, "revision", 4);
  th_test_import (f->db, order);
  loaded = th_order_store_load (f->db, 1, &error);
  g_assert_cmpuint (th_order_get_line (loaded, 1)->collected_qty, ==, 0);
}

static void
test_provisional_then_import (ThTestFixture *f,
                              gconstpointer  data)
{
  g_autofree char *code = th_test_sign (f, 1, TH_TEST_STATION, 42);
  g_autoptr(JsonNode) order = th_test_make_order (42, "10000042", "1234", 2);
  g_autoptr(GError) error = NULL;
  g_autoptr(ThVerification) v = NULL;
  g_autoptr(ThVerification) again = NULL;
  g_autoptr(ThOrder) loaded = NULL;

  v = th_collect_code (f->db, code, NULL, 0, "wang", TH_TEST_NOW, &error);
  g_assert_no_error (error);
  g_assert_true (v->provisional);

  /* The real order arrives: the bag was handed over whole. */
  th_test_import (f->db, order);
  loaded = th_order_store_load (f->db, 42, &error);
  g_assert_false (loaded->provisional);
  g_assert_cmpuint (th_order_total_remaining (loaded), ==, 0);
  again = th_verifier_verify_code (f->db, "10000042", TH_TEST_NOW, &error);
  g_assert_cmpint (again->verdict, ==, TH_VERDICT_ALREADY_COLLECTED);
}

typedef struct {
  const char *path;     /* member to change, "a.b" or "items.0.qty" */
  const char *json;     /* new value as JSON; NULL removes it */
  const char *field;    /* the field the error must name */
} BadField;

static void
set_path (JsonObject *o, const char *path, const char *json)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  guint n = g_strv_length (parts);
  guint i = 0;

  while (i + 1 < n)
    {
      JsonNode *child = json_object_get_member (o, parts[i]);

      if (JSON_NODE_HOLDS_ARRAY (child))
        {
          o = json_array_get_object_element (json_node_get_array (child),
                                             (guint) g_ascii_strtoull (parts[i + 1], NULL, 10));
          i += 2;
        }
      else
        {
          o = json_node_get_object (child);
          i += 1;
        }
    }
  if (json == NULL)
    json_object_remove_member (o, parts[n - 1]);
  else
    json_object_set_member (o, parts[n - 1], json_from_string (json, NULL));
}

static void
test_validation (ThTestFixture *f,
                 gconstpointer  data)
{
  const BadField cases[] = {
    { "id", "123", "id" },
    { "id", "\"12a\"", "id" },
    { "id", "\"9223372036854775808\"", "id" },
    { "station_id", "8", "station_id" },
    { "station_id", "-1", "station_id" },
    { "pickup_code", "\"1234567\"", "pickup_code" },
    { "pickup_code", "\"1234567x\"", "pickup_code" },
    { "customer.phone_tail", "\"12a4\"", "phone_tail" },
    { "slot.date", "\"2026-02-30\"", "slot.date" },
    { "slot.start", "\"25:00\"", "slot.start" },
    { "slot.end", "\"24:59\"", "slot.end" },
    { "slot.start", "\"18:60\"", "slot.start" },
    { "status", "\"lost\"", "status" },
    { "items", "[]", "items" },
    { "items.0.qty", "0", "qty" },
    { "items.0.qty", "1.5", "qty" },
    { "items.0.unit_price", "-1", "unit_price" },
    { "items.0.unit_price", "12.9", "unit_price" },
    { "items.0.unit_price", "\"1290\"", "unit_price" },
    { "items.0.collected_qty", "3", "collected_qty" },
    { "items.1.line", "1", "items[1]" },
    { "paid", "-5", "paid" },
    { "paid", "25.8", "paid" },
    { "refunded", "999999", "refunded" },
    { "revision", "\"17\"", "revision" },
    { "updated_at", "\"yesterday\"", "updated_at" },
    { "customer", NULL, "customer" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) good = th_test_make_order (1, "10000001", "1234", 1);
      g_autoptr(JsonNode) bad = th_test_make_order (2026112100000123, "10000002", "1234", 2);
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
      g_autoptr(GError) error = NULL;
      JsonArray *array = json_array_new ();
      gint64 n = -1;
      sqlite3_stmt *stmt;

      set_path (json_node_get_object (bad), cases[i].path, cases[i].json);
      json_array_add_element (array, json_node_ref (good));
      json_array_add_element (array, json_node_ref (bad));
      json_node_take_array (root, array);

      g_assert_false (th_order_store_import_json (f->db, root, NULL, &error));
      g_assert_error (error, TH_ERROR, TH_ERROR_INVALID);
      g_test_message ("%s → %s", cases[i].path, error->message);
      g_assert_nonnull (strstr (error->message, cases[i].field));
      if (strcmp (cases[i].path, "id") != 0)
        g_assert_nonnull (strstr (error->message, "2026112100000123"));

      /* All or nothing: the good order before it was not imported either. */
      stmt = th_db_prepare (f->db, "SELECT count(*) FROM orders", NULL);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      n = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      g_assert_cmpint (n, ==, 0);
    }
}

static void
test_bad_files (ThTestFixture *f,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "orders.json", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing.json", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (th_order_store_import_file (f->db, missing, NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (path, "[{\"id\": \"1\",", -1, NULL));
  g_assert_false (th_order_store_import_file (f->db, path, NULL, &error));
  g_assert_error (error, TH_ERROR, TH_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "not valid JSON"));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (path, "\xff\xfe[]", -1, NULL));
  g_assert_false (th_order_store_import_file (f->db, path, NULL, &error));
  g_assert_error (error, TH_ERROR, TH_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (path, "", -1, NULL));
  g_assert_false (th_order_store_import_file (f->db, path, NULL, &error));
  g_assert_error (error, TH_ERROR, TH_ERROR_INVALID);
}

/* What json-glib 1.6 would let through or crash on. */
static void
test_json_shape (void)
{
  g_autoptr(GString) deep = g_string_new (NULL);
  const char *bad[] = {
    "[] []",
    "{\"orders\": []} {\"orders\": []}",
    "[/* comment */]",
    "[1, /x/ 2]",
    "{\"name\": \"\\u12\"}",
    "\"\\uZZZZ\"",
  };
  const char *good[] = {
    "\xef\xbb\xbf[]",
    "{\"name\": \"a/b \\u674e \\\\u\"}",
    "  [1, 2]\n",
    "\"plain\"",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = th_json_parse (bad[i], -1, "test", &error);
      g_test_message ("%s → %s", bad[i], error ? error->message : "accepted");
      g_assert_null (node);
      g_assert_error (error, TH_ERROR, TH_ERROR_INVALID);
    }
  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = th_json_parse (good[i], -1, "test", &error);
      g_assert_no_error (error);
      g_assert_nonnull (node);
    }

  for (guint i = 0; i < 200000; i++)
    g_string_append_c (deep, '[');
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) node = th_json_parse (deep->str, deep->len, "test", &error);
    g_assert_null (node);
    g_assert_error (error, TH_ERROR, TH_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "deep"));
  }
}

static void
test_keys (ThTestFixture *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) good = th_json_parse (
    "{\"keys\": [{\"kid\": 9, \"alg\": \"Ed25519\", \"public_key\": \"A6EHv/POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg=\","
    " \"not_before\": \"2026-01-01T00:00:00Z\", \"not_after\": \"2027-01-01T00:00:00Z\", \"new_field\": 1}]}",
    -1, "keys", NULL);
  const char *bad[] = {
    "{\"keys\": [{\"kid\": 9, \"alg\": \"RSA\", \"public_key\": \"A6EHv/POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg=\", \"not_before\": \"2026-01-01T00:00:00Z\", \"not_after\": \"2027-01-01T00:00:00Z\"}]}",
    "{\"keys\": [{\"kid\": 9, \"alg\": \"Ed25519\", \"public_key\": \"AAAA\", \"not_before\": \"2026-01-01T00:00:00Z\", \"not_after\": \"2027-01-01T00:00:00Z\"}]}",
    "{\"keys\": [{\"kid\": -1, \"alg\": \"Ed25519\", \"public_key\": \"A6EHv/POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg=\", \"not_before\": \"2026-01-01T00:00:00Z\", \"not_after\": \"2027-01-01T00:00:00Z\"}]}",
    "{\"keys\": {}}",
    "[]",
  };
  ThTrustedKey key;
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonNode) root = th_json_parse (bad[i], -1, "keys", NULL);
      g_assert_false (th_key_store_replace_from_json (f->db, root, NULL, &error));
      g_assert_error (error, TH_ERROR, TH_ERROR_INVALID);
      g_clear_error (&error);
      /* The old set is untouched. */
      g_assert_true (th_key_store_lookup (f->db, 1, &key, NULL));
    }

  g_assert_true (th_key_store_replace_from_json (f->db, good, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  /* Keys missing from the list are no longer trusted. */
  g_assert_false (th_key_store_lookup (f->db, 1, &key, NULL));
  g_assert_true (th_key_store_lookup (f->db, 9, &key, NULL));
  g_assert_cmpint (key.not_before, ==, 1767225600);
}

static void
test_recycled_code (ThTestFixture *f,
                    gconstpointer  data)
{
  g_autoptr(JsonNode) old = th_test_make_order (1, "10000001", "1234", 1);
  g_autoptr(JsonNode) fresh = th_test_make_order (2, "10000001", "5678", 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(ThOrder) found = NULL;

  th_test_import (f->db, old);
  th_test_import (f->db, fresh);
  found = th_order_store_find_by_code (f->db, "10000001", &error);
  g_assert_no_error (error);
  g_assert_cmpint (found->id, ==, 2);
}

/* A platform copy of order @id holding @code, in @status, placed at @created_at
 * (NULL: a v1 payload without the field) and at @revision. */
static JsonNode *
recycled_order (gint64      id,
                const char *code,
                const char *status,
                const char *created_at,
                gint64      revision)
{
  JsonNode *order = th_test_make_order (id, code, "1234", 1);
  JsonObject *o = json_node_get_object (order);

  json_object_set_string_member (o, "status", status);
  json_object_set_int_member (o, "revision", revision);
  if (created_at)
    json_object_set_string_member (o, "created_at", created_at);
  if (g_str_equal (status, "collected"))
    {
      JsonObject *line = json_array_get_object_element (json_object_get_array_member (o, "items"), 0);
      json_object_set_int_member (line, "collected_qty", json_object_get_int_member (line, "qty"));
    }
  return order;
}

static gint64
code_owner (ThTestFixture *f,
            const char    *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThOrder) found = th_order_store_find_by_code (f->db, code, &error);

  g_assert_no_error (error);
  return found->id;
}

/* The case: a later revision of an old, collected order must not
 * take the code back from the current customer's order. */
static void
test_recycled_code_old_update (ThTestFixture *f,
                               gconstpointer  data)
{
  g_autoptr(JsonNode) old = recycled_order (1, "10000001", "collected", "2026-06-01T09:00:00Z", 5);
  g_autoptr(JsonNode) current = recycled_order (2, "10000001", "paid", "2026-11-20T09:00:00Z", 1);
  g_autoptr(JsonNode) old_again = recycled_order (1, "10000001", "collected", "2026-06-01T09:00:00Z", 6);
  g_autoptr(ThOrder) loaded = NULL;

  th_test_import (f->db, old);
  th_test_import (f->db, current);
  g_assert_cmpint (code_owner (f, "10000001"), ==, 2);

  th_test_import (f->db, old_again);
  g_assert_cmpint (code_owner (f, "10000001"), ==, 2);
  /* The old order itself is still there, updated, without the code. */
  loaded = th_order_store_load (f->db, 1, NULL);
  g_assert_nonnull (loaded);
  g_assert_cmpint (loaded->revision, ==, 6);
  g_assert_null (loaded->pickup_code);
}

/* created_at decides, not the id and not the order of arrival: an order
 * placed later but with a smaller id (another shard) is the newer one. */
static void
test_recycled_code_created_at (ThTestFixture *f,
                               gconstpointer  data)
{
  g_autoptr(JsonNode) newer = recycled_order (5, "10000001", "paid", "2026-11-20T09:00:00Z", 1);
  g_autoptr(JsonNode) older = recycled_order (9, "10000001", "paid", "2026-11-01T09:00:00Z", 1);
  g_autoptr(JsonNode) older_again = recycled_order (9, "10000001", "paid", "2026-11-01T09:00:00Z", 2);
  g_autoptr(JsonNode) newer_done = recycled_order (5, "10000001", "collected", "2026-11-20T09:00:00Z", 2);
  g_autoptr(JsonNode) older_cancelled = recycled_order (9, "10000001", "cancelled", "2026-11-01T09:00:00Z", 3);

  th_test_import (f->db, newer);
  th_test_import (f->db, older);
  g_assert_cmpint (code_owner (f, "10000001"), ==, 5);
  th_test_import (f->db, older_again);
  g_assert_cmpint (code_owner (f, "10000001"), ==, 5);

  /* Once the newer order is handed over, the one still waiting holds it... */
  th_test_import (f->db, newer_done);
  g_assert_cmpint (code_owner (f, "10000001"), ==, 9);
  /* ...and when none is waiting, the newest order does. */
  th_test_import (f->db, older_cancelled);
  g_assert_cmpint (code_owner (f, "10000001"), ==, 5);
}

/* Without created_at (a v1 platform), the larger id is the newer order, and
 * an update to the older one still never takes the code. */
static void
test_recycled_code_without_created_at (ThTestFixture *f,
                                       gconstpointer  data)
{
  g_autoptr(JsonNode) old = recycled_order (1, "10000001", "collected", NULL, 1);
  g_autoptr(JsonNode) current = recycled_order (2, "10000001", "paid", NULL, 1);
  g_autoptr(JsonNode) old_again = recycled_order (1, "10000001", "collected", NULL, 2);
  g_autoptr(JsonNode) other_code = recycled_order (2, "10000002", "paid", NULL, 2);

  th_test_import (f->db, current);
  th_test_import (f->db, old);
  g_assert_cmpint (code_owner (f, "10000001"), ==, 2);
  th_test_import (f->db, old_again);
  g_assert_cmpint (code_owner (f, "10000001"), ==, 2);

  /* The platform gives the current order another code: the old code goes
   * back to the only order that was given it. */
  th_test_import (f->db, other_code);
  g_assert_cmpint (code_owner (f, "10000002"), ==, 2);
  g_assert_cmpint (code_owner (f, "10000001"), ==, 1);
}

/* A waiting order placed later wins over a waiting order placed earlier,
 * even when the earlier one is updated later. */
static void
test_recycled_code_both_waiting (ThTestFixture *f,
                                 gconstpointer  data)
{
  g_autoptr(JsonNode) a = recycled_order (1, "10000001", "paid", "2026-11-01T09:00:00Z", 1);
  g_autoptr(JsonNode) b = recycled_order (2, "10000001", "paid", "2026-11-02T09:00:00Z", 1);
  g_autoptr(JsonNode) a_again = recycled_order (1, "10000001", "paid", "2026-11-01T09:00:00Z", 2);

  th_test_import (f->db, a);
  th_test_import (f->db, b);
  th_test_import (f->db, a_again);
  g_assert_cmpint (code_owner (f, "10000001"), ==, 2);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) \
  g_test_add ("/tihuo/order-import/" path, ThTestFixture, NULL, th_test_fixture_set_up, fn, th_test_fixture_tear_down)
  ADD ("shapes", test_shapes);
  ADD ("revision", test_revision);
  ADD ("local-facts-survive", test_local_facts_survive);
  ADD ("provisional-then-import", test_provisional_then_import);
  ADD ("validation", test_validation);
  ADD ("bad-files", test_bad_files);
  ADD ("keys", test_keys);
  g_test_add_func ("/tihuo/order-import/json-shape", test_json_shape);
  ADD ("recycled-code", test_recycled_code);
  ADD ("recycled-code/old-update", test_recycled_code_old_update);
  ADD ("recycled-code/created-at", test_recycled_code_created_at);
  ADD ("recycled-code/without-created-at", test_recycled_code_without_created_at);
  ADD ("recycled-code/both-waiting", test_recycled_code_both_waiting);
  return g_test_run ();
}
