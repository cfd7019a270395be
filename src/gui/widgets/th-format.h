/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "th-order.h"
#include "th-order-list.h"
#include "th-verifier.h"

G_BEGIN_DECLS

/* How the counter puts the core's facts into words. */
char       *th_format_pickup_code  (const char     *code);
char       *th_format_slot         (const char     *date,
                                    const char     *start,
                                    const char     *end,
                                    gint64          now);
char       *th_format_time         (gint64          unix_time,
                                    gint64          now);
char       *th_format_time_in_sentence (gint64      unix_time,
                                        gint64      now);
char       *th_format_order_label  (ThOrder        *order);
char       *th_format_order_lines  (ThOrder        *order);
const char *th_format_verdict_title (ThVerdict      verdict,
                                     gboolean       provisional);
const char *th_format_order_state  (ThOrderState    state);
const char *th_format_method       (const char     *method);

/* Toasts in libadwaita 1.2 always parse markup: messages are escaped. */
AdwToast   *th_toast_new_text      (const char     *text);

G_END_DECLS
