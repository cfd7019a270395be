/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <math.h>
#include <qrencode.h>

#include "th-qr-synth.h"

#define QUIET 4   /* modules of quiet zone, as the standard asks */

ThGray *
th_gray_new (int    width,
             int    height,
             guint8 value)
{
  ThGray *gray = g_new0 (ThGray, 1);

  gray->width = width;
  gray->height = height;
  gray->data = g_malloc ((gsize) width * height);
  memset (gray->data, value, (gsize) width * height);
  return gray;
}

void
th_gray_free (ThGray *gray)
{
  if (gray == NULL)
    return;
  g_free (gray->data);
  g_free (gray);
}

gboolean
th_gray_save_png (const ThGray  *gray,
                  const char    *path,
                  GError       **error)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, gray->width, gray->height);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);

  for (int y = 0; y < gray->height; y++)
    for (int x = 0; x < gray->width; x++)
      memset (pixels + y * stride + 3 * x, gray->data[y * gray->width + x], 3);
  return gdk_pixbuf_save (pixbuf, path, "png", error, NULL);
}

ThQuad
th_synth_quad (double cx,
               double cy,
               double size,
               double angle_degrees,
               double perspective)
{
  /* A square, the top edge shrunk and the bottom grown by @perspective, then
   * turned about its centre. */
  const double sx[4] = { -1, 1, 1, -1 }, sy[4] = { -1, -1, 1, 1 };
  double a = angle_degrees * G_PI / 180.0;
  ThQuad q;

  for (int i = 0; i < 4; i++)
    {
      double x = sx[i] * size / 2 * (1 + sy[i] * perspective);
      double y = sy[i] * size / 2;
      q.x[i] = cx + x * cos (a) - y * sin (a);
      q.y[i] = cy + x * sin (a) + y * cos (a);
    }
  return q;
}

/* Heckbert's unit square → quad projection, inverted so that each picture
 * pixel can look up its module. */
static void
quad_inverse (const ThQuad *q,
              double        inv[9])
{
  double dx1 = q->x[1] - q->x[2], dx2 = q->x[3] - q->x[2], dx3 = q->x[0] - q->x[1] + q->x[2] - q->x[3];
  double dy1 = q->y[1] - q->y[2], dy2 = q->y[3] - q->y[2], dy3 = q->y[0] - q->y[1] + q->y[2] - q->y[3];
  double det = dx1 * dy2 - dx2 * dy1;
  double g = (dx3 * dy2 - dx2 * dy3) / det, h = (dx1 * dy3 - dx3 * dy1) / det;
  double m[9] = {
    q->x[1] - q->x[0] + g * q->x[1], q->x[3] - q->x[0] + h * q->x[3], q->x[0],
    q->y[1] - q->y[0] + g * q->y[1], q->y[3] - q->y[0] + h * q->y[3], q->y[0],
    g, h, 1,
  };

  inv[0] = m[4] * m[8] - m[5] * m[7];
  inv[1] = m[2] * m[7] - m[1] * m[8];
  inv[2] = m[1] * m[5] - m[2] * m[4];
  inv[3] = m[5] * m[6] - m[3] * m[8];
  inv[4] = m[0] * m[8] - m[2] * m[6];
  inv[5] = m[2] * m[3] - m[0] * m[5];
  inv[6] = m[3] * m[7] - m[4] * m[6];
  inv[7] = m[1] * m[6] - m[0] * m[7];
  inv[8] = m[0] * m[4] - m[1] * m[3];
}

void
th_synth_draw_qr (ThGray       *gray,
                  const char   *text,
                  const ThQuad *quad,
                  guint8        dark,
                  guint8        light)
{
  QRcode *qr = QRcode_encodeString (text, 0, QR_ECLEVEL_M, QR_MODE_8, TRUE);
  int n, total, x0 = gray->width, y0 = gray->height, x1 = 0, y1 = 0;
  double inv[9];

  g_assert_nonnull (qr);
  n = qr->width;
  total = n + 2 * QUIET;
  quad_inverse (quad, inv);
  for (int i = 0; i < 4; i++)
    {
      x0 = MIN (x0, (int) floor (quad->x[i]));
      y0 = MIN (y0, (int) floor (quad->y[i]));
      x1 = MAX (x1, (int) ceil (quad->x[i]));
      y1 = MAX (y1, (int) ceil (quad->y[i]));
    }
  x0 = MAX (x0, 0);
  y0 = MAX (y0, 0);
  x1 = MIN (x1, gray->width - 1);
  y1 = MIN (y1, gray->height - 1);

  /* 4×4 supersampling gives the soft module edges a lens would. */
  for (int y = y0; y <= y1; y++)
    for (int x = x0; x <= x1; x++)
      {
        int inside = 0, sum = 0;

        for (int sy = 0; sy < 4; sy++)
          for (int sx = 0; sx < 4; sx++)
            {
              double px = x + (sx + 0.5) / 4, py = y + (sy + 0.5) / 4;
              double w = inv[6] * px + inv[7] * py + inv[8];
              double s = (inv[0] * px + inv[1] * py + inv[2]) / w;
              double t = (inv[3] * px + inv[4] * py + inv[5]) / w;
              int mx, my;

              if (s < 0 || s >= 1 || t < 0 || t >= 1)
                continue;
              inside++;
              mx = (int) (s * total) - QUIET;
              my = (int) (t * total) - QUIET;
              if (mx >= 0 && my >= 0 && mx < n && my < n && (qr->data[my * n + mx] & 1))
                sum += dark;
              else
                sum += light;
            }
        if (inside > 0)
          {
            guint8 *p = &gray->data[y * gray->width + x];
            *p = (guint8) ((sum + (16 - inside) * *p) / 16);
          }
      }
  QRcode_free (qr);
}

void
th_synth_background (ThGray   *gray,
                     GRand    *rand,
                     guint8    level,
                     gboolean  clutter)
{
  double cx = g_rand_double_range (rand, 0, gray->width);
  double cy = g_rand_double_range (rand, 0, gray->height);
  double r = hypot (gray->width, gray->height);

  for (int y = 0; y < gray->height; y++)
    for (int x = 0; x < gray->width; x++)
      {
        double falloff = 1.0 - 0.45 * hypot (x - cx, y - cy) / r;
        gray->data[y * gray->width + x] = (guint8) CLAMP (level * falloff, 0, 255);
      }

  if (!clutter)
    return;
  for (int i = 0; i < 12; i++)
    {
      int w = g_rand_int_range (rand, 10, gray->width / 4);
      int h = g_rand_int_range (rand, 10, gray->height / 4);
      int x = g_rand_int_range (rand, 0, gray->width - w);
      int y = g_rand_int_range (rand, 0, gray->height - h);
      guint8 v = (guint8) g_rand_int_range (rand, 20, 230);

      for (int yy = y; yy < y + h; yy++)
        memset (gray->data + yy * gray->width + x, v, w);
    }
  /* Stripes, like a shelf or a keyboard, that a line scanner sees as bars. */
  for (int i = 0; i < 40; i++)
    {
      int x = g_rand_int_range (rand, 0, gray->width - 4);
      int y = g_rand_int_range (rand, 0, gray->height / 2);
      int h = g_rand_int_range (rand, 20, gray->height / 2);

      for (int yy = y; yy < y + h; yy++)
        memset (gray->data + yy * gray->width + x, i % 2 ? 30 : 220, 2 + i % 3);
    }
}

static void
box_blur_pass (ThGray *gray,
               int     radius,
               gboolean vertical)
{
  int len = vertical ? gray->height : gray->width;
  int lines = vertical ? gray->width : gray->height;
  int step = vertical ? gray->width : 1;
  int line_step = vertical ? 1 : gray->width;
  g_autofree guint8 *copy = g_malloc (len);

  for (int l = 0; l < lines; l++)
    {
      guint8 *p = gray->data + l * line_step;
      int sum = 0;

      for (int i = 0; i < len; i++)
        copy[i] = p[i * step];
      for (int i = -radius; i <= radius; i++)
        sum += copy[CLAMP (i, 0, len - 1)];
      for (int i = 0; i < len; i++)
        {
          p[i * step] = (guint8) (sum / (2 * radius + 1));
          sum += copy[MIN (i + radius + 1, len - 1)] - copy[MAX (i - radius, 0)];
        }
    }
}

void
th_synth_blur (ThGray *gray,
               int     radius)
{
  /* Two box passes each way are close enough to a Gaussian for a lens. */
  for (int i = 0; i < 2 && radius > 0; i++)
    {
      box_blur_pass (gray, radius, FALSE);
      box_blur_pass (gray, radius, TRUE);
    }
}

void
th_synth_noise (ThGray *gray,
                GRand  *rand,
                double  sigma)
{
  gsize n = (gsize) gray->width * gray->height;

  for (gsize i = 0; i < n; i++)
    {
      /* Box–Muller from two uniforms. */
      double u1 = g_rand_double (rand) + 1e-12, u2 = g_rand_double (rand);
      double v = gray->data[i] + sigma * sqrt (-2 * log (u1)) * cos (2 * G_PI * u2);
      gray->data[i] = (guint8) CLAMP (lround (v), 0, 255);
    }
}

void
th_synth_glare (ThGray *gray,
                double  cx,
                double  cy,
                double  radius,
                double  strength)
{
  for (int y = 0; y < gray->height; y++)
    for (int x = 0; x < gray->width; x++)
      {
        double d = hypot (x - cx, y - cy) / radius;
        guint8 *p = &gray->data[y * gray->width + x];

        if (d < 1)
          *p = (guint8) CLAMP (*p + strength * (1 - d) * (1 - d), 0, 255);
      }
}

ThGray *
th_synth_code_picture (const char *text,
                       double      module_px)
{
  QRcode *qr = QRcode_encodeString (text, 0, QR_ECLEVEL_M, QR_MODE_8, TRUE);
  double size = module_px * (qr->width + 2 * QUIET);
  int side = (int) ceil (size) + 16;
  ThGray *gray = th_gray_new (side, side, 255);
  ThQuad quad = th_synth_quad (side / 2.0, side / 2.0, size, 0, 0);

  QRcode_free (qr);
  th_synth_draw_qr (gray, text, &quad, 0, 255);
  return gray;
}

char *
th_synth_random_code (GRand *rand)
{
  static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  GString *s = g_string_new ("TH1");

  while (s->len < 146)
    g_string_append_c (s, alphabet[g_rand_int_range (rand, 0, 32)]);
  return g_string_free (s, FALSE);
}

ThGray *
th_synth_camera_frame (int         width,
                       int         height,
                       const char *text,
                       double      module_px,
                       GRand      *scene,
                       GRand      *noise)
{
  GRand *rand = scene;
  ThGray *gray = th_gray_new (width, height, 0);
  double size = module_px * (41 + 2 * QUIET);   /* a signed code is version 6 */
  double cx = width / 2.0 + g_rand_double_range (rand, -0.35, 0.35) * (width - size);
  double cy = height / 2.0 + g_rand_double_range (rand, -0.35, 0.35) * (height - size);
  ThQuad quad = th_synth_quad (cx, cy, size, g_rand_double_range (rand, -12, 12),
                               g_rand_double_range (rand, -0.06, 0.06));

  th_synth_background (gray, rand, 170, TRUE);
  th_synth_draw_qr (gray, text, &quad, 40, 205);
  th_synth_blur (gray, 1);
  th_synth_noise (gray, noise, 9);
  return gray;
}
