/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "th-db.h"

G_BEGIN_DECLS

/* Work that must stay off the main loop (argon2id PIN checks, copying
 * photos) runs in a worker thread on its own connection to the station
 * database, as th-db.h asks. @job returns a new reference or allocation,
 * or NULL with @error set. */
typedef gpointer (*ThDbJob) (ThDb     *db,
                             gpointer  job_data,
                             GError  **error);

void     th_db_task_run    (gpointer             source_object,
                            ThDb                *db,
                            gpointer             source_tag,
                            ThDbJob              job,
                            gpointer             job_data,
                            GDestroyNotify       job_data_free,
                            GDestroyNotify       result_free,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data);
gpointer th_db_task_finish (GAsyncResult        *result,
                            gpointer             source_tag,
                            GError             **error);

/* Frees a string that held a PIN, wiping it first. */
void     th_pin_free       (char                *pin);

G_END_DECLS
