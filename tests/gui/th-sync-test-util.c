/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "th-gui-test-util.h"
#include "th-staff.h"
#include "th-sync-test-util.h"
#include "th-time.h"

#define WAIT_S 30

void
th_sync_test_init (int    *argc,
                   char ***argv)
{
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/tihuo-test-bus", TRUE);
  th_gui_test_init (argc, argv);
}

void
th_sync_fixture_set_up (ThSyncFixture *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThStaff) staff = NULL;
  g_autofree char *path = NULL;
  gint64 now = th_time_now ();

  th_test_fixture_set_up (&f->base, data);
  g_clear_object (&f->base.db);
  path = th_demo_prepare (f->base.dir, now, &error);
  g_assert_no_error (error);
  f->base.db = th_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (th_demo_load_key (f->base.dir, f->demo_key, &error));
  f->codes = th_demo_codes_make (f->base.db, f->demo_key, now, &error);
  g_assert_no_error (error);

  {
    g_autoptr(ThContext) context = th_context_new (f->base.db);
    f->window = g_object_ref (th_window_new (NULL, context));
  }
  staff = th_staff_add (f->base.db, "wang", TH_STAFF_ROLE_LEADER, "2468", NULL, NULL, TH_PIN_COST_MIN, now, &error);
  g_assert_no_error (error);
  th_session_set_staff (th_context_get_session (th_window_get_context (f->window)), staff);
  gtk_window_present (GTK_WINDOW (f->window));
  th_gui_spin (50);
}

void
th_sync_fixture_tear_down (ThSyncFixture *f,
                           gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  th_gui_spin (50);
  g_assert_finalize_object (f->window);
  g_ptr_array_unref (f->codes);
  th_test_fixture_tear_down (&f->base, data);
}

void
th_sync_wait_until (ThSyncFixture   *f,
                    ThSyncCondition  condition,
                    const char      *what)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_S * G_USEC_PER_SEC;

  while (!condition (f))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for %s", what);
      th_gui_spin (20);
    }
}

gboolean
th_sync_synced_clean (ThSyncFixture *f)
{
  ThSyncClient *client = th_context_get_sync_client (th_window_get_context (f->window));

  return client != NULL && th_sync_client_get_state (client) == TH_SYNC_STATE_ONLINE &&
         th_sync_client_get_last_pull (client) > 0 && th_sync_client_get_pending (client) == 0 &&
         !th_sync_client_get_busy (client);
}

const ThDemoCode *
th_sync_fixture_code (ThSyncFixture  *f,
                      ThDemoCodeCase  which)
{
  for (guint i = 0; i < f->codes->len; i++)
    {
      ThDemoCode *code = g_ptr_array_index (f->codes, i);

      if (code->which == which && code->is_signed)
        return code;
    }
  g_assert_not_reached ();
}
