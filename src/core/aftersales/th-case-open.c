/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Opening an after-sales case, from an order or for a walk-in complaint. */
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "th-case-private.h"
#include "th-error.h"
#include "th-json.h"
#include "th-order-store.h"
#include "th-outbox.h"
#include "th-staff.h"
#include "th-identity.h"

/* Outside the transaction: file I/O must not hold the write lock. A photo
 * given twice is kept once. */
static GArray *
import_photos (const ThCaseRequest  *request,
               const char           *photo_dir,
               GError              **error)
{
  g_autoptr(GArray) photos = g_array_new (FALSE, TRUE, sizeof (ThCasePhoto));
  guint n = request->photo_paths ? g_strv_length ((char **) request->photo_paths) : 0;

  if (n > TH_CASE_MAX_PHOTOS)
    {
      g_set_error (error, TH_ERROR, TH_ERROR_INVALID,
                   _("A case can have at most %d photos; %u were given. Leave some out."), TH_CASE_MAX_PHOTOS, n);
      return NULL;
    }
  for (guint i = 0; i < n; i++)
    {
      ThCasePhoto photo;
      gboolean seen = FALSE;

      if (!th_case_import_photo (photo_dir, request->photo_paths[i], &photo, error))
        return NULL;
      for (guint j = 0; j < photos->len; j++)
        seen |= g_str_equal (g_array_index (photos, ThCasePhoto, j).sha256, photo.sha256);
      if (!seen)
        g_array_append_val (photos, photo);
    }
  return g_steal_pointer (&photos);
}

/* The affected lines, checked against the order and copied with SKU and
 * name for the ledger. */
static GArray *
choose_lines (ThDb                 *db,
              const ThCaseRequest  *request,
              char                **customer_name,
              GError              **error)
{
  g_autoptr(GArray) lines = g_array_new (FALSE, TRUE, sizeof (ThCaseLine));

  /* Each line owns its SKU and name, here as in a ThCase. */
  g_array_set_clear_func (lines, _th_case_line_clear);
  g_autoptr(ThOrder) order = NULL;
  g_autoptr(GError) local_error = NULL;

  if (request->order_id < 0)
    {
      if (request->n_lines > 0)
        {
          g_set_error (error, TH_ERROR, TH_ERROR_INVALID, _("A walk-in complaint has no order, so no order lines."));
          return NULL;
        }
      return g_steal_pointer (&lines);
    }
  if (!(order = th_order_store_load (db, request->order_id, &local_error)))
    {
      if (g_error_matches (local_error, TH_ERROR, TH_ERROR_NOT_FOUND))
        g_set_error (error, TH_ERROR, TH_ERROR_REFUSED,
                     _("Order %" PRId64 " is not in this station's copy. Sync, or record a walk-in complaint."),
                     request->order_id);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  *customer_name = g_strdup (order->customer_name);

  for (guint i = 0; i < request->n_lines; i++)
    {
      ThOrderLine *l = th_order_get_line (order, request->lines[i].line);
      ThCaseLine cl;

      if (l == NULL)
        {
          g_set_error (error, TH_ERROR, TH_ERROR_REFUSED, _("Order %" PRId64 " has no line %u."),
                       order->id, request->lines[i].line);
          return NULL;
        }
      for (guint j = 0; j < i; j++)
        if (request->lines[j].line == l->line)
          {
            g_set_error (error, TH_ERROR, TH_ERROR_INVALID, _("Line %u is listed twice."), l->line);
            return NULL;
          }
      if (request->lines[i].qty == 0 || request->lines[i].qty > l->qty)
        {
          g_set_error (error, TH_ERROR, TH_ERROR_INVALID, _("Line %u (%s): the quantity must be 1 to %u."),
                       l->line, l->name, l->qty);
          return NULL;
        }
      cl.line = l->line;
      cl.sku = g_strdup (l->sku);
      cl.name = g_strdup (l->name);
      cl.qty = request->lines[i].qty;
      g_array_append_val (lines, cl);
    }
  return g_steal_pointer (&lines);
}

static JsonNode *
opened_data (const char          *case_id,
             const ThCaseRequest *request,
             const char          *description,
             GArray              *lines,
             GArray              *photos)
{
  JsonObject *data = json_object_new ();
  JsonArray *line_array = json_array_new ();
  JsonArray *photo_array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  for (guint i = 0; i < lines->len; i++)
    {
      ThCaseLine *l = &g_array_index (lines, ThCaseLine, i);
      JsonObject *obj = json_object_new ();

      json_object_set_int_member (obj, "line", l->line);
      json_object_set_int_member (obj, "qty", l->qty);
      json_array_add_object_element (line_array, obj);
    }
  for (guint i = 0; i < photos->len; i++)
    {
      ThCasePhoto *p = &g_array_index (photos, ThCasePhoto, i);
      JsonObject *obj = json_object_new ();

      json_object_set_string_member (obj, "sha256", p->sha256);
      json_object_set_int_member (obj, "bytes", p->bytes);
      json_array_add_object_element (photo_array, obj);
    }
  json_object_set_string_member (data, "case_id", case_id);
  json_object_set_string_member (data, "category", th_reason_to_string (request->category));
  json_object_set_array_member (data, "lines", line_array);
  json_object_set_string_member (data, "description", description);
  json_object_set_array_member (data, "photos", photo_array);
  json_node_take_object (node, data);
  return node;
}

static gboolean
insert_case (ThDb                 *db,
             const char           *id,
             const ThCaseRequest  *request,
             const char           *description,
             const char           *staff,
             GArray               *lines,
             GArray               *photos,
             gint64                now,
             GError              **error)
{
  g_autofree char *terminal = NULL;
  sqlite3_stmt *stmt;

  if (!th_identity_get (db, NULL, &terminal, error))
    return FALSE;
  if (!(stmt = th_db_prepare (db,
                              "INSERT INTO aftersales_cases (id, order_id, category, description, terminal, opened_at, opened_by) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?)", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (request->order_id >= 0)
    sqlite3_bind_int64 (stmt, 2, request->order_id);
  sqlite3_bind_text (stmt, 3, th_reason_to_string (request->category), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, description, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, terminal, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, now);
  sqlite3_bind_text (stmt, 7, staff, -1, SQLITE_STATIC);
  if (!_th_case_step_done (db, stmt, "opening a case", error))
    return FALSE;

  if (!(stmt = th_db_prepare (db, "INSERT INTO aftersales_case_lines (case_id, line, sku, name, qty) "
                                  "VALUES (?, ?, ?, ?, ?)", error)))
    return FALSE;
  for (guint i = 0; i < lines->len; i++)
    {
      ThCaseLine *l = &g_array_index (lines, ThCaseLine, i);

      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, l->line);
      sqlite3_bind_text (stmt, 3, l->sku, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, l->name, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 5, l->qty);
      if (!_th_case_step_done (db, stmt, "recording a case line", error))
        return FALSE;
    }

  if (!(stmt = th_db_prepare (db, "INSERT INTO aftersales_photos (case_id, position, sha256, bytes) VALUES (?, ?, ?, ?)",
                              error)))
    return FALSE;
  for (guint i = 0; i < photos->len; i++)
    {
      ThCasePhoto *p = &g_array_index (photos, ThCasePhoto, i);

      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, i + 1);
      sqlite3_bind_text (stmt, 3, p->sha256, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, p->bytes);
      if (!_th_case_step_done (db, stmt, "recording a case photo", error))
        return FALSE;
    }
  return TRUE;
}

ThCase *
th_case_open (ThDb                 *db,
              const ThCaseRequest  *request,
              const char           *photo_dir,
              gint64                now,
              GError              **error)
{
  g_autofree char *description = NULL;
  g_autofree char *customer_name = NULL;
  g_autofree char *id = NULL;
  g_autofree char *event_id = NULL;
  g_autofree char *data_text = NULL;
  g_autoptr(GArray) photos = NULL;
  g_autoptr(GArray) lines = NULL;
  g_autoptr(ThStaff) staff = NULL;
  JsonNode *data;

  g_return_val_if_fail (TH_IS_DB (db), NULL);
  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (photo_dir != NULL || request->photo_paths == NULL, NULL);

  if ((guint) request->category >= TH_REASON_COUNT)
    {
      g_set_error (error, TH_ERROR, TH_ERROR_INVALID, _("Choose the category of the complaint."));
      return NULL;
    }
  if (!(description = _th_case_clean_text (request->description, TRUE, TH_CASE_DESCRIPTION_MAX_CHARS,
                                           _("Describe the problem (1 to 2000 characters)."), error)) ||
      !(photos = import_photos (request, photo_dir, error)))
    return NULL;

  if (!th_db_begin_immediate (db, error))
    return NULL;
  if (!(staff = th_staff_find (db, request->staff ? request->staff : "", error)) ||
      !(lines = choose_lines (db, request, &customer_name, error)))
    goto fail;

  id = g_uuid_string_random ();
  data = opened_data (id, request, description, lines, photos);
  data_text = th_json_to_string (data);
  if (!th_outbox_add (db, "aftersales_opened", request->order_id, now, staff->name, data, &event_id, error) ||
      !insert_case (db, id, request, description, staff->name, lines, photos, now, error))
    goto fail;

  if (!_th_case_audit (db, now, staff->name, "aftersales_opened", id, event_id, data_text, error) ||
      !th_db_commit (db, error))
    goto fail;
  return th_case_load (db, id, error);

fail:
  th_db_rollback (db);
  return NULL;
}
