/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The settings that are policy: refund limits, after-sales deadlines and
 * the idle lock. They are read here and nowhere else, so moving them into
 * the station database changes only this file. */
#include "config.h"

#include "th-context-private.h"

static void
lock_idle_changed_cb (ThContext *self)
{
  th_session_set_idle_minutes (self->session, th_context_get_lock_idle_minutes (self));
}

void
_th_context_init_policy (ThContext *self)
{
  g_signal_connect_object (self->settings, "changed::lock-idle-minutes", G_CALLBACK (lock_idle_changed_cb),
                           self, G_CONNECT_SWAPPED);
  lock_idle_changed_cb (self);
}

void
th_context_get_refund_policy (ThContext      *self,
                              ThRefundPolicy *policy)
{
  g_return_if_fail (TH_IS_CONTEXT (self));
  g_return_if_fail (policy != NULL);
  policy->approval_threshold = g_settings_get_int64 (self->settings, "refund-approval-threshold");
  policy->cashier_daily_cap = g_settings_get_int64 (self->settings, "refund-cashier-daily-cap");
}

void
th_context_get_deadlines (ThContext       *self,
                          ThCaseDeadlines *deadlines)
{
  g_return_if_fail (TH_IS_CONTEXT (self));
  g_return_if_fail (deadlines != NULL);
  deadlines->respond_seconds = (gint64) g_settings_get_uint (self->settings, "case-respond-minutes") * 60;
  deadlines->resolve_seconds = (gint64) g_settings_get_uint (self->settings, "case-resolve-hours") * 3600;
}

/* 0: never lock */
guint
th_context_get_lock_idle_minutes (ThContext *self)
{
  g_return_val_if_fail (TH_IS_CONTEXT (self), 0);
  return g_settings_get_uint (self->settings, "lock-idle-minutes");
}
