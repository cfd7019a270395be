/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The header's connection state. Until the station syncs with a central
 * server it says so; the sync work replaces or drives this widget through
 * th_window_set_status_widget() or th_connection_indicator_set_state(). */
#include "config.h"

#include "th-connection-indicator.h"

struct _ThConnectionIndicator
{
  GtkWidget  parent_instance;

  GtkImage  *icon;
  GtkLabel  *label;
};

G_DEFINE_FINAL_TYPE (ThConnectionIndicator, th_connection_indicator, GTK_TYPE_WIDGET)

static void
th_connection_indicator_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), TH_TYPE_CONNECTION_INDICATOR);
  /* The template's top widget has no id: unparent it by hand. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))))
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (th_connection_indicator_parent_class)->dispose (object);
}

static void
th_connection_indicator_class_init (ThConnectionIndicatorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = th_connection_indicator_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tihuo/Station/ui/th-connection-indicator.ui");
  gtk_widget_class_bind_template_child (widget_class, ThConnectionIndicator, icon);
  gtk_widget_class_bind_template_child (widget_class, ThConnectionIndicator, label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
th_connection_indicator_init (ThConnectionIndicator *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

ThConnectionIndicator *
th_connection_indicator_new (void)
{
  return g_object_new (TH_TYPE_CONNECTION_INDICATOR, NULL);
}

void
th_connection_indicator_set_state (ThConnectionIndicator *self,
                                   const char            *icon_name,
                                   const char            *label)
{
  g_return_if_fail (TH_IS_CONNECTION_INDICATOR (self));
  gtk_image_set_from_icon_name (self->icon, icon_name);
  gtk_label_set_label (self->label, label);
}

const char *
th_connection_indicator_get_label (ThConnectionIndicator *self)
{
  g_return_val_if_fail (TH_IS_CONNECTION_INDICATOR (self), NULL);
  return gtk_label_get_label (self->label);
}
