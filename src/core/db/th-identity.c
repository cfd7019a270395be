/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include <json-glib/json-glib.h>

#include "th-audit.h"
#include "th-db-private.h"
#include "th-error.h"
#include "th-identity.h"
#include "th-time.h"

static gboolean
count_orders (ThDb    *db,
              gint64  *count,
              GError **error)
{
  sqlite3_stmt *stmt = th_db_prepare (db, "SELECT count(*) FROM orders", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  *count = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || th_db_set_error (db, error, "counting orders");
}

/**
 * th_identity_setup:
 *
 * Sets the station id and this terminal's name. The terminal may be renamed
 * at any time; the station id only while the database holds no orders, since
 * every order and signed code is bound to it.
 */
gboolean
th_identity_setup (ThDb        *db,
                  guint32      station_id,
                  const char  *terminal,
                  GError     **error)
{
  g_autofree char *detail = NULL;
  g_autofree char *old_terminal = NULL;
  g_autofree char *clean = NULL;
  guint32 old_station = 0;
  gboolean had_station;
  sqlite3_stmt *stmt;
  gint64 orders;
  int rc;

  g_return_val_if_fail (TH_IS_DB (db), FALSE);
  g_return_val_if_fail (terminal != NULL, FALSE);

  clean = g_strstrip (g_strdup (terminal));
  if (!g_utf8_validate (clean, -1, NULL) || clean[0] == '\0' ||
      g_utf8_strlen (clean, -1) > TH_TERMINAL_MAX_CHARS)
    {
      g_set_error (error, TH_ERROR, TH_ERROR_INVALID,
                   _("The terminal name must be 1 to %d characters, for example “counter-1”."),
                   TH_TERMINAL_MAX_CHARS);
      return FALSE;
    }

  if (!th_db_begin_immediate (db, error))
    return FALSE;

  had_station = th_identity_get (db, &old_station, &old_terminal, NULL);
  if (had_station && old_station != station_id)
    {
      if (!count_orders (db, &orders, error))
        goto fail;
      if (orders > 0)
        {
          g_set_error (error, TH_ERROR, TH_ERROR_REFUSED,
                       _("This database belongs to station %u and holds its orders; it cannot "
                         "become station %u. Use a new database file for the other station."),
                       old_station, station_id);
          goto fail;
        }
    }

  if (!(stmt = th_db_prepare (db,
                              "INSERT INTO station (singleton, station_id, terminal, created_at) VALUES (1, ?1, ?2, ?3) "
                              "ON CONFLICT (singleton) DO UPDATE SET station_id = ?1, terminal = ?2", error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, station_id);
  sqlite3_bind_text (stmt, 2, clean, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, th_time_now ());
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      th_db_set_error (db, error, "saving the station");
      goto fail;
    }

  {
    g_autoptr(JsonBuilder) b = json_builder_new ();
    g_autoptr(JsonNode) node = NULL;

    json_builder_begin_object (b);
    json_builder_set_member_name (b, "station_id");
    json_builder_add_int_value (b, station_id);
    json_builder_set_member_name (b, "terminal");
    json_builder_add_string_value (b, clean);
    if (had_station)
      {
        json_builder_set_member_name (b, "previous_terminal");
        json_builder_add_string_value (b, old_terminal);
      }
    json_builder_end_object (b);
    node = json_builder_get_root (b);
    detail = json_to_string (node, FALSE);
  }
  if (!th_audit_append (db, th_time_now (), "", "station_setup", "station", detail, error))
    goto fail;

  if (!th_db_commit (db, error))
    return FALSE;
  /* From now on a missing or empty file here is a loss, not a new station. */
  _th_db_mark_station (db);
  return TRUE;

fail:
  th_db_rollback (db);
  return FALSE;
}

gboolean
th_identity_get (ThDb       *db,
                guint32    *station_id,
                char      **terminal,
                GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TH_IS_DB (db), FALSE);

  if (!(stmt = th_db_prepare (db, "SELECT station_id, terminal FROM station WHERE singleton = 1", error)))
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (station_id)
        *station_id = (guint32) sqlite3_column_int64 (stmt, 0);
      if (terminal)
        *terminal = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    {
      g_set_error (error, TH_ERROR, TH_ERROR_NOT_INITIALISED,
                   _("This station is not set up yet. Run “tihuo-cli init --station ID --terminal NAME” "
                     "or start the Tihuo app to set it up."));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return th_db_set_error (db, error, "reading the station");
  return TRUE;
}

gboolean
th_identity_is_set_up (ThDb *db)
{
  return th_identity_get (db, NULL, NULL, NULL);
}
