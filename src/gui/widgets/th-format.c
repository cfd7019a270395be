/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "th-format.h"

/* "48213907" as "4821 3907": easier to read out and compare. */
char *
th_format_pickup_code (const char *code)
{
  if (code == NULL)
    return g_strdup (_("no pickup code"));
  if (strlen (code) != 8)
    return g_strdup (code);
  return g_strdup_printf ("%.4s %.4s", code, code + 4);
}

static char *
local_date (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (unix_time);
  return dt ? g_date_time_format (dt, "%Y-%m-%d") : g_strdup ("");
}

static char *
relative_day (const char *date,
              gint64      now,
              gboolean    in_sentence)
{
  g_autofree char *today = local_date (now);
  g_autofree char *tomorrow = local_date (now + 24 * 3600);
  g_autofree char *yesterday = local_date (now - 24 * 3600);
  int y, m, d;

  if (g_strcmp0 (date, today) == 0)
    return g_strdup (in_sentence ? C_("in a sentence", "today") : _("Today"));
  if (g_strcmp0 (date, tomorrow) == 0)
    return g_strdup (in_sentence ? C_("in a sentence", "tomorrow") : _("Tomorrow"));
  if (g_strcmp0 (date, yesterday) == 0)
    return g_strdup (in_sentence ? C_("in a sentence", "yesterday") : _("Yesterday"));
  if (date && sscanf (date, "%d-%d-%d", &y, &m, &d) == 3)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_local (y, m, d, 0, 0, 0);
      /* Translators: a date in the pickup slot, see strftime(3), e.g. “%b %-d” or “%-m月%-d日” */
      if (dt)
        return g_date_time_format (dt, _("%b %-d"));
    }
  return g_strdup (date ? date : "");
}

char *
th_format_slot (const char *date,
                const char *start,
                const char *end,
                gint64      now)
{
  g_autofree char *day = relative_day (date, now, FALSE);

  /* Translators: a pickup slot: day, start and end time, like “Today 18:00–21:00” */
  return g_strdup_printf (_("%s %s–%s"), day, start ? start : "", end ? end : "");
}

static char *
format_time (gint64   unix_time,
             gint64   now,
             gboolean in_sentence)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (unix_time);
  g_autofree char *date = local_date (unix_time);
  g_autofree char *day = NULL;
  g_autofree char *clock = NULL;

  if (dt == NULL)
    return g_strdup ("");
  clock = g_date_time_format (dt, "%H:%M");
  day = relative_day (date, now, in_sentence);
  /* Translators: a day and a time, like “Today 18:05” */
  return g_strdup_printf (_("%s %s"), day, clock);
}

char *
th_format_time (gint64 unix_time,
                gint64 now)
{
  return format_time (unix_time, now, FALSE);
}

/* The same, for the middle of a sentence: "collected yesterday 21:02". */
char *
th_format_time_in_sentence (gint64 unix_time,
                            gint64 now)
{
  return format_time (unix_time, now, TRUE);
}

/* "4821 3907 · 李*华": how staff call an order out. */
char *
th_format_order_label (ThOrder *order)
{
  g_autofree char *code = th_format_pickup_code (order->pickup_code);

  if (order->customer_name == NULL || order->customer_name[0] == '\0')
    return g_steal_pointer (&code);
  return g_strdup_printf ("%s · %s", code, order->customer_name);
}

char *
th_format_order_lines (ThOrder *order)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < order->lines->len; i++)
    {
      ThOrderLine *l = &g_array_index (order->lines, ThOrderLine, i);

      if (i > 0)
        g_string_append (s, _(", "));
      /* Translators: a product and its quantity, like “丹东草莓 500g ×2” */
      g_string_append_printf (s, _("%s ×%u"), l->name, l->qty);
    }
  return g_string_free (s, FALSE);
}

/* A few words, big on the result card: readable from two metres. */
const char *
th_format_verdict_title (ThVerdict verdict,
                         gboolean  provisional)
{
  switch (verdict)
    {
    case TH_VERDICT_OK:
      return provisional ? _("Hand Over (Not Synced Yet)") : _("Hand Over");
    case TH_VERDICT_ALREADY_COLLECTED:
      return _("Already Collected");
    case TH_VERDICT_WRONG_STATION:
      return _("Other Pickup Point");
    case TH_VERDICT_CANCELLED:
      return _("Cancelled");
    case TH_VERDICT_REFUNDED:
      return _("Refunded");
    case TH_VERDICT_UNKNOWN_CODE:
      return _("Unknown Code");
    case TH_VERDICT_UNKNOWN_KEY:
      return _("Untrusted Code");
    case TH_VERDICT_BAD_SIGNATURE:
      return _("Invalid Code");
    case TH_VERDICT_NOT_YET_VALID:
      return _("Not Valid Yet");
    case TH_VERDICT_EXPIRED:
      return _("Expired");
    case TH_VERDICT_MALFORMED:
    default:
      return _("Not a Pickup Code");
    }
}

const char *
th_format_order_state (ThOrderState state)
{
  switch (state)
    {
    case TH_ORDER_STATE_TO_HAND_OVER:
      return _("To hand over");
    case TH_ORDER_STATE_COLLECTED:
      return _("Collected");
    case TH_ORDER_STATE_CANCELLED:
      return _("Cancelled");
    case TH_ORDER_STATE_REFUNDED:
    default:
      return _("Refunded");
    }
}

const char *
th_format_method (const char *method)
{
  if (g_strcmp0 (method, "qr") == 0)
    return _("QR code");
  if (g_strcmp0 (method, "code") == 0)
    return _("pickup code");
  if (g_strcmp0 (method, "phone") == 0)
    return _("phone tail");
  return _("picked by hand");
}

AdwToast *
th_toast_new_text (const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text ? text : "", -1);
  return adw_toast_new (escaped);
}
