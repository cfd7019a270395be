/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tihuo-cli backup and restore. */
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "th-backup.h"
#include "th-cli.h"
#include "th-error.h"
#include "th-time.h"

int
th_cli_cmd_backup (int    argc,
                   char **argv)
{
  g_autofree char *to = NULL;
  g_autofree char *written = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ThDb) db = NULL;
  const GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_FILENAME, &to, N_("Write the backup to this file"), N_("FILE") },
    { NULL }
  };

  if (!th_cli_parse (&argc, &argv, "", entries) || !th_cli_usage (argc, argv, 0, "[--to FILE]"))
    return TH_CLI_ERROR;
  if (!(db = th_cli_open_existing_db (&error)))
    return th_cli_fail (error);
  if (to != NULL)
    written = th_db_backup_to (db, to, &error) ? g_strdup (to) : NULL;
  else
    written = th_backup_manual (db, th_time_now (), &error);
  if (written == NULL)
    return th_cli_fail (error);

  if (th_cli_json ())
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      JsonObject *obj = json_object_new ();

      json_object_set_string_member (obj, "backup", written);
      json_node_take_object (node, obj);
      th_cli_print_json (node);
    }
  else
    g_print (_("Backup written to %s.\n"), written);
  return TH_CLI_OK;
}

int
th_cli_cmd_restore (int    argc,
                    char **argv)
{
  g_auto(ThRestoreReport) report = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (!th_cli_parse (&argc, &argv, "FILE", NULL) || !th_cli_usage (argc, argv, 1, "FILE"))
    return TH_CLI_ERROR;
  path = th_cli_db_path ();
  if (!th_backup_restore (path, argv[1], th_time_now (), &report, &error))
    {
      /* A file that is not a good backup is a refusal: nothing changed. */
      if (g_error_matches (error, TH_ERROR, TH_ERROR_CORRUPT))
        error->code = TH_ERROR_REFUSED;
      return th_cli_fail (error);
    }

  if (th_cli_json ())
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      JsonObject *obj = json_object_new ();

      json_object_set_string_member (obj, "restored", argv[1]);
      json_object_set_string_member (obj, "database", path);
      if (report.aside_path)
        json_object_set_string_member (obj, "set_aside", report.aside_path);
      else
        json_object_set_null_member (obj, "set_aside");
      json_object_set_int_member (obj, "outbox_restored", report.restored_outbox);
      if (report.current_outbox >= 0)
        json_object_set_int_member (obj, "outbox_set_aside", report.current_outbox);
      else
        json_object_set_null_member (obj, "outbox_set_aside");
      json_object_set_int_member (obj, "audit_entries", (gint64) report.audit_entries);
      json_node_take_object (node, obj);
      th_cli_print_json (node);
      return TH_CLI_OK;
    }

  g_print (_("Restored %s as the station database %s (integrity and audit log checked, %" PRIu64
             " audit entries).\n"), argv[1], path, report.audit_entries);
  if (report.aside_path)
    g_print (_("The database that was in use is kept at %s.\n"), report.aside_path);
  if (report.current_outbox >= 0)
    g_print (_("Events waiting to be sent: %" PRId64 " in the restored database, %" PRId64
               " in the one set aside.\n"), report.restored_outbox, report.current_outbox);
  else
    g_print (_("Events waiting to be sent: %" PRId64 " in the restored database; the number in the "
               "one set aside could not be read.\n"), report.restored_outbox);
  if (report.current_outbox > report.restored_outbox)
    g_print (_("Warning: the restored database has fewer events waiting than the one set aside. Hand-overs "
               "and refunds made after the backup are not in it; keep the file set aside for support.\n"));
  return TH_CLI_OK;
}
