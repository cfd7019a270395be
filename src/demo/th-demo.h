/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "th-db.h"
#include "th-verifier.h"

G_BEGIN_DECLS

/* The demo station: `tihuo --demo`, the screenshots and the GUI tests. */
#define TH_DEMO_STATION_ID        4207
#define TH_DEMO_OTHER_STATION_ID  4301
#define TH_DEMO_KEY_ID            90001
#define TH_DEMO_TERMINAL          "counter-1"
#define TH_DEMO_OTHER_TERMINAL    "counter-2"
/* The demo station's staff, so a new user can sign in straight away. */
#define TH_DEMO_LEADER_NAME       "王姐"
#define TH_DEMO_LEADER_PIN        "1234"
#define TH_DEMO_CASHIER_NAME      "小李"
#define TH_DEMO_CASHIER_PIN       "0000"
/* Phone tails that several demo orders share, for trying the search. */
#define TH_DEMO_SHARED_PHONE_TAIL "8888"

typedef enum {
  TH_DEMO_CODE_VALID,
  TH_DEMO_CODE_ALREADY_COLLECTED,
  TH_DEMO_CODE_OTHER_STATION,
  TH_DEMO_CODE_EXPIRED,
  TH_DEMO_CODE_CANCELLED,
  TH_DEMO_CODE_REFUNDED,
  TH_DEMO_CODE_NOT_YET_VALID,
  TH_DEMO_CODE_NOT_SYNCED,
  TH_DEMO_CODE_FORGED,
  TH_DEMO_CODE_UNKNOWN,
} ThDemoCodeCase;

/* A code as a customer would show it, and what scanning it must give. */
typedef struct {
  ThDemoCodeCase  which;
  gboolean        is_signed;
  char           *text;
  gint64          order_id;            /* -1 when the code names none */
  ThVerdict       expected;
  gboolean        expected_provisional;
} ThDemoCode;

char      *th_demo_default_dir    (void);
gboolean   th_demo_load_key       (const char          *dir,
                                   guint8               secret_key[64],
                                   GError             **error);
gboolean   th_demo_seed           (ThDb                *db,
                                   const guint8         secret_key[64],
                                   gint64               now,
                                   GError             **error);
gboolean   th_demo_seed_staff     (ThDb                *db,
                                   gint64               now,
                                   GError             **error);
gboolean   th_demo_has_demo_staff (ThDb                *db);
char      *th_demo_prepare        (const char          *dir,
                                   gint64               now,
                                   GError             **error);
void       th_demo_prepare_async  (const char          *dir,
                                   gint64               now,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
char      *th_demo_prepare_finish (GAsyncResult        *result,
                                   GError             **error);

GPtrArray *th_demo_codes_make     (ThDb                *db,
                                   const guint8         secret_key[64],
                                   gint64               now,
                                   GError             **error);
void       th_demo_code_free      (ThDemoCode          *code);

G_END_DECLS
