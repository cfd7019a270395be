/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The reference platform's SQLite file: stations and their tokens, the
 * signing key, orders (kept as their ORDER JSON, with a change sequence that
 * the cursor walks) and every event received. */
#include "config.h"

#include <sodium.h>

#include "central-server.h"
#include "th-time.h"

static const char schema[] =
  "PRAGMA journal_mode = WAL;"
  "PRAGMA synchronous = NORMAL;"
  "CREATE TABLE IF NOT EXISTS stations (station_id INTEGER PRIMARY KEY, token TEXT NOT NULL UNIQUE);"
  "CREATE TABLE IF NOT EXISTS signing_keys (kid INTEGER PRIMARY KEY, seed BLOB NOT NULL,"
  "  not_before INTEGER NOT NULL, not_after INTEGER NOT NULL);"
  "CREATE TABLE IF NOT EXISTS orders (id INTEGER PRIMARY KEY, station_id INTEGER NOT NULL,"
  "  seq INTEGER NOT NULL UNIQUE, body TEXT NOT NULL);"
  "CREATE INDEX IF NOT EXISTS orders_by_station ON orders (station_id, seq);"
  "CREATE TABLE IF NOT EXISTS events (id TEXT PRIMARY KEY, station_id INTEGER NOT NULL,"
  "  canonical TEXT NOT NULL, status TEXT NOT NULL, reason TEXT NOT NULL DEFAULT '',"
  "  order_id INTEGER, applied TEXT, received_at INTEGER NOT NULL, receipts INTEGER NOT NULL DEFAULT 1);";

gboolean
central_store_exec (Central     *c,
                    const char  *sql,
                    GError     **error)
{
  char *message = NULL;

  if (sqlite3_exec (c->db, sql, NULL, NULL, &message) == SQLITE_OK)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "central store: %s", message);
  sqlite3_free (message);
  return FALSE;
}

static gint64
query_int (Central    *c,
           const char *sql,
           gint64      arg)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  if (sqlite3_prepare_v2 (c->db, sql, -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, arg);
      if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
        value = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_finalize (stmt);
  return value;
}

gboolean
central_store_open (Central     *c,
                    const char  *path,
                    GError     **error)
{
  if (sqlite3_open (path, &c->db) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot open %s: %s", path, sqlite3_errmsg (c->db));
      return FALSE;
    }
  sqlite3_busy_timeout (c->db, 5000);
  return central_store_exec (c, schema, error);
}

static gboolean
step_stmt (Central       *c,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_finalize (stmt);
  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "central store: %s", sqlite3_errmsg (c->db));
  return FALSE;
}

gboolean
central_store_add_station (Central     *c,
                           guint32      station_id,
                           const char  *token,
                           GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  sqlite3_prepare_v2 (c->db, "INSERT OR REPLACE INTO stations (station_id, token) VALUES (?, ?)", -1, &stmt, NULL);
  sqlite3_bind_int64 (stmt, 1, station_id);
  sqlite3_bind_text (stmt, 2, token, -1, SQLITE_TRANSIENT);
  return step_stmt (c, stmt, error);
}

gint64
central_store_station_for_token (Central    *c,
                                 const char *token)
{
  sqlite3_stmt *stmt = NULL;
  gint64 station = -1;

  sqlite3_prepare_v2 (c->db, "SELECT station_id FROM stations WHERE token = ?", -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, token, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    station = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return station;
}

/* With @seed NULL: keep the stored key, or make a random one on first use. */
gboolean
central_store_set_key (Central       *c,
                       guint32        kid,
                       const guint8   seed[32],
                       GError       **error)
{
  guint8 fresh[32], pk[32];
  sqlite3_stmt *stmt = NULL;
  gint64 now = th_time_now ();

  if (seed == NULL)
    {
      sqlite3_prepare_v2 (c->db, "SELECT kid, seed FROM signing_keys ORDER BY kid DESC LIMIT 1", -1, &stmt, NULL);
      if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_bytes (stmt, 1) == 32)
        {
          c->kid = (guint32) sqlite3_column_int64 (stmt, 0);
          crypto_sign_seed_keypair (pk, c->secret_key, sqlite3_column_blob (stmt, 1));
          sqlite3_finalize (stmt);
          return TRUE;
        }
      sqlite3_finalize (stmt);
      randombytes_buf (fresh, sizeof fresh);
      seed = fresh;
    }

  c->kid = kid;
  crypto_sign_seed_keypair (pk, c->secret_key, seed);
  if (!central_store_exec (c, "DELETE FROM signing_keys", error))
    return FALSE;
  sqlite3_prepare_v2 (c->db, "INSERT INTO signing_keys (kid, seed, not_before, not_after) VALUES (?, ?, ?, ?)",
                      -1, &stmt, NULL);
  sqlite3_bind_int64 (stmt, 1, kid);
  sqlite3_bind_blob (stmt, 2, seed, 32, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, now - 86400);
  sqlite3_bind_int64 (stmt, 4, now + 365 * 86400);
  return step_stmt (c, stmt, error);
}

char *
central_store_keys_json (Central *c)
{
  g_autoptr(GString) out = g_string_new ("{\"keys\":[");
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  sqlite3_prepare_v2 (c->db, "SELECT kid, seed, not_before, not_after FROM signing_keys ORDER BY kid", -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      guint8 pk[32], sk[64];
      g_autofree char *b64 = NULL;
      g_autofree char *nb = th_time_format_rfc3339 (sqlite3_column_int64 (stmt, 2));
      g_autofree char *na = th_time_format_rfc3339 (sqlite3_column_int64 (stmt, 3));

      crypto_sign_seed_keypair (pk, sk, sqlite3_column_blob (stmt, 1));
      b64 = g_base64_encode (pk, sizeof pk);
      g_string_append_printf (out, "%s{\"kid\":%" G_GINT64_FORMAT ",\"alg\":\"Ed25519\",\"public_key\":\"%s\","
                              "\"not_before\":\"%s\",\"not_after\":\"%s\"}",
                              n++ ? "," : "", (gint64) sqlite3_column_int64 (stmt, 0), b64, nb, na);
    }
  sqlite3_finalize (stmt);
  g_string_append (out, "]}");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
object_to_string (JsonObject *obj)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, obj);
  return json_to_string (node, FALSE);
}

/* Writes @order with the next change sequence, so cursors see it again. */
gboolean
central_store_save_order (Central     *c,
                          gint64       id,
                          JsonObject  *order,
                          GError     **error)
{
  g_autofree char *body = object_to_string (order);
  gint64 seq = query_int (c, "SELECT coalesce (max (seq), 0) + ? FROM orders", 1);
  sqlite3_stmt *stmt = NULL;

  sqlite3_prepare_v2 (c->db,
                      "INSERT INTO orders (id, station_id, seq, body) VALUES (?1, ?2, ?3, ?4) "
                      "ON CONFLICT (id) DO UPDATE SET seq = ?3, body = ?4", -1, &stmt, NULL);
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, json_object_get_int_member (order, "station_id"));
  sqlite3_bind_int64 (stmt, 3, seq);
  sqlite3_bind_text (stmt, 4, body, -1, SQLITE_TRANSIENT);
  return step_stmt (c, stmt, error);
}

JsonObject *
central_store_load_order (Central *c,
                          gint64   id,
                          guint32  station_id)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  sqlite3_stmt *stmt = NULL;
  JsonObject *order = NULL;

  sqlite3_prepare_v2 (c->db, "SELECT body FROM orders WHERE id = ? AND station_id = ?", -1, &stmt, NULL);
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, station_id);
  if (sqlite3_step (stmt) == SQLITE_ROW &&
      json_parser_load_from_data (parser, (const char *) sqlite3_column_text (stmt, 0), -1, NULL))
    order = json_object_ref (json_node_get_object (json_parser_get_root (parser)));
  sqlite3_finalize (stmt);
  return order;
}

/* The page after change @after_seq: the bodies are stored as JSON text, so a
 * page is a concatenation, as fast as a real platform's cache would be. */
char *
central_store_orders_page (Central *c,
                           guint32  station_id,
                           gint64   after_seq,
                           guint    limit)
{
  g_autoptr(GString) out = g_string_sized_new (limit * 700 + 64);
  sqlite3_stmt *stmt = NULL;
  gint64 last = after_seq;
  guint n = 0;
  gboolean more = FALSE;

  g_string_append (out, "{\"orders\":[");
  sqlite3_prepare_v2 (c->db, "SELECT seq, body FROM orders WHERE station_id = ? AND seq > ? ORDER BY seq LIMIT ?",
                      -1, &stmt, NULL);
  sqlite3_bind_int64 (stmt, 1, station_id);
  sqlite3_bind_int64 (stmt, 2, after_seq);
  sqlite3_bind_int64 (stmt, 3, (gint64) limit + 1);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (n == limit)
        {
          more = TRUE;
          break;
        }
      if (n++)
        g_string_append_c (out, ',');
      g_string_append_len (out, (const char *) sqlite3_column_text (stmt, 1), sqlite3_column_bytes (stmt, 1));
      last = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_finalize (stmt);
  g_string_append_printf (out, "],\"next_cursor\":\"v1.%" G_GINT64_FORMAT "\",\"has_more\":%s}",
                          last, more ? "true" : "false");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
central_store_dump_orders (Central *c,
                           guint32  station_id)
{
  g_autoptr(GString) out = g_string_new ("[");
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  sqlite3_prepare_v2 (c->db, "SELECT body FROM orders WHERE station_id = ? ORDER BY id", -1, &stmt, NULL);
  sqlite3_bind_int64 (stmt, 1, station_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (n++)
        g_string_append_c (out, ',');
      g_string_append (out, (const char *) sqlite3_column_text (stmt, 0));
    }
  sqlite3_finalize (stmt);
  g_string_append_c (out, ']');
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* @n distinct orders of the station, picked at random. */
GArray *
central_store_random_orders (Central *c,
                             guint32  station_id,
                             guint    n)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = NULL;

  sqlite3_prepare_v2 (c->db, "SELECT id FROM orders WHERE station_id = ? ORDER BY random () LIMIT ?", -1, &stmt, NULL);
  sqlite3_bind_int64 (stmt, 1, station_id);
  sqlite3_bind_int64 (stmt, 2, n);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);
  return ids;
}
