/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* ../shared/pickup-code.md, "Signed code layout". */
#define TH_PICKUP_CODE_SIGNED_LEN   25
#define TH_PICKUP_CODE_SIG_LEN      64
#define TH_PICKUP_CODE_TEXT_LEN     146
#define TH_PICKUP_CODE_PLAIN_LEN    8

typedef enum {
  TH_PICKUP_CODE_MALFORMED,
  TH_PICKUP_CODE_SIGNED,
  TH_PICKUP_CODE_PLAIN,
} ThPickupCodeKind;

typedef struct {
  guint8  version;
  guint32 kid;
  guint32 station_id;
  guint64 order_id;
  guint32 not_before;
  guint32 not_after;
  /* Bytes 0–24 as they arrived, and the signature over them. Nothing above
   * is to be trusted until th_pickup_code_check_signature() says so. */
  guint8  signed_bytes[TH_PICKUP_CODE_SIGNED_LEN];
  guint8  signature[TH_PICKUP_CODE_SIG_LEN];
} ThSignedCode;

char             *th_pickup_code_normalize       (const char         *text);
ThPickupCodeKind  th_pickup_code_parse           (const char         *text,
                                                  ThSignedCode       *signed_code,
                                                  char                plain_code[TH_PICKUP_CODE_PLAIN_LEN + 1]);
gboolean          th_pickup_code_check_signature (const ThSignedCode *code,
                                                  const guint8        public_key[32]);
char             *th_pickup_code_sign            (guint32             kid,
                                                  guint32             station_id,
                                                  guint64             order_id,
                                                  guint32             not_before,
                                                  guint32             not_after,
                                                  const guint8        secret_key[64]);

G_END_DECLS
