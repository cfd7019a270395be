/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "th-demo.h"
#include "th-test-util.h"
#include "th-demo-sync.h"
#include "th-window-sync.h"

G_BEGIN_DECLS

/* A demo folder as `tihuo --demo` prepares it (key file and station), and a
 * counter window on it with someone signed in. Sync starts when a test
 * asks, against a real tihuo-central-dev ($TIHUO_CENTRAL) on loopback. */
typedef struct {
  ThTestFixture  base;
  ThWindow      *window;
  GPtrArray     *codes;      /* of ThDemoCode, made at set-up */
  guint8         demo_key[64];
  gpointer       watched;    /* what a test's condition looks at */
} ThSyncFixture;

typedef gboolean (*ThSyncCondition) (ThSyncFixture *f);

/* Makes libsecret fail at once, so no test touches a real keyring. */
void              th_sync_test_init          (int             *argc,
                                              char          ***argv);
void              th_sync_fixture_set_up     (ThSyncFixture   *f,
                                              gconstpointer    data);
void              th_sync_fixture_tear_down  (ThSyncFixture   *f,
                                              gconstpointer    data);
/* Runs the main loop until @condition holds; fails the test after 30 s. */
void              th_sync_wait_until         (ThSyncFixture   *f,
                                              ThSyncCondition  condition,
                                              const char      *what);
/* The window's client is online, has pulled, and has nothing to send. */
gboolean          th_sync_synced_clean       (ThSyncFixture   *f);
const ThDemoCode *th_sync_fixture_code       (ThSyncFixture   *f,
                                              ThDemoCodeCase   which);

G_END_DECLS
