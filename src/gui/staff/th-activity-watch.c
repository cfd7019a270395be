/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Input in any of the counter's windows keeps the session awake: the
 * session (core, no GTK) only counts the idle time. */
#include "config.h"

#include "th-activity-watch.h"

static gboolean
window_event_cb (ThSession                *session,
                 GdkEvent                 *event,
                 GtkEventControllerLegacy *controller)
{
  switch ((int) gdk_event_get_event_type (event))
    {
    case GDK_KEY_PRESS:
    case GDK_BUTTON_PRESS:
    case GDK_TOUCH_BEGIN:
    case GDK_SCROLL:
    case GDK_MOTION_NOTIFY:
      th_session_note_activity (session);
      break;
    default:
      break;
    }
  return GDK_EVENT_PROPAGATE;
}

/* Input anywhere in @window keeps @context's session awake. */
void
th_activity_watch_window (GtkWindow *window,
                          ThContext *context)
{
  GtkEventController *controller;

  g_return_if_fail (GTK_IS_WINDOW (window));
  g_return_if_fail (TH_IS_CONTEXT (context));

  controller = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_name (controller, "th-session-activity");
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "event", G_CALLBACK (window_event_cb), th_context_get_session (context),
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (window), controller);
}
