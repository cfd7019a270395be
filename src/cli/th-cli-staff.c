/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tihuo-cli staff add|list|remove. PINs come from files, so they stay out of
 * the shell history and the process list. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-cli.h"
#include "th-staff.h"
#include "th-time.h"

#define STAFF_USAGE "add NAME --role ROLE --pin-file F [--by LEADER --pin-file-by F] | list | " \
                    "remove NAME --by LEADER --pin-file-by F"

static JsonNode *
staff_to_json (ThStaff *s,
               gint64   now)
{
  JsonObject *obj = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *created = th_time_format_rfc3339 (s->created_at);

  json_object_set_string_member (obj, "name", s->name);
  json_object_set_string_member (obj, "role", th_staff_role_to_string (s->role));
  json_object_set_string_member (obj, "created_at", created);
  json_object_set_string_member (obj, "created_by", s->created_by);
  json_object_set_boolean_member (obj, "locked", th_staff_is_locked (s, now));
  json_node_take_object (node, obj);
  return node;
}

static int
staff_list (gint64 now)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ThDb) db = th_cli_open_db (&error);

  if (db == NULL || !(list = th_staff_list (db, &error)))
    return th_cli_fail (error);
  if (th_cli_json ())
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < list->len; i++)
        json_array_add_element (array, staff_to_json (g_ptr_array_index (list, i), now));
      json_node_take_array (node, array);
      th_cli_print_json (node);
      return TH_CLI_OK;
    }
  if (list->len == 0)
    g_print (_("No staff accounts yet. Add the leader first: tihuo-cli staff add NAME --role leader --pin-file F\n"));
  for (guint i = 0; i < list->len; i++)
    {
      ThStaff *s = g_ptr_array_index (list, i);
      g_print ("%-20s %-12s%s\n", s->name, th_staff_role_describe (s->role),
               th_staff_is_locked (s, now) ? _("  (locked after wrong PINs)") : "");
    }
  return TH_CLI_OK;
}

int
th_cli_cmd_staff (int    argc,
                  char **argv)
{
  g_autofree char *role_text = NULL;
  g_autofree char *pin_file = NULL;
  g_autofree char *by = NULL;
  g_autofree char *by_pin_file = NULL;
  g_autofree char *at = NULL;
  g_autoptr(ThCliPin) pin = NULL;
  g_autoptr(ThCliPin) by_pin = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ThDb) db = NULL;
  ThStaffRole role = TH_STAFF_ROLE_CASHIER;
  gint64 now;
  const GOptionEntry entries[] = {
    { "role", 0, 0, G_OPTION_ARG_STRING, &role_text, N_("leader, supervisor or cashier"), N_("ROLE") },
    { "pin-file", 0, 0, G_OPTION_ARG_FILENAME, &pin_file, N_("File holding the new account's PIN (4–8 digits)"), N_("FILE") },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("The leader who authorises the change"), N_("LEADER") },
    { "pin-file-by", 0, 0, G_OPTION_ARG_FILENAME, &by_pin_file, N_("File holding that leader's PIN"), N_("FILE") },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at, N_("Record as at this unix time (for tests)"), N_("UNIX_TIME") },
    { NULL }
  };

  if (!th_cli_parse (&argc, &argv, "add|list|remove …", entries) || !th_cli_parse_at (at, &now))
    return TH_CLI_ERROR;
  if (argc == 2 && g_strcmp0 (argv[1], "list") == 0)
    return staff_list (now);

  if (argc != 3 || (g_strcmp0 (argv[1], "add") != 0 && g_strcmp0 (argv[1], "remove") != 0))
    {
      g_printerr (_("Usage: tihuo-cli staff %s\n"), STAFF_USAGE);
      return TH_CLI_ERROR;
    }
  if ((by != NULL) != (by_pin_file != NULL))
    {
      g_printerr (_("tihuo-cli: --by and --pin-file-by go together\n"));
      return TH_CLI_ERROR;
    }
  if (by_pin_file && !(by_pin = th_cli_read_pin_file (by_pin_file, "--pin-file-by")))
    return TH_CLI_ERROR;

  if (g_str_equal (argv[1], "add"))
    {
      g_autoptr(ThStaff) staff = NULL;

      if (role_text == NULL || !th_staff_role_from_string (role_text, &role) || pin_file == NULL)
        {
          g_printerr (_("tihuo-cli: staff add needs --role leader|supervisor|cashier and --pin-file FILE\n"));
          return TH_CLI_ERROR;
        }
      if (!(pin = th_cli_read_pin_file (pin_file, "--pin-file")))
        return TH_CLI_ERROR;
      if (!(db = th_cli_open_db (&error)) ||
          !(staff = th_staff_add (db, argv[2], role, pin, by, by_pin, TH_PIN_COST_INTERACTIVE, now, &error)))
        return th_cli_fail (error);
      if (th_cli_json ())
        {
          g_autoptr(JsonNode) node = staff_to_json (staff, now);
          th_cli_print_json (node);
        }
      else
        g_print (_("Added %s (%s).\n"), staff->name, th_staff_role_describe (staff->role));
      return TH_CLI_OK;
    }

  if (!(db = th_cli_open_db (&error)) || !th_staff_remove (db, argv[2], by, by_pin, now, &error))
    return th_cli_fail (error);
  if (th_cli_json ())
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      JsonObject *obj = json_object_new ();

      json_object_set_string_member (obj, "removed", argv[2]);
      json_node_take_object (node, obj);
      th_cli_print_json (node);
    }
  else
    g_print (_("Removed %s. Their past refunds and cases keep their name.\n"), argv[2]);
  return TH_CLI_OK;
}
