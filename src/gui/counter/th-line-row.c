/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One line of an order on the result card: the product, how many, how many
 * are handed over, and a tick for a partial pickup. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-format.h"
#include "th-money.h"
#include "th-line-row.h"

struct _ThLineRow
{
  AdwActionRow    parent_instance;

  GtkCheckButton *tick;
  GtkLabel       *qty_label;
  GtkLabel       *state_label;

  guint           line;
  guint           remaining;
};

G_DEFINE_FINAL_TYPE (ThLineRow, th_line_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_TICKED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
tick_toggled_cb (ThLineRow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TICKED]);
}

static void
th_line_row_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  ThLineRow *self = TH_LINE_ROW (object);

  switch (prop_id)
    {
    case PROP_TICKED:
      g_value_set_boolean (value, th_line_row_get_ticked (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
th_line_row_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  ThLineRow *self = TH_LINE_ROW (object);

  switch (prop_id)
    {
    case PROP_TICKED:
      th_line_row_set_ticked (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
th_line_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TH_TYPE_LINE_ROW);
  G_OBJECT_CLASS (th_line_row_parent_class)->dispose (object);
}

static void
th_line_row_class_init (ThLineRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = th_line_row_dispose;
  object_class->get_property = th_line_row_get_property;
  object_class->set_property = th_line_row_set_property;

  properties[PROP_TICKED] =
    g_param_spec_boolean ("ticked", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tihuo/Station/ui/th-line-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ThLineRow, tick);
  gtk_widget_class_bind_template_child (widget_class, ThLineRow, qty_label);
  gtk_widget_class_bind_template_child (widget_class, ThLineRow, state_label);
  gtk_widget_class_bind_template_callback (widget_class, tick_toggled_cb);
}

static void
th_line_row_init (ThLineRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * th_line_row_new:
 * @can_tick: whether this line may be chosen for a partial pickup now
 * @show_remaining: whether to say what is left to hand over (not for a
 *   cancelled or refunded order, where nothing is)
 */
ThLineRow *
th_line_row_new (const ThOrderLine *line,
                 gboolean           can_tick,
                 gboolean           show_remaining)
{
  ThLineRow *self = g_object_new (TH_TYPE_LINE_ROW, NULL);
  g_autofree char *price = th_money_format (line->unit_price);
  g_autofree char *subtitle = NULL;
  g_autofree char *qty = g_strdup_printf ("×%u", line->qty);
  g_autofree char *state = NULL;
  const char *css = "todo";

  self->line = line->line;
  self->remaining = th_order_line_remaining (line);

  /* Translators: the price of one item, then the product code */
  subtitle = g_strdup_printf (_("%s each · %s"), price, line->sku);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), line->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
  gtk_label_set_label (self->qty_label, qty);

  if (line->refunded_qty >= line->qty)
    state = g_strdup (_("Refunded")), css = "refunded";
  else if (self->remaining == 0)
    state = g_strdup (_("Handed over")), css = "done";
  else if (line->collected_qty > 0 || line->refunded_qty > 0)
    /* Translators: a partly handed-over line: how many are left, of how many */
    state = g_strdup_printf (_("%u of %u left"), self->remaining, line->qty - line->refunded_qty);
  else
    state = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u to hand over", "%u to hand over", self->remaining),
                             self->remaining);
  gtk_label_set_label (self->state_label, state);
  gtk_widget_add_css_class (GTK_WIDGET (self->state_label), css);
  gtk_widget_set_visible (GTK_WIDGET (self->state_label), show_remaining || self->remaining == 0);

  can_tick = can_tick && self->remaining > 0;
  gtk_widget_set_sensitive (GTK_WIDGET (self->tick), can_tick);
  gtk_widget_set_visible (GTK_WIDGET (self->tick), can_tick);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), can_tick);
  return self;
}

guint
th_line_row_get_line (ThLineRow *self)
{
  g_return_val_if_fail (TH_IS_LINE_ROW (self), 0);
  return self->line;
}

guint
th_line_row_get_remaining (ThLineRow *self)
{
  g_return_val_if_fail (TH_IS_LINE_ROW (self), 0);
  return self->remaining;
}

gboolean
th_line_row_get_ticked (ThLineRow *self)
{
  g_return_val_if_fail (TH_IS_LINE_ROW (self), FALSE);
  return gtk_widget_get_sensitive (GTK_WIDGET (self->tick)) && gtk_check_button_get_active (self->tick);
}

void
th_line_row_set_ticked (ThLineRow *self,
                        gboolean   ticked)
{
  g_return_if_fail (TH_IS_LINE_ROW (self));
  gtk_check_button_set_active (self->tick, ticked);
}
