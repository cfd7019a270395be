/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TH_SCAN_ERROR (th_scan_error_quark ())

/* Messages are translated and say what to do next: the GUI shows them as
 * they are. */
typedef enum {
  TH_SCAN_ERROR_FAILED,
  TH_SCAN_ERROR_NO_CODE,            /* a readable picture without a QR code */
  TH_SCAN_ERROR_UNREADABLE_IMAGE,   /* not a picture, or a damaged one */
  TH_SCAN_ERROR_INVALID_SOURCE,     /* a camera source string that makes no sense */
  TH_SCAN_ERROR_NO_CAMERA,
  TH_SCAN_ERROR_PERMISSION_DENIED,
  TH_SCAN_ERROR_MISSING_PLUGIN,     /* a GStreamer element is not installed */
  TH_SCAN_ERROR_TOO_LARGE,          /* a picture above TH_MAX_IMAGE_PIXELS */
} ThScanError;

GQuark th_scan_error_quark (void);

G_END_DECLS
