/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a document is printed on. Sizes are in millimetres. The printable
 * area is what a document draws into: the whole label, the 48 or 72 mm a
 * thermal receipt head covers, or A4 within its margins. Thermal media
 * also have their width in dots at 203 dpi (8 dots per millimetre). */
typedef struct {
  const char *name;              /* "label-40x30", "receipt-58", "a4", … */
  const char *title;             /* for people; translate with _() */
  double      paper_width_mm;
  double      paper_height_mm;   /* 0: a roll; the height grows with the content */
  double      width_mm;          /* printable */
  double      height_mm;         /* printable; 0 on a roll */
  double      margin_mm;         /* from the paper's edge to the printable area */
  guint       dots;              /* printable width in dots; 0 if not a thermal medium */
} ThPrintMedium;

#define TH_PRINT_DOTS_PER_MM 8.0   /* 203 dpi */

const ThPrintMedium *th_print_medium_lookup (const char          *name);
const ThPrintMedium *th_print_media         (guint               *n_media);
gboolean             th_print_medium_is_roll (const ThPrintMedium *medium);
/* The receipt medium whose head prints @width_mm (58 or 80), or NULL. */
const ThPrintMedium *th_print_medium_receipt (guint               width_mm);

G_END_DECLS
