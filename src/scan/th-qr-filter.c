/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Cheap picture clean-ups before zbar. zbar's line scanner spends most of a
 * noisy frame on edges that are only sensor noise (a flat noisy 720p frame
 * costs it 30 ms, a clean one 5 ms), so everything here is about removing
 * those edges without losing a code's. */
#include "config.h"

#include <string.h>

#include "th-qr-filter-private.h"

#define BLOCK 8            /* binarize block side, pixels */
#define BLOCK_SHIFT 3
#define NEIGHBOURHOOD 2    /* threshold = mean over (2·2+1)² blocks */

guint8 *
_th_qr_buffer_reserve (GByteArray *buf,
                       gsize       size)
{
  if (buf->len < size)
    g_byte_array_set_size (buf, (guint) size);
  return buf->data;
}

void
_th_qr_filter_halve (const ThGrayView *src,
                     ThGrayView       *dst)
{
  g_assert (dst->width == src->width / 2 && dst->height == src->height / 2);

  for (int y = 0; y < dst->height; y++)
    {
      const guint8 *a = src->data + (gsize) (2 * y) * src->stride;
      const guint8 *b = a + src->stride;
      guint8 *o = dst->data + (gsize) y * dst->width;

      for (int x = 0; x < dst->width; x++)
        o[x] = (guint8) ((a[2 * x] + a[2 * x + 1] + b[2 * x] + b[2 * x + 1] + 2) >> 2);
    }
  dst->stride = dst->width;
}

static void
smooth_row (const guint8 *in,
            guint16      *out,
            int           width)
{
  if (width < 2)
    {
      out[0] = (guint16) (4 * in[0]);
      return;
    }
  out[0] = (guint16) (3 * in[0] + in[1]);
  for (int x = 1; x < width - 1; x++)
    out[x] = (guint16) (in[x - 1] + 2 * in[x] + in[x + 1]);
  out[width - 1] = (guint16) (in[width - 2] + 3 * in[width - 1]);
}

void
_th_qr_filter_smooth (const ThGrayView *src,
                      ThGrayView       *dst)
{
  int w = src->width, h = src->height;
  /* Three horizontally smoothed rows in a ring keep the working set in
   * cache. */
  g_autofree guint16 *ring = g_new (guint16, (gsize) 3 * w);

  g_assert (dst->width == w && dst->height == h && dst->data != src->data);

  smooth_row (src->data, ring, w);
  if (h > 1)
    smooth_row (src->data + src->stride, ring + w, w);
  for (int y = 0; y < h; y++)
    {
      const guint16 *above = ring + (gsize) ((y == 0 ? 0 : y - 1) % 3) * w;
      const guint16 *here = ring + (gsize) (y % 3) * w;
      const guint16 *below;
      guint8 *o = dst->data + (gsize) y * w;

      if (y + 1 < h)
        {
          if (y + 1 > 1)
            smooth_row (src->data + (gsize) (y + 1) * src->stride, ring + (gsize) ((y + 1) % 3) * w, w);
          below = ring + (gsize) ((y + 1) % 3) * w;
        }
      else
        below = here;
      for (int x = 0; x < w; x++)
        o[x] = (guint8) ((above[x] + 2 * here[x] + below[x] + 8) >> 4);
    }
  dst->stride = w;
}

void
_th_qr_filter_double (const ThGrayView *src,
                      ThGrayView       *dst)
{
  int w = src->width, h = src->height;

  g_assert (dst->width == 2 * w && dst->height == 2 * h);

  for (int y = 0; y < h; y++)
    {
      const guint8 *a = src->data + (gsize) y * src->stride;
      const guint8 *b = y + 1 < h ? a + src->stride : a;
      guint8 *o0 = dst->data + (gsize) (2 * y) * dst->width;
      guint8 *o1 = o0 + dst->width;

      for (int x = 0; x < w; x++)
        {
          int x1 = x + 1 < w ? x + 1 : x;

          o0[2 * x] = a[x];
          o0[2 * x + 1] = (guint8) ((a[x] + a[x1] + 1) >> 1);
          o1[2 * x] = (guint8) ((a[x] + b[x] + 1) >> 1);
          o1[2 * x + 1] = (guint8) ((a[x] + a[x1] + b[x] + b[x1] + 2) >> 2);
        }
    }
  dst->stride = dst->width;
}

/* Per block: its mean, and whether it holds an edge. */
static void
block_stats (const ThGrayView *src,
             int               bw,
             int               bh,
             int               min_range,
             guint8           *means,
             guint8           *edges)
{
  g_autofree guint32 *sum = g_new0 (guint32, bw);
  g_autofree guint8 *lo = g_new (guint8, bw);
  g_autofree guint8 *hi = g_new (guint8, bw);

  for (int by = 0; by < bh; by++)
    {
      int y0 = by << BLOCK_SHIFT, y1 = MIN (y0 + BLOCK, src->height);

      memset (sum, 0, sizeof (guint32) * bw);
      memset (lo, 255, bw);
      memset (hi, 0, bw);
      for (int y = y0; y < y1; y++)
        {
          const guint8 *row = src->data + (gsize) y * src->stride;

          for (int x = 0; x < src->width; x++)
            {
              int b = x >> BLOCK_SHIFT;

              sum[b] += row[x];
              lo[b] = MIN (lo[b], row[x]);
              hi[b] = MAX (hi[b], row[x]);
            }
        }
      for (int bx = 0; bx < bw; bx++)
        {
          int x0 = bx << BLOCK_SHIFT, n = (MIN (x0 + BLOCK, src->width) - x0) * (y1 - y0);

          means[by * bw + bx] = (guint8) (sum[bx] / n);
          edges[by * bw + bx] = hi[bx] - lo[bx] > min_range;
        }
    }
}

void
_th_qr_filter_binarize (const ThGrayView *src,
                        ThGrayView       *dst,
                        int               min_range)
{
  int bw = (src->width + BLOCK - 1) >> BLOCK_SHIFT;
  int bh = (src->height + BLOCK - 1) >> BLOCK_SHIFT;
  g_autofree guint8 *means = g_new (guint8, (gsize) bw * bh);
  g_autofree guint8 *edges = g_new (guint8, (gsize) bw * bh);
  g_autofree guint8 *thresholds = g_new (guint8, (gsize) bw * bh);
  g_autofree gint16 *fills = g_new (gint16, (gsize) bw * bh);

  g_assert (dst->width == src->width && dst->height == src->height);

  block_stats (src, bw, bh, min_range, means, edges);
  /* A block's threshold is the mean of the edge blocks around it, so that
   * a module filling a whole block, or a finder pattern's centre, is judged
   * against its surroundings. A block without an edge is filled in one
   * colour: thresholding flat areas pixel by pixel would only draw their
   * noise, which is what makes zbar slow. Far from any edge, it is white. */
  for (int by = 0; by < bh; by++)
    for (int bx = 0; bx < bw; bx++)
      {
        int b = by * bw + bx, sum = 0, n = 0;

        for (int j = MAX (by - NEIGHBOURHOOD, 0); j <= MIN (by + NEIGHBOURHOOD, bh - 1); j++)
          for (int i = MAX (bx - NEIGHBOURHOOD, 0); i <= MIN (bx + NEIGHBOURHOOD, bw - 1); i++)
            if (edges[j * bw + i])
              {
                sum += means[j * bw + i];
                n++;
              }
        thresholds[b] = n > 0 ? (guint8) (sum / n) : 0;
        if (edges[b])
          fills[b] = -1;
        else
          fills[b] = n > 0 && means[b] <= thresholds[b] ? 0 : 255;
      }

  for (int y = 0; y < src->height; y++)
    {
      const guint8 *row = src->data + (gsize) y * src->stride;
      const guint8 *t = thresholds + (gsize) (y >> BLOCK_SHIFT) * bw;
      const gint16 *fill = fills + (gsize) (y >> BLOCK_SHIFT) * bw;
      guint8 *o = dst->data + (gsize) y * dst->width;

      for (int x = 0; x < src->width; x++)
        {
          int b = x >> BLOCK_SHIFT;
          o[x] = fill[b] >= 0 ? (guint8) fill[b] : row[x] <= t[b] ? 0 : 255;
        }
    }
  dst->stride = dst->width;
}
