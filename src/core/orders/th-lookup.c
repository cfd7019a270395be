/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "th-error.h"
#include "th-lookup.h"
#include "th-order-store.h"
#include "th-time.h"

#define HAS_OPEN_LINES \
  "EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id AND l.collected_qty + l.refunded_qty < l.qty)"

/* Slots are local wall-clock times, so distance is measured in local time. */
#define SLOT_DISTANCE \
  "abs (julianday (o.slot_date || ' ' || o.slot_start) - julianday (?2))"

static GPtrArray *
collect_ids (ThDb          *db,
             sqlite3_stmt  *stmt,
             GError       **error)
{
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func ((GDestroyNotify) th_order_unref);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  /* Gather ids first: loading an order uses other cached statements. */
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      th_db_set_error (db, error, "searching orders");
      return NULL;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      ThOrder *order = th_order_store_load (db, g_array_index (ids, gint64, i), error);
      if (order == NULL)
        return NULL;
      g_ptr_array_add (orders, order);
    }
  return g_steal_pointer (&orders);
}

GPtrArray *
th_lookup_phone_tail (ThDb        *db,
                      const char  *tail,
                      gint64       now,
                      GError     **error)
{
  g_autofree char *local_now = th_time_format_local (now, "%Y-%m-%d %H:%M");
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TH_IS_DB (db), NULL);
  g_return_val_if_fail (tail != NULL, NULL);

  if (strlen (tail) != 4 || !g_ascii_isdigit (tail[0]) || !g_ascii_isdigit (tail[1]) ||
      !g_ascii_isdigit (tail[2]) || !g_ascii_isdigit (tail[3]))
    {
      g_set_error (error, TH_ERROR, TH_ERROR_INVALID,
                   _("A phone tail is the last 4 digits of the phone number, like 1234."));
      return NULL;
    }

  if (!(stmt = th_db_prepare (db,
                              "SELECT o.id FROM orders o WHERE o.phone_tail = ?1 AND o.status = 'paid' "
                              "AND " HAS_OPEN_LINES " ORDER BY " SLOT_DISTANCE ", o.slot_date, o.slot_start, o.id",
                              error)))
    return NULL;
  sqlite3_bind_text (stmt, 1, tail, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, local_now, -1, SQLITE_STATIC);
  return collect_ids (db, stmt, error);
}

static char *
escape_like (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (s, '\\');
      g_string_append_c (s, *p);
    }
  return g_string_free (s, FALSE);
}

GPtrArray *
th_lookup_name (ThDb        *db,
                const char  *fragment,
                gint64       now,
                guint        limit,
                GError     **error)
{
  g_autofree char *local_now = th_time_format_local (now, "%Y-%m-%d %H:%M");
  g_autofree char *clean = NULL;
  g_autofree char *pattern = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TH_IS_DB (db), NULL);
  g_return_val_if_fail (fragment != NULL, NULL);

  clean = g_strstrip (g_strdup (fragment));
  if (clean[0] == '\0' || !g_utf8_validate (clean, -1, NULL))
    {
      g_set_error (error, TH_ERROR, TH_ERROR_INVALID, _("Type part of the customer's name to search."));
      return NULL;
    }
  pattern = escape_like (clean);

  if (!(stmt = th_db_prepare (db,
                              "SELECT o.id FROM orders o WHERE o.customer_name LIKE '%' || ?1 || '%' ESCAPE '\\' "
                              "ORDER BY (o.status = 'paid' AND " HAS_OPEN_LINES ") DESC, " SLOT_DISTANCE ", o.id "
                              "LIMIT ?3", error)))
    return NULL;
  sqlite3_bind_text (stmt, 1, pattern, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, local_now, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, limit ? limit : 50);
  return collect_ids (db, stmt, error);
}
