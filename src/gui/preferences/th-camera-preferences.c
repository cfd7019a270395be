/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Camera group in Preferences: whether to use the camera, and which
 * one. Both live in GSettings, where the window picks them up. Looking for
 * cameras opens every video device, so it runs on a worker thread; until
 * it is done the row shows only the camera chosen now. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-camera-preferences.h"
#include "th-camera-source.h"

struct _ThCameraPreferences
{
  AdwPreferencesGroup  parent_instance;

  /* Template widgets */
  GtkSwitch           *enabled_switch;
  AdwComboRow         *camera_row;
  GtkStringList       *camera_names;

  GSettings           *settings;
  GPtrArray           *devices;    /* of ThCameraDevice, once found */
  GPtrArray           *sources;    /* of char *, one for each row entry */
  GCancellable        *cancellable;
  gboolean             filling;
};

G_DEFINE_FINAL_TYPE (ThCameraPreferences, th_camera_preferences, ADW_TYPE_PREFERENCES_GROUP)

static void
add_entry (ThCameraPreferences *self,
           const char          *name,
           const char          *source)
{
  gtk_string_list_append (self->camera_names, name);
  g_ptr_array_add (self->sources, g_strdup (source));
}

/* A camera chosen earlier that is not plugged in now, or a source set
 * outside Preferences: still shown, so nothing changes behind one's back. */
static void
add_unlisted (ThCameraPreferences *self,
              const char          *source)
{
  g_autofree char *name = NULL;

  if (*source == '\0' || g_str_equal (source, "auto"))
    name = g_strdup (_("Default camera"));
  else if (g_str_has_prefix (source, "v4l2:"))
    /* Translators: %s is a device file, like /dev/video2 */
    name = g_strdup_printf (_("%s (not connected)"), source + strlen ("v4l2:"));
  else
    name = g_strdup (source);
  add_entry (self, name, source);
}

static void
fill (ThCameraPreferences *self)
{
  g_autofree char *current = g_settings_get_string (self->settings, "camera-source");
  guint selected = G_MAXUINT;

  self->filling = TRUE;
  gtk_string_list_splice (self->camera_names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->camera_names)), NULL);
  g_ptr_array_set_size (self->sources, 0);
  for (guint i = 0; self->devices && i < self->devices->len; i++)
    {
      ThCameraDevice *device = g_ptr_array_index (self->devices, i);
      add_entry (self, device->name, device->source);
    }
  for (guint i = 0; i < self->sources->len && selected == G_MAXUINT; i++)
    if (g_str_equal (self->sources->pdata[i], current) ||
        (*current == '\0' && g_str_equal (self->sources->pdata[i], "auto")))
      selected = i;
  if (selected == G_MAXUINT)
    {
      selected = self->sources->len;
      add_unlisted (self, current);
    }
  adw_combo_row_set_selected (self->camera_row, selected);
  self->filling = FALSE;
}

static void
devices_listed_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GPtrArray) devices = g_task_propagate_pointer (G_TASK (result), NULL);
  ThCameraPreferences *self = user_data;

  /* Cancelled when the group is gone. */
  if (devices == NULL)
    return;
  self->devices = g_steal_pointer (&devices);
  fill (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->camera_row), TRUE);
}

static void
list_devices_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  g_task_return_pointer (task, th_camera_device_list (), (GDestroyNotify) g_ptr_array_unref);
}

static void
camera_row_selected_cb (ThCameraPreferences *self)
{
  guint selected = adw_combo_row_get_selected (self->camera_row);

  if (self->filling || selected >= self->sources->len)
    return;
  g_settings_set_string (self->settings, "camera-source", self->sources->pdata[selected]);
}

static void
camera_source_changed_cb (ThCameraPreferences *self)
{
  fill (self);
}

static void
th_camera_preferences_dispose (GObject *object)
{
  ThCameraPreferences *self = (ThCameraPreferences *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TH_TYPE_CAMERA_PREFERENCES);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->devices, g_ptr_array_unref);
  g_clear_pointer (&self->sources, g_ptr_array_unref);

  G_OBJECT_CLASS (th_camera_preferences_parent_class)->dispose (object);
}

static void
th_camera_preferences_class_init (ThCameraPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = th_camera_preferences_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tihuo/Station/ui/th-camera-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, ThCameraPreferences, enabled_switch);
  gtk_widget_class_bind_template_child (widget_class, ThCameraPreferences, camera_row);
  gtk_widget_class_bind_template_child (widget_class, ThCameraPreferences, camera_names);
}

static void
th_camera_preferences_init (ThCameraPreferences *self)
{
  g_autoptr(GTask) task = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->sources = g_ptr_array_new_with_free_func (g_free);
  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "camera-enabled", self->enabled_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed::camera-source", G_CALLBACK (camera_source_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->camera_row, "notify::selected", G_CALLBACK (camera_row_selected_cb),
                           self, G_CONNECT_SWAPPED);
  fill (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->camera_row), FALSE);
  task = g_task_new (NULL, self->cancellable, devices_listed_cb, self);
  g_task_set_source_tag (task, th_camera_preferences_init);
  g_task_run_in_thread (task, list_devices_thread);
}

const char *
th_camera_preferences_get_source (ThCameraPreferences *self,
                                  guint                position)
{
  g_return_val_if_fail (TH_IS_CAMERA_PREFERENCES (self), NULL);

  return position < self->sources->len ? self->sources->pdata[position] : NULL;
}
