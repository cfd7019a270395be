/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "th-order-list.h"
#include "th-staff-test-util.h"

void
th_staff_test_add_team (ThGuiFixture *f)
{
  th_test_add_staff (f->base.db, TH_TEST_CASHIER, TH_STAFF_ROLE_CASHIER, TH_TEST_CASHIER_PIN);
  th_test_add_staff (f->base.db, TH_TEST_SUPERVISOR, TH_STAFF_ROLE_SUPERVISOR, TH_TEST_SUPERVISOR_PIN);
}

/* As a checked PIN would: the sign-in page itself has its own test. */
void
th_staff_test_sign_in_as (ThGuiFixture *f,
                          const char   *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThStaff) staff = th_staff_find (f->base.db, name, &error);

  g_assert_no_error (error);
  th_session_lock (th_context_get_session (th_window_get_context (f->window)));
  th_session_set_staff (th_context_get_session (th_window_get_context (f->window)), staff);
  g_assert_cmpstr (th_window_get_visible_page (f->window), ==, "counter");
}

ThOrder *
th_staff_test_open_order (ThGuiFixture *f,
                          guint         n_lines)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThOrderList) list = th_order_list_query (f->base.db, f->now, 2, TH_ORDER_FILTER_TO_HAND_OVER, NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < list->orders->len; i++)
    {
      ThOrder *o = g_ptr_array_index (list->orders, i);
      gboolean untouched = o->lines->len >= n_lines && o->refunded == 0;

      for (guint k = 0; untouched && k < o->lines->len; k++)
        untouched = g_array_index (o->lines, ThOrderLine, k).collected_qty == 0 &&
                    g_array_index (o->lines, ThOrderLine, k).refunded_qty == 0;
      if (untouched)
        return th_order_ref (o);
    }
  g_assert_not_reached ();
}

gpointer
th_staff_test_find_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  gpointer found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        {
          g_assert_null (found);
          found = window;
        }
    }
  g_assert_nonnull (found);
  return found;
}

void
th_staff_test_wait (ThGuiCondition  done,
                    gpointer        data,
                    const char     *what)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

void
th_staff_test_close (gpointer window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  th_gui_spin (50);
  g_assert_finalize_object (window);
}
