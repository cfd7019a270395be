/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Who works the counter right now. A sign-in checks the PIN in the core
 * (slow on purpose, so on a worker thread); the session then lends that
 * name to every hand-over, undo, refund and case. After the idle time set
 * in Preferences (ThContext passes it on) it locks, and someone has to
 * sign in again. No GTK: the GUI reports input with
 * th_session_note_activity() (th-activity-watch.c). */
#include "config.h"

#include "th-session.h"

/* How often the idle time is looked at; a lock a few seconds late is fine. */
#define IDLE_CHECK_SECONDS 5

struct _ThSession
{
  GObject         parent_instance;

  GSettings      *settings;
  ThStaff        *staff;
  char           *last_name;

  guint           idle_minutes;
  gint64          last_activity;
  guint           idle_source;
  ThSessionClock  clock;
  gpointer        clock_data;
};

G_DEFINE_FINAL_TYPE (ThSession, th_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STAFF,
  PROP_STAFF_NAME,
  PROP_SIGNED_IN,
  PROP_IS_LEADER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gint64
now_us (ThSession *self)
{
  return self->clock ? self->clock (self->clock_data) : g_get_monotonic_time ();
}

static gboolean
idle_check_cb (gpointer user_data)
{
  th_session_check_idle (user_data);
  return G_SOURCE_CONTINUE;
}

static void
update_idle_source (ThSession *self)
{
  gboolean wanted = self->staff != NULL && self->idle_minutes > 0;

  if (wanted && self->idle_source == 0)
    self->idle_source = g_timeout_add_seconds (IDLE_CHECK_SECONDS, idle_check_cb, self);
  else if (!wanted)
    g_clear_handle_id (&self->idle_source, g_source_remove);
}

static void
notify_all (ThSession *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAFF]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAFF_NAME]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGNED_IN]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_LEADER]);
}

static void
th_session_dispose (GObject *object)
{
  ThSession *self = (ThSession *)object;

  g_clear_handle_id (&self->idle_source, g_source_remove);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->staff, th_staff_unref);

  G_OBJECT_CLASS (th_session_parent_class)->dispose (object);
}

static void
th_session_finalize (GObject *object)
{
  ThSession *self = (ThSession *)object;

  g_free (self->last_name);

  G_OBJECT_CLASS (th_session_parent_class)->finalize (object);
}

static void
th_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  ThSession *self = TH_SESSION (object);

  switch (prop_id)
    {
    case PROP_STAFF:
      g_value_set_boxed (value, self->staff);
      break;
    case PROP_STAFF_NAME:
      g_value_set_string (value, th_session_get_staff_name (self));
      break;
    case PROP_SIGNED_IN:
      g_value_set_boolean (value, th_session_get_signed_in (self));
      break;
    case PROP_IS_LEADER:
      g_value_set_boolean (value, th_session_get_is_leader (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
th_session_class_init (ThSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = th_session_dispose;
  object_class->finalize = th_session_finalize;
  object_class->get_property = th_session_get_property;

  properties[PROP_STAFF] =
    g_param_spec_boxed ("staff", NULL, NULL, TH_TYPE_STAFF,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STAFF_NAME] =
    g_param_spec_string ("staff-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SIGNED_IN] =
    g_param_spec_boolean ("signed-in", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_IS_LEADER] =
    g_param_spec_boolean ("is-leader", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
th_session_init (ThSession *self)
{
  self->settings = g_settings_new (APP_ID);
  self->last_name = g_settings_get_string (self->settings, "last-staff");
  self->last_activity = now_us (self);
}

ThSession *
th_session_new (void)
{
  return g_object_new (TH_TYPE_SESSION, NULL);
}

/* (nullable): the signed-in staff member */
ThStaff *
th_session_get_staff (ThSession *self)
{
  g_return_val_if_fail (TH_IS_SESSION (self), NULL);
  return self->staff;
}

const char *
th_session_get_staff_name (ThSession *self)
{
  g_return_val_if_fail (TH_IS_SESSION (self), NULL);
  return self->staff ? self->staff->name : NULL;
}

/* Who was signed in last, for the sign-in page to offer first. */
const char *
th_session_get_last_name (ThSession *self)
{
  g_return_val_if_fail (TH_IS_SESSION (self), NULL);
  return self->last_name;
}

gboolean
th_session_get_signed_in (ThSession *self)
{
  g_return_val_if_fail (TH_IS_SESSION (self), FALSE);
  return self->staff != NULL;
}

/* Only for what the GUI offers (the Staff dialog); the core checks the
 * leader's PIN for every change. */
gboolean
th_session_get_is_leader (ThSession *self)
{
  g_return_val_if_fail (TH_IS_SESSION (self), FALSE);
  return self->staff != NULL && self->staff->role == TH_STAFF_ROLE_LEADER;
}

/**
 * th_session_set_staff:
 * @staff: (nullable): a staff member whose PIN the core has just checked
 */
void
th_session_set_staff (ThSession *self,
                      ThStaff   *staff)
{
  g_return_if_fail (TH_IS_SESSION (self));

  if (staff == self->staff)
    return;
  g_clear_pointer (&self->staff, th_staff_unref);
  if (staff)
    {
      self->staff = th_staff_ref (staff);
      g_free (self->last_name);
      self->last_name = g_strdup (staff->name);
      g_settings_set_string (self->settings, "last-staff", staff->name);
    }
  self->last_activity = now_us (self);
  update_idle_source (self);
  notify_all (self);
}

void
th_session_lock (ThSession *self)
{
  g_return_if_fail (TH_IS_SESSION (self));
  th_session_set_staff (self, NULL);
}

void
th_session_note_activity (ThSession *self)
{
  g_return_if_fail (TH_IS_SESSION (self));
  self->last_activity = now_us (self);
}

/**
 * th_session_check_idle:
 *
 * Locks when nobody touched the counter for the idle time in Preferences.
 *
 * Returns: %TRUE if it locked
 */
gboolean
th_session_check_idle (ThSession *self)
{
  guint minutes;

  g_return_val_if_fail (TH_IS_SESSION (self), FALSE);

  minutes = self->idle_minutes;
  if (self->staff == NULL || minutes == 0 ||
      now_us (self) - self->last_activity < (gint64) minutes * 60 * G_USEC_PER_SEC)
    return FALSE;
  th_session_lock (self);
  return TRUE;
}

void
th_session_set_clock (ThSession      *self,
                      ThSessionClock  clock,
                      gpointer        user_data)
{
  g_return_if_fail (TH_IS_SESSION (self));
  self->clock = clock;
  self->clock_data = user_data;
  self->last_activity = now_us (self);
}

void
th_session_set_idle_minutes (ThSession *self,
                             guint      minutes)
{
  g_return_if_fail (TH_IS_SESSION (self));
  if (minutes == self->idle_minutes)
    return;
  self->idle_minutes = minutes;
  th_session_note_activity (self);
  update_idle_source (self);
}
