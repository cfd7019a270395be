/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The media Tihuo prints on: one table, so the label, receipt and A4 code
 * never disagree about a size. Thermal heads are 203 dpi; a 58 mm roll
 * prints 48 mm (384 dots) and an 80 mm roll 72 mm (576 dots), the widths
 * every cheap ESC/POS printer accepts. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-print-medium.h"

static const ThPrintMedium media[] = {
  { "label-40x30", N_("Label 40 × 30 mm"), 40, 30, 40, 30, 0, 320 },
  { "label-50x30", N_("Label 50 × 30 mm"), 50, 30, 50, 30, 0, 400 },
  { "label-60x40", N_("Label 60 × 40 mm"), 60, 40, 60, 40, 0, 480 },
  { "receipt-58",  N_("Receipt 58 mm"),    58,  0, 48,  0, 5, 384 },
  { "receipt-80",  N_("Receipt 80 mm"),    80,  0, 72,  0, 4, 576 },
  { "a4",          N_("A4"),              210, 297, 190, 277, 10, 0 },
};

const ThPrintMedium *
th_print_medium_lookup (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (media); i++)
    if (g_str_equal (media[i].name, name))
      return &media[i];
  return NULL;
}

const ThPrintMedium *
th_print_media (guint *n_media)
{
  if (n_media)
    *n_media = G_N_ELEMENTS (media);
  return media;
}

gboolean
th_print_medium_is_roll (const ThPrintMedium *medium)
{
  g_return_val_if_fail (medium != NULL, FALSE);
  return medium->height_mm <= 0;
}

const ThPrintMedium *
th_print_medium_receipt (guint width_mm)
{
  if (width_mm == 58)
    return th_print_medium_lookup ("receipt-58");
  if (width_mm == 80)
    return th_print_medium_lookup ("receipt-80");
  return NULL;
}
