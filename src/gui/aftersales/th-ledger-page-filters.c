/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The ledger's filters: the date ranges, the products cases are about, and
 * setting them all at once (for tests and the keyboard). The filtering
 * itself is the core's (th_case_list). */
#include "config.h"

#include <glib/gi18n.h>

#include "th-ledger-page-private.h"

static gint64
local_midnight (GDateTime *t,
                int        months_back)
{
  g_autoptr(GDateTime) first = g_date_time_new_local (g_date_time_get_year (t), g_date_time_get_month (t), 1, 0, 0, 0);
  g_autoptr(GDateTime) back = g_date_time_add_months (first, -months_back);

  return g_date_time_to_unix (back);
}

void
_th_ledger_period_bounds (ThLedgerPeriod  period,
                          gint64          now,
                          gint64         *since,
                          gint64         *until)
{
  g_autoptr(GDateTime) t = g_date_time_new_from_unix_local (now);
  g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (t), g_date_time_get_month (t),
                                                         g_date_time_get_day_of_month (t), 0, 0, 0);

  *since = *until = 0;
  switch (period)
    {
    case TH_LEDGER_TODAY:
      *since = g_date_time_to_unix (midnight);
      break;
    case TH_LEDGER_LAST_7_DAYS:
      *since = now - 7 * 24 * 3600;
      break;
    case TH_LEDGER_LAST_30_DAYS:
      *since = now - 30 * 24 * 3600;
      break;
    case TH_LEDGER_THIS_MONTH:
      *since = local_midnight (t, 0);
      break;
    case TH_LEDGER_LAST_MONTH:
      *since = local_midnight (t, 1);
      *until = local_midnight (t, 0);
      break;
    case TH_LEDGER_ANY_TIME:
    default:
      break;
    }
}

/* The products that cases are about, for the product filter. Rebuilt only
 * when they change, so the choice stays put. */
void
_th_ledger_page_load_products (ThLedgerPage *self)
{
  ThCaseFilter all = TH_CASE_FILTER_INIT;
  g_autoptr(GPtrArray) cases = th_case_list (self->db, &all, NULL);
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GtkStringList) model = NULL;
  g_autoptr(GList) keys = NULL;
  g_auto(GStrv) skus = NULL;
  const char *selected = NULL;
  guint position = 0;

  for (guint i = 0; cases && i < cases->len; i++)
    {
      ThCase *c = g_ptr_array_index (cases, i);
      for (guint k = 0; k < c->lines->len; k++)
        g_hash_table_insert (names, g_array_index (c->lines, ThCaseLine, k).sku,
                             g_array_index (c->lines, ThCaseLine, k).name);
    }
  keys = g_list_sort (g_hash_table_get_keys (names), (GCompareFunc) g_strcmp0);
  for (GList *l = keys; l; l = l->next)
    g_strv_builder_add (builder, l->data);
  skus = g_strv_builder_end (builder);
  if (self->skus && g_strv_equal ((const char * const *) skus, (const char * const *) self->skus))
    return;

  model = gtk_string_list_new (NULL);
  gtk_string_list_append (model, _("Any product"));
  for (guint i = 0; skus[i]; i++)
    gtk_string_list_append (model, g_hash_table_lookup (names, skus[i]));
  if (self->skus && gtk_drop_down_get_selected (self->product_drop) > 0)
    selected = self->skus[gtk_drop_down_get_selected (self->product_drop) - 1];
  for (guint i = 0; selected && skus[i]; i++)
    if (g_str_equal (skus[i], selected))
      position = i + 1;
  self->loading = TRUE;
  gtk_drop_down_set_model (self->product_drop, G_LIST_MODEL (model));
  gtk_drop_down_set_selected (self->product_drop, position);
  self->loading = FALSE;
  g_strfreev (self->skus);
  self->skus = g_steal_pointer (&skus);
}

void
th_ledger_page_set_filters (ThLedgerPage   *self,
                            int             status,
                            int             category,
                            const char     *sku,
                            ThLedgerPeriod  period,
                            gboolean        overdue_only)
{
  guint product = 0;

  g_return_if_fail (TH_IS_LEDGER_PAGE (self));

  for (guint i = 0; sku && self->skus && self->skus[i]; i++)
    if (g_str_equal (self->skus[i], sku))
      product = i + 1;
  self->loading = TRUE;
  gtk_drop_down_set_selected (self->status_drop, (guint) (status + 1));
  gtk_drop_down_set_selected (self->category_drop, (guint) (category + 1));
  gtk_drop_down_set_selected (self->product_drop, product);
  gtk_drop_down_set_selected (self->period_drop, period);
  gtk_toggle_button_set_active (self->overdue_toggle, overdue_only);
  self->loading = FALSE;
  th_ledger_page_reload (self);
}

void
th_ledger_page_set_search (ThLedgerPage *self,
                           const char   *text)
{
  g_return_if_fail (TH_IS_LEDGER_PAGE (self));
  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  self->loading = FALSE;
  th_ledger_page_reload (self);
}

