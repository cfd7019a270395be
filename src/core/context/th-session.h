/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "th-db.h"
#include "th-staff.h"

G_BEGIN_DECLS

#define TH_TYPE_SESSION (th_session_get_type ())
G_DECLARE_FINAL_TYPE (ThSession, th_session, TH, SESSION, GObject)

/* Monotonic time in microseconds; tests replace the clock. */
typedef gint64 (*ThSessionClock) (gpointer user_data);

ThSession  *th_session_new               (void);

ThStaff    *th_session_get_staff         (ThSession           *self);
const char *th_session_get_staff_name    (ThSession           *self);
const char *th_session_get_last_name     (ThSession           *self);
gboolean    th_session_get_signed_in     (ThSession           *self);
gboolean    th_session_get_is_leader     (ThSession           *self);
void        th_session_set_staff         (ThSession           *self,
                                          ThStaff             *staff);
void        th_session_lock              (ThSession           *self);

void        th_session_note_activity     (ThSession           *self);
gboolean    th_session_check_idle        (ThSession           *self);
void        th_session_set_clock         (ThSession           *self,
                                          ThSessionClock       clock,
                                          gpointer             user_data);
/* 0 never locks; ThContext passes the policy on. */
void        th_session_set_idle_minutes  (ThSession           *self,
                                          guint                minutes);

void        th_session_sign_in_async     (ThSession           *self,
                                          ThDb                *db,
                                          const char          *name,
                                          const char          *pin,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
ThStaff    *th_session_sign_in_finish    (ThSession           *self,
                                          GAsyncResult        *result,
                                          GError             **error);

G_END_DECLS
