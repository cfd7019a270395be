/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "th-refund.h"

G_BEGIN_DECLS

/* The refund slip through GtkPrintOperation, drawn by the core
 * (th_refund_slip_draw). Errors come back through @done. */
typedef void (*ThSlipDoneFunc) (gpointer      user_data,
                                const GError *error,
                                const char   *message);

void th_refund_print_slip    (GtkWindow      *parent,
                              ThRefund       *refund,
                              ThSlipDoneFunc  done,
                              gpointer        user_data);
/* Asks where, then writes a one-page PDF. */
void th_refund_save_slip_pdf (GtkWindow      *parent,
                              ThRefund       *refund,
                              ThSlipDoneFunc  done,
                              gpointer        user_data);

G_END_DECLS
