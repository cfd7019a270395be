/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Real QR codes for the demo station, one per interesting verdict. Clicking
 * one (or Enter on it) scans it at the counter; a phone or scanner pointed
 * at the screen reads them too. The codes come from the core, signed with
 * the demo key, and are picked again when the window comes back to the
 * front, since handing over changes which orders are still open. The demo's
 * platform can also cancel the valid code's order, as it would while the
 * station is offline, to show what sync does with that. */
#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>

#include "th-demo-code-card.h"
#include "th-demo-codes-window.h"
#include "th-format.h"
#include "th-time.h"
#include "th-demo-sync.h"

struct _ThDemoCodesWindow
{
  AdwWindow   parent_instance;

  GtkFlowBox *codes_box;
  GtkLabel   *platform_note;

  GWeakRef    counter;
  ThContext  *context;
  guint8      secret_key[64];
  gint64      valid_order_id;   /* the valid signed code's order, or -1 */
};

G_DEFINE_FINAL_TYPE (ThDemoCodesWindow, th_demo_codes_window, ADW_TYPE_WINDOW)

static void
code_activated_cb (ThDemoCodesWindow *self,
                   GtkFlowBoxChild   *child)
{
  g_autoptr(ThWindow) counter = g_weak_ref_get (&self->counter);
  GtkWidget *card = gtk_flow_box_child_get_child (child);

  if (counter && TH_IS_DEMO_CODE_CARD (card))
    th_window_scan (counter, th_demo_code_card_get_text (TH_DEMO_CODE_CARD (card)));
}

static void
active_changed_cb (ThDemoCodesWindow *self)
{
  if (gtk_window_is_active (GTK_WINDOW (self)))
    th_demo_codes_window_refresh (self);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  th_demo_codes_window_refresh (TH_DEMO_CODES_WINDOW (widget));
}

static void
order_cancelled_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(ThDemoCodesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!th_demo_server_cancel_order_finish (TH_DEMO_SERVER (source), result, &error))
    text = g_strdup (error->message);
  else
    text = g_strdup (_("The platform cancelled the order of the valid signed code. The counter learns of it at "
                       "the next sync: hand that code over before then to see a conflict in Needs Attention, "
                       "or press Sync Now (Ctrl+R) first to see the code turn red."));
  gtk_label_set_label (self->platform_note, text);
  gtk_widget_set_visible (GTK_WIDGET (self->platform_note), TRUE);
}

static void
cancel_on_platform_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  ThDemoCodesWindow *self = TH_DEMO_CODES_WINDOW (widget);
  ThDemoServer *server = th_demo_sync_get_server (self->context);

  if (server == NULL || self->valid_order_id < 0)
    {
      gtk_label_set_label (self->platform_note, _("The demo’s platform is not running, so nothing can change there."));
      gtk_widget_set_visible (GTK_WIDGET (self->platform_note), TRUE);
      return;
    }
  th_demo_server_cancel_order_async (server, self->valid_order_id, NULL, order_cancelled_cb, g_object_ref (self));
}

static void
th_demo_codes_window_finalize (GObject *object)
{
  ThDemoCodesWindow *self = (ThDemoCodesWindow *)object;

  sodium_memzero (self->secret_key, sizeof self->secret_key);
  g_weak_ref_clear (&self->counter);

  G_OBJECT_CLASS (th_demo_codes_window_parent_class)->finalize (object);
}

static void
th_demo_codes_window_dispose (GObject *object)
{
  g_clear_object (&TH_DEMO_CODES_WINDOW (object)->context);
  gtk_widget_dispose_template (GTK_WIDGET (object), TH_TYPE_DEMO_CODES_WINDOW);
  G_OBJECT_CLASS (th_demo_codes_window_parent_class)->dispose (object);
}

static void
th_demo_codes_window_class_init (ThDemoCodesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = th_demo_codes_window_dispose;
  object_class->finalize = th_demo_codes_window_finalize;

  gtk_widget_class_install_action (widget_class, "demo.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "demo.cancel-on-platform", NULL, cancel_on_platform_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "demo.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "demo.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tihuo/Station/ui/th-demo-codes-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ThDemoCodesWindow, codes_box);
  gtk_widget_class_bind_template_child (widget_class, ThDemoCodesWindow, platform_note);
  gtk_widget_class_bind_template_callback (widget_class, code_activated_cb);
}

static void
th_demo_codes_window_init (ThDemoCodesWindow *self)
{
  g_weak_ref_init (&self->counter, NULL);
  self->valid_order_id = -1;
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "notify::is-active", G_CALLBACK (active_changed_cb), NULL);
}

ThDemoCodesWindow *
th_demo_codes_window_new (ThWindow     *counter,
                          ThContext    *context,
                          const guint8  secret_key[64])
{
  ThDemoCodesWindow *self;

  g_return_val_if_fail (TH_IS_WINDOW (counter), NULL);

  self = g_object_new (TH_TYPE_DEMO_CODES_WINDOW,
                       "application", gtk_window_get_application (GTK_WINDOW (counter)),
                       NULL);
  g_weak_ref_set (&self->counter, counter);
  self->context = g_object_ref (context);
  memcpy (self->secret_key, secret_key, sizeof self->secret_key);
  th_demo_codes_window_refresh (self);
  return self;
}

void
th_demo_codes_window_refresh (ThDemoCodesWindow *self)
{
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  g_return_if_fail (TH_IS_DEMO_CODES_WINDOW (self));

  if (th_context_get_db (self->context) == NULL)
    return;
  if (!(codes = th_demo_codes_make (th_context_get_db (self->context), self->secret_key, th_time_now (), &error)))
    {
      g_warning ("Cannot make the demo codes: %s", error->message);
      return;
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->codes_box))))
    gtk_flow_box_remove (self->codes_box, child);
  self->valid_order_id = -1;
  for (guint i = 0; i < codes->len; i++)
    {
      ThDemoCode *code = g_ptr_array_index (codes, i);

      if (code->which == TH_DEMO_CODE_VALID && code->is_signed)
        self->valid_order_id = code->order_id;
      gtk_flow_box_append (self->codes_box, GTK_WIDGET (th_demo_code_card_new (code)));
    }
}

GtkFlowBox *
th_demo_codes_window_get_codes (ThDemoCodesWindow *self)
{
  g_return_val_if_fail (TH_IS_DEMO_CODES_WINDOW (self), NULL);
  return self->codes_box;
}
