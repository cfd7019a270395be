/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The demo station: what it seeds, and that every demo code gives the
 * verdict it promises. */
#include "config.h"

#include <glib/gstdio.h>
#include <sodium.h>
#include <sys/stat.h>

#include "th-collect.h"
#include "th-demo.h"
#include "th-history.h"
#include "th-order-list.h"
#include "th-staff.h"
#include "th-identity.h"
#include "th-test-util.h"
#include "th-time.h"

typedef struct {
  ThTestFixture base;
  guint8        demo_key[64];
  gint64        now;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint8 pk[32];

  th_test_fixture_set_up (&f->base, data);
  crypto_sign_keypair (pk, f->demo_key);
  f->now = th_time_now ();
  g_assert_true (th_demo_seed (f->base.db, f->demo_key, f->now, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  th_test_fixture_tear_down (&f->base, data);
}

static gboolean
has_non_ascii (const char *s)
{
  for (; *s; s++)
    if ((guchar) *s >= 0x80)
      return TRUE;
  return FALSE;
}

static void
test_seed (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThOrderList) list = th_order_list_query (f->base.db, f->now, 2, TH_ORDER_FILTER_ALL, NULL, &error);
  g_autoptr(GPtrArray) here = NULL;
  g_autoptr(GPtrArray) other = NULL;
  g_auto(GStrv) dates = th_order_list_dates (f->now, 2);
  g_autofree char *terminal = NULL;
  guint states[4] = { 0 };
  gboolean days[2] = { FALSE, FALSE };
  guint32 station;

  g_assert_no_error (error);
  g_assert_true (th_identity_get (f->base.db, &station, &terminal, NULL));
  g_assert_cmpuint (station, ==, TH_DEMO_STATION_ID);
  g_assert_cmpstr (terminal, ==, TH_DEMO_TERMINAL);

  g_assert_cmpuint (list->orders->len, >=, 250);
  g_assert_cmpuint (list->orders->len, <=, 350);
  for (guint i = 0; i < list->orders->len; i++)
    {
      ThOrder *o = g_ptr_array_index (list->orders, i);

      states[th_order_get_state (o)]++;
      days[0] |= g_str_equal (o->slot_date, dates[0]);
      days[1] |= g_str_equal (o->slot_date, dates[1]);
      g_assert_true (has_non_ascii (o->customer_name));
      g_assert_nonnull (strchr (o->customer_name, '*'));
      g_assert_cmpuint (strlen (o->phone_tail), ==, 4);
      g_assert_cmpuint (o->lines->len, >, 0);
      for (guint j = 0; j < o->lines->len; j++)
        {
          ThOrderLine *l = &g_array_index (o->lines, ThOrderLine, j);
          g_assert_true (has_non_ascii (l->name));
          g_assert_cmpint (l->unit_price, >, 0);
        }
    }
  g_assert_true (days[0] && days[1]);
  for (guint s = 0; s < G_N_ELEMENTS (states); s++)
    g_assert_cmpuint (states[s], >, 0);
  g_assert_cmpuint (list->slots->len, >=, 4);

  /* Hand-overs at this terminal (some still undoable) and at another. */
  here = th_history_list (f->base.db, TH_DEMO_TERMINAL, 0, 0, &error);
  g_assert_no_error (error);
  other = th_history_list (f->base.db, TH_DEMO_OTHER_TERMINAL, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (here->len, >, 10);
  g_assert_cmpuint (other->len, >, 0);
  g_assert_true (th_history_entry_can_undo (g_ptr_array_index (here, 0), f->now));
}

static void
test_codes (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codes = th_demo_codes_make (f->base.db, f->demo_key, f->now, &error);
  gboolean seen[TH_DEMO_CODE_UNKNOWN + 1] = { FALSE };
  guint n_signed = 0, n_plain = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < codes->len; i++)
    {
      ThDemoCode *code = g_ptr_array_index (codes, i);
      g_autoptr(ThVerification) v = th_verifier_verify_code (f->base.db, code->text, f->now, &error);

      g_assert_no_error (error);
      g_test_message ("case %d, signed %d: %s", code->which, code->is_signed, th_verdict_to_string (v->verdict));
      g_assert_cmpstr (th_verdict_to_string (v->verdict), ==, th_verdict_to_string (code->expected));
      g_assert_cmpint (v->provisional, ==, code->expected_provisional);
      seen[code->which] = TRUE;
      if (code->is_signed)
        n_signed++;
      else
        n_plain++;
    }
  /* The cases the issue names, at least. */
  g_assert_true (seen[TH_DEMO_CODE_VALID] && seen[TH_DEMO_CODE_ALREADY_COLLECTED] &&
                 seen[TH_DEMO_CODE_OTHER_STATION] && seen[TH_DEMO_CODE_EXPIRED] && seen[TH_DEMO_CODE_CANCELLED]);
  g_assert_cmpuint (n_signed, >=, 5);
  g_assert_cmpuint (n_plain, >=, 3);
}

static void
test_codes_follow_state (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = th_demo_codes_make (f->base.db, f->demo_key, f->now, &error);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(ThVerification) v = NULL;
  ThDemoCode *valid = g_ptr_array_index (before, 0);

  g_assert_cmpint (valid->which, ==, TH_DEMO_CODE_VALID);
  v = th_collect_code (f->base.db, valid->text, NULL, 0, TH_DEMO_TERMINAL, f->now, &error);
  g_assert_no_error (error);
  g_assert_nonnull (v->collected);

  /* Once handed over, the next list offers another valid order. */
  after = th_demo_codes_make (f->base.db, f->demo_key, f->now, &error);
  g_assert_no_error (error);
  g_assert_cmpint (((ThDemoCode *) g_ptr_array_index (after, 0))->which, ==, TH_DEMO_CODE_VALID);
  g_assert_cmpint (((ThDemoCode *) g_ptr_array_index (after, 0))->order_id, !=, valid->order_id);
}

static void
prepared_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  char **path = user_data;
  g_autoptr(GError) error = NULL;

  *path = th_demo_prepare_finish (result, &error);
  g_assert_no_error (error);
}

/* A new user of the demo can sign in with the PINs the sign-in page shows. */
static void
test_staff (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) staff = NULL;
  g_autoptr(ThStaff) leader = NULL;
  g_autoptr(ThStaff) cashier = NULL;

  g_assert_false (th_demo_has_demo_staff (f->base.db));
  g_assert_true (th_demo_seed_staff (f->base.db, f->now, &error));
  g_assert_no_error (error);
  g_assert_true (th_demo_has_demo_staff (f->base.db));
  /* Twice is harmless. */
  g_assert_true (th_demo_seed_staff (f->base.db, f->now, &error));

  staff = th_staff_list (f->base.db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (staff->len, ==, 2);
  leader = th_staff_sign_in (f->base.db, TH_DEMO_LEADER_NAME, TH_DEMO_LEADER_PIN, f->now, &error);
  g_assert_no_error (error);
  g_assert_nonnull (leader);
  cashier = th_staff_sign_in (f->base.db, TH_DEMO_CASHIER_NAME, TH_DEMO_CASHIER_PIN, f->now, &error);
  g_assert_no_error (error);
  g_assert_nonnull (cashier);
}

static void
test_prepare (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tihuo-demo-XXXXXX", &error);
  g_autofree char *key_path = g_build_filename (dir, "demo-signing-key", NULL);
  g_autofree char *path = NULL;
  g_autofree char *again = NULL;
  g_autofree char *day = NULL;
  g_autofree char *tomorrow = NULL;
  gint64 now = th_time_now ();
  GStatBuf st;

  g_assert_no_error (error);
  th_demo_prepare_async (dir, now, NULL, prepared_cb, &path);
  while (path == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (g_stat (key_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* Same day: the station is kept, hand-overs and all. */
  {
    g_autoptr(ThDb) db = th_db_open (path, &error);
    g_autoptr(GPtrArray) history = NULL;

    g_assert_no_error (error);
    history = th_history_list (db, NULL, 0, 0, &error);
    g_assert_no_error (error);
    g_assert_true (th_collect_undo (db, ((ThHistoryEntry *) g_ptr_array_index (history, 0))->collection_id,
                                    "test", "test", now, NULL, &error));
    g_assert_no_error (error);
  }
  again = th_demo_prepare (dir, now, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, path);
  {
    g_autoptr(ThDb) db = th_db_open (path, &error);
    g_autoptr(GPtrArray) history = th_history_list (db, NULL, 0, 0, &error);

    g_assert_no_error (error);
    g_assert_cmpint (((ThHistoryEntry *) g_ptr_array_index (history, 0))->undone_at, !=, 0);
  }

  /* Another day: seeded again, so "today" is always today. */
  g_free (again);
  again = th_demo_prepare (dir, now + 2 * 86400, &error);
  g_assert_no_error (error);
  {
    g_autoptr(ThDb) db = th_db_open (again, &error);
    g_autoptr(GPtrArray) history = NULL;

    g_assert_no_error (error);
    g_assert_true (th_db_get_state (db, "demo_day", &day, &error));
    tomorrow = th_time_format_local (now + 2 * 86400, "%Y-%m-%d");
    g_assert_cmpstr (day, ==, tomorrow);
    history = th_history_list (db, NULL, 0, 0, &error);
    g_assert_cmpint (((ThHistoryEntry *) g_ptr_array_index (history, 0))->undone_at, ==, 0);
  }

  {
    /* Leave nothing behind. */
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;
    while ((name = g_dir_read_name (d)))
      {
        g_autofree char *file = g_build_filename (dir, name, NULL);
        g_unlink (file);
      }
    g_rmdir (dir);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/tihuo/demo/seed", Fixture, NULL, fixture_set_up, test_seed, fixture_tear_down);
  g_test_add ("/tihuo/demo/codes", Fixture, NULL, fixture_set_up, test_codes, fixture_tear_down);
  g_test_add ("/tihuo/demo/codes-follow-state", Fixture, NULL, fixture_set_up, test_codes_follow_state,
              fixture_tear_down);
  g_test_add ("/tihuo/demo/staff", Fixture, NULL, fixture_set_up, test_staff, fixture_tear_down);
  g_test_add_func ("/tihuo/demo/prepare", test_prepare);

  return g_test_run ();
}
