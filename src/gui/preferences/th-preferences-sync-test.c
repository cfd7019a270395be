/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Preferences → Sync → Test Connection: asks the platform for the keys with
 * the address typed and the token typed, or else the one this session or
 * the keyring holds, and shows the core's own words for what went wrong. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-credentials.h"
#include "th-preferences-sync-page-private.h"
#include "th-sync.h"

static void
tested_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(ThPreferencesSyncPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (th_sync_test_connection_finish (result, &error))
    _th_preferences_sync_page_show_test_result (self, _("Connected. The platform accepted this station’s token."),
                                                TRUE);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _th_preferences_sync_page_show_test_result (self, error->message, FALSE);
}

static void
run_test (ThPreferencesSyncPage *self,
          const char            *url,
          const char            *token)
{
  th_sync_test_connection_async (url, token, self->station_id, self->cancellable, tested_cb, g_object_ref (self));
}

static void
test_token_looked_up_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(ThPreferencesSyncPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_row))));
  char *token = th_credentials_lookup_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (token != NULL)
    run_test (self, url, token);
  else if (error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The keyring cannot be reached (%s). Enter the token above "
                                                 "to test it."), error->message);
      _th_preferences_sync_page_show_test_result (self, text, FALSE);
    }
  else
    _th_preferences_sync_page_show_test_result (self, _("No token is saved for this address. Enter this "
                                                        "station’s token above to test it."), FALSE);
  th_credentials_free_token (token);
}

static void
test_connection_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  ThPreferencesSyncPage *self = TH_PREFERENCES_SYNC_PAGE (widget);
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_row))));
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->token_row));
  g_autoptr(GError) error = NULL;
  char *in_session;

  if (url[0] == '\0')
    {
      _th_preferences_sync_page_show_test_result (self, _("Enter the platform’s address above first."), FALSE);
      return;
    }
  _th_preferences_sync_page_set_testing (self, TRUE);
  adw_action_row_set_subtitle (self->test_row, _("Testing…"));
  adw_action_row_set_icon_name (self->test_row, NULL);

  /* What is typed, else what this session or the keyring holds. */
  if (typed[0] != '\0')
    {
      if (th_credentials_check_token (typed, &error))
        run_test (self, url, typed);
      else
        _th_preferences_sync_page_show_test_result (self, error->message, FALSE);
    }
  else if ((in_session = th_context_dup_sync_token (self->context, url)))
    {
      run_test (self, url, in_session);
      th_credentials_free_token (in_session);
    }
  else
    th_credentials_lookup_async (url, self->station_id, self->cancellable, test_token_looked_up_cb,
                                 g_object_ref (self));
}

void
_th_preferences_sync_page_class_add_test (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "sync.test-connection", NULL, test_connection_action);
}
