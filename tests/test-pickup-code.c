/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "th-pickup-code.h"
#include "th-test-util.h"
#include "th-verifier.h"

/* Every case in ../shared/vectors gives its listed verdict. */
static void
test_vectors (ThTestFixture *f,
              gconstpointer  data)
{
  g_autoptr(JsonNode) vectors = th_test_load_json ("pickup-codes.json");
  JsonObject *root = json_node_get_object (vectors);
  JsonArray *cases = json_object_get_array_member (root, "cases");
  gint64 now = json_object_get_int_member (root, "now");

  g_assert_cmpint (json_object_get_int_member (root, "station_id"), ==, TH_TEST_STATION);
  g_assert_cmpint (json_array_get_length (cases), >=, 19);

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);
      const char *name = json_object_get_string_member (c, "name");
      const char *expected = json_object_get_string_member (c, "verdict");
      g_autoptr(ThVerification) v = NULL;
      g_autoptr(GError) error = NULL;

      v = th_verifier_verify_code (f->db, json_object_get_string_member (c, "code"), now, &error);
      g_assert_no_error (error);
      g_test_message ("%s: %s", name, th_verdict_to_string (v->verdict));
      g_assert_cmpstr (th_verdict_to_string (v->verdict), ==, expected);

      if (v->verdict == TH_VERDICT_OK)
        {
          /* Not in the local copy: provisional, as pickup-code.md says. */
          g_assert_true (v->provisional);
          g_assert_null (v->order);
          g_assert_cmpint (v->order_id, ==, G_GINT64_CONSTANT (2026112100000123));
        }
      if (json_object_has_member (c, "order_id"))
        {
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, v->order_id);
          g_assert_cmpstr (id, ==, json_object_get_string_member (c, "order_id"));
        }
    }
}

static void
test_normalize (void)
{
  struct { const char *in; const char *out; } cases[] = {
    { "  abc\r\n", "ABC" },
    { "\t\x01th1\x7f", "TH1" },
    { "４８２１　３９０７", "4821 3907" },
    { "\xe3\x80\x80" "48213907" "\xe3\x80\x80", "48213907" },
    { "", "" },
    { "  \n ", "" },
    { "Ｔｈ１", "TH1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = th_pickup_code_normalize (cases[i].in);
      g_assert_cmpstr (out, ==, cases[i].out);
    }
  /* Not UTF-8 at all. */
  g_assert_null (th_pickup_code_normalize ("\xff\xfe" "48213907"));
}

static void
test_plain (void)
{
  const char *good[] = { "48213907", "4821 3907", "4821-3907", "48 21 39 07", "4-8-2-1-3-9-0-7" };
  const char *bad[] = { "4821390", "482139071", "-48213907", "48213907-", "4821_3907", "4821 390a", "" };
  char plain[TH_PICKUP_CODE_PLAIN_LEN + 1];
  ThSignedCode code;

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_assert_cmpint (th_pickup_code_parse (good[i], &code, plain), ==, TH_PICKUP_CODE_PLAIN);
      g_assert_cmpstr (plain, ==, "48213907");
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_cmpint (th_pickup_code_parse (bad[i], &code, plain), ==, TH_PICKUP_CODE_MALFORMED);
}

static void
test_sign_round_trip (ThTestFixture *f,
                      gconstpointer  data)
{
  g_autofree char *text = th_pickup_code_sign (2, 42, G_GUINT64_CONSTANT (9223372036854775807),
                                               100, 200, f->secret_key[1]);
  char plain[TH_PICKUP_CODE_PLAIN_LEN + 1];
  ThSignedCode code;

  g_assert_cmpuint (strlen (text), ==, TH_PICKUP_CODE_TEXT_LEN);
  g_assert_true (g_str_has_prefix (text, "TH1"));
  g_assert_cmpint (th_pickup_code_parse (text, &code, plain), ==, TH_PICKUP_CODE_SIGNED);
  g_assert_cmpuint (code.kid, ==, 2);
  g_assert_cmpuint (code.station_id, ==, 42);
  g_assert_cmpuint (code.order_id, ==, G_GUINT64_CONSTANT (9223372036854775807));
  g_assert_cmpuint (code.not_before, ==, 100);
  g_assert_cmpuint (code.not_after, ==, 200);

  /* Each code has one text form: the 3 spare bits of the last character
   * must be 0, so setting one of them is malformed. */
  {
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    int value = (int) (strchr (alphabet, text[TH_PICKUP_CODE_TEXT_LEN - 1]) - alphabet);

    g_assert_cmpint (value & 7, ==, 0);
    text[TH_PICKUP_CODE_TEXT_LEN - 1] = alphabet[value | 1];
  }
  g_assert_cmpint (th_pickup_code_parse (text, &code, plain), ==, TH_PICKUP_CODE_MALFORMED);
}

static void
test_order_id_above_2_63 (ThTestFixture *f,
                          gconstpointer  data)
{
  /* Signing refuses it, so build the text by flipping the top bit of a valid
   * code's order id: shape is fine, but the id is out of range. */
  g_autofree char *text = th_pickup_code_sign (1, 7, 1, 0, 10, f->secret_key[0]);
  char plain[TH_PICKUP_CODE_PLAIN_LEN + 1];
  ThSignedCode code;

  static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  int value;

  /* The order id starts at bit 72, which is bit 2 (weight 4) of Base32
   * character 72 / 5 = 14. */
  g_assert_cmpint (th_pickup_code_parse (text, &code, plain), ==, TH_PICKUP_CODE_SIGNED);
  value = (int) (strchr (alphabet, text[3 + 14]) - alphabet);
  g_assert_cmpint (value & 4, ==, 0);
  text[3 + 14] = alphabet[value | 4];
  g_assert_cmpint (th_pickup_code_parse (text, &code, plain), ==, TH_PICKUP_CODE_MALFORMED);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/tihuo/pickup-code/vectors", ThTestFixture, NULL,
              th_test_fixture_set_up, test_vectors, th_test_fixture_tear_down);
  g_test_add_func ("/tihuo/pickup-code/normalize", test_normalize);
  g_test_add_func ("/tihuo/pickup-code/plain", test_plain);
  g_test_add ("/tihuo/pickup-code/sign-round-trip", ThTestFixture, NULL,
              th_test_fixture_set_up, test_sign_round_trip, th_test_fixture_tear_down);
  g_test_add ("/tihuo/pickup-code/order-id-range", ThTestFixture, NULL,
              th_test_fixture_set_up, test_order_id_above_2_63, th_test_fixture_tear_down);
  return g_test_run ();
}
