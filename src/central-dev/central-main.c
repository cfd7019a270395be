/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tihuo-central-dev: the reference central platform, for tests, benchmarks
 * and `tihuo --demo`.
 *
 *   tihuo-central-dev --db FILE [--port 0] --station 7 --token T
 *                     [--seed-orders N | --seed-demo | --import-orders FILE]
 *                     [--kid N --key-seed-file FILE] [--fault SPEC]…
 *
 * It listens on 127.0.0.1 only and prints the chosen port alone on the first
 * line of stdout, so a parent can read it; the base URL is then
 * http://127.0.0.1:PORT/api. SIGTERM or SIGINT stops it cleanly. */
#include "config.h"

#include <glib-unix.h>
#include <sodium.h>
#include <stdio.h>

#include "central-server.h"

static gboolean
quit_cb (gpointer loop)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

static gboolean
parse_seed_file (const char  *path,
                 guint8       seed[32],
                 GError     **error)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, error))
    return FALSE;
  g_strstrip (text);
  for (guint i = 0; i < 32 && strlen (text) == 64; i++)
    {
      int hi = g_ascii_xdigit_value (text[2 * i]), lo = g_ascii_xdigit_value (text[2 * i + 1]);

      if (hi < 0 || lo < 0)
        break;
      seed[i] = (guint8) (hi * 16 + lo);
      if (i == 31)
        return TRUE;
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: expected 64 hex digits (a 32-byte seed)", path);
  return FALSE;
}

/* "route=events,kind=status,status=503,retry_after=1,count=2" */
static gboolean
add_fault_spec (Central     *c,
                const char  *spec,
                GError     **error)
{
  g_auto(GStrv) pairs = g_strsplit (spec, ",", -1);
  g_autoptr(JsonObject) obj = json_object_new ();

  for (guint i = 0; pairs[i]; i++)
    {
      g_auto(GStrv) kv = g_strsplit (pairs[i], "=", 2);
      gint64 number;
      char *end = NULL;

      if (g_strv_length (kv) != 2)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "--fault: “%s” is not KEY=VALUE", pairs[i]);
          return FALSE;
        }
      number = g_ascii_strtoll (kv[1], &end, 10);
      if (end != kv[1] && *end == '\0')
        json_object_set_int_member (obj, kv[0], number);
      else
        json_object_set_string_member (obj, kv[0], kv[1]);
    }
  return central_control_add_fault (c, obj, error);
}

/* A day at a demo station: mostly paid orders, and a few the platform
 * changed on its own, so every case shows up after the first sync. */
static gboolean
seed_demo (Central  *c,
           guint32   station_id,
           GError  **error)
{
  gint64 first;

  if (!central_store_seed_orders (c, station_id, 60, &first, error))
    return FALSE;
  return central_order_cancel (c, first + 3, error) &&
         central_order_cancel (c, first + 17, error) &&
         central_order_refund (c, first + 8, error) &&
         central_order_collect_all (c, first + 11, error) &&
         central_order_touch (c, first + 20, error);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— reference central platform for Tihuo");
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GInetAddress) loopback = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *token = NULL;
  g_autofree char *key_seed_file = NULL;
  g_autofree char *import_file = NULL;
  g_auto(GStrv) extra_stations = NULL;
  g_auto(GStrv) faults = NULL;
  gint64 station = -1, kid = 1, seed_orders = 0, port = 0, page_delay = 0, max_batch = 200;
  gboolean demo = FALSE;
  Central c = { 0 };
  GSList *uris;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, "The platform's SQLite file (created when missing)", "FILE" },
    { "port", 0, 0, G_OPTION_ARG_INT64, &port, "Port on 127.0.0.1; 0 picks a free one (default)", "N" },
    { "station", 0, 0, G_OPTION_ARG_INT64, &station, "A station to serve", "ID" },
    { "token", 0, 0, G_OPTION_ARG_STRING, &token, "That station's bearer token", "TOKEN" },
    { "add-station", 0, 0, G_OPTION_ARG_STRING_ARRAY, &extra_stations, "Another station", "ID:TOKEN" },
    { "seed-orders", 0, 0, G_OPTION_ARG_INT64, &seed_orders, "Add N paid orders for --station", "N" },
    { "seed-demo", 0, 0, G_OPTION_ARG_NONE, &demo, "Add a demo day of orders for --station", NULL },
    { "import-orders", 0, 0, G_OPTION_ARG_FILENAME, &import_file, "Add the orders of a JSON array of ORDER", "FILE" },
    { "kid", 0, 0, G_OPTION_ARG_INT64, &kid, "Signing key id (default 1)", "N" },
    { "key-seed-file", 0, 0, G_OPTION_ARG_FILENAME, &key_seed_file, "Signing key seed, 64 hex digits", "FILE" },
    { "fault", 0, 0, G_OPTION_ARG_STRING_ARRAY, &faults, "Queue a fault, e.g. route=events,kind=status,status=503", "SPEC" },
    { "page-delay-ms", 0, 0, G_OPTION_ARG_INT64, &page_delay, "Delay every orders page", "MS" },
    { "max-batch", 0, 0, G_OPTION_ARG_INT64, &max_batch, "Answer 413 to larger batches (default 200)", "N" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || db_path == NULL ||
      (station >= 0) != (token != NULL) || station > G_MAXUINT32 || port < 0 || port > 65535)
    {
      g_printerr ("tihuo-central-dev: %s\n", error ? error->message : "need --db FILE, and --station with --token");
      return 2;
    }
  if (sodium_init () < 0)
    return 2;

  c.faults = g_queue_new ();
  c.page_delay_ms = (guint) page_delay;
  c.max_batch = (guint) max_batch;
  if (!central_store_open (&c, db_path, &error))
    goto fail;
  if (key_seed_file != NULL)
    {
      guint8 seed[32];

      if (!parse_seed_file (key_seed_file, seed, &error) || !central_store_set_key (&c, (guint32) kid, seed, &error))
        goto fail;
    }
  else if (!central_store_set_key (&c, (guint32) kid, NULL, &error))
    goto fail;
  if (station >= 0 && !central_store_add_station (&c, (guint32) station, token, &error))
    goto fail;
  for (guint i = 0; extra_stations && extra_stations[i]; i++)
    {
      g_auto(GStrv) parts = g_strsplit (extra_stations[i], ":", 2);
      guint64 id;

      if (g_strv_length (parts) != 2 || !g_ascii_string_to_unsigned (parts[0], 10, 0, G_MAXUINT32, &id, NULL))
        {
          g_printerr ("tihuo-central-dev: --add-station takes ID:TOKEN\n");
          return 2;
        }
      if (!central_store_add_station (&c, (guint32) id, parts[1], &error))
        goto fail;
    }
  if (station >= 0 && seed_orders > 0 && !central_store_seed_orders (&c, (guint32) station, (guint) seed_orders, NULL, &error))
    goto fail;
  if (station >= 0 && demo && !seed_demo (&c, (guint32) station, &error))
    goto fail;
  if (import_file != NULL && !central_store_import_orders (&c, import_file, &error))
    goto fail;
  for (guint i = 0; faults && faults[i]; i++)
    if (!add_fault_spec (&c, faults[i], &error))
      goto fail;

  c.soup = soup_server_new ("server-header", "tihuo-central-dev", NULL);
  central_api_register (&c);
  central_control_register (&c);
  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_socket_address_new (loopback, (guint16) port);
  if (!soup_server_listen (c.soup, address, 0, &error))
    goto fail;
  uris = soup_server_get_uris (c.soup);
  c.port = (guint) g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  /* The parent reads this line; nothing else goes to stdout. */
  printf ("%u\n", c.port);
  fflush (stdout);
  g_printerr ("tihuo-central-dev: http://127.0.0.1:%u/api (database %s)\n", c.port, db_path);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_main_loop_run (loop);

  soup_server_disconnect (c.soup);
  g_object_unref (c.soup);
  g_queue_free_full (c.faults, (GDestroyNotify) central_fault_free);
  sqlite3_close (c.db);
  return 0;

fail:
  g_printerr ("tihuo-central-dev: %s\n", error->message);
  return 2;
}
