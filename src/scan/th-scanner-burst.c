/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tells a keyboard-emulating scanner from a person at the keyboard.
 *
 * A scanner "types" a whole code in a few milliseconds per key and ends it
 * with Enter. Until it is clear whether a key starts such a burst, the key
 * is held back; when the next key is slow (or none comes), the held keys are
 * "released" for the caller to deliver as if nothing happened. A person
 * thus sees each key about TH_SCANNER_HOLD_MS late, and a scan never reaches
 * the focused widget or its input method at all.
 *
 * No GTK here: the window's key controller turns events into ThScannerKey,
 * and the tests feed keys with made-up times. */
#include "config.h"

#include "th-scanner-burst.h"

/* The few X11 keysyms (as GDK names them) that end a scan, so this file
 * needs no GTK headers. */
#define KEY_Tab          0xff09
#define KEY_Return       0xff0d
#define KEY_KP_Tab       0xff89
#define KEY_KP_Enter     0xff8d
#define KEY_ISO_Left_Tab 0xfe20
#define KEY_ISO_Enter    0xfe34

struct _ThScannerBurst
{
  GObject          parent_instance;

  ThScannerSuffix  suffix;
  GString         *text;        /* the folded characters of the current run */
  guint            n_chars;
  GArray          *held;        /* of ThScannerKey, in arrival order */
  gint64           last_char_ms;
  guint            timeout_id;

  ThScannerClock   clock;
  gpointer         clock_data;
};

G_DEFINE_FINAL_TYPE (ThScannerBurst, th_scanner_burst, G_TYPE_OBJECT)

enum {
  SCANNED,
  RELEASED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

gunichar
th_scanner_fold (gunichar c)
{
  /* Full-width ASCII, which a scanner types while a Chinese IM is on. */
  if (c >= 0xFF01 && c <= 0xFF5E)
    return c - 0xFEE0;
  if (c == 0x3000)
    return ' ';
  return c;
}

ThScannerSuffix
th_scanner_suffix_from_string (const char *text)
{
  if (g_strcmp0 (text, "tab") == 0)
    return TH_SCANNER_SUFFIX_TAB;
  if (g_strcmp0 (text, "none") == 0)
    return TH_SCANNER_SUFFIX_NONE;
  return TH_SCANNER_SUFFIX_ENTER;
}

static gboolean
is_suffix (ThScannerBurst *self,
           guint           keyval)
{
  switch (self->suffix)
    {
    case TH_SCANNER_SUFFIX_ENTER:
      return keyval == KEY_Return || keyval == KEY_KP_Enter || keyval == KEY_ISO_Enter;
    case TH_SCANNER_SUFFIX_TAB:
      return keyval == KEY_Tab || keyval == KEY_KP_Tab || keyval == KEY_ISO_Left_Tab;
    case TH_SCANNER_SUFFIX_NONE:
    default:
      return FALSE;
    }
}

static void
clear_run (ThScannerBurst *self)
{
  g_string_truncate (self->text, 0);
  self->n_chars = 0;
  g_array_set_size (self->held, 0);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
}

/* Not a scan after all: hand the held keys back. */
static void
release (ThScannerBurst *self)
{
  g_autoptr(GArray) keys = NULL;

  if (self->held->len == 0)
    {
      clear_run (self);
      return;
    }
  keys = g_array_copy (self->held);
  clear_run (self);
  g_signal_emit (self, signals[RELEASED], 0, keys);
}

static void
complete (ThScannerBurst *self)
{
  g_autofree char *text = g_strdup (self->text->str);

  clear_run (self);
  g_signal_emit (self, signals[SCANNED], 0, text);
}

static gboolean
hold_timeout_cb (gpointer user_data)
{
  ThScannerBurst *self = user_data;

  self->timeout_id = 0;
  th_scanner_burst_timeout (self);
  return G_SOURCE_REMOVE;
}

static void
arm_timer (ThScannerBurst *self)
{
  /* Low priority: when the main loop was busy, queued key events are
   * dispatched before the hold runs out, so a burst is not cut in two. */
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add_full (G_PRIORITY_LOW, TH_SCANNER_HOLD_MS, hold_timeout_cb, self, NULL);
}

static gint64
monotonic_ms (gpointer user_data)
{
  return g_get_monotonic_time () / 1000;
}

static void
th_scanner_burst_finalize (GObject *object)
{
  ThScannerBurst *self = (ThScannerBurst *)object;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_string_free (self->text, TRUE);
  g_array_unref (self->held);

  G_OBJECT_CLASS (th_scanner_burst_parent_class)->finalize (object);
}

static void
th_scanner_burst_class_init (ThScannerBurstClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = th_scanner_burst_finalize;

  /**
   * ThScannerBurst::scanned:
   * @text: the code, full-width characters folded to ASCII, no suffix
   */
  signals[SCANNED] = g_signal_new ("scanned", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * ThScannerBurst::released:
   * @keys: (type GArray): the held ThScannerKeys, to deliver in order
   */
  signals[RELEASED] = g_signal_new ("released", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
th_scanner_burst_init (ThScannerBurst *self)
{
  self->text = g_string_new (NULL);
  self->held = g_array_new (FALSE, FALSE, sizeof (ThScannerKey));
  self->clock = monotonic_ms;
}

ThScannerBurst *
th_scanner_burst_new (void)
{
  return g_object_new (TH_TYPE_SCANNER_BURST, NULL);
}

/**
 * th_scanner_burst_feed:
 *
 * Decides what to do with one key press or release.
 */
ThScannerResult
th_scanner_burst_feed (ThScannerBurst     *self,
                       const ThScannerKey *key)
{
  gint64 gap;

  g_return_val_if_fail (TH_IS_SCANNER_BURST (self), TH_SCANNER_PASS);
  g_return_val_if_fail (key != NULL, TH_SCANNER_PASS);

  gap = key->time_ms - self->last_char_ms;

  /* Releases and Shift presses belong to whatever run is going on. Keeping
   * them from the IM matters: a lone Shift tap switches a Chinese IM between
   * Chinese and English. */
  if (!key->is_press)
    {
      if (self->held->len == 0 || key->passthrough)
        return TH_SCANNER_PASS;
      g_array_append_val (self->held, *key);
      return TH_SCANNER_HOLD;
    }
  if (key->is_modifier)
    {
      /* A scan starts with Shift for its first capital, before anything
       * shows it is a scan: hold that too. */
      if (key->passthrough)
        return TH_SCANNER_PASS;
      g_array_append_val (self->held, *key);
      arm_timer (self);
      return TH_SCANNER_HOLD;
    }

  if (is_suffix (self, key->keyval))
    {
      if (self->n_chars >= TH_SCANNER_MIN_CHARS && gap >= 0 && gap <= TH_SCANNER_MAX_GAP_MS)
        {
          complete (self);
          return TH_SCANNER_SCANNED;
        }
      release (self);
      return TH_SCANNER_PASS;
    }

  if (key->unicode == 0 || !g_unichar_isprint (key->unicode))
    {
      /* Backspace, arrows, shortcuts: whatever was held goes first. */
      release (self);
      return TH_SCANNER_PASS;
    }

  if (self->n_chars > 0 && (gap < 0 || gap > TH_SCANNER_MAX_GAP_MS))
    release (self);

  g_string_append_unichar (self->text, th_scanner_fold (key->unicode));
  self->n_chars++;
  self->last_char_ms = key->time_ms;

  arm_timer (self);

  if (key->passthrough)
    return TH_SCANNER_PASS;
  g_array_append_val (self->held, *key);
  return TH_SCANNER_HOLD;
}

ThScannerResult
th_scanner_burst_feed_simple (ThScannerBurst *self,
                              guint           keyval,
                              gunichar        unicode,
                              gint64          time_ms)
{
  ThScannerKey key = { 0 };

  key.keyval = keyval;
  key.unicode = unicode;
  key.time_ms = time_ms;
  key.is_press = TRUE;
  return th_scanner_burst_feed (self, &key);
}

/**
 * th_scanner_burst_timeout:
 *
 * No key came for a while: with no suffix configured a fast run long enough
 * is a scan; anything else is released. Runs from the hold timer; tests call
 * it to skip the wait.
 */
void
th_scanner_burst_timeout (ThScannerBurst *self)
{
  g_return_if_fail (TH_IS_SCANNER_BURST (self));

  if (self->suffix == TH_SCANNER_SUFFIX_NONE && self->n_chars >= TH_SCANNER_MIN_CHARS)
    complete (self);
  else
    release (self);
}

/* Drops the current run without delivering it, e.g. when the window closes. */
void
th_scanner_burst_reset (ThScannerBurst *self)
{
  g_return_if_fail (TH_IS_SCANNER_BURST (self));
  clear_run (self);
}

gboolean
th_scanner_burst_is_holding (ThScannerBurst *self)
{
  g_return_val_if_fail (TH_IS_SCANNER_BURST (self), FALSE);
  return self->held->len > 0;
}

ThScannerSuffix
th_scanner_burst_get_suffix (ThScannerBurst *self)
{
  g_return_val_if_fail (TH_IS_SCANNER_BURST (self), TH_SCANNER_SUFFIX_ENTER);
  return self->suffix;
}

void
th_scanner_burst_set_suffix (ThScannerBurst  *self,
                             ThScannerSuffix  suffix)
{
  g_return_if_fail (TH_IS_SCANNER_BURST (self));
  if (self->suffix != suffix)
    release (self);
  self->suffix = suffix;
}

/* The time to give keys that come without one (synthesised in tests). */
gint64
th_scanner_burst_now_ms (ThScannerBurst *self)
{
  g_return_val_if_fail (TH_IS_SCANNER_BURST (self), 0);
  return self->clock (self->clock_data);
}

void
th_scanner_burst_set_clock (ThScannerBurst *self,
                            ThScannerClock  clock,
                            gpointer        user_data)
{
  g_return_if_fail (TH_IS_SCANNER_BURST (self));
  self->clock = clock ? clock : monotonic_ms;
  self->clock_data = clock ? user_data : NULL;
}
