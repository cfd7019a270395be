/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gint64  th_time_now            (void);
char   *th_time_format_rfc3339 (gint64       unix_time);
char   *th_time_format_local   (gint64       unix_time,
                                const char  *format);
gboolean th_time_parse_rfc3339 (const char  *text,
                                gint64      *unix_time);

G_END_DECLS
