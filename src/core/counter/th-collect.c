/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Handing over: the collection rows, the line counters, an audit entry and
 * the outbox event are written in one IMMEDIATE transaction, after verifying
 * again under the write lock, so two terminals can never both hand over the
 * same bag. */
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "th-audit.h"
#include "th-collect.h"
#include "th-error.h"
#include "th-json.h"
#include "th-order-store.h"
#include "th-outbox.h"
#include "th-identity.h"

static const char * const method_names[] = { "qr", "code", "phone", "manual" };

const char *
th_collect_method_to_string (ThCollectMethod method)
{
  g_return_val_if_fail (method <= TH_COLLECT_METHOD_MANUAL, "manual");
  return method_names[method];
}

static JsonNode *
lines_to_json (GArray *lines)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < lines->len; i++)
    {
      ThLineQty *l = &g_array_index (lines, ThLineQty, i);
      JsonObject *obj = json_object_new ();

      json_object_set_int_member (obj, "line", l->line);
      json_object_set_int_member (obj, "qty", l->qty);
      json_array_add_object_element (array, obj);
    }
  json_node_take_array (node, array);
  return node;
}

/* Which lines to hand over: all that remain, or the chosen ones, each within
 * what remains. */
static GArray *
choose_lines (ThVerification   *v,
              const ThLineQty  *lines,
              guint             n_lines,
              GError          **error)
{
  g_autoptr(GArray) chosen = g_array_new (FALSE, FALSE, sizeof (ThLineQty));

  if (n_lines == 0)
    {
      g_array_append_vals (chosen, v->remaining->data, v->remaining->len);
      return g_steal_pointer (&chosen);
    }

  for (guint i = 0; i < n_lines; i++)
    {
      ThOrderLine *line = th_order_get_line (v->order, lines[i].line);
      guint remaining;

      if (line == NULL)
        {
          g_set_error (error, TH_ERROR, TH_ERROR_REFUSED,
                       _("Order %" PRId64 " has no line %u."), v->order_id, lines[i].line);
          return NULL;
        }
      for (guint j = 0; j < i; j++)
        if (lines[j].line == lines[i].line)
          {
            g_set_error (error, TH_ERROR, TH_ERROR_REFUSED,
                         _("Line %u is listed twice."), lines[i].line);
            return NULL;
          }
      remaining = th_order_line_remaining (line);
      if (lines[i].qty == 0 || lines[i].qty > remaining)
        {
          g_set_error (error, TH_ERROR, TH_ERROR_REFUSED,
                       _("Line %u (%s): %u asked, but %u remain to hand over."),
                       line->line, line->name, lines[i].qty, remaining);
          return NULL;
        }
      g_array_append_val (chosen, lines[i]);
    }
  return g_steal_pointer (&chosen);
}

static gboolean
insert_provisional_order (ThDb     *db,
                          gint64    order_id,
                          GError  **error)
{
  sqlite3_stmt *stmt;
  guint32 station_id;
  int rc;

  if (!th_identity_get (db, &station_id, NULL, error))
    return FALSE;
  if (!(stmt = th_db_prepare (db,
                              "INSERT OR IGNORE INTO orders (id, station_id, status, paid, revision, provisional) "
                              "VALUES (?, ?, 'paid', 0, 0, 1)", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, order_id);
  sqlite3_bind_int64 (stmt, 2, station_id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || th_db_set_error (db, error, "recording a provisional order");
}

static gboolean
count_lines (ThDb     *db,
             gint64    order_id,
             GArray   *lines,
             GError  **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = th_db_prepare (db,
                              "UPDATE order_lines SET collected_qty = collected_qty + ?3 "
                              "WHERE order_id = ?1 AND line = ?2 AND collected_qty + refunded_qty + ?3 <= qty",
                              error)))
    return FALSE;
  for (guint i = 0; i < lines->len; i++)
    {
      ThLineQty *l = &g_array_index (lines, ThLineQty, i);
      int rc;

      sqlite3_bind_int64 (stmt, 1, order_id);
      sqlite3_bind_int64 (stmt, 2, l->line);
      sqlite3_bind_int64 (stmt, 3, l->qty);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return th_db_set_error (db, error, "counting a collected line");
      if (sqlite3_changes (th_db_get_handle (db)) != 1)
        {
          /* Cannot happen under the write lock; refuse rather than over-count. */
          g_set_error (error, TH_ERROR, TH_ERROR_REFUSED,
                       _("Line %u changed while handing over. Scan again."), l->line);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
record_collection (ThDb            *db,
                   ThVerification  *v,
                   GArray          *lines,
                   ThCollectMethod  method,
                   const char      *staff,
                   gint64           now,
                   GError         **error)
{
  g_autofree char *terminal = NULL;
  g_autofree char *data_text = NULL;
  g_autofree char *audit_text = NULL;
  g_autofree char *subject = g_strdup_printf ("order:%" G_GINT64_FORMAT, v->order_id);
  g_autofree char *id = NULL;
  JsonObject *data = json_object_new ();
  JsonNode *data_node = json_node_new (JSON_NODE_OBJECT);
  sqlite3_stmt *stmt;
  int rc;

  json_object_set_member (data, "lines", lines_to_json (lines));
  json_object_set_string_member (data, "method", th_collect_method_to_string (method));
  json_object_set_boolean_member (data, "provisional", v->provisional);
  json_node_take_object (data_node, data);
  data_text = th_json_to_string (data_node);

  if (!th_outbox_add (db, "collected", v->order_id, now, staff, data_node, &id, error))
    return FALSE;
  if (!th_identity_get (db, NULL, &terminal, error))
    return FALSE;

  if (!(stmt = th_db_prepare (db,
                              "INSERT INTO collections (id, order_id, at, terminal, staff, method, provisional) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?)", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, v->order_id);
  sqlite3_bind_int64 (stmt, 3, now);
  sqlite3_bind_text (stmt, 4, terminal, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, staff, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, th_collect_method_to_string (method), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 7, v->provisional);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return th_db_set_error (db, error, "recording a collection");

  if (!(stmt = th_db_prepare (db,
                              "INSERT INTO collection_lines (collection_id, line, qty) VALUES (?, ?, ?)", error)))
    return FALSE;
  for (guint i = 0; i < lines->len; i++)
    {
      ThLineQty *l = &g_array_index (lines, ThLineQty, i);

      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, l->line);
      sqlite3_bind_int64 (stmt, 3, l->qty);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return th_db_set_error (db, error, "recording a collected line");
    }

  /* The id is a UUID and data_text is JSON we just generated. */
  audit_text = g_strdup_printf ("{\"collection_id\":\"%s\",\"event\":%s}", id, data_text);
  if (!th_audit_append (db, now, staff, "collected", subject, audit_text, error))
    return FALSE;

  v->collection_id = g_steal_pointer (&id);
  return TRUE;
}

/* Reload after commit, so the caller sees what is left. */
static void
refresh (ThDb           *db,
         ThVerification *v)
{
  g_autoptr(ThOrder) order = th_order_store_load (db, v->order_id, NULL);

  if (order == NULL)
    return;
  g_clear_pointer (&v->order, th_order_unref);
  v->order = g_steal_pointer (&order);
  g_array_set_size (v->remaining, 0);
  for (guint i = 0; i < v->order->lines->len; i++)
    {
      ThOrderLine *l = &g_array_index (v->order->lines, ThOrderLine, i);
      ThLineQty r = { l->line, th_order_line_remaining (l) };
      if (r.qty > 0)
        g_array_append_val (v->remaining, r);
    }
}

static ThVerification *
collect (ThDb             *db,
         const char       *text,
         gint64            order_id,
         const ThLineQty  *lines,
         guint             n_lines,
         ThCollectMethod   method,
         const char       *staff,
         gint64            now,
         GError          **error)
{
  g_autoptr(ThVerification) v = NULL;
  g_autoptr(GArray) chosen = NULL;

  if (staff == NULL)
    staff = "";

  if (!th_db_begin_immediate (db, error))
    return NULL;

  v = text ? th_verifier_verify_code (db, text, now, error)
           : th_verifier_verify_order (db, order_id, error);
  if (v == NULL)
    goto fail;
  if (text)
    method = v->kind == TH_PICKUP_CODE_SIGNED ? TH_COLLECT_METHOD_QR : TH_COLLECT_METHOD_CODE;

  if (v->verdict != TH_VERDICT_OK)
    {
      th_db_rollback (db);
      return g_steal_pointer (&v);
    }

  if (v->provisional)
    {
      /* The lines are unknown until the order is synced: the whole bag
       * labelled with this order is handed over. */
      if (n_lines > 0)
        {
          g_set_error (error, TH_ERROR, TH_ERROR_REFUSED,
                       _("Order %" PRId64 " is not in this station's copy yet, so its lines are "
                         "unknown. Hand over the whole bag, or sync first for a partial pickup."),
                       v->order_id);
          goto fail;
        }
      chosen = g_array_new (FALSE, FALSE, sizeof (ThLineQty));
      if (v->order == NULL && !insert_provisional_order (db, v->order_id, error))
        goto fail;
    }
  else
    {
      if (!(chosen = choose_lines (v, lines, n_lines, error)) ||
          !count_lines (db, v->order_id, chosen, error))
        goto fail;
    }

  if (!record_collection (db, v, chosen, method, staff, now, error) ||
      !th_db_commit (db, error))
    goto fail;

  v->collected = g_steal_pointer (&chosen);
  refresh (db, v);
  return g_steal_pointer (&v);

fail:
  th_db_rollback (db);
  return NULL;
}

/**
 * th_collect_code:
 *
 * Verifies @text and, when the verdict is ok, hands over @lines (all that
 * remain when @n_lines is 0).
 *
 * Returns: (transfer full): the verification, with `collection_id` set when
 *   something was handed over; %NULL with @error set when the database failed
 *   or the chosen lines were refused
 */
ThVerification *
th_collect_code (ThDb             *db,
                 const char       *text,
                 const ThLineQty  *lines,
                 guint             n_lines,
                 const char       *staff,
                 gint64            now,
                 GError          **error)
{
  g_return_val_if_fail (TH_IS_DB (db), NULL);
  g_return_val_if_fail (text != NULL, NULL);
  return collect (db, text, -1, lines, n_lines, TH_COLLECT_METHOD_CODE, staff, now, error);
}

ThVerification *
th_collect_order (ThDb             *db,
                  gint64            order_id,
                  const ThLineQty  *lines,
                  guint             n_lines,
                  ThCollectMethod   method,
                  const char       *staff,
                  gint64            now,
                  GError          **error)
{
  g_return_val_if_fail (TH_IS_DB (db), NULL);
  return collect (db, NULL, order_id, lines, n_lines, method, staff, now, error);
}
