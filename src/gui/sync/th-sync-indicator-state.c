/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the header's sync status says for each state of the client: a few
 * words in the header, the details in the popover. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-format.h"
#include "th-sync-indicator-private.h"
#include "th-time.h"

static const char * const tone_classes[] = { "warning", "error" };

static void
show (ThSyncIndicator *self,
      const char      *tone,
      const char      *icon,
      const char      *label,
      const char      *heading,
      const char      *detail)
{
  self->tone = tone;
  for (guint i = 0; i < G_N_ELEMENTS (tone_classes); i++)
    if (g_str_equal (tone, tone_classes[i]))
      gtk_widget_add_css_class (GTK_WIDGET (self->button), tone_classes[i]);
    else
      gtk_widget_remove_css_class (GTK_WIDGET (self->button), tone_classes[i]);
  gtk_image_set_from_icon_name (self->icon, icon);
  gtk_label_set_label (self->label, label);
  gtk_label_set_label (self->heading, heading);
  gtk_label_set_label (self->detail, detail ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail), detail != NULL && detail[0] != '\0');
}

static gboolean
same_day (gint64 a,
          gint64 b)
{
  g_autofree char *day_a = th_time_format_local (a, "%Y-%m-%d");
  g_autofree char *day_b = th_time_format_local (b, "%Y-%m-%d");

  return g_strcmp0 (day_a, day_b) == 0;
}

static void
show_unconnected (ThSyncIndicator *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->facts), FALSE);
  gtk_widget_set_visible (self->sync_button, FALSE);
  gtk_widget_set_visible (self->attention_button, FALSE);
  if (self->problem_title != NULL)
    show (self, "warning", "dialog-warning-symbolic", self->problem_title, self->problem_title,
          self->problem_detail);
  else
    show (self, "none", "network-offline-symbolic", _("Not connected to a central server"),
          _("This Counter Works on Its Own"),
          _("To send hand-overs to the group-buying platform and receive new orders, enter the "
            "platform’s address and this station’s token in the connection settings."));
}

void
_th_sync_indicator_update (ThSyncIndicator *self)
{
  ThSyncClient *c = self->client;
  gint64 now = th_time_now ();
  gint64 last_pull, pending;
  guint n_attention, n_pending;
  const char *error;
  g_autofree char *last = NULL;
  g_autofree char *pending_text = NULL;
  g_autofree char *attention_text = NULL;
  g_autofree char *base = NULL;
  g_autofree char *label = NULL;
  g_autofree char *stale_detail = NULL;

  if (c == NULL)
    {
      show_unconnected (self);
      return;
    }

  last_pull = th_sync_client_get_last_pull (c);
  pending = th_sync_client_get_pending (c);
  n_attention = th_sync_client_get_needs_attention (c);
  error = th_sync_client_get_last_error (c);

  last = last_pull > 0 ? th_format_time_in_sentence (last_pull, now) : g_strdup (_("never"));
  n_pending = (guint) CLAMP (pending, 0, G_MAXUINT);
  pending_text = n_pending > 0
    ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event", "%u events", n_pending), n_pending)
    : g_strdup (_("nothing"));
  attention_text = g_strdup_printf ("%u", n_attention);
  gtk_label_set_label (self->last_pull_value, last);
  gtk_label_set_label (self->pending_value, pending_text);
  gtk_label_set_label (self->attention_value, attention_text);
  gtk_widget_set_visible (GTK_WIDGET (self->facts), TRUE);
  gtk_widget_set_visible (self->sync_button, TRUE);
  gtk_widget_set_visible (self->attention_button, n_attention > 0);

  switch (th_sync_client_get_state (c))
    {
    case TH_SYNC_STATE_AUTH_FAILED:
      show (self, "error", "dialog-password-symbolic", _("Token refused"),
            _("The Platform Refused This Station’s Token"), error);
      return;

    case TH_SYNC_STATE_OFFLINE:
      if (error == NULL)
        {
          show (self, "connecting", "emblem-synchronizing-symbolic", _("Connecting…"),
                _("Connecting to the Central Platform"), NULL);
          return;
        }
      base = g_strdup (_("Offline"));
      break;

    case TH_SYNC_STATE_ONLINE:
    default:
      /* The header is crowded: today's pulls by the clock alone. */
      if (same_day (last_pull, now))
        {
          g_autofree char *clock = th_time_format_local (last_pull, "%H:%M");
          /* Translators: in the header; %s is a time today, like “14:02” */
          base = g_strdup_printf (_("Synced %s"), clock);
        }
      else
        /* Translators: in the header; %s is a day and time, like “yesterday 14:02” */
        base = g_strdup_printf (_("Synced %s"), last);
      break;
    }

  if (n_pending > 0)
    {
      g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u to send", "%u to send", n_pending),
                                                n_pending);
      /* Translators: the sync state and the events waiting, like “Offline · 3 to send” */
      label = g_strdup_printf (_("%s · %s"), base, count);
    }
  else
    label = g_steal_pointer (&base);

  if (th_sync_client_is_stale (c))
    {
      g_autofree char *why = last_pull > 0
        ? g_strdup_printf (_("The orders here may be out of date: the last update from the platform was %s, "
                             "more than 24 hours ago."), last)
        : g_strdup (_("The orders here have never been updated from the platform."));

      stale_detail = error ? g_strconcat (why, "\n\n", error, NULL) : g_steal_pointer (&why);
      show (self, "warning", "dialog-warning-symbolic", label, _("Orders May Be Out of Date"), stale_detail);
    }
  else if (th_sync_client_get_state (c) == TH_SYNC_STATE_OFFLINE)
    show (self, "offline", "network-offline-symbolic", label, _("The Central Platform Cannot Be Reached"), error);
  else
    show (self, "ok", "network-transmit-receive-symbolic", label, _("Connected to the Central Platform"), NULL);
}

