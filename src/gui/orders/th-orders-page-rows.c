/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Orders page's rows: built once per reload, then shown or hidden by
 * the filter and the search, with a heading and counts for each slot. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-format.h"
#include "th-order-row.h"
#include "th-orders-page-private.h"
#include "th-time.h"

#define N_DAYS 2

static GtkWidget *
make_header (ThSlotSummary *slot)
{
  g_autofree char *title = th_format_slot (slot->date, slot->start, slot->end, th_time_now ());
  g_autofree char *counts = NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *title_label = gtk_label_new (title);
  GtkWidget *counts_label;

  /* Translators: counts for one pickup slot */
  counts = g_strdup_printf (_("%u orders · %u to hand over · %u collected · %u cancelled or refunded"),
                            slot->n_total, slot->n_to_hand_over, slot->n_collected, slot->n_cancelled_refunded);
  counts_label = gtk_label_new (counts);
  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_label_set_xalign (GTK_LABEL (counts_label), 1);
  gtk_label_set_wrap (GTK_LABEL (counts_label), TRUE);
  gtk_widget_set_hexpand (counts_label, TRUE);
  gtk_widget_add_css_class (title_label, "title-3");
  gtk_widget_add_css_class (counts_label, "dim-label");
  gtk_widget_add_css_class (box, "slot-header");
  gtk_box_append (GTK_BOX (box), title_label);
  gtk_box_append (GTK_BOX (box), counts_label);
  return box;
}

void
_th_orders_page_header_func (GtkListBoxRow *row,
             GtkListBoxRow *before,
             gpointer       user_data)
{
  ThOrdersPage *self = user_data;
  ThOrder *order = th_order_row_get_order (TH_ORDER_ROW (row));
  ThSlotSummary *slot = self->list ? th_order_list_find_slot (self->list, order) : NULL;
  ThSlotSummary *before_slot = NULL;

  if (before)
    before_slot = th_order_list_find_slot (self->list, th_order_row_get_order (TH_ORDER_ROW (before)));
  if (slot == NULL || slot == before_slot)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  if (gtk_list_box_row_get_header (row) == NULL || g_object_get_data (G_OBJECT (row), "th-slot") != slot)
    {
      gtk_list_box_row_set_header (row, make_header (slot));
      g_object_set_data (G_OBJECT (row), "th-slot", slot);
    }
}

static void
update_summary (ThOrdersPage *self)
{
  guint total = 0, todo = 0, collected = 0, other = 0;
  g_autofree char *text = NULL;

  for (guint i = 0; self->list && i < self->list->slots->len; i++)
    {
      ThSlotSummary *s = &g_array_index (self->list->slots, ThSlotSummary, i);
      total += s->n_total;
      todo += s->n_to_hand_over;
      collected += s->n_collected;
      other += s->n_cancelled_refunded;
    }
  text = g_strdup_printf (_("Today and tomorrow: %u orders, %u to hand over, %u collected, %u cancelled or refunded. "
                            "Shown: %u."),
                          total, todo, collected, other, self->n_shown);
  gtk_label_set_label (self->summary_label, text);
}

gboolean
_th_orders_page_filter_func (GtkListBoxRow *row,
             gpointer       user_data)
{
  ThOrdersPage *self = user_data;
  ThOrder *order = th_order_row_get_order (TH_ORDER_ROW (row));
  gboolean shown = th_order_filter_accepts (_th_orders_page_current_filter (self), th_order_get_state (order)) &&
                   th_order_matches (order, self->search);

  self->n_shown += shown;
  return shown;
}

/* Filters and the search only hide rows: no query, no new widgets. */
void
_th_orders_page_apply_filter (ThOrdersPage *self)
{
  g_free (self->search);
  self->search = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  self->n_shown = 0;
  gtk_list_box_invalidate_filter (self->orders_list);
  gtk_list_box_invalidate_headers (self->orders_list);
  gtk_stack_set_visible_child_name (self->stack, self->n_shown > 0 ? "list" : "empty");
  update_summary (self);
}


/* The first two rows that pass the filters and the search. */
void
_th_orders_page_first_shown_rows (ThOrdersPage   *self,
                  GtkListBoxRow **first,
                  GtkListBoxRow **second)
{
  *first = *second = NULL;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->orders_list));
       child != NULL && *second == NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!GTK_IS_LIST_BOX_ROW (child) || !gtk_widget_get_child_visible (child))
        continue;
      if (*first == NULL)
        *first = GTK_LIST_BOX_ROW (child);
      else
        *second = GTK_LIST_BOX_ROW (child);
    }
}

void
th_orders_page_reload (ThOrdersPage *self)
{
  g_autoptr(GError) error = NULL;
  ThOrderList *list;
  GtkWidget *child;

  g_return_if_fail (TH_IS_ORDERS_PAGE (self));

  if (self->db == NULL)
    return;
  list = th_order_list_query (self->db, th_time_now (), N_DAYS, TH_ORDER_FILTER_ALL, NULL, &error);
  if (list == NULL)
    {
      _th_orders_page_fail (self, error);
      return;
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->orders_list))))
    gtk_list_box_remove (self->orders_list, child);
  g_clear_pointer (&self->list, th_order_list_free);
  self->list = list;

  for (guint i = 0; i < list->orders->len; i++)
    gtk_list_box_append (self->orders_list, GTK_WIDGET (th_order_row_new (g_ptr_array_index (list->orders, i), FALSE)));
  _th_orders_page_apply_filter (self);
}

