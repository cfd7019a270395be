/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Signing in: the PIN is checked by the core (argon2id, and the lockout
 * after wrong PINs) on a worker thread with its own database connection. */
#include "config.h"

#include "th-db-task.h"
#include "th-session.h"
#include "th-time.h"

typedef struct {
  char *name;
  char *pin;
} SignIn;

static void
sign_in_free (SignIn *s)
{
  g_free (s->name);
  th_pin_free (s->pin);
  g_free (s);
}

static gpointer
sign_in_job (ThDb     *db,
             gpointer  job_data,
             GError  **error)
{
  SignIn *s = job_data;
  return th_staff_sign_in (db, s->name, s->pin, th_time_now (), error);
}

void
th_session_sign_in_async (ThSession           *self,
                          ThDb                *db,
                          const char          *name,
                          const char          *pin,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  SignIn *s;

  g_return_if_fail (TH_IS_SESSION (self));
  g_return_if_fail (TH_IS_DB (db));

  s = g_new0 (SignIn, 1);
  s->name = g_strdup (name ? name : "");
  s->pin = g_strdup (pin ? pin : "");
  th_db_task_run (self, db, th_session_sign_in_async, sign_in_job, s, (GDestroyNotify) sign_in_free,
                  (GDestroyNotify) th_staff_unref, cancellable, callback, user_data);
}

/* Signs the staff member in on success. */
ThStaff *
th_session_sign_in_finish (ThSession     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  ThStaff *staff;

  g_return_val_if_fail (TH_IS_SESSION (self), NULL);

  if (!(staff = th_db_task_finish (result, th_session_sign_in_async, error)))
    return NULL;
  th_session_set_staff (self, staff);
  return staff;
}
