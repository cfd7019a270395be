/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The verdict for one scan or pick, readable from two metres: a coloured
 * banner (green go, amber look again, red stop) with the next step in one
 * sentence, then the order and its lines. The colours and words are here;
 * the verdict and the numbers come from the core. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-format.h"
#include "th-line-row.h"
#include "th-result-card-private.h"
#include "th-time.h"

struct _ThResultCard
{
  GtkWidget    parent_instance;

  GtkBox      *banner;
  GtkImage    *verdict_icon;
  GtkLabel    *verdict_title;
  GtkLabel    *verdict_sentence;
  GtkLabel    *verdict_detail;
  GtkBox      *details;
  GtkFlowBox  *facts;
  GtkLabel    *note_label;
  GtkListBox  *lines_list;
  GtkBox      *buttons;

  const char  *tone;
};

G_DEFINE_FINAL_TYPE (ThResultCard, th_result_card, GTK_TYPE_WIDGET)

enum {
  TICKED_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_banner (ThResultCard         *self,
            const ThVerification *v)
{
  g_autofree char *sentence = NULL;
  g_autofree char *detail = NULL;
  const char *title;

  _th_result_card_words (v, &title, &sentence, &detail);
  gtk_widget_remove_css_class (GTK_WIDGET (self->banner), self->tone);
  self->tone = _th_result_card_tone (v);
  gtk_widget_add_css_class (GTK_WIDGET (self->banner), self->tone);
  gtk_image_set_from_icon_name (self->verdict_icon,
                                g_str_equal (self->tone, "ok") ? "object-select-symbolic" :
                                g_str_equal (self->tone, "warning") ? "dialog-warning-symbolic"
                                                                    : "action-unavailable-symbolic");
  gtk_label_set_label (self->verdict_title, title);
  gtk_label_set_label (self->verdict_sentence, sentence);
  gtk_label_set_label (self->verdict_detail, detail ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->verdict_detail), detail != NULL);
}

static void
add_fact (ThResultCard *self,
          const char   *caption,
          const char   *value)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *caption_label = gtk_label_new (caption);
  GtkWidget *value_label = gtk_label_new (value);

  gtk_label_set_xalign (GTK_LABEL (caption_label), 0);
  gtk_label_set_xalign (GTK_LABEL (value_label), 0);
  gtk_label_set_selectable (GTK_LABEL (value_label), FALSE);
  gtk_widget_add_css_class (caption_label, "caption-heading");
  gtk_widget_add_css_class (caption_label, "dim-label");
  gtk_widget_add_css_class (value_label, "fact-value");
  gtk_box_append (GTK_BOX (box), caption_label);
  gtk_box_append (GTK_BOX (box), value_label);
  gtk_flow_box_append (self->facts, box);
}

static void
line_ticked_cb (ThResultCard *self)
{
  g_signal_emit (self, signals[TICKED_CHANGED], 0);
}

static void
clear_children (GtkWidget *parent)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (parent)))
    {
      if (GTK_IS_FLOW_BOX (parent))
        gtk_flow_box_remove (GTK_FLOW_BOX (parent), child);
      else
        gtk_list_box_remove (GTK_LIST_BOX (parent), child);
    }
}

static void
set_order (ThResultCard         *self,
           const ThVerification *v)
{
  ThOrder *order = v->order;
  gboolean can_tick = v->verdict == TH_VERDICT_OK && !v->provisional;
  g_autofree char *id = NULL;

  clear_children (GTK_WIDGET (self->facts));
  clear_children (GTK_WIDGET (self->lines_list));
  gtk_widget_set_visible (GTK_WIDGET (self->details), order != NULL || v->provisional);
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->lines_list), order != NULL && order->lines->len > 0);
  if (order == NULL)
    {
      if (v->provisional)
        {
          id = g_strdup_printf ("%" G_GINT64_FORMAT, v->order_id);
          add_fact (self, _("Order"), id);
        }
      return;
    }

  {
    g_autofree char *code = th_format_pickup_code (order->pickup_code);
    g_autofree char *slot = th_format_slot (order->slot_date, order->slot_start, order->slot_end, th_time_now ());

    id = th_order_dup_id_string (order);
    add_fact (self, _("Pickup code"), code);
    add_fact (self, _("Customer"), order->customer_name && order->customer_name[0] ? order->customer_name : "—");
    add_fact (self, _("Phone tail"), order->phone_tail && order->phone_tail[0] ? order->phone_tail : "—");
    add_fact (self, _("Slot"), slot);
    add_fact (self, _("Order"), id);
  }

  if (order->note && order->note[0])
    {
      g_autofree char *note = g_strdup_printf (_("Note: %s"), order->note);
      gtk_label_set_label (self->note_label, note);
      gtk_widget_set_visible (GTK_WIDGET (self->note_label), TRUE);
    }

  for (guint i = 0; i < order->lines->len; i++)
    {
      ThLineRow *row = th_line_row_new (&g_array_index (order->lines, ThOrderLine, i), can_tick,
                                        v->verdict == TH_VERDICT_OK || v->verdict == TH_VERDICT_ALREADY_COLLECTED);

      g_signal_connect_object (row, "notify::ticked", G_CALLBACK (line_ticked_cb), self, G_CONNECT_SWAPPED);
      gtk_list_box_append (self->lines_list, GTK_WIDGET (row));
    }
}

static void
th_result_card_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), TH_TYPE_RESULT_CARD);
  /* The template's top widget has no id: unparent it by hand. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))))
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (th_result_card_parent_class)->dispose (object);
}

static void
th_result_card_class_init (ThResultCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = th_result_card_dispose;

  signals[TICKED_CHANGED] = g_signal_new ("ticked-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tihuo/Station/ui/th-result-card.ui");
  gtk_widget_class_bind_template_child (widget_class, ThResultCard, banner);
  gtk_widget_class_bind_template_child (widget_class, ThResultCard, verdict_icon);
  gtk_widget_class_bind_template_child (widget_class, ThResultCard, verdict_title);
  gtk_widget_class_bind_template_child (widget_class, ThResultCard, verdict_sentence);
  gtk_widget_class_bind_template_child (widget_class, ThResultCard, verdict_detail);
  gtk_widget_class_bind_template_child (widget_class, ThResultCard, details);
  gtk_widget_class_bind_template_child (widget_class, ThResultCard, facts);
  gtk_widget_class_bind_template_child (widget_class, ThResultCard, note_label);
  gtk_widget_class_bind_template_child (widget_class, ThResultCard, lines_list);
  gtk_widget_class_bind_template_child (widget_class, ThResultCard, buttons);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "resultcard");
}

static void
th_result_card_init (ThResultCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->tone = "none";
}

/**
 * th_result_card_set_verification:
 * @v: (nullable): what to show; the card copies what it needs
 */
void
th_result_card_set_verification (ThResultCard         *self,
                                 const ThVerification *v)
{
  gboolean can_hand_over;

  g_return_if_fail (TH_IS_RESULT_CARD (self));

  if (v == NULL)
    {
      clear_children (GTK_WIDGET (self->facts));
      clear_children (GTK_WIDGET (self->lines_list));
      gtk_widget_remove_css_class (GTK_WIDGET (self->banner), self->tone);
      self->tone = "none";
      g_signal_emit (self, signals[TICKED_CHANGED], 0);
      return;
    }

  set_banner (self, v);
  set_order (self, v);
  can_hand_over = v->verdict == TH_VERDICT_OK &&
                  (v->provisional ? v->collected == NULL : v->remaining->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->buttons), can_hand_over);
  g_signal_emit (self, signals[TICKED_CHANGED], 0);
}

/* "ok", "warning", "error", or "none" before any verdict */
const char *
th_result_card_get_tone (ThResultCard *self)
{
  g_return_val_if_fail (TH_IS_RESULT_CARD (self), NULL);
  return self->tone;
}

/**
 * th_result_card_get_ticked_lines:
 *
 * Returns: (transfer full) (element-type ThLineQty): each ticked line with
 *   all that remains of it
 */
GArray *
th_result_card_get_ticked_lines (ThResultCard *self)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (ThLineQty));

  g_return_val_if_fail (TH_IS_RESULT_CARD (self), lines);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->lines_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (TH_IS_LINE_ROW (child) && th_line_row_get_ticked (TH_LINE_ROW (child)))
        {
          ThLineQty lq = { th_line_row_get_line (TH_LINE_ROW (child)), th_line_row_get_remaining (TH_LINE_ROW (child)) };
          g_array_append_val (lines, lq);
        }
    }
  return lines;
}

guint
th_result_card_get_n_ticked (ThResultCard *self)
{
  g_autoptr(GArray) lines = th_result_card_get_ticked_lines (self);
  return lines->len;
}

/* Returns FALSE when the card shows no such line. */
gboolean
th_result_card_set_line_ticked (ThResultCard *self,
                                guint         line,
                                gboolean      ticked)
{
  g_return_val_if_fail (TH_IS_RESULT_CARD (self), FALSE);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->lines_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (TH_IS_LINE_ROW (child) && th_line_row_get_line (TH_LINE_ROW (child)) == line)
      {
        th_line_row_set_ticked (TH_LINE_ROW (child), ticked);
        return TRUE;
      }
  return FALSE;
}
