/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Strict readers for the central platform's answers. Each validates the whole
 * answer before anything is written, so a bad answer changes nothing. Unknown
 * fields are ignored, as the contract asks. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-error.h"
#include "th-json.h"
#include "th-order-store.h"
#include "th-sync-private.h"

#define MAX_CURSOR_CHARS 1024
#define MAX_REASON_CHARS 256

static const char * const result_names[] = { "accepted", "duplicate", "conflict", "rejected" };

const char *
_th_sync_result_status_to_string (ThSyncResultStatus status)
{
  g_return_val_if_fail (status <= TH_SYNC_RESULT_REJECTED, "rejected");
  return result_names[status];
}

void
_th_sync_page_clear (ThSyncPage *page)
{
  g_clear_pointer (&page->orders, g_ptr_array_unref);
  g_clear_pointer (&page->next_cursor, g_free);
  page->has_more = FALSE;
}

/**
 * _th_sync_parse_orders_page:
 *
 * Reads {"orders": [ORDER…], "next_cursor": "…", "has_more": bool}. Every
 * order is validated and must belong to @station_id.
 */
gboolean
_th_sync_parse_orders_page (JsonNode    *root,
                            guint32      station_id,
                            ThSyncPage  *page,
                            GError     **error)
{
  g_auto(ThJsonReader) r = TH_JSON_READER_INIT;
  g_autoptr(GError) local_error = NULL;
  JsonObject *obj;
  JsonNode *has_more;

  g_return_val_if_fail (page != NULL, FALSE);
  memset (page, 0, sizeof *page);

  r.context = g_strdup (_("The central platform's order list"));
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      th_json_reader_fail (&r, NULL, _("is not a JSON object"));
      th_json_reader_propagate (&r, &local_error);
      goto fail;
    }
  obj = json_node_get_object (root);

  if (!th_json_reader_array (&r, obj, "orders") ||
      !th_json_reader_string (&r, obj, "next_cursor", TRUE, 1, MAX_CURSOR_CHARS, &page->next_cursor))
    {
      th_json_reader_propagate (&r, &local_error);
      goto fail;
    }
  /* has_more is required: guessing it could skip pages or loop forever. */
  has_more = json_object_get_member (obj, "has_more");
  if (has_more == NULL || !JSON_NODE_HOLDS_VALUE (has_more) ||
      json_node_get_value_type (has_more) != G_TYPE_BOOLEAN)
    {
      th_json_reader_fail (&r, "has_more", has_more ? _("must be true or false") : _("is missing"));
      th_json_reader_propagate (&r, &local_error);
      goto fail;
    }
  page->has_more = json_node_get_boolean (has_more);

  page->orders = th_order_store_parse_list (root, station_id, &local_error);
  if (page->orders == NULL)
    {
      g_prefix_error (&local_error, "%s: ", _("The central platform's order list"));
      goto fail;
    }
  return TRUE;

fail:
  _th_sync_page_clear (page);
  _th_sync_bad_response (error, local_error);
  return FALSE;
}

static void
result_free (gpointer data)
{
  ThSyncResult *result = data;

  g_free (result->id);
  g_free (result->reason);
  g_clear_pointer (&result->order, th_order_unref);
  g_free (result->order_json);
  g_free (result);
}

static ThSyncResult *
parse_result (ThJsonReader  *r,
              JsonNode      *node,
              guint          index,
              GHashTable    *sent_ids,
              GHashTable    *seen,
              guint32        station_id)
{
  g_autoptr(GError) order_error = NULL;
  g_autofree char *status = NULL;
  g_autofree char *field = g_strdup_printf ("results[%u]", index);
  ThSyncResult *result;
  JsonObject *obj;
  JsonNode *order;
  guint i;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return th_json_reader_fail (r, field, _("is not a JSON object")), NULL;
  obj = json_node_get_object (node);
  th_json_reader_push (r, field);

  result = g_new0 (ThSyncResult, 1);
  if (!th_json_reader_string (r, obj, "id", TRUE, 1, 64, &result->id) ||
      !th_json_reader_string (r, obj, "status", TRUE, 1, 16, &status) ||
      !th_json_reader_string (r, obj, "reason", FALSE, 0, MAX_REASON_CHARS, &result->reason))
    goto fail;

  if (!g_hash_table_contains (sent_ids, result->id))
    {
      th_json_reader_fail (r, "id", _("names an event that was not sent"));
      goto fail;
    }
  if (!g_hash_table_add (seen, g_strdup (result->id)))
    {
      th_json_reader_fail (r, "id", _("is answered twice"));
      goto fail;
    }

  for (i = 0; i < G_N_ELEMENTS (result_names); i++)
    if (g_str_equal (status, result_names[i]))
      break;
  result->status = (ThSyncResultStatus) i;
  if (i == G_N_ELEMENTS (result_names))
    {
      th_json_reader_fail (r, "status", _("must be accepted, duplicate, conflict or rejected"));
      goto fail;
    }

  order = json_object_get_member (obj, "order");
  if (result->status == TH_SYNC_RESULT_CONFLICT)
    {
      /* The conflict is shown with the platform's copy; without it there is
       * nothing to show the staff. */
      if (order == NULL || !(result->order = th_order_new_from_json (order, &order_error)))
        {
          th_json_reader_fail (r, "order", order_error ? order_error->message : _("is missing"));
          goto fail;
        }
      if (result->order->station_id != station_id)
        {
          th_json_reader_fail (r, "order.station_id", _("is another station"));
          goto fail;
        }
      result->order_json = th_json_to_string (order);
    }
  th_json_reader_pop (r);
  return result;

fail:
  result_free (result);
  return NULL;
}

/**
 * _th_sync_parse_events_response:
 *
 * Reads {"results": [{id, status, reason?, order?}…]}.
 *
 * Returns: (transfer full) (element-type ThSyncResult): the results
 */
GPtrArray *
_th_sync_parse_events_response (JsonNode    *root,
                                GHashTable  *sent_ids,
                                guint32      station_id,
                                GError     **error)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func (result_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(ThJsonReader) r = TH_JSON_READER_INIT;
  g_autoptr(GError) local_error = NULL;
  JsonArray *array = NULL;

  g_return_val_if_fail (sent_ids != NULL, NULL);

  r.context = g_strdup (_("The central platform's answer for the events"));
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    th_json_reader_fail (&r, NULL, _("is not a JSON object"));
  else
    array = th_json_reader_array (&r, json_node_get_object (root), "results");

  for (guint i = 0; array && i < json_array_get_length (array); i++)
    {
      ThSyncResult *result = parse_result (&r, json_array_get_element (array, i), i,
                                           sent_ids, seen, station_id);
      if (result == NULL)
        break;
      g_ptr_array_add (results, result);
    }

  if (r.error != NULL || array == NULL)
    {
      th_json_reader_propagate (&r, &local_error);
      _th_sync_bad_response (error, local_error);
      return NULL;
    }
  return g_steal_pointer (&results);
}

gboolean
_th_sync_check_keys_response (JsonNode  *root,
                              GError   **error)
{
  g_auto(ThJsonReader) r = TH_JSON_READER_INIT;
  g_autoptr(GError) local_error = NULL;

  r.context = g_strdup (_("The central platform's key list"));
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    th_json_reader_fail (&r, NULL, _("is not a JSON object"));
  else
    th_json_reader_array (&r, json_node_get_object (root), "keys");
  if (r.error == NULL)
    return TRUE;

  th_json_reader_propagate (&r, &local_error);
  _th_sync_bad_response (error, local_error);
  return FALSE;
}
