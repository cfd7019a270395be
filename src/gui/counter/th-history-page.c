/* SPDX-License-Identifier: GPL-3.0-or-later */
/* This terminal's hand-overs today, newest first, with Undo (and a reason)
 * while the core still allows it. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-failing.h"
#include "th-collect.h"
#include "th-db-task.h"
#include "th-history-page.h"
#include "th-history-row.h"
#include "th-identity.h"
#include "th-time.h"

/* Undo buttons disappear when their window closes. */
#define REFRESH_SECONDS 30

struct _ThHistoryPage
{
  GtkWidget   parent_instance;

  GtkStack   *stack;
  GtkLabel   *title_label;
  GtkListBox *history_list;

  ThContext  *context;
  ThDb       *db;         /* the context's */
  guint       refresh_id;
};

G_DEFINE_FINAL_TYPE_WITH_CODE (ThHistoryPage, th_history_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (TH_TYPE_FAILING, NULL))

enum {
  UNDONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Today's hand-overs, and at least the last 12 hours', so a shift that
 * runs past midnight keeps its Undo. */
static gint64
history_start (gint64 now)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (now);
  g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (dt), g_date_time_get_month (dt),
                                                         g_date_time_get_day_of_month (dt), 0, 0, 0);
  return MIN (g_date_time_to_unix (midnight), now - 12 * 3600);
}

static void
reason_changed_cb (GtkEditable      *entry,
                   AdwMessageDialog *dialog)
{
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  adw_message_dialog_set_response_enabled (dialog, "undo", reason[0] != '\0');
}

static void
undone_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  ThHistoryPage *self = TH_HISTORY_PAGE (source);
  g_autoptr(GError) error = NULL;

  if (!th_history_page_undo_finish (self, result, &error))
    th_failing_emit (self, error);
}

static void
dialog_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    ThHistoryPage    *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  const char *collection_id = g_object_get_data (G_OBJECT (dialog), "th-collection-id");

  if (!g_str_equal (response, "undo") || self->db == NULL)
    return;
  th_history_page_undo_async (self, collection_id, gtk_editable_get_text (entry), undone_cb, NULL);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  ThHistoryPage *self = TH_HISTORY_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *entry = gtk_entry_new ();
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Undo This Hand-Over?"),
                                                       _("The order can then be collected again. Say why, for the "
                                                         "records, for example “gave out the wrong bag”.")));
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "undo", _("_Undo Hand-Over"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "undo", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (dialog, "undo", FALSE);
  adw_message_dialog_set_default_response (dialog, "undo");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "th-collection-id", g_variant_dup_string (param, NULL), g_free);
  g_signal_connect (entry, "changed", G_CALLBACK (reason_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (dialog_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static gboolean
refresh_cb (gpointer user_data)
{
  th_history_page_reload (user_data);
  return G_SOURCE_CONTINUE;
}

static void
th_history_page_map (GtkWidget *widget)
{
  ThHistoryPage *self = TH_HISTORY_PAGE (widget);

  GTK_WIDGET_CLASS (th_history_page_parent_class)->map (widget);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  self->refresh_id = g_timeout_add_seconds (REFRESH_SECONDS, refresh_cb, self);
}

static void
th_history_page_unmap (GtkWidget *widget)
{
  ThHistoryPage *self = TH_HISTORY_PAGE (widget);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  GTK_WIDGET_CLASS (th_history_page_parent_class)->unmap (widget);
}

static void
th_history_page_dispose (GObject *object)
{
  GtkWidget *child;
  ThHistoryPage *self = (ThHistoryPage *)object;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), TH_TYPE_HISTORY_PAGE);
  /* The template's top widget has no id: unparent it by hand. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->db);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (th_history_page_parent_class)->dispose (object);
}

static void
th_history_page_class_init (ThHistoryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = th_history_page_dispose;
  widget_class->map = th_history_page_map;
  widget_class->unmap = th_history_page_unmap;

  signals[UNDONE] = g_signal_new ("undone", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_install_action (widget_class, "history.undo", "s", undo_action);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tihuo/Station/ui/th-history-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ThHistoryPage, stack);
  gtk_widget_class_bind_template_child (widget_class, ThHistoryPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, ThHistoryPage, history_list);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
th_history_page_init (ThHistoryPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
th_history_page_set_context (ThHistoryPage *self,
                             ThContext     *context)
{
  g_return_if_fail (TH_IS_HISTORY_PAGE (self));
  g_return_if_fail (TH_IS_CONTEXT (context));
  g_set_object (&self->context, context);
  if (g_set_object (&self->db, th_context_get_db (context)) && gtk_widget_get_mapped (GTK_WIDGET (self)))
    th_history_page_reload (self);
}

void
th_history_page_reload (ThHistoryPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *terminal = NULL;
  g_autofree char *title = NULL;
  gint64 now = th_time_now ();
  GtkWidget *child;

  g_return_if_fail (TH_IS_HISTORY_PAGE (self));

  if (self->db == NULL)
    return;
  if (!th_identity_get (self->db, NULL, &terminal, &error) ||
      !(entries = th_history_list (self->db, terminal, history_start (now), 0, &error)))
    {
      th_failing_emit (self, error);
      return;
    }

  title = g_strdup_printf (_("Recent hand-overs at terminal %s"), terminal);
  gtk_label_set_label (self->title_label, title);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->history_list))))
    gtk_list_box_remove (self->history_list, child);
  for (guint i = 0; i < entries->len; i++)
    gtk_list_box_append (self->history_list, GTK_WIDGET (th_history_row_new (g_ptr_array_index (entries, i), now)));
  gtk_stack_set_visible_child_name (self->stack, entries->len > 0 ? "list" : "empty");
}

/**
 * th_history_page_undo_async:
 *
 * Undoes a hand-over through the core, which keeps to its 10-minute window,
 * on a worker connection: another terminal may hold the database.
 */
void
th_history_page_undo_async (ThHistoryPage       *self,
                            const char          *collection_id,
                            const char          *reason,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autofree char *staff = NULL;

  g_return_if_fail (TH_IS_HISTORY_PAGE (self));
  g_return_if_fail (collection_id != NULL);
  g_return_if_fail (self->db != NULL);

  /* Whoever is signed in at this counter records the undo. */
  staff = self->context ? th_context_dup_staff_name (self->context) : NULL;
  th_db_task_run (self, self->db, th_history_page_undo_async, th_undo_job_run,
                  th_undo_job_new (collection_id, reason, staff, th_time_now ()),
                  (GDestroyNotify) th_undo_job_free, g_free, NULL, callback, user_data);
}

/* Reloads the list and emits ::undone on success. */
gboolean
th_history_page_undo_finish (ThHistoryPage  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_autofree char *collection_id = NULL;
  gint64 order_id = -1;

  g_return_val_if_fail (TH_IS_HISTORY_PAGE (self), FALSE);

  if (!(collection_id = th_db_task_finish (result, th_history_page_undo_async, error)))
    return FALSE;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->history_list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (TH_IS_HISTORY_ROW (child) &&
        g_strcmp0 (th_history_row_get_entry (TH_HISTORY_ROW (child))->collection_id, collection_id) == 0)
      order_id = th_history_row_get_entry (TH_HISTORY_ROW (child))->order_id;

  th_history_page_reload (self);
  g_signal_emit (self, signals[UNDONE], 0, order_id);
  return TRUE;
}

GtkListBox *
th_history_page_get_list (ThHistoryPage *self)
{
  g_return_val_if_fail (TH_IS_HISTORY_PAGE (self), NULL);
  return self->history_list;
}
