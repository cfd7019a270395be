/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Preferences → Sync against a real tihuo-central-dev on loopback: Test
 * Connection says plainly what is wrong, and without a keyring the token
 * still works for the session and the page and header say why. */
#include "config.h"

#include "th-gui-test-util.h"
#include "th-preferences-sync-page.h"
#include "th-preferences-window.h"
#include "th-sync-test-util.h"

static gboolean
prefs_done (ThSyncFixture *f)
{
  ThPreferencesSyncPage *page = f->watched;
  return !th_preferences_sync_page_get_testing (page);
}

static const char *
run_test (ThSyncFixture         *f,
          ThPreferencesSyncPage *page,
          const char            *url,
          const char            *token)
{
  gtk_editable_set_text (GTK_EDITABLE (th_preferences_sync_page_get_url_row (page)), url);
  gtk_editable_set_text (GTK_EDITABLE (th_preferences_sync_page_get_token_row (page)), token);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "sync.test-connection", NULL));
  th_sync_wait_until (f, prefs_done, "Test Connection");
  return th_preferences_sync_page_get_test_result (page);
}

static void
test_connection_errors (ThSyncFixture *f,
                        gconstpointer  data)
{
  ThPreferencesWindow *prefs;
  ThPreferencesSyncPage *page;
  g_autofree char *url = NULL;

  th_demo_sync_attach (th_window_get_context (f->window), f->base.dir);
  th_sync_wait_until (f, th_sync_synced_clean, "the demo platform");
  url = g_strdup (th_demo_server_get_url (th_demo_sync_get_server (th_window_get_context (f->window))));

  prefs = g_object_ref (th_preferences_window_new (GTK_WINDOW (f->window), th_window_get_context (f->window)));
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "sync");
  page = TH_PREFERENCES_SYNC_PAGE (adw_preferences_window_get_visible_page (ADW_PREFERENCES_WINDOW (prefs)));
  f->watched = page;
  gtk_window_present (GTK_WINDOW (prefs));
  /* No keyring in the tests: the page says so instead of failing quietly. */
  th_sync_wait_until (f, prefs_done, "the page");
  th_gui_spin (100);
  g_assert_nonnull (strstr (th_preferences_sync_page_get_token_state (page), "server address first"));

  g_assert_nonnull (strstr (run_test (f, page, "ftp://central.example.com/api", "x"), "is not a server address"));
  g_assert_nonnull (strstr (run_test (f, page, "http://central.example.com/api", "x"), "Plain http"));
  g_assert_nonnull (strstr (run_test (f, page, "http://127.0.0.1:9/api", "x"), "Cannot reach"));
  g_assert_nonnull (strstr (run_test (f, page, url, "wrong-token"), "HTTP 401"));
  g_assert_nonnull (strstr (run_test (f, page, url, "bad token with spaces"), "printable characters"));
  g_assert_cmpstr (run_test (f, page, url, TH_DEMO_SERVER_TOKEN), ==,
                   "Connected. The platform accepted this station’s token.");
  /* Testing saves nothing. */
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);
    g_autofree char *saved = g_settings_get_string (settings, "server-url");

    g_assert_cmpstr (saved, ==, "");
  }

  gtk_window_destroy (GTK_WINDOW (prefs));
  th_gui_spin (50);
  g_assert_finalize_object (prefs);
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

static gboolean
header_warns (ThSyncFixture *f)
{
  return g_str_equal (th_sync_indicator_get_tone (th_window_get_sync_indicator (f->window)), "warning");
}

static gboolean
token_not_kept (ThSyncFixture *f)
{
  ThPreferencesSyncPage *page = f->watched;
  return strstr (th_preferences_sync_page_get_token_state (page), "could not keep the token") != NULL;
}

static void
test_keyring_unavailable (ThSyncFixture *f,
                          gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(ThDemoServer) server = NULL;
  ThSyncIndicator *indicator = th_window_get_sync_indicator (f->window);
  ThPreferencesWindow *prefs;
  ThPreferencesSyncPage *page;
  AdwEntryRow *token_row;

  /* A real station's way: the platform in the settings, the token in a
   * keyring that cannot be reached. The header says so. */
  th_demo_server_start_async (f->base.db, f->base.dir, NULL, server_started_cb, &server);
  while (server == NULL)
    th_gui_spin (10);
  g_settings_set_string (settings, "server-url", th_demo_server_get_url (server));
  th_sync_wait_until (f, header_warns, "the keyring problem");
  g_assert_cmpstr (th_sync_indicator_get_label (indicator), ==, "Keyring Not Available");
  g_assert_null (th_context_get_sync_client (th_window_get_context (f->window)));

  /* The token entered in Preferences is used anyway, for this session. */
  prefs = g_object_ref (th_preferences_window_new (GTK_WINDOW (f->window), th_window_get_context (f->window)));
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "sync");
  page = TH_PREFERENCES_SYNC_PAGE (adw_preferences_window_get_visible_page (ADW_PREFERENCES_WINDOW (prefs)));
  f->watched = page;
  gtk_window_present (GTK_WINDOW (prefs));
  token_row = th_preferences_sync_page_get_token_row (page);
  gtk_editable_set_text (GTK_EDITABLE (token_row), TH_DEMO_SERVER_TOKEN);
  g_signal_emit_by_name (token_row, "apply");
  th_sync_wait_until (f, token_not_kept, "the keyring's refusal");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (token_row)), ==, "");
  th_sync_wait_until (f, th_sync_synced_clean, "sync with the session token");
  g_assert_cmpstr (th_sync_indicator_get_tone (indicator), ==, "ok");

  gtk_window_destroy (GTK_WINDOW (prefs));
  th_gui_spin (50);
  g_assert_finalize_object (prefs);

  /* No address: back to working alone. */
  g_settings_reset (settings, "server-url");
  g_assert_null (th_context_get_sync_client (th_window_get_context (f->window)));
  g_assert_cmpstr (th_sync_indicator_get_label (indicator), ==, "Not connected to a central server");
}

int
main (int   argc,
      char *argv[])
{
  th_sync_test_init (&argc, &argv);

  g_test_add ("/tihuo/sync-prefs/test-connection", ThSyncFixture, NULL, th_sync_fixture_set_up,
              test_connection_errors, th_sync_fixture_tear_down);
  g_test_add ("/tihuo/sync-prefs/keyring-unavailable", ThSyncFixture, NULL, th_sync_fixture_set_up,
              test_keyring_unavailable, th_sync_fixture_tear_down);
  return g_test_run ();
}
