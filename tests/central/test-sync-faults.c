/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Every fault the contract names, injected into tihuo-central-dev: bad
 * bodies change nothing, 5xx/503/timeouts are retried with backoff, 401 and
 * 403 stop, redirects elsewhere and plain http to other hosts are refused. */
#include "config.h"

#include "th-central-util.h"
#include "th-order-store.h"
#include "th-outbox.h"
#include "th-sync-client.h"

typedef struct {
  const char *route;
  ThSyncWhat  what;
  const char *kind;
  int         code;
} BadBody;

static const BadBody bad_bodies[] = {
  { "orders", TH_SYNC_PULL, "garbage", TH_SYNC_ERROR_BAD_RESPONSE },
  { "orders", TH_SYNC_PULL, "truncate", TH_SYNC_ERROR_BAD_RESPONSE },
  { "orders", TH_SYNC_PULL, "wrong_types", TH_SYNC_ERROR_BAD_RESPONSE },
  { "orders", TH_SYNC_PULL, "oversize", TH_SYNC_ERROR_TOO_LARGE },
  { "orders", TH_SYNC_PULL, "oversize_chunked", TH_SYNC_ERROR_TOO_LARGE },
  { "events", TH_SYNC_PUSH, "garbage", TH_SYNC_ERROR_BAD_RESPONSE },
  { "events", TH_SYNC_PUSH, "truncate", TH_SYNC_ERROR_BAD_RESPONSE },
  { "events", TH_SYNC_PUSH, "wrong_types", TH_SYNC_ERROR_BAD_RESPONSE },
  { "events", TH_SYNC_PUSH, "oversize", TH_SYNC_ERROR_TOO_LARGE },
  { "keys", TH_SYNC_KEYS, "garbage", TH_SYNC_ERROR_BAD_RESPONSE },
  { "keys", TH_SYNC_KEYS, "truncate", TH_SYNC_ERROR_BAD_RESPONSE },
  { "keys", TH_SYNC_KEYS, "wrong_types", TH_SYNC_ERROR_BAD_RESPONSE },
  { "keys", TH_SYNC_KEYS, "oversize_chunked", TH_SYNC_ERROR_TOO_LARGE },
};

static void
test_bad_bodies (ThSyncFixture *f,
                 gconstpointer  data)
{
  g_autoptr(ThSync) sync = th_central_sync_new (f->central, f->t.db);
  gint64 first = th_central_seed (f->central, 40);

  /* Something in every table sync touches: orders, an unsent event, keys. */
  g_assert_true (th_sync_run (sync, TH_SYNC_PULL, NULL, NULL, NULL));
  th_central_collect (f->t.db, first, 3);
  g_autoptr(JsonNode) touched = th_central_control (f->central, "touch", "{\"station\": 7, \"random\": 10}");

  for (guint i = 0; i < G_N_ELEMENTS (bad_bodies); i++)
    {
      const BadBody *bad = &bad_bodies[i];
      g_autofree char *before = th_central_db_digest (f->t.db);
      g_autofree char *after = NULL;
      g_autoptr(JsonNode) fault = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("%s, %s:", bad->route, bad->kind);
      fault = th_central_control (f->central, "fault", "{\"route\": \"%s\", \"kind\": \"%s\"}", bad->route, bad->kind);
      g_assert_false (th_sync_run (sync, bad->what, NULL, NULL, &error));
      g_assert_error (error, TH_SYNC_ERROR, bad->code);
      g_assert_cmpuint (strlen (error->message), >, 40);
      g_test_message ("  → %s", error->message);
      after = th_central_db_digest (f->t.db);
      g_assert_cmpstr (before, ==, after);
      g_assert_cmpint (th_central_stat (f->central, "faults_left"), ==, 0);
    }
  g_assert_cmpint (th_outbox_count (f->t.db, NULL), ==, 3);

  /* And once the platform behaves, everything goes through. */
  g_assert_true (th_sync_run (sync, TH_SYNC_ALL, NULL, NULL, NULL));
  g_assert_cmpint (th_outbox_count (f->t.db, NULL), ==, 0);
}

static void
test_refused_addresses (ThSyncFixture *f,
                        gconstpointer  data)
{
  g_autoptr(ThSync) sync = th_central_sync_new (f->central, f->t.db);
  g_autoptr(JsonNode) fault = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = th_central_db_digest (f->t.db);
  g_autofree char *after = NULL;

  g_assert_null (th_sync_new (f->t.db, "http://central.example.com/api", &error));
  g_assert_error (error, TH_SYNC_ERROR, TH_SYNC_ERROR_INSECURE);
  g_clear_error (&error);
  g_assert_null (th_sync_new (f->t.db, "ftp://127.0.0.1/api", &error));
  g_assert_error (error, TH_SYNC_ERROR, TH_SYNC_ERROR_BAD_URL);
  g_clear_error (&error);
  g_assert_null (th_sync_new (f->t.db, "https://user:secret@central.example.com/api", &error));
  g_assert_error (error, TH_SYNC_ERROR, TH_SYNC_ERROR_BAD_URL);
  g_clear_error (&error);
  g_assert_true (th_sync_check_url ("http://[::1]:8080/api", NULL));
  g_assert_true (th_sync_check_url ("http://localhost/api", NULL));
  g_assert_true (th_sync_check_url ("https://central.example.com/api", NULL));

  /* A redirect to another host is not followed, so the token stays here. */
  fault = th_central_control (f->central, "fault", "{\"route\": \"orders\", \"kind\": \"redirect\"}");
  g_assert_false (th_sync_run (sync, TH_SYNC_PULL, NULL, NULL, &error));
  g_assert_error (error, TH_SYNC_ERROR, TH_SYNC_ERROR_REDIRECT);
  after = th_central_db_digest (f->t.db);
  g_assert_cmpstr (before, ==, after);
}

static void
count_cb (ThSyncClient *client,
          guint         delay_ms,
          GArray       *delays)
{
  g_array_append_val (delays, delay_ms);
}

/* 401 and 403 stop the client: no retries until someone acts. */
static void
test_auth_stops (ThSyncFixture *f,
                 gconstpointer  data)
{
  const char *tokens[] = { "not-a-token", TH_CENTRAL_OTHER_TOKEN };
  const char *needles[] = { "401", "403" };

  for (guint i = 0; i < G_N_ELEMENTS (tokens); i++)
    {
      g_autoptr(GArray) delays = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr(ThSyncClient) client = NULL;
      g_autoptr(GError) error = NULL;
      gint64 requests;

      client = th_sync_client_new (f->t.db, f->central->url, tokens[i], &error);
      g_assert_no_error (error);
      g_signal_connect (client, "retry-scheduled", G_CALLBACK (count_cb), delays);
      th_sync_client_start (client);
      g_assert_false (th_central_wait_sync (client, 10));
      g_assert_cmpint (th_sync_client_get_state (client), ==, TH_SYNC_STATE_AUTH_FAILED);
      g_assert_nonnull (strstr (th_sync_client_get_last_error (client), needles[i]));
      g_assert_cmpuint (delays->len, ==, 0);

      /* Nothing more is tried while waiting for a person. */
      requests = th_central_stat (f->central, "requests.events") + th_central_stat (f->central, "requests.orders");
      for (gint64 end = g_get_monotonic_time () + 1500 * 1000; g_get_monotonic_time () < end;)
        g_main_context_iteration (NULL, FALSE), g_usleep (10000);
      g_assert_cmpint (th_central_stat (f->central, "requests.events") + th_central_stat (f->central, "requests.orders"),
                       ==, requests);

      /* A good token, and it goes on at once. */
      th_sync_client_set_token (client, TH_CENTRAL_TOKEN);
      g_assert_true (th_central_wait_sync (client, 10));
      g_assert_cmpint (th_sync_client_get_state (client), ==, TH_SYNC_STATE_ONLINE);
      th_sync_client_stop (client);
    }
}

/* 500, then 503 with Retry-After: 2, then a reply slower than the timeout:
 * each is retried, after a wait that grows and honours Retry-After. */
static void
test_retries (ThSyncFixture *f,
              gconstpointer  data)
{
  g_autoptr(GArray) delays = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(ThSyncClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) a = NULL, b = NULL, c = NULL;
  g_autoptr(ThOrder) order = NULL;
  gint64 first = th_central_seed (f->central, 3);
  gint64 started;

  a = th_central_control (f->central, "fault", "{\"route\": \"orders\", \"kind\": \"status\", \"status\": 500}");
  b = th_central_control (f->central, "fault",
                          "{\"route\": \"orders\", \"kind\": \"status\", \"status\": 503, \"retry_after\": 2}");
  c = th_central_control (f->central, "fault", "{\"route\": \"orders\", \"kind\": \"delay\", \"delay_ms\": 2500}");

  client = th_sync_client_new (f->t.db, f->central->url, TH_CENTRAL_TOKEN, &error);
  g_assert_no_error (error);
  th_sync_client_set_timeout (client, 1);
  g_signal_connect (client, "retry-scheduled", G_CALLBACK (count_cb), delays);
  started = g_get_monotonic_time ();
  th_sync_client_start (client);

  g_assert_false (th_central_wait_sync (client, 10));
  g_assert_nonnull (strstr (th_sync_client_get_last_error (client), "500"));
  g_assert_false (th_central_wait_sync (client, 10));
  g_assert_nonnull (strstr (th_sync_client_get_last_error (client), "503"));
  g_assert_false (th_central_wait_sync (client, 10));
  g_assert_nonnull (strstr (th_sync_client_get_last_error (client), "in time"));
  g_assert_cmpint (th_sync_client_get_state (client), ==, TH_SYNC_STATE_OFFLINE);
  g_assert_true (th_central_wait_sync (client, 20));
  g_assert_cmpint (th_sync_client_get_state (client), ==, TH_SYNC_STATE_ONLINE);

  g_assert_cmpuint (delays->len, ==, 3);
  g_assert_cmpuint (g_array_index (delays, guint, 0), >=, 750);
  g_assert_cmpuint (g_array_index (delays, guint, 0), <=, 1250);
  g_assert_cmpuint (g_array_index (delays, guint, 1), >=, 2000);   /* Retry-After */
  g_assert_cmpuint (g_array_index (delays, guint, 2), >=, 3000);   /* 4 s ± 25 % */
  g_assert_cmpuint (g_array_index (delays, guint, 2), <=, 5000);
  g_assert_cmpint (g_get_monotonic_time () - started, >=, (gint64) (0.75 + 2 + 3) * G_USEC_PER_SEC);
  order = th_order_store_load (f->t.db, first, NULL);
  g_assert_nonnull (order);
  th_sync_client_stop (client);
}

/* A server that answers one byte at a time, within any per-read timeout,
 * is stopped by the request's overall deadline: the run ends, says so, and
 * keeps what it did before (the push and the pull). */
static void
test_request_deadline (ThSyncFixture *f,
                       gconstpointer  data)
{
  g_autoptr(ThSync) sync = th_central_sync_new (f->central, f->t.db);
  g_autoptr(JsonNode) fault = NULL;
  g_autoptr(GError) error = NULL;
  gint64 first = th_central_seed (f->central, 3);
  ThSyncReport report;

  g_assert_true (th_sync_run (sync, TH_SYNC_PULL, NULL, NULL, NULL));
  th_central_collect (f->t.db, first, 2);
  fault = th_central_control (f->central, "fault", "{\"route\": \"keys\", \"kind\": \"trickle\", \"delay_ms\": 200}");
  th_sync_set_timeout (sync, 5);
  th_sync_set_deadlines (sync, 2, 0);

  g_assert_false (th_sync_run (sync, TH_SYNC_ALL, &report, NULL, &error));
  g_assert_error (error, TH_SYNC_ERROR, TH_SYNC_ERROR_TIMEOUT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "2 s deadline"));
  g_assert_cmpuint (report.done, ==, TH_SYNC_PUSH | TH_SYNC_PULL);
  g_assert_cmpuint (report.n_accepted, ==, 2);
  g_assert_cmpint (th_outbox_count (f->t.db, NULL), ==, 0);

  /* The next run, with the server well again, goes through. */
  g_clear_error (&error);
  g_assert_true (th_sync_run (sync, TH_SYNC_ALL, &report, NULL, &error));
  g_assert_no_error (error);
}

/* Stopping still reads as stopping, not as a deadline. */
static gpointer
cancel_later (gpointer data)
{
  g_usleep (300 * 1000);
  g_cancellable_cancel (data);
  return NULL;
}

static void
test_cancel_is_not_deadline (ThSyncFixture *f,
                             gconstpointer  data)
{
  g_autoptr(ThSync) sync = th_central_sync_new (f->central, f->t.db);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(JsonNode) fault = NULL;
  g_autoptr(GError) error = NULL;
  GThread *canceller;

  fault = th_central_control (f->central, "fault", "{\"route\": \"orders\", \"kind\": \"trickle\", \"delay_ms\": 100}");
  th_sync_set_deadlines (sync, 60, 120);
  canceller = g_thread_new ("canceller", cancel_later, cancellable);
  g_assert_false (th_sync_run (sync, TH_SYNC_PULL, NULL, cancellable, &error));
  g_thread_join (canceller);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_backoff (void)
{
  for (guint n = 1; n <= 30; n++)
    {
      gint64 nominal = MIN ((gint64) 1000 << MIN (n - 1, 20), 300000);
      gint64 lo = th_sync_backoff_ms (n, -1, 0.0);
      gint64 hi = th_sync_backoff_ms (n, -1, 0.999);

      g_assert_cmpint (lo, >=, nominal * 3 / 4);
      g_assert_cmpint (hi, <=, MIN (nominal * 5 / 4, 300000));
      g_assert_cmpint (hi, <=, TH_SYNC_BACKOFF_MAX_MS);
    }
  g_assert_cmpint (th_sync_backoff_ms (1, 120, 0.5), ==, 120000);
  g_assert_cmpint (th_sync_backoff_ms (30, 0, 0.0), ==, 225000);
  g_assert_cmpint (th_sync_backoff_ms (1, 100000, 0.5), ==, TH_SYNC_RETRY_AFTER_MAX_S * 1000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tihuo/sync/faults/backoff", test_backoff);
  g_test_add ("/tihuo/sync/faults/request-deadline", ThSyncFixture, NULL,
              th_sync_fixture_set_up, test_request_deadline, th_sync_fixture_tear_down);
  g_test_add ("/tihuo/sync/faults/cancel-is-not-deadline", ThSyncFixture, NULL,
              th_sync_fixture_set_up, test_cancel_is_not_deadline, th_sync_fixture_tear_down);
  g_test_add ("/tihuo/sync/faults/bad-bodies", ThSyncFixture, NULL,
              th_sync_fixture_set_up, test_bad_bodies, th_sync_fixture_tear_down);
  g_test_add ("/tihuo/sync/faults/refused-addresses", ThSyncFixture, NULL,
              th_sync_fixture_set_up, test_refused_addresses, th_sync_fixture_tear_down);
  g_test_add ("/tihuo/sync/faults/auth-stops", ThSyncFixture, NULL,
              th_sync_fixture_set_up, test_auth_stops, th_sync_fixture_tear_down);
  g_test_add ("/tihuo/sync/faults/retries", ThSyncFixture, NULL,
              th_sync_fixture_set_up, test_retries, th_sync_fixture_tear_down);
  return g_test_run ();
}
