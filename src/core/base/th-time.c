/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "th-time.h"

gint64
th_time_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* The API's times: RFC 3339 in UTC, whole seconds. */
char *
th_time_format_rfc3339 (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_time);

  if (dt == NULL)
    return g_strdup ("1970-01-01T00:00:00Z");
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

/* Pickup slots are wall-clock times at the station. */
char *
th_time_format_local (gint64      unix_time,
                      const char *format)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (unix_time);

  if (dt == NULL)
    return g_strdup ("");
  return g_date_time_format (dt, format);
}

gboolean
th_time_parse_rfc3339 (const char *text,
                       gint64     *unix_time)
{
  g_autoptr(GDateTime) dt = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;
  dt = g_date_time_new_from_iso8601 (text, NULL);
  if (dt == NULL)
    return FALSE;
  *unix_time = g_date_time_to_unix (dt);
  return TRUE;
}

/* Exactly YYYY-MM, within TH_TIME_FIRST_YEAR … TH_TIME_LAST_YEAR. */
gboolean
th_time_parse_month (const char *text,
                     int        *year,
                     int        *month)
{
  guint64 y, m;
  char digits[5];

  if (text == NULL || strlen (text) != 7 || text[4] != '-')
    return FALSE;
  memcpy (digits, text, 4);
  digits[4] = '\0';
  /* g_ascii_string_to_unsigned takes no sign, so "+202" is refused too. */
  if (!g_ascii_string_to_unsigned (digits, 10, TH_TIME_FIRST_YEAR, TH_TIME_LAST_YEAR, &y, NULL) ||
      !g_ascii_isdigit (text[5]) ||
      !g_ascii_string_to_unsigned (text + 5, 10, 1, 12, &m, NULL))
    return FALSE;
  *year = (int) y;
  *month = (int) m;
  return TRUE;
}

/* Exactly YYYY-MM-DD, a real day within the bounds; @day_start is its first
 * second in @tz. */
gboolean
th_time_parse_day (const char *text,
                   GTimeZone  *tz,
                   gint64     *day_start)
{
  g_autoptr(GDateTime) dt = NULL;
  guint64 day;
  int year, month;

  if (text == NULL || strlen (text) != 10 || text[7] != '-' || !g_ascii_isdigit (text[8]))
    return FALSE;
  {
    g_autofree char *month_text = g_strndup (text, 7);

    if (!th_time_parse_month (month_text, &year, &month) ||
        !g_ascii_string_to_unsigned (text + 8, 10, 1, 31, &day, NULL))
      return FALSE;
  }
  if (!(dt = g_date_time_new (tz, year, month, (int) day, 0, 0, 0)) ||
      g_date_time_get_day_of_month (dt) != (int) day)
    return FALSE;
  *day_start = g_date_time_to_unix (dt);
  return TRUE;
}
