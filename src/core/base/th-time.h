/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The dates a person may type or pick. GDateTime stops at 9999-12-31, and
 * the end of the last day or month asked for (the next one's start, in any
 * time zone) must still be a GDateTime; a station has nothing before 1970. */
#define TH_TIME_FIRST_YEAR 1970
#define TH_TIME_LAST_YEAR  9998
/* The last second of TH_TIME_LAST_YEAR, in UTC: 9998-12-31T23:59:59Z. */
#define TH_TIME_LAST       G_GINT64_CONSTANT (253370764799)

gint64  th_time_now            (void);
char   *th_time_format_rfc3339 (gint64       unix_time);
char   *th_time_format_local   (gint64       unix_time,
                                const char  *format);
gboolean th_time_parse_rfc3339 (const char  *text,
                                gint64      *unix_time);
gboolean th_time_parse_month   (const char  *text,
                                int         *year,
                                int         *month);
gboolean th_time_parse_day     (const char  *text,
                                GTimeZone   *tz,
                                gint64      *day_start);

G_END_DECLS
