/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's staff, refunds and after-sales: first-run leader account,
 * sign-in and lock, and the actions that open the refund, case and staff
 * dialogs. Only a signed-in person sees the station pages; the session
 * (th-session.c) lends their name to every record. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-activity-watch.h"
#include "th-case-dialog.h"
#include "th-format.h"
#include "th-money.h"
#include "th-refund-dialog.h"
#include "th-staff-dialog.h"
#include "th-identity.h"
#include "th-window-private.h"

static void
update_staff_button (ThWindow *self)
{
  ThStaff *staff = th_session_get_staff (self->session);
  GtkWidget *content = gtk_button_get_child (self->staff_button);

  gtk_widget_set_visible (GTK_WIDGET (self->staff_button), staff != NULL);
  if (staff)
    adw_button_content_set_label (ADW_BUTTON_CONTENT (content), staff->name);
}

static void
show_gate (ThWindow   *self,
           const char *page,
           GtkWidget  *focus)
{
  /* No page switching before someone signs in. */
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->switcher_bar), FALSE);
  gtk_stack_set_visible_child_name (self->main_stack, page);
  gtk_widget_grab_focus (focus);
  _th_window_update_actions (self);
}

static void
session_changed_cb (ThWindow *self)
{
  update_staff_button (self);
  if (self->db == NULL || !th_identity_is_set_up (self->db))
    return;
  if (th_session_get_signed_in (self->session))
    {
      _th_window_show_station (self);
      return;
    }

  /* Locked: nothing of the last person's work stays on screen or undoable
   * under the next one's name. Open dialogs close themselves. */
  if (self->undo_toast)
    adw_toast_dismiss (self->undo_toast);
  g_clear_pointer (&self->undo_collection_id, g_free);
  th_counter_page_clear (self->counter_page);
  th_sign_in_page_reload (self->sign_in_page, TRUE);
  show_gate (self, "sign-in", GTK_WIDGET (self->sign_in_page));
}

static void
leader_page_done_cb (ThWindow *self,
                     ThStaff  *leader)
{
  th_session_set_staff (self->session, leader);
}

static void
refunded_cb (ThWindow *self,
             ThRefund *refund)
{
  g_autofree char *amount = th_money_format (refund->amount);
  /* Translators: %s is an amount, like ¥12.90 */
  g_autofree char *title = g_strdup_printf (_("Refund of %s recorded"), amount);

  adw_toast_overlay_add_toast (self->toast_overlay, th_toast_new_text (title));
  th_counter_page_refresh (self->counter_page);
  th_orders_page_reload (self->orders_page);
}

static void
case_opened_cb (ThWindow *self,
                ThCase   *c)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("After-sales case opened")));
  th_ledger_page_reload (self->ledger_page);
}

/* The order on the Counter page's card, or -1 with a toast saying how to
 * get one there. */
static gint64
shown_order (ThWindow *self)
{
  const ThVerification *v = th_counter_page_get_verification (self->counter_page);

  if (v == NULL || v->order == NULL || v->provisional)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Show an order first: scan its code, or pick it on the Orders page.")));
      return -1;
    }
  return v->order_id;
}

static void
lock_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  th_session_lock (TH_WINDOW (widget)->session);
}

static void
manage_staff_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  ThWindow *self = TH_WINDOW (widget);
  ThStaffDialog *dialog = th_staff_dialog_new (GTK_WINDOW (self), self->context);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
refund_order_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  ThWindow *self = TH_WINDOW (widget);
  gint64 order_id = shown_order (self);
  ThRefundDialog *dialog;

  if (order_id < 0)
    return;
  dialog = th_refund_dialog_new (GTK_WINDOW (self), self->context, order_id);
  g_signal_connect_object (dialog, "refunded", G_CALLBACK (refunded_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_case (ThWindow *self,
           gint64    order_id)
{
  ThCaseDialog *dialog = th_case_dialog_new (GTK_WINDOW (self), self->context, order_id);

  g_signal_connect_object (dialog, "opened", G_CALLBACK (case_opened_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_case_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  ThWindow *self = TH_WINDOW (widget);
  gint64 order_id = shown_order (self);

  if (order_id >= 0)
    open_case (self, order_id);
}

static void
new_case_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  open_case (TH_WINDOW (widget), -1);
}

void
_th_window_update_staff_actions (ThWindow *self,
                                 gboolean  station)
{
  gboolean signed_in = station && self->session && th_session_get_signed_in (self->session);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.lock", signed_in);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.manage-staff",
                                 signed_in && th_session_get_is_leader (self->session));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refund-order", signed_in);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-case", signed_in);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-case", signed_in);
}

void
_th_window_class_add_staff (GtkWidgetClass *widget_class)
{
  g_type_ensure (TH_TYPE_LEADER_PAGE);
  g_type_ensure (TH_TYPE_SIGN_IN_PAGE);
  g_type_ensure (TH_TYPE_LEDGER_PAGE);
  g_type_ensure (TH_TYPE_SUMMARY_PAGE);

  gtk_widget_class_bind_template_child (widget_class, ThWindow, leader_page);
  gtk_widget_class_bind_template_child (widget_class, ThWindow, sign_in_page);
  gtk_widget_class_bind_template_child (widget_class, ThWindow, staff_button);
  gtk_widget_class_bind_template_child (widget_class, ThWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, ThWindow, ledger_page);
  gtk_widget_class_bind_template_child (widget_class, ThWindow, summary_page);
  gtk_widget_class_bind_template_callback (widget_class, leader_page_done_cb);

  gtk_widget_class_install_action (widget_class, "win.lock", NULL, lock_action);
  gtk_widget_class_install_action (widget_class, "win.manage-staff", NULL, manage_staff_action);
  gtk_widget_class_install_action (widget_class, "win.refund-order", NULL, refund_order_action);
  gtk_widget_class_install_action (widget_class, "win.open-case", NULL, open_case_action);
  gtk_widget_class_install_action (widget_class, "win.new-case", NULL, new_case_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "win.lock", NULL);
  /* Not Ctrl+Shift+U (Unicode input) or Ctrl+Shift+A (unselect in text
   * fields): the scan entry has the focus most of the time. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.manage-staff", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.refund-order", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.open-case", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.new-case", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK, "win.show-page", "s", "ledger");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_5, GDK_ALT_MASK, "win.show-page", "s", "summary");
}

void
_th_window_init_staff (ThWindow *self)
{
  th_activity_watch_window (GTK_WINDOW (self), self->context);
  g_signal_connect_object (self->session, "notify::signed-in", G_CALLBACK (session_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

void
_th_window_dispose_staff (ThWindow *self)
{
  if (self->session)
    g_signal_handlers_disconnect_by_data (self->session, self);
}

/**
 * _th_window_staff_ready:
 *
 * Shows the leader's first-run page or the sign-in page instead of the
 * station when nobody may work it yet.
 *
 * Returns: %TRUE when someone is signed in
 */
gboolean
_th_window_staff_ready (ThWindow *self)
{
  g_autoptr(GError) error = NULL;
  gboolean any = FALSE;

  th_leader_page_set_db (self->leader_page, self->db);
  th_sign_in_page_setup (self->sign_in_page, self->context);
  th_ledger_page_setup (self->ledger_page, self->context);
  th_summary_page_set_db (self->summary_page, self->db);
  update_staff_button (self);

  if (!th_staff_exists_any (self->db, &any, &error))
    {
      th_window_show_error (self, error);
      return FALSE;
    }
  if (!any)
    {
      th_session_lock (self->session);
      show_gate (self, "leader", GTK_WIDGET (self->leader_page));
      return FALSE;
    }
  if (!th_session_get_signed_in (self->session))
    {
      th_sign_in_page_reload (self->sign_in_page, FALSE);
      show_gate (self, "sign-in", GTK_WIDGET (self->sign_in_page));
      return FALSE;
    }
  /* Leaving the PIN field: the stack would otherwise hand the focus to
   * the first thing on the station page, not to the scan entry. */
  gtk_root_set_focus (GTK_ROOT (self), NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->switcher_bar), TRUE);
  return TRUE;
}

GtkWidget *
th_window_get_sign_in_page (ThWindow *self)
{
  g_return_val_if_fail (TH_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->sign_in_page);
}

GtkWidget *
th_window_get_leader_page (ThWindow *self)
{
  g_return_val_if_fail (TH_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->leader_page);
}

GtkWidget *
th_window_get_ledger_page (ThWindow *self)
{
  g_return_val_if_fail (TH_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->ledger_page);
}

GtkWidget *
th_window_get_summary_page (ThWindow *self)
{
  g_return_val_if_fail (TH_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->summary_page);
}
