/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Who tihuo-cli records as doing a hand-over, an undo, a refund or a case
 * step: a staff member who proves it with their PIN, or, on a station a
 * leader set to cli-trusted for scripts, any active staff member named with
 * --staff. Never the login name, never a name nobody signed up. */
#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>

#include "th-cli.h"
#include "th-db-task.h"
#include "th-error.h"
#include "th-policy.h"

/* The PIN is the file's text less one trailing newline. The file's bytes
 * are wiped once copied; it is never printed, not even in an error message. */
char *
th_cli_read_pin_file (const char *path,
                      const char *option)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  char *pin;
  gsize len = 0;

  if (path == NULL)
    return NULL;
  if (!g_file_get_contents (path, &contents, &len, &error))
    {
      g_printerr (_("tihuo-cli: cannot read the PIN file given with %s: %s\n"), option, error->message);
      return NULL;
    }
  pin = g_strndup (contents, len);
  sodium_memzero (contents, len);
  g_free (contents);
  len = strlen (pin);
  if (len > 0 && pin[len - 1] == '\n')
    pin[--len] = '\0';
  if (len > 0 && pin[len - 1] == '\r')
    pin[--len] = '\0';
  return pin;
}

/**
 * th_cli_authenticate:
 * @staff: the --staff NAME, or NULL
 * @pin_file: the --pin-file with that person's PIN, or NULL
 *
 * Returns: (transfer full): the staff member to record, or NULL after
 *   printing why (exit 1 for a refusal, 2 for a usage or I/O error in
 *   *status)
 */
ThStaff *
th_cli_authenticate (ThDb        *db,
                     const char  *staff,
                     const char  *pin_file,
                     gint64       now,
                     int         *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThCliPin) pin = NULL;
  ThStaff *who;
  ThPolicy policy;

  *status = TH_CLI_ERROR;
  if (staff == NULL)
    {
      g_printerr (_("tihuo-cli: say who does this with --staff NAME and --pin-file F (a file holding their PIN)\n"));
      return NULL;
    }
  if (pin_file != NULL)
    {
      if (!(pin = th_cli_read_pin_file (pin_file, "--pin-file")))
        return NULL;
      if (!(who = th_staff_verify_pin (db, staff, pin, TH_PIN_PURPOSE_ACT, now, &error)))
        *status = th_cli_fail (error);
      return who;
    }
  if (!th_policy_load (db, &policy, &error))
    {
      *status = th_cli_fail (error);
      return NULL;
    }
  if (!policy.cli_trusted)
    {
      g_set_error (&error, TH_ERROR, TH_ERROR_REFUSED,
                   _("This station needs the PIN of %s: add --pin-file F with a file holding it. "
                     "For scripts, a leader can set cli-trusted to true (tihuo-cli settings set)."),
                   staff);
      *status = th_cli_fail (error);
      return NULL;
    }
  if (!(who = th_staff_find (db, staff, &error)))
    *status = th_cli_fail (error);
  return who;
}
