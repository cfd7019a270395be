/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The cameras to offer in Preferences. */
#include "config.h"

#include <glib/gi18n.h>
#include <gst/gst.h>

#include "th-camera-portal.h"
#include "th-camera-source.h"

GPtrArray *
th_camera_device_list (void)
{
  g_autoptr(GstDeviceMonitor) monitor = gst_device_monitor_new ();
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) th_camera_device_free);
  ThCameraDevice *automatic = g_new0 (ThCameraDevice, 1);
  GList *devices;

  if (!gst_is_initialized ())
    gst_init (NULL, NULL);
  automatic->name = g_strdup (_("Default camera"));
  automatic->source = g_strdup ("auto");
  g_ptr_array_add (list, automatic);
  if (th_camera_portal_is_needed ())
    return list;

  gst_device_monitor_add_filter (monitor, "Video/Source", NULL);
  if (!gst_device_monitor_start (monitor))
    return list;
  devices = gst_device_monitor_get_devices (monitor);
  gst_device_monitor_stop (monitor);
  for (GList *l = devices; l; l = l->next)
    {
      g_autoptr(GstStructure) props = gst_device_get_properties (l->data);
      const char *api = props ? gst_structure_get_string (props, "device.api") : NULL;
      const char *path = props ? gst_structure_get_string (props, "device.path") : NULL;
      ThCameraDevice *device;

      /* PipeWire's provider lists the same cameras again; V4L2 is enough. */
      if (g_strcmp0 (api, "v4l2") != 0 || path == NULL)
        continue;
      device = g_new0 (ThCameraDevice, 1);
      device->name = gst_device_get_display_name (l->data);
      device->source = g_strconcat ("v4l2:", path, NULL);
      g_ptr_array_add (list, device);
    }
  g_list_free_full (devices, gst_object_unref);
  return list;
}

void
th_camera_device_free (ThCameraDevice *device)
{
  if (device == NULL)
    return;
  g_free (device->name);
  g_free (device->source);
  g_free (device);
}
