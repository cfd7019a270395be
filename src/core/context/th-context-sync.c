/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Which sync client runs. A real station syncs with the server in the
 * settings, with the token from the keyring, and starts over when either
 * changes. A pinned context (the demo's own platform) ignores the settings
 * and runs the server it is given. When the keyring cannot be reached, a
 * token entered in Preferences is kept in memory until Tihuo quits, and
 * the sync-problem signal says why. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-context-private.h"
#include "th-credentials.h"
#include "th-identity.h"

static void
start_client (ThContext  *self,
              const char *token)
{
  g_autoptr(ThSyncClient) client = NULL;
  g_autoptr(GError) error = NULL;

  client = th_sync_client_new (self->db, self->url, token, &error);
  if (client == NULL)
    th_context_set_sync_problem (self, _("Sync Address Refused"), error->message);
  else
    th_context_set_sync_client (self, client);
}

static void
restart_cancellable (ThContext *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

static void
token_looked_up_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(ThContext) self = user_data;
  g_autoptr(GError) error = NULL;
  char *token = th_credentials_lookup_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->settings == NULL)
    return;
  if (token != NULL)
    start_client (self, token);
  else if (error != NULL)
    {
      g_autofree char *detail =
        g_strdup_printf (_("Tihuo keeps the station token in the keyring, which cannot be reached (%s). "
                           "Enter the token in the connection settings: it is then used until Tihuo quits."),
                         error->message);
      th_context_set_sync_problem (self, _("Keyring Not Available"), detail);
    }
  else
    th_context_set_sync_problem (self, _("No Station Token"),
                                 _("The platform’s address is set, but not this station’s token. Copy it from the "
                                   "platform’s station page into the connection settings."));
  th_credentials_free_token (token);
}

/**
 * th_context_connect_sync:
 *
 * Runs the client the settings ask for, if it is not running already.
 */
void
th_context_connect_sync (ThContext *self)
{
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;
  guint32 station_id = 0;

  g_return_if_fail (TH_IS_CONTEXT (self));

  if (self->pinned || self->db == NULL || !th_identity_get (self->db, &station_id, NULL, NULL))
    return;

  url = g_strstrip (g_settings_get_string (self->settings, "server-url"));
  if (self->sync_client != NULL && g_strcmp0 (url, self->url) == 0 && station_id == self->station_id)
    return;

  restart_cancellable (self);
  g_free (self->url);
  self->url = g_strdup (url);
  self->station_id = station_id;

  if (url[0] == '\0')
    th_context_set_sync_problem (self, NULL, NULL);
  else if (!th_sync_check_url (url, &error))
    th_context_set_sync_problem (self, _("Sync Address Refused"), error->message);
  else if (self->session_token != NULL && g_strcmp0 (self->session_url, url) == 0)
    start_client (self, self->session_token);
  else
    th_credentials_lookup_async (url, station_id, self->cancellable, token_looked_up_cb, g_object_ref (self));
}

static void
server_url_changed_cb (ThContext *self)
{
  th_context_connect_sync (self);
}

void
_th_context_init_sync (ThContext *self)
{
  self->cancellable = g_cancellable_new ();
  g_signal_connect_object (self->settings, "changed::server-url", G_CALLBACK (server_url_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

void
_th_context_dispose_sync (ThContext *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->session_url, g_free);
  g_clear_pointer (&self->session_token, th_credentials_free_token);
}

/* From now on the settings do not apply: sync waits for
 * th_context_use_sync_server(). The demo does this. */
void
th_context_pin_sync (ThContext *self)
{
  g_return_if_fail (TH_IS_CONTEXT (self));

  self->pinned = TRUE;
  restart_cancellable (self);
  th_context_set_sync_client (self, NULL);
}

gboolean
th_context_get_sync_pinned (ThContext *self)
{
  g_return_val_if_fail (TH_IS_CONTEXT (self), FALSE);
  return self->pinned;
}

/* A pinned context's server, e.g. the demo's own platform. */
void
th_context_use_sync_server (ThContext  *self,
                            const char *url,
                            const char *token)
{
  g_return_if_fail (TH_IS_CONTEXT (self));
  g_return_if_fail (self->pinned);
  g_return_if_fail (url != NULL && token != NULL);
  g_return_if_fail (self->db != NULL);

  g_free (self->url);
  self->url = g_strdup (url);
  start_client (self, token);
}

/**
 * th_context_set_sync_token:
 *
 * Preferences saved @token for @server_url: in the keyring, or for this
 * session only when the keyring failed. Never logged.
 */
void
th_context_set_sync_token (ThContext  *self,
                           const char *server_url,
                           const char *token)
{
  g_return_if_fail (TH_IS_CONTEXT (self));
  g_return_if_fail (server_url != NULL);
  g_return_if_fail (token != NULL);

  g_free (self->session_url);
  th_credentials_free_token (self->session_token);
  self->session_url = g_strdup (server_url);
  self->session_token = g_strdup (token);
  if (self->pinned)
    return;
  if (self->sync_client != NULL && g_strcmp0 (self->url, server_url) == 0)
    th_sync_client_set_token (self->sync_client, token);
  else
    {
      /* Whatever ran was for another address or had no token. */
      th_context_set_sync_client (self, NULL);
      g_clear_pointer (&self->url, g_free);
      th_context_connect_sync (self);
    }
}

/* The token this session holds for @server_url, or NULL; wipe it with
 * th_credentials_free_token(). */
char *
th_context_dup_sync_token (ThContext  *self,
                           const char *server_url)
{
  g_return_val_if_fail (TH_IS_CONTEXT (self), NULL);

  if (self->session_token == NULL || g_strcmp0 (self->session_url, server_url) != 0)
    return NULL;
  return g_strdup (self->session_token);
}
