/* SPDX-License-Identifier: GPL-3.0-or-later */
/* First run: which station this is and what this terminal is called. The
 * core checks and stores both; nothing else works before. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "th-error.h"
#include "th-setup-page.h"
#include "th-identity.h"

struct _ThSetupPage
{
  GtkWidget    parent_instance;

  AdwEntryRow *station_row;
  AdwEntryRow *terminal_row;
  GtkLabel    *error_label;

  ThDb        *db;
};

G_DEFINE_FINAL_TYPE (ThSetupPage, th_setup_page, GTK_TYPE_WIDGET)

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Typed by a person, so full-width digits from a Chinese IM are fine too. */
gboolean
th_parse_station_id (const char  *text,
                     guint32     *station_id,
                     GError     **error)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  guint64 value;

  for (const char *p = text ? text : ""; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c >= 0xFF10 && c <= 0xFF19)
        c -= 0xFEE0;
      if (g_unichar_isspace (c))
        continue;
      g_string_append_unichar (digits, c);
    }
  if (!g_ascii_string_to_unsigned (digits->str, 10, 0, G_MAXUINT32, &value, NULL))
    {
      g_set_error (error, TH_ERROR, TH_ERROR_INVALID,
                   _("The station ID is a number from 0 to 4294967295, as given by the platform."));
      return FALSE;
    }
  *station_id = (guint32) value;
  return TRUE;
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  ThSetupPage *self = TH_SETUP_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (!th_setup_page_apply (self, gtk_editable_get_text (GTK_EDITABLE (self->station_row)),
                            gtk_editable_get_text (GTK_EDITABLE (self->terminal_row)), &error))
    {
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
    }
}

static void
terminal_row_activated_cb (ThSetupPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "setup.open", NULL);
}

static gboolean
th_setup_page_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (TH_SETUP_PAGE (widget)->station_row));
}

static void
th_setup_page_dispose (GObject *object)
{
  GtkWidget *child;
  ThSetupPage *self = (ThSetupPage *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), TH_TYPE_SETUP_PAGE);
  /* The template's top widget has no id: unparent it by hand. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (th_setup_page_parent_class)->dispose (object);
}

static void
th_setup_page_class_init (ThSetupPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = th_setup_page_dispose;
  widget_class->grab_focus = th_setup_page_grab_focus;

  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tihuo/Station/ui/th-setup-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ThSetupPage, station_row);
  gtk_widget_class_bind_template_child (widget_class, ThSetupPage, terminal_row);
  gtk_widget_class_bind_template_child (widget_class, ThSetupPage, error_label);
  gtk_widget_class_install_action (widget_class, "setup.open", NULL, open_action);
  gtk_widget_class_bind_template_callback (widget_class, terminal_row_activated_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
th_setup_page_init (ThSetupPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
th_setup_page_set_db (ThSetupPage *self,
                      ThDb        *db)
{
  g_return_if_fail (TH_IS_SETUP_PAGE (self));
  g_set_object (&self->db, db);
}

/**
 * th_setup_page_apply:
 *
 * Sets the station up as typed; emits ::done on success.
 */
gboolean
th_setup_page_apply (ThSetupPage  *self,
                     const char   *station_text,
                     const char   *terminal,
                     GError      **error)
{
  guint32 station_id;

  g_return_val_if_fail (TH_IS_SETUP_PAGE (self), FALSE);
  g_return_val_if_fail (self->db != NULL, FALSE);

  if (!th_parse_station_id (station_text, &station_id, error) ||
      !th_identity_setup (self->db, station_id, terminal ? terminal : "", error))
    return FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  g_signal_emit (self, signals[DONE], 0);
  return TRUE;
}
