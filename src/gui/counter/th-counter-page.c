/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Counter page: one big entry for what people type, the orders a phone
 * tail or name finds, and the result card for one order. Scans arrive from
 * the window (th_counter_page_scan). Verifying and handing over are core
 * calls of about a millisecond, so they run on the main loop. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-failing.h"
#include "th-collect.h"
#include "th-counter-page-private.h"
#include "th-result-card.h"
#include "th-identity.h"
#include "th-time.h"

G_DEFINE_FINAL_TYPE_WITH_CODE (ThCounterPage, th_counter_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (TH_TYPE_FAILING, NULL))

enum {
  PROP_0,
  PROP_CAN_HAND_OVER,
  PROP_N_TICKED,
  PROP_BUSY,
  N_PROPS
};

enum {
  VERIFIED,
  COLLECTED,
  UNDO_FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

gboolean
_th_counter_page_compute_can_hand_over (ThCounterPage *self)
{
  ThVerification *v = self->verification;

  if (v == NULL || v->verdict != TH_VERDICT_OK)
    return FALSE;
  if (v->provisional)
    return v->collected == NULL;
  return v->remaining->len > 0;
}

void
_th_counter_page_update_state (ThCounterPage *self)
{
  gboolean can = !self->busy && _th_counter_page_compute_can_hand_over (self);
  guint n_ticked = th_result_card_get_n_ticked (self->card);

  if (can != self->can_hand_over)
    {
      self->can_hand_over = can;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_HAND_OVER]);
    }
  if (n_ticked != self->n_ticked)
    {
      self->n_ticked = n_ticked;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_TICKED]);
    }
}

void
_th_counter_page_fail (ThCounterPage *self,
                       const GError  *error)
{
  th_failing_emit (self, error);
}

/* Whoever is signed in at this counter window records the hand-over. */
char *
_th_counter_page_dup_staff (ThCounterPage *self)
{
  return self->context ? th_context_dup_staff_name (self->context) : g_strdup ("");
}

/* Takes @v over and shows it on the card. */
void
_th_counter_page_show_verification (ThCounterPage   *self,
                   ThVerification  *v,
                   const char      *code_text,
                   ThCollectMethod  method)
{
  char *code_copy = g_strdup (code_text);   /* may be self->code_text */

  g_clear_pointer (&self->verification, th_verification_free);
  self->verification = v;
  g_free (self->code_text);
  self->code_text = code_copy;
  self->method = method;

  th_result_card_set_verification (self->card, v);
  gtk_stack_set_visible_child_name (self->stack, "card");
  _th_counter_page_update_state (self);
}

void
_th_counter_page_emit_undo_finished (ThCounterPage *self,
                                     const GError  *error)
{
  g_signal_emit (self, signals[UNDO_FINISHED], 0, error);
}

void
_th_counter_page_verified (ThCounterPage *self)
{
  ThVerification *v = self->verification;

  g_signal_emit (self, signals[VERIFIED], 0, v->verdict == TH_VERDICT_OK);
}

void
_th_counter_page_emit_collected (ThCounterPage  *self,
                                 ThVerification *v)
{
  g_signal_emit (self, signals[COLLECTED], 0, v->collection_id, v->order_id);
}

void
_th_counter_page_show_and_announce (ThCounterPage   *self,
                                    ThVerification  *v,
                                    const char      *code_text,
                                    ThCollectMethod  method)
{
  _th_counter_page_show_verification (self, v, code_text, method);
  _th_counter_page_verified (self);
}

static void
entry_activated_cb (ThCounterPage *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));

  th_counter_page_submit (self, text);
}

static void
card_ticked_changed_cb (ThCounterPage *self)
{
  _th_counter_page_update_state (self);
}

static void
th_counter_page_dispose (GObject *object)
{
  GtkWidget *child;
  ThCounterPage *self = (ThCounterPage *)object;

  _th_counter_page_dispose_queue (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TH_TYPE_COUNTER_PAGE);
  /* The template's top widget has no id: unparent it by hand. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_pointer (&self->verification, th_verification_free);
  g_clear_pointer (&self->code_text, g_free);
  g_clear_object (&self->db);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (th_counter_page_parent_class)->dispose (object);
}

static void
th_counter_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ThCounterPage *self = TH_COUNTER_PAGE (object);

  switch (prop_id)
    {
    case PROP_CAN_HAND_OVER:
      g_value_set_boolean (value, self->can_hand_over);
      break;
    case PROP_N_TICKED:
      g_value_set_uint (value, self->n_ticked);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
th_counter_page_class_init (ThCounterPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = th_counter_page_dispose;
  object_class->get_property = th_counter_page_get_property;

  properties[PROP_CAN_HAND_OVER] =
    g_param_spec_boolean ("can-hand-over", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_TICKED] =
    g_param_spec_uint ("n-ticked", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* @good: whether the verdict was ok, for the sound */
  signals[VERIFIED] = g_signal_new ("verified", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  signals[COLLECTED] = g_signal_new ("collected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT64);
  /* th_counter_page_undo() is done: @error is NULL when it was undone */
  signals[UNDO_FINISHED] = g_signal_new ("undo-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);

  g_type_ensure (TH_TYPE_RESULT_CARD);
  g_type_ensure (TH_TYPE_CAMERA_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tihuo/Station/ui/th-counter-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ThCounterPage, entry);
  gtk_widget_class_bind_template_child (widget_class, ThCounterPage, stack);
  gtk_widget_class_bind_template_child (widget_class, ThCounterPage, matches_title);
  gtk_widget_class_bind_template_child (widget_class, ThCounterPage, matches_list);
  gtk_widget_class_bind_template_child (widget_class, ThCounterPage, message_page);
  gtk_widget_class_bind_template_child (widget_class, ThCounterPage, card);
  gtk_widget_class_bind_template_child (widget_class, ThCounterPage, camera_view);
  gtk_widget_class_bind_template_child (widget_class, ThCounterPage, saving_box);
  gtk_widget_class_bind_template_child (widget_class, ThCounterPage, saving_spinner);
  gtk_widget_class_bind_template_child (widget_class, ThCounterPage, saving_label);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, card_ticked_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, _th_counter_page_match_activated_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
th_counter_page_init (ThCounterPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  _th_counter_page_init_queue (self);
}

void
th_counter_page_set_context (ThCounterPage *self,
                             ThContext     *context)
{
  g_return_if_fail (TH_IS_COUNTER_PAGE (self));
  g_return_if_fail (TH_IS_CONTEXT (context));
  g_set_object (&self->context, context);
  if (g_set_object (&self->db, th_context_get_db (context)))
    th_counter_page_clear (self);
}

void
th_counter_page_set_auto_hand_over (ThCounterPage *self,
                                    gboolean       auto_hand_over)
{
  g_return_if_fail (TH_IS_COUNTER_PAGE (self));
  self->auto_hand_over = !!auto_hand_over;
}

void
th_counter_page_clear (ThCounterPage *self)
{
  g_return_if_fail (TH_IS_COUNTER_PAGE (self));

  g_clear_pointer (&self->verification, th_verification_free);
  g_clear_pointer (&self->code_text, g_free);
  th_result_card_set_verification (self->card, NULL);
  _th_counter_page_clear_matches (self);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  gtk_stack_set_visible_child_name (self->stack, "idle");
  _th_counter_page_update_state (self);
}

void
th_counter_page_focus_entry (ThCounterPage *self)
{
  g_return_if_fail (TH_IS_COUNTER_PAGE (self));
  gtk_entry_grab_focus_without_selecting (self->entry);
}

GtkEditable *
th_counter_page_get_entry (ThCounterPage *self)
{
  g_return_val_if_fail (TH_IS_COUNTER_PAGE (self), NULL);
  return GTK_EDITABLE (self->entry);
}

GtkListBox *
th_counter_page_get_matches (ThCounterPage *self)
{
  g_return_val_if_fail (TH_IS_COUNTER_PAGE (self), NULL);
  return self->matches_list;
}

GtkWidget *
th_counter_page_get_card (ThCounterPage *self)
{
  g_return_val_if_fail (TH_IS_COUNTER_PAGE (self), NULL);
  return GTK_WIDGET (self->card);
}

/* The camera's preview column, a ThCameraView: the window gives it the camera. */
GtkWidget *
th_counter_page_get_camera_view (ThCounterPage *self)
{
  g_return_val_if_fail (TH_IS_COUNTER_PAGE (self), NULL);
  return GTK_WIDGET (self->camera_view);
}

/* "idle", "matches", "message" or "card" */
const char *
th_counter_page_get_mode (ThCounterPage *self)
{
  g_return_val_if_fail (TH_IS_COUNTER_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

const ThVerification *
th_counter_page_get_verification (ThCounterPage *self)
{
  g_return_val_if_fail (TH_IS_COUNTER_PAGE (self), NULL);
  return self->verification;
}

gboolean
th_counter_page_get_can_hand_over (ThCounterPage *self)
{
  g_return_val_if_fail (TH_IS_COUNTER_PAGE (self), FALSE);
  return self->can_hand_over;
}

guint
th_counter_page_get_n_ticked (ThCounterPage *self)
{
  g_return_val_if_fail (TH_IS_COUNTER_PAGE (self), 0);
  return self->n_ticked;
}
