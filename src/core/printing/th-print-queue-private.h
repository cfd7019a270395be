/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "th-print-queue.h"

G_BEGIN_DECLS

/* Shared by th-print-queue.c and th-print-queue-manage.c. */
gint64  _th_print_queue_insert    (ThDb          *db,
                                   const char    *kind,
                                   const char    *title,
                                   const char    *medium,
                                   ThPrintFormat  format,
                                   const char    *target,
                                   GBytes        *data,
                                   const char    *created_by,
                                   gint64         now,
                                   gint64         reprint_of,
                                   GError       **error);
GBytes *_th_print_queue_load_data (ThDb          *db,
                                   gint64         id,
                                   GError       **error);

G_END_DECLS
