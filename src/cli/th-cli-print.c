/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tihuo-cli print-test and print-queue: the self-test page to a thermal
 * printer or a PDF, and the jobs waiting for a printer. */
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "th-cli.h"
#include "th-escpos.h"
#include "th-print-queue.h"
#include "th-print-test-page.h"
#include "th-time.h"

static const ThPrintMedium *
choose_medium (const char *name,
               int         width,
               gboolean    escpos)
{
  const ThPrintMedium *medium;

  if (name)
    {
      medium = th_print_medium_lookup (name);
      if (medium == NULL || (escpos && medium->dots == 0))
        {
          guint n;
          const ThPrintMedium *media = th_print_media (&n);
          g_autoptr(GString) names = g_string_new (NULL);

          for (guint i = 0; i < n; i++)
            if (!escpos || media[i].dots)
              g_string_append_printf (names, "%s%s", names->len ? ", " : "", media[i].name);
          g_printerr (_("tihuo-cli: unknown medium “%s”; use one of %s\n"), name, names->str);
          return NULL;
        }
      return medium;
    }
  if (escpos && (medium = th_print_medium_receipt ((guint) width)) == NULL)
    g_printerr (_("tihuo-cli: --width is 58 or 80 (mm of paper)\n"));
  return escpos ? medium : th_print_medium_lookup ("a4");
}

static int
queue_and_print (const char *medium,
                 const char *target,
                 GBytes     *data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThDb) db = th_cli_open_db (&error);
  gint64 id;

  if (db == NULL ||
      !(id = th_print_queue_add (db, "test-page", _("Printer test"), medium, TH_PRINT_FORMAT_ESCPOS,
                                 target, data, "", th_time_now (), &error)))
    return th_cli_fail (error);
  if (!th_print_queue_print (db, id, th_time_now (), NULL, &error))
    {
      g_printerr (_("tihuo-cli: %s\nThe page waits in the print queue as job %" PRId64
                    "; run “tihuo-cli print-queue retry %" PRId64 "” when the printer is ready.\n"),
                  error->message, id, id);
      return TH_CLI_ERROR;
    }
  g_print (_("Test page printed to %s (print job %" PRId64 ").\n"), target, id);
  return TH_CLI_OK;
}

int
th_cli_cmd_print_test (int    argc,
                       char **argv)
{
  g_autofree char *escpos = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *medium_name = NULL;
  g_autoptr(ThPrintDoc) doc = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GError) error = NULL;
  const ThPrintMedium *medium;
  gboolean queue = FALSE;
  int width = 58;
  const GOptionEntry entries[] = {
    { "escpos", 0, 0, G_OPTION_ARG_FILENAME, &escpos, N_("Print raw ESC/POS to a device or a network printer"), N_("DEVICE_OR_HOST:PORT") },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, N_("Receipt paper width for --escpos: 58 or 80"), N_("MM") },
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf, N_("Save the page as PDF"), N_("FILE") },
    { "medium", 0, 0, G_OPTION_ARG_STRING, &medium_name, N_("label-40x30, label-50x30, label-60x40, receipt-58, receipt-80 or a4"), N_("NAME") },
    { "queue", 0, 0, G_OPTION_ARG_NONE, &queue, N_("Go through the print queue, so the page waits if the printer is off"), NULL },
    { NULL }
  };

  if (!th_cli_parse (&argc, &argv, "", entries) || !th_cli_usage (argc, argv, 0, "(--escpos DEVICE_OR_HOST:PORT [--width 58|80] | --pdf FILE) [--medium NAME]"))
    return TH_CLI_ERROR;
  if ((escpos == NULL) == (pdf == NULL))
    {
      g_printerr (_("tihuo-cli: print-test needs either --escpos DEVICE_OR_HOST:PORT or --pdf FILE\n"));
      return TH_CLI_ERROR;
    }
  if (!(medium = choose_medium (medium_name, width, escpos != NULL)))
    return TH_CLI_ERROR;
  doc = th_print_test_page_doc_new (medium);

  if (pdf)
    {
      if (!th_print_doc_write_pdf (doc, pdf, &error))
        return th_cli_fail (error);
      g_print (_("Test page saved as %s (%s).\n"), pdf, _(medium->title));
      return TH_CLI_OK;
    }
  if (!(data = th_escpos_encode_doc (doc, &error)))
    return th_cli_fail (error);
  if (queue)
    return queue_and_print (medium->name, escpos, data);
  if (!th_escpos_send (escpos, data, NULL, &error))
    return th_cli_fail (error);
  g_print (_("Test page printed to %s (%s, %u dots wide).\n"), escpos, _(medium->title), medium->dots);
  return TH_CLI_OK;
}

static void
print_job (ThPrintJob *job)
{
  g_autofree char *at = th_time_format_local (job->created_at, "%Y-%m-%d %H:%M");

  g_print ("%6" PRId64 "  %-8s  %-12s  %-12s  %s  %s\n", job->id, th_print_job_state_to_string (job->state),
           job->kind, job->medium, at, job->target);
  if (job->last_error && job->state != TH_PRINT_JOB_PRINTED)
    g_print ("        %s\n", job->last_error);
}

static JsonNode *
job_to_json (ThPrintJob *job)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, job->id);
  json_builder_set_member_name (b, "state");
  json_builder_add_string_value (b, th_print_job_state_to_string (job->state));
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, job->kind);
  json_builder_set_member_name (b, "medium");
  json_builder_add_string_value (b, job->medium);
  json_builder_set_member_name (b, "target");
  json_builder_add_string_value (b, job->target);
  json_builder_set_member_name (b, "attempts");
  json_builder_add_int_value (b, job->attempts);
  json_builder_set_member_name (b, "last_error");
  if (job->last_error)
    json_builder_add_string_value (b, job->last_error);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "reprint_of");
  json_builder_add_int_value (b, job->reprint_of);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static int
list_jobs (ThDb *db,
           gboolean all)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) jobs = th_print_queue_list (db, !all, &error);

  if (jobs == NULL)
    return th_cli_fail (error);
  if (th_cli_json ())
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < jobs->len; i++)
        json_array_add_element (array, job_to_json (g_ptr_array_index (jobs, i)));
      json_node_take_array (node, array);
      th_cli_print_json (node);
    }
  else if (jobs->len == 0)
    g_print (all ? _("No print jobs.\n") : _("No print jobs are waiting.\n"));
  else
    for (guint i = 0; i < jobs->len; i++)
      print_job (g_ptr_array_index (jobs, i));
  return TH_CLI_OK;
}

int
th_cli_cmd_print_queue (int    argc,
                        char **argv)
{
  g_autofree char *staff = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ThDb) db = NULL;
  gboolean all = FALSE;
  gint64 id = 0;
  char *end = NULL;
  const char *usage = "list [--all] | retry ID | drop ID --staff NAME | reprint ID --staff NAME";
  const GOptionEntry entries[] = {
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("List printed and dropped jobs too"), NULL },
    { "staff", 0, 0, G_OPTION_ARG_STRING, &staff, N_("Who drops or reprints (recorded in the audit log)"), N_("NAME") },
    { NULL }
  };

  if (!th_cli_parse (&argc, &argv, "list|retry|drop|reprint [ID]", entries))
    return TH_CLI_ERROR;
  if (argc == 3)
    id = g_ascii_strtoll (argv[2], &end, 10);
  if (argc < 2 || !((g_str_equal (argv[1], "list") && argc == 2) ||
                    (argc == 3 && end && *end == '\0' && id > 0 &&
                     (g_str_equal (argv[1], "retry") ||
                      ((g_str_equal (argv[1], "drop") || g_str_equal (argv[1], "reprint")) && staff)))))
    {
      g_printerr (_("Usage: tihuo-cli print-queue %s\n"), usage);
      return TH_CLI_ERROR;
    }
  if (!(db = th_cli_open_db (&error)))
    return th_cli_fail (error);

  if (g_str_equal (argv[1], "list"))
    return list_jobs (db, all);
  if (g_str_equal (argv[1], "retry"))
    {
      if (!th_print_queue_print (db, id, th_time_now (), NULL, &error))
        return th_cli_fail (error);
      g_print (_("Print job %" PRId64 " printed.\n"), id);
    }
  else if (g_str_equal (argv[1], "drop"))
    {
      if (!th_print_queue_drop (db, id, staff, th_time_now (), &error))
        return th_cli_fail (error);
      g_print (_("Print job %" PRId64 " dropped.\n"), id);
    }
  else
    {
      gint64 new_id = th_print_queue_reprint (db, id, staff, th_time_now (), &error);

      if (new_id == 0)
        return th_cli_fail (error);
      if (!th_print_queue_print (db, new_id, th_time_now (), NULL, &error))
        {
          g_printerr (_("tihuo-cli: %s\nThe reprint waits in the print queue as job %" PRId64 ".\n"),
                      error->message, new_id);
          return TH_CLI_ERROR;
        }
      g_print (_("Print job %" PRId64 " reprinted as job %" PRId64 ".\n"), id, new_id);
    }
  return TH_CLI_OK;
}
