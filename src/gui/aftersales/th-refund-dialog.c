/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Refunding an order: pick lines, quantities and amounts, the reason and a
 * note. Every change asks the core for a plan (th_refund_plan), which says
 * what the refund comes to, whether it breaks a money rule, and whether a
 * supervisor's or the leader's PIN is needed; this dialog only shows that.
 * Recording it checks the approver's PIN (argon2id), so it runs on a
 * worker thread. The money itself moves when the platform processes the
 * refund event. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-activity-watch.h"
#include "th-db-task.h"
#include "th-format.h"
#include "th-money.h"
#include "th-order-store.h"
#include "th-refund-dialog-private.h"
#include "th-time.h"

G_DEFINE_FINAL_TYPE (ThRefundDialog, th_refund_dialog, ADW_TYPE_WINDOW)

enum {
  REFUNDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct {
  gint64          order_id;
  GArray         *lines;      /* of ThRefundLineRequest */
  ThReason        reason;
  char           *note;
  char           *staff;
  char           *approver;
  char           *pin;
} RefundJob;

static void
refund_job_free (RefundJob *job)
{
  g_clear_pointer (&job->lines, g_array_unref);
  g_free (job->note);
  g_free (job->staff);
  g_free (job->approver);
  th_pin_free (job->pin);
  g_free (job);
}

static gpointer
refund_job_run (ThDb     *db,
                gpointer  job_data,
                GError  **error)
{
  RefundJob *job = job_data;
  ThRefundRequest request = {
    .order_id = job->order_id,
    .lines = (const ThRefundLineRequest *) job->lines->data,
    .n_lines = job->lines->len,
    .reason = job->reason,
    .note = job->note,
    .staff = job->staff,
    .approver = job->approver,
    .approver_pin = job->pin,
  };

  return th_refund_create (db, &request, th_time_now (), error);
}

static void
set_message (ThRefundDialog *self,
             const char     *message,
             gboolean        is_error)
{
  g_free (self->message);
  self->message = g_strdup (message);
  gtk_label_set_label (self->plan_label, message ? message : "");
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->plan_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->plan_label), "error");
}

static void
show_plan (ThRefundDialog *self)
{
  ThRefund *plan = self->plan;
  g_autofree char *total = th_money_format (plan->amount);
  g_autofree char *paid = th_money_format (plan->order_paid);
  g_autofree char *before = th_money_format (plan->order_refunded);
  g_autofree char *after = th_money_format (plan->order_refunded + plan->amount);
  g_autofree char *text = NULL;

  gtk_label_set_label (self->total_label, total);
  /* Translators: the order's paid amount, its refunds so far, and with this refund */
  text = g_strdup_printf (_("Order paid %s · refunded so far %s · with this refund %s"), paid, before, after);
  set_message (self, text, FALSE);

  gtk_widget_set_visible (GTK_WIDGET (self->approval_group), plan->approval != TH_APPROVAL_NONE);
  if (plan->approval != TH_APPROVAL_NONE)
    {
      g_autofree char *why = NULL;
      g_autofree char *description = NULL;

      why = th_refund_describe_approval (plan);
      /* Translators: %s says why, like “The refund is over ¥50.00.” */
      description = g_strdup_printf (_("%s A supervisor or the leader confirms it with their PIN here."), why);
      adw_preferences_group_set_description (self->approval_group, description);
    }
}

void
_th_refund_dialog_update (ThRefundDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) lines = NULL;

  if (self->refund != NULL || self->order == NULL)
    return;
  g_clear_pointer (&self->plan, th_refund_unref);

  if ((lines = _th_refund_dialog_collect_lines (self, &error)))
    {
      ThRefundRequest request = {
        .order_id = self->order->id,
        .lines = (const ThRefundLineRequest *) lines->data,
        .n_lines = lines->len,
        .reason = (ThReason) adw_combo_row_get_selected (self->reason_row),
        .note = gtk_editable_get_text (GTK_EDITABLE (self->note_row)),
        .staff = th_session_get_staff_name (self->session),
      };

      self->plan = th_refund_plan (self->db, &request, th_time_now (), &error);
    }

  if (self->plan)
    show_plan (self);
  else
    {
      gtk_label_set_label (self->total_label, "—");
      gtk_widget_set_visible (GTK_WIDGET (self->approval_group), FALSE);
      set_message (self, error->message, lines != NULL && lines->len > 0);
    }

  self->can_submit = self->plan != NULL && !self->busy &&
               (self->plan->approval == TH_APPROVAL_NONE ||
                (_th_refund_dialog_get_approver (self) != NULL &&
                 gtk_editable_get_text (GTK_EDITABLE (self->approver_pin_row))[0] != '\0'));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "refund.submit", self->can_submit);
}

static void
refunded_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  ThRefundDialog *self = TH_REFUND_DIALOG (source);
  g_autoptr(GError) error = NULL;
  ThRefund *refund = th_db_task_finish (result, th_refund_dialog_new, &error);

  _th_refund_dialog_set_busy (self, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->approver_pin_row), "");
  if (refund == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      _th_refund_dialog_update (self);
      return;
    }
  self->refund = refund;
  _th_refund_dialog_show_done (self);
  g_signal_emit (self, signals[REFUNDED], 0, refund);
}

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  ThRefundDialog *self = TH_REFUND_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  RefundJob *job;

  _th_refund_dialog_update (self);
  if (self->plan == NULL || self->busy)
    return;

  job = g_new0 (RefundJob, 1);
  job->order_id = self->order->id;
  job->lines = _th_refund_dialog_collect_lines (self, &error);
  job->reason = (ThReason) adw_combo_row_get_selected (self->reason_row);
  job->note = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_row)));
  job->staff = g_strdup (th_session_get_staff_name (self->session));
  if (self->plan->approval != TH_APPROVAL_NONE)
    {
      job->approver = g_strdup (_th_refund_dialog_get_approver (self));
      job->pin = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->approver_pin_row)));
    }
  if (job->lines == NULL)
    {
      refund_job_free (job);
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  _th_refund_dialog_set_busy (self, TRUE);
  th_db_task_run (self, self->db, th_refund_dialog_new, refund_job_run, job, (GDestroyNotify) refund_job_free,
                  (GDestroyNotify) th_refund_unref, self->cancellable, refunded_cb, NULL);
}

static void
session_changed_cb (ThRefundDialog *self)
{
  /* Locked, or someone else signed in: this refund was theirs to make. */
  if (!self->busy)
    gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
th_refund_dialog_close_request (GtkWindow *window)
{
  /* The refund is being written: it cannot be called back half-way. */
  if (TH_REFUND_DIALOG (window)->busy)
    return TRUE;
  return GTK_WINDOW_CLASS (th_refund_dialog_parent_class)->close_request (window);
}

static void
th_refund_dialog_dispose (GObject *object)
{
  ThRefundDialog *self = (ThRefundDialog *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->session)
    g_signal_handlers_disconnect_by_data (self->session, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TH_TYPE_REFUND_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_object (&self->db);
  g_clear_object (&self->context);
  g_clear_pointer (&self->order, th_order_unref);
  g_clear_pointer (&self->plan, th_refund_unref);
  g_clear_pointer (&self->refund, th_refund_unref);
  g_clear_pointer (&self->approvers, g_strfreev);
  g_clear_pointer (&self->message, g_free);

  G_OBJECT_CLASS (th_refund_dialog_parent_class)->dispose (object);
}

static void
th_refund_dialog_class_init (ThRefundDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = th_refund_dialog_dispose;
  window_class->close_request = th_refund_dialog_close_request;

  /**
   * ThRefundDialog::refunded:
   * @refund: the refund as recorded
   */
  signals[REFUNDED] = g_signal_new ("refunded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, TH_TYPE_REFUND);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tihuo/Station/ui/th-refund-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ThRefundDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ThRefundDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, ThRefundDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, ThRefundDialog, submit_button);
  gtk_widget_class_bind_template_child (widget_class, ThRefundDialog, lines_list);
  gtk_widget_class_bind_template_child (widget_class, ThRefundDialog, reason_row);
  gtk_widget_class_bind_template_child (widget_class, ThRefundDialog, note_row);
  gtk_widget_class_bind_template_child (widget_class, ThRefundDialog, total_label);
  gtk_widget_class_bind_template_child (widget_class, ThRefundDialog, plan_label);
  gtk_widget_class_bind_template_child (widget_class, ThRefundDialog, approval_group);
  gtk_widget_class_bind_template_child (widget_class, ThRefundDialog, approver_row);
  gtk_widget_class_bind_template_child (widget_class, ThRefundDialog, approver_pin_row);
  gtk_widget_class_bind_template_child (widget_class, ThRefundDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, ThRefundDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, ThRefundDialog, done_page);
  gtk_widget_class_bind_template_callback (widget_class, _th_refund_dialog_update);

  gtk_widget_class_install_action (widget_class, "refund.submit", NULL, submit_action);
  _th_refund_dialog_class_add_done_actions (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "refund.submit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "refund.submit", NULL);
}

static void
th_refund_dialog_init (ThRefundDialog *self)
{
  g_autoptr(GtkStringList) reasons = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  /* Nothing to print before the refund is recorded. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "refund.print", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "refund.save-pdf", FALSE);
  for (guint i = 0; i < TH_REASON_COUNT; i++)
    gtk_string_list_append (reasons, th_reason_describe ((ThReason) i));
  adw_combo_row_set_model (self->reason_row, G_LIST_MODEL (reasons));
}

ThRefundDialog *
th_refund_dialog_new (GtkWindow *parent,
                      ThContext *context,
                      gint64     order_id)
{
  g_autoptr(GError) error = NULL;
  ThRefundDialog *self;

  g_return_val_if_fail (TH_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (th_context_get_db (context) != NULL, NULL);

  self = g_object_new (TH_TYPE_REFUND_DIALOG, "transient-for", parent, "modal", parent != NULL, NULL);
  self->context = g_object_ref (context);
  self->db = g_object_ref (th_context_get_db (context));
  self->session = g_object_ref (th_context_get_session (context));
  th_activity_watch_window (GTK_WINDOW (self), context);
  g_signal_connect_object (self->session, "notify::signed-in", G_CALLBACK (session_changed_cb), self, G_CONNECT_SWAPPED);

  if (!(self->order = th_order_store_load (self->db, order_id, &error)))
    {
      gtk_label_set_label (self->plan_label, error->message);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "refund.submit", FALSE);
      return self;
    }
  {
    g_autofree char *label = th_format_order_label (self->order);
    adw_window_title_set_subtitle (self->window_title, label);
  }
  _th_refund_dialog_load_lines (self);
  _th_refund_dialog_load_approvers (self);
  _th_refund_dialog_update (self);
  /* Space ticks the first line at once. */
  if (gtk_list_box_get_row_at_index (self->lines_list, 0))
    gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (self->lines_list, 0)));
  return self;
}
