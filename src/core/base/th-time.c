/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

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
