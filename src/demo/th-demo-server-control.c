/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the demo asks of its platform through tihuo-central-dev's control
 * endpoint (loopback only, no token): the changes a real platform makes on
 * its own while a station is offline. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-demo-server-private.h"
#include "th-error.h"

static void
cancel_sent_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SoupMessage *msg = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);

  if (body == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (soup_message_get_status (msg) != SOUP_STATUS_OK)
    g_task_return_new_error (task, TH_ERROR, TH_ERROR_FAILED,
                             _("The demo’s central server refused to cancel the order (HTTP %u)."),
                             soup_message_get_status (msg));
  else
    g_task_return_boolean (task, TRUE);
}

void
th_demo_server_cancel_order_async (ThDemoServer        *self,
                                   gint64               order_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GBytes) body = NULL;
  SoupMessage *msg;

  g_return_if_fail (TH_IS_DEMO_SERVER (self));
  g_return_if_fail (self->control_url != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, th_demo_server_cancel_order_async);
  if (self->session == NULL)
    self->session = soup_session_new ();
  uri = g_strconcat (self->control_url, "cancel", NULL);
  text = g_strdup_printf ("{\"order_id\":\"%" G_GINT64_FORMAT "\"}", order_id);
  body = g_bytes_new (text, strlen (text));
  msg = soup_message_new (SOUP_METHOD_POST, uri);
  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  g_task_set_task_data (task, msg, g_object_unref);
  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT, cancellable,
                                    cancel_sent_cb, g_object_ref (task));
}

gboolean
th_demo_server_cancel_order_finish (ThDemoServer  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
