/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One order in a list (search results, the Orders page): code and name to
 * call out, phone tail, slot and what is in the bag, and where it stands. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-format.h"
#include "th-order-list.h"
#include "th-order-row.h"
#include "th-time.h"

struct _ThOrderRow
{
  AdwActionRow  parent_instance;

  GtkLabel     *state_label;

  ThOrder      *order;
};

G_DEFINE_FINAL_TYPE (ThOrderRow, th_order_row, ADW_TYPE_ACTION_ROW)

static const char *
state_css (ThOrderState state)
{
  switch (state)
    {
    case TH_ORDER_STATE_TO_HAND_OVER:
      return "todo";
    case TH_ORDER_STATE_COLLECTED:
      return "done";
    default:
      return "refunded";
    }
}

static void
th_order_row_dispose (GObject *object)
{
  ThOrderRow *self = (ThOrderRow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), TH_TYPE_ORDER_ROW);
  g_clear_pointer (&self->order, th_order_unref);

  G_OBJECT_CLASS (th_order_row_parent_class)->dispose (object);
}

static void
th_order_row_class_init (ThOrderRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = th_order_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tihuo/Station/ui/th-order-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ThOrderRow, state_label);
}

static void
th_order_row_init (ThOrderRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * th_order_row_new:
 * @show_slot: whether to name the pickup slot (not under a slot heading)
 */
ThOrderRow *
th_order_row_new (ThOrder  *order,
                  gboolean  show_slot)
{
  ThOrderRow *self = g_object_new (TH_TYPE_ORDER_ROW, NULL);
  g_autofree char *title = th_format_order_label (order);
  g_autofree char *slot = th_format_slot (order->slot_date, order->slot_start, order->slot_end, th_time_now ());
  g_autofree char *lines = th_format_order_lines (order);
  g_autofree char *subtitle = NULL;
  g_autofree char *state_text = NULL;
  ThOrderState state = th_order_get_state (order);
  guint left = th_order_total_remaining (order);
  guint total = 0;

  self->order = th_order_ref (order);
  for (guint i = 0; i < order->lines->len; i++)
    {
      ThOrderLine *l = &g_array_index (order->lines, ThOrderLine, i);
      total += l->qty - MIN (l->qty, l->refunded_qty);
    }

  if (show_slot)
    /* Translators: phone tail, pickup slot, and the order's lines */
    subtitle = g_strdup_printf (_("Phone tail %s · %s · %s"), order->phone_tail, slot, lines);
  else
    /* Translators: phone tail and the order's lines */
    subtitle = g_strdup_printf (_("Phone tail %s · %s"), order->phone_tail, lines);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (self), 2);

  if (state == TH_ORDER_STATE_TO_HAND_OVER && left < total)
    state_text = g_strdup_printf (_("%u of %u left"), left, total);
  else
    state_text = g_strdup (th_format_order_state (state));
  gtk_label_set_label (self->state_label, state_text);
  gtk_widget_add_css_class (GTK_WIDGET (self->state_label), state_css (state));
  return self;
}

ThOrder *
th_order_row_get_order (ThOrderRow *self)
{
  g_return_val_if_fail (TH_IS_ORDER_ROW (self), NULL);
  return self->order;
}
