/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "th-case-format.h"
#include "th-format.h"

/* "Spoiled · order 2026112100000123 · 李*华", or "… · walk-in". */
char *
th_case_format_title (const ThCase *c)
{
  const char *category = th_reason_describe (c->category);

  if (c->order_id < 0)
    /* Translators: a case's category, for a complaint without an order */
    return g_strdup_printf (_("%s · walk-in"), category);
  if (c->customer_name && c->customer_name[0])
    /* Translators: a case's category, its order id and the customer */
    return g_strdup_printf (_("%s · order %" PRId64 " · %s"), category, c->order_id, c->customer_name);
  return g_strdup_printf (_("%s · order %" PRId64), category, c->order_id);
}

/* Where the case stands against its response times, from the core's
 * th_case_get_overdue() and th_case_get_due_at(). */
char *
th_case_format_due (const ThCase          *c,
                    const ThCaseDeadlines *deadlines,
                    gint64                 now)
{
  ThCaseOverdue overdue = th_case_get_overdue (c, deadlines, now);
  gint64 due = th_case_get_due_at (c, deadlines);
  g_autofree char *when = NULL;

  if (c->closed_at > 0)
    {
      when = th_format_time_in_sentence (c->closed_at, now);
      /* Translators: %s is when, like “today 14:30” */
      return g_strdup_printf (_("Closed %s"), when);
    }
  if (overdue & TH_CASE_OVERDUE_RESPONSE)
    {
      when = th_format_time_in_sentence (c->opened_at + deadlines->respond_seconds, now);
      return g_strdup_printf (_("No response yet: overdue since %s"), when);
    }
  if (overdue & TH_CASE_OVERDUE_RESOLVE)
    {
      when = th_format_time_in_sentence (c->opened_at + deadlines->resolve_seconds, now);
      return g_strdup_printf (_("Not resolved: overdue since %s"), when);
    }
  when = th_format_time_in_sentence (due, now);
  if (c->status == TH_CASE_OPEN)
    return g_strdup_printf (_("Respond by %s"), when);
  return g_strdup_printf (_("Resolve by %s"), when);
}

/* "2 × 丹东草莓 500g, 1 × 鸡蛋" */
char *
th_case_format_lines (const ThCase *c)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < c->lines->len; i++)
    {
      const ThCaseLine *l = &g_array_index (c->lines, ThCaseLine, i);

      if (text->len > 0)
        /* Translators: between two products in a list */
        g_string_append (text, _(", "));
      g_string_append_printf (text, "%u × %s", l->qty, l->name);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}
