/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Argument helpers shared by tihuo-cli's commands. */
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "th-cli.h"
#include "th-time.h"

gboolean
th_cli_parse_at (const char *text,
                 gint64     *out)
{
  gint64 v;
  char *end = NULL;

  if (text == NULL)
    {
      *out = th_time_now ();
      return TRUE;
    }
  v = g_ascii_strtoll (text, &end, 10);
  if (end == text || *end != '\0' || v < 0 || v > TH_TIME_LAST)
    {
      g_printerr (_("tihuo-cli: --at takes unix seconds from 0 to %" PRId64 ", like 1795262400\n"),
                  (int64_t) TH_TIME_LAST);
      return FALSE;
    }
  *out = v;
  return TRUE;
}

gboolean
th_cli_usage (int         argc,
              char      **argv,
              int         n,
              const char *usage)
{
  if (argc == n + 1)
    return TRUE;
  g_printerr (_("Usage: tihuo-cli %s %s\n"), argv[0], usage);
  return FALSE;
}

/* LINE:QTY,LINE:QTY,… */
GArray *
th_cli_parse_line_qty (const char *spec)
{
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (ThLineQty));
  g_auto(GStrv) parts = g_strsplit (spec, ",", -1);

  for (guint i = 0; parts[i]; i++)
    {
      g_auto(GStrv) pair = g_strsplit (g_strstrip (parts[i]), ":", -1);
      guint64 line, qty;
      ThLineQty lq;

      if (g_strv_length (pair) != 2 ||
          !g_ascii_string_to_unsigned (pair[0], 10, 1, 65535, &line, NULL) ||
          !g_ascii_string_to_unsigned (pair[1], 10, 1, 100000, &qty, NULL))
        {
          g_printerr (_("tihuo-cli: --lines takes LINE:QTY pairs separated by commas, like 1:2,3:1\n"));
          return NULL;
        }
      lq.line = (guint) line;
      lq.qty = (guint) qty;
      g_array_append_val (lines, lq);
    }
  return g_steal_pointer (&lines);
}
