/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Pulling orders with the cursor, and refreshing the trusted keys.
 *
 * Each page and the `next_cursor` it came with are written in one
 * transaction, so a crash or a kill at any moment leaves either the page and
 * its cursor or neither: the next pull asks for the same page again and no
 * page is ever skipped. Applying follows th-order-store.c: the higher
 * revision wins and the station's unsent facts stay in force. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-audit.h"
#include "th-error.h"
#include "th-key-store.h"
#include "th-sync-private.h"
#include "th-time.h"

#define CURSOR_KEY    "orders.cursor"
#define LAST_PULL_KEY "sync.last_pull"

static char *
page_query (guint       limit,
            const char *cursor)
{
  g_autofree char *escaped = NULL;

  if (cursor == NULL)
    return g_strdup_printf ("limit=%u", limit);
  escaped = g_uri_escape_string (cursor, NULL, FALSE);
  return g_strdup_printf ("cursor=%s&limit=%u", escaped, limit);
}

static gboolean
audit_page (ThDb                 *db,
            const ThImportStats  *stats,
            gint64                now,
            GError              **error)
{
  g_autofree char *detail = NULL;

  /* A quiet minute leaves no trace; a change to the orders does. */
  if (stats->n_new == 0 && stats->n_updated == 0)
    return TRUE;
  detail = g_strdup_printf ("{\"new\":%u,\"updated\":%u,\"unchanged\":%u}",
                            stats->n_new, stats->n_updated, stats->n_unchanged);
  return th_audit_append (db, now, "", "orders_synced", "orders", detail, error);
}

/* Returns FALSE with no error set when another process moved the cursor
 * meanwhile: the page is then dropped and the pull goes on from there. */
static gboolean
apply_page (ThDb          *db,
            const char    *cursor,
            ThSyncPage    *page,
            ThSyncReport  *report,
            GError       **error)
{
  g_autofree char *stored = NULL;
  g_autofree char *now_text = NULL;
  ThImportStats stats = { 0 };
  gint64 now = th_time_now ();

  if (!th_db_begin_immediate (db, error))
    return FALSE;
  if (!th_db_get_state (db, CURSOR_KEY, &stored, error))
    goto fail;
  if (g_strcmp0 (stored, cursor) != 0)
    {
      th_db_rollback (db);
      return FALSE;
    }

  for (guint i = 0; i < page->orders->len; i++)
    if (!th_order_store_apply (db, g_ptr_array_index (page->orders, i), &stats, error))
      goto fail;

  if (!th_db_set_state (db, CURSOR_KEY, page->next_cursor, error) ||
      !audit_page (db, &stats, now, error))
    goto fail;
  if (!page->has_more)
    {
      now_text = g_strdup_printf ("%" G_GINT64_FORMAT, now);
      if (!th_db_set_state (db, LAST_PULL_KEY, now_text, error))
        goto fail;
    }
  if (!th_db_commit (db, error))
    return FALSE;

  report->n_pages++;
  report->orders.n_new += stats.n_new;
  report->orders.n_updated += stats.n_updated;
  report->orders.n_unchanged += stats.n_unchanged;
  return TRUE;

fail:
  th_db_rollback (db);
  return FALSE;
}

gboolean
_th_sync_pull (ThDb          *db,
               ThSyncHttp    *http,
               guint32        station_id,
               guint          limit,
               ThSyncReport  *report,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autofree char *path = g_strdup_printf ("/v1/stations/%u/orders", station_id);

  limit = CLAMP (limit, 1, TH_SYNC_MAX_LIMIT);
  for (;;)
    {
      g_auto(ThSyncPage) page = { NULL, NULL, FALSE };
      g_autofree char *cursor = NULL;
      g_autofree char *query = NULL;
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(GError) local_error = NULL;
      ThSyncReply reply;

      if (!th_db_get_state (db, CURSOR_KEY, &cursor, error))
        return FALSE;
      query = page_query (limit, cursor);
      root = _th_sync_http_request (http, "GET", path, query, NULL, &reply, cancellable, &local_error);
      if (root == NULL)
        {
          report->retry_after = reply.retry_after;
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (!_th_sync_parse_orders_page (root, station_id, &page, error))
        return FALSE;

      if (page.has_more && page.orders->len == 0 && g_strcmp0 (page.next_cursor, cursor) == 0)
        {
          g_set_error (error, TH_SYNC_ERROR, TH_SYNC_ERROR_BAD_RESPONSE,
                       _("The central platform says more orders follow but sent none and the same "
                         "cursor. Nothing was changed here; Tihuo will try again later."));
          return FALSE;
        }

      if (!apply_page (db, cursor, &page, report, &local_error))
        {
          if (local_error == NULL)
            continue;
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (!page.has_more)
        return TRUE;
    }
}

gboolean
_th_sync_refresh_keys (ThDb          *db,
                       ThSyncHttp    *http,
                       guint32        station_id,
                       ThSyncReport  *report,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autofree char *path = g_strdup_printf ("/v1/stations/%u/keys", station_id);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  ThSyncReply reply;

  root = _th_sync_http_request (http, "GET", path, NULL, NULL, &reply, cancellable, &local_error);
  if (root == NULL)
    {
      report->retry_after = reply.retry_after;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (!_th_sync_check_keys_response (root, error))
    return FALSE;
  /* Validates every key before replacing the set. */
  if (!th_key_store_replace_from_json (db, root, &report->n_keys, &local_error))
    {
      if (g_error_matches (local_error, TH_ERROR, TH_ERROR_INVALID))
        {
          g_prefix_error (&local_error, "%s: ", _("The central platform's key list"));
          _th_sync_bad_response (error, local_error);
        }
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}
