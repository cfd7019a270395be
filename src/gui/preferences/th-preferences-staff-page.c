/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Preferences for staff, refunds and after-sales: the idle lock, the
 * refund approval threshold and a cashier's daily limit, and the response
 * times for cases. They live in GSettings and the core takes them as
 * arguments (ThRefundPolicy, ThCaseDeadlines). Money is stored in fen and
 * shown in yuan. Only a signed-in leader may change them here. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "th-preferences-staff-page.h"

struct _ThPreferencesStaffPage
{
  AdwPreferencesPage  parent_instance;

  AdwPreferencesGroup *lock_group;
  AdwPreferencesGroup *refund_group;
  AdwPreferencesGroup *case_group;
  GtkSpinButton      *lock_spin;
  GtkSpinButton      *threshold_spin;
  GtkSpinButton      *cap_spin;
  GtkSpinButton      *respond_spin;
  GtkSpinButton      *resolve_spin;
  GtkLabel           *leader_label;

  GSettings          *settings;
};

G_DEFINE_FINAL_TYPE (ThPreferencesStaffPage, th_preferences_staff_page, ADW_TYPE_PREFERENCES_PAGE)

static gboolean
fen_to_yuan (GValue   *value,
             GVariant *variant,
             gpointer  user_data)
{
  g_value_set_double (value, g_variant_get_int64 (variant) / 100.0);
  return TRUE;
}

static GVariant *
yuan_to_fen (const GValue       *value,
             const GVariantType *type,
             gpointer            user_data)
{
  /* The spin button has two decimals: rounding only removes float noise. */
  return g_variant_new_int64 ((gint64) llround (g_value_get_double (value) * 100.0));
}

static gboolean
uint_to_double (GValue   *value,
                GVariant *variant,
                gpointer  user_data)
{
  g_value_set_double (value, g_variant_get_uint32 (variant));
  return TRUE;
}

static GVariant *
double_to_uint (const GValue       *value,
                const GVariantType *type,
                gpointer            user_data)
{
  return g_variant_new_uint32 ((guint32) llround (g_value_get_double (value)));
}

static void
bind_spin (ThPreferencesStaffPage *self,
           const char             *key,
           GtkSpinButton          *spin,
           gboolean                money)
{
  g_settings_bind_with_mapping (self->settings, key, gtk_spin_button_get_adjustment (spin), "value",
                                G_SETTINGS_BIND_DEFAULT,
                                money ? fen_to_yuan : uint_to_double,
                                money ? yuan_to_fen : double_to_uint, NULL, NULL);
}

static void
th_preferences_staff_page_dispose (GObject *object)
{
  ThPreferencesStaffPage *self = (ThPreferencesStaffPage *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), TH_TYPE_PREFERENCES_STAFF_PAGE);
  g_clear_object (&self->settings);

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
  gtk_widget_class_bind_template_child (widget_class, ThPreferencesStaffPage, lock_spin);
  gtk_widget_class_bind_template_child (widget_class, ThPreferencesStaffPage, threshold_spin);
  gtk_widget_class_bind_template_child (widget_class, ThPreferencesStaffPage, cap_spin);
  gtk_widget_class_bind_template_child (widget_class, ThPreferencesStaffPage, respond_spin);
  gtk_widget_class_bind_template_child (widget_class, ThPreferencesStaffPage, resolve_spin);
  gtk_widget_class_bind_template_child (widget_class, ThPreferencesStaffPage, leader_label);
}

static void
th_preferences_staff_page_init (ThPreferencesStaffPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  bind_spin (self, "lock-idle-minutes", self->lock_spin, FALSE);
  bind_spin (self, "refund-approval-threshold", self->threshold_spin, TRUE);
  bind_spin (self, "refund-cashier-daily-cap", self->cap_spin, TRUE);
  bind_spin (self, "case-respond-minutes", self->respond_spin, FALSE);
  bind_spin (self, "case-resolve-hours", self->resolve_spin, FALSE);
}

AdwPreferencesPage *
th_preferences_staff_page_new (ThContext *context)
{
  ThPreferencesStaffPage *self = g_object_new (TH_TYPE_PREFERENCES_STAFF_PAGE, NULL);
  ThSession *session = context ? th_context_get_session (context) : NULL;
  GtkWidget *groups[] = { GTK_WIDGET (self->lock_group), GTK_WIDGET (self->refund_group),
                          GTK_WIDGET (self->case_group) };

  /* Whoever stands at the counter must not loosen the rules that guard the
   * money; the leader sets them. */
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    {
      if (session)
        g_object_bind_property (session, "is-leader", groups[i], "sensitive", G_BINDING_SYNC_CREATE);
      else
        gtk_widget_set_sensitive (groups[i], FALSE);
    }
  if (session)
    g_object_bind_property (session, "is-leader", self->leader_label, "visible",
                            G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
  return ADW_PREFERENCES_PAGE (self);
}
