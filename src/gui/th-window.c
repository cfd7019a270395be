/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The counter window: the station's identity and connection state in the
 * header, and three pages (Counter, Orders, History). It turns the pages'
 * signals into toasts and sounds; the pages call the core. The database,
 * the session and sync belong to the ThContext the application gives it. */
#include "config.h"

#include "th-identity.h"
#include "th-window-private.h"

G_DEFINE_FINAL_TYPE (ThWindow, th_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
settings_changed_cb (ThWindow   *self,
                     const char *key,
                     GSettings  *settings)
{
  if (key == NULL || g_str_equal (key, "scanner-suffix"))
    {
      g_autofree char *suffix = g_settings_get_string (self->settings, "scanner-suffix");
      th_scanner_burst_set_suffix (self->scanner, th_scanner_suffix_from_string (suffix));
    }
  if (key == NULL || g_str_equal (key, "auto-hand-over"))
    th_counter_page_set_auto_hand_over (self->counter_page,
                                        g_settings_get_boolean (self->settings, "auto-hand-over"));
}

/* Shows the station in the context's database, or asks for the station id
 * and terminal name first when it is not set up yet. */
static void
context_db_changed_cb (ThWindow *self)
{
  ThDb *db = th_context_get_db (self->context);

  if (db == NULL || !g_set_object (&self->db, db))
    return;
  if (th_identity_is_set_up (db))
    _th_window_show_station (self);
  else
    {
      _th_window_update_identity (self);
      th_setup_page_set_db (self->setup_page, db);
      gtk_stack_set_visible_child_name (self->main_stack, "setup");
      gtk_widget_grab_focus (GTK_WIDGET (self->setup_page));
    }
}

static void
th_window_dispose (GObject *object)
{
  ThWindow *self = (ThWindow *)object;

  _th_window_dispose_scanner (self);
  _th_window_dispose_camera (self);
  _th_window_dispose_staff (self);
  _th_window_dispose_sync (self);
  if (self->undo_toast)
    g_object_remove_weak_pointer (G_OBJECT (self->undo_toast), (gpointer *) &self->undo_toast);
  self->undo_toast = NULL;
  g_clear_pointer (&self->undo_collection_id, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), TH_TYPE_WINDOW);
  g_clear_object (&self->sound);
  g_clear_object (&self->settings);
  g_clear_object (&self->db);
  if (self->context)
    g_signal_handlers_disconnect_by_data (self->context, self);
  self->session = NULL;
  g_clear_object (&self->context);

  G_OBJECT_CLASS (th_window_parent_class)->dispose (object);
}

static void
th_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  ThWindow *self = TH_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
th_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  ThWindow *self = TH_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
th_window_constructed (GObject *object)
{
  ThWindow *self = TH_WINDOW (object);

  G_OBJECT_CLASS (th_window_parent_class)->constructed (object);

  g_assert (TH_IS_CONTEXT (self->context));
  self->session = th_context_get_session (self->context);
  _th_window_init_sync (self);
  /* Before the scanner, so its activity watch sees keys the scanner swallows. */
  _th_window_init_staff (self);
  _th_window_init_scanner (self);
  _th_window_init_camera (self);
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (settings_changed_cb), self,
                           G_CONNECT_SWAPPED);
  settings_changed_cb (self, NULL, self->settings);

  _th_window_update_identity (self);
  gtk_stack_set_visible_child_name (self->main_stack, "loading");
  _th_window_update_actions (self);

  g_signal_connect_object (self->counter_page, "undo-finished",
                           G_CALLBACK (_th_window_counter_page_undo_finished_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::db", G_CALLBACK (context_db_changed_cb), self,
                           G_CONNECT_SWAPPED);
  context_db_changed_cb (self);
}

static void
th_window_class_init (ThWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = th_window_constructed;
  object_class->dispose = th_window_dispose;
  object_class->get_property = th_window_get_property;
  object_class->set_property = th_window_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, TH_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TH_TYPE_COUNTER_PAGE);
  g_type_ensure (TH_TYPE_ORDERS_PAGE);
  g_type_ensure (TH_TYPE_HISTORY_PAGE);
  g_type_ensure (TH_TYPE_SETUP_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tihuo/Station/ui/th-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ThWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ThWindow, station_label);
  gtk_widget_class_bind_template_child (widget_class, ThWindow, terminal_label);
  gtk_widget_class_bind_template_child (widget_class, ThWindow, status_slot);
  gtk_widget_class_bind_template_child (widget_class, ThWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, ThWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, ThWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, ThWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, ThWindow, setup_page);
  gtk_widget_class_bind_template_child (widget_class, ThWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, ThWindow, counter_page);
  gtk_widget_class_bind_template_child (widget_class, ThWindow, orders_page);
  gtk_widget_class_bind_template_child (widget_class, ThWindow, history_page);

  _th_window_class_add_page_callbacks (widget_class);
  _th_window_class_add_actions (widget_class);
  _th_window_class_add_staff (widget_class);
  _th_window_class_add_sync_actions (widget_class);
  _th_window_class_add_camera_actions (widget_class);
}

static void
th_window_init (ThWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->sound = th_sound_new (self->settings);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
}

/**
 * th_window_new:
 * @context: the station this window works: its database, session and sync
 */
ThWindow *
th_window_new (GtkApplication *application,
               ThContext      *context)
{
  g_return_val_if_fail (TH_IS_CONTEXT (context), NULL);
  return g_object_new (TH_TYPE_WINDOW, "application", application, "context", context, NULL);
}

/* For the application and the tests; widgets get the context handed to them. */
ThContext *
th_window_get_context (ThWindow *self)
{
  g_return_val_if_fail (TH_IS_WINDOW (self), NULL);
  return self->context;
}

void
th_window_show_loading (ThWindow   *self,
                        const char *title)
{
  g_return_if_fail (TH_IS_WINDOW (self));
  adw_status_page_set_title (self->loading_page, title);
  gtk_stack_set_visible_child_name (self->main_stack, "loading");
}

void
th_window_show_error (ThWindow     *self,
                      const GError *error)
{
  g_return_if_fail (TH_IS_WINDOW (self));
  g_return_if_fail (error != NULL);
  adw_status_page_set_description (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->main_stack, "error");
}

/**
 * th_window_set_status_widget:
 *
 * Replaces the connection state in the header, e.g. with a sync status.
 */
void
th_window_set_status_widget (ThWindow  *self,
                             GtkWidget *widget)
{
  GtkWidget *child;

  g_return_if_fail (TH_IS_WINDOW (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->status_slot))))
    gtk_box_remove (self->status_slot, child);
  gtk_box_append (self->status_slot, widget);
}

ThScannerBurst *
th_window_get_scanner (ThWindow *self)
{
  g_return_val_if_fail (TH_IS_WINDOW (self), NULL);
  return self->scanner;
}

GtkEventController *
th_window_get_key_controller (ThWindow *self)
{
  g_return_val_if_fail (TH_IS_WINDOW (self), NULL);
  return self->key_controller;
}

