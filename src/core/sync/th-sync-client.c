/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ThSyncClient: what the GUI binds to (state, last pull, pending events,
 * last error, the Needs attention list) and the buttons it calls (Sync now,
 * a new token, acknowledge). The timing lives in th-sync-scheduler.c. */
#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>

#include "th-outbox.h"
#include "th-sync-client-private.h"
#include "th-sync-status.h"
#include "th-time.h"

G_DEFINE_FINAL_TYPE (ThSyncClient, th_sync_client, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (ThSyncState, th_sync_state,
  G_DEFINE_ENUM_VALUE (TH_SYNC_STATE_OFFLINE, "offline"),
  G_DEFINE_ENUM_VALUE (TH_SYNC_STATE_ONLINE, "online"),
  G_DEFINE_ENUM_VALUE (TH_SYNC_STATE_AUTH_FAILED, "auth-failed"))

GParamSpec *_th_sync_client_properties[TH_SYNC_CLIENT_N_PROPS];
guint _th_sync_client_signals[TH_SYNC_CLIENT_N_SIGNALS];

#define NOTIFY(self, prop) \
  g_object_notify_by_pspec (G_OBJECT (self), _th_sync_client_properties[TH_SYNC_CLIENT_PROP_##prop])

static gboolean
same_items (GListModel *model,
            GPtrArray  *items)
{
  if (g_list_model_get_n_items (model) != items->len)
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    {
      g_autoptr(ThSyncAttention) old = g_list_model_get_item (model, i);

      if (th_sync_attention_get_id (old) != th_sync_attention_get_id (g_ptr_array_index (items, i)))
        return FALSE;
    }
  return TRUE;
}

void
_th_sync_client_set_state (ThSyncClient *self,
                           ThSyncState   state)
{
  if (self->state == state)
    return;
  self->state = state;
  NOTIFY (self, STATE);
}

/* `busy` is self->running; the scheduler says when it changed. */
void
_th_sync_client_notify_busy (ThSyncClient *self)
{
  NOTIFY (self, BUSY);
}

void
_th_sync_client_set_error (ThSyncClient *self,
                           const char   *message)
{
  if (g_strcmp0 (self->last_error, message) == 0)
    return;
  g_free (self->last_error);
  self->last_error = g_strdup (message);
  NOTIFY (self, LAST_ERROR);
}

void
_th_sync_client_set_pending (ThSyncClient *self,
                             gint64        pending)
{
  if (self->pending == pending)
    return;
  self->pending = pending;
  NOTIFY (self, PENDING);
}

/* Re-reads what runs and other processes may have changed. */
void
_th_sync_client_refresh (ThSyncClient *self)
{
  g_auto(ThSyncStatus) status = { 0 };
  g_autoptr(GPtrArray) items = NULL;
  guint n;

  if (!th_sync_status_load (self->db, &status, NULL))
    return;
  if (self->last_pull != status.last_pull)
    {
      self->last_pull = status.last_pull;
      NOTIFY (self, LAST_PULL);
    }
  _th_sync_client_set_pending (self, status.pending);

  items = th_sync_attention_list (self->db, NULL);
  if (items != NULL && !same_items (G_LIST_MODEL (self->attention), items))
    g_list_store_splice (self->attention, 0, g_list_model_get_n_items (G_LIST_MODEL (self->attention)),
                         items->pdata, items->len);
  n = status.n_conflicts + status.n_rejected;
  if (self->n_attention != n)
    {
      self->n_attention = n;
      NOTIFY (self, NEEDS_ATTENTION);
    }
}

static void
th_sync_client_dispose (GObject *object)
{
  ThSyncClient *self = (ThSyncClient *) object;

  _th_sync_scheduler_stop (self);
  g_clear_object (&self->monitor);
  if (self->attention)
    g_list_store_remove_all (self->attention);

  G_OBJECT_CLASS (th_sync_client_parent_class)->dispose (object);
}

static void
th_sync_client_finalize (GObject *object)
{
  ThSyncClient *self = (ThSyncClient *) object;

  g_clear_pointer (&self->engine, th_sync_free);
  g_clear_object (&self->db);
  g_clear_object (&self->attention);
  g_free (self->server_url);
  if (self->token)
    sodium_memzero (self->token, strlen (self->token));
  g_free (self->token);
  g_free (self->last_error);

  G_OBJECT_CLASS (th_sync_client_parent_class)->finalize (object);
}

static void
th_sync_client_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ThSyncClient *self = TH_SYNC_CLIENT (object);

  switch (prop_id)
    {
    case TH_SYNC_CLIENT_PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case TH_SYNC_CLIENT_PROP_BUSY:
      g_value_set_boolean (value, self->running);
      break;
    case TH_SYNC_CLIENT_PROP_LAST_PULL:
      g_value_set_int64 (value, self->last_pull);
      break;
    case TH_SYNC_CLIENT_PROP_PENDING:
      g_value_set_int64 (value, self->pending);
      break;
    case TH_SYNC_CLIENT_PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;
    case TH_SYNC_CLIENT_PROP_NEEDS_ATTENTION:
      g_value_set_uint (value, self->n_attention);
      break;
    case TH_SYNC_CLIENT_PROP_ATTENTION:
      g_value_set_object (value, self->attention);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
th_sync_client_class_init (ThSyncClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  GParamSpec **props = _th_sync_client_properties;

  object_class->dispose = th_sync_client_dispose;
  object_class->finalize = th_sync_client_finalize;
  object_class->get_property = th_sync_client_get_property;

  props[TH_SYNC_CLIENT_PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, TH_TYPE_SYNC_STATE, TH_SYNC_STATE_OFFLINE, flags);
  props[TH_SYNC_CLIENT_PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, flags);
  /* Unix seconds of the last complete pull; 0 for never. */
  props[TH_SYNC_CLIENT_PROP_LAST_PULL] = g_param_spec_int64 ("last-pull", NULL, NULL, 0, G_MAXINT64, 0, flags);
  props[TH_SYNC_CLIENT_PROP_PENDING] = g_param_spec_int64 ("pending", NULL, NULL, 0, G_MAXINT64, 0, flags);
  props[TH_SYNC_CLIENT_PROP_LAST_ERROR] = g_param_spec_string ("last-error", NULL, NULL, NULL, flags);
  props[TH_SYNC_CLIENT_PROP_NEEDS_ATTENTION] =
    g_param_spec_uint ("needs-attention", NULL, NULL, 0, G_MAXUINT, 0, flags);
  props[TH_SYNC_CLIENT_PROP_ATTENTION] =
    g_param_spec_object ("attention", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  g_object_class_install_properties (object_class, TH_SYNC_CLIENT_N_PROPS, props);

  /* After every run, with whether it succeeded; last-error says why not. */
  _th_sync_client_signals[TH_SYNC_CLIENT_SIGNAL_SYNC_FINISHED] =
    g_signal_new ("sync-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  /* After a failure, with the wait in ms, for "retrying in N s". */
  _th_sync_client_signals[TH_SYNC_CLIENT_SIGNAL_RETRY_SCHEDULED] =
    g_signal_new ("retry-scheduled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
th_sync_client_init (ThSyncClient *self)
{
  self->timeout = TH_SYNC_DEFAULT_TIMEOUT;
  self->request_deadline = TH_SYNC_DEFAULT_REQUEST_DEADLINE;
  self->run_deadline = TH_SYNC_DEFAULT_RUN_DEADLINE;
  self->page_limit = TH_SYNC_DEFAULT_LIMIT;
  self->push_due = self->pull_due = self->keys_due = TH_SYNC_NEVER;
  self->attention = g_list_store_new (TH_TYPE_SYNC_ATTENTION);
}

/**
 * th_sync_client_new:
 * @db: the station database, as the caller uses it on the main thread
 * @server_url: the base URL, e.g. https://central.example.com/api
 * @token: (nullable): the station's token; see th-credentials.h
 *
 * Returns: (transfer full): a client, not yet started; %NULL when
 *   @server_url is refused
 */
ThSyncClient *
th_sync_client_new (ThDb        *db,
                    const char  *server_url,
                    const char  *token,
                    GError     **error)
{
  ThSyncClient *self;

  g_return_val_if_fail (TH_IS_DB (db), NULL);

  if (!th_sync_check_url (server_url, error))
    return NULL;
  self = g_object_new (TH_TYPE_SYNC_CLIENT, NULL);
  self->db = g_object_ref (db);
  self->server_url = g_strdup (server_url);
  self->token = g_strdup (token);
  self->monitor = g_object_ref (g_network_monitor_get_default ());
  _th_sync_client_refresh (self);
  return self;
}

void
th_sync_client_start (ThSyncClient *self)
{
  g_return_if_fail (TH_IS_SYNC_CLIENT (self));
  _th_sync_scheduler_start (self);
}

void
th_sync_client_stop (ThSyncClient *self)
{
  g_return_if_fail (TH_IS_SYNC_CLIENT (self));
  _th_sync_scheduler_stop (self);
}

void
th_sync_client_sync_now (ThSyncClient *self)
{
  g_return_if_fail (TH_IS_SYNC_CLIENT (self));

  self->n_failures = 0;
  self->retry_at = self->push_retry_at = 0;
  if (self->state == TH_SYNC_STATE_AUTH_FAILED)
    _th_sync_client_set_state (self, TH_SYNC_STATE_OFFLINE);
  _th_sync_scheduler_all_due (self);
}

void
th_sync_client_set_token (ThSyncClient *self,
                          const char   *token)
{
  g_return_if_fail (TH_IS_SYNC_CLIENT (self));

  if (self->token)
    sodium_memzero (self->token, strlen (self->token));
  g_free (self->token);
  self->token = g_strdup (token);
  th_sync_client_sync_now (self);
}

ThSyncState
th_sync_client_get_state (ThSyncClient *self)
{
  g_return_val_if_fail (TH_IS_SYNC_CLIENT (self), 0);
  return self->state;
}

gboolean
th_sync_client_get_busy (ThSyncClient *self)
{
  g_return_val_if_fail (TH_IS_SYNC_CLIENT (self), FALSE);
  return self->running;
}

gint64
th_sync_client_get_last_pull (ThSyncClient *self)
{
  g_return_val_if_fail (TH_IS_SYNC_CLIENT (self), 0);
  return self->last_pull;
}

gint64
th_sync_client_get_pending (ThSyncClient *self)
{
  g_return_val_if_fail (TH_IS_SYNC_CLIENT (self), 0);
  return self->pending;
}

const char *
th_sync_client_get_last_error (ThSyncClient *self)
{
  g_return_val_if_fail (TH_IS_SYNC_CLIENT (self), NULL);
  return self->last_error;
}

guint
th_sync_client_get_needs_attention (ThSyncClient *self)
{
  g_return_val_if_fail (TH_IS_SYNC_CLIENT (self), 0);
  return self->n_attention;
}

GListModel *
th_sync_client_get_attention (ThSyncClient *self)
{
  g_return_val_if_fail (TH_IS_SYNC_CLIENT (self), NULL);
  return G_LIST_MODEL (self->attention);
}

gboolean
th_sync_client_is_stale (ThSyncClient *self)
{
  ThSyncStatus status = { 0 };

  g_return_val_if_fail (TH_IS_SYNC_CLIENT (self), FALSE);
  status.last_pull = self->last_pull;
  return th_sync_status_is_stale (&status, th_time_now ());
}

gboolean
th_sync_client_acknowledge (ThSyncClient     *self,
                            ThSyncAttention  *item,
                            const char       *staff,
                            GError          **error)
{
  gboolean ok;

  g_return_val_if_fail (TH_IS_SYNC_CLIENT (self), FALSE);
  g_return_val_if_fail (TH_IS_SYNC_ATTENTION (item), FALSE);

  ok = th_sync_attention_acknowledge (self->db, th_sync_attention_get_id (item), staff,
                                      th_time_now (), error);
  _th_sync_client_refresh (self);
  return ok;
}

void
_th_sync_client_set_network_monitor (ThSyncClient    *self,
                                     GNetworkMonitor *monitor)
{
  g_return_if_fail (!self->started);
  g_set_object (&self->monitor, monitor);
}

void
th_sync_client_set_timeout (ThSyncClient *self,
                            guint         seconds)
{
  g_return_if_fail (TH_IS_SYNC_CLIENT (self));
  self->timeout = MAX (seconds, 1);
}

/* See th_sync_set_deadlines(); a run's default is TH_SYNC_DEFAULT_RUN_DEADLINE. */
void
th_sync_client_set_deadlines (ThSyncClient *self,
                              guint         seconds,
                              guint         run_seconds)
{
  g_return_if_fail (TH_IS_SYNC_CLIENT (self));
  self->request_deadline = MAX (seconds, 1);
  self->run_deadline = run_seconds;
}

void
th_sync_client_set_page_limit (ThSyncClient *self,
                               guint         limit)
{
  g_return_if_fail (TH_IS_SYNC_CLIENT (self));
  self->page_limit = CLAMP (limit, 1, TH_SYNC_MAX_LIMIT);
}
