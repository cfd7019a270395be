/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "th-refund.h"

G_BEGIN_DECLS

ThRefund *_th_refund_new        (void);
void      _th_refund_line_clear (gpointer               line);
/* Checks @request against the money rules as the database stands; inside
 * the caller's transaction when it is to be written. */
ThRefund *_th_refund_build_plan (ThDb                  *db,
                                 const ThRefundRequest *request,
                                 gint64                 now,
                                 GError               **error);

G_END_DECLS
