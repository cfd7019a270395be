/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Money is integer fen everywhere (central-api.md); these only print it. */
char *th_money_format       (gint64 fen);   /* "¥12.90" */
char *th_money_format_plain (gint64 fen);   /* "12.90", for CSV */

G_END_DECLS
