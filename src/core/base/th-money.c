/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "th-money.h"

char *
th_money_format_plain (gint64 fen)
{
  /* Integer arithmetic only: a double would print 0.1 + 0.2 wrong. */
  guint64 abs_fen = fen < 0 ? (guint64) -(fen + 1) + 1 : (guint64) fen;

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%02u", fen < 0 ? "-" : "",
                          abs_fen / 100, (guint) (abs_fen % 100));
}

char *
th_money_format (gint64 fen)
{
  g_autofree char *plain = th_money_format_plain (fen);

  return g_strconcat ("¥", plain, NULL);
}
