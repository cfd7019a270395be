/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A GRAY8 picture. Filters read any stride and write stride == width. */
typedef struct {
  guint8 *data;
  int     width;
  int     height;
  int     stride;
} ThGrayView;

/* Grows @buf to at least @size bytes and returns its data. */
guint8 *_th_qr_buffer_reserve  (GByteArray        *buf,
                                gsize              size);

/* 2×2 box average: half the size, and half the sensor noise. */
void    _th_qr_filter_halve    (const ThGrayView  *src,
                                ThGrayView        *dst);
/* [1 2 1]² binomial smoothing. */
void    _th_qr_filter_smooth   (const ThGrayView  *src,
                                ThGrayView        *dst);
/* Bilinear ×2, for codes whose modules are barely a pixel wide. */
void    _th_qr_filter_double   (const ThGrayView  *src,
                                ThGrayView        *dst);
/* Block-adaptive threshold to 0/255. Blocks with less than @min_range grey
 * levels between their darkest and lightest pixel count as flat and turn
 * white unless their neighbours are dark: sensor noise on a wall then no
 * longer looks like edges to zbar. */
void    _th_qr_filter_binarize (const ThGrayView  *src,
                                ThGrayView        *dst,
                                int                min_range);

G_END_DECLS
