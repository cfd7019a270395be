/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The refund dialog's lines and approvers: a row per order line, with what
 * was refunded on it before, and the request they add up to. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-refund-dialog-private.h"
#include "th-refund-line-row.h"

/* The lines as entered; FALSE with @error when an amount cannot be read. */
GArray *
_th_refund_dialog_collect_lines (ThRefundDialog  *self,
                                 GError         **error)
{
  g_autoptr(GArray) lines = g_array_new (FALSE, TRUE, sizeof (ThRefundLineRequest));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->lines_list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      ThRefundLineRequest req;

      if (!TH_IS_REFUND_LINE_ROW (child) || !th_refund_line_row_get_included (TH_REFUND_LINE_ROW (child)))
        continue;
      if (!th_refund_line_row_get_request (TH_REFUND_LINE_ROW (child), &req, error))
        return NULL;
      g_array_append_val (lines, req);
    }
  return g_steal_pointer (&lines);
}

const char *
_th_refund_dialog_get_approver (ThRefundDialog *self)
{
  guint i = adw_combo_row_get_selected (self->approver_row);

  return self->approvers && i < g_strv_length (self->approvers) ? self->approvers[i] : NULL;
}

/* Supervisors and the leader, whoever may approve. */
void
_th_refund_dialog_load_approvers (ThRefundDialog *self)
{
  g_autoptr(GPtrArray) staff = th_staff_list (self->db, NULL);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  const char *me = th_session_get_staff_name (self->session);
  guint pick = 0, n = 0;

  for (guint i = 0; staff && i < staff->len; i++)
    {
      ThStaff *s = g_ptr_array_index (staff, i);
      g_autofree char *label = NULL;

      if (!th_staff_role_can_approve (s->role))
        continue;
      /* A second person by default: that is what an approval is for. */
      if (pick == 0 && g_strcmp0 (s->name, me) != 0)
        pick = n;
      label = g_strdup_printf ("%s (%s)", s->name, th_staff_role_describe (s->role));
      gtk_string_list_append (model, label);
      g_strv_builder_add (names, s->name);
      n++;
    }
  self->approvers = g_strv_builder_end (names);
  adw_combo_row_set_model (self->approver_row, G_LIST_MODEL (model));
  adw_combo_row_set_selected (self->approver_row, pick);
}

void
_th_refund_dialog_load_lines (ThRefundDialog *self)
{
  g_autoptr(GPtrArray) refunds = th_refund_list_for_order (self->db, self->order->id, NULL);
  g_autoptr(GtkSizeGroup) amounts = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);

  for (guint i = 0; i < self->order->lines->len; i++)
    {
      ThOrderLine *l = &g_array_index (self->order->lines, ThOrderLine, i);
      ThRefundLineRow *row;
      gint64 before = 0;

      for (guint r = 0; refunds && r < refunds->len; r++)
        {
          ThRefund *refund = g_ptr_array_index (refunds, r);
          for (guint k = 0; k < refund->lines->len; k++)
            if (g_array_index (refund->lines, ThRefundLine, k).line == l->line)
              before += g_array_index (refund->lines, ThRefundLine, k).amount;
        }
      row = th_refund_line_row_new (l, before, amounts);
      g_signal_connect_object (row, "changed", G_CALLBACK (_th_refund_dialog_update), self, G_CONNECT_SWAPPED);
      gtk_list_box_append (self->lines_list, GTK_WIDGET (row));
    }
}

