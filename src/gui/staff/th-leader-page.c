/* SPDX-License-Identifier: GPL-3.0-or-later */
/* First run, after the station is set up: the leader's account. The core
 * insists the first account is a leader's and checks name and PIN; hashing
 * the PIN (argon2id) runs on a worker thread. The new leader is then signed
 * in, with the same PIN, so the sign-in is audited like any other. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "th-db-task.h"
#include "th-error.h"
#include "th-leader-page.h"
#include "th-time.h"

struct _ThLeaderPage
{
  GtkWidget     parent_instance;

  AdwEntryRow  *name_row;
  AdwEntryRow  *pin_row;
  AdwEntryRow  *again_row;
  GtkLabel     *error_label;
  GtkSpinner   *spinner;

  ThDb         *db;
  GCancellable *cancellable;
  gboolean      busy;
};

G_DEFINE_FINAL_TYPE (ThLeaderPage, th_leader_page, GTK_TYPE_WIDGET)

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct {
  char *name;
  char *pin;
} NewLeader;

static void
new_leader_free (NewLeader *n)
{
  g_free (n->name);
  th_pin_free (n->pin);
  g_free (n);
}

static gpointer
create_job (ThDb     *db,
            gpointer  job_data,
            GError  **error)
{
  NewLeader *n = job_data;
  g_autoptr(ThStaff) leader = NULL;
  gint64 now = th_time_now ();

  if (!(leader = th_staff_add (db, n->name, TH_STAFF_ROLE_LEADER, n->pin, NULL, NULL,
                               TH_PIN_COST_INTERACTIVE, now, error)))
    return NULL;
  return th_staff_sign_in (db, leader->name, n->pin, now, error);
}

static void
show_error (ThLeaderPage *self,
            const char   *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
set_busy (ThLeaderPage *self,
          gboolean      busy)
{
  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "leader.create", !busy);
}

static void
created_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  ThLeaderPage *self = TH_LEADER_PAGE (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(ThStaff) leader = th_db_task_finish (result, th_leader_page_create, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (leader == NULL)
    {
      show_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->pin_row));
      return;
    }
  show_error (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->pin_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->again_row), "");
  g_signal_emit (self, signals[DONE], 0, leader);
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  ThLeaderPage *self = TH_LEADER_PAGE (widget);

  th_leader_page_create (self, gtk_editable_get_text (GTK_EDITABLE (self->name_row)),
                         gtk_editable_get_text (GTK_EDITABLE (self->pin_row)),
                         gtk_editable_get_text (GTK_EDITABLE (self->again_row)));
}

static void
row_activated_cb (ThLeaderPage *self,
                  AdwEntryRow  *row)
{
  /* Enter moves on to the next field, and creates from the last one. */
  if (row == self->name_row)
    gtk_widget_grab_focus (GTK_WIDGET (self->pin_row));
  else if (row == self->pin_row)
    gtk_widget_grab_focus (GTK_WIDGET (self->again_row));
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "leader.create", NULL);
}

static gboolean
th_leader_page_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (TH_LEADER_PAGE (widget)->name_row));
}

static void
th_leader_page_dispose (GObject *object)
{
  ThLeaderPage *self = (ThLeaderPage *)object;
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TH_TYPE_LEADER_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (th_leader_page_parent_class)->dispose (object);
}

static void
th_leader_page_class_init (ThLeaderPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = th_leader_page_dispose;
  widget_class->grab_focus = th_leader_page_grab_focus;

  /**
   * ThLeaderPage::done:
   * @staff: the new leader, signed in
   */
  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, TH_TYPE_STAFF);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tihuo/Station/ui/th-leader-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ThLeaderPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, ThLeaderPage, pin_row);
  gtk_widget_class_bind_template_child (widget_class, ThLeaderPage, again_row);
  gtk_widget_class_bind_template_child (widget_class, ThLeaderPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, ThLeaderPage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_install_action (widget_class, "leader.create", NULL, create_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
th_leader_page_init (ThLeaderPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

void
th_leader_page_set_db (ThLeaderPage *self,
                       ThDb         *db)
{
  g_return_if_fail (TH_IS_LEADER_PAGE (self));
  g_set_object (&self->db, db);
}

void
th_leader_page_create (ThLeaderPage *self,
                       const char   *name,
                       const char   *pin,
                       const char   *pin_again)
{
  NewLeader *n;

  g_return_if_fail (TH_IS_LEADER_PAGE (self));
  g_return_if_fail (self->db != NULL);

  if (self->busy)
    return;
  /* Only a typing check: the core decides what a valid PIN is. */
  if (g_strcmp0 (pin, pin_again) != 0)
    {
      show_error (self, _("The two PINs are different. Type the same PIN twice."));
      gtk_widget_grab_focus (GTK_WIDGET (self->again_row));
      return;
    }
  n = g_new0 (NewLeader, 1);
  n->name = g_strdup (name ? name : "");
  n->pin = g_strdup (pin ? pin : "");
  set_busy (self, TRUE);
  th_db_task_run (self, self->db, th_leader_page_create, create_job, n, (GDestroyNotify) new_leader_free,
                  (GDestroyNotify) th_staff_unref, self->cancellable, created_cb, NULL);
}

gboolean
th_leader_page_get_busy (ThLeaderPage *self)
{
  g_return_val_if_fail (TH_IS_LEADER_PAGE (self), FALSE);
  return self->busy;
}
