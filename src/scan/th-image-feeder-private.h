/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

/* An appsrc that shows each picture of @paths for @hold frames at @fps,
 * then loops or ends. Timestamps start at 0: put a clocksync after it.
 * Pictures that cannot be read are skipped. */
GstElement *_th_image_feeder_new (GPtrArray *paths,
                                  guint      fps,
                                  guint      hold,
                                  gboolean   loop);

G_END_DECLS
