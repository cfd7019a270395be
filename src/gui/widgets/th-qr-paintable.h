/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TH_TYPE_QR_PAINTABLE (th_qr_paintable_get_type ())
G_DECLARE_FINAL_TYPE (ThQrPaintable, th_qr_paintable, TH, QR_PAINTABLE, GObject)

ThQrPaintable *th_qr_paintable_new       (const char    *text);
guint          th_qr_paintable_get_width (ThQrPaintable *self);
gboolean       th_qr_paintable_is_dark   (ThQrPaintable *self,
                                          guint          x,
                                          guint          y);

G_END_DECLS
