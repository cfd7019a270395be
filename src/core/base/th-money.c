/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "th-money.h"

char *
th_money_format_plain (gint64 fen)
{
  /* Integer arithmetic only: a double would print 0.1 + 0.2 wrong. The
   * magnitude is taken unsigned so G_MININT64 cannot overflow. */
  guint64 abs_fen = fen < 0 ? (guint64) -(fen + 1) + 1 : (guint64) fen;

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%02u", fen < 0 ? "-" : "",
                          abs_fen / 100, (guint) (abs_fen % 100));
}

char *
th_money_format (gint64 fen)
{
  g_autofree char *plain = th_money_format_plain (fen);
  g_autofree char *amount = NULL;

  /* Translators: an amount in yuan; %s is the number, like 12.90 */
  amount = g_strdup_printf (_("¥%s"), fen < 0 ? plain + 1 : plain);
  /* The sign goes before the currency sign, so a refund of -0.50 can never
   * read as a payment of 0.50. */
  return fen < 0 ? g_strconcat ("-", amount, NULL) : g_steal_pointer (&amount);
}

/**
 * th_money_parse:
 * @text: what someone typed: "12.9", "¥12.90", "１２．９０" (a Chinese input
 *   method's full-width digits and point), with spaces anywhere
 * @fen: (out): the amount
 *
 * Returns: %FALSE for anything else, for more than two decimals, for a
 *   negative amount and for amounts above %TH_MONEY_MAX_FEN.
 */
gboolean
th_money_parse (const char *text,
                gint64     *fen)
{
  gint64 value = 0;
  int decimals = -1;
  gboolean any = FALSE;

  g_return_val_if_fail (fen != NULL, FALSE);

  for (const char *p = text ? text : ""; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0xFF10 && c <= 0xFF19)
        c -= 0xFEE0;
      if (c == 0xFF0E || c == 0x3002)
        c = '.';
      if (g_unichar_isspace (c) || ((c == 0xA5 || c == 0xFFE5) && !any))
        continue;
      if (c == '.' && decimals < 0)
        decimals = 0;
      else if (c >= '0' && c <= '9' && decimals < 2)
        {
          value = value * 10 + (c - '0');
          any = TRUE;
          if (decimals >= 0)
            decimals++;
          /* Checked at every digit, so the sum never overflows. */
          if (value > TH_MONEY_MAX_FEN)
            return FALSE;
        }
      else
        return FALSE;
    }
  if (!any)
    return FALSE;
  for (; decimals < 2; decimals = decimals < 0 ? 1 : decimals + 1)
    {
      value *= 10;
      if (value > TH_MONEY_MAX_FEN)
        return FALSE;
    }
  *fen = value;
  return TRUE;
}

/* What a line cost: qty × unit price. Quantities are at most G_MAXUINT and
 * prices at most %TH_MONEY_MAX_FEN by import validation, but the product is
 * still clamped rather than left to overflow. */
gint64
th_money_line_total (guint  qty,
                     gint64 unit_price)
{
  if (unit_price <= 0 || qty == 0)
    return 0;
  if ((guint64) unit_price > (guint64) G_MAXINT64 / qty)
    return G_MAXINT64;
  return (gint64) qty * unit_price;
}

/* The most that may still be refunded on a line: what it cost, less what
 * was refunded before; never negative. */
gint64
th_money_refund_left (guint  qty,
                      gint64 unit_price,
                      gint64 refunded_before)
{
  gint64 total = th_money_line_total (qty, unit_price);

  return refunded_before >= total ? 0 : total - MAX (refunded_before, 0);
}
