/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "th-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ThApplication) app = NULL;
  const char *localedir = g_getenv ("TIHUO_LOCALEDIR");

  /* TIHUO_LOCALEDIR lets build-aux/run-demo.sh show the translations built
   * in the build tree before anything is installed. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir && *localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = th_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
