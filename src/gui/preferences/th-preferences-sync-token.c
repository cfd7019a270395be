/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Preferences → Sync: this station's token, kept in the keyring through
 * th-credentials, keyed by the saved address and the station. When the
 * keyring cannot keep it, the window still gets it for this session and
 * the page says so plainly. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-credentials.h"
#include "th-preferences-sync-page-private.h"

void
_th_preferences_sync_page_set_token_state (ThPreferencesSyncPage *self,
                                           const char            *text,
                                           gboolean               problem)
{
  adw_action_row_set_subtitle (self->token_state_row, text);
  adw_action_row_set_icon_name (self->token_state_row,
                                problem ? "dialog-warning-symbolic" : "dialog-password-symbolic");
}

static void
token_looked_up_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(ThPreferencesSyncPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = _th_preferences_sync_page_saved_url (self);
  char *token = th_credentials_lookup_finish (result, &error);
  char *in_session = th_context_dup_sync_token (self->context, url);

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (token != NULL)
        _th_preferences_sync_page_set_token_state (self, _("Kept in the keyring"), FALSE);
      else if (error != NULL)
        {
          g_autofree char *text =
            in_session ? g_strdup_printf (_("The keyring cannot be reached (%s). Tihuo uses the token entered "
                                            "above until it quits."), error->message)
                       : g_strdup_printf (_("The keyring cannot be reached (%s). Enter the token above: Tihuo "
                                            "then uses it until it quits."), error->message);
          _th_preferences_sync_page_set_token_state (self, text, TRUE);
        }
      else if (in_session != NULL)
        _th_preferences_sync_page_set_token_state (self, _("Used until Tihuo quits; not in the keyring"), TRUE);
      else
        _th_preferences_sync_page_set_token_state (self, _("No token saved yet"), TRUE);
    }
  th_credentials_free_token (token);
  th_credentials_free_token (in_session);
}

void
_th_preferences_sync_page_refresh_token_state (ThPreferencesSyncPage *self)
{
  g_autofree char *url = _th_preferences_sync_page_saved_url (self);

  if (self->station_id == 0)
    _th_preferences_sync_page_set_token_state (self, _("Set up this counter first"), TRUE);
  else if (url[0] == '\0')
    _th_preferences_sync_page_set_token_state (self, _("Enter the server address first"), TRUE);
  else
    th_credentials_lookup_async (url, self->station_id, self->cancellable, token_looked_up_cb,
                                 g_object_ref (self));
}

typedef struct {
  ThPreferencesSyncPage *self;
  char                  *url;
  char                  *token;
} StoreData;

static void
token_stored_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  StoreData *data = user_data;
  ThPreferencesSyncPage *self = data->self;
  g_autoptr(GError) error = NULL;

  if (th_credentials_store_finish (result, &error))
    {
      _th_preferences_sync_page_set_token_state (self, _("Kept in the keyring"), FALSE);
      _th_preferences_sync_page_toast (self, _("Token saved in the keyring"));
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *text =
        g_strdup_printf (_("The keyring could not keep the token (%s). Tihuo uses it until it quits. To keep it, "
                           "start a keyring such as GNOME Keyring and save the token again."), error->message);
      _th_preferences_sync_page_set_token_state (self, text, TRUE);
      _th_preferences_sync_page_toast (self, text);
    }
  /* Either way this session syncs with it. */
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    th_context_set_sync_token (self->context, data->url, data->token);

  g_object_unref (data->self);
  g_free (data->url);
  th_credentials_free_token (data->token);
  g_free (data);
}

void
_th_preferences_sync_page_token_applied_cb (ThPreferencesSyncPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  StoreData *data;
  const char *token = gtk_editable_get_text (GTK_EDITABLE (self->token_row));

  if (self->station_id == 0 || !_th_preferences_sync_page_save_url (self))
    return;
  url = _th_preferences_sync_page_saved_url (self);
  if (url[0] == '\0')
    {
      _th_preferences_sync_page_toast (self, _("Enter the platform’s address first, then the token."));
      return;
    }
  if (!th_credentials_check_token (token, &error))
    {
      _th_preferences_sync_page_toast (self, error->message);
      return;
    }

  data = g_new0 (StoreData, 1);
  data->self = g_object_ref (self);
  data->url = g_steal_pointer (&url);
  data->token = g_strdup (token);
  /* Not left lying in the entry once it is on its way to the keyring. */
  gtk_editable_set_text (GTK_EDITABLE (self->token_row), "");
  th_credentials_store_async (data->url, self->station_id, data->token, self->cancellable, token_stored_cb, data);
}

