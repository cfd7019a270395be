/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's other pages and windows: first run, Orders, History,
 * Preferences, Demo Codes and its QR codes. */
#include "config.h"

#include <glib/gstdio.h>
#include <zbar.h>

#include "th-demo-sync.h"
#include "th-window-sync.h"
#include "th-counter-page.h"
#include "th-demo-code-card.h"
#include "th-demo-codes-window.h"
#include "th-leader-page.h"
#include "th-gui-test-util.h"
#include "th-history-page.h"
#include "th-history.h"
#include "th-order-list.h"
#include "th-order-row.h"
#include "th-orders-page.h"
#include "th-preferences-window.h"
#include "th-qr-paintable.h"
#include "th-error.h"
#include "th-order-store.h"
#include "th-setup-page.h"
#include "th-identity.h"

typedef ThGuiFixture Fixture;

static void
test_first_run (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tihuo-gui-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "station.db", NULL);
  g_autoptr(ThDb) db = th_db_open (path, &error);
  g_autofree char *terminal = NULL;
  ThWindow *window;
  GtkWidget *setup;
  guint32 station;

  g_assert_no_error (error);
  {
    g_autoptr(ThContext) context = th_context_new (db);
    window = g_object_ref (th_window_new (NULL, context));
  }
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpstr (th_window_get_visible_page (window), ==, "setup");

  /* Nothing reacts to scans before the station is set up. */
  th_window_scan (window, "48213907");
  g_assert_cmpstr (th_window_get_visible_page (window), ==, "setup");

  setup = th_window_get_setup_page (window);
  g_assert_false (th_setup_page_apply (TH_SETUP_PAGE (setup), "seven", "counter-1", &error));
  g_assert_error (error, TH_ERROR, TH_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (th_setup_page_apply (TH_SETUP_PAGE (setup), "7", "   ", &error));
  g_clear_error (&error);
  g_assert_true (th_setup_page_apply (TH_SETUP_PAGE (setup), "４２０７", "前台1号", &error));
  g_assert_no_error (error);

  /* Then the leader's account, who is signed in with it. */
  g_assert_cmpstr (th_window_get_visible_page (window), ==, "leader");
  th_leader_page_create (TH_LEADER_PAGE (th_window_get_leader_page (window)), "王姐", "2468", "2468");
  while (th_leader_page_get_busy (TH_LEADER_PAGE (th_window_get_leader_page (window))))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (th_session_get_staff_name (th_context_get_session (th_window_get_context (window))), ==, "王姐");

  g_assert_cmpstr (th_window_get_visible_page (window), ==, "counter");
  g_assert_true (th_identity_get (db, &station, &terminal, NULL));
  g_assert_cmpuint (station, ==, 4207);
  g_assert_cmpstr (terminal, ==, "前台1号");

  gtk_window_destroy (GTK_WINDOW (window));
  th_gui_spin (50);
  g_assert_finalize_object (window);
  g_clear_object (&db);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;
    while ((name = g_dir_read_name (d)))
      {
        g_autofree char *file = g_build_filename (dir, name, NULL);
        g_unlink (file);
      }
    g_rmdir (dir);
  }
}

static void
test_orders_page (Fixture       *f,
                  gconstpointer  data)
{
  ThOrdersPage *page = TH_ORDERS_PAGE (th_window_get_orders_page (f->window));
  GtkListBox *list = th_orders_page_get_list (page);
  g_autoptr(ThOrderList) all = th_order_list_query (f->base.db, f->now, 2, TH_ORDER_FILTER_ALL, NULL, NULL);
  g_autoptr(ThOrderList) todo = th_order_list_query (f->base.db, f->now, 2, TH_ORDER_FILTER_TO_HAND_OVER, NULL, NULL);
  ThOrder *first;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s", "orders");
  g_assert_cmpuint (th_gui_count_shown_rows (list), ==, all->orders->len);

  /* The first row of each slot carries the slot's header. */
  g_assert_nonnull (gtk_list_box_row_get_header (th_gui_nth_shown_row (list, 0)));
  g_assert_null (gtk_list_box_row_get_header (th_gui_nth_shown_row (list, 1)));

  /* The filter buttons name a property action; filters hide rows. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "orders.filter", "s", "to-hand-over"));
  g_assert_cmpuint (th_gui_count_shown_rows (list), ==, todo->orders->len);
  g_assert_nonnull (gtk_list_box_row_get_header (th_gui_nth_shown_row (list, 0)));

  gtk_editable_set_text (th_orders_page_get_search_entry (page), TH_DEMO_SHARED_PHONE_TAIL);
  th_orders_page_reload (page);
  g_assert_cmpuint (th_gui_count_shown_rows (list), >=, 2);
  first = th_order_row_get_order (TH_ORDER_ROW (th_gui_nth_shown_row (list, 0)));
  g_assert_cmpstr (first->phone_tail, ==, TH_DEMO_SHARED_PHONE_TAIL);

  /* Picking an order shows it at the counter. */
  g_signal_emit_by_name (list, "row-activated", th_gui_nth_shown_row (list, 0));
  g_assert_cmpstr (th_window_get_visible_page (f->window), ==, "counter");
  g_assert_cmpint (th_counter_page_get_verification (TH_COUNTER_PAGE (th_window_get_counter_page (f->window)))->order_id,
                   ==, first->id);
}

static void
undone_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* The undo runs on a worker; wait for it. */
static gboolean
history_undo (ThHistoryPage  *page,
              const char     *collection_id,
              const char     *reason,
              GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  th_history_page_undo_async (page, collection_id, reason, undone_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return th_history_page_undo_finish (page, result, error);
}

static void
test_history_page (Fixture       *f,
                   gconstpointer  data)
{
  ThHistoryPage *page = TH_HISTORY_PAGE (th_window_get_history_page (f->window));
  g_autoptr(GPtrArray) before = th_history_list (f->base.db, TH_DEMO_TERMINAL, 0, 0, NULL);
  g_autoptr(GError) error = NULL;
  ThHistoryEntry *latest = g_ptr_array_index (before, 0);
  g_autoptr(ThOrder) order = NULL;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s", "history");
  g_assert_cmpuint (th_gui_count_rows (th_history_page_get_list (page)), >, 0);

  /* Undo needs a reason. */
  g_assert_false (history_undo (page, latest->collection_id, "  ", &error));
  g_assert_error (error, TH_ERROR, TH_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (history_undo (page, latest->collection_id, "gave out the wrong bag", &error));
  g_assert_no_error (error);
  order = th_order_store_load (f->base.db, latest->order_id, NULL);
  g_assert_cmpuint (th_order_total_remaining (order), >, 0);

  /* Outside the 10-minute window, the core refuses. */
  g_assert_false (history_undo (page, ((ThHistoryEntry *) g_ptr_array_index (before, before->len - 1))->collection_id,
                                        "too late", &error));
  g_assert_error (error, TH_ERROR, TH_ERROR_REFUSED);
}

static void
test_header (Fixture       *f,
             gconstpointer  data)
{
  ThSyncIndicator *indicator = th_window_get_sync_indicator (f->window);

  /* No server in the settings: the counter works on its own and says so. */
  g_assert_null (th_context_get_sync_client (th_window_get_context (f->window)));
  g_assert_cmpstr (th_sync_indicator_get_label (indicator), ==, "Not connected to a central server");
  g_assert_cmpstr (th_sync_indicator_get_tone (indicator), ==, "none");
}

static void
test_preferences (Fixture       *f,
                  gconstpointer  data)
{
  ThPreferencesWindow *prefs = g_object_ref (th_preferences_window_new (GTK_WINDOW (f->window), th_window_get_context (f->window)));

  gtk_window_present (GTK_WINDOW (prefs));
  th_gui_spin (20);
  gtk_window_destroy (GTK_WINDOW (prefs));
  th_gui_spin (20);
  g_assert_finalize_object (prefs);
}

static char *
decode_qr (ThQrPaintable *qr)
{
  const guint scale = 4, quiet = 4;
  guint n = th_qr_paintable_get_width (qr);
  guint side = (n + 2 * quiet) * scale;
  g_autofree guint8 *pixels = g_malloc (side * side);
  zbar_image_scanner_t *scanner = zbar_image_scanner_create ();
  zbar_image_t *image = zbar_image_create ();
  char *text = NULL;

  for (guint y = 0; y < side; y++)
    for (guint x = 0; x < side; x++)
      {
        int mx = (int) (x / scale) - (int) quiet, my = (int) (y / scale) - (int) quiet;
        gboolean dark = mx >= 0 && my >= 0 && mx < (int) n && my < (int) n &&
                        th_qr_paintable_is_dark (qr, (guint) mx, (guint) my);
        pixels[y * side + x] = dark ? 0 : 255;
      }
  zbar_image_scanner_set_config (scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
  zbar_image_scanner_set_config (scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
  zbar_image_set_format (image, zbar_fourcc ('Y', '8', '0', '0'));
  zbar_image_set_size (image, side, side);
  zbar_image_set_data (image, pixels, side * side, NULL);
  if (zbar_scan_image (scanner, image) > 0)
    text = g_strdup (zbar_symbol_get_data (zbar_image_first_symbol (image)));
  zbar_image_destroy (image);
  zbar_image_scanner_destroy (scanner);
  return text;
}

static void
test_demo_codes (Fixture       *f,
                 gconstpointer  data)
{
  ThDemoCodesWindow *codes = g_object_ref (th_demo_codes_window_new (f->window, th_window_get_context (f->window), f->demo_key));
  GtkFlowBox *box = th_demo_codes_window_get_codes (codes);
  GtkFlowBoxChild *child;
  guint n = 0;

  gtk_window_present (GTK_WINDOW (codes));
  th_gui_spin (20);
  while (gtk_flow_box_get_child_at_index (box, (int) n))
    n++;
  g_assert_cmpuint (n, ==, f->codes->len);

  /* Real QR codes: a scanner reads back exactly the code. */
  for (guint i = 0; i < f->codes->len; i++)
    {
      ThDemoCode *code = g_ptr_array_index (f->codes, i);
      g_autoptr(ThQrPaintable) qr = th_qr_paintable_new (code->text);
      g_autofree char *read = decode_qr (qr);

      g_assert_cmpstr (read, ==, code->text);
    }

  /* Clicking the first (the valid signed code) scans it at the counter. */
  child = gtk_flow_box_get_child_at_index (box, 0);
  g_signal_emit_by_name (box, "child-activated", child);
  g_assert_cmpint (th_counter_page_get_verification (TH_COUNTER_PAGE (th_window_get_counter_page (f->window)))->verdict,
                   ==, TH_VERDICT_OK);

  gtk_window_destroy (GTK_WINDOW (codes));
  th_gui_spin (20);
  g_assert_finalize_object (codes);
}

int
main (int   argc,
      char *argv[])
{
  th_gui_test_init (&argc, &argv);

  g_test_add_func ("/tihuo/window-pages/first-run", test_first_run);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, th_gui_fixture_set_up, fn, th_gui_fixture_tear_down)
  ADD ("/tihuo/window-pages/orders", test_orders_page);
  ADD ("/tihuo/window-pages/history", test_history_page);
  ADD ("/tihuo/window-pages/header", test_header);
  ADD ("/tihuo/window-pages/preferences", test_preferences);
  ADD ("/tihuo/window-pages/demo-codes", test_demo_codes);
#undef ADD

  return g_test_run ();
}
