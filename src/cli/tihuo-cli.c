/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tihuo-cli: the counter core without a display, for scripts, tests and
 * support. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "th-cli.h"

static void
print_usage (void)
{
  g_print (_("Usage: tihuo-cli COMMAND [--db PATH] [--json] …\n\nCommands:\n"));
  for (guint i = 0; th_cli_commands[i].name; i++)
    g_print ("  %-14s %-48s %s\n", th_cli_commands[i].name, th_cli_commands[i].args,
             _(th_cli_commands[i].summary));
  g_print (_("\nExit status: 0 success or an ok verdict; 1 a negative verdict or a refused action; "
             "2 a usage or I/O error.\n"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_usage ();
      return argc < 2 ? TH_CLI_ERROR : TH_CLI_OK;
    }

  for (guint i = 0; th_cli_commands[i].name; i++)
    if (g_str_equal (argv[1], th_cli_commands[i].name))
      return th_cli_commands[i].run (argc - 1, argv + 1);

  g_printerr (_("tihuo-cli: unknown command “%s”\n\n"), argv[1]);
  print_usage ();
  return TH_CLI_ERROR;
}
