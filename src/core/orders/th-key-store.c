/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "th-audit.h"
#include "th-error.h"
#include "th-json.h"
#include "th-key-store.h"
#include "th-time.h"

static gboolean
insert_key (ThDb               *db,
            const ThTrustedKey *key,
            GError            **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = th_db_prepare (db,
                              "INSERT OR REPLACE INTO trusted_keys (kid, alg, public_key, not_before, not_after) "
                              "VALUES (?, 'Ed25519', ?, ?, ?)", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, key->kid);
  sqlite3_bind_blob (stmt, 2, key->public_key, 32, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, key->not_before);
  sqlite3_bind_int64 (stmt, 4, key->not_after);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return th_db_set_error (db, error, "saving a trusted key");
  return TRUE;
}

static gboolean
parse_key (JsonNode      *node,
           guint          index,
           ThTrustedKey  *key,
           GError       **error)
{
  g_auto(ThJsonReader) r = TH_JSON_READER_INIT;
  g_autofree char *alg = NULL;
  g_autofree char *b64 = NULL;
  g_autofree guchar *raw = NULL;
  JsonObject *obj;
  gsize raw_len = 0;
  gint64 v;

  r.context = g_strdup_printf (_("key %u"), index + 1);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      th_json_reader_fail (&r, NULL, _("is not a JSON object"));
      return th_json_reader_propagate (&r, error), FALSE;
    }
  obj = json_node_get_object (node);
  if (!th_json_reader_int (&r, obj, "kid", 0, G_MAXUINT32, &v))
    return th_json_reader_propagate (&r, error), FALSE;
  key->kid = (guint32) v;
  g_free (r.context);
  r.context = g_strdup_printf (_("key %u"), key->kid);

  if (!th_json_reader_string (&r, obj, "alg", TRUE, 1, 32, &alg))
    return th_json_reader_propagate (&r, error), FALSE;
  if (g_strcmp0 (alg, "Ed25519") != 0)
    {
      th_json_reader_fail (&r, "alg", _("must be “Ed25519”"));
      return th_json_reader_propagate (&r, error), FALSE;
    }
  if (!th_json_reader_string (&r, obj, "public_key", TRUE, 44, 44, &b64))
    return th_json_reader_propagate (&r, error), FALSE;
  raw = g_base64_decode (b64, &raw_len);
  if (raw_len != 32)
    {
      th_json_reader_fail (&r, "public_key", _("must be the Base64 of 32 bytes"));
      return th_json_reader_propagate (&r, error), FALSE;
    }
  memcpy (key->public_key, raw, 32);
  if (!th_json_reader_timestamp (&r, obj, "not_before", TRUE, &key->not_before, NULL) ||
      !th_json_reader_timestamp (&r, obj, "not_after", TRUE, &key->not_after, NULL))
    return th_json_reader_propagate (&r, error), FALSE;
  if (key->not_after < key->not_before)
    {
      th_json_reader_fail (&r, "not_after", _("is before not_before"));
      return th_json_reader_propagate (&r, error), FALSE;
    }
  return TRUE;
}

gboolean
th_key_store_replace_from_json (ThDb      *db,
                                JsonNode  *root,
                                guint     *n_keys,
                                GError   **error)
{
  g_autoptr(GArray) keys = g_array_new (FALSE, TRUE, sizeof (ThTrustedKey));
  g_autoptr(GString) detail = g_string_new ("{\"kids\":[");
  g_auto(ThJsonReader) r = TH_JSON_READER_INIT;
  JsonArray *array;

  g_return_val_if_fail (TH_IS_DB (db), FALSE);

  r.context = g_strdup (_("key list"));
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      !(array = th_json_reader_array (&r, json_node_get_object (root), "keys")))
    {
      if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
        th_json_reader_fail (&r, NULL, _("must be an object like {\"keys\": [...]}"));
      return th_json_reader_propagate (&r, error), FALSE;
    }

  /* Validate every key before touching the trusted set. */
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      ThTrustedKey key = { 0 };

      if (!parse_key (json_array_get_element (array, i), i, &key, error))
        return FALSE;
      for (guint j = 0; j < keys->len; j++)
        if (g_array_index (keys, ThTrustedKey, j).kid == key.kid)
          {
            g_set_error (error, TH_ERROR, TH_ERROR_INVALID, _("key %u: listed twice"), key.kid);
            return FALSE;
          }
      g_array_append_val (keys, key);
      g_string_append_printf (detail, "%s%u", i ? "," : "", key.kid);
    }
  g_string_append (detail, "]}");

  if (!th_db_begin_immediate (db, error))
    return FALSE;
  if (!th_db_exec (db, "DELETE FROM trusted_keys", error))
    goto fail;
  for (guint i = 0; i < keys->len; i++)
    if (!insert_key (db, &g_array_index (keys, ThTrustedKey, i), error))
      goto fail;
  if (!th_audit_append (db, th_time_now (), "", "keys_replaced", "trusted_keys", detail->str, error))
    goto fail;
  if (!th_db_commit (db, error))
    return FALSE;

  if (n_keys)
    *n_keys = keys->len;
  return TRUE;

fail:
  th_db_rollback (db);
  return FALSE;
}

gboolean
th_key_store_import_file (ThDb        *db,
                          const char  *path,
                          guint       *n_keys,
                          GError     **error)
{
  g_autofree char *what = g_strdup_printf (_("The key file %s"), path);
  g_autoptr(JsonNode) root = th_json_parse_file (path, what, error);

  if (root == NULL)
    return FALSE;
  return th_key_store_replace_from_json (db, root, n_keys, error);
}

gboolean
th_key_store_add (ThDb                *db,
                  const ThTrustedKey  *key,
                  GError             **error)
{
  g_autofree char *detail = g_strdup_printf ("{\"kid\":%u}", key->kid);

  if (!th_db_begin_immediate (db, error))
    return FALSE;
  if (!insert_key (db, key, error) ||
      !th_audit_append (db, th_time_now (), "", "key_added", "trusted_keys", detail, error))
    {
      th_db_rollback (db);
      return FALSE;
    }
  return th_db_commit (db, error);
}

gboolean
th_key_store_lookup (ThDb          *db,
                     guint32        kid,
                     ThTrustedKey  *key,
                     GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = th_db_prepare (db,
                              "SELECT public_key, not_before, not_after FROM trusted_keys WHERE kid = ?",
                              error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, kid);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_bytes (stmt, 0) == 32)
    {
      key->kid = kid;
      memcpy (key->public_key, sqlite3_column_blob (stmt, 0), 32);
      key->not_before = sqlite3_column_int64 (stmt, 1);
      key->not_after = sqlite3_column_int64 (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return th_db_set_error (db, error, "reading the trusted keys");
  return rc == SQLITE_ROW;
}
