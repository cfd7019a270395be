/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A QR code as a GdkPaintable, made with libqrencode. It is drawn as
 * rectangles on whole pixels, so it stays sharp at any size and a phone or
 * scanner pointed at the screen reads it. */
#include "config.h"

#include <qrencode.h>

#include "th-qr-paintable.h"

/* The quiet zone the QR standard asks for, in modules. */
#define QUIET_ZONE    4
#define MODULE_PIXELS 4

struct _ThQrPaintable
{
  GObject  parent_instance;

  guint    width;       /* modules per side, without the quiet zone */
  guint8  *modules;     /* width × width, 1 for dark */
};

static void paintable_iface_init (GdkPaintableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ThQrPaintable, th_qr_paintable, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GDK_TYPE_PAINTABLE, paintable_iface_init))

static int
get_intrinsic_size (GdkPaintable *paintable)
{
  ThQrPaintable *self = TH_QR_PAINTABLE (paintable);
  return (int) (self->width + 2 * QUIET_ZONE) * MODULE_PIXELS;
}

static void
snapshot (GdkPaintable *paintable,
          GdkSnapshot  *snapshot,
          double        width,
          double        height)
{
  ThQrPaintable *self = TH_QR_PAINTABLE (paintable);
  const GdkRGBA white = { 1, 1, 1, 1 };
  const GdkRGBA black = { 0, 0, 0, 1 };
  guint total = self->width + 2 * QUIET_ZONE;
  double side = MIN (width, height);
  double module = floor (side / total);
  double x0, y0;

  if (module < 1)
    module = side / total;
  x0 = floor ((width - module * total) / 2) + module * QUIET_ZONE;
  y0 = floor ((height - module * total) / 2) + module * QUIET_ZONE;

  gtk_snapshot_append_color (GTK_SNAPSHOT (snapshot), &white,
                             &GRAPHENE_RECT_INIT (x0 - module * QUIET_ZONE, y0 - module * QUIET_ZONE,
                                                  module * total, module * total));
  for (guint y = 0; y < self->width; y++)
    {
      guint x = 0;

      while (x < self->width)
        {
          guint run = 0;

          /* One rectangle per run of dark modules keeps the node count low. */
          while (x + run < self->width && self->modules[y * self->width + x + run])
            run++;
          if (run > 0)
            {
              gtk_snapshot_append_color (GTK_SNAPSHOT (snapshot), &black,
                                         &GRAPHENE_RECT_INIT (x0 + x * module, y0 + y * module,
                                                              run * module, module));
              x += run;
            }
          else
            x++;
        }
    }
}

static void
paintable_iface_init (GdkPaintableInterface *iface)
{
  iface->snapshot = snapshot;
  iface->get_intrinsic_width = get_intrinsic_size;
  iface->get_intrinsic_height = get_intrinsic_size;
}

static void
th_qr_paintable_finalize (GObject *object)
{
  g_free (TH_QR_PAINTABLE (object)->modules);
  G_OBJECT_CLASS (th_qr_paintable_parent_class)->finalize (object);
}

static void
th_qr_paintable_class_init (ThQrPaintableClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = th_qr_paintable_finalize;
}

static void
th_qr_paintable_init (ThQrPaintable *self)
{
}

/**
 * th_qr_paintable_new:
 *
 * Signed codes use only QR's alphanumeric characters, so libqrencode picks
 * its compact alphanumeric mode for them.
 */
ThQrPaintable *
th_qr_paintable_new (const char *text)
{
  ThQrPaintable *self = g_object_new (TH_TYPE_QR_PAINTABLE, NULL);
  QRcode *code;

  g_return_val_if_fail (text != NULL, self);

  code = QRcode_encodeString (text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (code == NULL)
    {
      g_warning ("Cannot make a QR code of %zu characters", strlen (text));
      return self;
    }
  self->width = (guint) code->width;
  self->modules = g_malloc (self->width * self->width);
  for (guint i = 0; i < self->width * self->width; i++)
    self->modules[i] = code->data[i] & 1;
  QRcode_free (code);
  return self;
}

guint
th_qr_paintable_get_width (ThQrPaintable *self)
{
  g_return_val_if_fail (TH_IS_QR_PAINTABLE (self), 0);
  return self->width;
}

gboolean
th_qr_paintable_is_dark (ThQrPaintable *self,
                         guint          x,
                         guint          y)
{
  g_return_val_if_fail (TH_IS_QR_PAINTABLE (self), FALSE);
  g_return_val_if_fail (x < self->width && y < self->width, FALSE);
  return self->modules[y * self->width + x];
}
