/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The counter window at the counter: scans through the real key controller,
 * handing over, partial pickups, searches and undo. */
#include "config.h"

#include "th-counter-page.h"
#include "th-gui-test-util.h"
#include "th-history.h"
#include "th-lookup.h"
#include "th-order-list.h"
#include "th-order-row.h"
#include "th-order-store.h"
#include "th-orders-page.h"
#include "th-result-card.h"

typedef ThGuiFixture Fixture;

static ThCounterPage *
counter (Fixture *f)
{
  return TH_COUNTER_PAGE (th_window_get_counter_page (f->window));
}

static const char *
verdict (Fixture *f)
{
  const ThVerification *v = th_counter_page_get_verification (counter (f));

  g_assert_nonnull (v);
  return th_verdict_to_string (v->verdict);
}

static guint
remaining (Fixture *f,
           gint64   order_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThOrder) order = th_order_store_load (f->base.db, order_id, &error);

  g_assert_no_error (error);
  return th_order_total_remaining (order);
}

static void
test_burst_not_typed (Fixture       *f,
                      gconstpointer  data)
{
  const ThDemoCode *code = th_gui_fixture_code (f, TH_DEMO_CODE_VALID, TRUE);
  GtkEditable *search = th_orders_page_get_search_entry (TH_ORDERS_PAGE (th_window_get_orders_page (f->window)));

  /* Someone is typing a search on the Orders page when a customer's QR
   * code is scanned. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s", "orders");
  gtk_widget_grab_focus (GTK_WIDGET (search));
  gtk_editable_set_text (search, "wang");
  gtk_editable_set_position (search, -1);

  th_gui_scan (f, code->text);

  g_assert_cmpstr (gtk_editable_get_text (search), ==, "wang");
  g_assert_cmpstr (gtk_editable_get_text (th_counter_page_get_entry (counter (f))), ==, "");
  g_assert_cmpstr (th_window_get_visible_page (f->window), ==, "counter");
  g_assert_cmpstr (th_counter_page_get_mode (counter (f)), ==, "card");
  g_assert_cmpstr (verdict (f), ==, "ok");
  g_assert_cmpstr (th_result_card_get_tone (TH_RESULT_CARD (th_counter_page_get_card (counter (f)))), ==, "ok");
  g_assert_false (th_scanner_burst_is_holding (th_window_get_scanner (f->window)));
  /* The focus comes to the counter, so Enter confirms. */
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)),
                                         GTK_WIDGET (th_counter_page_get_entry (counter (f)))));

  /* A wrong-station code: red, and still nothing typed anywhere. */
  th_gui_scan (f, th_gui_fixture_code (f, TH_DEMO_CODE_OTHER_STATION, TRUE)->text);
  g_assert_cmpstr (verdict (f), ==, "wrong_station");
  g_assert_cmpstr (th_result_card_get_tone (TH_RESULT_CARD (th_counter_page_get_card (counter (f)))), ==, "error");
  g_assert_cmpstr (gtk_editable_get_text (search), ==, "wang");
}

static void
test_slow_typing (Fixture       *f,
                  gconstpointer  data)
{
  GtkEditable *entry = th_counter_page_get_entry (counter (f));

  th_counter_page_focus_entry (counter (f));
  for (const char *p = "48213907"; *p; p++)
    {
      char one[2] = { *p, 0 };

      /* A person: 60 ms a key. */
      th_gui_type (f, one, 60);
      th_gui_wait_released (f);
    }
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "48213907");
  g_assert_cmpstr (th_counter_page_get_mode (counter (f)), ==, "idle");
  g_assert_null (th_counter_page_get_verification (counter (f)));

  /* Enter then goes to the entry: the typed code is looked up. */
  g_assert_false (th_gui_press_key (f, GDK_KEY_Return));
}

static void
test_scan_enter_collects (Fixture       *f,
                          gconstpointer  data)
{
  const ThDemoCode *code = th_gui_fixture_code (f, TH_DEMO_CODE_VALID, FALSE);
  GtkEditable *entry = th_counter_page_get_entry (counter (f));

  g_assert_cmpuint (remaining (f, code->order_id), >, 0);
  th_counter_page_focus_entry (counter (f));
  th_gui_scan (f, code->text);
  g_assert_cmpstr (verdict (f), ==, "ok");
  g_assert_true (th_counter_page_get_can_hand_over (counter (f)));

  /* Enter on the empty entry hands over everything. */
  g_signal_emit_by_name (entry, "activate");
  th_gui_wait_saved (f->window);
  g_assert_cmpuint (remaining (f, code->order_id), ==, 0);
  g_assert_nonnull (th_counter_page_get_verification (counter (f))->collected);
  g_assert_false (th_counter_page_get_can_hand_over (counter (f)));
  g_assert_cmpstr (th_result_card_get_tone (TH_RESULT_CARD (th_counter_page_get_card (counter (f)))), ==, "ok");

  /* The same code again: already collected, amber. */
  th_gui_scan (f, code->text);
  g_assert_cmpstr (verdict (f), ==, "already_collected");
  g_assert_cmpstr (th_result_card_get_tone (TH_RESULT_CARD (th_counter_page_get_card (counter (f)))), ==, "warning");
  g_assert_false (th_counter_page_get_can_hand_over (counter (f)));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.hand-over", NULL);
  th_gui_wait_saved (f->window);
  g_assert_cmpstr (verdict (f), ==, "already_collected");
}

/* An order still wholly to hand over, with at least @n_lines lines. */
static ThOrder *
open_order_with_lines (Fixture *f,
                       guint    n_lines)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThOrderList) list = th_order_list_query (f->base.db, f->now, 2, TH_ORDER_FILTER_TO_HAND_OVER, NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < list->orders->len; i++)
    {
      ThOrder *o = g_ptr_array_index (list->orders, i);
      if (o->lines->len >= n_lines &&
          g_array_index (o->lines, ThOrderLine, 0).collected_qty == 0 &&
          g_array_index (o->lines, ThOrderLine, 0).refunded_qty == 0 &&
          g_array_index (o->lines, ThOrderLine, 1).collected_qty == 0 &&
          g_array_index (o->lines, ThOrderLine, 1).refunded_qty == 0)
        return th_order_ref (o);
    }
  g_assert_not_reached ();
}

static void
test_partial_pickup (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(ThOrder) order = open_order_with_lines (f, 2);
  g_autoptr(ThOrder) after = NULL;
  ThResultCard *card = TH_RESULT_CARD (th_counter_page_get_card (counter (f)));

  th_window_show_order (f->window, order->id);
  g_assert_cmpstr (verdict (f), ==, "ok");

  /* Nothing ticked: "hand over ticked lines" does nothing. */
  g_assert_cmpuint (th_counter_page_get_n_ticked (counter (f)), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.hand-over-ticked", NULL);
  th_gui_wait_saved (f->window);
  g_assert_cmpuint (remaining (f, order->id), ==, th_order_total_remaining (order));
  g_assert_true (th_result_card_set_line_ticked (card, 1, TRUE));
  g_assert_cmpuint (th_counter_page_get_n_ticked (counter (f)), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.hand-over-ticked", NULL));
  th_gui_wait_saved (f->window);

  after = th_order_store_load (f->base.db, order->id, NULL);
  g_assert_cmpuint (g_array_index (after->lines, ThOrderLine, 0).collected_qty, ==,
                    g_array_index (after->lines, ThOrderLine, 0).qty);
  for (guint i = 1; i < after->lines->len; i++)
    g_assert_cmpuint (g_array_index (after->lines, ThOrderLine, i).collected_qty, ==, 0);

  /* The card shows what is left, still to hand over. */
  g_assert_true (th_counter_page_get_can_hand_over (counter (f)));
  g_assert_cmpuint (th_counter_page_get_verification (counter (f))->remaining->len, ==, after->lines->len - 1);
}

static void
test_phone_tail (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) expected = th_lookup_phone_tail (f->base.db, TH_DEMO_SHARED_PHONE_TAIL, f->now, &error);
  GtkListBox *matches = th_counter_page_get_matches (counter (f));
  GtkListBoxRow *row;

  g_assert_no_error (error);
  g_assert_cmpuint (expected->len, >=, 2);

  th_counter_page_focus_entry (counter (f));
  gtk_editable_set_text (th_counter_page_get_entry (counter (f)), TH_DEMO_SHARED_PHONE_TAIL);
  g_signal_emit_by_name (th_counter_page_get_entry (counter (f)), "activate");

  g_assert_cmpstr (th_counter_page_get_mode (counter (f)), ==, "matches");
  g_assert_cmpuint (th_gui_count_rows (matches), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      ThOrder *o = th_order_row_get_order (TH_ORDER_ROW (gtk_list_box_get_row_at_index (matches, (int) i)));
      g_assert_cmpint (o->id, ==, ((ThOrder *) g_ptr_array_index (expected, i))->id);
      g_assert_cmpstr (o->phone_tail, ==, TH_DEMO_SHARED_PHONE_TAIL);
    }

  /* The first result has the focus; Enter opens it. */
  row = gtk_list_box_get_row_at_index (matches, 0);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (row)));
  g_signal_emit_by_name (matches, "row-activated", row);
  g_assert_cmpstr (th_counter_page_get_mode (counter (f)), ==, "card");
  g_assert_cmpint (th_counter_page_get_verification (counter (f))->order_id, ==,
                   ((ThOrder *) g_ptr_array_index (expected, 0))->id);

  /* A name fragment too. */
  gtk_editable_set_text (th_counter_page_get_entry (counter (f)), "李");
  g_signal_emit_by_name (th_counter_page_get_entry (counter (f)), "activate");
  g_assert_cmpstr (th_counter_page_get_mode (counter (f)), ==, "matches");
  g_assert_cmpuint (th_gui_count_rows (matches), >, 0);
}

static void
test_undo (Fixture       *f,
           gconstpointer  data)
{
  const ThDemoCode *code = th_gui_fixture_code (f, TH_DEMO_CODE_VALID, TRUE);
  guint before = remaining (f, code->order_id);
  g_autoptr(GPtrArray) history = NULL;

  th_gui_scan (f, code->text);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.hand-over", NULL));
  th_gui_wait_saved (f->window);
  g_assert_cmpuint (remaining (f, code->order_id), ==, 0);

  /* The toast's Undo. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo-last", NULL));
  th_gui_wait_saved (f->window);
  g_assert_cmpuint (remaining (f, code->order_id), ==, before);
  g_assert_cmpstr (verdict (f), ==, "ok");
  /* Only once. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo-last", NULL);
  th_gui_wait_saved (f->window);
  g_assert_cmpuint (remaining (f, code->order_id), ==, before);

  history = th_history_list (f->base.db, TH_DEMO_TERMINAL, 0, 1, NULL);
  g_assert_cmpint (((ThHistoryEntry *) g_ptr_array_index (history, 0))->order_id, ==, code->order_id);
  g_assert_cmpint (((ThHistoryEntry *) g_ptr_array_index (history, 0))->undone_at, !=, 0);

  /* Scanned again, it can be handed over again. */
  th_gui_scan (f, code->text);
  g_assert_cmpstr (verdict (f), ==, "ok");
}

static void
test_auto_hand_over (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  const ThDemoCode *code = th_gui_fixture_code (f, TH_DEMO_CODE_VALID, TRUE);

  g_settings_set_boolean (settings, "auto-hand-over", TRUE);
  th_gui_scan (f, code->text);
  th_gui_wait_saved (f->window);
  g_assert_cmpuint (remaining (f, code->order_id), ==, 0);
  g_assert_nonnull (th_counter_page_get_verification (counter (f))->collected);

  /* Never for a code that must not be handed over. */
  th_gui_scan (f, th_gui_fixture_code (f, TH_DEMO_CODE_CANCELLED, TRUE)->text);
  th_gui_wait_saved (f->window);
  g_assert_cmpstr (verdict (f), ==, "cancelled");
  g_settings_set_boolean (settings, "auto-hand-over", FALSE);
}

/* Back-to-back hand-overs at rush hour: each replaces the Undo toast while
 * the last one may still be sliding in, which libadwaita 1.2 must survive,
 * and Undo then means the last one only. */
static void
test_rapid_hand_overs (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  const guint gaps_ms[] = { 0, 10, 30, 60, 100, 150, 250, 400 };
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  gint64 last_order = -1;
  sqlite3_stmt *stmt;

  stmt = th_db_prepare (f->base.db,
                        "SELECT pickup_code, id FROM orders o WHERE status = 'paid' AND pickup_code IS NOT NULL "
                        "AND NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id "
                        "AND l.collected_qty + l.refunded_qty > 0) ORDER BY id LIMIT 8", NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_ptr_array_add (codes, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      last_order = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  g_assert_cmpuint (codes->len, ==, G_N_ELEMENTS (gaps_ms));

  g_settings_set_boolean (settings, "auto-hand-over", TRUE);
  for (guint i = 0; i < codes->len; i++)
    {
      th_gui_scan (f, g_ptr_array_index (codes, i));
      th_gui_wait_saved (f->window);
      g_assert_nonnull (th_counter_page_get_verification (counter (f))->collected);
      th_gui_spin (gaps_ms[i]);
    }
  g_settings_set_boolean (settings, "auto-hand-over", FALSE);
  th_gui_spin (300);

  /* Undo reaches the last hand-over, and only it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo-last", NULL));
  th_gui_wait_saved (f->window);
  th_gui_spin (50);
  g_assert_cmpuint (remaining (f, last_order), >, 0);
  g_assert_cmpint (th_test_scalar (f->base.db, "SELECT count(*) FROM collections WHERE undone_at IS NULL"), >=,
                   (gint64) codes->len - 1);
}

static void
test_escape (Fixture       *f,
             gconstpointer  data)
{
  th_gui_scan (f, th_gui_fixture_code (f, TH_DEMO_CODE_EXPIRED, TRUE)->text);
  g_assert_cmpstr (verdict (f), ==, "expired");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.back-to-scanning", NULL));
  g_assert_cmpstr (th_counter_page_get_mode (counter (f)), ==, "idle");
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (th_counter_page_get_entry (counter (f)))) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)),
                                         GTK_WIDGET (th_counter_page_get_entry (counter (f)))));
}

int
main (int   argc,
      char *argv[])
{
  th_gui_test_init (&argc, &argv);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, th_gui_fixture_set_up, fn, th_gui_fixture_tear_down)
  ADD ("/tihuo/window/burst-not-typed", test_burst_not_typed);
  ADD ("/tihuo/window/slow-typing", test_slow_typing);
  ADD ("/tihuo/window/scan-enter-collects", test_scan_enter_collects);
  ADD ("/tihuo/window/partial-pickup", test_partial_pickup);
  ADD ("/tihuo/window/phone-tail", test_phone_tail);
  ADD ("/tihuo/window/undo", test_undo);
  ADD ("/tihuo/window/auto-hand-over", test_auto_hand_over);
  ADD ("/tihuo/window/escape", test_escape);
  ADD ("/tihuo/window/rapid-hand-overs", test_rapid_hand_overs);
#undef ADD

  return g_test_run ();
}
