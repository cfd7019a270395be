/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The camera at the counter. The window owns the ThCamera, as it owns the
 * keyboard scanner, and hands each code the camera reads to th_window_scan(),
 * where the scanner's bursts go too: the same verdict, card and sound.
 *
 * The camera runs while it is turned on (win.camera, Ctrl+K, remembered in
 * GSettings) and the counter is open: not on the set-up or sign-in page,
 * where a read would have nowhere to go. --camera-source overrides the
 * camera chosen in Preferences and turns it on for that run, so demos and
 * tests drive the real pipeline from pictures on disk. Failures show in the
 * camera's column (ThCameraView), never as a dialog.
 *
 * Pictures of codes, from a file or the clipboard: th-window-picture.c. */
#include "config.h"

#include "th-camera-view.h"
#include "th-window-private.h"

static ThCameraView *
get_view (ThWindow *self)
{
  return TH_CAMERA_VIEW (th_counter_page_get_camera_view (self->counter_page));
}

static gboolean
showing_station (ThWindow *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "station") == 0;
}

static gboolean
camera_enabled (ThWindow *self)
{
  g_autoptr(GVariant) state = g_action_get_state (G_ACTION (self->camera_action));

  return g_variant_get_boolean (state);
}

static void
update_camera (ThWindow *self)
{
  g_autofree char *source = NULL;

  if (self->camera == NULL)
    return;
  source = self->camera_source ? g_strdup (self->camera_source)
                               : g_settings_get_string (self->settings, "camera-source");
  th_camera_set_source (self->camera, source);
  th_camera_set_active (self->camera, camera_enabled (self) && showing_station (self));
  _th_window_update_camera_actions (self);
}

static void
camera_action_change_state_cb (ThWindow      *self,
                               GVariant      *state,
                               GSimpleAction *action)
{
  g_simple_action_set_state (action, state);
  g_settings_set_boolean (self->settings, "camera-enabled", g_variant_get_boolean (state));
  update_camera (self);
}

static void
camera_setting_changed_cb (ThWindow   *self,
                           const char *key,
                           GSettings  *settings)
{
  if (self->camera_action == NULL)   /* disposed */
    return;
  if (g_str_equal (key, "camera-enabled"))
    g_simple_action_set_state (self->camera_action,
                               g_variant_new_boolean (g_settings_get_boolean (settings, key)));
  update_camera (self);
}

static void
camera_code_decoded_cb (ThWindow   *self,
                        const char *text,
                        ThCamera   *camera)
{
  if (self->db == NULL || !showing_station (self))
    return;
  th_camera_view_flash (get_view (self));
  th_window_scan (self, text);
}

static void
restart_camera_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  ThWindow *self = TH_WINDOW (widget);

  th_camera_set_active (self->camera, FALSE);
  update_camera (self);
}

void
_th_window_class_add_camera_actions (GtkWidgetClass *widget_class)
{
  g_type_ensure (TH_TYPE_CAMERA_VIEW);

  gtk_widget_class_install_action (widget_class, "win.restart-camera", NULL, restart_camera_action);
  /* win.camera is a stateful action in the window's action map, so the
   * switch beside the preview shows whether the camera is on. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK, "win.camera", NULL);
  _th_window_class_add_picture_actions (widget_class);
}

void
_th_window_init_camera (ThWindow *self)
{
  gboolean enabled = g_settings_get_boolean (self->settings, "camera-enabled");

  self->camera_action = g_simple_action_new_stateful ("camera", NULL, g_variant_new_boolean (enabled));
  g_signal_connect_object (self->camera_action, "change-state", G_CALLBACK (camera_action_change_state_cb),
                           self, G_CONNECT_SWAPPED);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (self->camera_action));

  self->camera = th_camera_new (NULL);
  g_signal_connect_object (self->camera, "code-decoded", G_CALLBACK (camera_code_decoded_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->camera, "notify::active", G_CALLBACK (_th_window_update_camera_actions), self,
                           G_CONNECT_SWAPPED);
  th_camera_view_set_camera (get_view (self), self->camera);

  g_signal_connect_object (self->settings, "changed::camera-enabled", G_CALLBACK (camera_setting_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::camera-source", G_CALLBACK (camera_setting_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->main_stack, "notify::visible-child-name", G_CALLBACK (update_camera), self,
                           G_CONNECT_SWAPPED);
  _th_window_init_picture (self);
  update_camera (self);
}

void
_th_window_dispose_camera (ThWindow *self)
{
  _th_window_dispose_picture (self);
  if (self->camera)
    {
      g_signal_handlers_disconnect_by_data (self->camera, self);
      /* The pipeline and its worker stop now, not whenever the preview
       * lets go of the camera. */
      th_camera_set_active (self->camera, FALSE);
    }
  g_clear_object (&self->camera);
  g_clear_object (&self->camera_action);
  g_clear_pointer (&self->camera_source, g_free);
}

void
_th_window_update_camera_actions (ThWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.restart-camera",
                                 self->camera != NULL && th_camera_get_active (self->camera));
  _th_window_update_picture_actions (self, showing_station (self));
}

/**
 * th_window_set_camera_source:
 * @source: (nullable): a camera source for th_camera_source_parse(), or
 *   %NULL to use the camera chosen in Preferences again
 *
 * Uses @source instead of the camera chosen in Preferences, and turns the
 * camera on, without saving either: `tihuo --camera-source`.
 */
void
th_window_set_camera_source (ThWindow   *self,
                             const char *source)
{
  g_return_if_fail (TH_IS_WINDOW (self));

  g_free (self->camera_source);
  self->camera_source = g_strdup (source);
  if (source != NULL)
    g_simple_action_set_state (self->camera_action, g_variant_new_boolean (TRUE));
  update_camera (self);
}

ThCamera *
th_window_get_camera (ThWindow *self)
{
  g_return_val_if_fail (TH_IS_WINDOW (self), NULL);
  return self->camera;
}
