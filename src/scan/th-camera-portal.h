/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Under Flatpak the camera is only reachable through the camera portal:
 * ask for access, then get a PipeWire remote for pipewiresrc. Built
 * without libportal, the portal is never needed and never available. */
gboolean th_camera_portal_is_needed   (void);
/* The camera portal's dialog takes no parent window. */
void     th_camera_portal_open_async  (GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
/* A PipeWire remote's file descriptor, which the caller closes; -1 with
 * TH_SCAN_ERROR_NO_CAMERA, _PERMISSION_DENIED or _MISSING_PLUGIN. */
int      th_camera_portal_open_finish (GAsyncResult         *result,
                                       GError              **error);

G_END_DECLS
