/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sodium.h>

#include "th-json.h"
#include "th-key-store.h"
#include "th-order-store.h"
#include "th-pickup-code.h"
#include "th-identity.h"
#include "th-test-util.h"

char *
th_test_data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

char *
th_test_build_path (const char *relative)
{
  return g_test_build_filename (G_TEST_BUILT, relative, NULL);
}

JsonNode *
th_test_load_json (const char *name)
{
  g_autofree char *path = th_test_data_path (name);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

static void
hex_to_bytes (const char *hex,
              guint8     *out,
              gsize       n)
{
  for (gsize i = 0; i < n; i++)
    out[i] = (guint8) (g_ascii_xdigit_value (hex[2 * i]) * 16 + g_ascii_xdigit_value (hex[2 * i + 1]));
}

void
th_test_fixture_set_up (ThTestFixture *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) vectors = th_test_load_json ("pickup-codes.json");
  JsonArray *keys = json_object_get_array_member (json_node_get_object (vectors), "keys");

  g_assert_cmpint (sodium_init (), >=, 0);
  f->dir = g_dir_make_tmp ("tihuo-test-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "station.db", NULL);
  f->db = th_db_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (th_identity_setup (f->db, TH_TEST_STATION, "counter-1", &error));
  g_assert_no_error (error);

  for (guint i = 0; i < 2; i++)
    {
      JsonObject *k = json_array_get_object_element (keys, i);
      guint8 seed[32], pk[32];
      ThTrustedKey key = { 0 };

      hex_to_bytes (json_object_get_string_member (k, "test_seed_hex"), seed, 32);
      crypto_sign_seed_keypair (pk, f->secret_key[i], seed);
      key.kid = (guint32) json_object_get_int_member (k, "kid");
      memcpy (key.public_key, pk, 32);
      key.not_before = TH_TEST_NOW - 365 * 86400;
      key.not_after = TH_TEST_NOW + 365 * 86400;
      g_assert_true (th_key_store_add (f->db, &key, &error));
      g_assert_no_error (error);
    }
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }
  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      remove_tree (child);
    }
  g_rmdir (path);
}

void
th_test_fixture_tear_down (ThTestFixture *f,
                           gconstpointer  data)
{
  g_clear_object (&f->db);
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

JsonNode *
th_test_make_order (gint64      id,
                    const char *pickup_code,
                    const char *phone_tail,
                    guint       n_lines)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, id_text);
  json_builder_set_member_name (b, "station_id");
  json_builder_add_int_value (b, TH_TEST_STATION);
  json_builder_set_member_name (b, "pickup_code");
  json_builder_add_string_value (b, pickup_code);
  json_builder_set_member_name (b, "customer");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, "李*华");
  json_builder_set_member_name (b, "phone_tail");
  json_builder_add_string_value (b, phone_tail);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "slot");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "date");
  json_builder_add_string_value (b, "2026-11-21");
  json_builder_set_member_name (b, "start");
  json_builder_add_string_value (b, "18:00");
  json_builder_set_member_name (b, "end");
  json_builder_add_string_value (b, "21:00");
  json_builder_end_object (b);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, "paid");
  json_builder_set_member_name (b, "items");
  json_builder_begin_array (b);
  for (guint i = 1; i <= n_lines; i++)
    {
      g_autofree char *sku = g_strdup_printf ("SKU-%u", i);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "line");
      json_builder_add_int_value (b, i);
      json_builder_set_member_name (b, "sku");
      json_builder_add_string_value (b, sku);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, "丹东草莓 500g");
      json_builder_set_member_name (b, "qty");
      json_builder_add_int_value (b, 2);
      json_builder_set_member_name (b, "unit_price");
      json_builder_add_int_value (b, 1290);
      json_builder_set_member_name (b, "collected_qty");
      json_builder_add_int_value (b, 0);
      json_builder_set_member_name (b, "refunded_qty");
      json_builder_add_int_value (b, 0);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "paid");
  json_builder_add_int_value (b, 2580 * n_lines);
  json_builder_set_member_name (b, "refunded");
  json_builder_add_int_value (b, 0);
  json_builder_set_member_name (b, "note");
  json_builder_add_string_value (b, "");
  json_builder_set_member_name (b, "revision");
  json_builder_add_int_value (b, 1);
  json_builder_set_member_name (b, "updated_at");
  json_builder_add_string_value (b, "2026-11-21T09:30:00Z");
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

void
th_test_import (ThDb     *db,
                JsonNode *order)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
  g_autoptr(GError) error = NULL;
  JsonArray *array = json_array_new ();

  json_array_add_element (array, json_node_copy (order));
  json_node_take_array (root, array);
  g_assert_true (th_order_store_import_json (db, root, NULL, &error));
  g_assert_no_error (error);
}

char *
th_test_sign (ThTestFixture *f,
              guint          kid,
              guint32        station_id,
              gint64         order_id)
{
  g_assert_true (kid == 1 || kid == 2);
  return th_pickup_code_sign (kid, station_id, (guint64) order_id,
                              TH_TEST_NOW - 3600, TH_TEST_NOW + 86400, f->secret_key[kid - 1]);
}

void
th_test_run_clear (ThTestRun *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
  g_clear_pointer (&r->json, json_node_unref);
}

void
th_test_cli (ThTestFixture *f,
             ThTestRun     *r,
             ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) p = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list ap;

  g_assert_nonnull (g_getenv ("TIHUO_CLI"));
  g_ptr_array_add (argv, (char *) g_getenv ("TIHUO_CLI"));
  va_start (ap, r);
  while ((arg = va_arg (ap, const char *)))
    g_ptr_array_add (argv, (char *) arg);
  va_end (ap);
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, f->path);
  g_ptr_array_add (argv, NULL);

  p = g_subprocess_newv ((const char * const *) argv->pdata,
                         G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (p, NULL, NULL, &r->out, &r->err, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (p));
  r->status = g_subprocess_get_exit_status (p);
  r->json = th_json_parse (r->out, -1, "output", NULL);
}

gint64
th_test_scalar (ThDb       *db,
                const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 v;

  g_assert_cmpint (sqlite3_prepare_v2 (th_db_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return v;
}

char *
th_test_subprocess_finish (GSubprocess *p)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  g_assert_true (g_subprocess_communicate_utf8 (p, NULL, NULL, &out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (p));
  g_assert_cmpint (g_subprocess_get_exit_status (p), ==, 0);
  return g_strstrip (out);
}

static guint32
crc32_update (guint32       crc,
              const guint8 *data,
              gsize         len)
{
  crc = ~crc;
  for (gsize i = 0; i < len; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
  return ~crc;
}

static void
append_chunk (GByteArray   *png,
              const char   *type,
              const guint8 *data,
              gsize         len)
{
  guint32 be_len = GUINT32_TO_BE ((guint32) len);
  guint32 crc = crc32_update (0, (const guint8 *) type, 4);
  guint32 be_crc;

  crc = crc32_update (crc, data, len);
  be_crc = GUINT32_TO_BE (crc);
  g_byte_array_append (png, (const guint8 *) &be_len, 4);
  g_byte_array_append (png, (const guint8 *) type, 4);
  g_byte_array_append (png, data, (guint) len);
  g_byte_array_append (png, (const guint8 *) &be_crc, 4);
}

GBytes *
th_test_png_bomb (guint32 width,
                  guint32 height)
{
  g_autoptr(GByteArray) png = g_byte_array_new ();
  g_autoptr(GConverter) zlib = G_CONVERTER (g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB, 9));
  g_autofree guint8 *zeros = g_malloc0 (1 << 20);
  g_autofree guint8 *idat = g_malloc (1 << 16);
  guint8 ihdr[13];
  guint32 be;
  gsize read = 0, written = 0;
  g_autoptr(GError) error = NULL;

  g_byte_array_append (png, (const guint8 *) "\x89PNG\r\n\x1a\n", 8);
  be = GUINT32_TO_BE (width);
  memcpy (ihdr, &be, 4);
  be = GUINT32_TO_BE (height);
  memcpy (ihdr + 4, &be, 4);
  ihdr[8] = 8;    /* bits per sample */
  ihdr[9] = 6;    /* RGBA */
  ihdr[10] = ihdr[11] = ihdr[12] = 0;
  append_chunk (png, "IHDR", ihdr, sizeof ihdr);

  /* The first MiB of rows (filter byte 0 and black pixels): a real decoder
   * would allocate the whole picture and start on them. */
  for (GConverterResult result = G_CONVERTER_CONVERTED; result != G_CONVERTER_FINISHED;)
    {
      gsize n_read = 0, n_written = 0;

      result = g_converter_convert (zlib, zeros + read, (1 << 20) - read, idat + written, (1 << 16) - written,
                                    G_CONVERTER_INPUT_AT_END, &n_read, &n_written, &error);
      g_assert_no_error (error);
      read += n_read;
      written += n_written;
    }
  append_chunk (png, "IDAT", idat, written);
  return g_byte_array_free_to_bytes (g_steal_pointer (&png));
}

GArray *
th_test_pdf_page_sizes (GBytes *pdf)
{
  g_autoptr(GRegex) regex = g_regex_new ("/MediaBox \\[ *0 0 ([0-9.]+) ([0-9.]+) *\\]", G_REGEX_RAW, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *text = g_malloc (g_bytes_get_size (pdf) + 1);
  GArray *sizes = g_array_new (FALSE, FALSE, sizeof (double));

  /* The PDF is mostly binary; the page dictionaries are plain text. */
  memcpy (text, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf));
  text[g_bytes_get_size (pdf)] = '\0';
  for (gsize i = 0; i < g_bytes_get_size (pdf); i++)
    if (text[i] == '\0')
      text[i] = ' ';
  g_regex_match (regex, text, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *w = g_match_info_fetch (match, 1);
      g_autofree char *h = g_match_info_fetch (match, 2);
      double wh[2] = { g_ascii_strtod (w, NULL), g_ascii_strtod (h, NULL) };

      g_array_append_vals (sizes, wh, 2);
      g_match_info_next (match, NULL);
    }
  return sizes;
}

char *
th_test_pdf_text (GBytes     *pdf,
                  const char *dir)
{
  g_autofree char *tool = g_find_program_in_path ("pdftotext");
  g_autofree char *path = g_build_filename (dir, "text.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) p = NULL;
  char *out = NULL;

  if (tool == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return NULL;
    }
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), &error));
  p = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, tool, "-enc", "UTF-8", path, "-", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (p, NULL, NULL, &out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (p));
  return out;
}
