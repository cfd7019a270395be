/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Preferences. The counter's behaviour (auto hand-over, sounds, scanner
 * suffix) lives in GSettings. The station id and terminal name live in the
 * station database, where the core, tihuo-cli and every hand-over record
 * read them; this window edits them there through the core. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-camera-preferences.h"
#include "th-failing.h"
#include "th-format.h"
#include "th-preferences-sync-page.h"
#include "th-preferences-staff-page.h"
#include "th-preferences-window.h"
#include "th-scanner-burst.h"
#include "th-setup-page.h"
#include "th-identity.h"

struct _ThPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwEntryRow          *station_row;
  AdwEntryRow          *terminal_row;
  GtkSwitch            *auto_switch;
  GtkSwitch            *sounds_switch;
  AdwComboRow          *suffix_row;

  GSettings            *settings;
  ThDb                 *db;
};

G_DEFINE_FINAL_TYPE (ThPreferencesWindow, th_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  STATION_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const suffixes[] = { "enter", "tab", "none" };

static gboolean
suffix_to_selected (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  const char *suffix = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (g_str_equal (suffix, suffixes[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
selected_to_suffix (const GValue       *value,
                    const GVariantType *type,
                    gpointer            user_data)
{
  guint selected = g_value_get_uint (value);
  return g_variant_new_string (suffixes[selected < G_N_ELEMENTS (suffixes) ? selected : 0]);
}

static void
load_station (ThPreferencesWindow *self)
{
  g_autofree char *terminal = NULL;
  g_autofree char *station = NULL;
  guint32 station_id = 0;

  if (!th_identity_get (self->db, &station_id, &terminal, NULL))
    return;
  station = g_strdup_printf ("%u", station_id);
  gtk_editable_set_text (GTK_EDITABLE (self->station_row), station);
  gtk_editable_set_text (GTK_EDITABLE (self->terminal_row), terminal);
}

static void
save_station (ThPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  guint32 station_id;

  if (!th_parse_station_id (gtk_editable_get_text (GTK_EDITABLE (self->station_row)), &station_id, &error) ||
      !th_identity_setup (self->db, station_id, gtk_editable_get_text (GTK_EDITABLE (self->terminal_row)), &error))
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), th_failing_toast_new (error));
      load_station (self);
      return;
    }
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (_("Saved")));
  load_station (self);
  g_signal_emit (self, signals[STATION_CHANGED], 0);
}

static void
row_applied_cb (ThPreferencesWindow *self)
{
  save_station (self);
}

static void
th_preferences_window_dispose (GObject *object)
{
  ThPreferencesWindow *self = (ThPreferencesWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), TH_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (th_preferences_window_parent_class)->dispose (object);
}

static void
th_preferences_window_class_init (ThPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = th_preferences_window_dispose;

  signals[STATION_CHANGED] = g_signal_new ("station-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (TH_TYPE_CAMERA_PREFERENCES);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tihuo/Station/ui/th-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ThPreferencesWindow, station_row);
  gtk_widget_class_bind_template_child (widget_class, ThPreferencesWindow, terminal_row);
  gtk_widget_class_bind_template_child (widget_class, ThPreferencesWindow, auto_switch);
  gtk_widget_class_bind_template_child (widget_class, ThPreferencesWindow, sounds_switch);
  gtk_widget_class_bind_template_child (widget_class, ThPreferencesWindow, suffix_row);
  gtk_widget_class_bind_template_callback (widget_class, row_applied_cb);
}

static void
th_preferences_window_init (ThPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "auto-hand-over", self->auto_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "play-sounds", self->sounds_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "scanner-suffix", self->suffix_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, suffix_to_selected, selected_to_suffix, NULL, NULL);
}

ThPreferencesWindow *
th_preferences_window_new (GtkWindow *parent,
                           ThContext *context)
{
  ThDb *db = th_context_get_db (context);
  ThPreferencesWindow *self = g_object_new (TH_TYPE_PREFERENCES_WINDOW,
                                            "transient-for", parent,
                                            "application", parent ? gtk_window_get_application (parent) : NULL,
                                            NULL);

  self->db = db ? g_object_ref (db) : NULL;
  gtk_widget_set_sensitive (GTK_WIDGET (self->station_row), db != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->terminal_row), db != NULL);
  if (db)
    load_station (self);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (th_preferences_sync_page_new (context)));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), th_preferences_staff_page_new (context));
  return self;
}
