/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Bag labels for a big delivery: 2,000 labels to one PDF (target ≤ 5 s)
 * and to ESC/POS raster bytes for a thermal label printer. It prints the
 * figures next to their target and never fails on time.
 * TIHUO_BENCH_LABELS=200 makes a quick run. */
#include "config.h"

#include <stdlib.h>
#include <time.h>

#include "th-bag-label.h"
#include "th-escpos.h"

#define DEFAULT_LABELS 2000

static double
now_s (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

int
main (void)
{
  const char *env = g_getenv ("TIHUO_BENCH_LABELS");
  guint n = env ? (guint) atoi (env) : DEFAULT_LABELS;
  const char *surnames[] = { "张", "王", "李", "赵", "陈", "刘" };
  g_autoptr(GArray) labels = g_array_sized_new (FALSE, TRUE, sizeof (ThBagLabel), n);
  g_autoptr(ThPrintDoc) doc = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GBytes) escpos = NULL;
  g_autoptr(GError) error = NULL;
  double start;

  g_array_set_clear_func (labels, (GDestroyNotify) th_bag_label_clear);
  for (guint i = 0; i < n; i++)
    {
      ThBagLabel l = {
        .place = g_strdup_printf ("%c-%02u", 'A' + i / 100 % 26, i % 100),
        .cold_place = i % 5 == 0 ? g_strdup_printf ("L-%02u", i % 40) : NULL,
        .pickup_code = g_strdup_printf ("%08u", 40000000 + i * 7919 % 10000000),
        .masked_name = g_strdup_printf ("%s*%s", surnames[i % G_N_ELEMENTS (surnames)], i % 2 ? "明" : ""),
        .phone_tail = g_strdup_printf ("%04u", i * 37 % 10000),
        .slot = g_strdup ("12-05 18:00–20:00"),
        .n_items = 1 + i % 6,
        .cold = i % 5 == 0,
      };
      g_array_append_val (labels, l);
    }

  doc = th_bag_labels_doc_new (th_print_medium_lookup ("label-50x30"), (ThBagLabel *) labels->data, n);
  start = now_s ();
  pdf = th_print_doc_to_pdf (doc, &error);
  g_assert_no_error (error);
  g_print ("%u bag labels (50 × 30 mm) to one PDF: %.2f s (target ≤ 5 s), %.1f MB\n",
           n, now_s () - start, g_bytes_get_size (pdf) / 1e6);

  start = now_s ();
  escpos = th_escpos_encode_doc (doc, &error);
  g_assert_no_error (error);
  g_print ("%u bag labels to ESC/POS raster (400 × 240 dots each): %.2f s, %.1f MB\n",
           n, now_s () - start, g_bytes_get_size (escpos) / 1e6);
  return 0;
}
