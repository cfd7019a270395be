/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tihuo-cli case open|update|list: the after-sales ledger. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-case.h"
#include "th-cli.h"
#include "th-order.h"
#include "th-time.h"

#define CASE_USAGE "open|update|list …"

static char *order_text;
static char *category_text;
static char *description;
static char *lines_spec;
static char **photos;
static char *photo_dir;
static char *staff;
static char *status_text;
static char *resolution_text;
static char *refund_id;
static char *note;
static char *sku;
static char *from_date;
static char *to_date;
static char *search;
static gboolean overdue;
static char *pin_file;
static char *at;

static const GOptionEntry entries[] = {
  { "order", 0, 0, G_OPTION_ARG_STRING, &order_text, N_("open, list: the order (none for a walk-in complaint)"), N_("ID") },
  { "category", 0, 0, G_OPTION_ARG_STRING, &category_text, N_("open, list: damaged, spoiled, missing, wrong_item, quality or other"), N_("CATEGORY") },
  { "description", 0, 0, G_OPTION_ARG_STRING, &description, N_("open: what the customer reports"), N_("TEXT") },
  { "lines", 0, 0, G_OPTION_ARG_STRING, &lines_spec, N_("open: the affected lines"), N_("LINE:QTY,…") },
  { "photo", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &photos, N_("open: a photo (up to 6 times)"), N_("FILE") },
  { "photo-dir", 0, 0, G_OPTION_ARG_FILENAME, &photo_dir, N_("open: where photos are kept (default: photos/ next to the database)"), N_("DIR") },
  { "staff", 0, 0, G_OPTION_ARG_STRING, &staff, N_("open, update: who records it"), N_("NAME") },
  { "pin-file", 0, 0, G_OPTION_ARG_FILENAME, &pin_file, N_("open, update: file holding the PIN of --staff"), N_("FILE") },
  { "status", 0, 0, G_OPTION_ARG_STRING, &status_text, N_("update: responded, resolved or rejected; list: any status, or several with commas"), N_("STATUS") },
  { "resolution", 0, 0, G_OPTION_ARG_STRING, &resolution_text, N_("update: refund, replacement, coupon or none"), N_("RESOLUTION") },
  { "refund", 0, 0, G_OPTION_ARG_STRING, &refund_id, N_("update: the refund that resolves the case"), N_("REFUND_ID") },
  { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("update: a note"), N_("TEXT") },
  { "sku", 0, 0, G_OPTION_ARG_STRING, &sku, N_("list: cases about this product"), N_("SKU") },
  { "from", 0, 0, G_OPTION_ARG_STRING, &from_date, N_("list: opened on or after this day"), N_("YYYY-MM-DD") },
  { "to", 0, 0, G_OPTION_ARG_STRING, &to_date, N_("list: opened on or before this day"), N_("YYYY-MM-DD") },
  { "search", 0, 0, G_OPTION_ARG_STRING, &search, N_("list: text to look for"), N_("TEXT") },
  { "overdue", 0, 0, G_OPTION_ARG_NONE, &overdue, N_("list: only overdue cases"), NULL },
  { "at", 0, 0, G_OPTION_ARG_STRING, &at, N_("Record or judge as at this unix time (for tests)"), N_("UNIX_TIME") },
  { NULL }
};

/* A local calendar day, as unix time at its start (+1 day for --to). */
static gboolean
parse_day (const char *text,
           int         extra_days,
           gint64     *out)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();

  if (text == NULL)
    return TRUE;
  if (!th_time_parse_day (text, tz, out))
    {
      g_printerr (_("tihuo-cli: dates are days from %04d-01-01 to %04d-12-31 as YYYY-MM-DD, like 2026-11-21\n"),
                  TH_TIME_FIRST_YEAR, TH_TIME_LAST_YEAR);
      return FALSE;
    }
  *out += (gint64) extra_days * 86400;
  return TRUE;
}

JsonNode *
th_cli_case_to_json (ThCase                *c,
                     const ThCaseDeadlines *deadlines,
                     gint64                 now)
{
  JsonObject *obj = json_object_new ();
  JsonArray *lines = json_array_new ();
  JsonArray *photo_array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  ThCaseOverdue late = th_case_get_overdue (c, deadlines, now);
  g_autofree char *opened = th_time_format_rfc3339 (c->opened_at);

  json_object_set_string_member (obj, "case_id", c->id);
  if (c->order_id >= 0)
    {
      g_autofree char *order = g_strdup_printf ("%" G_GINT64_FORMAT, c->order_id);
      json_object_set_string_member (obj, "order_id", order);
    }
  else
    json_object_set_null_member (obj, "order_id");
  json_object_set_string_member (obj, "category", th_reason_to_string (c->category));
  json_object_set_string_member (obj, "description", c->description);
  json_object_set_string_member (obj, "status", th_case_status_to_string (c->status));
  if (c->status == TH_CASE_RESOLVED)
    json_object_set_string_member (obj, "resolution", th_resolution_to_string (c->resolution));
  else
    json_object_set_null_member (obj, "resolution");
  if (c->refund_id)
    json_object_set_string_member (obj, "refund_id", c->refund_id);
  else
    json_object_set_null_member (obj, "refund_id");
  json_object_set_string_member (obj, "note", c->note);
  json_object_set_string_member (obj, "opened_at", opened);
  json_object_set_string_member (obj, "opened_by", c->opened_by);
  if (c->responded_at)
    {
      g_autofree char *t = th_time_format_rfc3339 (c->responded_at);
      json_object_set_string_member (obj, "responded_at", t);
    }
  else
    json_object_set_null_member (obj, "responded_at");
  if (c->closed_at)
    {
      g_autofree char *t = th_time_format_rfc3339 (c->closed_at);
      json_object_set_string_member (obj, "closed_at", t);
    }
  else
    json_object_set_null_member (obj, "closed_at");
  json_object_set_boolean_member (obj, "overdue_response", (late & TH_CASE_OVERDUE_RESPONSE) != 0);
  json_object_set_boolean_member (obj, "overdue_resolution", (late & TH_CASE_OVERDUE_RESOLVE) != 0);
  for (guint i = 0; i < c->lines->len; i++)
    {
      ThCaseLine *l = &g_array_index (c->lines, ThCaseLine, i);
      JsonObject *lo = json_object_new ();

      json_object_set_int_member (lo, "line", l->line);
      json_object_set_string_member (lo, "sku", l->sku);
      json_object_set_int_member (lo, "qty", l->qty);
      json_array_add_object_element (lines, lo);
    }
  json_object_set_array_member (obj, "lines", lines);
  for (guint i = 0; i < c->photos->len; i++)
    {
      ThCasePhoto *p = &g_array_index (c->photos, ThCasePhoto, i);
      JsonObject *po = json_object_new ();

      json_object_set_string_member (po, "sha256", p->sha256);
      json_object_set_int_member (po, "bytes", p->bytes);
      json_array_add_object_element (photo_array, po);
    }
  json_object_set_array_member (obj, "photos", photo_array);
  json_node_take_object (node, obj);
  return node;
}

static void
print_case (ThCase                *c,
            const ThCaseDeadlines *deadlines,
            gint64                 now)
{
  g_autofree char *opened = th_time_format_local (c->opened_at, "%Y-%m-%d %H:%M");
  ThCaseOverdue late = th_case_get_overdue (c, deadlines, now);
  g_autofree char *order = c->order_id >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, c->order_id)
                                            : g_strdup (_("walk-in"));

  g_print ("%s  %s  %-10s %-10s %-16s %s%s\n", c->id, opened, th_case_status_describe (c->status),
           th_reason_describe (c->category), order, c->description,
           late ? _("  [OVERDUE]") : "");
}

static int
case_list (gint64 now)
{
  ThCaseFilter filter = TH_CASE_FILTER_INIT;
  ThCaseDeadlines station;
  const ThCaseDeadlines *deadlines = &station;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ThDb) db = NULL;
  ThReason category;

  if (status_text)
    {
      g_auto(GStrv) names = g_strsplit (status_text, ",", -1);
      for (guint i = 0; names[i]; i++)
        {
          ThCaseStatus s;
          if (!th_case_status_from_string (g_strstrip (names[i]), &s))
            {
              g_printerr (_("tihuo-cli: --status is open, responded, resolved or rejected\n"));
              return TH_CLI_ERROR;
            }
          filter.statuses |= 1u << s;
        }
    }
  if (category_text)
    {
      if (!th_reason_from_string (category_text, &category))
        {
          g_printerr (_("tihuo-cli: --category is damaged, spoiled, missing, wrong_item, quality or other\n"));
          return TH_CLI_ERROR;
        }
      filter.category = category;
    }
  if ((order_text && !th_order_id_parse (order_text, &filter.order_id)) ||
      !parse_day (from_date, 0, &filter.since) || !parse_day (to_date, 1, &filter.until))
    return TH_CLI_ERROR;
  filter.sku = sku;
  filter.search = search;
  filter.overdue_only = overdue;
  filter.deadlines = deadlines;
  filter.now = now;

  if (!(db = th_cli_open_db (&error)) || !th_case_deadlines_load (db, &station, &error) ||
      !(list = th_case_list (db, &filter, &error)))
    return th_cli_fail (error);
  if (th_cli_json ())
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < list->len; i++)
        json_array_add_element (array, th_cli_case_to_json (g_ptr_array_index (list, i), deadlines, now));
      json_node_take_array (node, array);
      th_cli_print_json (node);
    }
  else if (list->len == 0)
    g_print (_("No matching cases.\n"));
  for (guint i = 0; !th_cli_json () && i < list->len; i++)
    print_case (g_ptr_array_index (list, i), deadlines, now);
  return TH_CLI_OK;
}

static int
case_open (gint64 now)
{
  ThCaseRequest request = { -1, TH_REASON_OTHER, NULL, NULL, 0, NULL, NULL };
  g_autoptr(GArray) lines = NULL;
  g_autoptr(ThCase) c = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ThDb) db = NULL;
  g_autofree char *default_dir = NULL;
  g_autoptr(ThStaff) who = NULL;
  ThCaseDeadlines deadlines;
  int status;

  if (category_text == NULL || !th_reason_from_string (category_text, &request.category) ||
      description == NULL || staff == NULL)
    {
      g_printerr (_("tihuo-cli: case open needs --category, --description, --staff and --pin-file\n"));
      return TH_CLI_ERROR;
    }
  if ((order_text && !th_order_id_parse (order_text, &request.order_id)) ||
      (lines_spec && !(lines = th_cli_parse_line_qty (lines_spec))))
    return TH_CLI_ERROR;
  request.description = description;
  request.lines = lines ? (const ThLineQty *) lines->data : NULL;
  request.n_lines = lines ? lines->len : 0;
  request.photo_paths = (const char * const *) photos;

  if (!(db = th_cli_open_db (&error)))
    return th_cli_fail (error);
  if (!(who = th_cli_authenticate (db, staff, pin_file, now, &status)))
    return status;
  request.staff = who->name;
  if (photo_dir == NULL)
    photo_dir = default_dir = th_case_default_photo_dir (db);
  if (!(c = th_case_open (db, &request, photo_dir, now, &error)) ||
      !th_case_deadlines_load (db, &deadlines, &error))
    return th_cli_fail (error);
  if (th_cli_json ())
    {
      g_autoptr(JsonNode) node = th_cli_case_to_json (c, &deadlines, now);
      th_cli_print_json (node);
    }
  else
    g_print (_("Opened case %s.\n"), c->id);
  return TH_CLI_OK;
}

static int
case_update (const char *case_id,
             gint64      now)
{
  ThCaseStatus status;
  ThResolution resolution = TH_RESOLUTION_NONE;
  g_autoptr(ThCase) c = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ThDb) db = NULL;
  g_autoptr(ThStaff) who = NULL;
  ThCaseDeadlines deadlines;
  int exit_status;

  if (status_text == NULL || !th_case_status_from_string (status_text, &status) || status == TH_CASE_OPEN ||
      staff == NULL || (resolution_text && !th_resolution_from_string (resolution_text, &resolution)))
    {
      g_printerr (_("tihuo-cli: case update needs --status responded|resolved|rejected and --staff; "
                    "--resolution is refund, replacement, coupon or none\n"));
      return TH_CLI_ERROR;
    }
  if (status == TH_CASE_RESOLVED && resolution_text == NULL)
    {
      g_printerr (_("tihuo-cli: a resolved case needs --resolution\n"));
      return TH_CLI_ERROR;
    }
  if (!(db = th_cli_open_db (&error)))
    return th_cli_fail (error);
  if (!(who = th_cli_authenticate (db, staff, pin_file, now, &exit_status)))
    return exit_status;
  if (!(c = th_case_update (db, case_id, status, resolution, refund_id, note, who->name, now, &error)) ||
      !th_case_deadlines_load (db, &deadlines, &error))
    return th_cli_fail (error);
  if (th_cli_json ())
    {
      g_autoptr(JsonNode) node = th_cli_case_to_json (c, &deadlines, now);
      th_cli_print_json (node);
    }
  else
    g_print (_("Case %s is now %s.\n"), c->id, th_case_status_describe (c->status));
  return TH_CLI_OK;
}

int
th_cli_cmd_case (int    argc,
                 char **argv)
{
  gint64 now;

  if (!th_cli_parse (&argc, &argv, CASE_USAGE, entries) || !th_cli_parse_at (at, &now))
    return TH_CLI_ERROR;

  if (argc == 2 && g_strcmp0 (argv[1], "open") == 0)
    return case_open (now);
  if (argc == 3 && g_strcmp0 (argv[1], "update") == 0)
    return case_update (argv[2], now);
  if (argc == 2 && g_strcmp0 (argv[1], "list") == 0)
    return case_list (now);
  g_printerr (_("Usage: tihuo-cli case open [--order ID] --category C --description TEXT [--lines LINE:QTY,...] "
                "[--photo FILE]... --staff NAME --pin-file F\n"
                "       tihuo-cli case update CASE_ID --status S [--resolution R] [--refund ID] [--note T] --staff NAME "
                "--pin-file F\n"
                "       tihuo-cli case list [--status S,...] [--category C] [--sku SKU] [--order ID] [--from DAY] "
                "[--to DAY] [--search T] [--overdue]\n"));
  return TH_CLI_ERROR;
}
