/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Managing staff. Only a leader may add or remove people, and the core
 * wants the leader's PIN for each change, so this dialog asks for it; PINs
 * are hashed and checked (argon2id) on a worker thread. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-activity-watch.h"
#include "th-db-task.h"
#include "th-staff-dialog.h"
#include "th-time.h"

struct _ThStaffDialog
{
  AdwWindow        parent_instance;

  AdwToastOverlay *toast_overlay;
  GtkListBox      *staff_list;
  AdwEntryRow     *name_row;
  AdwComboRow     *role_row;
  AdwEntryRow     *pin_row;
  AdwEntryRow     *again_row;
  AdwEntryRow     *leader_pin_row;
  GtkLabel        *error_label;
  GtkSpinner      *spinner;

  ThContext       *context;
  ThDb            *db;           /* the context's */
  ThSession       *session;      /* the context's */
  GCancellable    *cancellable;
  gboolean         busy;
};

G_DEFINE_FINAL_TYPE (ThStaffDialog, th_staff_dialog, ADW_TYPE_WINDOW)

/* The role row's order. */
static const ThStaffRole roles[] = { TH_STAFF_ROLE_CASHIER, TH_STAFF_ROLE_SUPERVISOR, TH_STAFF_ROLE_LEADER };

typedef struct {
  char        *name;
  ThStaffRole  role;
  char        *pin;          /* NULL to remove */
  char        *by;
  char        *by_pin;
} StaffJob;

static void
staff_job_free (StaffJob *job)
{
  g_free (job->name);
  th_pin_free (job->pin);
  g_free (job->by);
  th_pin_free (job->by_pin);
  g_free (job);
}

static gpointer
staff_job_run (ThDb     *db,
               gpointer  job_data,
               GError  **error)
{
  StaffJob *job = job_data;

  /* Either way, the name as the core recorded it. */
  if (job->pin)
    {
      g_autoptr(ThStaff) staff = th_staff_add (db, job->name, job->role, job->pin, job->by, job->by_pin,
                                               TH_PIN_COST_INTERACTIVE, th_time_now (), error);
      return staff ? g_strdup (staff->name) : NULL;
    }
  if (!th_staff_remove (db, job->name, job->by, job->by_pin, th_time_now (), error))
    return NULL;
  return g_strdup (job->name);
}

static void
show_error (ThStaffDialog *self,
            const char    *message)
{
  gtk_label_set_label (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
set_busy (ThStaffDialog *self,
          gboolean       busy)
{
  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "staff.add", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "staff.remove", !busy);
}

static void
load_staff (ThStaffDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) staff = th_staff_list (self->db, &error);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->staff_list))))
    gtk_list_box_remove (self->staff_list, child);
  if (staff == NULL)
    {
      show_error (self, error->message);
      return;
    }
  for (guint i = 0; i < staff->len; i++)
    {
      ThStaff *s = g_ptr_array_index (staff, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_with_mnemonic (_("_Remove…"));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), s->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), th_staff_role_describe (s->role));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), adw_avatar_new (32, s->name, TRUE));
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "staff.remove");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s", s->name);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      gtk_list_box_append (self->staff_list, row);
    }
}

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  ThStaffDialog *self = TH_STAFF_DIALOG (source);
  g_autoptr(GError) error = NULL;
  gboolean added = GPOINTER_TO_INT (user_data);
  g_autofree char *name = th_db_task_finish (result, th_staff_dialog_new, &error);
  g_autofree char *message = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->leader_pin_row), "");
  if (name == NULL)
    {
      show_error (self, error->message);
      return;
    }
  show_error (self, NULL);
  if (added)
    {
      /* Translators: %s is a staff member's name */
      message = g_strdup_printf (_("%s can sign in now"), name);
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), "");
      gtk_editable_set_text (GTK_EDITABLE (self->pin_row), "");
      gtk_editable_set_text (GTK_EDITABLE (self->again_row), "");
    }
  else
    message = g_strdup_printf (_("%s removed"), name);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
  load_staff (self);
}

static void
run_job (ThStaffDialog *self,
         StaffJob      *job)
{
  gboolean adding = job->pin != NULL;

  job->by = g_strdup (th_session_get_staff_name (self->session));
  show_error (self, NULL);
  set_busy (self, TRUE);
  th_db_task_run (self, self->db, th_staff_dialog_new, staff_job_run, job, (GDestroyNotify) staff_job_free,
                  g_free, self->cancellable, done_cb, GINT_TO_POINTER (adding));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  ThStaffDialog *self = TH_STAFF_DIALOG (widget);
  guint role = adw_combo_row_get_selected (self->role_row);

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->pin_row)),
                 gtk_editable_get_text (GTK_EDITABLE (self->again_row))) != 0)
    {
      show_error (self, _("The two PINs are different. Type the same PIN twice."));
      return;
    }
  th_staff_dialog_add (self, gtk_editable_get_text (GTK_EDITABLE (self->name_row)),
                       roles[MIN (role, G_N_ELEMENTS (roles) - 1)],
                       gtk_editable_get_text (GTK_EDITABLE (self->pin_row)),
                       gtk_editable_get_text (GTK_EDITABLE (self->leader_pin_row)));
}

static void
remove_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    ThStaffDialog    *self)
{
  if (g_str_equal (response, "remove"))
    th_staff_dialog_remove (self, g_object_get_data (G_OBJECT (dialog), "th-name"),
                            gtk_editable_get_text (GTK_EDITABLE (self->leader_pin_row)));
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  ThStaffDialog *self = TH_STAFF_DIALOG (widget);
  const char *name = g_variant_get_string (param, NULL);
  GtkWidget *dialog;

  if (gtk_editable_get_text (GTK_EDITABLE (self->leader_pin_row))[0] == '\0')
    {
      show_error (self, _("Type your PIN under “Your PIN” first: each change needs it."));
      gtk_widget_grab_focus (GTK_WIDGET (self->leader_pin_row));
      return;
    }
  /* Translators: %s is a staff member's name */
  dialog = adw_message_dialog_new (GTK_WINDOW (self), NULL, NULL);
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Remove %s?"), name);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                               _("They can no longer sign in. What they did stays in the records under their name."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "th-name", g_strdup (name), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
session_changed_cb (ThStaffDialog *self)
{
  if (!self->busy)
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
th_staff_dialog_dispose (GObject *object)
{
  ThStaffDialog *self = (ThStaffDialog *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->session)
    g_signal_handlers_disconnect_by_data (self->session, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TH_TYPE_STAFF_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_object (&self->db);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (th_staff_dialog_parent_class)->dispose (object);
}

static void
th_staff_dialog_class_init (ThStaffDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = th_staff_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tihuo/Station/ui/th-staff-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ThStaffDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ThStaffDialog, staff_list);
  gtk_widget_class_bind_template_child (widget_class, ThStaffDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, ThStaffDialog, role_row);
  gtk_widget_class_bind_template_child (widget_class, ThStaffDialog, pin_row);
  gtk_widget_class_bind_template_child (widget_class, ThStaffDialog, again_row);
  gtk_widget_class_bind_template_child (widget_class, ThStaffDialog, leader_pin_row);
  gtk_widget_class_bind_template_child (widget_class, ThStaffDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, ThStaffDialog, spinner);
  gtk_widget_class_install_action (widget_class, "staff.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "staff.remove", "s", remove_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
th_staff_dialog_init (ThStaffDialog *self)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    gtk_string_list_append (model, th_staff_role_describe (roles[i]));
  adw_combo_row_set_model (self->role_row, G_LIST_MODEL (model));
}

ThStaffDialog *
th_staff_dialog_new (GtkWindow *parent,
                     ThContext *context)
{
  ThStaffDialog *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (TH_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (th_context_get_db (context) != NULL, NULL);

  self = g_object_new (TH_TYPE_STAFF_DIALOG, "transient-for", parent, "modal", parent != NULL, NULL);
  self->context = g_object_ref (context);
  self->db = g_object_ref (th_context_get_db (context));
  self->session = g_object_ref (th_context_get_session (context));
  th_activity_watch_window (GTK_WINDOW (self), context);
  g_signal_connect_object (self->session, "notify::signed-in", G_CALLBACK (session_changed_cb), self, G_CONNECT_SWAPPED);
  /* Translators: %s is the signed-in leader's name */
  title = g_strdup_printf (_("PIN of %s"), th_session_get_staff_name (self->session) ? th_session_get_staff_name (self->session) : "");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->leader_pin_row), title);
  load_staff (self);
  return self;
}

void
th_staff_dialog_add (ThStaffDialog *self,
                     const char    *name,
                     ThStaffRole    role,
                     const char    *pin,
                     const char    *leader_pin)
{
  StaffJob *job;

  g_return_if_fail (TH_IS_STAFF_DIALOG (self));

  if (self->busy)
    return;
  job = g_new0 (StaffJob, 1);
  job->name = g_strdup (name ? name : "");
  job->role = role;
  job->pin = g_strdup (pin ? pin : "");
  job->by_pin = g_strdup (leader_pin ? leader_pin : "");
  run_job (self, job);
}

void
th_staff_dialog_remove (ThStaffDialog *self,
                        const char    *name,
                        const char    *leader_pin)
{
  StaffJob *job;

  g_return_if_fail (TH_IS_STAFF_DIALOG (self));

  if (self->busy)
    return;
  job = g_new0 (StaffJob, 1);
  job->name = g_strdup (name ? name : "");
  job->by_pin = g_strdup (leader_pin ? leader_pin : "");
  run_job (self, job);
}

gboolean
th_staff_dialog_get_busy (ThStaffDialog *self)
{
  g_return_val_if_fail (TH_IS_STAFF_DIALOG (self), FALSE);
  return self->busy;
}

const char *
th_staff_dialog_get_error (ThStaffDialog *self)
{
  g_return_val_if_fail (TH_IS_STAFF_DIALOG (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? gtk_label_get_label (self->error_label) : NULL;
}

GtkListBox *
th_staff_dialog_get_list (ThStaffDialog *self)
{
  g_return_val_if_fail (TH_IS_STAFF_DIALOG (self), NULL);
  return self->staff_list;
}
