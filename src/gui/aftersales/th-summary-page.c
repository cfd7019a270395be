/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The monthly after-sales summary: cases and refund amounts per category
 * or per product for a chosen month, as a table and a bar chart, and as a
 * CSV file. The core adds everything up (th_report_month) and writes the
 * CSV (UTF-8 with a BOM, for spreadsheet apps); this page only shows it. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-failing.h"
#include "th-bar-chart.h"
#include "th-format.h"
#include "th-money.h"
#include "th-summary-page.h"
#include "th-time.h"

struct _ThSummaryPage
{
  GtkWidget   parent_instance;

  GtkLabel   *month_label;
  GtkLabel   *totals_label;
  GtkLabel   *status_label;
  ThBarChart *chart;
  GtkGrid    *table;

  ThDb       *db;
  ThReport   *report;
  int         year;
  int         month;
  gboolean    by_product;
};

G_DEFINE_FINAL_TYPE_WITH_CODE (ThSummaryPage, th_summary_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (TH_TYPE_FAILING, NULL))

enum {
  PROP_0,
  PROP_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
add_cell (ThSummaryPage *self,
          const char    *text,
          int            column,
          int            row,
          gboolean       header)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), column == 0 ? 0 : 1);
  gtk_label_set_ellipsize (GTK_LABEL (label), column == 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
  gtk_widget_set_hexpand (label, column == 0);
  if (header)
    gtk_widget_add_css_class (label, "heading");
  if (column > 0)
    gtk_widget_add_css_class (label, "numeric");
  gtk_grid_attach (self->table, label, column, row, 1, 1);
}

static void
add_row (ThSummaryPage *self,
         int            row,
         const char    *label,
         guint          n_cases,
         guint          n_refunds,
         gint64         amount,
         gboolean       bold)
{
  g_autofree char *cases = g_strdup_printf ("%u", n_cases);
  g_autofree char *refunds = g_strdup_printf ("%u", n_refunds);
  g_autofree char *money = th_money_format (amount);

  add_cell (self, label, 0, row, bold);
  add_cell (self, cases, 1, row, bold);
  add_cell (self, refunds, 2, row, bold);
  add_cell (self, money, 3, row, bold);
}

static void
show_report (ThSummaryPage *self)
{
  GArray *rows = self->by_product ? self->report->by_product : self->report->by_category;
  g_autofree char *amount = th_money_format (self->report->refund_amount);
  g_autofree char *totals = NULL;
  GtkWidget *child;

  /* Translators: the month's totals: cases, refunds and the amount refunded */
  totals = g_strdup_printf (_("%u cases · %u refunds · %s refunded"),
                            self->report->n_cases, self->report->n_refunds, amount);
  gtk_label_set_label (self->totals_label, totals);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->table))))
    gtk_grid_remove (self->table, child);
  add_cell (self, self->by_product ? _("Product") : _("Category"), 0, 0, TRUE);
  add_cell (self, _("Cases"), 1, 0, TRUE);
  add_cell (self, _("Refunds"), 2, 0, TRUE);
  add_cell (self, _("Refunded"), 3, 0, TRUE);
  for (guint i = 0; i < rows->len; i++)
    {
      ThReportRow *r = &g_array_index (rows, ThReportRow, i);
      add_row (self, (int) i + 1, r->label, r->n_cases, r->n_refunds, r->refund_amount, FALSE);
    }
  if (rows->len == 0)
    add_cell (self, _("No cases or refunds for any product this month."), 0, 1, FALSE);
  else if (!self->by_product)
    add_row (self, (int) rows->len + 1, _("Total"), self->report->n_cases, self->report->n_refunds,
             self->report->refund_amount, TRUE);
  th_bar_chart_set_rows (self->chart, rows);
}

static void
shift_month (ThSummaryPage *self,
             int            delta)
{
  /* Within the months the report can sum up (th-time.h). */
  int index = CLAMP (self->year * 12 + (self->month - 1) + delta,
                     TH_TIME_FIRST_YEAR * 12, TH_TIME_LAST_YEAR * 12 + 11);

  th_summary_page_set_month (self, index / 12, index % 12 + 1);
}

static void
month_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  shift_month (TH_SUMMARY_PAGE (widget), g_str_equal (action_name, "summary.previous") ? -1 : 1);
}

static void
th_summary_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ThSummaryPage *self = TH_SUMMARY_PAGE (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      g_value_set_string (value, self->by_product ? "product" : "category");
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
th_summary_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  ThSummaryPage *self = TH_SUMMARY_PAGE (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      th_summary_page_set_by_product (self, g_strcmp0 (g_value_get_string (value), "product") == 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
export_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    ThSummaryPage   *self)
{
  g_autoptr(GFile) file = response == GTK_RESPONSE_ACCEPT ? gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser)) : NULL;
  g_autofree char *path = file ? g_file_get_path (file) : NULL;
  g_autoptr(GError) error = NULL;

  if (path)
    {
      if (th_summary_page_export_csv (self, path, &error))
        {
          g_autofree char *name = g_file_get_basename (file);
          /* Translators: %s is a file name */
          g_autofree char *saved = g_strdup_printf (_("Saved as %s"), name);
          gtk_label_set_label (self->status_label, saved);
        }
      else
        th_failing_emit (self, error);
    }
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  ThSummaryPage *self = TH_SUMMARY_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = g_strdup_printf ("aftersales-%04d-%02d.csv", self->year, self->month);
  GtkFileChooserNative *chooser;

  if (self->report == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Export Monthly Summary"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("CSV spreadsheets"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
th_summary_page_dispose (GObject *object)
{
  ThSummaryPage *self = (ThSummaryPage *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), TH_TYPE_SUMMARY_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->db);
  g_clear_pointer (&self->report, th_report_free);

  G_OBJECT_CLASS (th_summary_page_parent_class)->dispose (object);
}

static void
th_summary_page_class_init (ThSummaryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = th_summary_page_dispose;
  object_class->get_property = th_summary_page_get_property;
  object_class->set_property = th_summary_page_set_property;

  /* "category" or "product", for the view toggles (summary.view) */
  properties[PROP_VIEW] =
    g_param_spec_string ("view", NULL, NULL, "category",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TH_TYPE_BAR_CHART);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tihuo/Station/ui/th-summary-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ThSummaryPage, month_label);
  gtk_widget_class_bind_template_child (widget_class, ThSummaryPage, totals_label);
  gtk_widget_class_bind_template_child (widget_class, ThSummaryPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, ThSummaryPage, chart);
  gtk_widget_class_bind_template_child (widget_class, ThSummaryPage, table);
  gtk_widget_class_install_action (widget_class, "summary.previous", NULL, month_action);
  gtk_widget_class_install_action (widget_class, "summary.next", NULL, month_action);
  gtk_widget_class_install_property_action (widget_class, "summary.view", "view");
  gtk_widget_class_install_action (widget_class, "summary.export", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "summary.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "summary.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "summary.export", NULL);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
th_summary_page_init (ThSummaryPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (th_time_now ());

  gtk_widget_init_template (GTK_WIDGET (self));
  self->year = g_date_time_get_year (now);
  self->month = g_date_time_get_month (now);
}

void
th_summary_page_set_db (ThSummaryPage *self,
                        ThDb          *db)
{
  g_return_if_fail (TH_IS_SUMMARY_PAGE (self));
  if (g_set_object (&self->db, db))
    th_summary_page_reload (self);
}

void
th_summary_page_reload (ThSummaryPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) first = NULL;
  g_autofree char *title = NULL;
  ThReport *report;

  g_return_if_fail (TH_IS_SUMMARY_PAGE (self));

  first = g_date_time_new_local (self->year, self->month, 1, 0, 0, 0);
  /* Translators: the month shown, see strftime(3), like “November 2026” or “2026年11月” */
  title = g_date_time_format (first, _("%B %Y"));
  gtk_label_set_label (self->month_label, title);
  gtk_label_set_label (self->status_label, "");
  if (self->db == NULL)
    return;
  if (!(report = th_report_month (self->db, self->year, self->month, NULL, &error)))
    {
      th_failing_emit (self, error);
      return;
    }
  g_clear_pointer (&self->report, th_report_free);
  self->report = report;
  show_report (self);
}

void
th_summary_page_set_month (ThSummaryPage *self,
                           int            year,
                           int            month)
{
  g_return_if_fail (TH_IS_SUMMARY_PAGE (self));
  g_return_if_fail (month >= 1 && month <= 12);

  self->year = year;
  self->month = month;
  th_summary_page_reload (self);
}

void
th_summary_page_set_by_product (ThSummaryPage *self,
                                gboolean       by_product)
{
  g_return_if_fail (TH_IS_SUMMARY_PAGE (self));

  if (self->by_product == !!by_product)
    return;
  self->by_product = !!by_product;
  if (self->report)
    show_report (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

const ThReport *
th_summary_page_get_report (ThSummaryPage *self)
{
  g_return_val_if_fail (TH_IS_SUMMARY_PAGE (self), NULL);
  return self->report;
}

GtkWidget *
th_summary_page_get_chart (ThSummaryPage *self)
{
  g_return_val_if_fail (TH_IS_SUMMARY_PAGE (self), NULL);
  return GTK_WIDGET (self->chart);
}

gboolean
th_summary_page_export_csv (ThSummaryPage  *self,
                            const char     *path,
                            GError        **error)
{
  g_return_val_if_fail (TH_IS_SUMMARY_PAGE (self), FALSE);
  g_return_val_if_fail (self->report != NULL, FALSE);
  return th_report_write_csv (self->report, path, error);
}
