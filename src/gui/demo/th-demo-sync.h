/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "th-context.h"
#include "th-demo-server.h"

G_BEGIN_DECLS

/* `tihuo --demo`: @context syncs with the demo's own platform instead of
 * the server in the settings. It starts once the station is open. */
void          th_demo_sync_attach     (ThContext  *context,
                                       const char *demo_dir);
ThDemoServer *th_demo_sync_get_server (ThContext  *context);
gboolean      th_demo_sync_is_attached (ThContext *context);
void          th_demo_sync_stop       (ThContext  *context);

G_END_DECLS
