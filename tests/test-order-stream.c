/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Order files read as a stream (th-json-stream.c via
 * th_order_store_import_file()): the same result as the whole-tree path,
 * the same refusals, and all or nothing however late the error. */
#include "config.h"

#include <string.h>

#include "th-error.h"
#include "th-json.h"
#include "th-json-stream.h"
#include "th-order-store.h"
#include "th-test-util.h"

/* th-json-stream.c's read size: the tests put tricky bytes across it. */
#define READ_SIZE (64 * 1024)

/* Strings that fool a scanner without string and escape awareness. */
static const char * const tricky_notes[] = {
  "]}{[,",
  "引号 \" 与反斜杠 \\ 和 \\\" ]",
  "{\"orders\": [1, 2]}",
  "李华 🍓 丹东草莓",
  "/* not a comment */ // nor this",
  "\\u005d is ]",
  "",
};

static char *
order_text (gint64      id,
            const char *note,
            guint       n_lines)
{
  g_autofree char *code = g_strdup_printf ("%08" G_GINT64_FORMAT, 10000000 + id);
  g_autoptr(JsonNode) order = th_test_make_order (id, code, "1234", n_lines);

  json_object_set_string_member (json_node_get_object (order), "note", note);
  return th_json_to_string (order);
}

/* @n orders with tricky notes of varied length, so that element and read
 * boundaries fall everywhere. */
static GString *
orders_array (guint n)
{
  GString *text = g_string_new ("[");

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GString) note = g_string_new (NULL);
      g_autofree char *order = NULL;

      for (guint k = 0; k <= i % 9; k++)
        g_string_append (note, tricky_notes[(i + k) % G_N_ELEMENTS (tricky_notes)]);
      order = order_text (i + 1, note->str, 1 + i % 4);
      g_string_append_printf (text, "%s\n  %s", i > 0 ? "," : "", order);
    }
  g_string_append (text, "\n]\n");
  return text;
}

static char *
write_file (ThTestFixture *f,
            const char    *text,
            gssize         length)
{
  char *path = g_build_filename (f->dir, "orders.json", NULL);

  g_assert_true (g_file_set_contents (path, text, length, NULL));
  return path;
}

/* @pattern with its two "%s" replaced by @a and @b; patterns are data
 * here, not formats. */
static char *
fill (const char *pattern,
      const char *a,
      const char *b)
{
  g_auto(GStrv) parts = g_strsplit (pattern, "%s", 3);
  GString *out = g_string_new (parts[0]);

  g_assert_cmpuint (g_strv_length (parts), ==, 3);
  g_string_append (out, a);
  g_string_append (out, parts[1]);
  g_string_append (out, b);
  g_string_append (out, parts[2]);
  return g_string_free (out, FALSE);
}

/* One line of the test log; patterns and errors can hold line breaks. */
static void
show (const char   *pattern,
      const GError *error)
{
  g_autofree char *text = g_strescape (pattern, "\"");
  g_autofree char *message = error ? g_strescape (error->message, "\"") : NULL;

  g_test_message ("%s → %s", text, message ? message : "accepted");
}

static gboolean
import_text (ThTestFixture  *f,
             const char     *text,
             ThImportStats  *stats,
             GError        **error)
{
  g_autofree char *path = write_file (f, text, -1);

  return th_order_store_import_file (f->db, path, stats, error);
}

static gint64
count (ThDb       *db,
       const char *sql)
{
  sqlite3_stmt *stmt = th_db_prepare (db, sql, NULL);
  gint64 n;

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

/* Every order and line as text, to compare two databases. */
static char *
dump_orders (ThDb *db)
{
  const char *sql[] = {
    "SELECT " "id, station_id, pickup_code, customer_name, phone_tail, slot_date, slot_start, slot_end, "
    "status, paid, refunded, note, revision, updated_at, provisional FROM orders ORDER BY id",
    "SELECT order_id, line, sku, name, qty, unit_price, collected_qty, refunded_qty FROM order_lines "
    "ORDER BY order_id, line",
  };
  GString *out = g_string_new (NULL);

  for (guint q = 0; q < G_N_ELEMENTS (sql); q++)
    {
      sqlite3_stmt *stmt = th_db_prepare (db, sql[q], NULL);

      g_assert_nonnull (stmt);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            g_string_append_printf (out, "%s|", (const char *) sqlite3_column_text (stmt, c));
          g_string_append_c (out, '\n');
        }
      sqlite3_reset (stmt);
    }
  return g_string_free (out, FALSE);
}

static void
test_same_as_tree (ThTestFixture *f,
                   gconstpointer  data)
{
  g_autoptr(GString) text = orders_array (1500);
  ThTestFixture tree = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *streamed = NULL;
  g_autofree char *whole = NULL;
  ThImportStats stats = { 0 }, tree_stats = { 0 };

  /* Several reads, with multi-byte characters among the bytes they cut. */
  g_assert_cmpuint (text->len, >, 8 * READ_SIZE);

  g_assert_true (import_text (f, text->str, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_new, ==, 1500);

  th_test_fixture_set_up (&tree, NULL);
  root = th_json_parse (text->str, (gssize) text->len, "test", &error);
  g_assert_no_error (error);
  g_assert_true (th_order_store_import_json (tree.db, root, &tree_stats, &error));
  g_assert_no_error (error);

  streamed = dump_orders (f->db);
  whole = dump_orders (tree.db);
  g_assert_cmpstr (streamed, ==, whole);
  g_assert_nonnull (strstr (streamed, "引号 \" 与反斜杠 \\ 和 \\\" ]"));
  g_assert_cmpmem (&stats, sizeof stats, &tree_stats, sizeof tree_stats);
  th_test_fixture_tear_down (&tree, NULL);

  /* Again: the same revisions change nothing. */
  g_assert_true (import_text (f, text->str, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_unchanged, ==, 1500);
}

typedef struct {
  GPtrArray *strings;
} Collected;

static gboolean
collect_element (JsonNode  *element,
                 guint      index,
                 gpointer   user_data,
                 GError   **error)
{
  Collected *c = user_data;

  g_assert_cmpuint (index, ==, c->strings->len);
  g_ptr_array_add (c->strings, th_json_to_string (element));
  return TRUE;
}

/* Each byte of a tricky element in turn is put right at the end of the
 * first read, so that strings, escapes, brackets and UTF-8 characters are
 * all cut in two somewhere. */
static void
test_read_boundaries (void)
{
  const char *element = "{\"s\": \"a]\\\"}[{,李🍓\\\\\", \"t\": [[\"\\u674e\"], {\"k\": \"]\"}]}";
  gsize element_len = strlen (element);

  for (gsize at = 0; at < element_len; at++)
    {
      g_autoptr(GString) doc = g_string_new ("{\"next_cursor\": \"]}\", \"orders\": [{\"pad\": \"");
      g_autoptr(GInputStream) stream = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(JsonNode) expected = json_from_string (element, NULL);
      g_autofree char *expected_text = th_json_to_string (expected);
      Collected c = { strings };
      gboolean found = FALSE;
      gsize head;

      head = doc->len + strlen ("\"}, ");
      /* Byte @at of the element lands at READ_SIZE, the first byte of the second read. */
      g_assert_cmpuint (head + at, <, READ_SIZE);
      for (gsize k = head + at; k < READ_SIZE; k++)
        g_string_append_c (doc, 'x');
      g_string_append (doc, "\"}, ");
      g_assert_cmpuint (doc->len + at, ==, READ_SIZE);
      g_string_append (doc, element);
      g_string_append (doc, "], \"has_more\": false}\n");

      stream = g_memory_input_stream_new_from_data (g_memdup2 (doc->str, doc->len), (gssize) doc->len, g_free);
      g_assert_true (th_json_stream_array (stream, "orders", "test", collect_element, &c, &found, &error));
      g_assert_no_error (error);
      g_assert_true (found);
      g_assert_cmpuint (strings->len, ==, 2);
      g_assert_cmpstr (g_ptr_array_index (strings, 1), ==, expected_text);
    }
}

static void
test_shapes (ThTestFixture *f,
             gconstpointer  data)
{
  g_autofree char *a = order_text (1, "a", 1);
  g_autofree char *b = order_text (2, "b", 2);
  const char *accepted_fmt[] = {
    "[%s, %s]",
    "\xef\xbb\xbf [%s,%s]\n\n",
    "{\"orders\": [%s, %s]}",
    "{\"next_cursor\": \"c\", \"has_more\": false, \"orders\": [%s, %s]}",
    "{\"orders\": [%s, %s], \"next_cursor\": \"x\", \"has_more\": true}",
    "{\"meta\": {\"orders\": 5, \"list\": [[], {}]}, \"orders\": [%s, %s], \"more\": null}",
    "{\"\\u006frders\": [%s, %s]}",
    "\t[ %s ,\r\n %s ]",
  };
  const char *empty[] = { "[]", " [ ] ", "{\"orders\": []}", "{\"orders\": [], \"x\": [1, {\"y\": \"]\"}]}" };
  /* Not JSON, rather than JSON but not a list. */
  const char *refused[][2] = { { "$\n\n", "not valid JSON" }, { "1 2", "after the end" }, { "", "empty" },
                               { "[] x", "after the end" } };
  const char *not_a_list[] = { "{}", "{\"order\": []}", "{\"orders\": 5}", "{\"orders\": {}}", "5", "\"orders\"",
                               "null", "{\"x\": {\"orders\": []}}" };

  for (guint i = 0; i < G_N_ELEMENTS (accepted_fmt); i++)
    {
      g_autofree char *text = fill (accepted_fmt[i], a, b);
      g_autoptr(GError) error = NULL;
      ThImportStats stats = { 0 };

      g_assert_true (th_db_exec (f->db, "DELETE FROM order_lines; DELETE FROM orders", &error));
      show (accepted_fmt[i], NULL);
      g_assert_true (import_text (f, text, &stats, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (stats.n_new, ==, 2);
      g_assert_cmpint (count (f->db, "SELECT count(*) FROM order_lines"), ==, 3);
    }
  for (guint i = 0; i < G_N_ELEMENTS (empty); i++)
    {
      g_autoptr(GError) error = NULL;
      ThImportStats stats = { 1, 1, 1 };

      g_assert_true (import_text (f, empty[i], &stats, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (stats.n_new + stats.n_updated + stats.n_unchanged, ==, 0);
    }
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (import_text (f, refused[i][0], NULL, &error));
      show (refused[i][0], error);
      g_assert_error (error, TH_ERROR, TH_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, refused[i][1]));
    }
  for (guint i = 0; i < G_N_ELEMENTS (not_a_list); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (import_text (f, not_a_list[i], NULL, &error));
      show (not_a_list[i], error);
      g_assert_error (error, TH_ERROR, TH_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "“orders” array"));
    }
}

/* The error names the entry, the order and the field, as the tree path's. */
static void
test_errors_name_the_order (ThTestFixture *f,
                            gconstpointer  data)
{
  g_autofree char *good = order_text (1, "", 1);
  g_autofree char *wrong_station = NULL;
  g_autofree char *bad_code = NULL;
  g_autoptr(JsonNode) node = th_test_make_order (2026112100000123, "10000002", "1234", 2);
  const struct {
    const char *fmt;
    const char *needles[3];
  } cases[] = {
    { "[%s, %s, {\"id\": 5}]", { "Entry 3", NULL } },
    { "{\"orders\": [%s, %s, 7]}", { "Entry 3", NULL } },
    { "[%s, %s, {\"a\": tru}]", { "Entry 3", "not valid JSON" } },
  };

  json_object_set_string_member (json_node_get_object (node), "pickup_code", "1234567x");
  bad_code = th_json_to_string (node);
  json_object_set_string_member (json_node_get_object (node), "pickup_code", "10000002");
  json_object_set_int_member (json_node_get_object (node), "station_id", 8);
  wrong_station = th_json_to_string (node);

  {
    g_autofree char *text = g_strdup_printf ("[%s, %s]", good, bad_code);
    g_autoptr(GError) error = NULL;

    g_assert_false (import_text (f, text, NULL, &error));
    g_assert_error (error, TH_ERROR, TH_ERROR_INVALID);
    g_test_message ("%s", error->message);
    g_assert_nonnull (strstr (error->message, "Entry 2"));
    g_assert_nonnull (strstr (error->message, "2026112100000123"));
    g_assert_nonnull (strstr (error->message, "pickup_code"));
  }
  {
    g_autofree char *text = g_strdup_printf ("{\"orders\": [%s, %s]}", good, wrong_station);
    g_autoptr(GError) error = NULL;

    g_assert_false (import_text (f, text, NULL, &error));
    g_assert_nonnull (strstr (error->message, "Entry 2: order 2026112100000123: field “station_id” is 8"));
  }
  {
    g_autofree char *text = g_strdup_printf ("[%s, %s]", good, good);
    g_autoptr(GError) error = NULL;

    g_assert_false (import_text (f, text, NULL, &error));
    g_assert_nonnull (strstr (error->message, "Entry 2: order 1: field “id” appears twice"));
  }
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *second = order_text (2, "", 1);
      g_autofree char *text = fill (cases[i].fmt, good, second);
      g_autoptr(GError) error = NULL;

      g_assert_false (import_text (f, text, NULL, &error));
      g_assert_error (error, TH_ERROR, TH_ERROR_INVALID);
      show (cases[i].fmt, error);
      for (guint k = 0; cases[i].needles[k] != NULL; k++)
        g_assert_nonnull (strstr (error->message, cases[i].needles[k]));
    }
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM orders"), ==, 0);
}

/* What th_json_parse() refuses, in or around the streamed array. After two
 * good orders, so that each case also shows nothing is kept. */
static void
test_refused (ThTestFixture *f,
              gconstpointer  data)
{
  g_autofree char *a = order_text (1, "a", 1);
  g_autofree char *b = order_text (2, "b", 1);
  g_autoptr(GString) deep_in = g_string_new (NULL);
  g_autoptr(GString) deep_out = g_string_new (NULL);
  const struct {
    const char *fmt;    /* %s %s: two good orders */
    const char *needle;
  } cases[] = {
    { "[%s, %s] x", "after the end" },
    { "[%s, %s]\n[]", "after the end" },
    { "{\"orders\": [%s, %s]} {\"orders\": []}", "after the end" },
    { "[%s, %s] // done", "comment" },
    { "[%s, %s, /* more */]", "comment" },
    { "{\"orders\": [%s, %s], /* x */ \"a\": 1}", "comment" },
    { "[%s, %s, {\"note\": \"\\u12\"}]", "\\u escape" },
    { "{\"orders\": [%s, %s], \"c\": \"\\uZZZZ\"}", "\\u escape" },
    { "[%s, %s, {\"note\": \"\xff\"}]", "UTF-8" },
    { "{\"orders\": [%s, %s], \"c\": \"\xc3\"}", "UTF-8" },
    { "[%s, %s", "ends too early" },
    { "[%s, %s,]", "not valid JSON" },
    { "[%s %s]", "not valid JSON" },
    { "{\"orders\": [%s, %s] \"a\": 1}", "not valid JSON" },
    { "{\"orders\": [%s, %s], \"a\": tru}", "not valid JSON" },
    { "{\"orders\": [%s, %s], \"orders\": []}", "twice" },
    { "{\"orders\": [%s, %s], a: 1}", "not valid JSON" },
    /* The fuzzer's: json-glib's scanner reads these by what follows them. */
    { "[%s, %s, $\n]", "not valid JSON" },
    { "{\"orders\": [%s, %s], \"a\": 0x1F}", "not valid JSON" },
    { "[%s, %s] 1", "after the end" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = fill (cases[i].fmt, a, b);
      g_autoptr(GError) error = NULL;

      g_assert_false (import_text (f, text, NULL, &error));
      show (cases[i].fmt, error);
      g_assert_error (error, TH_ERROR, TH_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, cases[i].needle));
    }

  /* Too deep inside an order, and outside the array. */
  g_string_append_printf (deep_in, "[%s, {\"x\": ", a);
  g_string_append_printf (deep_out, "{\"orders\": [%s], \"x\": ", a);
  for (guint i = 0; i < 200000; i++)
    {
      g_string_append_c (deep_in, '[');
      g_string_append_c (deep_out, '{');
    }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (import_text (f, deep_in->str, NULL, &error));
    g_assert_nonnull (strstr (error->message, "deep"));
    g_clear_error (&error);
    g_assert_false (import_text (f, deep_out->str, NULL, &error));
    g_assert_nonnull (strstr (error->message, "deep"));
  }
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM orders"), ==, 0);
}

/* A bad order, or trailing text, thousands of orders in: nothing changes,
 * not even the orders stored before that the file would have updated. */
static void
test_all_or_nothing (ThTestFixture *f,
                     gconstpointer  data)
{
  g_autoptr(GString) text = orders_array (3000);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(JsonNode) first = th_test_make_order (1, "10000001", "1234", 1);
  gsize close;

  th_test_import (f->db, first);
  before = dump_orders (f->db);
  close = text->len - strlen ("\n]\n");

  {
    g_autoptr(GString) late = g_string_new_len (text->str, (gssize) close);

    g_string_append (late, ", {\"id\": \"9\", \"station_id\": 7}]");
    g_assert_false (import_text (f, late->str, NULL, &error));
    g_assert_nonnull (strstr (error->message, "Entry 3001"));
    g_clear_error (&error);
  }
  {
    g_autoptr(GString) trailing = g_string_new (text->str);

    g_string_append (trailing, "]");
    g_assert_false (import_text (f, trailing->str, NULL, &error));
    g_assert_nonnull (strstr (error->message, "after the end"));
    g_clear_error (&error);
  }
  after = dump_orders (f->db);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM orders"), ==, 1);
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM audit_log WHERE action = 'orders_imported'"), ==, 1);

  /* The same file without the damage goes in whole. */
  g_assert_true (import_text (f, text->str, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM orders"), ==, 3000);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) \
  g_test_add ("/tihuo/order-stream/" path, ThTestFixture, NULL, th_test_fixture_set_up, fn, th_test_fixture_tear_down)
  ADD ("same-as-tree", test_same_as_tree);
  g_test_add_func ("/tihuo/order-stream/read-boundaries", test_read_boundaries);
  ADD ("shapes", test_shapes);
  ADD ("errors-name-the-order", test_errors_name_the_order);
  ADD ("refused", test_refused);
  ADD ("all-or-nothing", test_all_or_nothing);
  return g_test_run ();
}
