/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared option parsing and output for tihuo-cli's commands. */
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <stdio.h>

#include "th-cli.h"
#include "th-error.h"
#include "th-json.h"
#include "th-time.h"

static char *db_path;
static gboolean json_output;
static gboolean check_first;

static const GOptionEntry common_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("Station database (default: $TIHUO_DB or the user data folder)"), N_("PATH") },
  { "json", 0, 0, G_OPTION_ARG_NONE, &json_output, N_("Print stable JSON instead of text"), NULL },
  { "check", 0, 0, G_OPTION_ARG_NONE, &check_first, N_("Check every page of the database first (slow on a big station)"), NULL },
  { NULL }
};

gboolean
th_cli_parse (int                 *argc,
              char              ***argv,
              const char          *parameter_string,
              const GOptionEntry  *entries)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameter_string);
  g_autoptr(GError) error = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, common_entries, GETTEXT_PACKAGE);
  if (entries)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("tihuo-cli: %s\n", error->message);
      g_printerr (_("Run “tihuo-cli %s --help” for the options.\n"), (*argv)[0]);
      return FALSE;
    }
  return TRUE;
}

gboolean
th_cli_json (void)
{
  return json_output;
}

char *
th_cli_db_path (void)
{
  if (db_path != NULL)
    return g_strdup (db_path);
  if (g_getenv ("TIHUO_DB") != NULL)
    return g_strdup (g_getenv ("TIHUO_DB"));
  return g_build_filename (g_get_user_data_dir (), "tihuo", "station.db", NULL);
}

static ThDb *
open_db (ThDbOpenFlags   flags,
         GError        **error)
{
  g_autofree char *path = th_cli_db_path ();

  return th_db_open_full (path, flags | (check_first ? TH_DB_OPEN_CHECK : 0), error);
}

ThDb *
th_cli_open_db (GError **error)
{
  return open_db (TH_DB_OPEN_CREATE, error);
}

/* For commands that only read: a mistyped --db is an error, not a new
 * empty station. */
ThDb *
th_cli_open_existing_db (GError **error)
{
  return open_db (0, error);
}

int
th_cli_fail (GError *error)
{
  gboolean refused = g_error_matches (error, TH_ERROR, TH_ERROR_REFUSED);

  if (json_output && refused)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "refused");
      json_builder_add_string_value (b, error->message);
      json_builder_end_object (b);
      node = json_builder_get_root (b);
      th_cli_print_json (node);
    }
  g_printerr ("tihuo-cli: %s\n", error->message);
  return refused ? TH_CLI_NEGATIVE : TH_CLI_ERROR;
}

void
th_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (gen, node);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, NULL);
  g_print ("%s\n", text);
}

static JsonNode *
lines_json (GArray *lines)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; lines && i < lines->len; i++)
    {
      ThLineQty *l = &g_array_index (lines, ThLineQty, i);
      JsonObject *obj = json_object_new ();

      json_object_set_int_member (obj, "line", l->line);
      json_object_set_int_member (obj, "qty", l->qty);
      json_array_add_object_element (array, obj);
    }
  json_node_take_array (node, array);
  return node;
}

JsonNode *
th_cli_verification_to_json (ThVerification *v)
{
  JsonObject *obj = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (obj, "verdict", th_verdict_to_string (v->verdict));
  json_object_set_boolean_member (obj, "provisional", v->provisional);
  json_object_set_string_member (obj, "message", th_verdict_describe (v->verdict));
  if (v->order_id >= 0)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, v->order_id);
      json_object_set_string_member (obj, "order_id", id);
    }
  else
    json_object_set_null_member (obj, "order_id");
  if (v->order)
    json_object_set_member (obj, "order", th_order_to_json (v->order));
  else
    json_object_set_null_member (obj, "order");
  json_object_set_member (obj, "remaining", lines_json (v->remaining));

  if (v->verdict == TH_VERDICT_WRONG_STATION)
    json_object_set_int_member (obj, "code_station_id", v->code_station_id);
  if (v->verdict == TH_VERDICT_NOT_YET_VALID || v->verdict == TH_VERDICT_EXPIRED)
    {
      g_autofree char *nb = th_time_format_rfc3339 (v->not_before);
      g_autofree char *na = th_time_format_rfc3339 (v->not_after);
      json_object_set_string_member (obj, "not_before", nb);
      json_object_set_string_member (obj, "not_after", na);
    }
  if (v->verdict == TH_VERDICT_ALREADY_COLLECTED)
    {
      JsonObject *c = json_object_new ();
      g_autofree char *at = th_time_format_rfc3339 (v->collected_at);

      json_object_set_string_member (c, "at", at);
      json_object_set_string_member (c, "by", v->collected_by);
      json_object_set_string_member (c, "terminal", v->collected_terminal);
      json_object_set_string_member (c, "collection_id", v->collection_id);
      json_object_set_object_member (obj, "collected", c);
    }
  else if (v->collected)
    {
      json_object_set_string_member (obj, "collection_id", v->collection_id);
      json_object_set_member (obj, "collected_lines", lines_json (v->collected));
    }
  json_node_take_object (node, obj);
  return node;
}

static void
print_lines (ThOrder *order,
             GArray  *lines)
{
  for (guint i = 0; lines && i < lines->len; i++)
    {
      ThLineQty *lq = &g_array_index (lines, ThLineQty, i);
      ThOrderLine *l = order ? th_order_get_line (order, lq->line) : NULL;

      g_print ("  %3u × %s\n", lq->qty, l ? l->name : "?");
    }
}

void
th_cli_print_verification (ThVerification *v)
{
  g_print ("%s%s: %s\n", th_verdict_to_string (v->verdict),
           v->provisional ? _(" (provisional)") : "", th_verdict_describe (v->verdict));
  if (v->order_id >= 0)
    g_print (_("Order %" PRId64 "\n"), v->order_id);
  if (v->order && !v->order->provisional)
    g_print (_("Customer %s, phone …%s, slot %s %s–%s\n"), v->order->customer_name, v->order->phone_tail,
             v->order->slot_date, v->order->slot_start, v->order->slot_end);

  switch (v->verdict)
    {
    case TH_VERDICT_OK:
      if (v->collected)
        {
          g_print (_("Handed over (collection %s):\n"), v->collection_id);
          print_lines (v->order, v->collected);
          if (v->remaining->len > 0)
            {
              g_print (_("Still to hand over:\n"));
              print_lines (v->order, v->remaining);
            }
        }
      else if (v->provisional)
        g_print (_("The order is not in this station's copy yet: hand over the bag labelled with it.\n"));
      else
        {
          g_print (_("To hand over:\n"));
          print_lines (v->order, v->remaining);
        }
      break;

    case TH_VERDICT_ALREADY_COLLECTED:
      {
        g_autofree char *at = th_time_format_local (v->collected_at, "%Y-%m-%d %H:%M:%S");
        if (v->collected_terminal)
          g_print (_("Collected %s by %s at terminal %s (collection %s)\n"), at,
                   v->collected_by[0] ? v->collected_by : _("unknown staff"),
                   v->collected_terminal, v->collection_id);
        else
          g_print (_("Collected %s, recorded by the platform (another terminal)\n"), at);
      }
      break;

    case TH_VERDICT_WRONG_STATION:
      g_print (_("The code is for station %u.\n"), v->code_station_id);
      break;

    default:
      break;
    }
}
