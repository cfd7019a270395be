/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's actions and their accelerators, and the Undo toast. Every
 * action's enabled state is decided in _th_window_update_actions(). */
#include "config.h"

#include <glib/gi18n.h>

#include "th-camera.h"
#include "th-collect.h"
#include "th-format.h"
#include "th-order-store.h"
#include "th-identity.h"
#include "th-time.h"
#include "th-window-private.h"

static gboolean
showing_station (ThWindow *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "station") == 0;
}

void
_th_window_update_actions (ThWindow *self)
{
  gboolean station = showing_station (self);
  gboolean can_hand_over = station && th_counter_page_get_can_hand_over (self->counter_page);
  guint n_ticked = th_counter_page_get_n_ticked (self->counter_page);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.hand-over", can_hand_over);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.hand-over-ticked", can_hand_over && n_ticked > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo-last", station && self->undo_collection_id != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back-to-scanning", station);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.focus-search", station);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-page", station);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reload", station);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.scan", station);
  _th_window_update_staff_actions (self, station);
  _th_window_update_sync_actions (self, station);
  _th_window_update_camera_actions (self);
}

static void
undo_toast_dismissed_cb (ThWindow *self,
                         AdwToast *toast)
{
  if (self->undo_toast != toast)
    return;
  g_object_remove_weak_pointer (G_OBJECT (toast), (gpointer *) &self->undo_toast);
  self->undo_toast = NULL;
}

/* libadwaita 1.2 crashes when a toast is dismissed while it still slides in
 * and another is added (two hand-overs a fraction of a second apart, as
 * with auto hand-over at rush hour). So the Undo toast is never dismissed
 * and replaced: while it is up it is retitled, and its Undo always means
 * "the last hand-over". */
static void
say_in_undo_toast (ThWindow   *self,
                   const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  adw_toast_set_title (self->undo_toast, escaped);
}

void
_th_window_show_collected (ThWindow   *self,
                           const char *collection_id,
                           gint64      order_id)
{
  g_autoptr(ThOrder) order = th_order_store_load (self->db, order_id, NULL);
  g_autofree char *label = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  label = order ? th_format_order_label (order) : g_strdup_printf ("%" G_GINT64_FORMAT, order_id);
  /* Translators: %s is a pickup code and a customer, like “4821 3907 · 李*华” */
  title = g_strdup_printf (_("Handed over %s"), label);

  g_free (self->undo_collection_id);
  self->undo_collection_id = g_strdup (collection_id);
  _th_window_update_actions (self);

  if (self->undo_toast)
    {
      say_in_undo_toast (self, title);
      return;
    }

  toast = th_toast_new_text (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-last");
  adw_toast_set_timeout (toast, 8);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (undo_toast_dismissed_cb), self, G_CONNECT_SWAPPED);
  self->undo_toast = toast;
  g_object_add_weak_pointer (G_OBJECT (toast), (gpointer *) &self->undo_toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Undo from the toast (or Ctrl+Z): the reason is that it came right after.
 * The Counter page saves it on the worker, after a hand-over being saved. */
void
_th_window_undo_last (ThWindow *self)
{
  g_autofree char *collection_id = g_steal_pointer (&self->undo_collection_id);

  if (collection_id == NULL)
    return;
  th_counter_page_undo (self->counter_page, collection_id, _("Undone at the counter right after handing over"));
  /* With undo_collection_id cleared, the toast's Undo button goes insensitive. */
  _th_window_update_actions (self);
}

void
_th_window_counter_page_undo_finished_cb (ThWindow     *self,
                                          const GError *error)
{
  const char *result;

  if (error != NULL)
    result = error->message;
  else
    {
      result = _("Hand-over undone. The order can be collected again.");
      /* The customer's code may still be in front of the camera: read it
       * again at once rather than after the 3-second duplicate pause. */
      if (self->camera)
        th_camera_reset_suppression (self->camera);
    }

  if (self->undo_toast)
    say_in_undo_toast (self, result);
  else
    adw_toast_overlay_add_toast (self->toast_overlay, th_toast_new_text (result));
  _th_window_update_actions (self);
}

static void
hand_over_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  ThWindow *self = TH_WINDOW (widget);
  th_counter_page_hand_over (self->counter_page, g_str_equal (action_name, "win.hand-over-ticked"));
}

static void
undo_last_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  _th_window_undo_last (TH_WINDOW (widget));
}

static void
back_to_scanning_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  ThWindow *self = TH_WINDOW (widget);

  th_scanner_burst_reset (self->scanner);
  th_counter_page_clear (self->counter_page);
  adw_view_stack_set_visible_child_name (self->view_stack, "counter");
  th_counter_page_focus_entry (self->counter_page);
}

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  ThWindow *self = TH_WINDOW (widget);

  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "orders") == 0)
    th_orders_page_focus_search (self->orders_page);
  else if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "ledger") == 0)
    th_ledger_page_focus_search (self->ledger_page);
  else
    {
      adw_view_stack_set_visible_child_name (self->view_stack, "counter");
      th_counter_page_focus_entry (self->counter_page);
    }
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  ThWindow *self = TH_WINDOW (widget);
  const char *name = g_variant_get_string (param, NULL);

  if (adw_view_stack_get_child_by_name (self->view_stack, name))
    adw_view_stack_set_visible_child_name (self->view_stack, name);
  if (g_str_equal (name, "counter"))
    th_counter_page_focus_entry (self->counter_page);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  ThWindow *self = TH_WINDOW (widget);

  th_orders_page_reload (self->orders_page);
  th_history_page_reload (self->history_page);
  th_counter_page_refresh (self->counter_page);
}

static void
scan_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  th_window_scan (TH_WINDOW (widget), g_variant_get_string (param, NULL));
}

void
_th_window_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.hand-over", NULL, hand_over_action);
  gtk_widget_class_install_action (widget_class, "win.hand-over-ticked", NULL, hand_over_action);
  gtk_widget_class_install_action (widget_class, "win.undo-last", NULL, undo_last_action);
  gtk_widget_class_install_action (widget_class, "win.back-to-scanning", NULL, back_to_scanning_action);
  gtk_widget_class_install_action (widget_class, "win.focus-search", NULL, focus_search_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "win.scan", "s", scan_action);

  /* Plain Enter belongs to whatever has the focus (the scan entry hands
   * over when it is empty); these work from anywhere. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "win.hand-over", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "win.hand-over", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.hand-over-ticked", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo-last", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.back-to-scanning", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.focus-search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.reload", NULL);
  /* Ctrl+R is Sync Now, which reloads too (th-window-sync.c). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.show-page", "s", "counter");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.show-page", "s", "orders");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "win.show-page", "s", "history");
}
