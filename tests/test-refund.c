/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Refunds: the money rules (in the code, in the database, and with two
 * processes at once), approvals, local facts surviving an import, the slip,
 * and the CLI. */
#include "config.h"

#include <glib/gstdio.h>

#include "th-collect.h"
#include "th-error.h"
#include "th-json.h"
#include "th-order-store.h"
#include "th-outbox.h"
#include "th-refund-slip.h"
#include "th-test-aftersales.h"
#include "th-verifier.h"

#define ORDER 1
static const ThTestItem items[] = {
  { "SKU-STRAW-500", "丹东草莓 500g", 2, 1290 },
  { "SKU-EGG-30", "土鸡蛋 30枚", 2, 3280 },
};
#define PAID (2 * 1290 + 2 * 3280)


static void
set_up (ThTestFixture *f,
        gconstpointer  data)
{
  g_autoptr(JsonNode) order = th_test_make_order_items (ORDER, PAID, 1, items, G_N_ELEMENTS (items));

  th_test_fixture_set_up (f, data);
  th_test_add_staff (f->db, TH_TEST_LEADER, TH_STAFF_ROLE_LEADER, TH_TEST_LEADER_PIN);
  th_test_add_staff (f->db, "sup", TH_STAFF_ROLE_SUPERVISOR, "3333");
  th_test_add_staff (f->db, "cash", TH_STAFF_ROLE_CASHIER, "2222");
  th_test_add_staff (f->db, "cash2", TH_STAFF_ROLE_CASHIER, "4444");
  th_test_import (f->db, order);
}

static ThRefund *
refund (ThTestFixture              *f,
        gint64                      order_id,
        const ThRefundLineRequest  *lines,
        guint                       n_lines,
        const char                 *staff,
        const char                 *approver,
        const char                 *pin,
        gint64                      now,
        GError                    **error)
{
  ThRefundRequest request = { order_id, lines, n_lines, TH_REASON_SPOILED, "坏了两个", staff, approver, pin };

  return th_refund_create (f->db, &request, now, error);
}

#define REFUND(lines, staff, error) \
  refund (f, ORDER, lines, G_N_ELEMENTS (lines), staff, NULL, NULL, TH_TEST_NOW, error)

static ThOrder *
load_order (ThTestFixture *f, gint64 id)
{
  g_autoptr(GError) error = NULL;
  ThOrder *order = th_order_store_load (f->db, id, &error);

  g_assert_no_error (error);
  return order;
}

static void
test_basic (ThTestFixture *f,
            gconstpointer  data)
{
  const ThRefundLineRequest lines[] = { { 1, 1, -1 }, { 2, 0, 500 } };
  g_autoptr(GError) error = NULL;
  g_autoptr(ThRefund) r = REFUND (lines, "cash", &error);
  g_autoptr(ThOrder) order = NULL;
  g_autoptr(JsonNode) events = NULL;
  g_autoptr(GPtrArray) list = NULL;
  JsonObject *event, *d;
  JsonArray *el;

  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (r->id));
  g_assert_cmpint (r->amount, ==, 1290 + 500);
  g_assert_null (r->approved_by);
  g_assert_cmpstr (r->staff, ==, "cash");
  g_assert_cmpstr (r->terminal, ==, "counter-1");
  g_assert_cmpuint (r->lines->len, ==, 2);
  g_assert_cmpstr (g_array_index (r->lines, ThRefundLine, 0).sku, ==, "SKU-STRAW-500");

  order = load_order (f, ORDER);
  g_assert_cmpint (order->refunded, ==, 1790);
  g_assert_cmpuint (th_order_get_line (order, 1)->refunded_qty, ==, 1);
  g_assert_cmpuint (th_order_get_line (order, 2)->refunded_qty, ==, 0);
  g_assert_cmpuint (th_order_total_remaining (order), ==, 3);

  /* One `refund` event in the API's shape, and one audit entry. */
  events = th_outbox_list (f->db, 0, &error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (events)), ==, 1);
  event = json_array_get_object_element (json_node_get_array (events), 0);
  g_assert_cmpstr (json_object_get_string_member (event, "type"), ==, "refund");
  g_assert_cmpstr (json_object_get_string_member (event, "id"), ==, r->event_id);
  g_assert_cmpstr (json_object_get_string_member (event, "order_id"), ==, "1");
  g_assert_cmpstr (json_object_get_string_member (event, "staff"), ==, "cash");
  d = json_object_get_object_member (event, "data");
  g_assert_cmpstr (json_object_get_string_member (d, "refund_id"), ==, r->id);
  g_assert_cmpint (json_object_get_int_member (d, "amount"), ==, 1790);
  g_assert_cmpstr (json_object_get_string_member (d, "reason"), ==, "spoiled");
  g_assert_cmpstr (json_object_get_string_member (d, "note"), ==, "坏了两个");
  g_assert_true (json_object_get_null_member (d, "approved_by"));
  el = json_object_get_array_member (d, "lines");
  g_assert_cmpuint (json_array_get_length (el), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (el, 0), "qty"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (el, 0), "amount"), ==, 1290);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (el, 1), "qty"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (el, 1), "amount"), ==, 500);
  g_assert_cmpint (th_test_query_int (f->db, "SELECT count (*) FROM audit_log WHERE action = 'refunded' "
                                             "AND subject = 'order:1' AND actor = 'cash'"), ==, 1);

  list = th_refund_list_for_order (f->db, ORDER, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((ThRefund *) g_ptr_array_index (list, 0))->id, ==, r->id);
}

static void
expect_refused (ThTestFixture              *f,
                const ThRefundLineRequest  *lines,
                guint                       n_lines,
                const char                 *words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThRefund) r = refund (f, ORDER, lines, n_lines, TH_TEST_LEADER, NULL, NULL, TH_TEST_NOW, &error);
  gint64 events = th_outbox_count (f->db, NULL);

  g_assert_null (r);
  g_assert_error (error, TH_ERROR, TH_ERROR_REFUSED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, words));
  /* Nothing written. */
  g_assert_cmpint (th_outbox_count (f->db, NULL), ==, events);
}

static void
test_over_line (ThTestFixture *f,
                gconstpointer  data)
{
  const ThRefundLineRequest too_many[] = { { 1, 3, -1 } };
  const ThRefundLineRequest one[] = { { 1, 1, -1 } };
  const ThRefundLineRequest money[] = { { 1, 0, 1290 } };
  const ThRefundLineRequest fen_more[] = { { 1, 0, 1 } };
  const ThRefundLineRequest no_line[] = { { 9, 1, -1 } };
  const ThRefundLineRequest twice[] = { { 1, 1, -1 }, { 1, 1, -1 } };
  const ThLineQty collect_all[] = { { 1, 2 } };
  g_autoptr(GError) error = NULL;
  g_autoptr(ThVerification) v = NULL;
  g_autoptr(ThRefund) r = NULL;

  expect_refused (f, too_many, 1, "still to hand over");
  expect_refused (f, no_line, 1, "no line 9");
  g_assert_null (refund (f, ORDER, twice, 2, TH_TEST_LEADER, NULL, NULL, TH_TEST_NOW, &error));
  g_assert_error (error, TH_ERROR, TH_ERROR_INVALID);
  g_clear_error (&error);

  /* Line 1 handed over in full: its goods can no longer be refunded
   * instead of handing over, only in money, up to 2 × 1290. */
  v = th_collect_order (f->db, ORDER, collect_all, 1, TH_COLLECT_METHOD_MANUAL, "cash", TH_TEST_NOW, &error);
  g_assert_no_error (error);
  expect_refused (f, one, 1, "still to hand over");
  r = refund (f, ORDER, money, 1, TH_TEST_LEADER, NULL, NULL, TH_TEST_NOW, &error);
  g_assert_no_error (error);
  g_clear_pointer (&r, th_refund_unref);
  r = refund (f, ORDER, money, 1, TH_TEST_LEADER, NULL, NULL, TH_TEST_NOW, &error);
  g_assert_no_error (error);
  expect_refused (f, fen_more, 1, "exceed the ¥25.80 paid for it");
}

static void
test_over_paid (ThTestFixture *f,
                gconstpointer  data)
{
  /* A discount: paid is less than the lines add up to. */
  g_autoptr(JsonNode) order = th_test_make_order_items (2, 4000, 1, items, G_N_ELEMENTS (items));
  const ThRefundLineRequest a[] = { { 2, 0, 2500 } };
  const ThRefundLineRequest b[] = { { 1, 0, 1501 } };
  const ThRefundLineRequest c[] = { { 1, 0, 1500 } };
  g_autoptr(GError) error = NULL;
  g_autoptr(ThRefund) r1 = NULL;
  g_autoptr(ThRefund) r2 = NULL;
  g_autoptr(ThRefund) r3 = NULL;
  g_autoptr(ThOrder) stored = NULL;

  th_test_import (f->db, order);
  r1 = refund (f, 2, a, 1, TH_TEST_LEADER, NULL, NULL, TH_TEST_NOW, &error);
  g_assert_no_error (error);
  r2 = refund (f, 2, b, 1, TH_TEST_LEADER, NULL, NULL, TH_TEST_NOW, &error);
  g_assert_null (r2);
  g_assert_error (error, TH_ERROR, TH_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "¥40.00 paid"));
  g_clear_error (&error);
  r3 = refund (f, 2, c, 1, TH_TEST_LEADER, NULL, NULL, TH_TEST_NOW, &error);
  g_assert_no_error (error);
  stored = load_order (f, 2);
  g_assert_cmpint (stored->refunded, ==, 4000);

  /* Fully refunded: the counter must not hand it over. */
  {
    g_autoptr(ThVerification) v = th_verifier_verify_order (f->db, 2, &error);
    g_assert_no_error (error);
    g_assert_cmpint (v->verdict, ==, TH_VERDICT_REFUNDED);
  }
  /* Unknown and cancelled orders are refused too. */
  g_assert_null (refund (f, 99, c, 1, TH_TEST_LEADER, NULL, NULL, TH_TEST_NOW, &error));
  g_assert_error (error, TH_ERROR, TH_ERROR_REFUSED);
  g_clear_error (&error);
  {
    g_autoptr(JsonNode) cancelled = th_test_make_order_items (3, PAID, 1, items, G_N_ELEMENTS (items));

    json_object_set_string_member (json_node_get_object (cancelled), "status", "cancelled");
    th_test_import (f->db, cancelled);
    g_assert_null (refund (f, 3, c, 1, TH_TEST_LEADER, NULL, NULL, TH_TEST_NOW, &error));
    g_assert_error (error, TH_ERROR, TH_ERROR_REFUSED);
    g_assert_nonnull (strstr (error->message, "cancelled"));
  }
}

/* Goes around the code: the database's own rules. */
static void
test_database_rules (ThTestFixture *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (th_db_exec (f->db, "INSERT INTO refunds (id, event_id, order_id, at, terminal, staff, amount, reason) "
                                    "VALUES ('r1', 'e1', 1, 0, 't', 's', 2580, 'other')", &error));
  /* More than qty × unit_price on a line. */
  g_assert_false (th_db_exec (f->db, "INSERT INTO refund_lines VALUES ('r1', 1, 1, 'S', 'n', 0, 2581)", &error));
  g_assert_nonnull (strstr (error->message, "line"));
  g_clear_error (&error);
  /* More quantity than bought. */
  g_assert_false (th_db_exec (f->db, "INSERT INTO refund_lines VALUES ('r1', 1, 1, 'S', 'n', 3, 1)", &error));
  g_clear_error (&error);
  /* A line the order does not have. */
  g_assert_false (th_db_exec (f->db, "INSERT INTO refund_lines VALUES ('r1', 1, 7, 'S', 'n', 1, 1)", &error));
  g_clear_error (&error);
  g_assert_true (th_db_exec (f->db, "INSERT INTO refund_lines VALUES ('r1', 1, 1, 'S', 'n', 0, 2580)", &error));
  g_assert_false (th_db_exec (f->db, "INSERT INTO refund_lines VALUES ('r1', 1, 2, 'S', 'n', 0, 0)", &error));
  g_clear_error (&error);
  /* More than paid for the order. */
  g_assert_false (th_db_exec (f->db, "INSERT INTO refunds (id, event_id, order_id, at, terminal, staff, amount, reason) "
                                     "VALUES ('r2', 'e2', 1, 0, 't', 's', 6561, 'other')", &error));
  g_assert_nonnull (strstr (error->message, "paid"));
  g_clear_error (&error);
  g_assert_false (th_db_exec (f->db, "UPDATE orders SET refunded = paid + 1 WHERE id = 1", &error));
  g_clear_error (&error);
  g_assert_false (th_db_exec (f->db, "UPDATE order_lines SET refunded_qty = 3 WHERE order_id = 1 AND line = 1", &error));
  g_clear_error (&error);
  /* Money records are never rewritten. */
  g_assert_false (th_db_exec (f->db, "UPDATE refunds SET amount = 1", &error));
  g_clear_error (&error);
  g_assert_false (th_db_exec (f->db, "DELETE FROM refund_lines", &error));
  g_clear_error (&error);
}

static void
test_approval (ThTestFixture *f,
               gconstpointer  data)
{
  const ThRefundLineRequest at_threshold[] = { { 2, 0, 5000 } };
  const ThRefundLineRequest over[] = { { 2, 1, -1 }, { 1, 0, 1721 } };   /* 5001 */
  g_autoptr(GError) error = NULL;
  g_autoptr(ThRefund) plan = NULL;
  g_autoptr(ThRefund) r = NULL;
  ThRefundRequest request = { ORDER, over, 2, TH_REASON_DAMAGED, NULL, "cash", NULL, NULL };

  /* The plan says so before anything is written. */
  plan = th_refund_plan (f->db, &request, TH_TEST_NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpint (plan->amount, ==, 5001);
  g_assert_cmpint (plan->approval, ==, TH_APPROVAL_OVER_THRESHOLD);
  g_assert_cmpint (th_outbox_count (f->db, NULL), ==, 0);

  g_assert_null (refund (f, ORDER, over, 2, "cash", NULL, NULL, TH_TEST_NOW, &error));
  g_assert_error (error, TH_ERROR, TH_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "¥50.00"));
  g_clear_error (&error);
  /* Not a leader's or supervisor's account, or not their PIN. */
  g_assert_null (refund (f, ORDER, over, 2, "cash", "cash2", "4444", TH_TEST_NOW, &error));
  g_assert_error (error, TH_ERROR, TH_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_null (refund (f, ORDER, over, 2, "cash", "sup", "3334", TH_TEST_NOW, &error));
  g_assert_error (error, TH_ERROR, TH_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_cmpint (th_outbox_count (f->db, NULL), ==, 0);

  r = refund (f, ORDER, over, 2, "cash", "sup", "3333", TH_TEST_NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (r->approved_by, ==, "sup");
  g_assert_cmpint (th_test_query_int (f->db, "SELECT count (*) FROM outbox WHERE "
                                             "json_extract (body, '$.data.approved_by') = 'sup'"), ==, 1);
  g_clear_pointer (&r, th_refund_unref);

  /* Exactly the threshold needs no approval. */
  {
    g_autoptr(JsonNode) order = th_test_make_order_items (2, PAID, 1, items, G_N_ELEMENTS (items));
    th_test_import (f->db, order);
  }
  r = refund (f, 2, at_threshold, 1, "cash2", NULL, NULL, TH_TEST_NOW, &error);
  g_assert_no_error (error);
  g_assert_null (r->approved_by);
}

static void
test_daily_cap (ThTestFixture *f,
                gconstpointer  data)
{
  const ThRefundLineRequest fifty[] = { { 2, 0, 5000 } };
  const ThRefundLineRequest one_yuan[] = { { 1, 0, 100 } };
  g_autoptr(GError) error = NULL;

  for (gint64 id = 10; id < 15; id++)
    {
      g_autoptr(JsonNode) order = th_test_make_order_items (id, PAID, 1, items, G_N_ELEMENTS (items));
      th_test_import (f->db, order);
    }
  /* ¥200.00 in the day is within the cap... */
  for (gint64 id = 10; id < 14; id++)
    {
      g_autoptr(ThRefund) r = refund (f, id, fifty, 1, "cash", NULL, NULL, TH_TEST_NOW + id, &error);
      g_assert_no_error (error);
    }
  /* ...one more fen is beyond it. */
  g_assert_null (refund (f, 14, one_yuan, 1, "cash", NULL, NULL, TH_TEST_NOW + 60, &error));
  g_assert_error (error, TH_ERROR, TH_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "daily limit of ¥200.00"));
  g_clear_error (&error);
  {
    /* Another cashier, a leader, an approver, or the next day: fine. */
    g_autoptr(ThRefund) a = refund (f, 14, one_yuan, 1, "cash2", NULL, NULL, TH_TEST_NOW + 60, &error);
    g_autoptr(ThRefund) b = NULL;
    g_autoptr(ThRefund) c = NULL;
    g_autoptr(ThRefund) d = NULL;

    g_assert_no_error (error);
    b = refund (f, 14, one_yuan, 1, TH_TEST_LEADER, NULL, NULL, TH_TEST_NOW + 60, &error);
    g_assert_no_error (error);
    c = refund (f, 14, one_yuan, 1, "cash", TH_TEST_LEADER, TH_TEST_LEADER_PIN, TH_TEST_NOW + 60, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (c->approved_by, ==, TH_TEST_LEADER);
    d = refund (f, 14, one_yuan, 1, "cash", NULL, NULL, TH_TEST_NOW + 86400, &error);
    g_assert_no_error (error);
  }
}

/* central-api.md, "Local facts win": an import keeps refunds the platform
 * has not confirmed yet, and does not count them twice once it has. */
static void
test_import_keeps_local (ThTestFixture *f,
                         gconstpointer  data)
{
  const ThRefundLineRequest lines[] = { { 1, 1, -1 }, { 2, 0, 500 } };
  g_autoptr(GError) error = NULL;
  g_autoptr(ThRefund) r = REFUND (lines, TH_TEST_LEADER, &error);
  g_autoptr(ThOrder) o = NULL;
  g_autoptr(JsonNode) newer = th_test_make_order_items (ORDER, PAID, 2, items, G_N_ELEMENTS (items));
  g_autoptr(JsonNode) confirmed = th_test_make_order_items (ORDER, PAID, 3, items, G_N_ELEMENTS (items));
  JsonObject *line1;

  g_assert_no_error (error);
  th_test_import (f->db, newer);
  o = load_order (f, ORDER);
  g_assert_cmpint (o->revision, ==, 2);
  g_assert_cmpint (o->refunded, ==, 1790);
  g_assert_cmpuint (th_order_get_line (o, 1)->refunded_qty, ==, 1);
  g_clear_pointer (&o, th_order_unref);

  /* Accepted: the event leaves the outbox (th-sync-push.c), and the
   * platform's next copy counts the refund itself. */
  {
    sqlite3_stmt *stmt = th_db_prepare (f->db, "DELETE FROM outbox WHERE id = ?", NULL);
    sqlite3_bind_text (stmt, 1, r->event_id, -1, SQLITE_STATIC);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
    sqlite3_reset (stmt);
  }
  line1 = json_array_get_object_element (json_object_get_array_member (json_node_get_object (confirmed), "items"), 0);
  json_object_set_int_member (line1, "refunded_qty", 1);
  json_object_set_int_member (json_node_get_object (confirmed), "refunded", 1790);
  th_test_import (f->db, confirmed);
  o = load_order (f, ORDER);
  g_assert_cmpint (o->refunded, ==, 1790);
  g_assert_cmpuint (th_order_get_line (o, 1)->refunded_qty, ==, 1);
  g_assert_cmpuint (th_order_get_line (o, 2)->refunded_qty, ==, 0);
}

static GSubprocess *
spawn_refunder (ThTestFixture *f, gint64 order_id, const char *spec, gint64 start)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *helper = th_test_build_path ("th-test-refunder");
  g_autofree char *order_text = g_strdup_printf ("%" G_GINT64_FORMAT, order_id);
  g_autofree char *start_text = g_strdup_printf ("%" G_GINT64_FORMAT, start);
  GSubprocess *p = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, helper, f->path, order_text, spec,
                                     TH_TEST_LEADER, start_text, NULL);
  g_assert_no_error (error);
  return p;
}

/* Two processes refund the same order at the same moment; each refund alone
 * is fine, both together would break a rule: exactly one goes through. */
static void
test_race (ThTestFixture *f,
           gconstpointer  data)
{
#define ROUNDS 16
  for (gint64 i = 0; i < ROUNDS; i++)
    {
      /* Even rounds: the order's paid (discounted to 4800); odd: line 1's qty. */
      g_autoptr(JsonNode) order = th_test_make_order_items (100 + i, 4800, 1, items, G_N_ELEMENTS (items));
      th_test_import (f->db, order);
    }
  for (gint64 i = 0; i < ROUNDS; i++)
    {
      const char *spec = i % 2 ? "1:2:1000" : "1:0:1250,2:0:1250";
      gint64 start = g_get_real_time () + 300 * 1000;
      g_autoptr(GSubprocess) a = spawn_refunder (f, 100 + i, spec, start);
      g_autoptr(GSubprocess) b = spawn_refunder (f, 100 + i, spec, start);
      g_autofree char *va = th_test_subprocess_finish (a);
      g_autofree char *vb = th_test_subprocess_finish (b);

      g_test_message ("round %" G_GINT64_FORMAT ": %s / %s", i, va, vb);
      g_assert_true ((g_str_equal (va, "ok") && g_str_equal (vb, "refused")) ||
                     (g_str_equal (vb, "ok") && g_str_equal (va, "refused")));
    }
  g_assert_cmpint (th_test_query_int (f->db, "SELECT count (*) FROM refunds"), ==, ROUNDS);
  g_assert_cmpint (th_outbox_count (f->db, NULL), ==, ROUNDS);
  g_assert_cmpint (th_test_query_int (f->db, "SELECT count (*) FROM orders o WHERE refunded > paid OR "
                                             "(SELECT sum (amount) FROM refunds r WHERE r.order_id = o.id) > paid"), ==, 0);
  g_assert_cmpint (th_test_query_int (f->db, "SELECT count (*) FROM order_lines WHERE refunded_qty > qty"), ==, 0);
#undef ROUNDS
}

static void
test_slip (ThTestFixture *f,
           gconstpointer  data)
{
  const ThRefundLineRequest lines[] = { { 1, 1, -1 }, { 2, 0, 500 } };
  g_autoptr(GError) error = NULL;
  g_autoptr(ThRefund) r = REFUND (lines, "cash", &error);
  g_autofree char *pdf = g_build_filename (f->dir, "slip.pdf", NULL);
  g_autofree char *png = g_build_filename (f->dir, "slip.png", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *zbarimg = g_find_program_in_path ("zbarimg");
  cairo_surface_t *surface;
  cairo_t *cr;
  gsize len;
  double height;

  g_assert_no_error (error);
  g_assert_true (th_refund_slip_write_pdf (r, pdf, &error));
  g_assert_no_error (error);
  {
    /* Private: a slip names a customer. */
    GStatBuf st;

    g_assert_cmpint (g_stat (pdf, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }
  g_assert_true (g_file_get_contents (pdf, &contents, &len, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_cmpuint (len, >, 2000);
  /* Complete: a PDF ends with its trailer. */
  g_assert_cmpmem (contents + len - 6, 6, "%%EOF\n", 6);

  /* The same drawing on an image: the QR code must read back as the id. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 600, 1200);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, 2, 2);
  cairo_translate (cr, 18, 18);
  height = th_refund_slip_draw (cr, r, 260);
  g_assert_cmpfloat (height, >, 200);
  g_assert_cmpfloat (height, <, 580);
  g_assert_cmpint (cairo_surface_write_to_png (surface, png), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  if (zbarimg == NULL)
    {
      g_test_message ("zbarimg is missing: the QR code was drawn but not read back");
      return;
    }
  {
    g_autofree char *out = NULL;
    g_autofree char *expected = g_strconcat ("QR-Code:", r->id, NULL);
    const char *argv[] = { zbarimg, "--quiet", png, NULL };
    g_autoptr(GSubprocess) p = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                                                  &error);
    g_assert_no_error (error);
    g_assert_true (g_subprocess_communicate_utf8 (p, NULL, NULL, &out, NULL, &error));
    g_assert_cmpstr (g_strstrip (out), ==, expected);
  }
}

static void
test_cli (ThTestFixture *f,
          gconstpointer  data)
{
  g_autofree char *pin = g_build_filename (f->dir, "sup.pin", NULL);
  g_autofree char *cash_pin = th_test_pin_file (f, "2222");
  g_autofree char *leader_pin = th_test_pin_file (f, TH_TEST_LEADER_PIN);
  g_autofree char *slip = g_build_filename (f->dir, "cli-slip.pdf", NULL);
  g_autofree char *at = g_strdup_printf ("%d", TH_TEST_NOW);
  g_autofree char *refund_id = NULL;

  g_assert_true (g_file_set_contents (pin, "3333\n", -1, NULL));
  {
    g_auto(ThTestRun) r = { 0 };
    JsonObject *o;
    th_test_cli (f, &r, "refund", "1", "--lines", "1:0:1290", "--reason", "spoiled", "--note", "烂了",
                 "--staff", "cash", "--pin-file", cash_pin, "--at", at, "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    o = json_node_get_object (r.json);
    refund_id = g_strdup (json_object_get_string_member (o, "refund_id"));
    g_assert_true (g_uuid_string_is_valid (refund_id));
    g_assert_cmpint (json_object_get_int_member (o, "amount"), ==, 1290);
    g_assert_true (json_object_get_null_member (o, "approved_by"));
  }
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "refund", "1", "--lines", "1:3", "--reason", "spoiled", "--staff", "cash", "--pin-file", cash_pin, "--at", at, NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "still to hand over"));
  }
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "refund", "1", "--lines", "2:2", "--reason", "damaged", "--staff", "cash", "--pin-file", cash_pin, "--at", at, NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "approve"));
  }
  {
    g_auto(ThTestRun) r = { 0 };
    /* Issue 10, item 7: a cashier cannot lift the limits from the command
     * line; the flags are gone and nothing is refunded. */
    th_test_cli (f, &r, "refund", "1", "--lines", "2:2", "--reason", "damaged", "--staff", "cash",
                 "--pin-file", cash_pin, "--threshold", "99999999", "--daily-cap", "99999999", "--at", at, NULL);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_cmpint (th_test_scalar (f->db, "SELECT count(*) FROM refunds"), ==, 1);
  }
  {
    /* A cashier cannot lift them with the station settings either. */
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "settings", "set", "refund-approval-threshold", "99999999", "--staff", "cash",
                 "--pin-file", cash_pin, NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "not a leader"));
  }
  {
    /* The leader's limits apply to the next refund. */
    g_auto(ThTestRun) r1 = { 0 };
    g_auto(ThTestRun) r2 = { 0 };
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r1, "settings", "set", "refund-approval-threshold", "10000", "--staff", TH_TEST_LEADER,
                 "--pin-file", leader_pin, NULL);
    th_test_cli (f, &r2, "settings", "set", "cashier-daily-cap", "5000", "--staff", TH_TEST_LEADER,
                 "--pin-file", leader_pin, NULL);
    g_assert_cmpint (r1.status, ==, 0);
    g_assert_cmpint (r2.status, ==, 0);
    th_test_cli (f, &r, "refund", "1", "--lines", "2:2", "--reason", "damaged", "--staff", "cash",
                 "--pin-file", cash_pin, "--at", at, "--json", NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "daily limit"));
    g_assert_nonnull (strstr (r.err, "50.00"));
  }
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "refund", "1", "--lines", "2:2", "--reason", "damaged", "--staff", "cash",
                 "--pin-file", cash_pin, "--approver", "sup", "--approver-pin-file", pin, "--slip", slip, "--at", at, "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (r.json), "approved_by"), ==, "sup");
    g_assert_true (g_file_test (slip, G_FILE_TEST_EXISTS));
    g_assert_null (strstr (r.out, "3333"));
  }
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "refund", "1", "--lines", "1:1", "--reason", "stolen", "--staff", "cash", "--pin-file", cash_pin, NULL);
    g_assert_cmpint (r.status, ==, 2);
  }
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "refund", "1", "--lines", "1:x", "--reason", "other", "--staff", "cash", "--pin-file", cash_pin, NULL);
    g_assert_cmpint (r.status, ==, 2);
  }
  {
    g_auto(ThTestRun) r = { 0 };
    g_assert_cmpint (g_unlink (slip), ==, 0);
    th_test_cli (f, &r, "refund-slip", refund_id, "--pdf", slip, NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_true (g_file_test (slip, G_FILE_TEST_EXISTS));
  }
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "refund-slip", "no-such-refund", "--pdf", slip, NULL);
    g_assert_cmpint (r.status, ==, 1);
  }
}

int
main (int argc, char *argv[])
{
  /* The cashier's daily cap follows the station's calendar day. */
  g_setenv ("TZ", "CST-8", TRUE);
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add (path, ThTestFixture, NULL, set_up, func, th_test_fixture_tear_down)
  ADD ("/tihuo/refund/basic", test_basic);
  ADD ("/tihuo/refund/over-line", test_over_line);
  ADD ("/tihuo/refund/over-paid", test_over_paid);
  ADD ("/tihuo/refund/database-rules", test_database_rules);
  ADD ("/tihuo/refund/approval", test_approval);
  ADD ("/tihuo/refund/daily-cap", test_daily_cap);
  ADD ("/tihuo/refund/import-keeps-local", test_import_keeps_local);
  ADD ("/tihuo/refund/race", test_race);
  ADD ("/tihuo/refund/slip", test_slip);
  ADD ("/tihuo/refund/cli", test_cli);
#undef ADD
  return g_test_run ();
}
