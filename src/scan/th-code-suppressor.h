/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How long the camera stays quiet about a code it has just read. */
#define TH_CODE_SUPPRESS_USEC (3 * G_USEC_PER_SEC)

/* Keeps a code held in front of the camera from being read 30 times a
 * second. A code is reported when it is first seen, and again only once it
 * has been out of sight for the whole window: every sighting restarts the
 * window, so a customer who keeps holding the phone up after the hand-over
 * does not get a second, "already collected" verdict. Each code has its own
 * window; another code in between changes nothing.
 *
 * Time comes from the caller, in microseconds (g_get_monotonic_time() in
 * the app), so tests need no sleeping. Not thread-safe. */
typedef struct _ThCodeSuppressor ThCodeSuppressor;

ThCodeSuppressor *th_code_suppressor_new   (gint64             window_usec);
void              th_code_suppressor_free  (ThCodeSuppressor  *self);
/* TRUE when @text should be reported now. */
gboolean          th_code_suppressor_check (ThCodeSuppressor  *self,
                                            const char        *text,
                                            gint64             now_usec);
void              th_code_suppressor_reset (ThCodeSuppressor  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThCodeSuppressor, th_code_suppressor_free)

G_END_DECLS
