/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Undoing a hand-over: for the bag given to the wrong person a minute ago.
 * Later corrections are after-sales cases, not undo. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-audit.h"
#include "th-collect.h"
#include "th-error.h"
#include "th-json.h"
#include "th-outbox.h"

typedef struct {
  gint64   order_id;
  gint64   at;
  gboolean undone;
} Collection;

static gboolean
load_collection (ThDb        *db,
                 const char  *id,
                 Collection  *c,
                 GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = th_db_prepare (db, "SELECT order_id, at, undone_at IS NOT NULL FROM collections WHERE id = ?", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      c->order_id = sqlite3_column_int64 (stmt, 0);
      c->at = sqlite3_column_int64 (stmt, 1);
      c->undone = sqlite3_column_int (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, TH_ERROR, TH_ERROR_NOT_FOUND,
                   _("There is no collection %s at this station. Check the id in the history."), id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return th_db_set_error (db, error, "reading a collection");
  return TRUE;
}

static gboolean
uncount_lines (ThDb        *db,
               const char  *id,
               gint64       order_id,
               GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  /* max(0, …) is belt and braces: an import may have lowered the count. */
  if (!(stmt = th_db_prepare (db,
                              "UPDATE order_lines SET collected_qty = max (0, collected_qty - "
                              "(SELECT cl.qty FROM collection_lines cl WHERE cl.collection_id = ?1 AND cl.line = order_lines.line)) "
                              "WHERE order_id = ?2 AND line IN (SELECT line FROM collection_lines WHERE collection_id = ?1)",
                              error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, order_id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || th_db_set_error (db, error, "undoing collected lines");
}

static gboolean
mark_undone (ThDb        *db,
             const char  *id,
             const char  *event_id,
             const char  *reason,
             const char  *staff,
             gint64       now,
             GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = th_db_prepare (db,
                              "UPDATE collections SET undone_at = ?, undone_by = ?, undo_reason = ?, undo_event_id = ? "
                              "WHERE id = ? AND undone_at IS NULL", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_text (stmt, 2, staff, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, reason, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, event_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return th_db_set_error (db, error, "undoing a collection");
  return TRUE;
}

/**
 * th_collect_undo:
 * @reason: why; required
 *
 * Undoes a collection made less than %TH_COLLECT_UNDO_WINDOW_SECONDS ago.
 * The order can then be collected again.
 */
gboolean
th_collect_undo (ThDb        *db,
                 const char  *collection_id,
                 const char  *reason,
                 const char  *staff,
                 gint64       now,
                 char       **out_event_id,
                 GError     **error)
{
  g_autofree char *clean_reason = NULL;
  g_autofree char *event_id = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *subject = NULL;
  JsonObject *data;
  JsonNode *data_node;
  Collection c = { 0 };

  g_return_val_if_fail (TH_IS_DB (db), FALSE);
  g_return_val_if_fail (collection_id != NULL, FALSE);

  clean_reason = g_strstrip (g_strdup (reason ? reason : ""));
  if (clean_reason[0] == '\0' || !g_utf8_validate (clean_reason, -1, NULL) ||
      g_utf8_strlen (clean_reason, -1) > 500)
    {
      g_set_error (error, TH_ERROR, TH_ERROR_INVALID,
                   _("Say why the hand-over is undone (1 to 500 characters)."));
      return FALSE;
    }
  if (staff == NULL)
    staff = "";

  if (!th_db_begin_immediate (db, error))
    return FALSE;
  if (!load_collection (db, collection_id, &c, error))
    goto fail;
  if (c.undone)
    {
      g_set_error (error, TH_ERROR, TH_ERROR_REFUSED, _("This hand-over was already undone."));
      goto fail;
    }
  if (now - c.at > TH_COLLECT_UNDO_WINDOW_SECONDS || now < c.at - TH_COLLECT_UNDO_WINDOW_SECONDS)
    {
      g_set_error (error, TH_ERROR, TH_ERROR_REFUSED,
                   _("This hand-over was more than %d minutes ago and can no longer be undone. "
                     "Record an after-sales case instead."),
                   TH_COLLECT_UNDO_WINDOW_SECONDS / 60);
      goto fail;
    }

  data = json_object_new ();
  json_object_set_string_member (data, "undoes", collection_id);
  json_object_set_string_member (data, "reason", clean_reason);
  data_node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (data_node, data);
  detail = th_json_to_string (data_node);

  if (!th_outbox_add (db, "collect_undone", c.order_id, now, staff, data_node, &event_id, error) ||
      !uncount_lines (db, collection_id, c.order_id, error) ||
      !mark_undone (db, collection_id, event_id, clean_reason, staff, now, error))
    goto fail;

  subject = g_strdup_printf ("order:%" G_GINT64_FORMAT, c.order_id);
  if (!th_audit_append (db, now, staff, "collect_undone", subject, detail, error) ||
      !th_db_commit (db, error))
    goto fail;

  if (out_event_id)
    *out_event_id = g_steal_pointer (&event_id);
  return TRUE;

fail:
  th_db_rollback (db);
  return FALSE;
}

ThUndoJob *
th_undo_job_new (const char *collection_id,
                 const char *reason,
                 const char *staff,
                 gint64      now)
{
  ThUndoJob *job = g_new0 (ThUndoJob, 1);

  job->collection_id = g_strdup (collection_id);
  job->reason = g_strdup (reason ? reason : "");
  job->staff = g_strdup (staff ? staff : "");
  job->now = now;
  return job;
}

void
th_undo_job_free (ThUndoJob *job)
{
  if (job == NULL)
    return;
  g_free (job->collection_id);
  g_free (job->reason);
  g_free (job->staff);
  g_free (job);
}

/* A ThDbJob (th-db-task.h), on the worker's own connection. */
gpointer
th_undo_job_run (ThDb     *db,
                 gpointer  job,
                 GError  **error)
{
  ThUndoJob *u = job;

  if (!th_collect_undo (db, u->collection_id, u->reason, u->staff, u->now, NULL, error))
    return NULL;
  return g_strdup (u->collection_id);
}
