/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tihuo-cli decode: the QR codes in pictures, through the same decoder as
 * "scan from image" in the app. Needs no station database. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-cli.h"
#include "th-qr-image.h"
#include "th-scan-error.h"

/* A code's text is arbitrary: keep each one on its own line. */
static char *
escape_controls (const char *text)
{
  GString *s = g_string_sized_new (strlen (text));

  for (const char *p = text; *p; p++)
    {
      switch (*p)
        {
        case '\\':
          g_string_append (s, "\\\\");
          break;
        case '\n':
          g_string_append (s, "\\n");
          break;
        case '\r':
          g_string_append (s, "\\r");
          break;
        case '\t':
          g_string_append (s, "\\t");
          break;
        default:
          if ((guchar) *p < 0x20 || *p == 0x7f)
            g_string_append_printf (s, "\\x%02x", (guchar) *p);
          else
            g_string_append_c (s, *p);
        }
    }
  return g_string_free (s, FALSE);
}

static JsonNode *
result_json (const char *name,
             GPtrArray  *texts,
             GError     *error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "file");
  json_builder_add_string_value (b, name);
  json_builder_set_member_name (b, "codes");
  json_builder_begin_array (b);
  for (guint i = 0; texts && i < texts->len; i++)
    json_builder_add_string_value (b, texts->pdata[i]);
  json_builder_end_array (b);
  if (error != NULL)
    {
      json_builder_set_member_name (b, "error");
      json_builder_add_string_value (b, error->message);
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

int
th_cli_cmd_decode (int    argc,
                   char **argv)
{
  g_autoptr(JsonNode) results = json_node_new (JSON_NODE_ARRAY);
  JsonArray *array = json_array_new ();
  int status = TH_CLI_OK;

  json_node_take_array (results, array);
  if (!th_cli_parse (&argc, &argv, _("IMAGE…"), NULL))
    return TH_CLI_ERROR;
  if (argc < 2)
    {
      g_printerr (_("Usage: tihuo-cli decode IMAGE…\n"));
      return TH_CLI_ERROR;
    }

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) texts = th_qr_decode_file (file, NULL, &error);

      if (th_cli_json ())
        json_array_add_element (array, result_json (argv[i], texts, error));
      if (texts == NULL)
        {
          g_printerr ("tihuo-cli: %s\n", error->message);
          /* No code is a negative answer; a file we cannot read is an I/O
           * error, and that outranks it. */
          if (g_error_matches (error, TH_SCAN_ERROR, TH_SCAN_ERROR_NO_CODE))
            status = MAX (status, TH_CLI_NEGATIVE);
          else
            status = TH_CLI_ERROR;
          continue;
        }
      for (guint j = 0; j < texts->len && !th_cli_json (); j++)
        {
          g_autofree char *text = escape_controls (texts->pdata[j]);
          g_print ("%s\t%s\n", argv[i], text);
        }
    }

  if (th_cli_json ())
    th_cli_print_json (results);
  return status;
}
