/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Which sync client the counter window runs. A real station syncs with the
 * server in the settings, with the token from the keyring, and starts over
 * when either changes. The demo starts its own platform and syncs with it.
 * When the keyring cannot be reached, a token entered in Preferences is
 * kept in memory until Tihuo quits, and the header says why. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-credentials.h"
#include "th-identity.h"
#include "th-window-sync-private.h"

static void
show_problem (ThWindow   *self,
              const char *title,
              const char *detail)
{
  th_window_set_sync_client (self, NULL);
  th_sync_indicator_set_problem (self->sync->indicator, title, detail);
}

static void
start_client (ThWindow   *self,
              const char *token)
{
  ThWindowSync *sync = self->sync;
  g_autoptr(ThSyncClient) client = NULL;
  g_autoptr(GError) error = NULL;

  client = th_sync_client_new (self->db, sync->url, token, &error);
  if (client == NULL)
    show_problem (self, _("Sync Address Refused"), error->message);
  else
    th_window_set_sync_client (self, client);
}

static void
restart_cancellable (ThWindowSync *sync)
{
  g_cancellable_cancel (sync->cancellable);
  g_clear_object (&sync->cancellable);
  sync->cancellable = g_cancellable_new ();
}

static void
token_looked_up_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(ThWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  char *token = th_credentials_lookup_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->sync == NULL)
    return;
  if (token != NULL)
    start_client (self, token);
  else if (error != NULL)
    {
      g_autofree char *detail =
        g_strdup_printf (_("Tihuo keeps the station token in the keyring, which cannot be reached (%s). "
                           "Enter the token in the connection settings: it is then used until Tihuo quits."),
                         error->message);
      show_problem (self, _("Keyring Not Available"), detail);
    }
  else
    show_problem (self, _("No Station Token"),
                  _("The platform’s address is set, but not this station’s token. Copy it from the "
                    "platform’s station page into the connection settings."));
  th_credentials_free_token (token);
}

static void
demo_started_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(ThWindow) self = user_data;
  g_autoptr(ThDemoServer) server = NULL;
  g_autoptr(GError) error = NULL;
  GtkApplication *app;

  server = th_demo_server_start_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->sync == NULL)
    return;
  if (server == NULL)
    {
      show_problem (self, _("Demo Server Not Running"), error->message);
      return;
    }

  self->sync->demo_server = g_object_ref (server);
  /* Quitting ends it at once; PR_SET_PDEATHSIG covers a crash. */
  if ((app = gtk_window_get_application (GTK_WINDOW (self))))
    g_signal_connect_object (app, "shutdown", G_CALLBACK (th_demo_server_stop), server, G_CONNECT_SWAPPED);
  g_free (self->sync->url);
  self->sync->url = g_strdup (th_demo_server_get_url (server));
  start_client (self, th_demo_server_get_token (server));
}

/**
 * _th_window_sync_connect:
 *
 * Runs the client the settings ask for, if it is not running already.
 */
void
_th_window_sync_connect (ThWindow *self)
{
  ThWindowSync *sync = self->sync;
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;
  guint32 station_id = 0;

  if (sync == NULL || self->db == NULL || !th_identity_get (self->db, &station_id, NULL, NULL))
    return;
  if (sync->demo_dir != NULL)
    {
      if (!sync->demo_started)
        {
          sync->demo_started = TRUE;
          restart_cancellable (sync);
          th_demo_server_start_async (self->db, sync->demo_dir, sync->cancellable, demo_started_cb,
                                      g_object_ref (self));
        }
      return;
    }

  url = g_strstrip (g_settings_get_string (self->settings, "server-url"));
  if (sync->client != NULL && g_strcmp0 (url, sync->url) == 0 && station_id == sync->station_id)
    return;

  restart_cancellable (sync);
  g_free (sync->url);
  sync->url = g_strdup (url);
  sync->station_id = station_id;

  if (url[0] == '\0')
    show_problem (self, NULL, NULL);
  else if (!th_sync_check_url (url, &error))
    show_problem (self, _("Sync Address Refused"), error->message);
  else if (sync->session_token != NULL && g_strcmp0 (sync->session_url, url) == 0)
    start_client (self, sync->session_token);
  else
    th_credentials_lookup_async (url, station_id, sync->cancellable, token_looked_up_cb, g_object_ref (self));
}

static void
server_url_changed_cb (ThWindow *self)
{
  _th_window_sync_connect (self);
}

void
_th_window_sync_setup_init (ThWindow *self)
{
  self->sync->cancellable = g_cancellable_new ();
  g_signal_connect_object (self->settings, "changed::server-url", G_CALLBACK (server_url_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

void
_th_window_sync_setup_dispose (ThWindow *self)
{
  ThWindowSync *sync = self->sync;

  g_cancellable_cancel (sync->cancellable);
  g_clear_object (&sync->cancellable);
  if (sync->demo_server)
    th_demo_server_stop (sync->demo_server);
  g_clear_object (&sync->demo_server);
  g_clear_pointer (&sync->url, g_free);
  g_clear_pointer (&sync->demo_dir, g_free);
  g_clear_pointer (&sync->session_url, g_free);
  g_clear_pointer (&sync->session_token, th_credentials_free_token);
}

void
th_window_use_demo_sync (ThWindow   *self,
                         const char *demo_dir)
{
  ThWindowSync *sync;

  g_return_if_fail (TH_IS_WINDOW (self));
  g_return_if_fail (demo_dir != NULL);

  sync = self->sync;
  g_return_if_fail (sync->demo_dir == NULL);
  sync->demo_dir = g_strdup (demo_dir);
  th_window_set_sync_client (self, NULL);
  _th_window_sync_connect (self);
}

ThDemoServer *
th_window_get_demo_server (ThWindow *self)
{
  g_return_val_if_fail (TH_IS_WINDOW (self), NULL);
  return self->sync->demo_server;
}

gboolean
th_window_get_sync_is_demo (ThWindow *self)
{
  g_return_val_if_fail (TH_IS_WINDOW (self), FALSE);
  return self->sync->demo_dir != NULL;
}

void
th_window_set_sync_token (ThWindow   *self,
                          const char *server_url,
                          const char *token)
{
  ThWindowSync *sync;

  g_return_if_fail (TH_IS_WINDOW (self));
  g_return_if_fail (server_url != NULL);
  g_return_if_fail (token != NULL);

  sync = self->sync;
  g_free (sync->session_url);
  th_credentials_free_token (sync->session_token);
  sync->session_url = g_strdup (server_url);
  sync->session_token = g_strdup (token);
  if (sync->demo_dir != NULL)
    return;
  if (sync->client != NULL && g_strcmp0 (sync->url, server_url) == 0)
    th_sync_client_set_token (sync->client, token);
  else
    {
      /* Whatever ran was for another address or had no token. */
      th_window_set_sync_client (self, NULL);
      g_clear_pointer (&sync->url, g_free);
      _th_window_sync_connect (self);
    }
}

char *
th_window_dup_sync_token (ThWindow   *self,
                          const char *server_url)
{
  g_return_val_if_fail (TH_IS_WINDOW (self), NULL);

  if (self->sync->session_token == NULL || g_strcmp0 (self->sync->session_url, server_url) != 0)
    return NULL;
  return g_strdup (self->sync->session_token);
}
