/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Preferences for staff, refunds and after-sales: the idle lock, the
 * refund approval threshold and a cashier's daily limit, and the response
 * times for cases. They are the station's policy, kept in its database
 * (th-policy.h), not per-user GSettings: the rows show it, and Save asks the
 * core to change what differs, with the signed-in leader's PIN, each change
 * audited. Money is stored in fen and shown in yuan. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "th-db-task.h"
#include "th-policy-change.h"
#include "th-preferences-staff-page.h"
#include "th-time.h"

struct _ThPreferencesStaffPage
{
  AdwPreferencesPage  parent_instance;

  AdwPreferencesGroup *lock_group;
  AdwPreferencesGroup *refund_group;
  AdwPreferencesGroup *case_group;
  AdwPreferencesGroup *save_group;
  GtkSpinButton      *lock_spin;
  GtkSpinButton      *threshold_spin;
  GtkSpinButton      *cap_spin;
  GtkSpinButton      *respond_spin;
  GtkSpinButton      *resolve_spin;
  GtkLabel           *leader_label;
  AdwEntryRow        *pin_row;
  GtkLabel           *status_label;

  ThDb               *db;
  ThContext          *context;
  ThSession          *session;
  GCancellable       *cancellable;
  gboolean            busy;
};

G_DEFINE_FINAL_TYPE (ThPreferencesStaffPage, th_preferences_staff_page, ADW_TYPE_PREFERENCES_PAGE)

typedef struct {
  char      *leader;
  char      *pin;
  GPtrArray *names;    /* settings to change */
  GPtrArray *values;   /* their new values, as th_policy_parse_value() reads them */
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  g_free (job->leader);
  th_pin_free (job->pin);
  g_ptr_array_unref (job->names);
  g_ptr_array_unref (job->values);
  g_free (job);
}

/* Each change checks the leader's PIN again: a wrong PIN stops at the first. */
static gpointer
save_job_run (ThDb     *db,
              gpointer  job_data,
              GError  **error)
{
  SaveJob *job = job_data;

  for (guint i = 0; i < job->names->len; i++)
    if (!th_policy_change (db, job->names->pdata[i], job->values->pdata[i], job->leader, job->pin,
                           th_time_now (), error))
      return NULL;
  return g_strdup ("saved");
}

static GtkSpinButton *
spin_for (ThPreferencesStaffPage *self,
          ThPolicySetting         setting)
{
  switch (setting)
    {
    case TH_POLICY_REFUND_APPROVAL_THRESHOLD:
      return self->threshold_spin;
    case TH_POLICY_CASHIER_DAILY_CAP:
      return self->cap_spin;
    case TH_POLICY_LOCK_IDLE_MINUTES:
      return self->lock_spin;
    case TH_POLICY_CASE_RESPOND_MINUTES:
      return self->respond_spin;
    case TH_POLICY_CASE_RESOLVE_HOURS:
      return self->resolve_spin;
    case TH_POLICY_CLI_TRUSTED:
    case TH_POLICY_N_SETTINGS:
    default:
      return NULL;   /* set with tihuo-cli settings */
    }
}

/* What a spin button holds, in the setting's own unit (fen for money). */
static gint64
spin_value (const ThPolicyInfo *info,
            GtkSpinButton      *spin)
{
  double v = gtk_spin_button_get_value (spin);

  /* The spin button has two decimals: rounding only removes float noise. */
  return info->kind == TH_POLICY_KIND_FEN ? (gint64) llround (v * 100.0) : (gint64) llround (v);
}

static void
show_status (ThPreferencesStaffPage *self,
             const char             *text,
             gboolean                is_error)
{
  gtk_label_set_label (self->status_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

static void
load_policy (ThPreferencesStaffPage *self)
{
  g_autoptr(GError) error = NULL;
  ThPolicy policy;

  if (self->db == NULL)
    return;
  if (!th_policy_load (self->db, &policy, &error))
    {
      show_status (self, error->message, TRUE);
      return;
    }
  for (guint i = 0; i < TH_POLICY_N_SETTINGS; i++)
    {
      const ThPolicyInfo *info = th_policy_get_info (i);
      GtkSpinButton *spin = spin_for (self, i);
      gint64 value = th_policy_get_value (&policy, i);

      if (spin)
        gtk_spin_button_set_value (spin, info->kind == TH_POLICY_KIND_FEN ? value / 100.0 : (double) value);
    }
}

static void
set_busy (ThPreferencesStaffPage *self,
          gboolean                busy)
{
  self->busy = busy;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "staff-page.save", !busy);
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  ThPreferencesStaffPage *self = TH_PREFERENCES_STAFF_PAGE (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *done = th_db_task_finish (result, th_preferences_staff_page_new, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->pin_row), "");
  if (done == NULL)
    {
      show_status (self, error->message, TRUE);
      return;
    }
  load_policy (self);
  if (self->context)
    th_context_reload_policy (self->context);
  show_status (self, _("Saved for this station. The audit log records each change."), FALSE);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  th_preferences_staff_page_save (TH_PREFERENCES_STAFF_PAGE (widget),
                                  gtk_editable_get_text (GTK_EDITABLE (TH_PREFERENCES_STAFF_PAGE (widget)->pin_row)));
}

static void
th_preferences_staff_page_dispose (GObject *object)
{
  ThPreferencesStaffPage *self = (ThPreferencesStaffPage *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TH_TYPE_PREFERENCES_STAFF_PAGE);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_object (&self->db);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (th_preferences_staff_page_parent_class)->dispose (object);
}

static void
th_preferences_staff_page_class_init (ThPreferencesStaffPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = th_preferences_staff_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tihuo/Station/ui/th-preferences-staff-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ThPreferencesStaffPage, lock_group);
  gtk_widget_class_bind_template_child (widget_class, ThPreferencesStaffPage, refund_group);
  gtk_widget_class_bind_template_child (widget_class, ThPreferencesStaffPage, case_group);
  gtk_widget_class_bind_template_child (widget_class, ThPreferencesStaffPage, save_group);
  gtk_widget_class_bind_template_child (widget_class, ThPreferencesStaffPage, lock_spin);
  gtk_widget_class_bind_template_child (widget_class, ThPreferencesStaffPage, threshold_spin);
  gtk_widget_class_bind_template_child (widget_class, ThPreferencesStaffPage, cap_spin);
  gtk_widget_class_bind_template_child (widget_class, ThPreferencesStaffPage, respond_spin);
  gtk_widget_class_bind_template_child (widget_class, ThPreferencesStaffPage, resolve_spin);
  gtk_widget_class_bind_template_child (widget_class, ThPreferencesStaffPage, leader_label);
  gtk_widget_class_bind_template_child (widget_class, ThPreferencesStaffPage, pin_row);
  gtk_widget_class_bind_template_child (widget_class, ThPreferencesStaffPage, status_label);
  gtk_widget_class_install_action (widget_class, "staff-page.save", NULL, save_action);
}

static void
th_preferences_staff_page_init (ThPreferencesStaffPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

/**
 * th_preferences_staff_page_new:
 * @context: (nullable): the open station, whose signed-in leader may
 *   change its policy
 */
AdwPreferencesPage *
th_preferences_staff_page_new (ThContext *context)
{
  ThPreferencesStaffPage *self = g_object_new (TH_TYPE_PREFERENCES_STAFF_PAGE, NULL);
  ThSession *session = context ? th_context_get_session (context) : NULL;
  ThDb *db = context ? th_context_get_db (context) : NULL;
  GtkWidget *groups[] = { GTK_WIDGET (self->lock_group), GTK_WIDGET (self->refund_group),
                          GTK_WIDGET (self->case_group), GTK_WIDGET (self->save_group) };

  self->context = context ? g_object_ref (context) : NULL;
  self->db = db ? g_object_ref (db) : NULL;
  self->session = session ? g_object_ref (session) : NULL;
  load_policy (self);
  /* Whoever stands at the counter must not loosen the rules that guard the
   * money; the leader sets them, and the core checks the PIN again. */
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    {
      if (session && db)
        g_object_bind_property (session, "is-leader", groups[i], "sensitive", G_BINDING_SYNC_CREATE);
      else
        gtk_widget_set_sensitive (groups[i], FALSE);
    }
  if (session)
    g_object_bind_property (session, "is-leader", self->leader_label, "visible",
                            G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
  return ADW_PREFERENCES_PAGE (self);
}

/**
 * th_preferences_staff_page_save:
 * @pin: the signed-in leader's PIN
 *
 * Saves the rows that differ from the station policy, off the main loop.
 */
void
th_preferences_staff_page_save (ThPreferencesStaffPage *self,
                                const char             *pin)
{
  g_autoptr(GError) error = NULL;
  SaveJob *job;
  ThPolicy policy;

  g_return_if_fail (TH_IS_PREFERENCES_STAFF_PAGE (self));

  if (self->busy || self->db == NULL || self->session == NULL)
    return;
  if (!th_session_get_is_leader (self->session))
    {
      show_status (self, _("Only the leader, signed in at the counter, can change these settings."), TRUE);
      return;
    }
  if (!th_policy_load (self->db, &policy, &error))
    {
      show_status (self, error->message, TRUE);
      return;
    }

  job = g_new0 (SaveJob, 1);
  job->leader = g_strdup (th_session_get_staff_name (self->session));
  job->pin = g_strdup (pin ? pin : "");
  job->names = g_ptr_array_new ();
  job->values = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < TH_POLICY_N_SETTINGS; i++)
    {
      const ThPolicyInfo *info = th_policy_get_info (i);
      GtkSpinButton *spin = spin_for (self, i);
      gint64 value;

      if (spin == NULL)
        continue;
      gtk_spin_button_update (spin);
      value = spin_value (info, spin);
      if (value == th_policy_get_value (&policy, i))
        continue;
      g_ptr_array_add (job->names, (gpointer) info->name);
      g_ptr_array_add (job->values, th_policy_format_value (info, value));
    }
  if (job->names->len == 0)
    {
      save_job_free (job);
      show_status (self, _("Nothing changed."), FALSE);
      return;
    }
  show_status (self, NULL, FALSE);
  set_busy (self, TRUE);
  th_db_task_run (self, self->db, th_preferences_staff_page_new, save_job_run, job, (GDestroyNotify) save_job_free,
                  g_free, self->cancellable, saved_cb, NULL);
}

gboolean
th_preferences_staff_page_get_busy (ThPreferencesStaffPage *self)
{
  g_return_val_if_fail (TH_IS_PREFERENCES_STAFF_PAGE (self), FALSE);
  return self->busy;
}

/* For tests: the row of @setting, or NULL when it has none. */
GtkSpinButton *
th_preferences_staff_page_get_spin (ThPreferencesStaffPage *self,
                                    ThPolicySetting         setting)
{
  g_return_val_if_fail (TH_IS_PREFERENCES_STAFF_PAGE (self), NULL);
  return spin_for (self, setting);
}

const char *
th_preferences_staff_page_get_status (ThPreferencesStaffPage *self)
{
  g_return_val_if_fail (TH_IS_PREFERENCES_STAFF_PAGE (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->status_label)) ? gtk_label_get_label (self->status_label) : NULL;
}
