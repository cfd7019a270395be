/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One entry of the Needs Attention list: what the station sent, what the
 * platform answered and why, the platform's copy of the order for a
 * conflict, and the Acknowledge button (attention.acknowledge, with the
 * entry's id as target, handled by the page). */
#include "config.h"

#include <glib/gi18n.h>

#include "th-attention-row.h"
#include "th-format.h"
#include "th-money.h"
#include "th-time.h"

struct _ThAttentionRow
{
  GtkListBoxRow    parent_instance;

  GtkImage        *icon;
  GtkLabel        *title;
  GtkLabel        *subtitle;
  GtkButton       *acknowledge_button;
  GtkLabel        *description;
  GtkWidget       *platform_box;
  GtkLabel        *platform_heading;
  GtkLabel        *platform_lines;

  ThSyncAttention *item;
};

G_DEFINE_FINAL_TYPE (ThAttentionRow, th_attention_row, GTK_TYPE_LIST_BOX_ROW)

static const char *
status_words (ThOrderStatus status)
{
  switch (status)
    {
    case TH_ORDER_PAID:
      return _("paid, not collected");
    case TH_ORDER_COLLECTED:
      return _("collected");
    case TH_ORDER_CANCELLED:
      return _("cancelled");
    case TH_ORDER_REFUNDED:
    default:
      return _("refunded");
    }
}

static char *
describe_lines (ThOrder *order)
{
  GString *s = g_string_new (NULL);
  g_autofree char *paid = th_money_format (order->paid);
  g_autofree char *refunded = th_money_format (order->refunded);

  for (guint i = 0; i < order->lines->len; i++)
    {
      ThOrderLine *l = &g_array_index (order->lines, ThOrderLine, i);

      /* Translators: one line of the platform's copy of an order */
      g_string_append_printf (s, _("%s ×%u: %u collected, %u refunded"),
                              l->name, l->qty, l->collected_qty, l->refunded_qty);
      g_string_append_c (s, '\n');
    }
  g_string_append_printf (s, _("Paid %s, refunded %s"), paid, refunded);
  return g_string_free (s, FALSE);
}

static void
show_item (ThAttentionRow *self)
{
  ThSyncAttention *item = self->item;
  ThOrder *order = th_sync_attention_get_platform_order (item);
  gboolean conflict = th_sync_attention_get_kind (item) == TH_ATTENTION_CONFLICT;
  gint64 order_id = th_sync_attention_get_order_id (item);
  g_autofree char *order_label = NULL;
  g_autofree char *title = NULL;
  g_autofree char *when = th_format_time_in_sentence (th_sync_attention_get_answered_at (item), th_time_now ());
  g_autofree char *subtitle = NULL;
  g_autofree char *description = th_sync_attention_describe (item);
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, order_id);

  if (order != NULL)
    order_label = th_format_order_label (order);
  else if (order_id >= 0)
    order_label = g_strdup_printf (_("order %s"), id_text);
  else
    order_label = g_strdup (_("no order"));

  /* Translators: “Conflict: hand-over of 4821 3907 · 李*华” */
  title = g_strdup_printf (conflict ? _("Conflict: %s of %s") : _("Rejected: %s of %s"),
                           th_sync_event_type_describe (th_sync_attention_get_event_type (item)), order_label);
  subtitle = order_id >= 0
    /* Translators: when the platform answered, and the order's full id */
    ? g_strdup_printf (_("Answered %s · order %s"), when, id_text)
    : g_strdup_printf (_("Answered %s"), when);

  gtk_image_set_from_icon_name (self->icon, conflict ? "dialog-warning-symbolic" : "action-unavailable-symbolic");
  gtk_widget_add_css_class (GTK_WIDGET (self->icon), conflict ? "warning" : "error");
  gtk_label_set_label (self->title, title);
  gtk_label_set_label (self->subtitle, subtitle);
  gtk_label_set_label (self->description, description);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->acknowledge_button), "x", th_sync_attention_get_id (item));

  gtk_widget_set_visible (self->platform_box, order != NULL);
  if (order != NULL)
    {
      g_autofree char *heading = NULL;
      g_autofree char *lines = describe_lines (order);
      g_autofree char *revision = g_strdup_printf ("%" G_GINT64_FORMAT, order->revision);

      /* Translators: the platform's copy of the order: its status and revision */
      heading = g_strdup_printf (_("The platform’s copy: %s (revision %s)"),
                                 status_words (order->status), revision);
      gtk_label_set_label (self->platform_heading, heading);
      gtk_label_set_label (self->platform_lines, lines);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
}

static void
th_attention_row_dispose (GObject *object)
{
  ThAttentionRow *self = (ThAttentionRow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), TH_TYPE_ATTENTION_ROW);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (th_attention_row_parent_class)->dispose (object);
}

static void
th_attention_row_class_init (ThAttentionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = th_attention_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tihuo/Station/ui/th-attention-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ThAttentionRow, icon);
  gtk_widget_class_bind_template_child (widget_class, ThAttentionRow, title);
  gtk_widget_class_bind_template_child (widget_class, ThAttentionRow, subtitle);
  gtk_widget_class_bind_template_child (widget_class, ThAttentionRow, acknowledge_button);
  gtk_widget_class_bind_template_child (widget_class, ThAttentionRow, description);
  gtk_widget_class_bind_template_child (widget_class, ThAttentionRow, platform_box);
  gtk_widget_class_bind_template_child (widget_class, ThAttentionRow, platform_heading);
  gtk_widget_class_bind_template_child (widget_class, ThAttentionRow, platform_lines);
}

static void
th_attention_row_init (ThAttentionRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

ThAttentionRow *
th_attention_row_new (ThSyncAttention *item)
{
  ThAttentionRow *self;

  g_return_val_if_fail (TH_IS_SYNC_ATTENTION (item), NULL);

  self = g_object_new (TH_TYPE_ATTENTION_ROW, NULL);
  self->item = g_object_ref (item);
  show_item (self);
  return self;
}

ThSyncAttention *
th_attention_row_get_item (ThAttentionRow *self)
{
  g_return_val_if_fail (TH_IS_ATTENTION_ROW (self), NULL);
  return self->item;
}

GtkButton *
th_attention_row_get_acknowledge_button (ThAttentionRow *self)
{
  g_return_val_if_fail (TH_IS_ATTENTION_ROW (self), NULL);
  return self->acknowledge_button;
}

/* What the row says about the platform's copy; "" for a rejection. */
const char *
th_attention_row_get_platform_text (ThAttentionRow *self)
{
  g_return_val_if_fail (TH_IS_ATTENTION_ROW (self), NULL);
  return gtk_widget_get_visible (self->platform_box) ? gtk_label_get_label (self->platform_lines) : "";
}
