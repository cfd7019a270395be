/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The after-sales workflow: each step writes the case, an audit entry and
 * its `aftersales_updated` event in one IMMEDIATE transaction. A step is a
 * conditional UPDATE on the status it started from, so two terminals
 * answering the same case cannot both move it. */
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "th-case-private.h"
#include "th-error.h"
#include "th-json.h"
#include "th-outbox.h"
#include "th-staff.h"

static gboolean
check_refund_link (ThDb      *db,
                   ThCase    *c,
                   const char *refund_id,
                   GError   **error)
{
  g_autoptr(ThRefund) refund = NULL;
  g_autoptr(GError) local_error = NULL;

  if (refund_id == NULL)
    {
      g_set_error (error, TH_ERROR, TH_ERROR_INVALID,
                   _("A case resolved by a refund needs the refund's id. Make the refund first."));
      return FALSE;
    }
  if (!(refund = th_refund_load (db, refund_id, &local_error)))
    {
      g_set_error_literal (error, TH_ERROR,
                           g_error_matches (local_error, TH_ERROR, TH_ERROR_NOT_FOUND) ? TH_ERROR_REFUSED
                                                                                      : TH_ERROR_DATABASE,
                           local_error->message);
      return FALSE;
    }
  if (c->order_id >= 0 && refund->order_id != c->order_id)
    {
      g_set_error (error, TH_ERROR, TH_ERROR_REFUSED,
                   _("Refund %s is for order %" PRId64 ", not for this case's order %" PRId64 "."),
                   refund_id, refund->order_id, c->order_id);
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_step (ThCaseStatus from,
         ThCaseStatus to)
{
  return (from == TH_CASE_OPEN && to != TH_CASE_OPEN) ||
         (from == TH_CASE_RESPONDED && (to == TH_CASE_RESOLVED || to == TH_CASE_REJECTED));
}

static JsonNode *
update_data (const char   *case_id,
             ThCaseStatus  status,
             ThResolution  resolution,
             const char   *refund_id,
             const char   *note)
{
  JsonObject *data = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (data, "case_id", case_id);
  json_object_set_string_member (data, "status", th_case_status_to_string (status));
  json_object_set_string_member (data, "resolution", th_resolution_to_string (resolution));
  json_object_set_string_member (data, "note", note);
  /* Not in the contract's table; the platform ignores unknown fields, and
   * it links the case to the `refund` event that pays it. */
  if (refund_id)
    json_object_set_string_member (data, "refund_id", refund_id);
  json_node_take_object (node, data);
  return node;
}

static gboolean
write_update (ThDb          *db,
              ThCase        *c,
              ThCaseStatus   status,
              ThResolution   resolution,
              const char    *refund_id,
              const char    *note,
              const char    *staff,
              gint64         now,
              GError       **error)
{
  gboolean closes = status == TH_CASE_RESOLVED || status == TH_CASE_REJECTED;
  g_autofree char *event_id = NULL;
  g_autofree char *data_text = NULL;
  JsonNode *data;
  sqlite3_stmt *stmt;

  if (!(stmt = th_db_prepare (db,
                              "UPDATE aftersales_cases SET status = ?1, resolution = ?2, refund_id = ?3, note = ?4, "
                              "responded_at = coalesce (responded_at, ?5), responded_by = coalesce (responded_by, ?6), "
                              "closed_at = CASE WHEN ?7 THEN ?5 END, closed_by = CASE WHEN ?7 THEN ?6 END "
                              "WHERE id = ?8 AND status = ?9", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, th_case_status_to_string (status), -1, SQLITE_STATIC);
  if (status == TH_CASE_RESOLVED)
    sqlite3_bind_text (stmt, 2, th_resolution_to_string (resolution), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, refund_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, note, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, now);
  sqlite3_bind_text (stmt, 6, staff, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 7, closes);
  sqlite3_bind_text (stmt, 8, c->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, th_case_status_to_string (c->status), -1, SQLITE_STATIC);
  if (!_th_case_step_done (db, stmt, "updating a case", error))
    return FALSE;
  if (sqlite3_changes (th_db_get_handle (db)) != 1)
    {
      g_set_error (error, TH_ERROR, TH_ERROR_REFUSED, _("The case changed meanwhile. Reload it and try again."));
      return FALSE;
    }

  data = update_data (c->id, status, resolution, refund_id, note);
  data_text = th_json_to_string (data);
  if (!th_outbox_add (db, "aftersales_updated", c->order_id, now, staff, data, &event_id, error))
    return FALSE;
  if (!(stmt = th_db_prepare (db,
                              "INSERT INTO aftersales_updates (event_id, case_id, at, staff, status, resolution, note) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?)", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, event_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, c->id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, now);
  sqlite3_bind_text (stmt, 4, staff, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, th_case_status_to_string (status), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, th_resolution_to_string (resolution), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, note, -1, SQLITE_STATIC);
  if (!_th_case_step_done (db, stmt, "recording a case step", error))
    return FALSE;
  return _th_case_audit (db, now, staff, "aftersales_updated", c->id, event_id, data_text, error);
}

ThCase *
th_case_update (ThDb          *db,
                const char    *case_id,
                ThCaseStatus   status,
                ThResolution   resolution,
                const char    *refund_id,
                const char    *note,
                const char    *staff,
                gint64         now,
                GError       **error)
{
  g_autoptr(ThStaff) who = NULL;
  g_autoptr(ThCase) c = NULL;
  g_autofree char *clean_note = NULL;

  g_return_val_if_fail (TH_IS_DB (db), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);
  g_return_val_if_fail (status <= TH_CASE_REJECTED && resolution <= TH_RESOLUTION_NONE, NULL);

  if (!(clean_note = _th_case_clean_text (note, FALSE, TH_CASE_NOTE_MAX_CHARS,
                                          _("The note can have at most 500 characters."), error)))
    return NULL;
  if (status != TH_CASE_RESOLVED)
    resolution = TH_RESOLUTION_NONE;
  if (resolution != TH_RESOLUTION_REFUND && refund_id != NULL)
    {
      g_set_error (error, TH_ERROR, TH_ERROR_INVALID, _("Only a case resolved by a refund links a refund."));
      return NULL;
    }

  if (!th_db_begin_immediate (db, error))
    return NULL;
  if (!(who = th_staff_find (db, staff ? staff : "", error)) || !(c = th_case_load (db, case_id, error)))
    goto fail;
  if (!is_step (c->status, status))
    {
      g_set_error (error, TH_ERROR, TH_ERROR_REFUSED, _("This case is %s and cannot become %s."),
                   th_case_status_describe (c->status), th_case_status_describe (status));
      goto fail;
    }
  if (resolution == TH_RESOLUTION_REFUND && !check_refund_link (db, c, refund_id, error))
    goto fail;
  if (!write_update (db, c, status, resolution, refund_id, clean_note, who->name, now, error) ||
      !th_db_commit (db, error))
    goto fail;
  return th_case_load (db, case_id, error);

fail:
  th_db_rollback (db);
  return NULL;
}
