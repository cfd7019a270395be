/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The monthly summary as horizontal bars, drawn with GtkSnapshot: per row
 * (a category or a product) one bar for its cases and one for the amount
 * refunded, each scaled to the largest of its kind and labelled with its
 * value, so nothing depends on reading a scale or telling colours apart. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-bar-chart.h"
#include "th-format.h"
#include "th-money.h"

#define ROW_HEIGHT   48
#define BAR_HEIGHT   14
#define LEGEND_HEIGHT 32
#define LABEL_MAX    220
#define VALUE_WIDTH  96
#define GAP          12

typedef struct {
  char   *label;
  guint   n_cases;
  gint64  amount;
} Bar;

struct _ThBarChart
{
  GtkWidget  parent_instance;

  GArray    *bars;   /* of Bar */
};

G_DEFINE_FINAL_TYPE (ThBarChart, th_bar_chart, GTK_TYPE_WIDGET)

static const GdkRGBA cases_color = { 0.208, 0.518, 0.894, 1.0 };    /* GNOME blue 3 */
static const GdkRGBA refunds_color = { 0.902, 0.380, 0.0, 1.0 };    /* GNOME orange 5 */

static void
bar_clear (gpointer data)
{
  g_free (((Bar *) data)->label);
}

static void
draw_text (ThBarChart    *self,
           GtkSnapshot   *snapshot,
           const char    *text,
           float          x,
           float          y,
           int            width,
           const GdkRGBA *color)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  int w, h;

  pango_layout_set_width (layout, width * PANGO_SCALE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_get_pixel_size (layout, &w, &h);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y - h / 2.0f));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
draw_bar (ThBarChart    *self,
          GtkSnapshot   *snapshot,
          float          x,
          float          y,
          float          full,
          double         fraction,
          const GdkRGBA *color,
          const char    *value,
          const GdkRGBA *fg)
{
  float length = (float) (full * fraction);

  /* A sliver even for zero, so the row still reads as a bar chart. */
  if (length < 2)
    length = 2;
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x, y - BAR_HEIGHT / 2.0f, length, BAR_HEIGHT));
  draw_text (self, snapshot, value, x + length + 6, y, VALUE_WIDTH, fg);
}

/* As wide as the longest label, so the bars get the rest. */
static int
label_width (ThBarChart *self)
{
  int widest = 40;

  for (guint i = 0; i < self->bars->len; i++)
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self),
                                                                     g_array_index (self->bars, Bar, i).label);
      int w;

      pango_layout_get_pixel_size (layout, &w, NULL);
      widest = MAX (widest, w);
    }
  return MIN (widest, LABEL_MAX);
}

static void
th_bar_chart_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  ThBarChart *self = TH_BAR_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int label = label_width (self);
  float bar_x = label + GAP;
  float full = MAX (width - bar_x - VALUE_WIDTH - GAP, 20);
  guint max_cases = 1;
  gint64 max_amount = 1;
  GdkRGBA fg;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  for (guint i = 0; i < self->bars->len; i++)
    {
      max_cases = MAX (max_cases, g_array_index (self->bars, Bar, i).n_cases);
      max_amount = MAX (max_amount, g_array_index (self->bars, Bar, i).amount);
    }

  /* Legend */
  gtk_snapshot_append_color (snapshot, &cases_color, &GRAPHENE_RECT_INIT (bar_x, 10, 12, 12));
  draw_text (self, snapshot, _("Cases"), bar_x + 18, 16, 120, &fg);
  gtk_snapshot_append_color (snapshot, &refunds_color, &GRAPHENE_RECT_INIT (bar_x + 150, 10, 12, 12));
  draw_text (self, snapshot, _("Refunded"), bar_x + 168, 16, 160, &fg);

  for (guint i = 0; i < self->bars->len; i++)
    {
      Bar *bar = &g_array_index (self->bars, Bar, i);
      float top = LEGEND_HEIGHT + i * ROW_HEIGHT;
      g_autofree char *cases = g_strdup_printf ("%u", bar->n_cases);
      g_autofree char *amount = th_money_format (bar->amount);

      draw_text (self, snapshot, bar->label, 0, top + ROW_HEIGHT / 2.0f, label, &fg);
      draw_bar (self, snapshot, bar_x, top + ROW_HEIGHT / 2.0f - BAR_HEIGHT / 2.0f - 1, full,
                (double) bar->n_cases / max_cases, &cases_color, cases, &fg);
      draw_bar (self, snapshot, bar_x, top + ROW_HEIGHT / 2.0f + BAR_HEIGHT / 2.0f + 1, full,
                (double) bar->amount / (double) max_amount, &refunds_color, amount, &fg);
    }
}

static void
th_bar_chart_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  ThBarChart *self = TH_BAR_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = label_width (self) + GAP + 120 + VALUE_WIDTH;
      *natural = *minimum + 300;
    }
  else
    *minimum = *natural = LEGEND_HEIGHT + (int) self->bars->len * ROW_HEIGHT + GAP;
}

static void
th_bar_chart_finalize (GObject *object)
{
  ThBarChart *self = (ThBarChart *)object;

  g_array_unref (self->bars);

  G_OBJECT_CLASS (th_bar_chart_parent_class)->finalize (object);
}

static void
th_bar_chart_class_init (ThBarChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = th_bar_chart_finalize;
  widget_class->snapshot = th_bar_chart_snapshot;
  widget_class->measure = th_bar_chart_measure;
  gtk_widget_class_set_css_name (widget_class, "barchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
th_bar_chart_init (ThBarChart *self)
{
  self->bars = g_array_new (FALSE, TRUE, sizeof (Bar));
  g_array_set_clear_func (self->bars, bar_clear);
}

void
th_bar_chart_set_rows (ThBarChart *self,
                       GArray     *rows)
{
  g_autoptr(GString) description = g_string_new (NULL);

  g_return_if_fail (TH_IS_BAR_CHART (self));

  g_array_set_size (self->bars, 0);
  for (guint i = 0; rows && i < rows->len; i++)
    {
      ThReportRow *row = &g_array_index (rows, ThReportRow, i);
      Bar bar = { g_strdup (row->label), row->n_cases, row->refund_amount };
      g_autofree char *amount = th_money_format (row->refund_amount);

      g_array_append_val (self->bars, bar);
      /* The table next to the chart says the same; this is for screen readers. */
      g_string_append_printf (description, "%s: %u, %s. ", row->label, row->n_cases, amount);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str, -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

guint
th_bar_chart_get_n_rows (ThBarChart *self)
{
  g_return_val_if_fail (TH_IS_BAR_CHART (self), 0);
  return self->bars->len;
}
