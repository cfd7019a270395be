/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tihuo-cli refund and refund-slip. */
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "th-cli.h"
#include "th-error.h"
#include "th-money.h"
#include "th-order.h"
#include "th-refund-slip.h"
#include "th-time.h"

/* LINE:QTY[:AMOUNT],… with AMOUNT in fen. */
static GArray *
parse_refund_lines (const char *spec)
{
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (ThRefundLineRequest));
  g_auto(GStrv) parts = g_strsplit (spec, ",", -1);

  for (guint i = 0; parts[i]; i++)
    {
      g_auto(GStrv) f = g_strsplit (g_strstrip (parts[i]), ":", -1);
      guint n = g_strv_length (f);
      guint64 line, qty, amount = 0;
      ThRefundLineRequest r;

      if ((n != 2 && n != 3) ||
          !g_ascii_string_to_unsigned (f[0], 10, 1, 65535, &line, NULL) ||
          !g_ascii_string_to_unsigned (f[1], 10, 0, 100000, &qty, NULL) ||
          (n == 3 && !g_ascii_string_to_unsigned (f[2], 10, 0, G_GINT64_CONSTANT (1000000000000), &amount, NULL)))
        {
          g_printerr (_("tihuo-cli: --lines takes LINE:QTY or LINE:QTY:AMOUNT (in fen) separated by commas, "
                        "like 1:2 or 2:0:500\n"));
          return NULL;
        }
      r.line = (guint) line;
      r.qty = (guint) qty;
      r.amount = n == 3 ? (gint64) amount : -1;
      g_array_append_val (lines, r);
    }
  return g_steal_pointer (&lines);
}

JsonNode *
th_cli_refund_to_json (ThRefund *refund)
{
  JsonObject *obj = json_object_new ();
  JsonArray *lines = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *order_id = g_strdup_printf ("%" G_GINT64_FORMAT, refund->order_id);
  g_autofree char *at = th_time_format_rfc3339 (refund->at);

  json_object_set_string_member (obj, "refund_id", refund->id);
  json_object_set_string_member (obj, "event_id", refund->event_id);
  json_object_set_string_member (obj, "order_id", order_id);
  json_object_set_string_member (obj, "at", at);
  json_object_set_string_member (obj, "staff", refund->staff);
  json_object_set_string_member (obj, "reason", th_reason_to_string (refund->reason));
  json_object_set_string_member (obj, "note", refund->note);
  if (refund->approved_by)
    json_object_set_string_member (obj, "approved_by", refund->approved_by);
  else
    json_object_set_null_member (obj, "approved_by");
  json_object_set_int_member (obj, "amount", refund->amount);
  for (guint i = 0; i < refund->lines->len; i++)
    {
      ThRefundLine *l = &g_array_index (refund->lines, ThRefundLine, i);
      JsonObject *lo = json_object_new ();

      json_object_set_int_member (lo, "line", l->line);
      json_object_set_string_member (lo, "sku", l->sku);
      json_object_set_int_member (lo, "qty", l->qty);
      json_object_set_int_member (lo, "amount", l->amount);
      json_array_add_object_element (lines, lo);
    }
  json_object_set_array_member (obj, "lines", lines);
  json_node_take_object (node, obj);
  return node;
}

int
th_cli_cmd_refund (int    argc,
                   char **argv)
{
  g_autofree char *spec = NULL;
  g_autofree char *reason_text = NULL;
  g_autofree char *note = NULL;
  g_autofree char *staff = NULL;
  g_autofree char *approver = NULL;
  g_autofree char *pin_file = NULL;
  g_autofree char *approver_pin_file = NULL;
  g_autoptr(ThCliPin) approver_pin = NULL;
  g_autoptr(ThStaff) who = NULL;
  g_autofree char *slip = NULL;
  g_autofree char *at = NULL;
  g_autoptr(GArray) lines = NULL;
  g_autoptr(ThRefund) refund = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ThDb) db = NULL;
  ThRefundRequest request = { 0 };
  gint64 now;
  int status;
  const GOptionEntry entries[] = {
    { "lines", 0, 0, G_OPTION_ARG_STRING, &spec, N_("Lines to refund; AMOUNT in fen, default QTY × unit price"), N_("LINE:QTY[:AMOUNT],…") },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason_text, N_("damaged, spoiled, missing, wrong_item, quality or other"), N_("REASON") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("A note for the platform"), N_("TEXT") },
    { "staff", 0, 0, G_OPTION_ARG_STRING, &staff, N_("Who refunds"), N_("NAME") },
    { "pin-file", 0, 0, G_OPTION_ARG_FILENAME, &pin_file, N_("File holding the PIN of --staff"), N_("FILE") },
    { "approver", 0, 0, G_OPTION_ARG_STRING, &approver, N_("The supervisor or leader who approves"), N_("NAME") },
    { "approver-pin-file", 0, 0, G_OPTION_ARG_FILENAME, &approver_pin_file, N_("File holding the approver's PIN"), N_("FILE") },
    { "slip", 0, 0, G_OPTION_ARG_FILENAME, &slip, N_("Also save the refund slip as a PDF"), N_("FILE") },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at, N_("Record as at this unix time (for tests)"), N_("UNIX_TIME") },
    { NULL }
  };

  if (!th_cli_parse (&argc, &argv, "ORDER", entries) ||
      !th_cli_usage (argc, argv, 1, "ORDER --lines LINE:QTY[:AMOUNT],... --reason R [--note T] --staff NAME "
                                    "--pin-file F [--approver NAME --approver-pin-file F]") ||
      !th_cli_parse_at (at, &now))
    return TH_CLI_ERROR;
  if (!th_order_id_parse (argv[1], &request.order_id))
    {
      g_printerr (_("tihuo-cli: “%s” is not an order id\n"), argv[1]);
      return TH_CLI_ERROR;
    }
  if (spec == NULL || reason_text == NULL || !th_reason_from_string (reason_text, &request.reason))
    {
      g_printerr (_("tihuo-cli: refund needs --lines and --reason "
                    "(damaged, spoiled, missing, wrong_item, quality or other)\n"));
      return TH_CLI_ERROR;
    }
  if ((approver != NULL) != (approver_pin_file != NULL))
    {
      g_printerr (_("tihuo-cli: --approver and --approver-pin-file go together\n"));
      return TH_CLI_ERROR;
    }
  if (!(lines = parse_refund_lines (spec)) ||
      (approver_pin_file && !(approver_pin = th_cli_read_pin_file (approver_pin_file, "--approver-pin-file"))))
    return TH_CLI_ERROR;

  request.lines = (const ThRefundLineRequest *) lines->data;
  request.n_lines = lines->len;
  request.note = note;
  request.approver = approver;
  request.approver_pin = approver_pin;
  if (!(db = th_cli_open_db (&error)))
    return th_cli_fail (error);
  if (!(who = th_cli_authenticate (db, staff, pin_file, now, &status)))
    return status;
  request.staff = who->name;
  if (!(refund = th_refund_create (db, &request, now, &error)))
    return th_cli_fail (error);
  if (slip && !th_refund_slip_write_pdf (refund, slip, &error))
    {
      /* The refund stands; only the slip failed. */
      g_printerr (_("tihuo-cli: refund %s was recorded, but its slip was not saved: %s\n"), refund->id, error->message);
      return TH_CLI_ERROR;
    }

  if (th_cli_json ())
    {
      g_autoptr(JsonNode) node = th_cli_refund_to_json (refund);
      th_cli_print_json (node);
    }
  else
    {
      g_autofree char *amount = th_money_format (refund->amount);

      g_print (_("Refund %s: %s for order %" PRId64 "."), refund->id, amount, refund->order_id);
      if (refund->approved_by)
        g_print (_(" Approved by %s."), refund->approved_by);
      g_print ("\n%s\n", _("The money is paid back when the platform processes the refund."));
    }
  return TH_CLI_OK;
}

int
th_cli_cmd_refund_slip (int    argc,
                        char **argv)
{
  g_autofree char *pdf = NULL;
  g_autoptr(ThRefund) refund = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ThDb) db = NULL;
  const GOptionEntry entries[] = {
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf, N_("Where to save the slip"), N_("FILE") },
    { NULL }
  };

  if (!th_cli_parse (&argc, &argv, "REFUND_ID", entries) || !th_cli_usage (argc, argv, 1, "REFUND_ID --pdf FILE"))
    return TH_CLI_ERROR;
  if (pdf == NULL)
    {
      g_printerr (_("tihuo-cli: refund-slip needs --pdf FILE\n"));
      return TH_CLI_ERROR;
    }
  if (!(db = th_cli_open_db (&error)) || !(refund = th_refund_load (db, argv[1], &error)))
    {
      if (g_error_matches (error, TH_ERROR, TH_ERROR_NOT_FOUND))
        error->code = TH_ERROR_REFUSED;
      return th_cli_fail (error);
    }
  if (!th_refund_slip_write_pdf (refund, pdf, &error))
    return th_cli_fail (error);
  if (!th_cli_json ())
    g_print (_("Saved the slip of refund %s to %s.\n"), refund->id, pdf);
  return TH_CLI_OK;
}
