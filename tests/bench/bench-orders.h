/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  BENCH_ORDER_PAID,
  BENCH_ORDER_COLLECTED,
  BENCH_ORDER_CANCELLED,
} BenchOrderState;

/* What the benchmark needs to know about each generated order to pick scans
 * afterwards, without reading the database back. */
typedef struct {
  gint64          id;
  guint32         pickup_code;   /* 0 – 99 999 999, unique */
  guint16         phone_tail;    /* 0 – 9999 */
  BenchOrderState state;
} BenchOrder;

/* Writes @n_orders ORDERs (3 lines each) for @station_id as one JSON array
 * to @path; slots fall on the local days of @now and the day after. */
BenchOrder *bench_orders_write (const char  *path,
                                guint        n_orders,
                                guint32      station_id,
                                gint64       now,
                                GRand       *rand,
                                gsize       *out_bytes,
                                GError     **error);

G_END_DECLS
