/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The pickup code format of ../shared/pickup-code.md: normalising what a
 * scanner typed, parsing the Base32 text, and checking the Ed25519 signature. */
#include "config.h"

#include <sodium.h>
#include <string.h>

#include "th-pickup-code.h"

static const char base32_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
static const char signing_context[] = "TIHUO-PICKUP-1";   /* 14 bytes, no NUL */

#define SIGNED_TOTAL (TH_PICKUP_CODE_SIGNED_LEN + TH_PICKUP_CODE_SIG_LEN)   /* 89 */
#define BASE32_CHARS (TH_PICKUP_CODE_TEXT_LEN - 3)                          /* 143 */

static gboolean
is_trimmable (gunichar c)
{
  return g_unichar_isspace (c) || g_unichar_iscntrl (c) || c == 0xFEFF || c == 0x200B;
}

static gunichar
fold (gunichar c)
{
  /* Full-width ASCII, as typed by a scanner while a Chinese IM is active. */
  if (c >= 0xFF01 && c <= 0xFF5E)
    return c - 0xFEE0;
  if (c == 0x3000)
    return ' ';
  return c;
}

/**
 * th_pickup_code_normalize:
 *
 * Step 1 of verification: trim white space and control characters, fold
 * full-width ASCII, upper-case.
 *
 * Returns: (transfer full): the normalised text; %NULL when @text is not UTF-8
 */
char *
th_pickup_code_normalize (const char *text)
{
  g_autoptr(GString) out = NULL;
  const char *start, *end, *p;

  g_return_val_if_fail (text != NULL, NULL);

  if (!g_utf8_validate (text, -1, NULL))
    return NULL;

  start = text;
  while (*start && is_trimmable (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  end = start + strlen (start);
  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);
      if (!is_trimmable (g_utf8_get_char (prev)))
        break;
      end = prev;
    }

  out = g_string_sized_new (end - start);
  for (p = start; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = fold (g_utf8_get_char (p));
      if (c < 0x80)
        g_string_append_c (out, g_ascii_toupper ((char) c));
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static int
base32_value (char c)
{
  if (c >= 'A' && c <= 'Z')
    return c - 'A';
  if (c >= '2' && c <= '7')
    return c - '2' + 26;
  return -1;
}

static gboolean
base32_decode (const char *text,
               guint8      out[SIGNED_TOTAL])
{
  guint32 buffer = 0;
  int bits = 0;
  gsize n = 0;

  for (gsize i = 0; i < BASE32_CHARS; i++)
    {
      int v = base32_value (text[i]);
      if (v < 0)
        return FALSE;
      buffer = (buffer << 5) | (guint32) v;
      bits += 5;
      if (bits >= 8)
        {
          bits -= 8;
          out[n++] = (guint8) (buffer >> bits);
          buffer &= (1u << bits) - 1;
        }
    }
  /* 143 × 5 = 715 bits: 89 bytes and 3 spare bits, which must be zero so that
   * each code has exactly one text form. */
  return n == SIGNED_TOTAL && bits == 3 && buffer == 0;
}

static void
base32_encode (const guint8  in[SIGNED_TOTAL],
               char          out[BASE32_CHARS + 1])
{
  guint32 buffer = 0;
  int bits = 0;
  gsize n = 0;

  for (gsize i = 0; i < SIGNED_TOTAL; i++)
    {
      buffer = (buffer << 8) | in[i];
      bits += 8;
      while (bits >= 5)
        {
          bits -= 5;
          out[n++] = base32_alphabet[(buffer >> bits) & 31];
        }
      buffer &= (1u << bits) - 1;
    }
  if (bits > 0)
    out[n++] = base32_alphabet[(buffer << (5 - bits)) & 31];
  out[n] = '\0';
}

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static void
write_be32 (guint8 *p, guint32 v)
{
  p[0] = v >> 24; p[1] = v >> 16; p[2] = v >> 8; p[3] = v;
}

static gboolean
parse_plain (const char *text,
             char        plain[TH_PICKUP_CODE_PLAIN_LEN + 1])
{
  gsize digits = 0;
  gboolean last_was_digit = FALSE;

  /* 8 digits, with spaces or hyphens allowed between them (not around). */
  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          if (digits == TH_PICKUP_CODE_PLAIN_LEN)
            return FALSE;
          plain[digits++] = *p;
          last_was_digit = TRUE;
        }
      else if ((*p == ' ' || *p == '-') && digits > 0)
        last_was_digit = FALSE;
      else
        return FALSE;
    }
  plain[digits] = '\0';
  return digits == TH_PICKUP_CODE_PLAIN_LEN && last_was_digit;
}

/**
 * th_pickup_code_parse:
 * @text: a normalised code (see th_pickup_code_normalize())
 *
 * Steps 2 and 3: decide the kind and check the shape. For a signed code the
 * fields are decoded but not yet trusted.
 */
ThPickupCodeKind
th_pickup_code_parse (const char   *text,
                      ThSignedCode *signed_code,
                      char          plain_code[TH_PICKUP_CODE_PLAIN_LEN + 1])
{
  guint8 raw[SIGNED_TOTAL];

  g_return_val_if_fail (text != NULL, TH_PICKUP_CODE_MALFORMED);

  if (text[0] == 'T' && text[1] == 'H' && g_ascii_isdigit (text[2]))
    {
      if (signed_code == NULL || text[2] != '1' || strlen (text) != TH_PICKUP_CODE_TEXT_LEN ||
          !base32_decode (text + 3, raw) || raw[0] != 0x01)
        return TH_PICKUP_CODE_MALFORMED;

      memcpy (signed_code->signed_bytes, raw, TH_PICKUP_CODE_SIGNED_LEN);
      memcpy (signed_code->signature, raw + TH_PICKUP_CODE_SIGNED_LEN, TH_PICKUP_CODE_SIG_LEN);
      signed_code->version = raw[0];
      signed_code->kid = read_be32 (raw + 1);
      signed_code->station_id = read_be32 (raw + 5);
      signed_code->order_id = ((guint64) read_be32 (raw + 9) << 32) | read_be32 (raw + 13);
      signed_code->not_before = read_be32 (raw + 17);
      signed_code->not_after = read_be32 (raw + 21);
      if (signed_code->order_id > (guint64) G_MAXINT64)
        return TH_PICKUP_CODE_MALFORMED;
      return TH_PICKUP_CODE_SIGNED;
    }

  if (plain_code != NULL && parse_plain (text, plain_code))
    return TH_PICKUP_CODE_PLAIN;

  return TH_PICKUP_CODE_MALFORMED;
}

static void
signed_message (const ThSignedCode *code,
                guint8              msg[14 + TH_PICKUP_CODE_SIGNED_LEN])
{
  memcpy (msg, signing_context, 14);
  memcpy (msg + 14, code->signed_bytes, TH_PICKUP_CODE_SIGNED_LEN);
}

gboolean
th_pickup_code_check_signature (const ThSignedCode *code,
                                const guint8        public_key[32])
{
  guint8 msg[14 + TH_PICKUP_CODE_SIGNED_LEN];

  g_return_val_if_fail (code != NULL, FALSE);
  if (sodium_init () < 0)
    g_error ("libsodium could not be initialised");
  signed_message (code, msg);
  return crypto_sign_verify_detached (code->signature, msg, sizeof msg, public_key) == 0;
}

/**
 * th_pickup_code_sign:
 * @secret_key: a libsodium Ed25519 secret key (seed and public key, 64 bytes)
 *
 * Makes a signed code, as the central platform does. Used by the demo
 * station, the reference server and the tests.
 *
 * Returns: (transfer full): the 146-character text form
 */
char *
th_pickup_code_sign (guint32       kid,
                     guint32       station_id,
                     guint64       order_id,
                     guint32       not_before,
                     guint32       not_after,
                     const guint8  secret_key[64])
{
  ThSignedCode code = { 0 };
  guint8 msg[14 + TH_PICKUP_CODE_SIGNED_LEN];
  guint8 raw[SIGNED_TOTAL];
  char text[TH_PICKUP_CODE_TEXT_LEN + 1];

  g_return_val_if_fail (order_id <= (guint64) G_MAXINT64, NULL);
  if (sodium_init () < 0)
    g_error ("libsodium could not be initialised");

  code.signed_bytes[0] = 0x01;
  write_be32 (code.signed_bytes + 1, kid);
  write_be32 (code.signed_bytes + 5, station_id);
  write_be32 (code.signed_bytes + 9, (guint32) (order_id >> 32));
  write_be32 (code.signed_bytes + 13, (guint32) order_id);
  write_be32 (code.signed_bytes + 17, not_before);
  write_be32 (code.signed_bytes + 21, not_after);

  signed_message (&code, msg);
  crypto_sign_detached (code.signature, NULL, msg, sizeof msg, secret_key);

  memcpy (raw, code.signed_bytes, TH_PICKUP_CODE_SIGNED_LEN);
  memcpy (raw + TH_PICKUP_CODE_SIGNED_LEN, code.signature, TH_PICKUP_CODE_SIG_LEN);
  memcpy (text, "TH1", 3);
  base32_encode (raw, text + 3);
  return g_strdup (text);
}
