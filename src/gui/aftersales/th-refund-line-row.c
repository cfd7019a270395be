/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One order line in the refund dialog: whether it is refunded, how many
 * items will not be handed over because of it, and the amount. The amount
 * follows quantity × unit price until someone types their own; goods
 * already handed over are refunded with quantity 0 and a typed amount. The
 * core checks every figure (th_refund_plan). */
#include "config.h"

#include <glib/gi18n.h>

#include "th-error.h"
#include "th-format.h"
#include "th-money.h"
#include "th-refund-line-row.h"

struct _ThRefundLineRow
{
  GtkListBoxRow   parent_instance;

  GtkCheckButton *include_check;
  GtkLabel       *name_label;
  GtkLabel       *detail_label;
  GtkSpinButton  *qty_spin;
  GtkEntry       *amount_entry;

  guint           line;
  gint64          unit_price;
  gboolean        amount_typed;   /* the amount is someone's own, not qty × price */
  gboolean        updating;
};

G_DEFINE_FINAL_TYPE (ThRefundLineRow, th_refund_line_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_amount_text (ThRefundLineRow *self,
                 const char      *text)
{
  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->amount_entry), text);
  self->updating = FALSE;
}

static void
follow_qty (ThRefundLineRow *self)
{
  guint qty = (guint) gtk_spin_button_get_value_as_int (self->qty_spin);
  g_autofree char *text = qty > 0 ? th_money_format_plain (th_money_line_total (qty, self->unit_price)) : g_strdup ("");

  if (!self->amount_typed)
    set_amount_text (self, text);
}

static void
update_sensitivity (ThRefundLineRow *self)
{
  gboolean included = gtk_check_button_get_active (self->include_check);
  GtkAdjustment *adj = gtk_spin_button_get_adjustment (self->qty_spin);

  gtk_widget_set_sensitive (GTK_WIDGET (self->qty_spin), included && gtk_adjustment_get_upper (adj) > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->amount_entry), included);
}

static void
include_toggled_cb (ThRefundLineRow *self)
{
  GtkAdjustment *adj = gtk_spin_button_get_adjustment (self->qty_spin);
  gboolean included = gtk_check_button_get_active (self->include_check);

  /* Ticking a line offers everything still to hand over; for goods already
   * handed over, the amount is up to the person at the counter. */
  self->amount_typed = FALSE;
  gtk_spin_button_set_value (self->qty_spin, included ? gtk_adjustment_get_upper (adj) : 0);
  follow_qty (self);
  update_sensitivity (self);
  if (included && gtk_adjustment_get_upper (adj) == 0 && gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self->amount_entry));
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
qty_changed_cb (ThRefundLineRow *self)
{
  follow_qty (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
amount_changed_cb (ThRefundLineRow *self)
{
  if (self->updating)
    return;
  self->amount_typed = gtk_entry_get_text_length (self->amount_entry) > 0;
  g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
th_refund_line_row_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (TH_REFUND_LINE_ROW (widget)->include_check));
}

static void
th_refund_line_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TH_TYPE_REFUND_LINE_ROW);
  G_OBJECT_CLASS (th_refund_line_row_parent_class)->dispose (object);
}

static void
th_refund_line_row_class_init (ThRefundLineRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = th_refund_line_row_dispose;
  widget_class->grab_focus = th_refund_line_row_grab_focus;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tihuo/Station/ui/th-refund-line-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ThRefundLineRow, include_check);
  gtk_widget_class_bind_template_child (widget_class, ThRefundLineRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, ThRefundLineRow, detail_label);
  gtk_widget_class_bind_template_child (widget_class, ThRefundLineRow, qty_spin);
  gtk_widget_class_bind_template_child (widget_class, ThRefundLineRow, amount_entry);
  gtk_widget_class_bind_template_callback (widget_class, include_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, qty_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, amount_changed_cb);
}

static void
th_refund_line_row_init (ThRefundLineRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * th_refund_line_row_new:
 * @refunded_before: fen already refunded on this line
 * @amounts: (nullable): keeps the amount fields of all rows one width
 */
ThRefundLineRow *
th_refund_line_row_new (const ThOrderLine *line,
                        gint64             refunded_before,
                        GtkSizeGroup      *amounts)
{
  ThRefundLineRow *self = g_object_new (TH_TYPE_REFUND_LINE_ROW, NULL);
  guint remaining = th_order_line_remaining (line);
  g_autofree char *price = th_money_format (line->unit_price);
  g_autofree char *before = th_money_format (refunded_before);
  g_autofree char *left = th_money_format (th_money_refund_left (line->qty, line->unit_price, refunded_before));
  g_autofree char *detail = NULL;
  g_autofree char *title = g_strdup_printf ("%u. %s", line->line, line->name);

  self->line = line->line;
  self->unit_price = line->unit_price;
  gtk_label_set_label (self->name_label, title);
  if (refunded_before > 0)
    /* Translators: bought × unit price · still to hand over · refunded before */
    detail = g_strdup_printf (_("%u × %s · %u to hand over · %s refunded before"),
                              line->qty, price, remaining, before);
  else
    /* Translators: bought × unit price · still to hand over */
    detail = g_strdup_printf (_("%u × %s · %u to hand over"), line->qty, price, remaining);
  gtk_label_set_label (self->detail_label, detail);
  gtk_adjustment_configure (gtk_spin_button_get_adjustment (self->qty_spin), 0, 0, remaining, 1, 1, 0);
  /* Translators: %s is the most that can still be refunded on a line */
  g_autofree char *placeholder = g_strdup_printf (_("up to %s"), left);
  gtk_entry_set_placeholder_text (self->amount_entry, placeholder);
  /* The placeholder sets each field's width: line them up anyway. */
  if (amounts)
    gtk_size_group_add_widget (amounts, GTK_WIDGET (self->amount_entry));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->include_check), GTK_ACCESSIBLE_PROPERTY_LABEL, line->name, -1);
  update_sensitivity (self);
  return self;
}

gboolean
th_refund_line_row_get_included (ThRefundLineRow *self)
{
  g_return_val_if_fail (TH_IS_REFUND_LINE_ROW (self), FALSE);
  return gtk_check_button_get_active (self->include_check);
}

void
th_refund_line_row_set_included (ThRefundLineRow *self,
                                 gboolean         included)
{
  g_return_if_fail (TH_IS_REFUND_LINE_ROW (self));
  gtk_check_button_set_active (self->include_check, included);
}

/* As if typed; NULL or "" goes back to quantity × unit price. */
void
th_refund_line_row_set_amount (ThRefundLineRow *self,
                               const char      *yuan)
{
  g_return_if_fail (TH_IS_REFUND_LINE_ROW (self));
  gtk_editable_set_text (GTK_EDITABLE (self->amount_entry), yuan ? yuan : "");
  if (!self->amount_typed)
    follow_qty (self);
}

gboolean
th_refund_line_row_get_request (ThRefundLineRow      *self,
                                ThRefundLineRequest  *request,
                                GError              **error)
{
  const char *text;

  g_return_val_if_fail (TH_IS_REFUND_LINE_ROW (self), FALSE);

  request->line = self->line;
  request->qty = (guint) gtk_spin_button_get_value_as_int (self->qty_spin);
  request->amount = -1;
  text = gtk_editable_get_text (GTK_EDITABLE (self->amount_entry));
  if (self->amount_typed && !th_money_parse (text, &request->amount))
    {
      g_set_error (error, TH_ERROR, TH_ERROR_INVALID,
                   _("Line %u: type the amount in yuan, like 12.90."), self->line);
      return FALSE;
    }
  return TRUE;
}
