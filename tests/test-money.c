/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Money in fen: formatting, parsing and a line's refund limit. No database. */
#include "config.h"

#include <locale.h>

#include "th-money.h"

static void
test_format (void)
{
  static const struct { gint64 fen; const char *plain; const char *shown; } cases[] = {
    { 0, "0.00", "¥0.00" },
    { 1, "0.01", "¥0.01" },
    { 50, "0.50", "¥0.50" },
    { 1290, "12.90", "¥12.90" },
    { -1, "-0.01", "-¥0.01" },
    { -50, "-0.50", "-¥0.50" },
    { -1290, "-12.90", "-¥12.90" },
    { TH_MONEY_MAX_FEN, "10000000000.00", "¥10000000000.00" },
    { G_MAXINT64, "92233720368547758.07", "¥92233720368547758.07" },
    { G_MININT64, "-92233720368547758.08", "-¥92233720368547758.08" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *plain = th_money_format_plain (cases[i].fen);
      g_autofree char *shown = th_money_format (cases[i].fen);

      g_assert_cmpstr (plain, ==, cases[i].plain);
      g_assert_cmpstr (shown, ==, cases[i].shown);
    }
}

static void
test_parse (void)
{
  static const struct { const char *text; gint64 fen; } good[] = {
    { "0", 0 },
    { "0.01", 1 },
    { ".5", 50 },
    { "12", 1200 },
    { "12.9", 1290 },
    { "12.90", 1290 },
    { " ¥ 12.90 ", 1290 },
    { "￥3", 300 },
    { "１２．９", 1290 },       /* full-width, as a Chinese input method types */
    { "12。5", 1250 },
    { "10000000000", TH_MONEY_MAX_FEN },
    { "10000000000.00", TH_MONEY_MAX_FEN },
  };
  static const char *bad[] = {
    "", "   ", "¥", ".", "abc", "12.901", "1.2.3", "-1", "-0.50", "+1", "1e3", "12,90",
    "12¥", "10000000000.01", "99999999999", "92233720368547758.07", "999999999999999999999999",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      gint64 fen = -1;

      g_test_message ("%s", good[i].text);
      g_assert_true (th_money_parse (good[i].text, &fen));
      g_assert_cmpint (fen, ==, good[i].fen);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      gint64 fen = 42;

      g_test_message ("%s", bad[i]);
      g_assert_false (th_money_parse (bad[i], &fen));
      g_assert_cmpint (fen, ==, 42);
    }
  g_assert_false (th_money_parse (NULL, &(gint64) { 0 }));
}

/* Every amount it prints reads back as itself. */
static void
test_round_trip (void)
{
  static const gint64 amounts[] = { 0, 1, 9, 10, 99, 100, 101, 1290, 123456789, TH_MONEY_MAX_FEN };

  for (guint i = 0; i < G_N_ELEMENTS (amounts); i++)
    {
      g_autofree char *plain = th_money_format_plain (amounts[i]);
      g_autofree char *shown = th_money_format (amounts[i]);
      gint64 a = -1, b = -1;

      g_assert_true (th_money_parse (plain, &a));
      g_assert_true (th_money_parse (shown, &b));
      g_assert_cmpint (a, ==, amounts[i]);
      g_assert_cmpint (b, ==, amounts[i]);
    }
}

static void
test_refund_limits (void)
{
  g_assert_cmpint (th_money_line_total (0, 1290), ==, 0);
  g_assert_cmpint (th_money_line_total (3, 1290), ==, 3870);
  g_assert_cmpint (th_money_line_total (3, 0), ==, 0);
  g_assert_cmpint (th_money_line_total (3, -5), ==, 0);
  /* Clamped, never wrapped. */
  g_assert_cmpint (th_money_line_total (G_MAXUINT, G_MAXINT64 / 2), ==, G_MAXINT64);
  g_assert_cmpint (th_money_line_total (G_MAXUINT, TH_MONEY_MAX_FEN), ==, G_MAXINT64);
  g_assert_cmpint (th_money_line_total (1000, TH_MONEY_MAX_FEN), ==, 1000 * TH_MONEY_MAX_FEN);

  g_assert_cmpint (th_money_refund_left (3, 1290, 0), ==, 3870);
  g_assert_cmpint (th_money_refund_left (3, 1290, 1), ==, 3869);
  g_assert_cmpint (th_money_refund_left (3, 1290, 3870), ==, 0);
  g_assert_cmpint (th_money_refund_left (3, 1290, 5000), ==, 0);
  g_assert_cmpint (th_money_refund_left (3, 1290, -10), ==, 3870);
  g_assert_cmpint (th_money_refund_left (1, 1, 0), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tihuo/money/format", test_format);
  g_test_add_func ("/tihuo/money/parse", test_parse);
  g_test_add_func ("/tihuo/money/round-trip", test_round_trip);
  g_test_add_func ("/tihuo/money/refund-limits", test_refund_limits);

  return g_test_run ();
}
