/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The after-sales ledger (售后台账): every case, newest first, filtered by
 * status, category, product and date, and searched. The core does the
 * filtering (th_case_list) and says which cases are overdue; this page
 * counts them for the badge, again every minute as time passes. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-failing.h"
#include "th-case-row.h"
#include "th-case-window.h"
#include "th-ledger-page-private.h"
#include "th-time.h"

#define REFRESH_SECONDS 60

G_DEFINE_FINAL_TYPE_WITH_CODE (ThLedgerPage, th_ledger_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (TH_TYPE_FAILING, NULL))

enum {
  PROP_0,
  PROP_N_OVERDUE,
  PROP_HAS_OVERDUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_n_overdue (ThLedgerPage *self,
               guint         n_overdue)
{
  gboolean had = self->n_overdue > 0;

  if (n_overdue == self->n_overdue)
    return;
  self->n_overdue = n_overdue;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_OVERDUE]);
  if (had != (n_overdue > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_OVERDUE]);
}

static void
filters_changed_cb (ThLedgerPage *self)
{
  if (!self->loading)
    th_ledger_page_reload (self);
}

static void
case_changed_cb (ThLedgerPage *self)
{
  th_ledger_page_reload (self);
}

static void
row_activated_cb (ThLedgerPage  *self,
                  GtkListBoxRow *row)
{
  th_ledger_page_open_case (self, th_case_row_get_case (TH_CASE_ROW (row))->id);
}

static gboolean
refresh_cb (gpointer user_data)
{
  th_ledger_page_reload (user_data);
  return G_SOURCE_CONTINUE;
}

static void
th_ledger_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ThLedgerPage *self = TH_LEDGER_PAGE (object);

  switch (prop_id)
    {
    case PROP_N_OVERDUE:
      g_value_set_uint (value, self->n_overdue);
      break;
    case PROP_HAS_OVERDUE:
      g_value_set_boolean (value, self->n_overdue > 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
th_ledger_page_dispose (GObject *object)
{
  ThLedgerPage *self = (ThLedgerPage *)object;
  GtkWidget *child;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), TH_TYPE_LEDGER_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->session);
  g_clear_object (&self->db);
  g_clear_object (&self->context);
  g_clear_pointer (&self->skus, g_strfreev);

  G_OBJECT_CLASS (th_ledger_page_parent_class)->dispose (object);
}

static void
th_ledger_page_class_init (ThLedgerPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = th_ledger_page_dispose;
  object_class->get_property = th_ledger_page_get_property;

  properties[PROP_N_OVERDUE] =
    g_param_spec_uint ("n-overdue", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_HAS_OVERDUE] =
    g_param_spec_boolean ("has-overdue", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tihuo/Station/ui/th-ledger-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ThLedgerPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ThLedgerPage, status_drop);
  gtk_widget_class_bind_template_child (widget_class, ThLedgerPage, category_drop);
  gtk_widget_class_bind_template_child (widget_class, ThLedgerPage, product_drop);
  gtk_widget_class_bind_template_child (widget_class, ThLedgerPage, period_drop);
  gtk_widget_class_bind_template_child (widget_class, ThLedgerPage, overdue_toggle);
  gtk_widget_class_bind_template_child (widget_class, ThLedgerPage, stack);
  gtk_widget_class_bind_template_child (widget_class, ThLedgerPage, cases_list);
  gtk_widget_class_bind_template_child (widget_class, ThLedgerPage, summary_label);
  gtk_widget_class_bind_template_callback (widget_class, filters_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
th_ledger_page_init (ThLedgerPage *self)
{
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) categories = gtk_string_list_new (NULL);

  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_string_list_append (statuses, _("Any status"));
  for (guint i = 0; i <= TH_CASE_REJECTED; i++)
    gtk_string_list_append (statuses, th_case_status_describe ((ThCaseStatus) i));
  gtk_drop_down_set_model (self->status_drop, G_LIST_MODEL (statuses));
  gtk_string_list_append (categories, _("Any category"));
  for (guint i = 0; i < TH_REASON_COUNT; i++)
    gtk_string_list_append (categories, th_reason_describe ((ThReason) i));
  gtk_drop_down_set_model (self->category_drop, G_LIST_MODEL (categories));
  self->loading = FALSE;
  gtk_search_entry_set_key_capture_widget (self->search_entry, NULL);
}

void
th_ledger_page_setup (ThLedgerPage *self,
                      ThContext    *context)
{
  g_return_if_fail (TH_IS_LEDGER_PAGE (self));
  g_return_if_fail (TH_IS_CONTEXT (context));

  g_set_object (&self->context, context);
  g_set_object (&self->session, th_context_get_session (context));
  if (g_set_object (&self->db, th_context_get_db (context)))
    th_ledger_page_reload (self);
  if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add_seconds (REFRESH_SECONDS, refresh_cb, self);
}

void
th_ledger_page_reload (ThLedgerPage *self)
{
  ThCaseFilter filter = TH_CASE_FILTER_INIT;
  ThCaseDeadlines deadlines;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autofree char *summary = NULL;
  gint64 now = th_time_now ();
  gint64 n_overdue;
  guint status, category, product;
  GtkWidget *child;

  g_return_if_fail (TH_IS_LEDGER_PAGE (self));

  if (self->db == NULL || self->session == NULL)
    return;
  th_context_get_deadlines (self->context, &deadlines);
  _th_ledger_page_load_products (self);
  status = gtk_drop_down_get_selected (self->status_drop);
  category = gtk_drop_down_get_selected (self->category_drop);
  product = gtk_drop_down_get_selected (self->product_drop);
  filter.statuses = status > 0 && status != GTK_INVALID_LIST_POSITION ? 1u << (status - 1) : 0;
  filter.category = category > 0 && category != GTK_INVALID_LIST_POSITION ? (int) category - 1 : -1;
  filter.sku = product > 0 && product != GTK_INVALID_LIST_POSITION && self->skus ? self->skus[product - 1] : NULL;
  _th_ledger_period_bounds ((ThLedgerPeriod) gtk_drop_down_get_selected (self->period_drop), now, &filter.since, &filter.until);
  filter.search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  filter.overdue_only = gtk_toggle_button_get_active (self->overdue_toggle);
  filter.deadlines = &deadlines;
  filter.now = now;

  if (!(cases = th_case_list (self->db, &filter, &error)) ||
      (n_overdue = th_case_count_overdue (self->db, &deadlines, now, &error)) < 0)
    {
      th_failing_emit (self, error);
      return;
    }
  set_n_overdue (self, (guint) n_overdue);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->cases_list))))
    gtk_list_box_remove (self->cases_list, child);
  for (guint i = 0; i < cases->len; i++)
    gtk_list_box_append (self->cases_list, GTK_WIDGET (th_case_row_new (g_ptr_array_index (cases, i), &deadlines, now)));
  gtk_stack_set_visible_child_name (self->stack, cases->len > 0 ? "list" : "empty");

  /* Translators: the ledger's count of cases shown, then of all overdue cases */
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u case shown · %u overdue in all",
                                          "%u cases shown · %u overdue in all", cases->len),
                             cases->len, self->n_overdue);
  gtk_label_set_label (self->summary_label, summary);
}

void
th_ledger_page_focus_search (ThLedgerPage *self)
{
  g_return_if_fail (TH_IS_LEDGER_PAGE (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

GtkListBox *
th_ledger_page_get_list (ThLedgerPage *self)
{
  g_return_val_if_fail (TH_IS_LEDGER_PAGE (self), NULL);
  return self->cases_list;
}

guint
th_ledger_page_get_n_overdue (ThLedgerPage *self)
{
  g_return_val_if_fail (TH_IS_LEDGER_PAGE (self), 0);
  return self->n_overdue;
}

/* Returns: (transfer none): the case's window, presented */
GtkWindow *
th_ledger_page_open_case (ThLedgerPage *self,
                          const char   *case_id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  ThCaseWindow *window;

  g_return_val_if_fail (TH_IS_LEDGER_PAGE (self), NULL);
  g_return_val_if_fail (self->db != NULL, NULL);

  window = th_case_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->context, case_id);
  g_signal_connect_object (window, "changed", G_CALLBACK (case_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}
