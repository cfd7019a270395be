/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "th-db.h"
#include "th-refund.h"

G_BEGIN_DECLS

/* One row of the monthly after-sales summary. A case counts for its
 * category, and once for each product (SKU) among its affected lines; a
 * refund counts for its reason, and for each product it refunded, with that
 * product's share of the amount. */
typedef struct {
  char   *key;            /* the category ("spoiled") or the SKU */
  char   *label;          /* translated category, or the product's name */
  guint   n_cases;
  guint   n_refunds;
  gint64  refund_amount;  /* fen */
} ThReportRow;

typedef struct {
  int        year;
  int        month;       /* 1–12 */
  gint64     since;       /* the month in the station's time zone: [since, until) */
  gint64     until;
  GArray    *by_category; /* of ThReportRow: every category, in ThReason order */
  GArray    *by_product;  /* of ThReportRow: products with cases or refunds,
                           * largest refund amount first, then most cases, then SKU */
  guint      n_cases;
  guint      n_refunds;
  gint64     refund_amount;
} ThReport;

void       th_report_free      (ThReport    *report);

/* @tz: the station's time zone; NULL for the local one. */
ThReport  *th_report_month     (ThDb        *db,
                                int          year,
                                int          month,
                                GTimeZone   *tz,
                                GError     **error);
gboolean   th_report_parse_month (const char *text,
                                  int        *year,
                                  int        *month);
/* CSV as spreadsheet apps read Chinese correctly: UTF-8 with a byte order
 * mark, CRLF line ends, RFC 4180 quoting. */
GBytes    *th_report_to_csv    (ThReport    *report);
gboolean   th_report_write_csv (ThReport    *report,
                                const char  *path,
                                GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThReport, th_report_free)

G_END_DECLS
