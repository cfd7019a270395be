/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the counter works with, held once for the whole app: the open
 * station database, the session (who is signed in), the sync client and
 * the settings that are policy. The application owns it and hands it to
 * each window, page and dialog; no widget looks for these anywhere else. */
#include "config.h"

#include "th-context-private.h"

G_DEFINE_FINAL_TYPE (ThContext, th_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DB,
  PROP_SESSION,
  PROP_SYNC_CLIENT,
  N_PROPS
};

enum {
  SYNC_PROBLEM,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
th_context_dispose (GObject *object)
{
  ThContext *self = (ThContext *)object;

  _th_context_dispose_sync (self);
  if (self->sync_client)
    th_sync_client_stop (self->sync_client);
  g_clear_object (&self->sync_client);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (th_context_parent_class)->dispose (object);
}

static void
th_context_finalize (GObject *object)
{
  ThContext *self = (ThContext *)object;

  g_free (self->problem_title);
  g_free (self->problem_detail);

  G_OBJECT_CLASS (th_context_parent_class)->finalize (object);
}

static void
th_context_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  ThContext *self = TH_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_DB:
      g_value_set_object (value, self->db);
      break;
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_SYNC_CLIENT:
      g_value_set_object (value, self->sync_client);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
th_context_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  ThContext *self = TH_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_DB:
      th_context_set_db (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
th_context_class_init (ThContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = th_context_dispose;
  object_class->finalize = th_context_finalize;
  object_class->get_property = th_context_get_property;
  object_class->set_property = th_context_set_property;

  properties[PROP_DB] =
    g_param_spec_object ("db", NULL, NULL, TH_TYPE_DB,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, TH_TYPE_SESSION,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SYNC_CLIENT] =
    g_param_spec_object ("sync-client", NULL, NULL, TH_TYPE_SYNC_CLIENT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Sync does not run, and why: (title, detail), both NULL when simply not
   * set up. */
  signals[SYNC_PROBLEM] = g_signal_new ("sync-problem", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
th_context_init (ThContext *self)
{
  self->settings = g_settings_new (APP_ID);
  self->session = th_session_new ();
  _th_context_init_policy (self);
  _th_context_init_sync (self);
}

/**
 * th_context_new:
 * @db: (nullable): the open station database, or NULL to set it later
 */
ThContext *
th_context_new (ThDb *db)
{
  return g_object_new (TH_TYPE_CONTEXT, "db", db, NULL);
}

ThDb *
th_context_get_db (ThContext *self)
{
  g_return_val_if_fail (TH_IS_CONTEXT (self), NULL);
  return self->db;
}

/* Once the database is open, sync starts (if the station is set up). */
void
th_context_set_db (ThContext *self,
                   ThDb      *db)
{
  g_return_if_fail (TH_IS_CONTEXT (self));
  g_return_if_fail (db == NULL || TH_IS_DB (db));

  if (!g_set_object (&self->db, db))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DB]);
  th_context_connect_sync (self);
}

ThSession *
th_context_get_session (ThContext *self)
{
  g_return_val_if_fail (TH_IS_CONTEXT (self), NULL);
  return self->session;
}

/* Who records a hand-over, undo, refund or case: the signed-in staff
 * member, or "" when nobody is. */
char *
th_context_dup_staff_name (ThContext *self)
{
  const char *name;

  g_return_val_if_fail (TH_IS_CONTEXT (self), NULL);
  name = th_session_get_staff_name (self->session);
  return g_strdup (name ? name : "");
}

ThSyncClient *
th_context_get_sync_client (ThContext *self)
{
  g_return_val_if_fail (TH_IS_CONTEXT (self), NULL);
  return self->sync_client;
}

/**
 * th_context_set_sync_client:
 * @client: (nullable): the client to run
 *
 * Stops the running client, if any, and starts @client.
 */
void
th_context_set_sync_client (ThContext    *self,
                            ThSyncClient *client)
{
  g_return_if_fail (TH_IS_CONTEXT (self));
  g_return_if_fail (client == NULL || TH_IS_SYNC_CLIENT (client));

  if (self->sync_client == client)
    return;
  if (self->sync_client)
    th_sync_client_stop (self->sync_client);
  g_set_object (&self->sync_client, client);
  if (client)
    {
      g_clear_pointer (&self->problem_title, g_free);
      g_clear_pointer (&self->problem_detail, g_free);
      th_sync_client_start (client);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC_CLIENT]);
}

/* No client runs, and why; both NULL when sync is simply not set up. */
void
th_context_set_sync_problem (ThContext  *self,
                             const char *title,
                             const char *detail)
{
  g_return_if_fail (TH_IS_CONTEXT (self));

  th_context_set_sync_client (self, NULL);
  g_free (self->problem_title);
  g_free (self->problem_detail);
  self->problem_title = g_strdup (title);
  self->problem_detail = g_strdup (detail);
  g_signal_emit (self, signals[SYNC_PROBLEM], 0, title, detail);
}

const char *
th_context_get_sync_problem_title (ThContext *self)
{
  g_return_val_if_fail (TH_IS_CONTEXT (self), NULL);
  return self->problem_title;
}

const char *
th_context_get_sync_problem_detail (ThContext *self)
{
  g_return_val_if_fail (TH_IS_CONTEXT (self), NULL);
  return self->problem_detail;
}
