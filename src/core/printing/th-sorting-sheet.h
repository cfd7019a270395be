/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "th-print-doc.h"

G_BEGIN_DECLS

/* The sorting sheet (分拣单) for one delivery: per SKU, which orders and
 * shelf places get how many. Printed on A4, broken across pages. */
typedef struct {
  char  *order;      /* how staff name the order, e.g. its number */
  char  *place;      /* the shelf place */
  guint  qty;
} ThSortingRow;

typedef struct {
  char   *sku;
  char   *name;
  GArray *rows;      /* of ThSortingRow */
} ThSortingItem;

ThSortingItem *th_sorting_item_new      (const char    *sku,
                                         const char    *name);
void           th_sorting_item_add      (ThSortingItem *item,
                                         const char    *order,
                                         const char    *place,
                                         guint          qty);
guint          th_sorting_item_total    (const ThSortingItem *item);
void           th_sorting_item_free     (ThSortingItem *item);

/* @items (ThSortingItem *, freed with th_sorting_item_free) is referenced,
 * not copied: do not change it afterwards. */
ThPrintDoc    *th_sorting_sheet_doc_new (const char    *title,
                                         GPtrArray     *items);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThSortingItem, th_sorting_item_free)

G_END_DECLS
