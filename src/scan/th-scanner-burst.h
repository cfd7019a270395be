/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A scan is at least this many characters... */
#define TH_SCANNER_MIN_CHARS   8
/* ...with at most this long between keys. People type slower than 50 ms. */
#define TH_SCANNER_MAX_GAP_MS  30
/* How long a key is held back to see whether a burst follows. */
#define TH_SCANNER_HOLD_MS     (TH_SCANNER_MAX_GAP_MS + 15)

typedef enum {
  TH_SCANNER_SUFFIX_ENTER,
  TH_SCANNER_SUFFIX_TAB,
  TH_SCANNER_SUFFIX_NONE,    /* the burst ends when the keys stop */
} ThScannerSuffix;

typedef enum {
  TH_SCANNER_PASS,           /* deliver the key as usual */
  TH_SCANNER_HOLD,           /* swallowed for now: "released" or "scanned" follows */
  TH_SCANNER_SCANNED,        /* swallowed: it ended a scan, "scanned" was emitted */
} ThScannerResult;

/* One key event, in GDK's terms but without GDK, so the timing rules can be
 * tested without a display. */
typedef struct {
  guint     keyval;
  guint     keycode;
  guint     state;           /* GdkModifierType */
  guint     group;
  gunichar  unicode;         /* the text it types; 0 when none, or with Ctrl/Alt */
  gint64    time_ms;
  gboolean  is_press;
  gboolean  is_modifier;     /* Shift and friends: scanners press them too */
  gboolean  passthrough;     /* count it, but the caller delivers it anyway */
} ThScannerKey;

#define TH_TYPE_SCANNER_BURST (th_scanner_burst_get_type ())
G_DECLARE_FINAL_TYPE (ThScannerBurst, th_scanner_burst, TH, SCANNER_BURST, GObject)

typedef gint64 (*ThScannerClock) (gpointer user_data);

ThScannerBurst  *th_scanner_burst_new         (void);
ThScannerResult  th_scanner_burst_feed        (ThScannerBurst     *self,
                                               const ThScannerKey *key);
ThScannerResult  th_scanner_burst_feed_simple (ThScannerBurst     *self,
                                               guint               keyval,
                                               gunichar            unicode,
                                               gint64              time_ms);
void             th_scanner_burst_timeout     (ThScannerBurst     *self);
void             th_scanner_burst_reset       (ThScannerBurst     *self);
gboolean         th_scanner_burst_is_holding  (ThScannerBurst     *self);

ThScannerSuffix  th_scanner_burst_get_suffix  (ThScannerBurst     *self);
void             th_scanner_burst_set_suffix  (ThScannerBurst     *self,
                                               ThScannerSuffix     suffix);
gint64           th_scanner_burst_now_ms      (ThScannerBurst     *self);
void             th_scanner_burst_set_clock   (ThScannerBurst     *self,
                                               ThScannerClock      clock,
                                               gpointer            user_data);

ThScannerSuffix  th_scanner_suffix_from_string (const char        *text);
gunichar         th_scanner_fold               (gunichar           c);

G_END_DECLS
