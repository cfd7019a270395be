/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The header's sync state: online or not, when the platform last sent
 * orders, and how many events wait to be sent, with the details and the
 * Sync Now button in its popover. It only shows what ThSyncClient says;
 * without a client it says that this counter is not connected. */
#include "config.h"

#include "th-sync-indicator-private.h"

/* Often enough for "today 14:02" to become "yesterday" and for the 24 h
 * warning to appear without a sync to trigger it. */
#define REFRESH_SECONDS 30

G_DEFINE_FINAL_TYPE (ThSyncIndicator, th_sync_indicator, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CLIENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
refresh_cb (gpointer user_data)
{
  _th_sync_indicator_update (user_data);
  return G_SOURCE_CONTINUE;
}

static void
client_changed_cb (ThSyncIndicator *self)
{
  _th_sync_indicator_update (self);
}

static void
popover_button_clicked_cb (ThSyncIndicator *self)
{
  gtk_menu_button_popdown (self->button);
}

static void
th_sync_indicator_dispose (GObject *object)
{
  ThSyncIndicator *self = (ThSyncIndicator *)object;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->client)
    g_signal_handlers_disconnect_by_data (self->client, self);
  g_clear_object (&self->client);
  gtk_widget_dispose_template (GTK_WIDGET (self), TH_TYPE_SYNC_INDICATOR);

  G_OBJECT_CLASS (th_sync_indicator_parent_class)->dispose (object);
}

static void
th_sync_indicator_finalize (GObject *object)
{
  ThSyncIndicator *self = (ThSyncIndicator *)object;

  g_free (self->problem_title);
  g_free (self->problem_detail);

  G_OBJECT_CLASS (th_sync_indicator_parent_class)->finalize (object);
}

static void
th_sync_indicator_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, TH_SYNC_INDICATOR (object)->client);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
th_sync_indicator_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_CLIENT:
      th_sync_indicator_set_client (TH_SYNC_INDICATOR (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
th_sync_indicator_class_init (ThSyncIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = th_sync_indicator_dispose;
  object_class->finalize = th_sync_indicator_finalize;
  object_class->get_property = th_sync_indicator_get_property;
  object_class->set_property = th_sync_indicator_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, TH_TYPE_SYNC_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tihuo/Station/ui/th-sync-indicator.ui");
  gtk_widget_class_bind_template_child (widget_class, ThSyncIndicator, button);
  gtk_widget_class_bind_template_child (widget_class, ThSyncIndicator, icon);
  gtk_widget_class_bind_template_child (widget_class, ThSyncIndicator, label);
  gtk_widget_class_bind_template_child (widget_class, ThSyncIndicator, heading);
  gtk_widget_class_bind_template_child (widget_class, ThSyncIndicator, facts);
  gtk_widget_class_bind_template_child (widget_class, ThSyncIndicator, last_pull_value);
  gtk_widget_class_bind_template_child (widget_class, ThSyncIndicator, pending_value);
  gtk_widget_class_bind_template_child (widget_class, ThSyncIndicator, attention_value);
  gtk_widget_class_bind_template_child (widget_class, ThSyncIndicator, detail);
  gtk_widget_class_bind_template_child (widget_class, ThSyncIndicator, sync_button);
  gtk_widget_class_bind_template_child (widget_class, ThSyncIndicator, attention_button);
  gtk_widget_class_bind_template_callback (widget_class, popover_button_clicked_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "syncindicator");
}

static void
th_sync_indicator_init (ThSyncIndicator *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->refresh_id = g_timeout_add_seconds (REFRESH_SECONDS, refresh_cb, self);
  _th_sync_indicator_update (self);
}

ThSyncIndicator *
th_sync_indicator_new (void)
{
  return g_object_new (TH_TYPE_SYNC_INDICATOR, NULL);
}

void
th_sync_indicator_set_client (ThSyncIndicator *self,
                              ThSyncClient    *client)
{
  g_return_if_fail (TH_IS_SYNC_INDICATOR (self));
  g_return_if_fail (client == NULL || TH_IS_SYNC_CLIENT (client));

  if (self->client == client)
    return;
  if (self->client)
    g_signal_handlers_disconnect_by_data (self->client, self);
  g_set_object (&self->client, client);
  if (client)
    {
      g_clear_pointer (&self->problem_title, g_free);
      g_clear_pointer (&self->problem_detail, g_free);
      g_signal_connect_swapped (client, "notify", G_CALLBACK (client_changed_cb), self);
    }
  _th_sync_indicator_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}

void
th_sync_indicator_set_problem (ThSyncIndicator *self,
                               const char      *title,
                               const char      *detail)
{
  g_return_if_fail (TH_IS_SYNC_INDICATOR (self));

  g_free (self->problem_title);
  g_free (self->problem_detail);
  self->problem_title = g_strdup (title);
  self->problem_detail = g_strdup (detail);
  _th_sync_indicator_update (self);
}

const char *
th_sync_indicator_get_label (ThSyncIndicator *self)
{
  g_return_val_if_fail (TH_IS_SYNC_INDICATOR (self), NULL);
  return gtk_label_get_label (self->label);
}

const char *
th_sync_indicator_get_tone (ThSyncIndicator *self)
{
  g_return_val_if_fail (TH_IS_SYNC_INDICATOR (self), NULL);
  return self->tone;
}

