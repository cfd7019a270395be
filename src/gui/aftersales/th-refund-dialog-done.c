/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The refund dialog once the refund is recorded: what happens to the money
 * now, and the slip to print or save. Also the dialog's small accessors. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-format.h"
#include "th-money.h"
#include "th-refund-dialog-private.h"
#include "th-refund-print.h"

void
_th_refund_dialog_set_busy (ThRefundDialog *self,
                            gboolean        busy)
{
  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->lines_list), !busy);
  if (busy)
    {
      self->can_submit = FALSE;
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "refund.submit", FALSE);
    }
}

void
_th_refund_dialog_show_done (ThRefundDialog *self)
{
  g_autofree char *amount = th_money_format (self->refund->amount);
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;

  /* Translators: %s is an amount, like ¥12.90 */
  title = g_strdup_printf (_("Refund of %s Recorded"), amount);
  description = g_strdup_printf ("%s\n\n%s",
                                 _("The customer gets the money back when the group-buying platform processes the "
                                   "refund. This station has queued it for the platform; while the station is "
                                   "offline it waits and is sent with the next sync."),
                                 self->refund->approved_by
                                 ? _("Approved with a PIN; the slip shows by whom.")
                                 : _("Print the slip for the customer, or save it as a PDF."));
  adw_status_page_set_title (self->done_page, title);
  adw_status_page_set_description (self->done_page, description);
  gtk_stack_set_visible_child_name (self->stack, "done");
  gtk_widget_set_visible (GTK_WIDGET (self->submit_button), FALSE);
  self->can_submit = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "refund.submit", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "refund.print", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "refund.save-pdf", TRUE);
  gtk_widget_child_focus (GTK_WIDGET (self->done_page), GTK_DIR_TAB_FORWARD);
}

static void
slip_done_cb (gpointer      user_data,
              const GError *error,
              const char   *message)
{
  ThRefundDialog *self = user_data;

  if (error)
    adw_toast_overlay_add_toast (self->toast_overlay, th_toast_new_text (error->message));
  else if (message)
    adw_toast_overlay_add_toast (self->toast_overlay, th_toast_new_text (message));
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  ThRefundDialog *self = TH_REFUND_DIALOG (widget);

  if (self->refund)
    th_refund_print_slip (GTK_WINDOW (self), self->refund, slip_done_cb, self);
}

static void
save_pdf_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  ThRefundDialog *self = TH_REFUND_DIALOG (widget);

  if (self->refund)
    th_refund_save_slip_pdf (GTK_WINDOW (self), self->refund, slip_done_cb, self);
}

void
_th_refund_dialog_class_add_done_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "refund.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "refund.save-pdf", NULL, save_pdf_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "refund.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "refund.save-pdf", NULL);
}

GtkListBox *
th_refund_dialog_get_lines (ThRefundDialog *self)
{
  g_return_val_if_fail (TH_IS_REFUND_DIALOG (self), NULL);
  return self->lines_list;
}

void
th_refund_dialog_set_reason (ThRefundDialog *self,
                             ThReason        reason)
{
  g_return_if_fail (TH_IS_REFUND_DIALOG (self));
  adw_combo_row_set_selected (self->reason_row, reason);
}

void
th_refund_dialog_set_note (ThRefundDialog *self,
                           const char     *note)
{
  g_return_if_fail (TH_IS_REFUND_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->note_row), note ? note : "");
}

gboolean
th_refund_dialog_set_approver (ThRefundDialog *self,
                               const char     *name,
                               const char     *pin)
{
  g_return_val_if_fail (TH_IS_REFUND_DIALOG (self), FALSE);

  for (guint i = 0; self->approvers && self->approvers[i]; i++)
    if (g_strcmp0 (self->approvers[i], name) == 0)
      {
        adw_combo_row_set_selected (self->approver_row, i);
        gtk_editable_set_text (GTK_EDITABLE (self->approver_pin_row), pin ? pin : "");
        return TRUE;
      }
  return FALSE;
}

ThRefund *
th_refund_dialog_get_plan (ThRefundDialog *self)
{
  g_return_val_if_fail (TH_IS_REFUND_DIALOG (self), NULL);
  return self->plan;
}

const char *
th_refund_dialog_get_message (ThRefundDialog *self)
{
  g_return_val_if_fail (TH_IS_REFUND_DIALOG (self), NULL);
  return self->message;
}

gboolean
th_refund_dialog_get_can_submit (ThRefundDialog *self)
{
  g_return_val_if_fail (TH_IS_REFUND_DIALOG (self), FALSE);
  return self->can_submit;
}

gboolean
th_refund_dialog_get_busy (ThRefundDialog *self)
{
  g_return_val_if_fail (TH_IS_REFUND_DIALOG (self), FALSE);
  return self->busy;
}

ThRefund *
th_refund_dialog_get_refund (ThRefundDialog *self)
{
  g_return_val_if_fail (TH_IS_REFUND_DIALOG (self), NULL);
  return self->refund;
}
