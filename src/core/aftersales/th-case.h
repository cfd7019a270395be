/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "th-db.h"
#include "th-refund.h"
#include "th-verifier.h"

G_BEGIN_DECLS

/* open → responded → resolved | rejected. Resolving or rejecting an open
 * case is also its first response. */
typedef enum {
  TH_CASE_OPEN,
  TH_CASE_RESPONDED,
  TH_CASE_RESOLVED,
  TH_CASE_REJECTED,
} ThCaseStatus;

typedef enum {
  TH_RESOLUTION_REFUND,        /* linked to a refund */
  TH_RESOLUTION_REPLACEMENT,   /* in the next delivery */
  TH_RESOLUTION_COUPON,
  TH_RESOLUTION_NONE,
} ThResolution;

#define TH_CASE_MAX_PHOTOS            6
#define TH_CASE_MAX_PHOTO_BYTES       (10 * 1024 * 1024)
#define TH_CASE_DESCRIPTION_MAX_CHARS 2000
#define TH_CASE_NOTE_MAX_CHARS        500

/* Response times: from opening, to the first response and to the
 * resolution. The station's come from its policy (th_case_deadlines_load). */
typedef struct {
  gint64 respond_seconds;
  gint64 resolve_seconds;
} ThCaseDeadlines;

#define TH_CASE_DEFAULT_RESPOND_SECONDS 3600
#define TH_CASE_DEFAULT_RESOLVE_SECONDS (24 * 3600)
#define TH_CASE_DEADLINES_DEFAULT { TH_CASE_DEFAULT_RESPOND_SECONDS, TH_CASE_DEFAULT_RESOLVE_SECONDS }

typedef enum {
  TH_CASE_ON_TIME          = 0,
  TH_CASE_OVERDUE_RESPONSE = 1 << 0,   /* still open past the response time */
  TH_CASE_OVERDUE_RESOLVE  = 1 << 1,   /* not closed past the resolution time */
} ThCaseOverdue;

typedef struct {
  guint  line;
  char  *sku;
  char  *name;
  guint  qty;
} ThCaseLine;

typedef struct {
  char   sha256[65];   /* lower-case hex; also the file name in the photo folder */
  gint64 bytes;
} ThCasePhoto;

typedef struct {
  char         *id;              /* UUID: the events' case_id */
  gint64        order_id;        /* -1 for a walk-in complaint */
  char         *customer_name;   /* "" without an order */
  ThReason      category;
  char         *description;
  ThCaseStatus  status;
  ThResolution  resolution;      /* TH_RESOLUTION_NONE until resolved */
  char         *refund_id;       /* with TH_RESOLUTION_REFUND */
  char         *note;            /* the latest step's note */
  char         *terminal;
  gint64        opened_at;
  char         *opened_by;
  gint64        responded_at;    /* 0 while open */
  char         *responded_by;
  gint64        closed_at;       /* 0 until resolved or rejected */
  char         *closed_by;
  GArray       *lines;           /* of ThCaseLine */
  GArray       *photos;          /* of ThCasePhoto */
} ThCase;

#define TH_TYPE_CASE (th_case_get_type ())

GType         th_case_get_type            (void) G_GNUC_CONST;
ThCase       *th_case_ref                 (ThCase                *c);
void          th_case_unref               (ThCase                *c);

const char   *th_case_status_to_string    (ThCaseStatus           status);
gboolean      th_case_status_from_string  (const char            *text,
                                           ThCaseStatus          *status);
const char   *th_case_status_describe     (ThCaseStatus           status);
const char   *th_resolution_to_string     (ThResolution           resolution);
gboolean      th_resolution_from_string   (const char            *text,
                                           ThResolution          *resolution);
const char   *th_resolution_describe      (ThResolution           resolution);

/* The station policy's response times (th-policy.h). */
gboolean      th_case_deadlines_load      (ThDb                  *db,
                                           ThCaseDeadlines       *deadlines,
                                           GError               **error);

/* Overdue as of @now; closed cases never are. */
ThCaseOverdue th_case_get_overdue         (const ThCase          *c,
                                           const ThCaseDeadlines *deadlines,
                                           gint64                 now);
/* The next deadline of an unclosed case (unix time), or 0 when closed. */
gint64        th_case_get_due_at          (const ThCase          *c,
                                           const ThCaseDeadlines *deadlines);

/* Photos: <data dir>/photos next to the station database. */
char         *th_case_default_photo_dir   (ThDb                  *db);
/* Checks @path is a JPEG, PNG, WebP or HEIC photo of at most 10 MiB and
 * copies it into @photo_dir under its SHA-256. Blocking file I/O. */
/* Whether the picture at @path may be decoded (for a thumbnail): its size is
 * read from its header and is at most TH_MAX_IMAGE_PIXELS. */
gboolean      th_case_check_photo_pixels  (const char            *path,
                                           GError               **error);
gboolean      th_case_import_photo        (const char            *photo_dir,
                                           const char            *path,
                                           ThCasePhoto           *photo,
                                           GError               **error);

typedef struct {
  gint64             order_id;       /* -1 for a walk-in complaint */
  ThReason           category;
  const char        *description;
  const ThLineQty   *lines;          /* the affected lines; none for a walk-in */
  guint              n_lines;
  const char *const *photo_paths;    /* files to copy in; NULL-terminated, or NULL */
  const char        *staff;
} ThCaseRequest;

/* Copies the photos in, then records the case, its audit entry and its
 * `aftersales_opened` event in one transaction. */
ThCase       *th_case_open                (ThDb                  *db,
                                           const ThCaseRequest   *request,
                                           const char            *photo_dir,
                                           gint64                 now,
                                           GError               **error);
/* One workflow step, with its audit entry and `aftersales_updated` event.
 * @resolution matters only for TH_CASE_RESOLVED; @refund_id is required
 * with TH_RESOLUTION_REFUND and must be a refund of the case's order. */
ThCase       *th_case_update              (ThDb                  *db,
                                           const char            *case_id,
                                           ThCaseStatus           status,
                                           ThResolution           resolution,
                                           const char            *refund_id,
                                           const char            *note,
                                           const char            *staff,
                                           gint64                 now,
                                           GError               **error);
ThCase       *th_case_load                (ThDb                  *db,
                                           const char            *case_id,
                                           GError               **error);

/* The ledger's filters; zeroed fields (and -1 ids) mean "any". */
typedef struct {
  guint                  statuses;     /* bits 1 << ThCaseStatus; 0: any */
  int                    category;     /* a ThReason, or -1 */
  const char            *sku;          /* an affected line's SKU */
  gint64                 order_id;     /* or -1 */
  gint64                 since;        /* opened at or after; 0: any */
  gint64                 until;        /* opened before; 0: any */
  const char            *search;       /* in description, notes, SKU and product name, customer, order id */
  gboolean               overdue_only; /* needs now */
  const ThCaseDeadlines *deadlines;    /* NULL: the station policy's */
  gint64                 now;
  guint                  limit;        /* 0: no limit */
} ThCaseFilter;

#define TH_CASE_FILTER_INIT { 0, -1, NULL, -1, 0, 0, NULL, FALSE, NULL, 0, 0 }

/* Newest first. (element-type ThCase) */
GPtrArray    *th_case_list                (ThDb                  *db,
                                           const ThCaseFilter    *filter,
                                           GError               **error);
/* For the badge. */
gint64        th_case_count_overdue       (ThDb                  *db,
                                           const ThCaseDeadlines *deadlines,
                                           gint64                 now,
                                           GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThCase, th_case_unref)

G_END_DECLS
