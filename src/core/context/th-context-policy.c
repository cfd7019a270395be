/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The settings that are policy (refund limits, after-sales deadlines, the
 * idle lock) live in the station database (th-policy.h), where only a
 * leader changes them. The GUI asks the context, which reads them here. */
#include "config.h"

#include "th-context-private.h"
#include "th-policy.h"

/**
 * th_context_get_policy:
 *
 * The station's policy; its defaults while no station is open or when it
 * cannot be read (a read of a few rows; the next call tries again).
 */
void
th_context_get_policy (ThContext *self,
                       ThPolicy  *policy)
{
  static const ThPolicy defaults = TH_POLICY_DEFAULT;

  g_return_if_fail (TH_IS_CONTEXT (self));
  g_return_if_fail (policy != NULL);

  *policy = defaults;
  if (self->db != NULL && !th_policy_load (self->db, policy, NULL))
    *policy = defaults;
}

void
th_context_get_deadlines (ThContext       *self,
                          ThCaseDeadlines *deadlines)
{
  ThPolicy policy;

  g_return_if_fail (TH_IS_CONTEXT (self));
  g_return_if_fail (deadlines != NULL);
  th_context_get_policy (self, &policy);
  deadlines->respond_seconds = policy.case_respond_minutes * 60;
  deadlines->resolve_seconds = policy.case_resolve_hours * 3600;
}

/* 0: never lock */
guint
th_context_get_lock_idle_minutes (ThContext *self)
{
  ThPolicy policy;

  g_return_val_if_fail (TH_IS_CONTEXT (self), 0);
  th_context_get_policy (self, &policy);
  return (guint) CLAMP (policy.lock_idle_minutes, 0, G_MAXUINT);
}

/**
 * th_context_reload_policy:
 *
 * Passes the station's idle lock on to the session: when a station is
 * opened, at each sign-in, and after a leader changed the policy here or in
 * another terminal.
 */
void
th_context_reload_policy (ThContext *self)
{
  g_return_if_fail (TH_IS_CONTEXT (self));
  th_session_set_idle_minutes (self->session, th_context_get_lock_idle_minutes (self));
}

void
_th_context_init_policy (ThContext *self)
{
  g_signal_connect_object (self, "notify::db", G_CALLBACK (th_context_reload_policy), NULL, 0);
  g_signal_connect_object (self->session, "notify::staff", G_CALLBACK (th_context_reload_policy),
                           self, G_CONNECT_SWAPPED);
  th_context_reload_policy (self);
}
