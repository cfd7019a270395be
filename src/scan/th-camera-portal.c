/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#ifdef TH_HAVE_LIBPORTAL
#include <libportal/portal.h>
#endif

#include "th-camera-portal.h"
#include "th-scan-error.h"

#ifdef TH_HAVE_LIBPORTAL
static void
camera_access_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  XdpPortal *portal = XDP_PORTAL (object);
  int fd;

  if (!xdp_portal_access_camera_finish (portal, result, &error))
    {
      if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, TH_SCAN_ERROR, TH_SCAN_ERROR_PERMISSION_DENIED,
                                 _("Tihuo may not use the camera. Allow it in Settings, under "
                                   "Apps, then turn the camera on again."));
      return;
    }
  fd = xdp_portal_open_pipewire_remote_for_camera (portal);
  if (fd < 0)
    g_task_return_new_error (task, TH_SCAN_ERROR, TH_SCAN_ERROR_NO_CAMERA,
                             _("The camera could not be opened. Check that no other app is using "
                               "it, then turn it on again."));
  else
    g_task_return_int (task, fd);
}
#endif

gboolean
th_camera_portal_is_needed (void)
{
#ifdef TH_HAVE_LIBPORTAL
  return xdp_portal_running_under_flatpak ();
#else
  return FALSE;
#endif
}

void
th_camera_portal_open_async (GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, th_camera_portal_open_async);
  /* The result is a descriptor to close: hand it over even if cancelled
   * meanwhile, rather than leak it. */
  g_task_set_check_cancellable (task, FALSE);
#ifdef TH_HAVE_LIBPORTAL
  {
    g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, cancellable, NULL);
    XdpPortal *portal;

    /* libportal 0.6 aborts without a session bus: a sandbox always has
     * one, but "portal" can be asked for anywhere. */
    if (bus == NULL)
      {
        g_task_return_new_error (task, TH_SCAN_ERROR, TH_SCAN_ERROR_NO_CAMERA,
                                 _("The camera portal is not available. Choose a camera in "
                                   "Preferences instead."));
        return;
      }
    portal = xdp_portal_new ();
    g_task_set_task_data (task, portal, g_object_unref);
    if (!xdp_portal_is_camera_present (portal))
      {
        g_task_return_new_error (task, TH_SCAN_ERROR, TH_SCAN_ERROR_NO_CAMERA,
                                 _("No camera found. Connect a camera and turn it on again, or "
                                   "scan codes with a hand-held scanner."));
        return;
      }
    xdp_portal_access_camera (portal, NULL, XDP_CAMERA_FLAG_NONE, cancellable,
                              camera_access_cb, g_steal_pointer (&task));
  }
#else
  g_task_return_new_error (task, TH_SCAN_ERROR, TH_SCAN_ERROR_MISSING_PLUGIN,
                           _("This build of Tihuo cannot use the camera portal. Choose a camera "
                             "in Preferences instead."));
#endif
}

int
th_camera_portal_open_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), -1);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == th_camera_portal_open_async, -1);

  return (int) g_task_propagate_int (G_TASK (result), error);
}
