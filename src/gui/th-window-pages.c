/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's pages: which one shows, the station's identity in the header,
 * and what the pages' signals turn into (toasts, sounds, refreshes). */
#include "config.h"

#include <glib/gi18n.h>

#include "th-failing.h"
#include "th-format.h"
#include "th-identity.h"
#include "th-window-private.h"

void
_th_window_update_identity (ThWindow *self)
{
  g_autofree char *terminal = NULL;
  g_autofree char *station = NULL;
  g_autofree char *terminal_text = NULL;
  guint32 station_id = 0;

  if (self->db == NULL || !th_identity_get (self->db, &station_id, &terminal, NULL))
    {
      gtk_label_set_label (self->station_label, _("No station yet"));
      gtk_label_set_label (self->terminal_label, _("Set up this counter to start"));
      return;
    }
  station = g_strdup_printf (_("Station %u"), station_id);
  terminal_text = g_strdup_printf (_("Terminal %s"), terminal);
  gtk_label_set_label (self->station_label, station);
  gtk_label_set_label (self->terminal_label, terminal_text);
}

void
_th_window_show_station (ThWindow *self)
{
  _th_window_update_identity (self);
  /* Sync runs whether or not anyone is signed in. */
  th_context_connect_sync (self->context);
  th_counter_page_set_context (self->counter_page, self->context);
  th_orders_page_set_db (self->orders_page, self->db);
  th_history_page_set_context (self->history_page, self->context);
  /* Nobody works the counter without signing in (th-window-staff.c). */
  if (!_th_window_staff_ready (self))
    return;
  gtk_stack_set_visible_child_name (self->main_stack, "station");
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, TRUE);
  adw_view_stack_set_visible_child_name (self->view_stack, "counter");
  th_counter_page_focus_entry (self->counter_page);
  _th_window_update_actions (self);
}

void
_th_window_class_add_page_callbacks (GtkWidgetClass *widget_class)
{
#define BIND(name) gtk_widget_class_bind_template_callback_full (widget_class, #name, G_CALLBACK (_th_window_##name))
  BIND (setup_page_done_cb);
  BIND (view_stack_visible_child_changed_cb);
  BIND (counter_page_verified_cb);
  BIND (counter_page_collected_cb);
  BIND (counter_page_state_changed_cb);
  BIND (page_failed_cb);
  BIND (orders_page_order_activated_cb);
  BIND (history_page_undone_cb);
#undef BIND
}

void
_th_window_setup_page_done_cb (ThWindow *self)
{
  _th_window_show_station (self);
}

void
_th_window_view_stack_visible_child_changed_cb (ThWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);

  /* Other terminals hand over too: refresh whenever a page is shown. */
  if (g_strcmp0 (name, "orders") == 0)
    th_orders_page_reload (self->orders_page);
  else if (g_strcmp0 (name, "history") == 0)
    th_history_page_reload (self->history_page);
  else if (g_strcmp0 (name, "ledger") == 0)
    th_ledger_page_reload (self->ledger_page);
  else if (g_strcmp0 (name, "summary") == 0)
    th_summary_page_reload (self->summary_page);
  _th_window_update_actions (self);
}

void
_th_window_counter_page_verified_cb (ThWindow *self,
                                     gboolean  good)
{
  th_sound_play (self->sound, good ? TH_SOUND_SUCCESS : TH_SOUND_FAILURE);
}

void
_th_window_counter_page_collected_cb (ThWindow   *self,
                                      const char *collection_id,
                                      gint64      order_id)
{
  th_sound_play (self->sound, TH_SOUND_SUCCESS);
  _th_window_show_collected (self, collection_id, order_id);
}

void
_th_window_counter_page_state_changed_cb (ThWindow *self)
{
  _th_window_update_actions (self);
}

/* ::failed of every page (ThFailing), here and in th-window-sync.c */
void
_th_window_page_failed_cb (ThWindow     *self,
                           const GError *error)
{
  adw_toast_overlay_add_toast (self->toast_overlay, th_failing_toast_new (error));
  th_sound_play (self->sound, TH_SOUND_FAILURE);
}

void
_th_window_orders_page_order_activated_cb (ThWindow *self,
                                           gint64    order_id)
{
  th_window_show_order (self, order_id);
}

void
_th_window_history_page_undone_cb (ThWindow *self,
                                   gint64    order_id)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Hand-over undone. The order can be collected again.")));
  th_counter_page_refresh (self->counter_page);
}

/* So that Enter, the next key pressed, confirms the hand-over. */
static void
focus_counter_if_elsewhere (ThWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->counter_page)))
    th_counter_page_focus_entry (self->counter_page);
}

/* The station id or terminal name changed in Preferences. */
void
th_window_reload_station (ThWindow *self)
{
  g_return_if_fail (TH_IS_WINDOW (self));

  _th_window_update_identity (self);
  th_history_page_reload (self->history_page);
  /* The keyring keeps a token per station. */
  th_context_connect_sync (self->context);
}

/**
 * th_window_scan:
 *
 * Handles @text as a scan: from the scanner, or a click in Demo Codes.
 */
void
th_window_scan (ThWindow   *self,
                const char *text)
{
  g_return_if_fail (TH_IS_WINDOW (self));
  g_return_if_fail (text != NULL);

  if (self->db == NULL || !th_identity_is_set_up (self->db) || !th_session_get_signed_in (self->session))
    return;
  th_session_note_activity (self->session);
  adw_view_stack_set_visible_child_name (self->view_stack, "counter");
  th_counter_page_scan (self->counter_page, text);
  focus_counter_if_elsewhere (self);
}

void
th_window_show_order (ThWindow *self,
                      gint64    order_id)
{
  g_return_if_fail (TH_IS_WINDOW (self));

  if (self->db == NULL || !th_session_get_signed_in (self->session))
    return;
  adw_view_stack_set_visible_child_name (self->view_stack, "counter");
  th_counter_page_show_order (self->counter_page, order_id);
  focus_counter_if_elsewhere (self);
}

GtkWidget *
th_window_get_counter_page (ThWindow *self)
{
  g_return_val_if_fail (TH_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->counter_page);
}

GtkWidget *
th_window_get_orders_page (ThWindow *self)
{
  g_return_val_if_fail (TH_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->orders_page);
}

GtkWidget *
th_window_get_history_page (ThWindow *self)
{
  g_return_val_if_fail (TH_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->history_page);
}

GtkWidget *
th_window_get_setup_page (ThWindow *self)
{
  g_return_val_if_fail (TH_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->setup_page);
}

/* "loading", "error", "setup", or the station page shown: "counter",
 * "orders" or "history" */
const char *
th_window_get_visible_page (ThWindow *self)
{
  g_return_val_if_fail (TH_IS_WINDOW (self), NULL);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "station") != 0)
    return gtk_stack_get_visible_child_name (self->main_stack);
  return adw_view_stack_get_visible_child_name (self->view_stack);
}
