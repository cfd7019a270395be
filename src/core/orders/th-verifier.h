/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "th-db.h"
#include "th-order.h"
#include "th-pickup-code.h"

G_BEGIN_DECLS

/* ../shared/pickup-code.md, "Verdicts". */
typedef enum {
  TH_VERDICT_OK,
  TH_VERDICT_ALREADY_COLLECTED,
  TH_VERDICT_WRONG_STATION,
  TH_VERDICT_CANCELLED,
  TH_VERDICT_REFUNDED,
  TH_VERDICT_UNKNOWN_CODE,
  TH_VERDICT_UNKNOWN_KEY,
  TH_VERDICT_BAD_SIGNATURE,
  TH_VERDICT_NOT_YET_VALID,
  TH_VERDICT_EXPIRED,
  TH_VERDICT_MALFORMED,
} ThVerdict;

#define TH_VERIFY_LEEWAY_SECONDS 300

typedef struct {
  guint line;
  guint qty;
} ThLineQty;

typedef struct {
  ThVerdict         verdict;
  ThPickupCodeKind  kind;
  gboolean          provisional;     /* ok from a signed code alone */
  gint64            order_id;        /* -1 when the code named none */
  ThOrder          *order;           /* the local copy; NULL when unknown */
  GArray           *remaining;       /* of ThLineQty: what is still to hand over */

  guint32           code_station_id; /* for wrong_station */
  gint64            not_before;      /* for not_yet_valid and expired */
  gint64            not_after;

  /* already_collected: the latest collection still in force. `collected_by`
   * and `collected_terminal` are NULL when it was collected elsewhere and
   * only the platform's copy says so. */
  gint64            collected_at;
  char             *collected_by;
  char             *collected_terminal;
  char             *collection_id;

  /* Set by th-collect when this verification led to a hand-over: what was
   * handed over (of ThLineQty); `remaining` is then what is left. */
  GArray           *collected;
} ThVerification;

ThVerification *th_verifier_verify_code  (ThDb         *db,
                                          const char   *text,
                                          gint64        now,
                                          GError      **error);
ThVerification *th_verifier_verify_order (ThDb         *db,
                                          gint64        order_id,
                                          GError      **error);
void            th_verification_free     (ThVerification *v);

const char     *th_verdict_to_string     (ThVerdict     verdict);
const char     *th_verdict_describe      (ThVerdict     verdict);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThVerification, th_verification_free)

G_END_DECLS
