/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The sorting sheet: one block per SKU with a row per order, so whoever
 * unpacks the delivery walks the shelves once per product. Pages are laid
 * out when the document is made: every row is one line, so the page
 * breaks are plain arithmetic and each page draws on its own. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-print-draw.h"
#include "th-print-font.h"
#include "th-sorting-sheet.h"

#define TITLE_H   12.0
#define ITEM_H     8.0
#define ROW_H      5.5
#define FOOTER_H   6.0

typedef struct {
  guint item;
  guint row;
} PageStart;

typedef struct {
  char      *title;
  GPtrArray *items;
  GArray    *pages;     /* PageStart */
} Sheet;

static void
row_clear (gpointer data)
{
  ThSortingRow *row = data;

  g_free (row->order);
  g_free (row->place);
}

ThSortingItem *
th_sorting_item_new (const char *sku,
                     const char *name)
{
  ThSortingItem *item = g_new0 (ThSortingItem, 1);

  g_return_val_if_fail (sku != NULL, NULL);

  item->sku = g_strdup (sku);
  item->name = g_strdup (name ? name : "");
  item->rows = g_array_new (FALSE, TRUE, sizeof (ThSortingRow));
  g_array_set_clear_func (item->rows, row_clear);
  return item;
}

void
th_sorting_item_add (ThSortingItem *item,
                     const char    *order,
                     const char    *place,
                     guint          qty)
{
  ThSortingRow row = { g_strdup (order ? order : ""), g_strdup (place ? place : ""), qty };

  g_return_if_fail (item != NULL);
  g_array_append_val (item->rows, row);
}

guint
th_sorting_item_total (const ThSortingItem *item)
{
  guint total = 0;

  g_return_val_if_fail (item != NULL, 0);
  for (guint i = 0; i < item->rows->len; i++)
    total += g_array_index (item->rows, ThSortingRow, i).qty;
  return total;
}

void
th_sorting_item_free (ThSortingItem *item)
{
  if (item == NULL)
    return;
  g_free (item->sku);
  g_free (item->name);
  g_array_unref (item->rows);
  g_free (item);
}

static void
sheet_free (gpointer data)
{
  Sheet *sheet = data;

  g_free (sheet->title);
  g_ptr_array_unref (sheet->items);
  g_array_unref (sheet->pages);
  g_free (sheet);
}

/* Where each page starts; an item never starts at the foot of a page
 * without at least one of its rows. */
static void
lay_out (Sheet  *sheet,
         double  height_mm)
{
  double room = height_mm - TITLE_H - FOOTER_H;
  double y = 0;
  PageStart start = { 0, 0 };

  g_array_append_val (sheet->pages, start);
  for (guint i = 0; i < sheet->items->len; i++)
    {
      ThSortingItem *item = g_ptr_array_index (sheet->items, i);

      if (y + ITEM_H + ROW_H > room && y > 0)
        {
          start = (PageStart) { i, 0 };
          g_array_append_val (sheet->pages, start);
          y = 0;
        }
      y += ITEM_H;
      for (guint r = 0; r < item->rows->len; r++)
        {
          if (y + ROW_H > room)
            {
              start = (PageStart) { i, r };
              g_array_append_val (sheet->pages, start);
              y = ITEM_H;   /* the item's heading is repeated */
            }
          y += ROW_H;
        }
    }
}

static void
draw_item_heading (cairo_t             *cr,
                   const ThSortingItem *item,
                   gboolean             continued,
                   double               y,
                   double               width)
{
  g_autofree char *font = th_print_font ("Sans Bold", 3.6);
  g_autofree char *heading = g_strdup_printf (continued ? _("%s  %s (continued)") : "%s  %s", item->sku, item->name);
  /* Translators: the total quantity of one product on the sorting sheet */
  g_autofree char *total = g_strdup_printf (_("Total %u"), th_sorting_item_total (item));

  th_print_rule (cr, 0, y + 1, width, 0.3);
  th_print_text_line (cr, heading, font, TH_PRINT_ALIGN_LEFT, 0, y + 2, width * 0.75);
  th_print_text_line (cr, total, font, TH_PRINT_ALIGN_RIGHT, width * 0.75, y + 2, width * 0.25);
}

static double
draw_sheet_page (cairo_t  *cr,
                 guint     page,
                 double    width,
                 double    height,
                 gpointer  user_data)
{
  Sheet *sheet = user_data;
  PageStart start = g_array_index (sheet->pages, PageStart, page);
  g_autofree char *title_font = th_print_font ("Sans Bold", 5);
  g_autofree char *row_font = th_print_font ("Sans", 3.4);
  g_autofree char *footer = g_strdup_printf (_("Page %u of %u"), page + 1, sheet->pages->len);
  double bottom = height - FOOTER_H;
  double y = TITLE_H;

  th_print_text_line (cr, sheet->title, title_font, TH_PRINT_ALIGN_LEFT, 0, 0, width);
  th_print_text_line (cr, footer, row_font, TH_PRINT_ALIGN_RIGHT, 0, bottom + 1.5, width);
  for (guint i = start.item; i < sheet->items->len; i++)
    {
      ThSortingItem *item = g_ptr_array_index (sheet->items, i);
      guint r = i == start.item ? start.row : 0;

      if (y + ITEM_H + ROW_H > bottom && y > TITLE_H)
        break;
      draw_item_heading (cr, item, r > 0, y, width);
      y += ITEM_H;
      for (; r < item->rows->len; r++)
        {
          ThSortingRow *row = &g_array_index (item->rows, ThSortingRow, r);
          g_autofree char *qty = g_strdup_printf ("× %u", row->qty);

          if (y + ROW_H > bottom)
            return height;
          th_print_text_line (cr, row->place, row_font, TH_PRINT_ALIGN_LEFT, 4, y, width * 0.25);
          th_print_text_line (cr, row->order, row_font, TH_PRINT_ALIGN_LEFT, width * 0.3, y, width * 0.45);
          th_print_text_line (cr, qty, row_font, TH_PRINT_ALIGN_RIGHT, width * 0.75, y, width * 0.25);
          y += ROW_H;
        }
    }
  return height;
}

ThPrintDoc *
th_sorting_sheet_doc_new (const char *title,
                          GPtrArray  *items)
{
  const ThPrintMedium *a4 = th_print_medium_lookup ("a4");
  Sheet *sheet;

  g_return_val_if_fail (items != NULL, NULL);

  sheet = g_new0 (Sheet, 1);
  sheet->title = g_strdup (title ? title : _("Sorting sheet"));
  sheet->items = g_ptr_array_ref (items);
  sheet->pages = g_array_new (FALSE, FALSE, sizeof (PageStart));
  lay_out (sheet, a4->height_mm);
  return th_print_doc_new (a4, sheet->title, sheet->pages->len, draw_sheet_page, sheet, sheet_free);
}
