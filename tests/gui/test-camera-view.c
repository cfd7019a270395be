/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The camera at the counter: the real pipeline on pictures of demo codes
 * gives the verdicts the keyboard scanner gives, the camera turns off and
 * on, a missing camera is an inline state and never a dialog, and
 * `tihuo --camera-source` reaches the window. */
#include "config.h"

#include "th-application.h"
#include "th-camera-preferences.h"
#include "th-camera-test-util.h"
#include "th-result-card.h"

typedef ThCameraFixture Fixture;

static gboolean
camera_enabled (Fixture *f)
{
  g_autoptr(GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (f->gui.window), "camera");

  return g_variant_get_boolean (state);
}

static gboolean
previewing (Fixture *f)
{
  return g_strcmp0 (th_camera_view_get_mode (th_camera_fixture_view (f)), "preview") == 0;
}

static gboolean
has_frame (Fixture *f)
{
  return th_camera_get_texture (th_camera_fixture_camera (f)) != NULL;
}

static gboolean
showing_problem (Fixture *f)
{
  return g_strcmp0 (th_camera_view_get_mode (th_camera_fixture_view (f)), "problem") == 0;
}

static gboolean
showing_card (Fixture *f)
{
  return th_counter_page_get_verification (th_camera_fixture_counter (f)) != NULL;
}

static const char *
tone (Fixture *f)
{
  return th_result_card_get_tone (TH_RESULT_CARD (th_counter_page_get_card (th_camera_fixture_counter (f))));
}

static void
use_pictures (Fixture    *f,
              const char *path)
{
  g_autofree char *source = g_strdup_printf ("file:%s#fps=15,hold=3", path);

  th_window_set_camera_source (f->gui.window, source);
}

static void
test_off_and_on (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *picture = th_camera_fixture_picture (f, "a.png", "10000001");
  g_autofree char *source = g_strdup_printf ("file:%s#fps=15", picture);
  ThCamera *camera = th_camera_fixture_camera (f);

  /* A fresh station shows nothing of a camera it may not have. */
  g_assert_false (camera_enabled (f));
  g_assert_false (th_camera_get_active (camera));
  g_assert_cmpstr (th_camera_view_get_mode (th_camera_fixture_view (f)), ==, "off");

  g_settings_set_string (settings, "camera-source", source);
  gtk_widget_activate_action (GTK_WIDGET (f->gui.window), "win.camera", NULL);
  g_assert_true (camera_enabled (f));
  g_assert_true (g_settings_get_boolean (settings, "camera-enabled"));
  g_assert_true (th_camera_get_active (camera));
  g_assert_cmpstr (th_camera_get_source (camera), ==, source);
  th_camera_fixture_wait (f, previewing, "the preview");
  th_camera_fixture_wait (f, has_frame, "a frame");

  gtk_widget_activate_action (GTK_WIDGET (f->gui.window), "win.camera", NULL);
  g_assert_false (camera_enabled (f));
  g_assert_false (g_settings_get_boolean (settings, "camera-enabled"));
  g_assert_false (th_camera_get_active (camera));
  g_assert_cmpstr (th_camera_view_get_mode (th_camera_fixture_view (f)), ==, "off");

  /* Preferences turn it on through the same key. */
  g_settings_set_boolean (settings, "camera-enabled", TRUE);
  g_assert_true (camera_enabled (f));
  g_assert_true (th_camera_get_active (camera));
  th_camera_fixture_wait (f, previewing, "the preview again");

  /* Not while the station is closed: a read would have nowhere to go. */
  th_window_show_loading (f->gui.window, "Closing");
  g_assert_false (th_camera_get_active (camera));
  g_assert_true (camera_enabled (f));
}

/* Each demo code, shown to the camera, gives the card and the sound that
 * the same code typed by the keyboard scanner gives. */
static void
test_same_verdicts (Fixture       *f,
                    gconstpointer  data)
{
  ThCameraView *view = th_camera_fixture_view (f);

  for (guint i = 0; i < f->gui.codes->len; i++)
    {
      const ThDemoCode *code = g_ptr_array_index (f->gui.codes, i);
      g_autofree char *name = g_strdup_printf ("code-%02u.png", i);
      g_autofree char *picture = th_camera_fixture_picture (f, name, code->text);
      g_autofree char *keyboard_tone = NULL;
      const ThVerification *v;
      guint flashes = th_camera_view_get_n_flashes (view);
      ThVerdict keyboard_verdict;
      gboolean keyboard_provisional, keyboard_good;
      gint64 keyboard_order;

      /* The camera, if on, still sees the last code: it stays quiet. */
      th_counter_page_focus_entry (th_camera_fixture_counter (f));
      th_gui_scan (&f->gui, code->text);
      v = th_counter_page_get_verification (th_camera_fixture_counter (f));
      g_assert_nonnull (v);
      keyboard_verdict = v->verdict;
      keyboard_provisional = v->provisional;
      keyboard_order = v->order_id;
      keyboard_good = f->last_good;
      keyboard_tone = g_strdup (tone (f));
      gtk_widget_activate_action (GTK_WIDGET (f->gui.window), "win.back-to-scanning", NULL);
      g_assert_false (showing_card (f));

      f->n_verified = 0;
      use_pictures (f, picture);
      th_camera_fixture_wait (f, showing_card, "the camera's verdict");
      v = th_counter_page_get_verification (th_camera_fixture_counter (f));
      g_test_message ("%s: %s", name, th_verdict_to_string (v->verdict));
      g_assert_cmpint (v->verdict, ==, keyboard_verdict);
      g_assert_cmpint (v->provisional, ==, keyboard_provisional);
      g_assert_cmpint (v->order_id, ==, keyboard_order);
      g_assert_cmpint (v->verdict, ==, code->expected);
      g_assert_cmpstr (tone (f), ==, keyboard_tone);
      g_assert_cmpuint (f->n_verified, ==, 1);
      g_assert_cmpint (f->last_good, ==, keyboard_good);
      g_assert_cmpuint (th_camera_view_get_n_flashes (view), ==, flashes + 1);

      /* The code stays in view: it is not read again. */
      th_gui_spin (500);
      g_assert_cmpuint (f->n_verified, ==, 1);
      gtk_widget_activate_action (GTK_WIDGET (f->gui.window), "win.back-to-scanning", NULL);
    }
}

static void
test_no_camera (Fixture       *f,
                gconstpointer  data)
{
  ThCamera *camera = th_camera_fixture_camera (f);
  ThCameraView *view = th_camera_fixture_view (f);

  th_window_set_camera_source (f->gui.window, "v4l2:/dev/tihuo-no-such-camera");
  th_camera_fixture_wait (f, showing_problem, "the no-camera state");
  g_assert_cmpint (th_camera_get_state (camera), ==, TH_CAMERA_STATE_NO_CAMERA);
  g_assert_nonnull (th_camera_get_error_message (camera));
  g_assert_cmpstr (th_camera_view_get_problem (view), ==, th_camera_get_error_message (camera));
  g_assert_true (th_camera_find_label (GTK_WIDGET (view), "No Camera Found"));
  g_assert_cmpuint (th_camera_count_other_windows (f), ==, 0);

  /* Trying again fails the same way, in the same place. */
  gtk_widget_activate_action (GTK_WIDGET (f->gui.window), "win.restart-camera", NULL);
  th_camera_fixture_wait (f, showing_problem, "the no-camera state again");
  th_gui_spin (200);
  g_assert_cmpuint (th_camera_count_other_windows (f), ==, 0);

  /* Scanning still works without it. */
  th_gui_scan (&f->gui, th_gui_fixture_code (&f->gui, TH_DEMO_CODE_VALID, TRUE)->text);
  g_assert_true (showing_card (f));

  gtk_widget_activate_action (GTK_WIDGET (f->gui.window), "win.camera", NULL);
  g_assert_cmpstr (th_camera_view_get_mode (view), ==, "off");
  g_assert_null (th_camera_get_error_message (camera));
  g_assert_cmpuint (th_camera_count_other_windows (f), ==, 0);
}

static AdwComboRow *
find_combo_row (GtkWidget *root)
{
  if (ADW_IS_COMBO_ROW (root))
    return ADW_COMBO_ROW (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      AdwComboRow *row = find_combo_row (child);
      if (row)
        return row;
    }
  return NULL;
}

/* The Camera group in Preferences: the cameras found, the one chosen even
 * when it is unplugged, and the choice saved in GSettings. */
static void
test_preferences (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  ThCameraPreferences *prefs;
  g_autofree char *source = NULL;
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  guint unplugged = G_MAXUINT;

  g_settings_set_string (settings, "camera-source", "v4l2:/dev/tihuo-unplugged");
  prefs = g_object_ref_sink (g_object_new (TH_TYPE_CAMERA_PREFERENCES, NULL));
  g_assert_cmpstr (th_camera_preferences_get_source (prefs, 0), ==, "v4l2:/dev/tihuo-unplugged");

  /* Looking for cameras puts the default camera first. */
  while (g_strcmp0 (th_camera_preferences_get_source (prefs, 0), "auto") != 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  for (guint i = 0; th_camera_preferences_get_source (prefs, i); i++)
    if (g_str_equal (th_camera_preferences_get_source (prefs, i), "v4l2:/dev/tihuo-unplugged"))
      unplugged = i;
  g_assert_cmpuint (unplugged, !=, G_MAXUINT);
  g_assert_cmpuint (adw_combo_row_get_selected (find_combo_row (GTK_WIDGET (prefs))), ==, unplugged);

  adw_combo_row_set_selected (find_combo_row (GTK_WIDGET (prefs)), 0);
  source = g_settings_get_string (settings, "camera-source");
  g_assert_cmpstr (source, ==, "auto");
  g_assert_finalize_object (prefs);
}

typedef struct {
  ThWindow   *window;
  const char *source;
  gboolean    checked;
} AppRun;

static gboolean
check_window_cb (gpointer user_data)
{
  AppRun *run = user_data;
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (run->window)));
  g_autoptr(GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (run->window), "camera");
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *saved_source = g_settings_get_string (settings, "camera-source");

  g_assert_cmpstr (th_camera_get_source (th_window_get_camera (run->window)), ==, run->source);
  /* On for this run, but not saved: the next plain start has it off. */
  g_assert_true (g_variant_get_boolean (state));
  g_assert_false (g_settings_get_boolean (settings, "camera-enabled"));
  g_assert_cmpstr (saved_source, ==, "auto");
  run->checked = TRUE;
  gtk_window_destroy (GTK_WINDOW (run->window));
  g_application_quit (app);
  return G_SOURCE_REMOVE;
}

static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window,
                 AppRun         *run)
{
  if (!TH_IS_WINDOW (window) || run->window != NULL)
    return;
  run->window = TH_WINDOW (window);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &run->window);
  g_timeout_add (200, check_window_cb, run);
}

static void
test_command_line (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *picture = th_camera_fixture_picture (f, "a.png", "10000001");
  g_autofree char *source = g_strdup_printf ("file:%s", picture);
  char *argv[] = { (char *) "tihuo", (char *) "--database", f->gui.base.path,
                   (char *) "--camera-source", source, NULL };
  g_autoptr(ThApplication) app = th_application_new ();
  AppRun run = { NULL, source, FALSE };

  /* Its own instance, whatever else runs on this display. */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), &run);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), G_N_ELEMENTS (argv) - 1, argv), ==, 0);
  g_assert_true (run.checked);
  th_gui_spin (50);
  g_assert_null (run.window);
}

int
main (int   argc,
      char *argv[])
{
  /* The application test needs no session bus; GLib would start one. */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/tihuo-test-bus", TRUE);
  th_gui_test_init (&argc, &argv);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, th_camera_fixture_set_up, fn, th_camera_fixture_tear_down)
  ADD ("/tihuo/camera-view/off-and-on", test_off_and_on);
  ADD ("/tihuo/camera-view/same-verdicts", test_same_verdicts);
  ADD ("/tihuo/camera-view/no-camera", test_no_camera);
  ADD ("/tihuo/camera-view/command-line", test_command_line);
  ADD ("/tihuo/camera-view/preferences", test_preferences);
#undef ADD

  return g_test_run ();
}
