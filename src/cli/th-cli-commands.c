/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tihuo-cli's commands: thin wrappers around the core. */
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "th-audit.h"
#include "th-cli.h"
#include "th-collect.h"
#include "th-error.h"
#include "th-key-store.h"
#include "th-lookup.h"
#include "th-order-store.h"
#include "th-outbox.h"
#include "th-identity.h"
#include "th-time.h"

#define OPEN_DB_OR_FAIL(db) \
  g_autoptr(GError) error = NULL; \
  g_autoptr(ThDb) db = th_cli_open_db (&error); \
  if (db == NULL) \
    return th_cli_fail (error)

/* Read-only commands never create a database. */
#define OPEN_EXISTING_DB_OR_FAIL(db) \
  g_autoptr(GError) error = NULL; \
  g_autoptr(ThDb) db = th_cli_open_existing_db (&error); \
  if (db == NULL) \
    return th_cli_fail (error)

static int
verdict_status (ThVerification *v)
{
  return v->verdict == TH_VERDICT_OK ? TH_CLI_OK : TH_CLI_NEGATIVE;
}

static int
cmd_init (int argc, char **argv)
{
  gint64 station = -1;
  char *terminal = NULL;
  const GOptionEntry entries[] = {
    { "station", 0, 0, G_OPTION_ARG_INT64, &station, N_("Station id"), N_("ID") },
    { "terminal", 0, 0, G_OPTION_ARG_STRING, &terminal, N_("This terminal's name"), N_("NAME") },
    { NULL }
  };

  if (!th_cli_parse (&argc, &argv, "", entries) || !th_cli_usage (argc, argv, 0, "--station ID --terminal NAME"))
    return TH_CLI_ERROR;
  if (station < 0 || station > G_MAXUINT32 || terminal == NULL)
    {
      g_printerr (_("tihuo-cli: init needs --station ID (0 to 4294967295) and --terminal NAME\n"));
      return TH_CLI_ERROR;
    }
  {
    OPEN_DB_OR_FAIL (db);
    if (!th_identity_setup (db, (guint32) station, terminal, &error))
      return th_cli_fail (error);
    if (!th_cli_json ())
      g_print (_("Station %u, terminal “%s”: ready (%s).\n"), (guint32) station, terminal, th_db_get_path (db));
    else
      g_print ("{\"station_id\": %u, \"terminal\": \"%s\"}\n", (guint32) station, terminal);
  }
  g_free (terminal);
  return TH_CLI_OK;
}

static int
cmd_import_orders (int argc, char **argv)
{
  ThImportStats stats = { 0 };

  if (!th_cli_parse (&argc, &argv, "FILE", NULL) || !th_cli_usage (argc, argv, 1, "FILE"))
    return TH_CLI_ERROR;
  {
    OPEN_DB_OR_FAIL (db);
    if (!th_order_store_import_file (db, argv[1], &stats, &error))
      return th_cli_fail (error);
  }
  if (th_cli_json ())
    g_print ("{\"new\": %u, \"updated\": %u, \"unchanged\": %u}\n", stats.n_new, stats.n_updated, stats.n_unchanged);
  else
    g_print (_("Imported: %u new, %u updated, %u unchanged.\n"), stats.n_new, stats.n_updated, stats.n_unchanged);
  return TH_CLI_OK;
}

static int
cmd_import_keys (int argc, char **argv)
{
  guint n = 0;

  if (!th_cli_parse (&argc, &argv, "FILE", NULL) || !th_cli_usage (argc, argv, 1, "FILE"))
    return TH_CLI_ERROR;
  {
    OPEN_DB_OR_FAIL (db);
    if (!th_key_store_import_file (db, argv[1], &n, &error))
      return th_cli_fail (error);
  }
  if (th_cli_json ())
    g_print ("{\"keys\": %u}\n", n);
  else
    g_print (_("Trusted keys replaced: %u keys.\n"), n);
  return TH_CLI_OK;
}

static int
cmd_verify (int argc, char **argv)
{
  g_autoptr(ThVerification) v = NULL;
  char *at = NULL;
  gint64 now;
  const GOptionEntry entries[] = {
    { "at", 0, 0, G_OPTION_ARG_STRING, &at, N_("Judge as at this unix time (for tests)"), N_("UNIX_TIME") },
    { NULL }
  };

  if (!th_cli_parse (&argc, &argv, "CODE", entries) || !th_cli_usage (argc, argv, 1, "CODE [--at UNIX_TIME]") ||
      !th_cli_parse_at (at, &now))
    return TH_CLI_ERROR;
  {
    OPEN_EXISTING_DB_OR_FAIL (db);
    if (!th_identity_get (db, NULL, NULL, &error) ||
        !(v = th_verifier_verify_code (db, argv[1], now, &error)))
      return th_cli_fail (error);
  }
  if (th_cli_json ())
    {
      g_autoptr(JsonNode) node = th_cli_verification_to_json (v);
      th_cli_print_json (node);
    }
  else
    th_cli_print_verification (v);
  g_free (at);
  return verdict_status (v);
}

static int
cmd_collect (int argc, char **argv)
{
  g_autoptr(ThVerification) v = NULL;
  g_autoptr(GArray) lines = NULL;
  g_autofree char *at = NULL;
  g_autofree char *spec = NULL;
  g_autofree char *staff = NULL;
  g_autofree char *pin_file = NULL;
  g_autoptr(ThStaff) who = NULL;
  gint64 now;
  int status;
  const GOptionEntry entries[] = {
    { "lines", 0, 0, G_OPTION_ARG_STRING, &spec, N_("Hand over only these lines"), N_("LINE:QTY,…") },
    { "staff", 0, 0, G_OPTION_ARG_STRING, &staff, N_("Who hands over"), N_("NAME") },
    { "pin-file", 0, 0, G_OPTION_ARG_FILENAME, &pin_file, N_("File holding the PIN of --staff"), N_("FILE") },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at, N_("Record as at this unix time (for tests)"), N_("UNIX_TIME") },
    { NULL }
  };

  if (!th_cli_parse (&argc, &argv, "CODE", entries) ||
      !th_cli_usage (argc, argv, 1, "CODE [--lines LINE:QTY,...] --staff NAME --pin-file F [--at UNIX_TIME]") ||
      !th_cli_parse_at (at, &now))
    return TH_CLI_ERROR;
  if (spec && !(lines = th_cli_parse_line_qty (spec)))
    return TH_CLI_ERROR;
  {
    OPEN_DB_OR_FAIL (db);
    if (!th_identity_get (db, NULL, NULL, &error))
      return th_cli_fail (error);
    if (!(who = th_cli_authenticate (db, staff, pin_file, now, &status)))
      return status;
    if (!(v = th_collect_code (db, argv[1], lines ? (ThLineQty *) lines->data : NULL, lines ? lines->len : 0,
                               who->name, now, &error)))
      return th_cli_fail (error);
  }
  if (th_cli_json ())
    {
      g_autoptr(JsonNode) node = th_cli_verification_to_json (v);
      th_cli_print_json (node);
    }
  else
    th_cli_print_verification (v);
  return verdict_status (v);
}

static int
cmd_undo (int argc, char **argv)
{
  g_autofree char *reason = NULL;
  g_autofree char *staff = NULL;
  g_autofree char *at = NULL;
  g_autofree char *event_id = NULL;
  g_autofree char *pin_file = NULL;
  g_autoptr(ThStaff) who = NULL;
  gint64 now;
  int status;
  const GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why the hand-over is undone"), N_("TEXT") },
    { "staff", 0, 0, G_OPTION_ARG_STRING, &staff, N_("Who undoes it"), N_("NAME") },
    { "pin-file", 0, 0, G_OPTION_ARG_FILENAME, &pin_file, N_("File holding the PIN of --staff"), N_("FILE") },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at, N_("Record as at this unix time (for tests)"), N_("UNIX_TIME") },
    { NULL }
  };

  if (!th_cli_parse (&argc, &argv, "COLLECTION_ID", entries) ||
      !th_cli_usage (argc, argv, 1, "COLLECTION_ID --reason TEXT --staff NAME --pin-file F") ||
      !th_cli_parse_at (at, &now))
    return TH_CLI_ERROR;
  if (reason == NULL)
    {
      g_printerr (_("tihuo-cli: undo needs --reason TEXT\n"));
      return TH_CLI_ERROR;
    }
  {
    OPEN_DB_OR_FAIL (db);
    if (!(who = th_cli_authenticate (db, staff, pin_file, now, &status)))
      return status;
    if (!th_collect_undo (db, argv[1], reason, who->name, now, &event_id, &error))
      {
        if (g_error_matches (error, TH_ERROR, TH_ERROR_NOT_FOUND))
          g_error_free (g_steal_pointer (&error)), error = g_error_new (TH_ERROR, TH_ERROR_REFUSED, "%s",
                                                                       _("No such collection at this station."));
        return th_cli_fail (error);
      }
  }
  if (th_cli_json ())
    g_print ("{\"undone\": \"%s\", \"event_id\": \"%s\"}\n", argv[1], event_id);
  else
    g_print (_("Hand-over %s undone; the order can be collected again.\n"), argv[1]);
  return TH_CLI_OK;
}

static void
print_orders (GPtrArray *orders)
{
  if (th_cli_json ())
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < orders->len; i++)
        json_array_add_element (array, th_order_to_json (g_ptr_array_index (orders, i)));
      json_node_take_array (node, array);
      th_cli_print_json (node);
      return;
    }
  if (orders->len == 0)
    g_print (_("No matching orders.\n"));
  for (guint i = 0; i < orders->len; i++)
    {
      ThOrder *o = g_ptr_array_index (orders, i);
      g_print ("%" G_GINT64_FORMAT "  %s  %-8s …%s  %s %s–%s  %s  %s\n", o->id,
               o->pickup_code ? o->pickup_code : "--------", o->customer_name, o->phone_tail,
               o->slot_date, o->slot_start, o->slot_end, th_order_status_to_string (o->status),
               th_order_total_remaining (o) ? _("to hand over") : _("nothing to hand over"));
    }
}

static int
cmd_lookup (int argc, char **argv)
{
  g_autoptr(GPtrArray) orders = NULL;
  g_autofree char *tail = NULL;
  g_autofree char *name = NULL;
  g_autofree char *code = NULL;
  const GOptionEntry entries[] = {
    { "phone-tail", 0, 0, G_OPTION_ARG_STRING, &tail, N_("Last 4 digits of the phone"), "NNNN" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Part of the customer's name"), N_("TEXT") },
    { "code", 0, 0, G_OPTION_ARG_STRING, &code, N_("8-digit pickup code"), "NNNNNNNN" },
    { NULL }
  };

  if (!th_cli_parse (&argc, &argv, "", entries) ||
      !th_cli_usage (argc, argv, 0, "(--phone-tail NNNN | --name TEXT | --code NNNNNNNN)"))
    return TH_CLI_ERROR;
  if ((tail != NULL) + (name != NULL) + (code != NULL) != 1)
    {
      g_printerr (_("tihuo-cli: lookup takes exactly one of --phone-tail, --name or --code\n"));
      return TH_CLI_ERROR;
    }
  {
    OPEN_EXISTING_DB_OR_FAIL (db);
    if (tail)
      orders = th_lookup_phone_tail (db, tail, th_time_now (), &error);
    else if (name)
      orders = th_lookup_name (db, name, th_time_now (), 50, &error);
    else
      {
        g_autoptr(ThOrder) order = th_order_store_find_by_code (db, code, &error);

        orders = g_ptr_array_new_with_free_func ((GDestroyNotify) th_order_unref);
        if (order)
          g_ptr_array_add (orders, g_steal_pointer (&order));
        else if (g_error_matches (error, TH_ERROR, TH_ERROR_NOT_FOUND))
          g_clear_error (&error);
        else
          g_clear_pointer (&orders, g_ptr_array_unref);
      }
    if (orders == NULL)
      {
        if (g_error_matches (error, TH_ERROR, TH_ERROR_INVALID))
          {
            g_printerr ("tihuo-cli: %s\n", error->message);
            return TH_CLI_ERROR;
          }
        return th_cli_fail (error);
      }
  }
  print_orders (orders);
  return orders->len > 0 ? TH_CLI_OK : TH_CLI_NEGATIVE;
}

static int
cmd_outbox (int argc, char **argv)
{
  g_autoptr(JsonNode) events = NULL;

  if (!th_cli_parse (&argc, &argv, "", NULL) || !th_cli_usage (argc, argv, 0, ""))
    return TH_CLI_ERROR;
  {
    OPEN_EXISTING_DB_OR_FAIL (db);
    if (!(events = th_outbox_list (db, 0, &error)))
      return th_cli_fail (error);
  }
  if (th_cli_json ())
    th_cli_print_json (events);
  else
    {
      JsonArray *array = json_node_get_array (events);

      g_print (_("%u events waiting to be sent:\n"), json_array_get_length (array));
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *e = json_array_get_object_element (array, i);
          g_print ("%s  %-15s  %s  order %s\n", json_object_get_string_member (e, "at"),
                   json_object_get_string_member (e, "type"), json_object_get_string_member (e, "id"),
                   json_object_get_string_member_with_default (e, "order_id", "-"));
        }
    }
  return TH_CLI_OK;
}

static int
cmd_audit (int argc, char **argv)
{
  guint64 n = 0;
  gboolean ok;

  if (!th_cli_parse (&argc, &argv, "verify", NULL) || !th_cli_usage (argc, argv, 1, "verify") ||
      g_strcmp0 (argv[1], "verify") != 0)
    {
      g_printerr (_("Usage: tihuo-cli audit verify\n"));
      return TH_CLI_ERROR;
    }
  {
    OPEN_EXISTING_DB_OR_FAIL (db);
    ok = th_audit_verify (db, &n, &error);
    if (th_cli_json ())
      {
        g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
        JsonObject *obj = json_object_new ();

        json_object_set_boolean_member (obj, "ok", ok);
        json_object_set_int_member (obj, "entries", (gint64) n);
        if (!ok)
          json_object_set_string_member (obj, "error", error->message);
        json_node_take_object (node, obj);
        th_cli_print_json (node);
      }
    if (!ok)
      {
        g_printerr ("tihuo-cli: %s\n", error->message);
        return g_error_matches (error, TH_ERROR, TH_ERROR_CORRUPT) ? TH_CLI_NEGATIVE : TH_CLI_ERROR;
      }
  }
  if (!th_cli_json ())
    g_print (_("The audit log is intact: %" PRIu64 " entries verified.\n"), n);
  return TH_CLI_OK;
}

const ThCliCommand th_cli_commands[] = {
  { "init", "--station ID --terminal NAME", N_("Set up the station and this terminal"), cmd_init },
  { "import-orders", "FILE", N_("Import orders from a JSON file (API ORDER shape)"), cmd_import_orders },
  { "import-keys", "FILE", N_("Replace the trusted keys from a /keys JSON file"), cmd_import_keys },
  { "verify", "CODE [--at UNIX_TIME]", N_("Verify a pickup code, changing nothing"), cmd_verify },
  { "collect", "CODE [--lines LINE:QTY,...] --staff NAME --pin-file F", N_("Verify and hand over"), cmd_collect },
  { "undo", "COLLECTION_ID --reason TEXT --staff NAME --pin-file F", N_("Undo a hand-over made in the last 10 minutes"), cmd_undo },
  { "lookup", "(--phone-tail NNNN | --name TEXT | --code NNNNNNNN)", N_("Find orders"), cmd_lookup },
  { "outbox", "", N_("List events waiting to be sent"), cmd_outbox },
  { "audit", "verify", N_("Check that the audit log was not tampered with"), cmd_audit },
  { "sync", "[--once] --server URL [--token-file FILE]", N_("Sync with the central platform (token: file or $TIHUO_TOKEN)"), th_cli_cmd_sync },
  { "status", "[--json]", N_("Last pull, waiting events, conflicts and the last sync error"), th_cli_cmd_status },
  { "staff", "add|list|remove NAME ...", N_("Manage staff accounts (a leader's PIN needed after the first)"), th_cli_cmd_staff },
  { "refund", "ORDER --lines LINE:QTY[:AMOUNT],... --reason R --staff NAME --pin-file F", N_("Refund lines of an order"), th_cli_cmd_refund },
  { "refund-slip", "REFUND_ID --pdf FILE", N_("Save a refund slip as PDF"), th_cli_cmd_refund_slip },
  { "case", "open|update|list ...", N_("The after-sales ledger"), th_cli_cmd_case },
  { "settings", "list | set NAME VALUE --staff LEADER --pin-file F", N_("The station's rules for money and staff (a leader's PIN to change)"), th_cli_cmd_settings },
  { "report", "aftersales --month YYYY-MM [--csv FILE]", N_("Monthly after-sales summary"), th_cli_cmd_report },
  { "backup", "[--to FILE]", N_("Take a backup now (default: the backups folder beside the database)"), th_cli_cmd_backup },
  { "restore", "FILE", N_("Go back to a backup, keeping the current database aside"), th_cli_cmd_restore },
  { "print-test", "(--escpos DEVICE_OR_HOST:PORT [--width 58|80] | --pdf FILE) [--medium NAME]", N_("Print the printer self-test page (中文, 繁體, ¥, a QR and a ruler)"), th_cli_cmd_print_test },
  { "print-queue", "list [--all] | retry ID | drop ID | reprint ID", N_("The jobs waiting for a printer"), th_cli_cmd_print_queue },
  { "decode", "IMAGE...", N_("Print the QR codes in pictures, one FILE<TAB>TEXT line each"), th_cli_cmd_decode },
  { NULL }
};
