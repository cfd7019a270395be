/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A hand-over while another process holds the station database's write
 * lock (BEGIN IMMEDIATE) for 8 seconds: the window keeps responding and
 * says it is saving, a scan meanwhile waits its turn, and once the lock is
 * gone the hand-over is in the database. SQLite's busy timeout is 10 s. */
#include "config.h"

#include "th-counter-page.h"
#include "th-gui-test-util.h"
#include "th-order-store.h"

#define HOLD_SECONDS "8"
#define SHORT_HOLD_SECONDS "3"

typedef ThGuiFixture Fixture;

typedef struct {
  ThCounterPage *page;
  gint64         last_tick;   /* µs, monotonic */
  gint64         max_gap;     /* µs */
  guint          ticks;
  guint          ticks_busy;
  gboolean       saw_slow;
} Liveness;

static ThCounterPage *
counter (Fixture *f)
{
  return TH_COUNTER_PAGE (th_window_get_counter_page (f->window));
}

static guint
remaining (Fixture *f,
           gint64   order_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThOrder) order = th_order_store_load (f->base.db, order_id, &error);

  g_assert_no_error (error);
  return th_order_total_remaining (order);
}

static gboolean
tick_cb (gpointer user_data)
{
  Liveness *l = user_data;
  gint64 now = g_get_monotonic_time ();
  const char *text = th_counter_page_get_saving_text (l->page);

  l->max_gap = MAX (l->max_gap, now - l->last_tick);
  l->last_tick = now;
  l->ticks++;
  if (th_counter_page_get_busy (l->page))
    l->ticks_busy++;
  if (text != NULL && strstr (text, "Another terminal") != NULL)
    l->saw_slow = TRUE;
  return G_SOURCE_CONTINUE;
}

static GSubprocess *
hold_lock (Fixture    *f,
           const char *seconds)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  GSubprocess *p;

  g_assert_nonnull (g_getenv ("TIHUO_TEST_COLLECTOR"));
  p = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                        g_getenv ("TIHUO_TEST_COLLECTOR"), "hold", f->base.path, seconds, NULL);
  g_assert_no_error (error);
  /* Only once it holds the lock. */
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (p));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "locked");
  return p;
}

static void
test_hand_over_while_locked (Fixture       *f,
                             gconstpointer  data)
{
  const ThDemoCode *code = th_gui_fixture_code (f, TH_DEMO_CODE_VALID, TRUE);
  const ThDemoCode *next = th_gui_fixture_code (f, TH_DEMO_CODE_ALREADY_COLLECTED, FALSE);
  g_autoptr(GSubprocess) holder = NULL;
  g_autoptr(GError) error = NULL;
  Liveness l = { counter (f), 0, 0, 0, 0, FALSE };
  gint64 deadline;
  guint tick;

  g_assert_cmpint (code->order_id, !=, next->order_id);
  th_gui_scan (f, code->text);
  g_assert_cmpint (th_counter_page_get_verification (counter (f))->verdict, ==, TH_VERDICT_OK);
  g_assert_cmpuint (remaining (f, code->order_id), >, 0);

  holder = hold_lock (f, HOLD_SECONDS);
  l.last_tick = g_get_monotonic_time ();
  tick = g_timeout_add (50, tick_cb, &l);

  /* The hand-over waits for the lock on the worker; the window says so. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.hand-over", NULL));
  g_assert_true (th_counter_page_get_busy (counter (f)));
  g_assert_cmpstr (th_counter_page_get_saving_text (counter (f)), ==, "Saving…");
  g_assert_false (th_counter_page_get_can_hand_over (counter (f)));

  /* A scan meanwhile waits: the card still shows the first order. */
  th_gui_scan (f, next->text);
  g_assert_cmpint (th_counter_page_get_verification (counter (f))->order_id, ==, code->order_id);

  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (th_counter_page_get_busy (counter (f)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  g_assert_false (th_counter_page_get_busy (counter (f)));
  /* The time since the last tick counts too: a blocked loop never ticks. */
  tick_cb (&l);

  /* The main loop kept turning the whole time (a generous liveness bound:
   * the old code blocked it for the whole 8 s). */
  g_test_message ("%u ticks, %u while saving, longest gap %" G_GINT64_FORMAT " ms",
                  l.ticks, l.ticks_busy, l.max_gap / 1000);
  g_assert_cmpint (l.max_gap, <, 3 * G_USEC_PER_SEC);
  g_assert_cmpuint (l.ticks_busy, >, 10);
  g_assert_true (l.saw_slow);
  g_assert_null (th_counter_page_get_saving_text (counter (f)));

  /* Then the hand-over completed, and the waiting scan was shown after it. */
  g_assert_cmpuint (remaining (f, code->order_id), ==, 0);
  g_assert_cmpint (th_counter_page_get_verification (counter (f))->order_id, ==, next->order_id);
  g_assert_cmpint (th_counter_page_get_verification (counter (f))->verdict, ==, TH_VERDICT_ALREADY_COLLECTED);

  g_assert_true (g_subprocess_wait_check (holder, NULL, &error));
  g_assert_no_error (error);
}

/* Auto hand-over at rush hour with the database held: the second scan
 * waits for the first hand-over, then is handed over too, in that order. */
static void
test_auto_hand_overs_queue (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  const ThDemoCode *first = th_gui_fixture_code (f, TH_DEMO_CODE_VALID, TRUE);
  g_autoptr(GSubprocess) holder = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *second_code = NULL;
  gint64 second_order;
  sqlite3_stmt *stmt;

  stmt = th_db_prepare (f->base.db,
                        "SELECT pickup_code, id FROM orders o WHERE status = 'paid' AND pickup_code IS NOT NULL "
                        "AND id != ?1 AND NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id "
                        "AND l.collected_qty + l.refunded_qty > 0) ORDER BY id LIMIT 1", NULL);
  sqlite3_bind_int64 (stmt, 1, first->order_id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  second_code = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  second_order = sqlite3_column_int64 (stmt, 1);
  sqlite3_reset (stmt);

  g_settings_set_boolean (settings, "auto-hand-over", TRUE);
  holder = hold_lock (f, SHORT_HOLD_SECONDS);
  th_gui_scan (f, first->text);
  g_assert_true (th_counter_page_get_busy (counter (f)));
  th_gui_scan (f, second_code);
  th_gui_wait_saved (f->window);
  /* The second one started only once the first was saved: wait for it too. */
  th_gui_wait_saved (f->window);
  g_settings_set_boolean (settings, "auto-hand-over", FALSE);

  g_assert_cmpuint (remaining (f, first->order_id), ==, 0);
  g_assert_cmpuint (remaining (f, second_order), ==, 0);
  g_assert_cmpint (th_counter_page_get_verification (counter (f))->order_id, ==, second_order);
  g_assert_cmpint (th_test_scalar (f->base.db, "SELECT order_id FROM collections ORDER BY rowid DESC LIMIT 1"),
                   ==, second_order);
  g_assert_true (g_subprocess_wait_check (holder, NULL, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  th_gui_test_init (&argc, &argv);

  g_test_add ("/tihuo/window-lock/hand-over", Fixture, NULL, th_gui_fixture_set_up,
              test_hand_over_while_locked, th_gui_fixture_tear_down);
  g_test_add ("/tihuo/window-lock/auto-hand-overs-queue", Fixture, NULL, th_gui_fixture_set_up,
              test_auto_hand_overs_queue, th_gui_fixture_tear_down);

  return g_test_run ();
}
