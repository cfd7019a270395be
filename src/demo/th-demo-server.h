/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "th-db.h"

G_BEGIN_DECLS

/* The demo station's bearer token on its own reference platform. */
#define TH_DEMO_SERVER_TOKEN "demo-station-4207-token"

/* The demo's central platform: tihuo-central-dev running as a child process
 * on a loopback port, with its own SQLite file in the demo folder, serving
 * the same orders and signing key as the demo station. It dies with the app:
 * th_demo_server_stop(), disposing the object, or the parent's death. */
#define TH_TYPE_DEMO_SERVER (th_demo_server_get_type ())
G_DECLARE_FINAL_TYPE (ThDemoServer, th_demo_server, TH, DEMO_SERVER, GObject)

/* $TIHUO_CENTRAL, else the installed one, else the one in the build tree. */
char         *th_demo_server_find_program        (GError              **error);

/* Call on the main thread: the child is told to die with this thread. */
void          th_demo_server_start_async         (ThDb                 *db,
                                                  const char           *dir,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
ThDemoServer *th_demo_server_start_finish        (GAsyncResult         *result,
                                                  GError              **error);

const char   *th_demo_server_get_url             (ThDemoServer         *self);
const char   *th_demo_server_get_token           (ThDemoServer         *self);
void          th_demo_server_stop                (ThDemoServer         *self);

/* The platform cancels @order_id on its own, as it would while the station
 * is offline; the next sync brings the change or a conflict. */
void          th_demo_server_cancel_order_async  (ThDemoServer         *self,
                                                  gint64                order_id,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean      th_demo_server_cancel_order_finish (ThDemoServer         *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

G_END_DECLS
