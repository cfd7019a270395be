/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Money is integer fen everywhere (central-api.md). This is the one place
 * that turns it into text and back, and that knows the arithmetic of a
 * line's refund limit, so the counter, the CLI and the core agree. */

/* ¥10,000,000,000.00: far above any order, far below where fen × qty could
 * overflow a gint64. Amounts typed or computed above it are refused. */
#define TH_MONEY_MAX_FEN G_GINT64_CONSTANT (1000000000000)

char     *th_money_format         (gint64       fen);   /* "¥12.90", "-¥0.50" */
char     *th_money_format_plain   (gint64       fen);   /* "12.90", "-0.50", for CSV and fields */
gboolean  th_money_parse          (const char  *text,
                                   gint64      *fen);

gint64    th_money_line_total     (guint        qty,
                                   gint64       unit_price);
gint64    th_money_refund_left    (guint        qty,
                                   gint64       unit_price,
                                   gint64       refunded_before);

G_END_DECLS
