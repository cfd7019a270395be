/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "th-db.h"

G_BEGIN_DECLS

/* The API's refund reasons, which are also the after-sales case categories. */
typedef enum {
  TH_REASON_DAMAGED,
  TH_REASON_SPOILED,
  TH_REASON_MISSING,
  TH_REASON_WRONG_ITEM,
  TH_REASON_QUALITY,
  TH_REASON_OTHER,
} ThReason;

#define TH_REASON_COUNT (TH_REASON_OTHER + 1)

const char *th_reason_to_string   (ThReason     reason);
gboolean    th_reason_from_string (const char  *text,
                                   ThReason    *reason);
const char *th_reason_describe    (ThReason     reason);   /* translated */

#define TH_REFUND_NOTE_MAX_CHARS             500

/* Why a refund needs a supervisor's or leader's PIN. */
typedef enum {
  TH_APPROVAL_NONE           = 0,
  TH_APPROVAL_OVER_THRESHOLD = 1 << 0,
  TH_APPROVAL_OVER_DAILY_CAP = 1 << 1,
} ThApprovalNeed;

/* One line of a request. `qty` is what will not be handed over because of
 * the refund (at most what remains to hand over); goods already handed over
 * are refunded with qty 0 and an amount. */
typedef struct {
  guint  line;
  guint  qty;
  gint64 amount;      /* fen; -1 means qty × unit_price */
} ThRefundLineRequest;

typedef struct {
  gint64                      order_id;
  const ThRefundLineRequest  *lines;
  guint                       n_lines;
  ThReason                    reason;
  const char                 *note;           /* may be NULL */
  const char                 *staff;          /* the signed-in staff member */
  const char                 *approver;       /* NULL without approval */
  const char                 *approver_pin;
} ThRefundRequest;

typedef struct {
  guint  line;
  char  *sku;
  char  *name;
  guint  qty;
  gint64 amount;      /* fen */
} ThRefundLine;

/* A refund as recorded, or as planned (then `id` is NULL). */
typedef struct {
  char           *id;             /* UUID: the event's refund_id */
  char           *event_id;
  gint64          order_id;
  char           *customer_name;
  gint64          at;
  char           *terminal;
  char           *staff;
  ThReason        reason;
  char           *note;
  char           *approved_by;    /* NULL when no approval was needed */
  gint64          amount;         /* fen, the sum of the lines */
  GArray         *lines;          /* of ThRefundLine */

  /* Plans only: what approval the refund needs, and the figures behind it.
   * The limits are the station policy's (th-policy.h), never the caller's. */
  ThApprovalNeed  approval;
  gint64          approval_threshold;
  gint64          cashier_daily_cap;
  gint64          staff_refunded_today;
  gint64          order_paid;
  gint64          order_refunded; /* before this refund */
} ThRefund;

#define TH_TYPE_REFUND (th_refund_get_type ())

GType        th_refund_get_type         (void) G_GNUC_CONST;
ThRefund    *th_refund_ref              (ThRefund              *refund);
void         th_refund_unref            (ThRefund              *refund);

/* Checks a request against the money rules and the station policy's
 * approval limits, and tells what approval it needs, without writing: for a
 * dialog to validate as the user types. */
ThRefund    *th_refund_plan             (ThDb                  *db,
                                         const ThRefundRequest *request,
                                         gint64                 now,
                                         GError               **error);
/* Records the refund, its audit entry and its `refund` event in one
 * transaction, checking everything again under the write lock. Refuses
 * (%TH_ERROR_REFUSED) what breaks a money rule or lacks a needed approval. */
ThRefund    *th_refund_create           (ThDb                  *db,
                                         const ThRefundRequest *request,
                                         gint64                 now,
                                         GError               **error);
ThRefund    *th_refund_load             (ThDb                  *db,
                                         const char            *refund_id,
                                         GError               **error);
/* (element-type ThRefund), oldest first. */
GPtrArray   *th_refund_list_for_order   (ThDb                  *db,
                                         gint64                 order_id,
                                         GError               **error);
/* Why @plan needs approval, with the limits it was planned under. */
char        *th_refund_describe_approval (const ThRefund       *plan);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThRefund, th_refund_unref)

G_END_DECLS
