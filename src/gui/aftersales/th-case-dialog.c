/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Opening an after-sales case: from an order, or as a walk-in complaint.
 * Category, affected lines, a description and up to six photos; the core
 * checks them all and writes the case with its `aftersales_opened` event.
 * Photos are copied in as they are added (th-photo-strip.c), so opening
 * only records; it still runs on a worker thread with the core's own
 * checks of the copies. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-activity-watch.h"
#include "th-case-dialog.h"
#include "th-db-task.h"
#include "th-format.h"
#include "th-order-store.h"
#include "th-photo-strip.h"
#include "th-time.h"

struct _ThCaseDialog
{
  AdwWindow            parent_instance;

  AdwWindowTitle      *window_title;
  AdwComboRow         *category_row;
  AdwPreferencesGroup *lines_group;
  GtkListBox          *lines_list;
  GtkTextView         *description_view;
  ThPhotoStrip        *photo_strip;
  GtkLabel            *error_label;
  GtkSpinner          *spinner;

  ThContext           *context;
  ThDb                *db;           /* the context's */
  ThSession           *session;      /* the context's */
  ThOrder             *order;        /* NULL for a walk-in */
  char                *photo_dir;
  ThCase              *opened;
  GCancellable        *cancellable;
  gboolean             busy;
};

G_DEFINE_FINAL_TYPE (ThCaseDialog, th_case_dialog, ADW_TYPE_WINDOW)

enum {
  OPENED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct {
  gint64     order_id;
  ThReason   category;
  char      *description;
  GArray    *lines;          /* of ThLineQty */
  GStrv      photo_paths;
  char      *staff;
  char      *photo_dir;
} OpenJob;

static void
open_job_free (OpenJob *job)
{
  g_free (job->description);
  g_clear_pointer (&job->lines, g_array_unref);
  g_strfreev (job->photo_paths);
  g_free (job->staff);
  g_free (job->photo_dir);
  g_free (job);
}

static gpointer
open_job_run (ThDb     *db,
              gpointer  job_data,
              GError  **error)
{
  OpenJob *job = job_data;
  ThCaseRequest request = {
    .order_id = job->order_id,
    .category = job->category,
    .description = job->description,
    .lines = (const ThLineQty *) job->lines->data,
    .n_lines = job->lines->len,
    .photo_paths = (const char *const *) job->photo_paths,
    .staff = job->staff,
  };

  return th_case_open (db, &request, job->photo_dir, th_time_now (), error);
}

static void
show_error (ThCaseDialog *self,
            const char   *message)
{
  gtk_label_set_label (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
set_busy (ThCaseDialog *self,
          gboolean      busy)
{
  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.submit", !busy);
}

static GArray *
chosen_lines (ThCaseDialog *self)
{
  GArray *lines = g_array_new (FALSE, TRUE, sizeof (ThLineQty));
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->lines_list, i)); i++)
    {
      GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "th-check");
      GtkSpinButton *spin = g_object_get_data (G_OBJECT (row), "th-spin");
      ThLineQty l = { 0 };

      if (!gtk_check_button_get_active (check))
        continue;
      l.line = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "th-line"));
      l.qty = (guint) gtk_spin_button_get_value_as_int (spin);
      g_array_append_val (lines, l);
    }
  return lines;
}

static void
opened_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  ThCaseDialog *self = TH_CASE_DIALOG (source);
  g_autoptr(GError) error = NULL;
  ThCase *c = th_db_task_finish (result, th_case_dialog_new, &error);

  set_busy (self, FALSE);
  if (c == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }
  self->opened = c;
  g_signal_emit (self, signals[OPENED], 0, c);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  ThCaseDialog *self = TH_CASE_DIALOG (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description_view);
  GtkTextIter start, end;
  OpenJob *job;

  if (self->busy)
    return;
  if (th_photo_strip_get_busy (self->photo_strip))
    {
      show_error (self, _("Wait until the photos are added."));
      return;
    }
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  job = g_new0 (OpenJob, 1);
  job->order_id = self->order ? self->order->id : -1;
  job->category = (ThReason) adw_combo_row_get_selected (self->category_row);
  job->description = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  job->lines = chosen_lines (self);
  job->photo_paths = th_photo_strip_dup_paths (self->photo_strip);
  job->staff = g_strdup (th_session_get_staff_name (self->session));
  job->photo_dir = g_strdup (self->photo_dir);

  show_error (self, NULL);
  set_busy (self, TRUE);
  th_db_task_run (self, self->db, th_case_dialog_new, open_job_run, job, (GDestroyNotify) open_job_free,
                  (GDestroyNotify) th_case_unref, self->cancellable, opened_cb, NULL);
}

static void
photo_failed_cb (ThCaseDialog *self,
                 const GError *error)
{
  show_error (self, error->message);
}

static void
session_changed_cb (ThCaseDialog *self)
{
  if (!self->busy)
    gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
th_case_dialog_close_request (GtkWindow *window)
{
  if (TH_CASE_DIALOG (window)->busy)
    return TRUE;
  return GTK_WINDOW_CLASS (th_case_dialog_parent_class)->close_request (window);
}

static void
th_case_dialog_dispose (GObject *object)
{
  ThCaseDialog *self = (ThCaseDialog *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->session)
    g_signal_handlers_disconnect_by_data (self->session, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TH_TYPE_CASE_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_object (&self->db);
  g_clear_object (&self->context);
  g_clear_pointer (&self->order, th_order_unref);
  g_clear_pointer (&self->opened, th_case_unref);
  g_clear_pointer (&self->photo_dir, g_free);

  G_OBJECT_CLASS (th_case_dialog_parent_class)->dispose (object);
}

static void
th_case_dialog_class_init (ThCaseDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = th_case_dialog_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = th_case_dialog_close_request;

  /**
   * ThCaseDialog::opened:
   * @case: the case as recorded
   */
  signals[OPENED] = g_signal_new ("opened", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, TH_TYPE_CASE);

  g_type_ensure (TH_TYPE_PHOTO_STRIP);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tihuo/Station/ui/th-case-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ThCaseDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, ThCaseDialog, category_row);
  gtk_widget_class_bind_template_child (widget_class, ThCaseDialog, lines_group);
  gtk_widget_class_bind_template_child (widget_class, ThCaseDialog, lines_list);
  gtk_widget_class_bind_template_child (widget_class, ThCaseDialog, description_view);
  gtk_widget_class_bind_template_child (widget_class, ThCaseDialog, photo_strip);
  gtk_widget_class_bind_template_child (widget_class, ThCaseDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, ThCaseDialog, spinner);
  gtk_widget_class_bind_template_callback (widget_class, photo_failed_cb);
  gtk_widget_class_install_action (widget_class, "case.submit", NULL, submit_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "case.submit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "case.submit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "photos.add", NULL);
}

static void
th_case_dialog_init (ThCaseDialog *self)
{
  g_autoptr(GtkStringList) categories = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  for (guint i = 0; i < TH_REASON_COUNT; i++)
    gtk_string_list_append (categories, th_reason_describe ((ThReason) i));
  adw_combo_row_set_model (self->category_row, G_LIST_MODEL (categories));
  th_photo_strip_set_editable (self->photo_strip, TRUE);
}

static GtkWidget *
make_line_row (const ThOrderLine *l)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (1, MAX (l->qty, 1), 1);
  g_autofree char *title = g_strdup_printf ("%u. %s", l->line, l->name);
  /* Translators: how many of a line were bought */
  g_autofree char *subtitle = g_strdup_printf (_("%s · bought %u"), l->sku, l->qty);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), l->qty);
  g_object_bind_property (check, "active", spin, "sensitive", G_BINDING_SYNC_CREATE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Affected quantity"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_object_set_data (G_OBJECT (row), "th-check", check);
  g_object_set_data (G_OBJECT (row), "th-spin", spin);
  g_object_set_data (G_OBJECT (row), "th-line", GUINT_TO_POINTER (l->line));
  return row;
}

ThCaseDialog *
th_case_dialog_new (GtkWindow *parent,
                    ThContext *context,
                    gint64     order_id)
{
  g_autoptr(GError) error = NULL;
  ThCaseDialog *self;

  g_return_val_if_fail (TH_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (th_context_get_db (context) != NULL, NULL);

  self = g_object_new (TH_TYPE_CASE_DIALOG, "transient-for", parent, "modal", parent != NULL, NULL);
  self->context = g_object_ref (context);
  self->db = g_object_ref (th_context_get_db (context));
  self->session = g_object_ref (th_context_get_session (context));
  self->photo_dir = th_case_default_photo_dir (self->db);
  th_photo_strip_set_photo_dir (self->photo_strip, self->photo_dir);
  th_activity_watch_window (GTK_WINDOW (self), context);
  g_signal_connect_object (self->session, "notify::signed-in", G_CALLBACK (session_changed_cb), self, G_CONNECT_SWAPPED);

  if (order_id >= 0 && !(self->order = th_order_store_load (self->db, order_id, &error)))
    show_error (self, error->message);
  if (self->order)
    {
      g_autofree char *label = th_format_order_label (self->order);

      adw_window_title_set_subtitle (self->window_title, label);
      for (guint i = 0; i < self->order->lines->len; i++)
        gtk_list_box_append (self->lines_list, make_line_row (&g_array_index (self->order->lines, ThOrderLine, i)));
    }
  else
    adw_window_title_set_subtitle (self->window_title, _("Walk-in complaint, without an order"));
  gtk_widget_set_visible (GTK_WIDGET (self->lines_group), self->order != NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->category_row));
  return self;
}

void
th_case_dialog_set_category (ThCaseDialog *self,
                             ThReason      category)
{
  g_return_if_fail (TH_IS_CASE_DIALOG (self));
  adw_combo_row_set_selected (self->category_row, category);
}

gboolean
th_case_dialog_set_line (ThCaseDialog *self,
                         guint         line,
                         guint         qty)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (TH_IS_CASE_DIALOG (self), FALSE);

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->lines_list, i)); i++)
    if (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "th-line")) == line)
      {
        gtk_check_button_set_active (g_object_get_data (G_OBJECT (row), "th-check"), qty > 0);
        if (qty > 0)
          gtk_spin_button_set_value (g_object_get_data (G_OBJECT (row), "th-spin"), qty);
        return TRUE;
      }
  return FALSE;
}

void
th_case_dialog_set_description (ThCaseDialog *self,
                                const char   *description)
{
  g_return_if_fail (TH_IS_CASE_DIALOG (self));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->description_view), description ? description : "", -1);
}

void
th_case_dialog_add_photo (ThCaseDialog *self,
                          GFile        *file)
{
  g_return_if_fail (TH_IS_CASE_DIALOG (self));
  th_photo_strip_add_file (self->photo_strip, file);
}

gboolean
th_case_dialog_get_busy (ThCaseDialog *self)
{
  g_return_val_if_fail (TH_IS_CASE_DIALOG (self), FALSE);
  return self->busy || th_photo_strip_get_busy (self->photo_strip);
}

const char *
th_case_dialog_get_error (ThCaseDialog *self)
{
  g_return_val_if_fail (TH_IS_CASE_DIALOG (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? gtk_label_get_label (self->error_label) : NULL;
}

ThCase *
th_case_dialog_get_case (ThCaseDialog *self)
{
  g_return_val_if_fail (TH_IS_CASE_DIALOG (self), NULL);
  return self->opened;
}
