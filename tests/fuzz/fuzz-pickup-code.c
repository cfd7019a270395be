/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Whatever a scanner or a keyboard can type at the counter: normalising,
 * parsing, and the whole verification against a real station database. */
#include "config.h"

#include <glib/gstdio.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "th-collect.h"
#include "th-json.h"
#include "th-key-store.h"
#include "th-order-store.h"
#include "th-pickup-code.h"
#include "th-identity.h"
#include "th-verifier.h"

/* The vectors' fixed "now" and station (tests/data/pickup-codes.json). */
#define FUZZ_NOW     G_GINT64_CONSTANT (1795262400)
#define FUZZ_STATION 7

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static ThDb *db;
static char *db_dir;

/* Known orders for the plain codes and the vectors' order in the seed
 * corpus, one in each state step 8 tells apart. */
static const char orders_json[] =
  "["
  "{\"id\":\"2026112100000123\",\"station_id\":7,\"pickup_code\":\"48213907\","
  " \"customer\":{\"name\":\"李*华\",\"phone_tail\":\"1234\"},"
  " \"slot\":{\"date\":\"2026-11-22\",\"start\":\"18:00\",\"end\":\"21:00\"},\"status\":\"paid\","
  " \"items\":[{\"line\":1,\"sku\":\"S1\",\"name\":\"草莓\",\"qty\":2,\"unit_price\":1290},"
  "            {\"line\":2,\"sku\":\"S2\",\"name\":\"鸡蛋\",\"qty\":1,\"unit_price\":2490,\"collected_qty\":1}],"
  " \"paid\":5070,\"revision\":3,\"updated_at\":\"2026-11-21T09:30:00Z\"},"
  "{\"id\":\"2026112100000124\",\"station_id\":7,\"pickup_code\":\"11112222\",\"customer\":{},"
  " \"slot\":{\"date\":\"2026-11-21\",\"start\":\"09:00\",\"end\":\"12:00\"},\"status\":\"collected\","
  " \"items\":[{\"line\":1,\"sku\":\"S1\",\"name\":\"草莓\",\"qty\":1,\"unit_price\":1290,\"collected_qty\":1}],"
  " \"paid\":1290,\"revision\":5,\"updated_at\":\"2026-11-21T10:00:00Z\"},"
  "{\"id\":\"2026112100000125\",\"station_id\":7,\"pickup_code\":\"33334444\",\"customer\":{},"
  " \"slot\":{\"date\":\"2026-11-21\",\"start\":\"09:00\",\"end\":\"12:00\"},\"status\":\"cancelled\","
  " \"items\":[{\"line\":1,\"sku\":\"S1\",\"name\":\"草莓\",\"qty\":1,\"unit_price\":1290}],"
  " \"paid\":1290,\"revision\":2},"
  "{\"id\":\"2026112100000126\",\"station_id\":7,\"pickup_code\":\"55556666\",\"customer\":{},"
  " \"slot\":{\"date\":\"2026-11-21\",\"start\":\"09:00\",\"end\":\"12:00\"},\"status\":\"paid\","
  " \"items\":[{\"line\":1,\"sku\":\"S1\",\"name\":\"草莓\",\"qty\":1,\"unit_price\":1290,\"refunded_qty\":1}],"
  " \"paid\":1290,\"refunded\":1290,\"revision\":4},"
  "{\"id\":\"2026112100000127\",\"station_id\":7,\"pickup_code\":\"77778888\",\"customer\":{},"
  " \"slot\":{\"date\":\"2026-11-21\",\"start\":\"09:00\",\"end\":\"12:00\"},\"status\":\"paid\","
  " \"items\":[{\"line\":1,\"sku\":\"S1\",\"name\":\"草莓\",\"qty\":1,\"unit_price\":1290}],"
  " \"paid\":1290,\"revision\":1}"
  "]";

static void
remove_db_dir (void)
{
  const char * const suffixes[] = { "", "-wal", "-shm", "-journal", ".backup" };

  g_clear_object (&db);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (db_dir, "/station.db", suffixes[i], NULL);
      g_unlink (path);
    }
  g_rmdir (db_dir);
}

static void
add_test_key (guint32 kid,
              guint8  first_seed_byte)
{
  g_autoptr(GError) error = NULL;
  guint8 seed[32], sk[64];
  ThTrustedKey key = { 0 };

  /* The vectors' test seeds are 32 consecutive byte values. */
  for (guint i = 0; i < 32; i++)
    seed[i] = (guint8) (first_seed_byte + i);
  crypto_sign_seed_keypair (key.public_key, sk, seed);
  key.kid = kid;
  key.not_before = FUZZ_NOW - 365 * 86400;
  key.not_after = FUZZ_NOW + 365 * 86400;
  if (!th_key_store_add (db, &key, &error))
    g_error ("adding test key %u: %s", kid, error->message);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) orders = NULL;
  g_autoptr(ThVerification) v = NULL;
  g_autofree char *path = NULL;

  /* A g_return_if_fail() tripped by input is a bug worth a crash report. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  if (sodium_init () < 0)
    g_error ("libsodium could not be initialised");

  if (!(db_dir = g_dir_make_tmp ("tihuo-fuzz-XXXXXX", &error)))
    g_error ("%s", error->message);
  path = g_build_filename (db_dir, "station.db", NULL);
  if (!(db = th_db_open (path, &error)) ||
      !th_identity_setup (db, FUZZ_STATION, "counter-1", &error))
    g_error ("setting up the station database: %s", error->message);
  atexit (remove_db_dir);

  add_test_key (1, 0x00);
  add_test_key (2, 0x20);

  if (!(orders = th_json_parse (orders_json, -1, "the fuzzer's orders", &error)) ||
      !th_order_store_import_json (db, orders, NULL, &error))
    g_error ("importing the fuzzer's orders: %s", error->message);
  /* A local collection, so already_collected also reads one back. */
  if (!(v = th_collect_code (db, "77778888", NULL, 0, "fuzz", FUZZ_NOW - 600, &error)))
    g_error ("collecting: %s", error->message);
  g_assert (v->verdict == TH_VERDICT_OK && v->collection_id != NULL);
  return 0;
}

static void
check_parse (const char *text)
{
  ThSignedCode code;
  char plain[TH_PICKUP_CODE_PLAIN_LEN + 1];

  switch (th_pickup_code_parse (text, &code, plain))
    {
    case TH_PICKUP_CODE_PLAIN:
      g_assert (strlen (plain) == TH_PICKUP_CODE_PLAIN_LEN);
      for (guint i = 0; i < TH_PICKUP_CODE_PLAIN_LEN; i++)
        g_assert (g_ascii_isdigit (plain[i]));
      break;
    case TH_PICKUP_CODE_SIGNED:
      g_assert (code.version == 1 && code.order_id <= (guint64) G_MAXINT64);
      break;
    case TH_PICKUP_CODE_MALFORMED:
    default:
      break;
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autofree char *normal = NULL;
  g_autoptr(ThVerification) v = NULL;
  g_autoptr(GError) error = NULL;

  /* The parser must cope with raw text too, not only with what
   * normalisation hands it. */
  check_parse (text);

  normal = th_pickup_code_normalize (text);
  if (normal != NULL)
    {
      g_autofree char *again = th_pickup_code_normalize (normal);

      /* Normalising twice changes nothing: a scan has one normal form. */
      g_assert (again != NULL && strcmp (again, normal) == 0);
      check_parse (normal);
    }

  v = th_verifier_verify_code (db, text, FUZZ_NOW, &error);
  if (v == NULL)
    g_error ("verification failed on the database: %s", error->message);
  g_assert (v->verdict <= TH_VERDICT_MALFORMED);
  if (normal == NULL)
    g_assert (v->verdict == TH_VERDICT_MALFORMED);
  if (v->verdict == TH_VERDICT_OK && !v->provisional)
    g_assert (v->order != NULL && v->remaining->len > 0);
  return 0;
}
