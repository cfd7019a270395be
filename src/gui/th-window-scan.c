/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Scanner input, wherever the focus is.
 *
 * A key controller on the window, in the capture phase, sees every key
 * before the focused widget and its input method do. It hands each key to
 * ThScannerBurst, which holds keys back until it knows whether they are a
 * scan. A scan is swallowed whole and goes to the Counter page; keys that
 * turn out to be typing are replayed into the focused widget through its
 * input method, so Chinese input keeps working. Releases follow their
 * presses: GtkEventControllerKey swallows the release of a key whose press
 * it swallowed, so a replayed press gets its release replayed here too. */
#include "config.h"

#include "th-window-private.h"

static gboolean
is_shift (guint keyval)
{
  /* The only modifier a scanner presses; a lone tap of it switches a
   * Chinese IM between Chinese and English, so it must not leak. */
  return keyval == GDK_KEY_Shift_L || keyval == GDK_KEY_Shift_R;
}

static GtkIMContext *
find_im_context (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  guint n = g_list_model_get_n_items (controllers);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller) &&
          gtk_event_controller_key_get_im_context (GTK_EVENT_CONTROLLER_KEY (controller)))
        return gtk_event_controller_key_get_im_context (GTK_EVENT_CONTROLLER_KEY (controller));
    }
  return NULL;
}

static void
insert_text (GtkEditable *editable,
             const char  *text)
{
  int pos;

  gtk_editable_delete_selection (editable);
  pos = gtk_editable_get_position (editable);
  gtk_editable_insert_text (editable, text, -1, &pos);
  gtk_editable_set_position (editable, pos);
}

/* Delivers one key to the IM context of the focused widget. */
static gboolean
deliver_to_im (ThWindow           *self,
               GtkIMContext       *im,
               const ThScannerKey *key)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (self));
  GdkSeat *seat = gdk_display_get_default_seat (gtk_widget_get_display (GTK_WIDGET (self)));
  GdkDevice *keyboard = seat ? gdk_seat_get_keyboard (seat) : NULL;

  if (im == NULL || surface == NULL || keyboard == NULL || key->keycode == 0)
    return FALSE;
  return gtk_im_context_filter_key (im, key->is_press, surface, keyboard, (guint32) key->time_ms,
                                    key->keycode, key->state, (int) key->group);
}

static void
scanner_released_cb (ThWindow       *self,
                     GArray         *keys,
                     ThScannerBurst *scanner)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkIMContext *im = focus ? find_im_context (focus) : NULL;
  GtkEditable *target = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  /* Typed while a button or a list has the focus: the text goes to the
   * page's entry, as type-to-search. */
  if (im == NULL && !GTK_IS_EDITABLE (focus))
    target = _th_window_get_text_target (self);

  for (guint i = 0; i < keys->len; i++)
    {
      const ThScannerKey *key = &g_array_index (keys, ThScannerKey, i);

      if (key->is_press)
        {
          g_hash_table_remove (self->pending_keys, GUINT_TO_POINTER (key->keyval));
          g_hash_table_add (self->replayed_keys, GUINT_TO_POINTER (key->keyval));
        }
      else
        g_hash_table_remove (self->replayed_keys, GUINT_TO_POINTER (key->keyval));

      if (deliver_to_im (self, im, key) || !key->is_press || key->unicode == 0)
        continue;
      if (target == NULL && GTK_IS_EDITABLE (focus))
        {
          char utf8[7] = { 0 };
          g_unichar_to_utf8 (key->unicode, utf8);
          insert_text (GTK_EDITABLE (focus), utf8);
        }
      else
        g_string_append_unichar (text, key->unicode);
    }

  if (target != NULL && text->len > 0)
    {
      if (GTK_IS_ENTRY (target))
        gtk_entry_grab_focus_without_selecting (GTK_ENTRY (target));
      else
        gtk_widget_grab_focus (GTK_WIDGET (target));
      insert_text (target, text->str);
    }
}

static void
scanner_scanned_cb (ThWindow       *self,
                    const char     *text,
                    ThScannerBurst *scanner)
{
  g_hash_table_remove_all (self->pending_keys);
  th_window_scan (self, text);
}

static gint64
key_time (ThWindow           *self,
          GtkEventController *controller)
{
  guint32 time = gtk_event_controller_get_current_event_time (controller);

  return time != GDK_CURRENT_TIME ? (gint64) time : th_scanner_burst_now_ms (self->scanner);
}

static void
fill_key (ThWindow           *self,
          GtkEventController *controller,
          ThScannerKey       *key,
          guint               keyval,
          guint               keycode,
          GdkModifierType     state)
{
  GdkEvent *event = gtk_event_controller_get_current_event (controller);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  key->keyval = keyval;
  key->keycode = keycode;
  key->state = state;
  key->group = event ? gdk_key_event_get_layout (event) : 0;
  key->time_ms = key_time (self, controller);
  key->is_modifier = is_shift (keyval);
  key->unicode = (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) ? 0 : gdk_keyval_to_unicode (keyval);
  /* Space and friends still work a focused button or check box. */
  key->passthrough = key->unicode == ' ' && focus != NULL && !GTK_IS_EDITABLE (focus) && find_im_context (focus) == NULL;
}

static gboolean
key_pressed_cb (ThWindow              *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  ThScannerKey key = { 0 };
  ThScannerResult result;

  if (!gtk_widget_get_visible (GTK_WIDGET (self->main_stack)) ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "station") != 0)
    return GDK_EVENT_PROPAGATE;

  key.is_press = TRUE;
  fill_key (self, GTK_EVENT_CONTROLLER (controller), &key, keyval, keycode, state);
  result = th_scanner_burst_feed (self->scanner, &key);
  if (result == TH_SCANNER_HOLD)
    g_hash_table_add (self->pending_keys, GUINT_TO_POINTER (keyval));
  return result == TH_SCANNER_PASS ? GDK_EVENT_PROPAGATE : GDK_EVENT_STOP;
}

static void
key_released_cb (ThWindow              *self,
                 guint                  keyval,
                 guint                  keycode,
                 GdkModifierType        state,
                 GtkEventControllerKey *controller)
{
  ThScannerKey key = { 0 };

  fill_key (self, GTK_EVENT_CONTROLLER (controller), &key, keyval, keycode, state);
  if (g_hash_table_contains (self->pending_keys, GUINT_TO_POINTER (keyval)) &&
      th_scanner_burst_is_holding (self->scanner))
    th_scanner_burst_feed (self->scanner, &key);
  else if (g_hash_table_remove (self->replayed_keys, GUINT_TO_POINTER (keyval)))
    {
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
      deliver_to_im (self, focus ? find_im_context (focus) : NULL, &key);
    }
}

static void
active_changed_cb (ThWindow *self)
{
  if (gtk_window_is_active (GTK_WINDOW (self)) || self->scanner == NULL)
    return;
  /* Leaving the window: decide about the held keys now, so a key typed
   * just before switching windows still lands here and is not lost. */
  th_scanner_burst_timeout (self->scanner);
}

/* The widget that typing should reach when no text field has the focus. */
GtkEditable *
_th_window_get_text_target (ThWindow *self)
{
  const char *page = adw_view_stack_get_visible_child_name (self->view_stack);

  if (g_strcmp0 (page, "orders") == 0)
    return th_orders_page_get_search_entry (self->orders_page);
  if (g_strcmp0 (page, "counter") == 0)
    return th_counter_page_get_entry (self->counter_page);
  return NULL;
}

void
_th_window_init_scanner (ThWindow *self)
{
  self->pending_keys = g_hash_table_new (NULL, NULL);
  self->replayed_keys = g_hash_table_new (NULL, NULL);
  self->scanner = th_scanner_burst_new ();
  g_signal_connect_object (self->scanner, "released", G_CALLBACK (scanner_released_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->scanner, "scanned", G_CALLBACK (scanner_scanned_cb), self, G_CONNECT_SWAPPED);

  self->key_controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_name (self->key_controller, "th-scanner");
  gtk_event_controller_set_propagation_phase (self->key_controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (self->key_controller, "key-pressed", G_CALLBACK (key_pressed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->key_controller, "key-released", G_CALLBACK (key_released_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), self->key_controller);

  g_signal_connect (self, "notify::is-active", G_CALLBACK (active_changed_cb), NULL);
}

void
_th_window_dispose_scanner (ThWindow *self)
{
  if (self->scanner)
    {
      th_scanner_burst_reset (self->scanner);
      g_signal_handlers_disconnect_by_data (self->scanner, self);
    }
  g_clear_object (&self->scanner);
  g_clear_pointer (&self->pending_keys, g_hash_table_unref);
  g_clear_pointer (&self->replayed_keys, g_hash_table_unref);
  /* The widget owns the controller. */
  self->key_controller = NULL;
}
