/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tihuo-central-dev: a reference central platform for tests, benchmarks and
 * the demo. It implements ../shared/central-api.md over real HTTP with its
 * own SQLite file, plus a control endpoint (/_control/…) to seed and change
 * orders and to inject faults. Loopback only; not for production. */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <sqlite3.h>

G_BEGIN_DECLS

typedef enum {
  FAULT_STATUS,            /* answer `status` (+ Retry-After) without doing anything */
  FAULT_DELAY,             /* do the work, answer after `delay_ms` */
  FAULT_DROP,              /* close the connection without doing anything */
  FAULT_DROP_AFTER_APPLY,  /* do the work and commit, then close without answering */
  FAULT_TRUNCATE,          /* do the work, answer with the first half of the body */
  FAULT_GARBAGE,           /* 200 with text that is not JSON */
  FAULT_WRONG_TYPES,       /* 200 with JSON of the wrong shape */
  FAULT_OVERSIZE,          /* 200 with 33 MiB, Content-Length set */
  FAULT_OVERSIZE_CHUNKED,  /* the same, chunked, so only counting catches it */
  FAULT_REDIRECT,          /* 302 to `location` (another host by default) */
  FAULT_TRICKLE,           /* 200, then one byte of the body every `delay_ms` */
} FaultKind;

typedef enum {
  ROUTE_ANY,
  ROUTE_EVENTS,
  ROUTE_ORDERS,
  ROUTE_KEYS,
} Route;

typedef struct {
  FaultKind  kind;
  Route      route;
  guint      status;
  gint       retry_after;   /* -1 for none */
  guint      delay_ms;
  char      *location;
} Fault;

typedef struct {
  sqlite3    *db;
  SoupServer *soup;
  guint       port;
  GQueue     *faults;        /* of Fault, consumed one per matching request */
  guint       page_delay_ms; /* every orders page, to slow pulls down in tests */
  guint       max_batch;     /* 413 above this */
  guint32     kid;
  guint8      secret_key[64];
  guint64     requests[ROUTE_KEYS + 1];  /* API requests seen, by route */
} Central;

/* central-store.c */
gboolean    central_store_open          (Central      *c,
                                         const char   *path,
                                         GError      **error);
gboolean    central_store_exec          (Central      *c,
                                         const char   *sql,
                                         GError      **error);
gboolean    central_store_add_station   (Central      *c,
                                         guint32       station_id,
                                         const char   *token,
                                         GError      **error);
gint64      central_store_station_for_token (Central  *c,
                                         const char   *token);
gboolean    central_store_set_key       (Central      *c,
                                         guint32       kid,
                                         const guint8  seed[32],
                                         GError      **error);
char       *central_store_keys_json     (Central      *c);
gboolean    central_store_seed_orders   (Central      *c,
                                         guint32       station_id,
                                         guint         count,
                                         gint64       *first_id,
                                         GError      **error);
gboolean    central_store_import_orders (Central      *c,
                                         const char   *path,
                                         GError      **error);
JsonObject *central_store_load_order    (Central      *c,
                                         gint64        id,
                                         guint32       station_id);
gboolean    central_store_save_order    (Central      *c,
                                         gint64        id,
                                         JsonObject   *order,
                                         GError      **error);
char       *central_store_orders_page   (Central      *c,
                                         guint32       station_id,
                                         gint64        after_seq,
                                         guint         limit);
char       *central_store_dump_orders   (Central      *c,
                                         guint32       station_id);
GArray     *central_store_random_orders (Central      *c,
                                         guint32       station_id,
                                         guint         n);

/* central-orders.c: the platform's own changes to an order */
gboolean    central_order_cancel        (Central      *c,
                                         gint64        id,
                                         GError      **error);
gboolean    central_order_refund        (Central      *c,
                                         gint64        id,
                                         GError      **error);
gboolean    central_order_collect_all   (Central      *c,
                                         gint64        id,
                                         GError      **error);
gboolean    central_order_touch         (Central      *c,
                                         gint64        id,
                                         GError      **error);
gboolean    central_order_recode        (Central      *c,
                                         gint64        id,
                                         const char   *pickup_code,
                                         GError      **error);
void        central_order_bump          (JsonObject   *order);
char       *central_order_sign          (Central      *c,
                                         gint64        id,
                                         gint64        not_before,
                                         gint64        not_after);

/* central-events.c */
typedef struct {
  const char *status;
  const char *reason;
  char       *applied;   /* the lines changed, for collect_undone */
} Outcome;

Outcome     central_event_apply         (Central      *c,
                                         guint32       station_id,
                                         const char   *type,
                                         JsonObject   *order,
                                         JsonObject   *data);

/* central-batch.c */
char       *central_events_process      (Central      *c,
                                         guint32       station_id,
                                         JsonArray    *events,
                                         GError      **error);

/* central-api.c and central-control.c */
void        central_api_register        (Central      *c);
void        central_control_register    (Central      *c);
gboolean    central_control_add_fault   (Central      *c,
                                         JsonObject   *spec,
                                         GError      **error);
Fault      *central_fault_take          (Central      *c,
                                         Route         route);
void        central_fault_free          (Fault        *fault);
void        central_reply_json          (SoupServerMessage *msg,
                                         guint         status,
                                         char         *body);
void        central_reply_error         (SoupServerMessage *msg,
                                         guint         status,
                                         const char   *message);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fault, central_fault_free)

G_END_DECLS
