/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Pictures of codes: customers often send a screenshot of their code over
 * chat. Open the picture (win.scan-picture, Ctrl+O) or paste it
 * (win.paste-picture, Ctrl+V or the button). QR decoding runs on a worker
 * thread (th-qr-image); each code found goes to th_window_scan(), like the
 * scanner's and the camera's. A picture without a code, or a file that is
 * no picture, says so in a toast with the failure sound. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-qr-image.h"
#include "th-window-private.h"

/* libadwaita 1.2 crashes when a toast is dismissed while it still slides
 * in: a toast younger than a second stays. */
static gboolean
withdraw_picture_toast (ThWindow *self)
{
  if (self->picture_toast == NULL)
    return TRUE;
  if (g_get_monotonic_time () - self->picture_toast_time < G_USEC_PER_SEC)
    return FALSE;
  g_object_remove_weak_pointer (G_OBJECT (self->picture_toast), (gpointer *) &self->picture_toast);
  adw_toast_dismiss (self->picture_toast);
  self->picture_toast = NULL;
  return TRUE;
}

/* A newer picture's news replaces the older's at once: queued behind it,
 * it would only show once the older timed out. */
static void
show_picture_toast (ThWindow   *self,
                    const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  AdwToast *toast;

  if (!withdraw_picture_toast (self))
    {
      adw_toast_set_title (self->picture_toast, escaped);
      return;
    }
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, 10);
  self->picture_toast = toast;
  self->picture_toast_time = g_get_monotonic_time ();
  g_object_add_weak_pointer (G_OBJECT (toast), (gpointer *) &self->picture_toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_picture_error (ThWindow     *self,
                    const GError *error)
{
  show_picture_toast (self, error->message);
  th_sound_play (self->sound, TH_SOUND_FAILURE);
}

static void
scan_codes (ThWindow  *self,
            GPtrArray *codes)
{
  for (guint i = 0; i < codes->len; i++)
    th_window_scan (self, g_ptr_array_index (codes, i));

  /* Only the last verdict stays on the card: say there were others. An
   * older picture's "no code found" is stale news now. */
  if (codes->len == 1)
    withdraw_picture_toast (self);
  else
    {
      g_autofree char *text =
        g_strdup_printf (ngettext ("The picture held %u code. Each was scanned in turn; the card shows the last.",
                                   "The picture held %u codes. Each was scanned in turn; the card shows the last.",
                                   codes->len),
                         codes->len);
      show_picture_toast (self, text);
    }
}

static void
show_decoded (ThWindow     *self,
              GPtrArray    *codes,
              const GError *error)
{
  if (codes == NULL)
    show_picture_error (self, error);
  else
    scan_codes (self, codes);
}

static void
texture_decoded_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GError) error = NULL;

  codes = g_task_propagate_pointer (G_TASK (result), &error);
  /* Cancelled only when the window is gone: do not touch it. */
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_decoded (user_data, codes, error);
}

static void
decode_texture_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  g_autoptr(GBytes) png = gdk_texture_save_to_png_bytes (task_data);
  GError *error = NULL;
  GPtrArray *codes = th_qr_decode_bytes (png, cancellable, &error);

  if (codes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, codes, (GDestroyNotify) g_ptr_array_unref);
}

static void
clipboard_texture_read_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  ThWindow *self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;

  texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (texture == NULL)
    {
      g_autoptr(GError) shown = g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED,
                                             _("The picture on the clipboard cannot be read (%s). Save it as a file and open it with Scan a Picture."),
                                             error->message);
      show_picture_error (self, shown);
      return;
    }

  /* Bounded before it is copied or turned into PNG: the clipboard can hold
   * a picture of gigabytes. */
  if (!th_qr_image_check_size (gdk_texture_get_width (texture), gdk_texture_get_height (texture),
                               _("The pasted picture"), &error))
    {
      show_picture_error (self, error);
      return;
    }

  /* A memory texture (what a clipboard gives) downloads safely on the
   * worker; anything else is copied to one here first. */
  if (!GDK_IS_MEMORY_TEXTURE (texture))
    {
      int width = gdk_texture_get_width (texture);
      int height = gdk_texture_get_height (texture);
      g_autofree guchar *data = g_malloc ((gsize) width * height * 4);
      g_autoptr(GBytes) bytes = NULL;

      gdk_texture_download (texture, data, (gsize) width * 4);
      bytes = g_bytes_new_take (g_steal_pointer (&data), (gsize) width * height * 4);
      g_object_unref (texture);
      texture = gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes, (gsize) width * 4);
    }

  task = g_task_new (NULL, self->picture_cancellable, texture_decoded_cb, self);
  g_task_set_source_tag (task, clipboard_texture_read_cb);
  g_task_set_task_data (task, g_steal_pointer (&texture), g_object_unref);
  g_task_run_in_thread (task, decode_texture_thread);
}

static void
file_decoded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GError) error = NULL;

  codes = th_qr_decode_file_finish (result, &error);
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_decoded (user_data, codes, error);
}

static gboolean
clipboard_has_picture (ThWindow *self,
                       gboolean *has_text)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (self));
  g_autoptr(GdkContentFormats) formats =
    gdk_content_formats_union_deserialize_gtypes (gdk_content_formats_ref (gdk_clipboard_get_formats (clipboard)));

  if (has_text)
    *has_text = gdk_content_formats_contain_gtype (formats, G_TYPE_STRING);
  return gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE);
}

/* Ctrl+V, before the focused widget sees it: a picture is scanned unless
 * the focus is in a text field and there is text to paste there. */
static gboolean
paste_shortcut_cb (GtkWidget *widget,
                   GVariant  *args,
                   gpointer   user_data)
{
  ThWindow *self = TH_WINDOW (widget);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  gboolean in_text = focus != NULL && (GTK_IS_EDITABLE (focus) || GTK_IS_TEXT_VIEW (focus));
  gboolean has_text = FALSE;

  /* win.paste-picture's enabled state, which GTK does not tell. */
  if (!self->picture_enabled)
    return FALSE;
  if (!clipboard_has_picture (self, &has_text) || (in_text && has_text))
    return FALSE;
  return gtk_widget_activate_action (widget, "win.paste-picture", NULL);
}

static void
chooser_response_cb (ThWindow             *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      if (file != NULL)
        th_window_scan_picture (self, file);
    }
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_clear_object (&self->picture_chooser);
}

static void
scan_picture_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  ThWindow *self = TH_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->picture_chooser != NULL)
    return;
  self->picture_chooser = gtk_file_chooser_native_new (_("Scan a Picture of a Code"), GTK_WINDOW (self),
                                                       GTK_FILE_CHOOSER_ACTION_OPEN, _("_Scan"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->picture_chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Pictures"));
  gtk_file_filter_add_pixbuf_formats (filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->picture_chooser), filter);
  g_signal_connect_object (self->picture_chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->picture_chooser));
}

static void
paste_picture_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  ThWindow *self = TH_WINDOW (widget);

  if (!clipboard_has_picture (self, NULL))
    {
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                                     _("There is no picture on the clipboard. Copy the picture of the code first, for example in the chat."));
      show_picture_error (self, error);
      return;
    }
  gdk_clipboard_read_texture_async (gtk_widget_get_clipboard (widget), self->picture_cancellable,
                                    clipboard_texture_read_cb, self);
}

void
_th_window_class_add_picture_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.scan-picture", NULL, scan_picture_action);
  gtk_widget_class_install_action (widget_class, "win.paste-picture", NULL, paste_picture_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.scan-picture", NULL);
}

void
_th_window_init_picture (ThWindow *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  self->picture_cancellable = g_cancellable_new ();
  /* Capture phase: text fields would take Ctrl+V for themselves. */
  gtk_event_controller_set_name (controller, "th-paste-picture");
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_v, GDK_CONTROL_MASK),
                                                          gtk_callback_action_new (paste_shortcut_cb, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

void
_th_window_dispose_picture (ThWindow *self)
{
  if (self->picture_toast)
    g_object_remove_weak_pointer (G_OBJECT (self->picture_toast), (gpointer *) &self->picture_toast);
  self->picture_toast = NULL;
  g_cancellable_cancel (self->picture_cancellable);
  g_clear_object (&self->picture_cancellable);
  if (self->picture_chooser)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->picture_chooser));
  g_clear_object (&self->picture_chooser);
}

void
_th_window_update_picture_actions (ThWindow *self,
                                   gboolean  station)
{
  self->picture_enabled = station;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.scan-picture", station);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.paste-picture", station);
}

/**
 * th_window_scan_picture:
 *
 * Scans the codes in the picture @file, as if each had been scanned.
 */
void
th_window_scan_picture (ThWindow *self,
                        GFile    *file)
{
  g_return_if_fail (TH_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  th_qr_decode_file_async (file, self->picture_cancellable, file_decoded_cb, self);
}
