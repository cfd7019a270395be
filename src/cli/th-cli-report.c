/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tihuo-cli report aftersales: the monthly after-sales summary. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-cli.h"
#include "th-money.h"
#include "th-report.h"
#include "th-time.h"

static JsonNode *
rows_to_json (GArray *rows)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < rows->len; i++)
    {
      ThReportRow *row = &g_array_index (rows, ThReportRow, i);
      JsonObject *obj = json_object_new ();

      json_object_set_string_member (obj, "key", row->key);
      json_object_set_string_member (obj, "label", row->label);
      json_object_set_int_member (obj, "cases", row->n_cases);
      json_object_set_int_member (obj, "refunds", row->n_refunds);
      json_object_set_int_member (obj, "refund_amount", row->refund_amount);
      json_array_add_object_element (array, obj);
    }
  json_node_take_array (node, array);
  return node;
}

static void
print_rows (const char *title,
            GArray     *rows)
{
  g_print ("%s\n", title);
  for (guint i = 0; i < rows->len; i++)
    {
      ThReportRow *row = &g_array_index (rows, ThReportRow, i);
      g_autofree char *amount = th_money_format (row->refund_amount);

      g_print ("  %-24s %-20s %5u %5u %12s\n", row->key, row->label, row->n_cases, row->n_refunds, amount);
    }
}

int
th_cli_cmd_report (int    argc,
                   char **argv)
{
  g_autofree char *month_text = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(ThReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ThDb) db = NULL;
  int year, month;
  const GOptionEntry entries[] = {
    { "month", 0, 0, G_OPTION_ARG_STRING, &month_text, N_("The month to sum up"), N_("YYYY-MM") },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv, N_("Also save it as CSV (UTF-8 with BOM)"), N_("FILE") },
    { NULL }
  };

  if (!th_cli_parse (&argc, &argv, "aftersales", entries) ||
      !th_cli_usage (argc, argv, 1, "aftersales --month YYYY-MM [--csv FILE]"))
    return TH_CLI_ERROR;
  if (g_strcmp0 (argv[1], "aftersales") != 0 || month_text == NULL)
    {
      g_printerr (_("Usage: tihuo-cli report aftersales --month YYYY-MM [--csv FILE]\n"));
      return TH_CLI_ERROR;
    }
  if (!th_report_parse_month (month_text, &year, &month))
    {
      g_printerr (_("tihuo-cli: --month is a month from %04d-01 to %04d-12, like 2026-11\n"),
                  TH_TIME_FIRST_YEAR, TH_TIME_LAST_YEAR);
      return TH_CLI_ERROR;
    }
  if (!(db = th_cli_open_db (&error)) || !(report = th_report_month (db, year, month, NULL, &error)))
    return th_cli_fail (error);
  if (csv && !th_report_write_csv (report, csv, &error))
    return th_cli_fail (error);

  if (th_cli_json ())
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      JsonObject *obj = json_object_new ();
      g_autofree char *month_key = g_strdup_printf ("%04d-%02d", year, month);

      json_object_set_string_member (obj, "month", month_key);
      json_object_set_int_member (obj, "cases", report->n_cases);
      json_object_set_int_member (obj, "refunds", report->n_refunds);
      json_object_set_int_member (obj, "refund_amount", report->refund_amount);
      json_object_set_member (obj, "by_category", rows_to_json (report->by_category));
      json_object_set_member (obj, "by_product", rows_to_json (report->by_product));
      json_node_take_object (node, obj);
      th_cli_print_json (node);
    }
  else
    {
      g_autofree char *total = th_money_format (report->refund_amount);

      g_print (_("After-sales %04d-%02d: %u cases, %u refunds, %s refunded.\n"), year, month,
               report->n_cases, report->n_refunds, total);
      print_rows (_("By category (key, name, cases, refunds, amount):"), report->by_category);
      print_rows (_("By product:"), report->by_product);
    }
  return TH_CLI_OK;
}
