/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "th-db.h"

G_BEGIN_DECLS

/* The app calls this right after it opens the station database. At the
 * first start of the day, and after a crash (the previous run's marker is
 * still there), it reads every page in a worker thread; at the first start
 * of the day it then takes the daily backup. A damaged file is reported
 * through @callback. */
void     th_maintenance_start_of_day_async  (ThDb                *db,
                                             gint64               now,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean th_maintenance_start_of_day_finish (GAsyncResult        *result,
                                             GError             **error);
/* The same, blocking; for tests and tihuo-cli. */
gboolean th_maintenance_start_of_day        (ThDb                *db,
                                             gint64               now,
                                             GError             **error);

/* After the day is closed, today's daily backup is taken again so that it
 * holds the whole day. */
gboolean th_maintenance_after_closing_day   (ThDb                *db,
                                             gint64               now,
                                             GError             **error);

G_END_DECLS
