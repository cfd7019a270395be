/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "th-print-doc.h"

G_BEGIN_DECLS

/* What goes on the label stuck on a bag. The station layer fills it from
 * an order and its shelf places; printing only draws it. */
typedef struct {
  char     *place;          /* the shelf place, e.g. "A-12"; drawn largest */
  char     *cold_place;     /* where the cold part waits, or NULL */
  char     *pickup_code;    /* 8 digits; the QR carries it, the label shows the last 4 */
  char     *masked_name;    /* e.g. "张*明" */
  char     *phone_tail;     /* last 4 digits of the phone */
  char     *slot;           /* e.g. "12-05 18:00–20:00" */
  guint     n_items;
  gboolean  cold;
} ThBagLabel;

void        th_bag_label_copy   (const ThBagLabel    *src,
                                 ThBagLabel          *dest);
void        th_bag_label_clear  (ThBagLabel          *label);

/* Draws @label filling @width_mm × @height_mm (any label medium), with
 * @cr in millimetres. */
void        th_bag_label_draw   (cairo_t             *cr,
                                 const ThBagLabel    *label,
                                 double               width_mm,
                                 double               height_mm);

/* One page per label, on @medium (a label medium). The labels are copied. */
ThPrintDoc *th_bag_labels_doc_new (const ThPrintMedium *medium,
                                   const ThBagLabel    *labels,
                                   guint                n_labels);

G_END_DECLS
