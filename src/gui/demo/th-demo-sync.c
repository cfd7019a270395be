/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The demo's sync: its own platform, started on this computer once the
 * demo station is open, and handed to the context as its pinned server.
 * Demo code, so it stays out of the core; it hangs off the context as
 * object data. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-demo-sync.h"

#define DEMO_SYNC_KEY "th-demo-sync"

typedef struct {
  char         *demo_dir;
  gboolean      started;
  ThDemoServer *server;
  GCancellable *cancellable;
} DemoSync;

static void
demo_sync_free (DemoSync *ds)
{
  g_cancellable_cancel (ds->cancellable);
  g_clear_object (&ds->cancellable);
  if (ds->server)
    th_demo_server_stop (ds->server);
  g_clear_object (&ds->server);
  g_free (ds->demo_dir);
  g_free (ds);
}

static DemoSync *
get (ThContext *context)
{
  return g_object_get_data (G_OBJECT (context), DEMO_SYNC_KEY);
}

static void
demo_started_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(ThContext) context = user_data;
  g_autoptr(ThDemoServer) server = NULL;
  g_autoptr(GError) error = NULL;
  DemoSync *ds;

  server = th_demo_server_start_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || (ds = get (context)) == NULL)
    {
      if (server)
        th_demo_server_stop (server);
      return;
    }
  if (server == NULL)
    {
      th_context_set_sync_problem (context, _("Demo Server Not Running"), error->message);
      return;
    }
  ds->server = g_object_ref (server);
  th_context_use_sync_server (context, th_demo_server_get_url (server), th_demo_server_get_token (server));
}

static void
context_db_changed_cb (ThContext *context)
{
  DemoSync *ds = get (context);

  if (ds == NULL || ds->started || th_context_get_db (context) == NULL)
    return;
  ds->started = TRUE;
  th_demo_server_start_async (th_context_get_db (context), ds->demo_dir, ds->cancellable, demo_started_cb,
                              g_object_ref (context));
}

void
th_demo_sync_attach (ThContext  *context,
                     const char *demo_dir)
{
  DemoSync *ds;

  g_return_if_fail (TH_IS_CONTEXT (context));
  g_return_if_fail (demo_dir != NULL);
  g_return_if_fail (get (context) == NULL);

  ds = g_new0 (DemoSync, 1);
  ds->demo_dir = g_strdup (demo_dir);
  ds->cancellable = g_cancellable_new ();
  g_object_set_data_full (G_OBJECT (context), DEMO_SYNC_KEY, ds, (GDestroyNotify) demo_sync_free);
  th_context_pin_sync (context);
  g_signal_connect (context, "notify::db", G_CALLBACK (context_db_changed_cb), NULL);
  context_db_changed_cb (context);
}

/* (nullable): the demo's platform, once it runs */
ThDemoServer *
th_demo_sync_get_server (ThContext *context)
{
  DemoSync *ds;

  g_return_val_if_fail (TH_IS_CONTEXT (context), NULL);
  ds = get (context);
  return ds ? ds->server : NULL;
}

gboolean
th_demo_sync_is_attached (ThContext *context)
{
  g_return_val_if_fail (TH_IS_CONTEXT (context), FALSE);
  return get (context) != NULL;
}

/* Quitting ends the demo's platform at once; PR_SET_PDEATHSIG covers a crash. */
void
th_demo_sync_stop (ThContext *context)
{
  DemoSync *ds;

  g_return_if_fail (TH_IS_CONTEXT (context));
  if ((ds = get (context)) && ds->server)
    th_demo_server_stop (ds->server);
}
