/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The counter window's sync against a real tihuo-central-dev on loopback,
 * started the way `tihuo --demo` starts it: the header follows real runs,
 * and a conflict reaches Needs Attention until someone acknowledges it,
 * which the audit log records. */
#include "config.h"

#include "th-attention-row.h"
#include "th-collect.h"
#include "th-gui-test-util.h"
#include "th-sync-status.h"
#include "th-sync-test-util.h"
#include "th-time.h"

typedef struct {
  ThSyncIndicator *indicator;
  char            *label;      /* the header while an event waited */
} Watch;

static void
pending_changed_cb (ThSyncClient *client,
                    GParamSpec   *pspec,
                    Watch        *watch)
{
  /* The header has followed already: it was connected first. */
  if (th_sync_client_get_pending (client) > 0 && watch->label == NULL)
    watch->label = g_strdup (th_sync_indicator_get_label (watch->indicator));
}

static gboolean
watch_saw_pending (ThSyncFixture *f)
{
  return ((Watch *) f->watched)->label != NULL;
}

static void
count_run_cb (guint *n_runs)
{
  (*n_runs)++;
}

static gboolean
ran (ThSyncFixture *f)
{
  return *(guint *) f->watched > 0;
}

static gboolean
has_attention (ThSyncFixture *f)
{
  return th_sync_client_get_needs_attention (th_context_get_sync_client (th_window_get_context (f->window))) > 0;
}

static void
test_header_follows_sync (ThSyncFixture *f,
                          gconstpointer  data)
{
  ThSyncIndicator *indicator = th_window_get_sync_indicator (f->window);
  g_auto(ThSyncStatus) status = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(ThVerification) v = NULL;
  Watch watch = { indicator, NULL };
  guint n_runs = 0;
  ThSyncClient *client;

  /* The demo station starts with hand-overs the platform has not seen. */
  g_assert_true (th_sync_status_load (f->base.db, &status, &error));
  g_assert_cmpint (status.pending, >, 0);
  g_assert_cmpstr (th_sync_indicator_get_label (indicator), ==, "Not connected to a central server");

  th_demo_sync_attach (th_window_get_context (f->window), f->base.dir);
  th_sync_wait_until (f, th_sync_synced_clean, "the first sync");
  client = th_context_get_sync_client (th_window_get_context (f->window));
  g_assert_nonnull (th_demo_sync_get_server (th_window_get_context (f->window)));
  g_assert_cmpstr (th_sync_indicator_get_tone (indicator), ==, "ok");
  g_assert_true (g_str_has_prefix (th_sync_indicator_get_label (indicator), "Synced "));
  g_assert_null (strstr (th_sync_indicator_get_label (indicator), "to send"));

  /* The keys came from the platform, which signs with the demo key: the
   * demo codes still verify. */
  v = th_verifier_verify_code (f->base.db, th_sync_fixture_code (f, TH_DEMO_CODE_VALID)->text, th_time_now (), &error);
  g_assert_no_error (error);
  g_assert_cmpint (v->verdict, ==, TH_VERDICT_OK);
  g_clear_pointer (&v, th_verification_free);

  /* A hand-over shows as waiting, then leaves within seconds. */
  f->watched = &watch;
  g_signal_connect (client, "notify::pending", G_CALLBACK (pending_changed_cb), &watch);
  v = th_collect_order (f->base.db, th_sync_fixture_code (f, TH_DEMO_CODE_VALID)->order_id, NULL, 0,
                        TH_COLLECT_METHOD_QR, "wang", th_time_now (), &error);
  g_assert_no_error (error);
  th_sync_wait_until (f, watch_saw_pending, "the hand-over to be noticed");
  th_sync_wait_until (f, th_sync_synced_clean, "the hand-over to be sent");
  g_signal_handlers_disconnect_by_data (client, &watch);
  g_assert_nonnull (watch.label);
  g_assert_true (g_str_has_suffix (watch.label, " · 1 to send"));
  g_free (watch.label);
  g_assert_null (strstr (th_sync_indicator_get_label (indicator), "to send"));
  g_assert_cmpuint (th_sync_client_get_needs_attention (client), ==, 0);

  /* Ctrl+R: Sync Now runs at once, and the header stays in step. */
  f->watched = &n_runs;
  g_signal_connect_swapped (client, "sync-finished", G_CALLBACK (count_run_cb), &n_runs);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sync-now", NULL));
  th_sync_wait_until (f, ran, "Sync Now");
  g_signal_handlers_disconnect_by_data (client, &n_runs);
  g_assert_true (th_sync_synced_clean (f));
  g_assert_cmpstr (th_sync_indicator_get_tone (indicator), ==, "ok");
}

static void
order_cancelled_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (th_demo_server_cancel_order_finish (TH_DEMO_SERVER (source), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static gboolean
audited (ThDb       *db,
         const char *action,
         const char *actor)
{
  sqlite3_stmt *stmt = th_db_prepare (db, "SELECT count (*) FROM audit_log WHERE action = ? AND actor = ?", NULL);
  gint64 n;

  sqlite3_bind_text (stmt, 1, action, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, actor, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n == 1;
}

static void
test_conflict_acknowledged (ThSyncFixture *f,
                            gconstpointer  data)
{
  ThAttentionPage *page = th_window_get_attention_page (f->window);
  GtkListBox *list = th_attention_page_get_list (page);
  g_autoptr(ThVerification) v = NULL;
  g_autoptr(GError) error = NULL;
  gint64 order_id = th_sync_fixture_code (f, TH_DEMO_CODE_VALID)->order_id;
  gboolean cancelled = FALSE;
  guint n_runs = 0;
  ThAttentionRow *row;
  GtkButton *button;

  th_demo_sync_attach (th_window_get_context (f->window), f->base.dir);
  th_sync_wait_until (f, th_sync_synced_clean, "the first sync");
  g_assert_cmpuint (th_gui_count_rows (list), ==, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (page)) && gtk_widget_get_child_visible (GTK_WIDGET (page)));

  /* The customer cancels on the platform; the counter, not knowing yet
   * (the next pull is a minute away), hands the bag over. */
  th_demo_server_cancel_order_async (th_demo_sync_get_server (th_window_get_context (f->window)), order_id, NULL, order_cancelled_cb,
                                     &cancelled);
  while (!cancelled)
    th_gui_spin (10);
  v = th_collect_order (f->base.db, order_id, NULL, 0, TH_COLLECT_METHOD_QR, "wang", th_time_now (), &error);
  g_assert_no_error (error);
  th_sync_wait_until (f, has_attention, "the conflict");

  /* Ctrl+I shows it, with the keyboard on its Acknowledge button. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-attention", NULL));
  g_assert_cmpstr (th_window_get_visible_page (f->window), ==, "attention");
  g_assert_cmpuint (th_gui_count_rows (list), ==, 1);
  row = TH_ATTENTION_ROW (gtk_list_box_get_row_at_index (list, 0));
  button = th_attention_row_get_acknowledge_button (row);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) == GTK_WIDGET (button));
  g_assert_cmpint (th_sync_attention_get_kind (th_attention_row_get_item (row)), ==, TH_ATTENTION_CONFLICT);
  g_assert_cmpint (th_sync_attention_get_order_id (th_attention_row_get_item (row)), ==, order_id);
  /* The platform's copy: cancelled, nothing collected there. */
  g_assert_nonnull (th_sync_attention_get_platform_order (th_attention_row_get_item (row)));
  g_assert_cmpint (th_sync_attention_get_platform_order (th_attention_row_get_item (row))->status, ==,
                   TH_ORDER_CANCELLED);
  g_assert_nonnull (strstr (th_attention_row_get_platform_text (row), "0 collected"));
  g_assert_cmpuint (adw_view_stack_page_get_badge_number (
                      adw_view_stack_get_page (ADW_VIEW_STACK (gtk_widget_get_ancestor (GTK_WIDGET (page),
                                                                                        ADW_TYPE_VIEW_STACK)),
                                               GTK_WIDGET (page))), ==, 1);

  /* It stays through another sync, until someone acknowledges it. */
  f->watched = &n_runs;
  g_signal_connect_swapped (th_context_get_sync_client (th_window_get_context (f->window)), "sync-finished", G_CALLBACK (count_run_cb),
                            &n_runs);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sync-now", NULL));
  th_sync_wait_until (f, ran, "Sync Now");
  g_signal_handlers_disconnect_by_data (th_context_get_sync_client (th_window_get_context (f->window)), &n_runs);
  g_assert_cmpuint (th_gui_count_rows (list), ==, 1);

  /* Enter on the focused button; a button's activation lasts a moment. */
  g_assert_true (gtk_widget_activate (GTK_WIDGET (th_attention_row_get_acknowledge_button (
                   TH_ATTENTION_ROW (gtk_list_box_get_row_at_index (list, 0))))));
  th_gui_spin (400);
  g_assert_cmpuint (th_gui_count_rows (list), ==, 0);
  g_assert_cmpuint (th_sync_client_get_needs_attention (th_context_get_sync_client (th_window_get_context (f->window))), ==, 0);
  g_assert_true (audited (f->base.db, "sync_attention_acknowledged", "wang"));
  /* Nothing left: the page steps aside until the next one. */
  g_assert_cmpstr (th_window_get_visible_page (f->window), ==, "counter");
}

static gboolean
failed_once (ThSyncFixture *f)
{
  ThSyncClient *client = th_context_get_sync_client (th_window_get_context (f->window));

  return th_sync_client_get_last_error (client) != NULL && !th_sync_client_get_busy (client);
}

static void
server_started_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  *(ThDemoServer **) user_data = th_demo_server_start_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_header_warns (ThSyncFixture *f,
                   gconstpointer  data)
{
  ThSyncIndicator *indicator = th_window_get_sync_indicator (f->window);
  g_autoptr(ThDemoServer) server = NULL;
  g_autoptr(ThSyncClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *two_days_ago = g_strdup_printf ("%" G_GINT64_FORMAT, th_time_now () - 2 * 86400);

  /* Orders last pulled two days ago, and no platform to be reached. */
  g_assert_true (th_db_set_state (f->base.db, "sync.last_pull", two_days_ago, &error));
  g_assert_no_error (error);
  client = th_sync_client_new (f->base.db, "http://127.0.0.1:9/api", "some-token", &error);
  g_assert_no_error (error);
  th_context_set_sync_client (th_window_get_context (f->window), client);
  th_sync_wait_until (f, failed_once, "the failed attempt");
  g_assert_cmpstr (th_sync_indicator_get_tone (indicator), ==, "warning");
  g_assert_true (g_str_has_prefix (th_sync_indicator_get_label (indicator), "Offline · "));
  g_assert_true (g_str_has_suffix (th_sync_indicator_get_label (indicator), " to send"));

  /* A refused token stops syncing and says so. */
  th_demo_server_start_async (f->base.db, f->base.dir, NULL, server_started_cb, &server);
  while (server == NULL)
    th_gui_spin (10);
  g_clear_object (&client);
  client = th_sync_client_new (f->base.db, th_demo_server_get_url (server), "not-the-token", &error);
  g_assert_no_error (error);
  th_context_set_sync_client (th_window_get_context (f->window), client);
  th_sync_wait_until (f, failed_once, "the refusal");
  g_assert_cmpint (th_sync_client_get_state (client), ==, TH_SYNC_STATE_AUTH_FAILED);
  g_assert_cmpstr (th_sync_indicator_get_tone (indicator), ==, "error");
  g_assert_cmpstr (th_sync_indicator_get_label (indicator), ==, "Token refused");

  th_context_set_sync_client (th_window_get_context (f->window), NULL);
  g_assert_cmpstr (th_sync_indicator_get_label (indicator), ==, "Not connected to a central server");
}

int
main (int   argc,
      char *argv[])
{
  th_sync_test_init (&argc, &argv);

  g_test_add ("/tihuo/sync-gui/header", ThSyncFixture, NULL, th_sync_fixture_set_up, test_header_follows_sync,
              th_sync_fixture_tear_down);
  g_test_add ("/tihuo/sync-gui/conflict", ThSyncFixture, NULL, th_sync_fixture_set_up, test_conflict_acknowledged,
              th_sync_fixture_tear_down);
  g_test_add ("/tihuo/sync-gui/warnings", ThSyncFixture, NULL, th_sync_fixture_set_up, test_header_warns,
              th_sync_fixture_tear_down);
  return g_test_run ();
}
