/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One after-sales case: what was reported, its photos, where it stands
 * against its response times, and the next step: respond, resolve (by a
 * refund, a replacement, a coupon or nothing) or reject. Each step is one
 * core call (th_case_update) that writes the audit entry and the
 * `aftersales_updated` event; the buttons offer only the steps the case's
 * status allows, and the core decides. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-activity-watch.h"
#include "th-case-format.h"
#include "th-case-window.h"
#include "th-format.h"
#include "th-money.h"
#include "th-photo-strip.h"
#include "th-refund-dialog.h"
#include "th-time.h"

struct _ThCaseWindow
{
  AdwWindow            parent_instance;

  AdwToastOverlay     *toast_overlay;
  AdwWindowTitle      *window_title;
  GtkLabel            *due_label;
  GtkListBox          *facts_list;
  GtkLabel            *lines_label;
  GtkLabel            *description_label;
  AdwPreferencesGroup *photos_group;
  ThPhotoStrip        *photo_strip;
  AdwPreferencesGroup *step_group;
  AdwEntryRow         *note_row;
  AdwComboRow         *resolution_row;
  AdwComboRow         *refund_row;

  ThContext           *context;
  ThDb                *db;           /* the context's */
  ThSession           *session;      /* the context's */
  ThCase              *c;
  GStrv                refund_ids;   /* the order's refunds, in the refund row's order */
};

G_DEFINE_FINAL_TYPE (ThCaseWindow, th_case_window, ADW_TYPE_WINDOW)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
add_fact (ThCaseWindow *self,
          const char   *title,
          const char   *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  /* Wide enough for a time and a name on one line; a long note wraps. */
  gtk_label_set_width_chars (GTK_LABEL (label), 20);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "heading");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  gtk_list_box_append (self->facts_list, row);
}

static char *
format_step (gint64      at,
             const char *by,
             gint64      now)
{
  g_autofree char *when = th_format_time (at, now);
  /* Translators: when, and by which staff member */
  return g_strdup_printf (_("%s by %s"), when, by);
}

static void
load_refunds (ThCaseWindow *self)
{
  g_autoptr(GPtrArray) refunds = self->c->order_id >= 0 ? th_refund_list_for_order (self->db, self->c->order_id, NULL) : NULL;
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  gint64 now = th_time_now ();

  for (guint i = 0; refunds && i < refunds->len; i++)
    {
      ThRefund *r = g_ptr_array_index (refunds, i);
      g_autofree char *amount = th_money_format (r->amount);
      g_autofree char *when = th_format_time (r->at, now);
      g_autofree char *label = g_strdup_printf ("%s · %s · %s", amount, when, th_reason_describe (r->reason));

      gtk_string_list_append (model, label);
      g_strv_builder_add (ids, r->id);
    }
  if (refunds == NULL || refunds->len == 0)
    gtk_string_list_append (model, _("No refund for this order yet"));
  g_clear_pointer (&self->refund_ids, g_strfreev);
  self->refund_ids = g_strv_builder_end (ids);
  adw_combo_row_set_model (self->refund_row, G_LIST_MODEL (model));
  /* The newest refund is the likeliest one. */
  if (refunds && refunds->len > 0)
    adw_combo_row_set_selected (self->refund_row, refunds->len - 1);
}

static void
update_step (ThCaseWindow *self)
{
  gboolean closed = self->c->status == TH_CASE_RESOLVED || self->c->status == TH_CASE_REJECTED;
  gboolean by_refund = adw_combo_row_get_selected (self->resolution_row) == TH_RESOLUTION_REFUND;

  gtk_widget_set_visible (GTK_WIDGET (self->step_group), !closed);
  gtk_widget_set_visible (GTK_WIDGET (self->refund_row), by_refund);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.respond", self->c->status == TH_CASE_OPEN);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.resolve",
                                 !closed && (!by_refund || g_strv_length (self->refund_ids) > 0));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.reject", !closed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.make-refund", !closed && self->c->order_id >= 0);
}

static void
show_case (ThCaseWindow *self)
{
  ThCase *c = self->c;
  ThCaseDeadlines deadlines;
  gint64 now = th_time_now ();
  g_autofree char *title = th_case_format_title (c);
  g_autofree char *due = NULL;
  g_autofree char *opened = format_step (c->opened_at, c->opened_by, now);
  g_autofree char *lines = th_case_format_lines (c);
  GtkWidget *child;

  th_context_get_deadlines (self->context, &deadlines);
  due = th_case_format_due (c, &deadlines, now);
  adw_window_title_set_subtitle (self->window_title, title);
  gtk_label_set_label (self->due_label, due);
  if (th_case_get_overdue (c, &deadlines, now) != TH_CASE_ON_TIME)
    gtk_widget_add_css_class (GTK_WIDGET (self->due_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->due_label), "error");

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->facts_list))))
    gtk_list_box_remove (self->facts_list, child);
  add_fact (self, _("Status"), th_case_status_describe (c->status));
  add_fact (self, _("Opened"), opened);
  if (c->responded_at > 0)
    {
      g_autofree char *responded = format_step (c->responded_at, c->responded_by, now);
      add_fact (self, _("First response"), responded);
    }
  if (c->closed_at > 0)
    {
      g_autofree char *closed = format_step (c->closed_at, c->closed_by, now);
      add_fact (self, c->status == TH_CASE_REJECTED ? _("Rejected") : _("Resolved"), closed);
    }
  if (c->status == TH_CASE_RESOLVED)
    add_fact (self, _("Resolution"), th_resolution_describe (c->resolution));
  if (c->note && c->note[0])
    add_fact (self, _("Latest note"), c->note);

  gtk_label_set_label (self->lines_label, lines[0] ? lines : _("No order: a walk-in complaint."));
  gtk_label_set_label (self->description_label, c->description);
  gtk_widget_set_visible (GTK_WIDGET (self->photos_group), c->photos->len > 0);
  load_refunds (self);
  update_step (self);
}

static void
run_step (ThCaseWindow *self,
          ThCaseStatus  status)
{
  g_autoptr(GError) error = NULL;
  ThResolution resolution = (ThResolution) adw_combo_row_get_selected (self->resolution_row);
  guint refund = adw_combo_row_get_selected (self->refund_row);
  const char *refund_id = NULL;

  if (status == TH_CASE_RESOLVED && resolution == TH_RESOLUTION_REFUND && refund < g_strv_length (self->refund_ids))
    refund_id = self->refund_ids[refund];
  if (!th_case_window_step (self, status, resolution, refund_id,
                            gtk_editable_get_text (GTK_EDITABLE (self->note_row)), &error))
    adw_toast_overlay_add_toast (self->toast_overlay, th_toast_new_text (error->message));
}

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  ThCaseWindow *self = TH_CASE_WINDOW (widget);

  if (g_str_equal (action_name, "case.respond"))
    run_step (self, TH_CASE_RESPONDED);
  else if (g_str_equal (action_name, "case.resolve"))
    run_step (self, TH_CASE_RESOLVED);
  else
    run_step (self, TH_CASE_REJECTED);
}

static void
refunded_cb (ThCaseWindow *self)
{
  load_refunds (self);
  adw_combo_row_set_selected (self->resolution_row, TH_RESOLUTION_REFUND);
  update_step (self);
}

static void
make_refund_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  ThCaseWindow *self = TH_CASE_WINDOW (widget);
  ThRefundDialog *dialog = th_refund_dialog_new (GTK_WINDOW (self), self->context, self->c->order_id);

  g_signal_connect_object (dialog, "refunded", G_CALLBACK (refunded_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
resolution_changed_cb (ThCaseWindow *self)
{
  if (self->c)
    update_step (self);
}

static void
session_changed_cb (ThCaseWindow *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
th_case_window_dispose (GObject *object)
{
  ThCaseWindow *self = (ThCaseWindow *)object;

  if (self->session)
    g_signal_handlers_disconnect_by_data (self->session, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TH_TYPE_CASE_WINDOW);
  g_clear_object (&self->session);
  g_clear_object (&self->db);
  g_clear_object (&self->context);
  g_clear_pointer (&self->c, th_case_unref);
  g_clear_pointer (&self->refund_ids, g_strfreev);

  G_OBJECT_CLASS (th_case_window_parent_class)->dispose (object);
}

static void
th_case_window_class_init (ThCaseWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = th_case_window_dispose;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, TH_TYPE_CASE);

  g_type_ensure (TH_TYPE_PHOTO_STRIP);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tihuo/Station/ui/th-case-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ThCaseWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ThCaseWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, ThCaseWindow, due_label);
  gtk_widget_class_bind_template_child (widget_class, ThCaseWindow, facts_list);
  gtk_widget_class_bind_template_child (widget_class, ThCaseWindow, lines_label);
  gtk_widget_class_bind_template_child (widget_class, ThCaseWindow, description_label);
  gtk_widget_class_bind_template_child (widget_class, ThCaseWindow, photos_group);
  gtk_widget_class_bind_template_child (widget_class, ThCaseWindow, photo_strip);
  gtk_widget_class_bind_template_child (widget_class, ThCaseWindow, step_group);
  gtk_widget_class_bind_template_child (widget_class, ThCaseWindow, note_row);
  gtk_widget_class_bind_template_child (widget_class, ThCaseWindow, resolution_row);
  gtk_widget_class_bind_template_child (widget_class, ThCaseWindow, refund_row);
  gtk_widget_class_bind_template_callback (widget_class, resolution_changed_cb);

  gtk_widget_class_install_action (widget_class, "case.respond", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "case.resolve", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "case.reject", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "case.make-refund", NULL, make_refund_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
th_case_window_init (ThCaseWindow *self)
{
  g_autoptr(GtkStringList) resolutions = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; i <= TH_RESOLUTION_NONE; i++)
    gtk_string_list_append (resolutions, th_resolution_describe ((ThResolution) i));
  adw_combo_row_set_model (self->resolution_row, G_LIST_MODEL (resolutions));
  adw_combo_row_set_selected (self->resolution_row, TH_RESOLUTION_REPLACEMENT);
}

ThCaseWindow *
th_case_window_new (GtkWindow  *parent,
                    ThContext  *context,
                    const char *case_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *photo_dir = NULL;
  ThCaseWindow *self;

  g_return_val_if_fail (TH_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (th_context_get_db (context) != NULL, NULL);
  g_return_val_if_fail (case_id != NULL, NULL);

  self = g_object_new (TH_TYPE_CASE_WINDOW, "transient-for", parent, "modal", parent != NULL, NULL);
  self->context = g_object_ref (context);
  self->db = g_object_ref (th_context_get_db (context));
  self->session = g_object_ref (th_context_get_session (context));
  th_activity_watch_window (GTK_WINDOW (self), context);
  g_signal_connect_object (self->session, "notify::signed-in", G_CALLBACK (session_changed_cb), self, G_CONNECT_SWAPPED);

  if (!(self->c = th_case_load (self->db, case_id, &error)))
    {
      gtk_label_set_label (self->due_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->step_group), FALSE);
      return self;
    }
  photo_dir = th_case_default_photo_dir (self->db);
  th_photo_strip_set_photo_dir (self->photo_strip, photo_dir);
  for (guint i = 0; i < self->c->photos->len; i++)
    th_photo_strip_add_stored (self->photo_strip, g_array_index (self->c->photos, ThCasePhoto, i).sha256);
  show_case (self);
  return self;
}

gboolean
th_case_window_step (ThCaseWindow  *self,
                     ThCaseStatus   status,
                     ThResolution   resolution,
                     const char    *refund_id,
                     const char    *note,
                     GError       **error)
{
  ThCase *updated;

  g_return_val_if_fail (TH_IS_CASE_WINDOW (self), FALSE);
  g_return_val_if_fail (self->c != NULL, FALSE);

  if (!(updated = th_case_update (self->db, self->c->id, status, resolution, refund_id, note,
                                  th_session_get_staff_name (self->session), th_time_now (), error)))
    return FALSE;
  th_case_unref (self->c);
  self->c = updated;
  gtk_editable_set_text (GTK_EDITABLE (self->note_row), "");
  show_case (self);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (th_case_status_describe (updated->status)));
  g_signal_emit (self, signals[CHANGED], 0, updated);
  return TRUE;
}

ThCase *
th_case_window_get_case (ThCaseWindow *self)
{
  g_return_val_if_fail (TH_IS_CASE_WINDOW (self), NULL);
  return self->c;
}
