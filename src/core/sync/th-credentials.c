/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Where the station's token comes from. libsecret is GLib-only, so the core
 * can keep it in the keyring for the GUI without knowing GTK. */
#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>
#include <sodium.h>

#include "th-credentials.h"
#include "th-error.h"

static const SecretSchema token_schema = {
  "io.github.tihuo.Station.Token", SECRET_SCHEMA_NONE,
  {
    { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "station", SECRET_SCHEMA_ATTRIBUTE_INTEGER },
    { NULL, 0 },
  }
};

static void
stored_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (secret_password_store_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
th_credentials_store_async (const char          *server_url,
                            guint32              station_id,
                            const char          *token,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  g_autofree char *label = g_strdup_printf (_("Tihuo station %u token for %s"), station_id, server_url);

  g_task_set_source_tag (task, th_credentials_store_async);
  secret_password_store (&token_schema, SECRET_COLLECTION_DEFAULT, label, token, cancellable,
                         stored_cb, task,
                         "server", server_url, "station", (int) station_id, NULL);
}

gboolean
th_credentials_store_finish (GAsyncResult  *result,
                             GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
looked_up_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *token = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, token, (GDestroyNotify) secret_password_free);
}

void
th_credentials_lookup_async (const char          *server_url,
                             guint32              station_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, th_credentials_lookup_async);
  secret_password_lookup (&token_schema, cancellable, looked_up_cb, task,
                          "server", server_url, "station", (int) station_id, NULL);
}

char *
th_credentials_lookup_finish (GAsyncResult  *result,
                              GError       **error)
{
  char *token = g_task_propagate_pointer (G_TASK (result), error);
  char *copy;

  if (token == NULL)
    return NULL;
  /* Hand out g_malloc memory, so th_credentials_free_token() is the only rule. */
  copy = g_strdup (token);
  secret_password_free (token);
  return copy;
}

static void
cleared_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
th_credentials_clear_async (const char          *server_url,
                            guint32              station_id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, th_credentials_clear_async);
  secret_password_clear (&token_schema, cancellable, cleared_cb, task,
                         "server", server_url, "station", (int) station_id, NULL);
}

gboolean
th_credentials_clear_finish (GAsyncResult  *result,
                             GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
th_credentials_check_token (const char  *token,
                            GError     **error)
{
  gsize len = token ? strlen (token) : 0;

  /* Printable ASCII only: it goes into an HTTP header as it is. The error
   * never repeats the token. */
  for (gsize i = 0; i < len; i++)
    if (token[i] <= 0x20 || token[i] >= 0x7f)
      len = 0;
  if (len == 0 || len > TH_TOKEN_MAX_CHARS)
    {
      g_set_error (error, TH_ERROR, TH_ERROR_INVALID,
                   _("The station token must be 1 to %d printable characters without spaces. "
                     "Copy it again from the platform's station page."), TH_TOKEN_MAX_CHARS);
      return FALSE;
    }
  return TRUE;
}

char *
th_credentials_read_token (const char  *token_file,
                           GError     **error)
{
  g_autofree char *contents = NULL;
  char *token;

  if (token_file == NULL)
    {
      const char *env = g_getenv ("TIHUO_TOKEN");

      if (env == NULL || env[0] == '\0')
        {
          g_set_error (error, TH_ERROR, TH_ERROR_INVALID,
                       _("No station token: set TIHUO_TOKEN or give --token-file FILE."));
          return NULL;
        }
      token = g_strstrip (g_strdup (env));
    }
  else
    {
      char *newline;
      gsize len;

      if (!g_file_get_contents (token_file, &contents, &len, error))
        return NULL;
      if ((newline = strchr (contents, '\n')) != NULL)
        *newline = '\0';
      token = g_strstrip (g_strdup (contents));
      sodium_memzero (contents, len);
    }

  if (!th_credentials_check_token (token, error))
    {
      th_credentials_free_token (token);
      return NULL;
    }
  return token;
}

void
th_credentials_free_token (char *token)
{
  if (token == NULL)
    return;
  sodium_memzero (token, strlen (token));
  g_free (token);
}
