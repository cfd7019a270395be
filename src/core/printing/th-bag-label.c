/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The bag label: the shelf place big enough to read from across the room,
 * the last four digits of the pickup code to match against the customer's
 * phone, and a QR of the whole code so the counter can scan the bag. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-bag-label.h"
#include "th-print-draw.h"
#include "th-print-font.h"

#define PAD 1.2

void
th_bag_label_copy (const ThBagLabel *src,
                   ThBagLabel       *dest)
{
  g_return_if_fail (src != NULL && dest != NULL);

  dest->place = g_strdup (src->place);
  dest->cold_place = g_strdup (src->cold_place);
  dest->pickup_code = g_strdup (src->pickup_code);
  dest->masked_name = g_strdup (src->masked_name);
  dest->phone_tail = g_strdup (src->phone_tail);
  dest->slot = g_strdup (src->slot);
  dest->n_items = src->n_items;
  dest->cold = src->cold;
}

void
th_bag_label_clear (ThBagLabel *label)
{
  g_return_if_fail (label != NULL);

  g_clear_pointer (&label->place, g_free);
  g_clear_pointer (&label->cold_place, g_free);
  g_clear_pointer (&label->pickup_code, g_free);
  g_clear_pointer (&label->masked_name, g_free);
  g_clear_pointer (&label->phone_tail, g_free);
  g_clear_pointer (&label->slot, g_free);
}

static const char *
last_digits (const char *code)
{
  gsize len = code ? strlen (code) : 0;

  return len > 4 ? code + len - 4 : (code ? code : "");
}

static double
text (cairo_t    *cr,
      const char *s,
      const char *style,
      double      size,
      double      x,
      double      y,
      double      width)
{
  return th_print_text_fit (cr, s, style, size, size * 0.6, TH_PRINT_ALIGN_LEFT, x, y, width);
}

void
th_bag_label_draw (cairo_t          *cr,
                   const ThBagLabel *label,
                   double            width_mm,
                   double            height_mm)
{
  double qr = MIN (height_mm * 0.58, width_mm * 0.42);
  double left = width_mm - qr - 2 * PAD;
  double place_size = height_mm * 0.3;
  double y = PAD * 0.5;
  g_autofree char *code = NULL;
  g_autofree char *who = NULL;
  g_autofree char *bottom = NULL;
  g_autofree char *items = NULL;

  g_return_if_fail (cr != NULL && label != NULL);

  /* A long place code shrinks rather than being cut: a wrong shelf is
   * worse than a small one. */
  y += th_print_text_fit (cr, label->place ? label->place : "", "Sans Bold", place_size, 1,
                          TH_PRINT_ALIGN_LEFT, PAD, y, left);
  if (label->cold_place && *label->cold_place)
    {
      /* Translators: the shelf place of the cold part of a bag, after a snowflake */
      g_autofree char *cold = g_strdup_printf (_("❄ %s"), label->cold_place);

      y += text (cr, cold, "Sans Bold", height_mm * 0.11, PAD, y, left);
    }
  /* Translators: the last 4 digits of a pickup code on a bag label */
  code = g_strdup_printf (_("Code …%s"), last_digits (label->pickup_code));
  y += text (cr, code, "Sans Bold", height_mm * 0.12, PAD, y, left);
  /* Translators: a masked customer name and their phone's last 4 digits */
  who = g_strdup_printf (_("%s  Tail %s"), label->masked_name ? label->masked_name : "",
                         label->phone_tail ? label->phone_tail : "");
  text (cr, who, "Sans", height_mm * 0.09, PAD, y, left);

  /* The count first: a long slot may be cut short, the count never. */
  items = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item", "%u items", label->n_items), label->n_items);
  bottom = g_strdup_printf ("%s · %s", items, label->slot ? label->slot : "");
  text (cr, bottom, "Sans Bold", height_mm * 0.09, PAD, height_mm - PAD * 0.5 - height_mm * 0.13,
        label->cold ? width_mm - qr - PAD : width_mm - 2 * PAD);
  /* A cold bag goes back to the fridge: the mark stands alone, under the QR. */
  if (label->cold)
    {
      g_autofree char *font = th_print_font ("Sans Bold", height_mm * 0.22);

      th_print_text_line (cr, "❄", font, TH_PRINT_ALIGN_CENTER, width_mm - qr - PAD * 0.5,
                          PAD * 0.5 + qr - 0.5, qr);
    }

  if (label->pickup_code)
    th_print_qr (cr, label->pickup_code, width_mm - qr - PAD * 0.5, PAD * 0.5, qr);
}

static double
draw_label_page (cairo_t  *cr,
                 guint     page,
                 double    width_mm,
                 double    height_mm,
                 gpointer  user_data)
{
  GArray *labels = user_data;

  th_bag_label_draw (cr, &g_array_index (labels, ThBagLabel, page), width_mm, height_mm);
  return height_mm;
}

ThPrintDoc *
th_bag_labels_doc_new (const ThPrintMedium *medium,
                       const ThBagLabel    *labels,
                       guint                n_labels)
{
  GArray *copy;

  g_return_val_if_fail (medium != NULL && !th_print_medium_is_roll (medium), NULL);
  g_return_val_if_fail (labels != NULL || n_labels == 0, NULL);

  copy = g_array_sized_new (FALSE, TRUE, sizeof (ThBagLabel), n_labels);
  g_array_set_clear_func (copy, (GDestroyNotify) th_bag_label_clear);
  g_array_set_size (copy, n_labels);
  for (guint i = 0; i < n_labels; i++)
    th_bag_label_copy (&labels[i], &g_array_index (copy, ThBagLabel, i));
  return th_print_doc_new (medium, _("Bag labels"), n_labels, draw_label_page,
                           copy, (GDestroyNotify) g_array_unref);
}
