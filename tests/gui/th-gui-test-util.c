/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sodium.h>

#include "th-application.h"
#include "th-counter-page.h"
#include "th-gui-test-util.h"
#include "th-test-aftersales.h"
#include "th-time.h"

void
th_gui_test_init (int    *argc,
                  char ***argv)
{
  gtk_test_init (argc, argv, NULL);
  adw_init ();
  th_gui_ensure_resources ();
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    "/io/github/tihuo/Station/icons");
}

static gint64
fake_clock (gpointer user_data)
{
  ThGuiFixture *f = user_data;
  return f->clock_ms;
}

void
th_gui_fixture_set_up (ThGuiFixture  *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(ThStaff) leader = NULL;
  guint8 pk[32];

  th_test_fixture_set_up (&f->base, data);
  crypto_sign_keypair (pk, f->demo_key);
  f->now = th_time_now ();
  g_assert_true (th_demo_seed (f->base.db, f->demo_key, f->now, &error));
  g_assert_no_error (error);
  f->codes = th_demo_codes_make (f->base.db, f->demo_key, f->now, &error);
  g_assert_no_error (error);
  /* The station shows only to someone signed in: the leader, here. */
  leader = th_staff_add (f->base.db, TH_TEST_LEADER, TH_STAFF_ROLE_LEADER, TH_TEST_LEADER_PIN, NULL, NULL,
                         TH_PIN_COST_MIN, f->now - 3600, &error);
  g_assert_no_error (error);

  /* The memory backend starts from the schema's defaults every run. */
  g_settings_set_boolean (settings, "play-sounds", FALSE);
  g_settings_set_boolean (settings, "auto-hand-over", FALSE);

  f->clock_ms = 1000000;
  {
    g_autoptr(ThContext) context = th_context_new (f->base.db);
    f->window = g_object_ref (th_window_new (NULL, context));
  }
  th_session_set_staff (th_context_get_session (th_window_get_context (f->window)), leader);
  th_scanner_burst_set_clock (th_window_get_scanner (f->window), fake_clock, f);
  gtk_window_present (GTK_WINDOW (f->window));
  th_gui_spin (50);
}

void
th_gui_fixture_tear_down (ThGuiFixture  *f,
                          gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  th_gui_spin (50);
  g_assert_finalize_object (f->window);
  g_ptr_array_unref (f->codes);
  th_test_fixture_tear_down (&f->base, data);
}

const ThDemoCode *
th_gui_fixture_code (ThGuiFixture   *f,
                     ThDemoCodeCase  which,
                     gboolean        is_signed)
{
  for (guint i = 0; i < f->codes->len; i++)
    {
      ThDemoCode *code = g_ptr_array_index (f->codes, i);
      if (code->which == which && code->is_signed == is_signed)
        return code;
    }
  g_assert_not_reached ();
}

gboolean
th_gui_press_key (ThGuiFixture *f,
                  guint         keyval)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (f->window));
  g_autofree GdkKeymapKey *keys = NULL;
  GdkModifierType state = 0;
  guint keycode = 0;
  gboolean handled = FALSE;
  int n_keys = 0;

  /* Real keycodes, so a replayed key reaches the input method as it would. */
  if (gdk_display_map_keyval (display, keyval, &keys, &n_keys) && n_keys > 0)
    {
      keycode = keys[0].keycode;
      if (keys[0].level == 1)
        state = GDK_SHIFT_MASK;
    }
  g_signal_emit_by_name (th_window_get_key_controller (f->window), "key-pressed",
                         keyval, keycode, state, &handled);
  return handled;
}

void
th_gui_type (ThGuiFixture *f,
             const char   *text,
             gint64        gap_ms)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      th_gui_press_key (f, gdk_unicode_to_keyval (g_utf8_get_char (p)));
      f->clock_ms += gap_ms;
    }
}

/* As a scanner does it: 3 ms a key, then Enter. */
void
th_gui_scan (ThGuiFixture *f,
             const char   *code)
{
  th_gui_type (f, code, 3);
  g_assert_true (th_gui_press_key (f, GDK_KEY_Return));
  f->clock_ms += 1000;
}

void
th_gui_wait_released (ThGuiFixture *f)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (th_scanner_burst_is_holding (th_window_get_scanner (f->window)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (th_scanner_burst_is_holding (th_window_get_scanner (f->window)));
}

void
th_gui_wait_saved (ThWindow *window)
{
  ThCounterPage *page = TH_COUNTER_PAGE (th_window_get_counter_page (window));
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  /* Once more after it settles: what waited for it starts then. */
  while (th_counter_page_get_busy (page) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (th_counter_page_get_busy (page));
}

static gboolean
spin_done_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

void
th_gui_spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, spin_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

guint
th_gui_count_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, (int) n))
    n++;
  return n;
}

GtkListBoxRow *
th_gui_nth_shown_row (GtkListBox *list,
                      guint       n)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && gtk_widget_get_child_visible (child) && n-- == 0)
      return GTK_LIST_BOX_ROW (child);
  return NULL;
}

guint
th_gui_count_shown_rows (GtkListBox *list)
{
  guint n = 0;

  while (th_gui_nth_shown_row (list, n))
    n++;
  return n;
}
