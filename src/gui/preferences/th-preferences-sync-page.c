/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Preferences → Sync: the platform's address (GSettings), this station's
 * token (the keyring, through th-credentials), and Test Connection, which
 * asks the core and shows its own words for what went wrong. A token the
 * keyring cannot keep still reaches the context for this session. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-format.h"
#include "th-preferences-sync-page-private.h"
#include "th-identity.h"
#include "th-sync.h"
#include "th-demo-sync.h"

G_DEFINE_FINAL_TYPE (ThPreferencesSyncPage, th_preferences_sync_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_TESTING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
_th_preferences_sync_page_toast (ThPreferencesSyncPage *self,
                                 const char            *text)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwToast *t = th_toast_new_text (text);

  adw_toast_set_timeout (t, 8);
  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), t);
  else
    g_object_unref (g_object_ref_sink (t));
}

void
_th_preferences_sync_page_set_testing (ThPreferencesSyncPage *self,
                                       gboolean               testing)
{
  self->testing = testing;
  gtk_widget_set_visible (GTK_WIDGET (self->test_spinner), testing);
  gtk_spinner_set_spinning (self->test_spinner, testing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sync.test-connection", !testing && self->station_id != 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TESTING]);
}

void
_th_preferences_sync_page_show_test_result (ThPreferencesSyncPage *self,
                                            const char            *text,
                                            gboolean               ok)
{
  adw_action_row_set_subtitle (self->test_row, text);
  adw_action_row_set_icon_name (self->test_row, ok ? "emblem-ok-symbolic" : "dialog-error-symbolic");
  _th_preferences_sync_page_set_testing (self, FALSE);
}

char *
_th_preferences_sync_page_saved_url (ThPreferencesSyncPage *self)
{
  return g_strstrip (g_settings_get_string (self->settings, "server-url"));
}

gboolean
_th_preferences_sync_page_save_url (ThPreferencesSyncPage *self)
{
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_row))));
  g_autofree char *old = _th_preferences_sync_page_saved_url (self);
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (url, old) == 0)
    return TRUE;
  if (url[0] != '\0' && !th_sync_check_url (url, &error))
    {
      _th_preferences_sync_page_toast (self, error->message);
      return FALSE;
    }
  g_settings_set_string (self->settings, "server-url", url);
  _th_preferences_sync_page_toast (self, url[0] ? _("Saved. This counter now syncs with this address.")
                                                : _("Saved. This counter no longer syncs."));
  _th_preferences_sync_page_refresh_token_state (self);
  return TRUE;
}

static void
url_applied_cb (ThPreferencesSyncPage *self)
{
  _th_preferences_sync_page_save_url (self);
}

static void
th_preferences_sync_page_dispose (GObject *object)
{
  ThPreferencesSyncPage *self = (ThPreferencesSyncPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), TH_TYPE_PREFERENCES_SYNC_PAGE);

  G_OBJECT_CLASS (th_preferences_sync_page_parent_class)->dispose (object);
}

static void
th_preferences_sync_page_finalize (GObject *object)
{
  ThPreferencesSyncPage *self = (ThPreferencesSyncPage *)object;

  g_clear_object (&self->context);

  G_OBJECT_CLASS (th_preferences_sync_page_parent_class)->finalize (object);
}

static void
th_preferences_sync_page_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_TESTING:
      g_value_set_boolean (value, TH_PREFERENCES_SYNC_PAGE (object)->testing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
th_preferences_sync_page_class_init (ThPreferencesSyncPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = th_preferences_sync_page_dispose;
  object_class->finalize = th_preferences_sync_page_finalize;
  object_class->get_property = th_preferences_sync_page_get_property;

  properties[PROP_TESTING] =
    g_param_spec_boolean ("testing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  _th_preferences_sync_page_class_add_test (widget_class);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tihuo/Station/ui/th-preferences-sync-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ThPreferencesSyncPage, demo_group);
  gtk_widget_class_bind_template_child (widget_class, ThPreferencesSyncPage, url_row);
  gtk_widget_class_bind_template_child (widget_class, ThPreferencesSyncPage, token_row);
  gtk_widget_class_bind_template_child (widget_class, ThPreferencesSyncPage, token_state_row);
  gtk_widget_class_bind_template_child (widget_class, ThPreferencesSyncPage, test_row);
  gtk_widget_class_bind_template_child (widget_class, ThPreferencesSyncPage, test_spinner);
  gtk_widget_class_bind_template_callback (widget_class, url_applied_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "token_applied_cb",
                                                G_CALLBACK (_th_preferences_sync_page_token_applied_cb));
}

static void
th_preferences_sync_page_init (ThPreferencesSyncPage *self)
{
  g_autofree char *url = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APP_ID);
  url = _th_preferences_sync_page_saved_url (self);
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), url);
}

/**
 * th_preferences_sync_page_new:
 * @context: the station whose sync this page sets up
 */
ThPreferencesSyncPage *
th_preferences_sync_page_new (ThContext *context)
{
  ThPreferencesSyncPage *self;
  ThDb *db;

  g_return_val_if_fail (TH_IS_CONTEXT (context), NULL);

  self = g_object_new (TH_TYPE_PREFERENCES_SYNC_PAGE, NULL);
  self->context = g_object_ref (context);
  if ((db = th_context_get_db (context)) == NULL || !th_identity_get (db, &self->station_id, NULL, NULL))
    self->station_id = 0;
  gtk_widget_set_sensitive (GTK_WIDGET (self->token_row), self->station_id != 0);
  _th_preferences_sync_page_set_testing (self, FALSE);

  if (th_demo_sync_is_attached (context))
    {
      ThDemoServer *server = th_demo_sync_get_server (context);
      g_autofree char *text =
        g_strdup_printf (_("The demo station syncs with its own platform on this computer (%s). What you set "
                           "below is kept for your real station."),
                         server ? th_demo_server_get_url (server) : _("not running"));
      g_autofree char *escaped = g_markup_escape_text (text, -1);

      adw_preferences_group_set_description (self->demo_group, escaped);
      gtk_widget_set_visible (GTK_WIDGET (self->demo_group), TRUE);
    }
  _th_preferences_sync_page_refresh_token_state (self);
  return self;
}

gboolean
th_preferences_sync_page_get_testing (ThPreferencesSyncPage *self)
{
  g_return_val_if_fail (TH_IS_PREFERENCES_SYNC_PAGE (self), FALSE);
  return self->testing;
}

const char *
th_preferences_sync_page_get_test_result (ThPreferencesSyncPage *self)
{
  g_return_val_if_fail (TH_IS_PREFERENCES_SYNC_PAGE (self), NULL);
  return adw_action_row_get_subtitle (self->test_row);
}

const char *
th_preferences_sync_page_get_token_state (ThPreferencesSyncPage *self)
{
  g_return_val_if_fail (TH_IS_PREFERENCES_SYNC_PAGE (self), NULL);
  return adw_action_row_get_subtitle (self->token_state_row);
}

AdwEntryRow *
th_preferences_sync_page_get_url_row (ThPreferencesSyncPage *self)
{
  g_return_val_if_fail (TH_IS_PREFERENCES_SYNC_PAGE (self), NULL);
  return self->url_row;
}

AdwEntryRow *
th_preferences_sync_page_get_token_row (ThPreferencesSyncPage *self)
{
  g_return_val_if_fail (TH_IS_PREFERENCES_SYNC_PAGE (self), NULL);
  return self->token_row;
}
