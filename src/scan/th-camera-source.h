/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

/* Where camera frames come from, as a string (GSettings, --camera-source):
 *
 *   auto                 the camera portal under Flatpak, else the first
 *                        V4L2 camera (the default; "" means the same)
 *   v4l2:/dev/videoN     that V4L2 device
 *   portal               the camera portal (PipeWire), wherever we run
 *   test[:PATTERN]       videotestsrc, e.g. test:ball
 *   file:PATH[#OPTIONS]  a folder of pictures (in name order), one picture,
 *                        or a video file; a bare absolute path means the
 *                        same. OPTIONS, comma-separated: fps=N (default
 *                        10), hold=N frames per picture (default 10), once
 *                        (end instead of looping).
 *
 * So demos and tests run the real pipeline with no camera. No GTK here. */
typedef enum {
  TH_CAMERA_SOURCE_AUTO,
  TH_CAMERA_SOURCE_V4L2,
  TH_CAMERA_SOURCE_PORTAL,
  TH_CAMERA_SOURCE_TEST,
  TH_CAMERA_SOURCE_FILE,
} ThCameraSourceKind;

typedef struct {
  ThCameraSourceKind  kind;
  char               *location;  /* device, pattern or path; NULL for auto */
  guint               fps;       /* file sources */
  guint               hold;
  gboolean            loop;
} ThCameraSource;

/* A camera the user can choose in Preferences. */
typedef struct {
  char *name;     /* for people, e.g. "Integrated Camera" */
  char *source;   /* for th_camera_source_parse(), e.g. "v4l2:/dev/video0" */
} ThCameraDevice;

ThCameraSource *th_camera_source_parse        (const char            *text,
                                               GError               **error);
void            th_camera_source_free         (ThCameraSource        *source);
/* TRUE when auto means the camera portal. */
gboolean        th_camera_source_wants_portal (const ThCameraSource  *source);
/* A bin with one "src" pad giving raw video, paced in real time. The
 * portal source needs @pipewire_fd (from th-camera-portal), others ignore
 * it. Errors: TH_SCAN_ERROR_NO_CAMERA, _INVALID_SOURCE, _MISSING_PLUGIN. */
GstElement     *th_camera_source_make_element (const ThCameraSource  *source,
                                               int                    pipewire_fd,
                                               GError               **error);

/* "auto" first, then each V4L2 camera found (none under Flatpak, where
 * only the portal can see cameras). Of ThCameraDevice. */
GPtrArray      *th_camera_device_list         (void);
void            th_camera_device_free         (ThCameraDevice        *device);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThCameraSource, th_camera_source_free)

G_END_DECLS
