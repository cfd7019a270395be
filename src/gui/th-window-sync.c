/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The counter window's sync: the status in the header, the Needs Attention
 * page with its badge in the view switcher, and the Sync Now, Show Needs
 * Attention and Connection Settings actions. The client does the work;
 * the context (th-context-sync.c) decides which client runs. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-format.h"
#include "th-window-sync-private.h"

/* The page shows only while something waits, so the switcher stays short
 * on a normal day; its badge says how many. */
static void
update_badge (ThWindow *self)
{
  ThWindowSync *sync = self->sync;
  guint n = sync->client ? th_sync_client_get_needs_attention (sync->client) : 0;

  adw_view_stack_page_set_badge_number (sync->stack_page, n);
  adw_view_stack_page_set_needs_attention (sync->stack_page, n > 0);
  if (n == 0 && g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "attention") == 0)
    adw_view_stack_set_visible_child_name (self->view_stack, "counter");
  adw_view_stack_page_set_visible (sync->stack_page, n > 0);
  _th_window_update_actions (self);
}

static void
needs_attention_changed_cb (ThWindow *self)
{
  update_badge (self);
}

static void
sync_finished_cb (ThWindow     *self,
                  gboolean      ok,
                  ThSyncClient *client)
{
  ThWindowSync *sync = self->sync;

  if (!sync->reload_after)
    return;
  /* Someone asked: show what came in, or say why nothing did. */
  sync->reload_after = FALSE;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.reload", NULL);
  if (!ok && th_sync_client_get_last_error (client) != NULL)
    {
      AdwToast *toast = th_toast_new_text (th_sync_client_get_last_error (client));

      adw_toast_set_timeout (toast, 10);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
}

static void
attention_acknowledged_cb (ThWindow *self)
{
  adw_toast_overlay_add_toast (self->toast_overlay,
                               adw_toast_new (_("Acknowledged. It is recorded in the audit log under your name.")));
}

/* The context started another client, or none. */
static void
context_sync_client_changed_cb (ThWindow *self)
{
  ThWindowSync *sync = self->sync;
  ThSyncClient *client = th_context_get_sync_client (self->context);

  if (sync->client == client)
    return;
  if (sync->client)
    g_signal_handlers_disconnect_by_data (sync->client, self);
  g_set_object (&sync->client, client);
  sync->reload_after = FALSE;

  th_sync_indicator_set_client (sync->indicator, client);
  th_attention_page_set_client (sync->page, client);
  if (client)
    {
      g_signal_connect_swapped (client, "notify::needs-attention", G_CALLBACK (needs_attention_changed_cb), self);
      g_signal_connect_swapped (client, "sync-finished", G_CALLBACK (sync_finished_cb), self);
    }
  update_badge (self);
}

static void
context_sync_problem_cb (ThWindow   *self,
                         const char *title,
                         const char *detail)
{
  th_sync_indicator_set_problem (self->sync->indicator, title, detail);
}

static void
sync_now_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  ThWindow *self = TH_WINDOW (widget);

  /* Without a platform, Ctrl+R still reloads the pages. */
  if (self->sync->client == NULL)
    {
      gtk_widget_activate_action (widget, "win.reload", NULL);
      return;
    }
  self->sync->reload_after = TRUE;
  th_sync_client_sync_now (self->sync->client);
}

static void
show_attention_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  ThWindow *self = TH_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "attention");
  th_attention_page_focus_first (self->sync->page);
}

static void
sync_settings_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (widget));

  gtk_widget_activate_action (widget, "app.preferences", NULL);
  if (app == NULL)
    return;
  /* The newest window is first: the Preferences just opened. */
  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    if (ADW_IS_PREFERENCES_WINDOW (l->data))
      {
        adw_preferences_window_set_visible_page_name (l->data, "sync");
        break;
      }
}

void
_th_window_class_add_sync_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.sync-now", NULL, sync_now_action);
  gtk_widget_class_install_action (widget_class, "win.show-attention", NULL, show_attention_action);
  gtk_widget_class_install_action (widget_class, "win.sync-settings", NULL, sync_settings_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.sync-now", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.show-attention", NULL);
}

void
_th_window_update_sync_actions (ThWindow *self,
                                gboolean  station)
{
  gboolean client = self->sync != NULL && self->sync->client != NULL;

  /* Syncing needs nobody signed in; reloading needs the pages. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync-now", station || client);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-attention",
                                 station && client && th_sync_client_get_needs_attention (self->sync->client) > 0);
}

void
_th_window_init_sync (ThWindow *self)
{
  ThWindowSync *sync = self->sync = g_new0 (ThWindowSync, 1);

  sync->indicator = th_sync_indicator_new ();
  th_window_set_status_widget (self, GTK_WIDGET (sync->indicator));

  /* Added here rather than in th-window.ui: it only shows when needed. */
  sync->page = th_attention_page_new (self->context);
  sync->stack_page = adw_view_stack_add_titled_with_icon (self->view_stack, GTK_WIDGET (sync->page), "attention",
                                                          _("Needs Attention"), "emblem-important-symbolic");
  adw_view_stack_page_set_visible (sync->stack_page, FALSE);
  g_signal_connect_object (sync->page, "acknowledged", G_CALLBACK (attention_acknowledged_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (sync->page, "failed", G_CALLBACK (_th_window_page_failed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->context, "notify::sync-client", G_CALLBACK (context_sync_client_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "sync-problem", G_CALLBACK (context_sync_problem_cb), self,
                           G_CONNECT_SWAPPED);
  context_sync_client_changed_cb (self);
  if (th_context_get_sync_problem_title (self->context))
    context_sync_problem_cb (self, th_context_get_sync_problem_title (self->context),
                             th_context_get_sync_problem_detail (self->context));
}

void
_th_window_dispose_sync (ThWindow *self)
{
  ThWindowSync *sync = self->sync;

  if (sync == NULL)
    return;
  if (sync->client)
    g_signal_handlers_disconnect_by_data (sync->client, self);
  g_clear_object (&sync->client);
  g_clear_pointer (&self->sync, g_free);
}

ThSyncIndicator *
th_window_get_sync_indicator (ThWindow *self)
{
  g_return_val_if_fail (TH_IS_WINDOW (self), NULL);
  return self->sync->indicator;
}

ThAttentionPage *
th_window_get_attention_page (ThWindow *self)
{
  g_return_val_if_fail (TH_IS_WINDOW (self), NULL);
  return self->sync->page;
}
