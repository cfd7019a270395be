/* SPDX-License-Identifier: GPL-3.0-or-later */
/* When ThSyncClient syncs: a new event leaves within 2 s, the network coming
 * back cuts a long wait short, and Sync now forgets the backoff. The network
 * monitor is a stand-in that the test switches; everything else is real. */
#include "config.h"

#include "th-central-util.h"
#include "th-outbox.h"
#include "th-sync-client.h"
#include "th-sync-client-private.h"

#define FAKE_TYPE_MONITOR (fake_monitor_get_type ())
G_DECLARE_FINAL_TYPE (FakeMonitor, fake_monitor, FAKE, MONITOR, GObject)

struct _FakeMonitor
{
  GObject  parent_instance;
  gboolean available;
};

enum { PROP_0, PROP_AVAILABLE, PROP_METERED, PROP_CONNECTIVITY };

static void fake_monitor_iface_init (GNetworkMonitorInterface *iface) { }

static gboolean
fake_monitor_initable_init (GInitable     *initable,
                            GCancellable  *cancellable,
                            GError       **error)
{
  return TRUE;
}

static void
fake_monitor_initable_iface_init (GInitableIface *iface)
{
  iface->init = fake_monitor_initable_init;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (FakeMonitor, fake_monitor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, fake_monitor_initable_iface_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR, fake_monitor_iface_init))

static void
fake_monitor_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  FakeMonitor *self = FAKE_MONITOR (object);

  switch (prop_id)
    {
    case PROP_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;
    case PROP_METERED:
      g_value_set_boolean (value, FALSE);
      break;
    case PROP_CONNECTIVITY:
      g_value_set_enum (value, self->available ? G_NETWORK_CONNECTIVITY_FULL : G_NETWORK_CONNECTIVITY_LOCAL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fake_monitor_class_init (FakeMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = fake_monitor_get_property;
  g_object_class_override_property (object_class, PROP_AVAILABLE, "network-available");
  g_object_class_override_property (object_class, PROP_METERED, "network-metered");
  g_object_class_override_property (object_class, PROP_CONNECTIVITY, "connectivity");
}

static void
fake_monitor_init (FakeMonitor *self)
{
  self->available = TRUE;
}

static void
fake_monitor_switch (FakeMonitor *self,
                     gboolean     available)
{
  self->available = available;
  g_signal_emit_by_name (self, "network-changed", available);
}

static ThSyncClient *
start_client (ThSyncFixture *f,
              FakeMonitor   *monitor)
{
  g_autoptr(GError) error = NULL;
  ThSyncClient *client = th_sync_client_new (f->t.db, f->central->url, TH_CENTRAL_TOKEN, &error);

  g_assert_no_error (error);
  _th_sync_client_set_network_monitor (client, G_NETWORK_MONITOR (monitor));
  th_sync_client_start (client);
  return client;
}

/* A collection made while the client idles reaches the platform within 2 s. */
static void
test_push_soon (ThSyncFixture *f,
                gconstpointer  data)
{
  g_autoptr(FakeMonitor) monitor = g_object_new (FAKE_TYPE_MONITOR, NULL);
  g_autoptr(ThSyncClient) client = NULL;
  gint64 first = th_central_seed (f->central, 3);
  gint64 collected_at;

  client = start_client (f, monitor);
  g_assert_true (th_central_wait_sync (client, 10));

  for (guint i = 0; i < 3; i++)
    {
      th_central_collect (f->t.db, first + i, 1);
      collected_at = g_get_monotonic_time ();
      g_assert_true (th_central_wait_sync (client, 10));
      g_assert_cmpint (g_get_monotonic_time () - collected_at, <, 2 * G_USEC_PER_SEC);
      g_assert_cmpint (th_central_stat (f->central, "events"), ==, i + 1);
      g_assert_cmpint (th_sync_client_get_pending (client), ==, 0);
    }
}

static void
delay_cb (ThSyncClient *client,
          guint         delay_ms,
          guint        *last)
{
  *last = delay_ms;
}

/* A 503 asking for 60 s; then the network drops and comes back: the client
 * tries at once instead of waiting out the minute. Sync now does too. */
static void
test_network_back (ThSyncFixture *f,
                   gconstpointer  data)
{
  g_autoptr(FakeMonitor) monitor = g_object_new (FAKE_TYPE_MONITOR, NULL);
  g_autoptr(ThSyncClient) client = NULL;
  g_autoptr(JsonNode) a = NULL, b = NULL;
  gint64 back_at;
  guint last_delay = 0;

  a = th_central_control (f->central, "fault", "{\"kind\": \"status\", \"status\": 503, \"retry_after\": 60, \"count\": 2}");
  client = start_client (f, monitor);
  g_signal_connect (client, "retry-scheduled", G_CALLBACK (delay_cb), &last_delay);
  g_assert_false (th_central_wait_sync (client, 10));
  g_assert_cmpuint (last_delay, >=, 60000);

  fake_monitor_switch (monitor, FALSE);
  fake_monitor_switch (monitor, TRUE);
  back_at = g_get_monotonic_time ();
  g_assert_false (th_central_wait_sync (client, 10));
  g_assert_cmpint (g_get_monotonic_time () - back_at, <, 2 * G_USEC_PER_SEC);

  th_sync_client_sync_now (client);
  g_assert_true (th_central_wait_sync (client, 10));
  g_assert_cmpint (g_get_monotonic_time () - back_at, <, 4 * G_USEC_PER_SEC);
  g_assert_cmpint (th_sync_client_get_state (client), ==, TH_SYNC_STATE_ONLINE);
  g_assert_cmpint (th_sync_client_get_last_pull (client), >, 0);
  g_assert_false (th_sync_client_is_stale (client));
}

/* A pull that stalls until its deadline, then one the platform asks to wait
 * 60 s for: a new event still leaves at once, while the pull waits. */
static void
test_stalled_pull_push (ThSyncFixture *f,
                        gconstpointer  data)
{
  g_autoptr(FakeMonitor) monitor = g_object_new (FAKE_TYPE_MONITOR, NULL);
  g_autoptr(ThSyncClient) client = NULL;
  g_autoptr(JsonNode) a = NULL, b = NULL;
  g_autoptr(GError) error = NULL;
  gint64 first = th_central_seed (f->central, 2);
  gint64 orders_asked;

  {
    g_autoptr(ThSync) sync = th_central_sync_new (f->central, f->t.db);
    g_assert_true (th_sync_run (sync, TH_SYNC_PULL, NULL, NULL, NULL));
  }
  a = th_central_control (f->central, "fault", "{\"route\": \"orders\", \"kind\": \"trickle\", \"delay_ms\": 300}");
  b = th_central_control (f->central, "fault",
                          "{\"route\": \"orders\", \"kind\": \"status\", \"status\": 503, \"retry_after\": 60}");

  client = th_sync_client_new (f->t.db, f->central->url, TH_CENTRAL_TOKEN, &error);
  g_assert_no_error (error);
  _th_sync_client_set_network_monitor (client, G_NETWORK_MONITOR (monitor));
  th_sync_client_set_deadlines (client, 1, 0);
  th_sync_client_start (client);
  g_assert_false (th_central_wait_sync (client, 20));
  g_assert_nonnull (strstr (th_sync_client_get_last_error (client), "deadline"));
  g_assert_false (th_central_wait_sync (client, 20));
  g_assert_nonnull (strstr (th_sync_client_get_last_error (client), "503"));

  /* The pull now waits a minute; the event does not. */
  orders_asked = th_central_stat (f->central, "requests.orders");
  th_central_collect (f->t.db, first, 1);
  g_assert_true (th_central_wait_sync (client, 20));
  g_assert_cmpint (th_central_stat (f->central, "events"), ==, 1);
  g_assert_cmpint (th_sync_client_get_pending (client), ==, 0);
  g_assert_cmpint (th_central_stat (f->central, "requests.orders"), ==, orders_asked);
  th_sync_client_stop (client);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/tihuo/sync/schedule/push-soon", ThSyncFixture, NULL,
              th_sync_fixture_set_up, test_push_soon, th_sync_fixture_tear_down);
  g_test_add ("/tihuo/sync/schedule/stalled-pull-push", ThSyncFixture, NULL,
              th_sync_fixture_set_up, test_stalled_pull_push, th_sync_fixture_tear_down);
  g_test_add ("/tihuo/sync/schedule/network-back", ThSyncFixture, NULL,
              th_sync_fixture_set_up, test_network_back, th_sync_fixture_tear_down);
  return g_test_run ();
}
