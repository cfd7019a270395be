/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The core queries behind the Orders and History pages. */
#include "config.h"

#include "th-collect.h"
#include "th-history.h"
#include "th-order-list.h"
#include "th-test-util.h"

typedef ThTestFixture Fixture;

static void
import_with (ThDb       *db,
             gint64      id,
             const char *code,
             const char *tail,
             guint       n_lines,
             const char *status,
             const char *start)
{
  g_autoptr(JsonNode) order = th_test_make_order (id, code, tail, n_lines);
  JsonObject *obj = json_node_get_object (order);

  json_object_set_string_member (obj, "status", status);
  json_object_set_string_member (json_object_get_object_member (obj, "slot"), "start", start);
  if (g_str_equal (status, "refunded"))
    {
      JsonArray *items = json_object_get_array_member (obj, "items");
      for (guint i = 0; i < json_array_get_length (items); i++)
        json_object_set_int_member (json_array_get_object_element (items, i), "refunded_qty", 2);
      json_object_set_int_member (obj, "refunded", json_object_get_int_member (obj, "paid"));
    }
  th_test_import (db, order);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  th_test_fixture_set_up (f, data);
  import_with (f->db, 101, "11110001", "1234", 2, "paid", "18:00");
  import_with (f->db, 102, "11110002", "1234", 1, "paid", "18:00");
  import_with (f->db, 103, "11110003", "5678", 1, "cancelled", "18:00");
  import_with (f->db, 104, "11110004", "5678", 1, "refunded", "10:00");
  import_with (f->db, 105, "11110005", "9999", 3, "paid", "10:00");
}

static guint
count (Fixture       *f,
       ThOrderFilter  filter,
       const char    *search)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThOrderList) list = th_order_list_query (f->db, TH_TEST_NOW, 2, filter, search, &error);

  g_assert_no_error (error);
  return list->orders->len;
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThVerification) v = th_collect_order (f->db, 102, NULL, 0, TH_COLLECT_METHOD_MANUAL, "t",
                                                  TH_TEST_NOW, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (count (f, TH_ORDER_FILTER_ALL, NULL), ==, 5);
  g_assert_cmpuint (count (f, TH_ORDER_FILTER_TO_HAND_OVER, NULL), ==, 2);
  g_assert_cmpuint (count (f, TH_ORDER_FILTER_COLLECTED, NULL), ==, 1);
  g_assert_cmpuint (count (f, TH_ORDER_FILTER_CANCELLED_REFUNDED, NULL), ==, 2);
}

static void
test_slots (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThOrderList) list = th_order_list_query (f->db, TH_TEST_NOW, 2, TH_ORDER_FILTER_TO_HAND_OVER, NULL, &error);
  ThSlotSummary *morning, *evening;

  g_assert_no_error (error);
  g_assert_cmpuint (list->slots->len, ==, 2);
  morning = &g_array_index (list->slots, ThSlotSummary, 0);
  evening = &g_array_index (list->slots, ThSlotSummary, 1);
  g_assert_cmpstr (morning->start, ==, "10:00");
  g_assert_cmpuint (morning->n_total, ==, 2);
  g_assert_cmpuint (morning->n_to_hand_over, ==, 1);
  g_assert_cmpuint (morning->n_cancelled_refunded, ==, 1);
  g_assert_cmpuint (morning->n_listed, ==, 1);
  g_assert_cmpuint (evening->n_total, ==, 3);
  g_assert_cmpuint (evening->n_listed, ==, 2);

  /* Orders come by slot, and each finds its slot. */
  g_assert_cmpint (((ThOrder *) g_ptr_array_index (list->orders, 0))->id, ==, 105);
  g_assert_true (th_order_list_find_slot (list, g_ptr_array_index (list->orders, 1)) == evening);
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_assert_cmpuint (count (f, TH_ORDER_FILTER_ALL, "1234"), ==, 2);            /* phone tail */
  g_assert_cmpuint (count (f, TH_ORDER_FILTER_ALL, "1111 0005"), ==, 1);       /* pickup code */
  g_assert_cmpuint (count (f, TH_ORDER_FILTER_ALL, "李"), ==, 5);              /* name */
  g_assert_cmpuint (count (f, TH_ORDER_FILTER_ALL, "草莓"), ==, 5);            /* product */
  g_assert_cmpuint (count (f, TH_ORDER_FILTER_ALL, "sku-3"), ==, 1);           /* only 105 has 3 lines */
  g_assert_cmpuint (count (f, TH_ORDER_FILTER_ALL, "１２３４"), ==, 2);        /* full width */
  g_assert_cmpuint (count (f, TH_ORDER_FILTER_ALL, "nothing like it"), ==, 0);
  g_assert_cmpuint (count (f, TH_ORDER_FILTER_TO_HAND_OVER, "5678"), ==, 0);
}

static void
test_history (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(ThVerification) v = NULL;
  g_autofree char *collection_id = NULL;
  ThLineQty one = { 2, 2 };
  ThHistoryEntry *e;

  v = th_collect_order (f->db, 101, &one, 1, TH_COLLECT_METHOD_PHONE, "wang", TH_TEST_NOW, &error);
  g_assert_no_error (error);

  entries = th_history_list (f->db, "counter-1", 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  e = g_ptr_array_index (entries, 0);
  g_assert_cmpint (e->order_id, ==, 101);
  g_assert_cmpstr (e->staff, ==, "wang");
  g_assert_cmpstr (e->method, ==, "phone");
  g_assert_cmpstr (e->pickup_code, ==, "11110001");
  g_assert_cmpuint (e->lines->len, ==, 1);
  g_assert_cmpuint (g_array_index (e->lines, ThHistoryLine, 0).line, ==, 2);
  g_assert_cmpstr (g_array_index (e->lines, ThHistoryLine, 0).name, ==, "丹东草莓 500g");
  g_assert_true (th_history_entry_can_undo (e, TH_TEST_NOW + 60));
  g_assert_false (th_history_entry_can_undo (e, TH_TEST_NOW + TH_COLLECT_UNDO_WINDOW_SECONDS + 1));

  collection_id = g_strdup (e->collection_id);

  /* Other terminals' hand-overs are not this terminal's history. */
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = th_history_list (f->db, "counter-2", 0, 0, &error);
  g_assert_cmpuint (entries->len, ==, 0);

  g_assert_true (th_collect_undo (f->db, collection_id, "wrong bag", "wang", TH_TEST_NOW + 30, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = th_history_list (f->db, NULL, 0, 0, &error);
  e = g_ptr_array_index (entries, 0);
  g_assert_cmpint (e->undone_at, ==, TH_TEST_NOW + 30);
  g_assert_cmpstr (e->undo_reason, ==, "wrong bag");
  g_assert_false (th_history_entry_can_undo (e, TH_TEST_NOW + 31));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, th_test_fixture_tear_down)
  ADD ("/tihuo/order-list/filters", test_filters);
  ADD ("/tihuo/order-list/slots", test_slots);
  ADD ("/tihuo/order-list/search", test_search);
  ADD ("/tihuo/order-list/history", test_history);
#undef ADD

  return g_test_run ();
}
