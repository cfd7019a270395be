/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Needs Attention page: the client's list of conflicts and rejected
 * events, one ThAttentionRow each, until someone acknowledges them. The
 * core records who did, in the audit log. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-failing.h"
#include "th-attention-page.h"
#include "th-attention-row.h"

struct _ThAttentionPage
{
  GtkWidget     parent_instance;

  GtkStack     *stack;
  GtkLabel     *title_label;
  GtkListBox   *list;

  ThContext    *context;  /* who acknowledges */
  ThSyncClient *client;
};

G_DEFINE_FINAL_TYPE_WITH_CODE (ThAttentionPage, th_attention_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (TH_TYPE_FAILING, NULL))

enum {
  ACKNOWLEDGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  return GTK_WIDGET (th_attention_row_new (item));
}

static guint
n_items (ThAttentionPage *self)
{
  return self->client ? g_list_model_get_n_items (th_sync_client_get_attention (self->client)) : 0;
}

static void
update_state (ThAttentionPage *self)
{
  guint n = n_items (self);
  g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Item Needs Attention",
                                                         "%u Items Need Attention", n), n);

  gtk_label_set_label (self->title_label, title);
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
}

static void
focus_row (ThAttentionPage *self,
           guint            position)
{
  GtkListBoxRow *row;
  guint n = n_items (self);

  if (n == 0)
    return;
  row = gtk_list_box_get_row_at_index (self->list, (int) MIN (position, n - 1));
  if (TH_IS_ATTENTION_ROW (row))
    gtk_widget_grab_focus (GTK_WIDGET (th_attention_row_get_acknowledge_button (TH_ATTENTION_ROW (row))));
}

static void
items_changed_cb (ThAttentionPage *self)
{
  update_state (self);
}

static void
acknowledge_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  ThAttentionPage *self = TH_ATTENTION_PAGE (widget);
  gint64 id = g_variant_get_int64 (param);
  g_autofree char *staff = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *model;

  if (self->client == NULL)
    return;
  model = th_sync_client_get_attention (self->client);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ThSyncAttention) item = g_list_model_get_item (model, i);

      if (th_sync_attention_get_id (item) != id)
        continue;
      /* Recorded under whoever is signed in at this counter. */
      staff = th_context_dup_staff_name (self->context);
      if (!th_sync_client_acknowledge (self->client, item, staff, &error))
        {
          th_failing_emit (self, error);
          return;
        }
      /* The row is gone: keep the keyboard in the list. */
      focus_row (self, i);
      g_signal_emit (self, signals[ACKNOWLEDGED], 0);
      return;
    }
}

static void
th_attention_page_dispose (GObject *object)
{
  ThAttentionPage *self = (ThAttentionPage *)object;

  th_attention_page_set_client (self, NULL);
  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), TH_TYPE_ATTENTION_PAGE);

  G_OBJECT_CLASS (th_attention_page_parent_class)->dispose (object);
}

static void
th_attention_page_class_init (ThAttentionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = th_attention_page_dispose;

  signals[ACKNOWLEDGED] = g_signal_new ("acknowledged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "attention.acknowledge", "x", acknowledge_action);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tihuo/Station/ui/th-attention-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ThAttentionPage, stack);
  gtk_widget_class_bind_template_child (widget_class, ThAttentionPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, ThAttentionPage, list);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
th_attention_page_init (ThAttentionPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_state (self);
}

ThAttentionPage *
th_attention_page_new (ThContext *context)
{
  ThAttentionPage *self;

  g_return_val_if_fail (TH_IS_CONTEXT (context), NULL);
  self = g_object_new (TH_TYPE_ATTENTION_PAGE, NULL);
  self->context = g_object_ref (context);
  return self;
}

void
th_attention_page_set_client (ThAttentionPage *self,
                              ThSyncClient    *client)
{
  g_return_if_fail (TH_IS_ATTENTION_PAGE (self));
  g_return_if_fail (client == NULL || TH_IS_SYNC_CLIENT (client));

  if (self->client == client)
    return;
  if (self->client)
    g_signal_handlers_disconnect_by_data (th_sync_client_get_attention (self->client), self);
  g_set_object (&self->client, client);
  gtk_list_box_bind_model (self->list, client ? th_sync_client_get_attention (client) : NULL,
                           create_row, NULL, NULL);
  if (client)
    g_signal_connect_swapped (th_sync_client_get_attention (client), "items-changed",
                              G_CALLBACK (items_changed_cb), self);
  update_state (self);
}

GtkListBox *
th_attention_page_get_list (ThAttentionPage *self)
{
  g_return_val_if_fail (TH_IS_ATTENTION_PAGE (self), NULL);
  return self->list;
}

void
th_attention_page_focus_first (ThAttentionPage *self)
{
  g_return_if_fail (TH_IS_ATTENTION_PAGE (self));
  focus_row (self, 0);
}
