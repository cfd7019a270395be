/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "th-camera-test-util.h"
#include "th-qr-synth.h"

static void
counter_page_verified_cb (ThCounterPage   *page,
                          gboolean         good,
                          ThCameraFixture *f)
{
  f->n_verified++;
  f->last_good = good;
}

void
th_camera_fixture_set_up (ThCameraFixture *f,
                          gconstpointer    data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  /* The memory backend lives as long as the test program. */
  g_settings_reset (settings, "camera-enabled");
  g_settings_reset (settings, "camera-source");
  th_gui_fixture_set_up (&f->gui, data);
  f->pictures = g_build_filename (f->gui.base.dir, "pictures", NULL);
  g_assert_cmpint (g_mkdir (f->pictures, 0700), ==, 0);
  g_signal_connect (th_camera_fixture_counter (f), "verified", G_CALLBACK (counter_page_verified_cb), f);
}

void
th_camera_fixture_tear_down (ThCameraFixture *f,
                             gconstpointer    data)
{
  /* The fixture removes its folder, pictures and all. */
  th_gui_fixture_tear_down (&f->gui, data);
  g_free (f->pictures);
}

ThCounterPage *
th_camera_fixture_counter (ThCameraFixture *f)
{
  return TH_COUNTER_PAGE (th_window_get_counter_page (f->gui.window));
}

ThCameraView *
th_camera_fixture_view (ThCameraFixture *f)
{
  return TH_CAMERA_VIEW (th_counter_page_get_camera_view (th_camera_fixture_counter (f)));
}

ThCamera *
th_camera_fixture_camera (ThCameraFixture *f)
{
  return th_window_get_camera (f->gui.window);
}

char *
th_camera_fixture_picture (ThCameraFixture *f,
                           const char      *name,
                           const char      *text)
{
  g_autoptr(ThGray) gray = text ? th_synth_code_picture (text, 4) : th_gray_new (320, 240, 230);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->pictures, name, NULL);

  g_assert_true (th_gray_save_png (gray, path, &error));
  g_assert_no_error (error);
  return path;
}

static gboolean
wake_up_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

void
th_camera_fixture_wait (ThCameraFixture   *f,
                        ThCameraCondition  condition,
                        const char        *what)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  guint wake_up = g_timeout_add (50, wake_up_cb, NULL);

  while (!condition (f))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for %s", what);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (wake_up);
}

gboolean
th_camera_find_label (GtkWidget  *root,
                      const char *text)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_label (GTK_LABEL (root)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    if (th_camera_find_label (child, text))
      return TRUE;
  return FALSE;
}

guint
th_camera_count_other_windows (ThCameraFixture *f)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (window != GTK_WIDGET (f->gui.window) && gtk_widget_get_visible (window))
        n++;
    }
  return n;
}
