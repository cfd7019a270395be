/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The files beside the station database: the marker that says a station was
 * set up here, the app's "running" marker, and keeping all of them private.
 * Orders carry customers' names and phone digits; nobody else on the
 * computer should read them. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "th-db-private.h"
#include "th-error.h"

char *
_th_db_station_marker_path (const char *path)
{
  return g_strconcat (path, ".station", NULL);
}

char *
_th_db_running_marker_path (const char *path)
{
  return g_strconcat (path, ".running", NULL);
}

/* Written whole under a temporary name, then renamed, mode 0600. */
gboolean
_th_db_write_private_file (const char  *path,
                           const char  *contents,
                           GError     **error)
{
  return g_file_set_contents_full (path, contents, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

/* Files from before this rule (or copied in by hand) are tightened too. The
 * owner may be someone else on a shared folder: then it stays as it is. */
void
_th_db_make_private (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      GStatBuf st;

      if (g_stat (file, &st) == 0 && (st.st_mode & 077) != 0)
        g_chmod (file, st.st_mode & 0700);
    }
}

gboolean
_th_db_station_expected (const char *path)
{
  g_autofree char *marker = _th_db_station_marker_path (path);

  return g_file_test (marker, G_FILE_TEST_EXISTS);
}

/* Called once a station is set up in the file, and at every app start for
 * stations set up before the marker existed. */
void
_th_db_mark_station (ThDb *self)
{
  g_autofree char *marker = _th_db_station_marker_path (th_db_get_path (self));
  g_autoptr(GError) error = NULL;
  const char *text = "# Tihuo: a station database was set up beside this file. Tihuo will not\n"
                     "# silently create an empty one in its place.\n";

  if (g_file_test (marker, G_FILE_TEST_EXISTS))
    return;
  if (!_th_db_write_private_file (marker, text, &error))
    g_warning ("Cannot write %s: %s", marker, error->message);
}

void
th_db_remove (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal", ".station", ".running" };

  g_return_if_fail (path != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
}
