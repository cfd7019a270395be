/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Needs attention list: conflicts and rejected events stay listed, with
 * the platform's copy of the order, until a staff member acknowledges them.
 * The rows live in sync_results (data/sql/0002-sync.sql). */
#include "config.h"

#include <glib/gi18n.h>

#include "th-audit.h"
#include "th-error.h"
#include "th-json.h"
#include "th-sync-attention.h"

struct _ThSyncAttention
{
  GObject          parent_instance;

  gint64           id;
  ThAttentionKind  kind;
  char            *event_id;
  char            *event_type;
  gint64           order_id;
  char            *reason;
  char            *event_json;
  ThOrder         *platform_order;
  gint64           created_at;
  gint64           answered_at;
};

G_DEFINE_FINAL_TYPE (ThSyncAttention, th_sync_attention, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (ThAttentionKind, th_attention_kind,
  G_DEFINE_ENUM_VALUE (TH_ATTENTION_CONFLICT, "conflict"),
  G_DEFINE_ENUM_VALUE (TH_ATTENTION_REJECTED, "rejected"))

enum {
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_EVENT_ID,
  PROP_EVENT_TYPE,
  PROP_ORDER_ID,
  PROP_REASON,
  PROP_DESCRIPTION,
  PROP_PLATFORM_ORDER,
  PROP_ANSWERED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define ATTENTION_WHERE "status IN ('conflict', 'rejected') AND acknowledged_at IS NULL"

static ThSyncAttention *
load_row (sqlite3_stmt *stmt)
{
  ThSyncAttention *self = g_object_new (TH_TYPE_SYNC_ATTENTION, NULL);
  const char *order_json = (const char *) sqlite3_column_text (stmt, 7);

  self->id = sqlite3_column_int64 (stmt, 0);
  self->event_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  self->event_type = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  self->order_id = sqlite3_column_type (stmt, 3) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 3);
  self->event_json = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  self->kind = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 5), "conflict") == 0
               ? TH_ATTENTION_CONFLICT : TH_ATTENTION_REJECTED;
  self->reason = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
  if (order_json != NULL)
    {
      /* Validated when it arrived; a copy that no longer parses is shown
       * without the order rather than hiding the conflict. */
      g_autoptr(JsonNode) node = th_json_parse (order_json, -1, "platform order", NULL);
      if (node != NULL)
        self->platform_order = th_order_new_from_json (node, NULL);
    }
  self->created_at = sqlite3_column_int64 (stmt, 8);
  self->answered_at = sqlite3_column_int64 (stmt, 9);
  return self;
}

static void
th_sync_attention_finalize (GObject *object)
{
  ThSyncAttention *self = (ThSyncAttention *) object;

  g_free (self->event_id);
  g_free (self->event_type);
  g_free (self->reason);
  g_free (self->event_json);
  g_clear_pointer (&self->platform_order, th_order_unref);

  G_OBJECT_CLASS (th_sync_attention_parent_class)->finalize (object);
}

static void
th_sync_attention_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  ThSyncAttention *self = TH_SYNC_ATTENTION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_EVENT_ID:
      g_value_set_string (value, self->event_id);
      break;
    case PROP_EVENT_TYPE:
      g_value_set_string (value, self->event_type);
      break;
    case PROP_ORDER_ID:
      g_value_set_int64 (value, self->order_id);
      break;
    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;
    case PROP_DESCRIPTION:
      g_value_take_string (value, th_sync_attention_describe (self));
      break;
    case PROP_PLATFORM_ORDER:
      g_value_set_boxed (value, self->platform_order);
      break;
    case PROP_ANSWERED_AT:
      g_value_set_int64 (value, self->answered_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
th_sync_attention_class_init (ThSyncAttentionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = th_sync_attention_finalize;
  object_class->get_property = th_sync_attention_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, TH_TYPE_ATTENTION_KIND,
                                            TH_ATTENTION_CONFLICT, flags);
  properties[PROP_EVENT_ID] = g_param_spec_string ("event-id", NULL, NULL, NULL, flags);
  properties[PROP_EVENT_TYPE] = g_param_spec_string ("event-type", NULL, NULL, NULL, flags);
  properties[PROP_ORDER_ID] = g_param_spec_int64 ("order-id", NULL, NULL, -1, G_MAXINT64, -1, flags);
  properties[PROP_REASON] = g_param_spec_string ("reason", NULL, NULL, NULL, flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);
  properties[PROP_PLATFORM_ORDER] = g_param_spec_boxed ("platform-order", NULL, NULL, TH_TYPE_ORDER, flags);
  properties[PROP_ANSWERED_AT] = g_param_spec_int64 ("answered-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
th_sync_attention_init (ThSyncAttention *self)
{
  self->order_id = -1;
}

gint64
th_sync_attention_get_id (ThSyncAttention *self)
{
  g_return_val_if_fail (TH_IS_SYNC_ATTENTION (self), 0);
  return self->id;
}

ThAttentionKind
th_sync_attention_get_kind (ThSyncAttention *self)
{
  g_return_val_if_fail (TH_IS_SYNC_ATTENTION (self), 0);
  return self->kind;
}

const char *
th_sync_attention_get_event_id (ThSyncAttention *self)
{
  g_return_val_if_fail (TH_IS_SYNC_ATTENTION (self), NULL);
  return self->event_id;
}

const char *
th_sync_attention_get_event_type (ThSyncAttention *self)
{
  g_return_val_if_fail (TH_IS_SYNC_ATTENTION (self), NULL);
  return self->event_type;
}

gint64
th_sync_attention_get_order_id (ThSyncAttention *self)
{
  g_return_val_if_fail (TH_IS_SYNC_ATTENTION (self), 0);
  return self->order_id;
}

const char *
th_sync_attention_get_reason (ThSyncAttention *self)
{
  g_return_val_if_fail (TH_IS_SYNC_ATTENTION (self), NULL);
  return self->reason;
}

const char *
th_sync_attention_get_event_json (ThSyncAttention *self)
{
  g_return_val_if_fail (TH_IS_SYNC_ATTENTION (self), NULL);
  return self->event_json;
}

ThOrder *
th_sync_attention_get_platform_order (ThSyncAttention *self)
{
  g_return_val_if_fail (TH_IS_SYNC_ATTENTION (self), NULL);
  return self->platform_order;
}

gint64
th_sync_attention_get_answered_at (ThSyncAttention *self)
{
  g_return_val_if_fail (TH_IS_SYNC_ATTENTION (self), 0);
  return self->answered_at;
}

/**
 * th_sync_event_type_describe:
 *
 * The API's event type (`collected`, `refund`, …) as people at the counter
 * call it, for the middle of a sentence; unknown types as they are.
 */
const char *
th_sync_event_type_describe (const char *type)
{
  if (g_strcmp0 (type, "collected") == 0)
    return _("hand-over");
  if (g_strcmp0 (type, "collect_undone") == 0)
    return _("undone hand-over");
  if (g_strcmp0 (type, "refund") == 0)
    return _("refund");
  if (g_strcmp0 (type, "aftersales_opened") == 0)
    return _("after-sales case");
  if (g_strcmp0 (type, "aftersales_updated") == 0)
    return _("after-sales update");
  return type;
}

char *
th_sync_attention_describe (ThSyncAttention *self)
{
  g_autofree char *order = NULL;
  const char *event;

  g_return_val_if_fail (TH_IS_SYNC_ATTENTION (self), NULL);

  /* "this hand-over", not "this collected". */
  event = th_sync_event_type_describe (self->event_type);

  order = self->order_id >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, self->order_id) : g_strdup ("—");

  if (g_strcmp0 (self->reason, "order_cancelled") == 0)
    return g_strdup_printf (_("Order %s was cancelled by the platform before this %s reached it. "
                              "Check the bag and contact the customer or the group leader."),
                            order, event);
  if (g_strcmp0 (self->reason, "order_refunded") == 0)
    return g_strdup_printf (_("Order %s was refunded by the platform before this %s reached it. "
                              "Check the bag and contact the group leader."), order, event);
  if (g_strcmp0 (self->reason, "already_collected") == 0)
    return g_strdup_printf (_("Order %s had already been collected elsewhere when this %s reached "
                              "the platform. Check whether the bag was handed over twice."),
                            order, event);
  if (self->kind == TH_ATTENTION_CONFLICT)
    return g_strdup_printf (_("The platform recorded this %s for order %s, but it clashes with the "
                              "platform's copy (%s). Compare the two below."),
                            event, order, self->reason[0] ? self->reason : _("no reason given"));
  if (g_strcmp0 (self->reason, "unknown_order") == 0)
    return g_strdup_printf (_("The platform does not know order %s, so it did not apply this %s. "
                              "Check the code that was scanned."), order, event);
  return g_strdup_printf (_("The platform rejected this %s for order %s (%s). It was not applied and "
                            "will not be sent again. Tell the platform's support."),
                          event, order, self->reason[0] ? self->reason : _("no reason given"));
}

/**
 * th_sync_attention_list:
 *
 * Returns: (transfer full) (element-type ThSyncAttention): the open entries
 */
GPtrArray *
th_sync_attention_list (ThDb    *db,
                        GError **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TH_IS_DB (db), NULL);

  if (!(stmt = th_db_prepare (db,
                              "SELECT seq, event_id, type, order_id, body, status, reason, platform_order, "
                              "created_at, answered_at FROM sync_results WHERE " ATTENTION_WHERE " ORDER BY seq",
                              error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (items, load_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return th_db_set_error (db, error, "reading the Needs attention list"), NULL;
  return g_steal_pointer (&items);
}

gboolean
th_sync_attention_count (ThDb     *db,
                         guint    *n_conflicts,
                         guint    *n_rejected,
                         GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TH_IS_DB (db), FALSE);

  if (!(stmt = th_db_prepare (db,
                              "SELECT count(*) FILTER (WHERE status = 'conflict'), "
                              "count(*) FILTER (WHERE status = 'rejected') "
                              "FROM sync_results WHERE " ATTENTION_WHERE, error)))
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (n_conflicts)
        *n_conflicts = (guint) sqlite3_column_int64 (stmt, 0);
      if (n_rejected)
        *n_rejected = (guint) sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || th_db_set_error (db, error, "counting the Needs attention list");
}

gboolean
th_sync_attention_acknowledge (ThDb        *db,
                               gint64       id,
                               const char  *staff,
                               gint64       now,
                               GError     **error)
{
  g_autofree char *detail = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *event_id = NULL;
  g_autofree char *status = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TH_IS_DB (db), FALSE);

  if (staff == NULL || staff[0] == '\0')
    {
      g_set_error (error, TH_ERROR, TH_ERROR_INVALID,
                   _("Say who acknowledges this entry: it is recorded in the audit log."));
      return FALSE;
    }
  if (!th_db_begin_immediate (db, error))
    return FALSE;

  if (!(stmt = th_db_prepare (db,
                              "UPDATE sync_results SET acknowledged_at = ?2, acknowledged_by = ?3 "
                              "WHERE seq = ?1 AND " ATTENTION_WHERE " RETURNING event_id, status", error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, now);
  sqlite3_bind_text (stmt, 3, staff, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      event_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      status = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      rc = sqlite3_step (stmt);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      th_db_set_error (db, error, "acknowledging an entry");
      goto fail;
    }
  if (event_id == NULL)
    {
      g_set_error (error, TH_ERROR, TH_ERROR_NOT_FOUND,
                   _("This entry is no longer in the Needs attention list; someone may have "
                     "acknowledged it already."));
      goto fail;
    }

  {
    g_autoptr(JsonObject) obj = json_object_new ();
    g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

    json_object_set_string_member (obj, "event_id", event_id);
    json_object_set_string_member (obj, "status", status);
    json_node_set_object (node, obj);
    detail = th_json_to_string (node);
  }
  subject = g_strdup_printf ("event:%s", event_id);
  if (!th_audit_append (db, now, staff, "sync_attention_acknowledged", subject, detail, error))
    goto fail;
  return th_db_commit (db, error);

fail:
  th_db_rollback (db);
  return FALSE;
}
