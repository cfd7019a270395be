/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Pushing the outbox, oldest first, in batches of at most 200 events.
 *
 * An event leaves the outbox only when the platform has answered for it with
 * accepted, duplicate, conflict or rejected, and the answer is stored in the
 * same transaction that removes it. Anything else (a timeout, a 5xx, a cut
 * connection, an answer Tihuo cannot read) keeps it, to be sent again with the
 * same id; the platform's idempotency turns that into `duplicate`. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-audit.h"
#include "th-json.h"
#include "th-order-store.h"
#include "th-outbox.h"
#include "th-sync-private.h"
#include "th-time.h"

/* Accepted answers are kept a while for support, then dropped; conflicts and
 * rejections stay until acknowledged and beyond, as history. */
#define KEEP_ACCEPTED_SECONDS (90 * 24 * 3600)

static GBytes *
batch_body (JsonNode   *events,
            GHashTable *ids)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *obj = json_object_new ();
  JsonArray *array = json_node_get_array (events);
  char *text;

  for (guint i = 0; i < json_array_get_length (array); i++)
    g_hash_table_add (ids, g_strdup (json_object_get_string_member (json_array_get_object_element (array, i), "id")));
  json_object_set_member (obj, "events", json_node_ref (events));
  json_node_take_object (root, obj);
  text = th_json_to_string (root);
  return g_bytes_new_take (text, strlen (text));
}

static gboolean
audit_result (ThDb         *db,
              ThSyncResult *result,
              gint64        now,
              GError      **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *subject = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "event_id");
  json_builder_add_string_value (b, result->id);
  json_builder_set_member_name (b, "reason");
  json_builder_add_string_value (b, result->reason);
  if (result->order != NULL)
    {
      json_builder_set_member_name (b, "platform_revision");
      json_builder_add_int_value (b, result->order->revision);
      json_builder_set_member_name (b, "platform_status");
      json_builder_add_string_value (b, th_order_status_to_string (result->order->status));
    }
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  detail = th_json_to_string (node);
  subject = g_strdup_printf ("event:%s", result->id);
  return th_audit_append (db, now, "",
                          result->status == TH_SYNC_RESULT_CONFLICT ? "sync_conflict" : "sync_rejected",
                          subject, detail, error);
}

/* One transaction for the whole batch's answers: each event's answer is
 * stored exactly when it leaves the outbox. */
static gboolean
store_results (ThDb          *db,
               GPtrArray     *results,
               ThSyncReport  *report,
               GError       **error)
{
  gint64 now = th_time_now ();
  sqlite3_stmt *stmt;

  if (!th_db_begin_immediate (db, error))
    return FALSE;

  for (guint i = 0; i < results->len; i++)
    {
      ThSyncResult *result = g_ptr_array_index (results, i);

      if (!(stmt = th_db_prepare (db,
                                  "INSERT INTO sync_results (event_id, type, order_id, body, created_at, status, "
                                  "reason, platform_order, answered_at) "
                                  "SELECT id, type, order_id, body, created_at, ?2, ?3, ?4, ?5 FROM outbox WHERE id = ?1",
                                  error)))
        goto fail;
      sqlite3_bind_text (stmt, 1, result->id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, _th_sync_result_status_to_string (result->status), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, result->reason, -1, SQLITE_STATIC);
      if (result->order_json)
        sqlite3_bind_text (stmt, 4, result->order_json, -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (stmt, 4);
      sqlite3_bind_int64 (stmt, 5, now);
      if (!th_db_step_done (db, stmt, "recording the platform's answer", error))
        goto fail;
      /* Another terminal's sync may have answered for it already. */
      if (sqlite3_changes (th_db_get_handle (db)) == 0)
        continue;

      if (!(stmt = th_db_prepare (db, "DELETE FROM outbox WHERE id = ?", error)))
        goto fail;
      sqlite3_bind_text (stmt, 1, result->id, -1, SQLITE_STATIC);
      if (!th_db_step_done (db, stmt, "removing a sent event", error))
        goto fail;

      switch (result->status)
        {
        case TH_SYNC_RESULT_DUPLICATE:
          report->n_duplicate++;
          G_GNUC_FALLTHROUGH;
        case TH_SYNC_RESULT_ACCEPTED:
          report->n_accepted++;
          break;
        case TH_SYNC_RESULT_CONFLICT:
          /* After the event left the outbox, so the platform's count is
           * taken as it is rather than with this event added again. */
          if (!th_order_store_apply (db, result->order, NULL, error) ||
              !audit_result (db, result, now, error))
            goto fail;
          report->n_conflict++;
          break;
        case TH_SYNC_RESULT_REJECTED:
          if (!audit_result (db, result, now, error))
            goto fail;
          report->n_rejected++;
          break;
        default:
          g_assert_not_reached ();
        }
    }
  return th_db_commit (db, error);

fail:
  th_db_rollback (db);
  return FALSE;
}

static gboolean
prune_answers (ThDb     *db,
               GError  **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = th_db_prepare (db,
                              "DELETE FROM sync_results WHERE status IN ('accepted', 'duplicate') AND answered_at < ?",
                              error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, th_time_now () - KEEP_ACCEPTED_SECONDS);
  return th_db_step_done (db, stmt, "forgetting old answers", error);
}

gboolean
_th_sync_push (ThDb          *db,
               ThSyncHttp    *http,
               guint32        station_id,
               ThSyncReport  *report,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autofree char *path = g_strdup_printf ("/v1/stations/%u/events", station_id);
  guint batch = TH_SYNC_MAX_BATCH;

  for (;;)
    {
      g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autoptr(GPtrArray) results = NULL;
      g_autoptr(JsonNode) events = NULL;
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(GBytes) body = NULL;
      g_autoptr(GError) local_error = NULL;
      ThSyncReply reply;
      guint n;

      if (!(events = th_outbox_list (db, batch, error)))
        return FALSE;
      n = json_array_get_length (json_node_get_array (events));
      if (n == 0)
        break;

      body = batch_body (events, ids);
      root = _th_sync_http_request (http, "POST", path, NULL, body, &reply, cancellable, &local_error);
      if (root == NULL)
        {
          /* 413: the platform takes smaller batches; halve until one fits. */
          if (reply.status == SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE && batch > 1)
            {
              batch /= 2;
              continue;
            }
          report->retry_after = reply.retry_after;
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      if (!(results = _th_sync_parse_events_response (root, ids, station_id, error)) ||
          !store_results (db, results, report, error))
        return FALSE;

      if (results->len < n)
        {
          g_set_error (error, TH_SYNC_ERROR, TH_SYNC_ERROR_INCOMPLETE,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "The central platform did not answer for %u event. It stays queued and "
                                    "will be sent again.",
                                    "The central platform did not answer for %u events. They stay queued and "
                                    "will be sent again.", n - results->len),
                       n - results->len);
          return FALSE;
        }
      if (n < batch)
        break;
    }

  return prune_answers (db, error);
}
