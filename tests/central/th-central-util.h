/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "th-sync.h"
#include "th-test-util.h"

G_BEGIN_DECLS

#define TH_CENTRAL_TOKEN        "station-7-token"
#define TH_CENTRAL_OTHER_TOKEN  "station-8-token"
/* The id tihuo-central-dev gives its first order (central-store.c). */
#define TH_CENTRAL_FIRST_ORDER_ID G_GINT64_CONSTANT (2026112100000001)

/* tihuo-central-dev running as a child process, with its own SQLite file in
 * the test's folder. Station 7 (the fixture's) and station 8 are set up. */
typedef struct {
  GSubprocess *process;
  SoupSession *session;
  char        *db_path;
  guint        port;
  char        *url;        /* base URL, http://127.0.0.1:PORT/api */
} ThCentral;

ThCentral *th_central_start    (const char   *dir,
                                ...) G_GNUC_NULL_TERMINATED;
/* Starts it again on the same file and port, after th_central_stop(). */
void       th_central_restart  (ThCentral    *central);
void       th_central_stop     (ThCentral    *central);
void       th_central_free     (ThCentral    *central);

/* POSTs @json (printf-style) to /_control/@verb; returns the answer. */
JsonNode  *th_central_control  (ThCentral    *central,
                                const char   *verb,
                                const char   *json_format,
                                ...) G_GNUC_PRINTF (3, 4);
JsonNode  *th_central_get      (ThCentral    *central,
                                const char   *verb);
gint64     th_central_stat     (ThCentral    *central,
                                const char   *name);
/* The first order id of @count new orders for station 7. */
gint64     th_central_seed     (ThCentral    *central,
                                guint         count);

/* A sync engine for the fixture's database, with station 7's token. */
ThSync    *th_central_sync_new (ThCentral    *central,
                                ThDb         *db);

/* A digest of everything sync may change, to prove nothing was. */
char      *th_central_db_digest (ThDb        *db);

/* Runs the main loop until @client emits sync-finished; returns its verdict.
 * Fails the test after @timeout_s. */
gboolean   th_central_wait_sync (gpointer     client,
                                 guint        timeout_s);

/* Hands over every line of @n orders from @first_id on, as the counter does. */
void       th_central_collect   (ThDb        *db,
                                 gint64       first_id,
                                 guint        n);

typedef struct {
  ThTestFixture  t;
  ThCentral     *central;
} ThSyncFixture;

void th_sync_fixture_set_up    (ThSyncFixture *f,
                                gconstpointer  data);
void th_sync_fixture_tear_down (ThSyncFixture *f,
                                gconstpointer  data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThCentral, th_central_free)

G_END_DECLS
