/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Today's and tomorrow's orders, grouped by pickup slot with counts, with
 * filters and a search. The query takes a couple of milliseconds for a busy
 * station's few hundred orders (th-order-list.c), so it runs on the main
 * loop. Building the rows is the larger part (tens of milliseconds), so that
 * happens only when the page is shown or reloaded; filters and the search
 * just hide rows. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-failing.h"
#include "th-format.h"
#include "th-order-row.h"
#include "th-orders-page-private.h"
#include "th-time.h"

G_DEFINE_FINAL_TYPE_WITH_CODE (ThOrdersPage, th_orders_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (TH_TYPE_FAILING, NULL))

enum {
  PROP_0,
  PROP_FILTER,
  N_PROPS
};

enum {
  ORDER_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char * const filter_names[] = { "all", "to-hand-over", "collected", "cancelled-refunded" };

ThOrderFilter
_th_orders_page_current_filter (ThOrdersPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (filter_names); i++)
    if (g_strcmp0 (self->filter, filter_names[i]) == 0)
      return (ThOrderFilter) i;
  return TH_ORDER_FILTER_ALL;
}

void
_th_orders_page_fail (ThOrdersPage *self,
                      const GError *error)
{
  th_failing_emit (self, error);
}

static void
search_changed_cb (ThOrdersPage *self)
{
  _th_orders_page_apply_filter (self);
}

static void
stop_search_cb (ThOrdersPage *self)
{
  if (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "win.back-to-scanning", NULL);
}

static void
search_activated_cb (ThOrdersPage *self)
{
  GtkListBoxRow *first, *second;

  /* Enter on a search that found exactly the one order opens it. */
  _th_orders_page_first_shown_rows (self, &first, &second);
  if (first && second == NULL)
    g_signal_emit (self, signals[ORDER_ACTIVATED], 0, th_order_row_get_order (TH_ORDER_ROW (first))->id);
  else if (first)
    gtk_widget_grab_focus (GTK_WIDGET (first));
}

static void
row_activated_cb (ThOrdersPage  *self,
                  GtkListBoxRow *row)
{
  g_signal_emit (self, signals[ORDER_ACTIVATED], 0, th_order_row_get_order (TH_ORDER_ROW (row))->id);
}

static void
th_orders_page_dispose (GObject *object)
{
  GtkWidget *child;
  ThOrdersPage *self = (ThOrdersPage *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), TH_TYPE_ORDERS_PAGE);
  /* The template's top widget has no id: unparent it by hand. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_pointer (&self->list, th_order_list_free);
  g_clear_pointer (&self->filter, g_free);
  g_clear_pointer (&self->search, g_free);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (th_orders_page_parent_class)->dispose (object);
}

static void
th_orders_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ThOrdersPage *self = TH_ORDERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_FILTER:
      g_value_set_string (value, self->filter);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
th_orders_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  ThOrdersPage *self = TH_ORDERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_FILTER:
      if (g_strcmp0 (self->filter, g_value_get_string (value)) != 0)
        {
          g_free (self->filter);
          self->filter = g_value_dup_string (value);
          _th_orders_page_apply_filter (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
th_orders_page_class_init (ThOrdersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = th_orders_page_dispose;
  object_class->get_property = th_orders_page_get_property;
  object_class->set_property = th_orders_page_set_property;

  /* One of "all", "to-hand-over", "collected", "cancelled-refunded" */
  properties[PROP_FILTER] =
    g_param_spec_string ("filter", NULL, NULL, "all",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ORDER_ACTIVATED] = g_signal_new ("order-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_install_property_action (widget_class, "orders.filter", "filter");

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tihuo/Station/ui/th-orders-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ThOrdersPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ThOrdersPage, stack);
  gtk_widget_class_bind_template_child (widget_class, ThOrdersPage, orders_list);
  gtk_widget_class_bind_template_child (widget_class, ThOrdersPage, summary_label);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
th_orders_page_init (ThOrdersPage *self)
{
  self->filter = g_strdup ("all");
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_header_func (self->orders_list, _th_orders_page_header_func, self, NULL);
  gtk_list_box_set_filter_func (self->orders_list, _th_orders_page_filter_func, self, NULL);
}

void
th_orders_page_set_db (ThOrdersPage *self,
                       ThDb         *db)
{
  g_return_if_fail (TH_IS_ORDERS_PAGE (self));
  if (g_set_object (&self->db, db) && gtk_widget_get_mapped (GTK_WIDGET (self)))
    th_orders_page_reload (self);
}

void
th_orders_page_focus_search (ThOrdersPage *self)
{
  g_return_if_fail (TH_IS_ORDERS_PAGE (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

GtkEditable *
th_orders_page_get_search_entry (ThOrdersPage *self)
{
  g_return_val_if_fail (TH_IS_ORDERS_PAGE (self), NULL);
  return GTK_EDITABLE (self->search_entry);
}

GtkListBox *
th_orders_page_get_list (ThOrdersPage *self)
{
  g_return_val_if_fail (TH_IS_ORDERS_PAGE (self), NULL);
  return self->orders_list;
}

