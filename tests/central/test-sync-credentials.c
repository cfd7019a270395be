/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Where the token comes from, that it is checked and never repeated, the
 * keyring round trip where a Secret Service runs, and Preferences' "Test
 * connection" against tihuo-central-dev. */
#include "config.h"

#include <glib/gstdio.h>

#include "th-central-util.h"
#include "th-credentials.h"
#include "th-error.h"

/* First, before anything starts a thread: it changes the environment. */
static void
test_token_sources (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tihuo-token-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "token", NULL);
  char *token;

  g_assert_true (g_file_set_contents (path, "  s3cret-Token_1  \nsecond line\n", -1, NULL));
  token = th_credentials_read_token (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, "s3cret-Token_1");
  th_credentials_free_token (token);

  g_setenv ("TIHUO_TOKEN", "from-the-environment", TRUE);
  token = th_credentials_read_token (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, "from-the-environment");
  th_credentials_free_token (token);
  g_unsetenv ("TIHUO_TOKEN");

  g_assert_null (th_credentials_read_token (NULL, &error));
  g_assert_error (error, TH_ERROR, TH_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "TIHUO_TOKEN"));
  g_clear_error (&error);

  /* A token that cannot go into a header is refused without being repeated. */
  g_assert_true (g_file_set_contents (path, "two words\n", -1, NULL));
  g_assert_null (th_credentials_read_token (path, &error));
  g_assert_error (error, TH_ERROR, TH_ERROR_INVALID);
  g_assert_null (strstr (error->message, "two words"));
  g_clear_error (&error);

  g_assert_null (th_credentials_read_token ("/nonexistent/token", &error));
  g_assert_nonnull (error);
  g_unlink (path);
  g_rmdir (dir);
}

static void
stored_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GError **error = user_data;

  if (!th_credentials_store_finish (result, error) && *error == NULL)
    g_assert_not_reached ();
  if (*error == NULL)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS, "stored");
}

static void
looked_up_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **token = user_data;
  g_autoptr(GError) error = NULL;

  *token = th_credentials_lookup_finish (result, &error);
  g_assert_no_error (error);
  if (*token == NULL)
    *token = g_strdup ("");
}

static void
cleared_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GError **error = user_data;

  if (th_credentials_clear_finish (result, error))
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS, "cleared");
}

/* Needs a Secret Service on the session bus; CI machines usually have none. */
static void
test_keyring (void)
{
  g_autoptr(GError) error = NULL;
  char *token = NULL;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("no session bus, so no keyring to try");
      return;
    }
  th_credentials_store_async ("http://127.0.0.1:1/api", 7, "keyring-token", NULL, stored_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_test_skip (error->message);
      return;
    }
  th_credentials_lookup_async ("http://127.0.0.1:1/api", 7, NULL, looked_up_cb, &token);
  while (token == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (token, ==, "keyring-token");
  th_credentials_free_token (token);

  /* Leave a developer's keyring as it was. */
  g_clear_error (&error);
  th_credentials_clear_async ("http://127.0.0.1:1/api", 7, NULL, cleared_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
}

static void
tested_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GError **error = user_data;

  if (th_sync_test_connection_finish (result, error))
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS, "ok");
}

static GError *
test_connection (const char *url,
                 const char *token,
                 guint32     station)
{
  GError *error = NULL;

  th_sync_test_connection_async (url, token, station, NULL, tested_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  return error;
}

static void
test_connection_check (ThSyncFixture *f,
                       gconstpointer  data)
{
  g_autofree char *wrong_port = g_strdup_printf ("http://127.0.0.1:%u/nothing-here", f->central->port);
  g_autoptr(GError) ok = test_connection (f->central->url, TH_CENTRAL_TOKEN, 7);
  g_autoptr(GError) bad_token = test_connection (f->central->url, "nope", 7);
  g_autoptr(GError) other_station = test_connection (f->central->url, TH_CENTRAL_TOKEN, 8);
  g_autoptr(GError) wrong_path = test_connection (wrong_port, TH_CENTRAL_TOKEN, 7);
  g_autoptr(GError) insecure = test_connection ("http://central.example.com/api", TH_CENTRAL_TOKEN, 7);

  g_assert_error (ok, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_error (bad_token, TH_SYNC_ERROR, TH_SYNC_ERROR_UNAUTHORIZED);
  g_assert_error (other_station, TH_SYNC_ERROR, TH_SYNC_ERROR_FORBIDDEN);
  g_assert_error (wrong_path, TH_SYNC_ERROR, TH_SYNC_ERROR_HTTP);
  g_assert_nonnull (strstr (wrong_path->message, "404"));
  g_assert_error (insecure, TH_SYNC_ERROR, TH_SYNC_ERROR_INSECURE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tihuo/sync/credentials/token-sources", test_token_sources);
  g_test_add_func ("/tihuo/sync/credentials/keyring", test_keyring);
  g_test_add ("/tihuo/sync/credentials/test-connection", ThSyncFixture, NULL,
              th_sync_fixture_set_up, test_connection_check, th_sync_fixture_tear_down);
  return g_test_run ();
}
