/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tihuo-cli settings list|set: the station policy (th-policy.h). Anyone may
 * read it; only a leader changes it, with their PIN, and the audit log keeps
 * the old and new value. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-cli.h"
#include "th-policy-change.h"
#include "th-time.h"

#define SETTINGS_USAGE "list | set NAME VALUE --staff LEADER --pin-file F"

static const char *
kind_to_string (ThPolicyKind kind)
{
  switch (kind)
    {
    case TH_POLICY_KIND_FEN:
      return "fen";
    case TH_POLICY_KIND_MINUTES:
      return "minutes";
    case TH_POLICY_KIND_HOURS:
      return "hours";
    case TH_POLICY_KIND_BOOLEAN:
    default:
      return "boolean";
    }
}

static void
add_value (JsonObject         *obj,
           const char         *member,
           const ThPolicyInfo *info,
           gint64              value)
{
  if (info->kind == TH_POLICY_KIND_BOOLEAN)
    json_object_set_boolean_member (obj, member, value != 0);
  else
    json_object_set_int_member (obj, member, value);
}

static int
settings_list (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThDb) db = th_cli_open_db (&error);
  g_autoptr(JsonNode) node = NULL;
  JsonArray *array;
  ThPolicy policy;

  if (db == NULL || !th_policy_load (db, &policy, &error))
    return th_cli_fail (error);
  if (!th_cli_json ())
    {
      for (guint i = 0; i < TH_POLICY_N_SETTINGS; i++)
        {
          const ThPolicyInfo *info = th_policy_get_info (i);
          g_autofree char *value = th_policy_format_value (info, th_policy_get_value (&policy, i));

          g_print ("%-26s %-10s %s\n", info->name, value, _(info->summary));
        }
      return TH_CLI_OK;
    }

  node = json_node_new (JSON_NODE_ARRAY);
  array = json_array_new ();
  for (guint i = 0; i < TH_POLICY_N_SETTINGS; i++)
    {
      const ThPolicyInfo *info = th_policy_get_info (i);
      JsonObject *obj = json_object_new ();

      json_object_set_string_member (obj, "name", info->name);
      add_value (obj, "value", info, th_policy_get_value (&policy, i));
      add_value (obj, "default", info, info->default_value);
      json_object_set_string_member (obj, "unit", kind_to_string (info->kind));
      if (info->kind != TH_POLICY_KIND_BOOLEAN)
        {
          json_object_set_int_member (obj, "min", info->min);
          json_object_set_int_member (obj, "max", info->max);
        }
      json_array_add_object_element (array, obj);
    }
  json_node_take_array (node, array);
  th_cli_print_json (node);
  return TH_CLI_OK;
}

int
th_cli_cmd_settings (int    argc,
                     char **argv)
{
  g_autofree char *staff = NULL;
  g_autofree char *pin_file = NULL;
  g_autofree char *at = NULL;
  g_autoptr(ThCliPin) pin = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ThDb) db = NULL;
  gint64 now;
  const GOptionEntry entries[] = {
    { "staff", 0, 0, G_OPTION_ARG_STRING, &staff, N_("set: the leader who changes it"), N_("LEADER") },
    { "pin-file", 0, 0, G_OPTION_ARG_FILENAME, &pin_file, N_("set: file holding that leader's PIN"), N_("FILE") },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at, N_("Record as at this unix time (for tests)"), N_("UNIX_TIME") },
    { NULL }
  };

  if (!th_cli_parse (&argc, &argv, "list|set …", entries) || !th_cli_parse_at (at, &now))
    return TH_CLI_ERROR;
  if (argc == 2 && g_strcmp0 (argv[1], "list") == 0)
    return settings_list ();
  if (argc != 4 || g_strcmp0 (argv[1], "set") != 0)
    {
      g_printerr (_("Usage: tihuo-cli settings %s\n"), SETTINGS_USAGE);
      return TH_CLI_ERROR;
    }
  if (staff == NULL || pin_file == NULL)
    {
      g_printerr (_("tihuo-cli: settings set needs --staff LEADER and --pin-file F with that leader's PIN\n"));
      return TH_CLI_ERROR;
    }
  if (!(pin = th_cli_read_pin_file (pin_file, "--pin-file")))
    return TH_CLI_ERROR;
  if (!(db = th_cli_open_db (&error)) ||
      !th_policy_change (db, argv[2], argv[3], staff, pin, now, &error))
    return th_cli_fail (error);

  if (th_cli_json ())
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      JsonObject *obj = json_object_new ();
      const ThPolicyInfo *info = th_policy_lookup (argv[2], NULL);
      gint64 value = 0;

      th_policy_parse_value (info, argv[3], &value, NULL);
      json_object_set_string_member (obj, "name", info->name);
      add_value (obj, "value", info, value);
      json_node_take_object (node, obj);
      th_cli_print_json (node);
    }
  else
    g_print (_("%s is now %s for this station.\n"), argv[2], argv[3]);
  return TH_CLI_OK;
}
