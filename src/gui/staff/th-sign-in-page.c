/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Who is at the counter: pick a name, type the PIN, Enter. Big enough for a
 * touch screen, and all of it works from the keyboard: Up and Down change
 * the name while the PIN field has the focus. The core checks the PIN on a
 * worker thread and counts wrong ones; after five it locks that account
 * and says for how long, and this page shows its words. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "th-demo.h"
#include "th-sign-in-page.h"

struct _ThSignInPage
{
  GtkWidget      parent_instance;

  AdwStatusPage *status_page;
  GtkListBox    *staff_list;
  GtkEditable   *pin_entry;
  GtkLabel      *error_label;
  GtkSpinner    *spinner;

  ThDb          *db;
  ThSession     *session;
  GCancellable  *cancellable;
  gboolean       busy;
};

G_DEFINE_FINAL_TYPE (ThSignInPage, th_sign_in_page, GTK_TYPE_WIDGET)

static void
show_error (ThSignInPage *self,
            const char   *message)
{
  gtk_label_set_label (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
set_busy (ThSignInPage *self,
          gboolean      busy)
{
  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "signin.submit", !busy);
}

static GtkWidget *
make_row (ThStaff *staff)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *avatar = adw_avatar_new (40, staff->name, TRUE);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), staff->name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), th_staff_role_describe (staff->role));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), avatar);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "th-staff-name", g_strdup (staff->name), g_free);
  return row;
}

static void
move_selection (ThSignInPage *self,
                int           delta)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->staff_list);
  int index = row ? gtk_list_box_row_get_index (row) + delta : 0;
  GtkListBoxRow *next = gtk_list_box_get_row_at_index (self->staff_list, MAX (index, 0));

  if (next)
    gtk_list_box_select_row (self->staff_list, next);
}

static void
signed_in_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ThSignInPage) self = user_data;
  g_autoptr(GError) error = NULL;
  ThStaff *staff = th_session_sign_in_finish (TH_SESSION (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  gtk_editable_set_text (self->pin_entry, "");
  if (staff == NULL)
    {
      show_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->pin_entry));
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  show_error (self, NULL);
}

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  ThSignInPage *self = TH_SIGN_IN_PAGE (widget);
  g_autofree char *pin = g_strdup (gtk_editable_get_text (self->pin_entry));

  th_sign_in_page_sign_in (self, pin);
}

static void
digit_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  ThSignInPage *self = TH_SIGN_IN_PAGE (widget);
  int pos = -1;

  gtk_editable_insert_text (self->pin_entry, g_variant_get_string (param, NULL), -1, &pos);
  gtk_editable_set_position (self->pin_entry, -1);
}

static void
backspace_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  ThSignInPage *self = TH_SIGN_IN_PAGE (widget);
  int len = (int) g_utf8_strlen (gtk_editable_get_text (self->pin_entry), -1);

  if (len > 0)
    gtk_editable_delete_text (self->pin_entry, len - 1, len);
}

static void
row_activated_cb (ThSignInPage  *self,
                  GtkListBoxRow *row)
{
  gtk_list_box_select_row (self->staff_list, row);
  gtk_widget_grab_focus (GTK_WIDGET (self->pin_entry));
}

static void
pin_activated_cb (ThSignInPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "signin.submit", NULL);
}

static gboolean
pin_key_pressed_cb (ThSignInPage          *self,
                    guint                  keyval,
                    guint                  keycode,
                    GdkModifierType        state,
                    GtkEventControllerKey *controller)
{
  if (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up)
    move_selection (self, -1);
  else if (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
    move_selection (self, 1);
  else
    return GDK_EVENT_PROPAGATE;
  return GDK_EVENT_STOP;
}

static gboolean
th_sign_in_page_grab_focus (GtkWidget *widget)
{
  ThSignInPage *self = TH_SIGN_IN_PAGE (widget);

  if (gtk_list_box_get_selected_row (self->staff_list))
    return gtk_widget_grab_focus (GTK_WIDGET (self->pin_entry));
  return gtk_widget_child_focus (GTK_WIDGET (self->staff_list), GTK_DIR_TAB_FORWARD);
}

static void
th_sign_in_page_dispose (GObject *object)
{
  ThSignInPage *self = (ThSignInPage *)object;
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TH_TYPE_SIGN_IN_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (th_sign_in_page_parent_class)->dispose (object);
}

static void
th_sign_in_page_class_init (ThSignInPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = th_sign_in_page_dispose;
  widget_class->grab_focus = th_sign_in_page_grab_focus;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tihuo/Station/ui/th-sign-in-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ThSignInPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, ThSignInPage, staff_list);
  gtk_widget_class_bind_template_child (widget_class, ThSignInPage, pin_entry);
  gtk_widget_class_bind_template_child (widget_class, ThSignInPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, ThSignInPage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, pin_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, pin_key_pressed_cb);
  gtk_widget_class_install_action (widget_class, "signin.submit", NULL, submit_action);
  gtk_widget_class_install_action (widget_class, "signin.digit", "s", digit_action);
  gtk_widget_class_install_action (widget_class, "signin.backspace", NULL, backspace_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
th_sign_in_page_init (ThSignInPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

void
th_sign_in_page_setup (ThSignInPage *self,
                       ThContext    *context)
{
  g_return_if_fail (TH_IS_SIGN_IN_PAGE (self));
  g_return_if_fail (TH_IS_CONTEXT (context));
  g_set_object (&self->db, th_context_get_db (context));
  g_set_object (&self->session, th_context_get_session (context));
}

/**
 * th_sign_in_page_reload:
 * @locked: whether the counter was locked (idle, or on purpose) rather than
 *   just opened
 *
 * Lists the staff afresh (leaders add people on other terminals too) and
 * offers whoever was signed in last.
 */
void
th_sign_in_page_reload (ThSignInPage *self,
                        gboolean      locked)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) staff = NULL;
  GtkWidget *child;

  g_return_if_fail (TH_IS_SIGN_IN_PAGE (self));

  adw_status_page_set_title (self->status_page, locked ? _("The Counter Is Locked") : _("Who Is at the Counter?"));
  if (self->db != NULL && th_demo_has_demo_staff (self->db))
    {
      g_autofree char *hint = g_strdup_printf (_("Demo station: sign in as %s (leader, PIN %s) or %s (cashier, PIN %s)."),
                                               TH_DEMO_LEADER_NAME, TH_DEMO_LEADER_PIN,
                                               TH_DEMO_CASHIER_NAME, TH_DEMO_CASHIER_PIN);
      adw_status_page_set_description (self->status_page, hint);
    }
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->staff_list))))
    gtk_list_box_remove (self->staff_list, child);
  gtk_editable_set_text (self->pin_entry, "");
  if (self->db == NULL)
    return;
  if (!(staff = th_staff_list (self->db, &error)))
    {
      show_error (self, error->message);
      return;
    }
  for (guint i = 0; i < staff->len; i++)
    gtk_list_box_append (self->staff_list, make_row (g_ptr_array_index (staff, i)));
  if (!(self->session && th_sign_in_page_select (self, th_session_get_last_name (self->session))))
    move_selection (self, 0);
}

gboolean
th_sign_in_page_select (ThSignInPage *self,
                        const char   *name)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (TH_IS_SIGN_IN_PAGE (self), FALSE);

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->staff_list, i)); i++)
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "th-staff-name"), name) == 0)
      {
        gtk_list_box_select_row (self->staff_list, row);
        return TRUE;
      }
  return FALSE;
}

const char *
th_sign_in_page_get_selected (ThSignInPage *self)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (TH_IS_SIGN_IN_PAGE (self), NULL);
  row = gtk_list_box_get_selected_row (self->staff_list);
  return row ? g_object_get_data (G_OBJECT (row), "th-staff-name") : NULL;
}

/* Checks @pin for the selected name; the session changes on success. */
void
th_sign_in_page_sign_in (ThSignInPage *self,
                         const char   *pin)
{
  const char *name;

  g_return_if_fail (TH_IS_SIGN_IN_PAGE (self));

  if (self->busy || self->session == NULL || self->db == NULL)
    return;
  if ((name = th_sign_in_page_get_selected (self)) == NULL)
    {
      show_error (self, _("Choose your name first."));
      return;
    }
  set_busy (self, TRUE);
  th_session_sign_in_async (self->session, self->db, name, pin, self->cancellable, signed_in_cb,
                            g_object_ref (self));
}

gboolean
th_sign_in_page_get_busy (ThSignInPage *self)
{
  g_return_val_if_fail (TH_IS_SIGN_IN_PAGE (self), FALSE);
  return self->busy;
}

/* (nullable): the message shown, e.g. the core's lockout */
const char *
th_sign_in_page_get_error (ThSignInPage *self)
{
  g_return_val_if_fail (TH_IS_SIGN_IN_PAGE (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? gtk_label_get_label (self->error_label) : NULL;
}

GtkEditable *
th_sign_in_page_get_pin_entry (ThSignInPage *self)
{
  g_return_val_if_fail (TH_IS_SIGN_IN_PAGE (self), NULL);
  return self->pin_entry;
}
