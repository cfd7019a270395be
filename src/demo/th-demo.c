/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The demo station: its own data folder, a signing key that stands in for
 * the platform's, and a day of orders, some already handed over through the
 * same core calls the counter uses. It is seeded again on another day, so
 * "today" in the demo is always today. */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sodium.h>

#include "th-collect.h"
#include "th-demo-private.h"
#include "th-error.h"
#include "th-key-store.h"
#include "th-order-store.h"
#include "th-staff.h"
#include "th-identity.h"
#include "th-time.h"

#define KEY_FILE   "demo-signing-key"
#define DB_FILE    "station.db"
#define STATE_DAY  "demo_day"

char *
th_demo_default_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "tihuo", "demo", NULL);
}

/**
 * th_demo_load_key:
 *
 * Reads the demo signing key's seed from @dir, making one on first use.
 */
gboolean
th_demo_load_key (const char  *dir,
                  guint8       secret_key[64],
                  GError     **error)
{
  g_autofree char *path = g_build_filename (dir, KEY_FILE, NULL);
  g_autofree char *text = NULL;
  guint8 seed[32], pk[32];

  g_return_val_if_fail (dir != NULL, FALSE);

  if (sodium_init () < 0)
    g_error ("libsodium could not be initialised");

  if (g_file_get_contents (path, &text, NULL, NULL) && strlen (g_strstrip (text)) == 64)
    {
      for (guint i = 0; i < 32; i++)
        {
          int hi = g_ascii_xdigit_value (text[2 * i]), lo = g_ascii_xdigit_value (text[2 * i + 1]);
          if (hi < 0 || lo < 0)
            goto make_new;
          seed[i] = (guint8) (hi * 16 + lo);
        }
      crypto_sign_seed_keypair (pk, secret_key, seed);
      sodium_memzero (seed, sizeof seed);
      return TRUE;
    }

make_new:
  {
    g_autoptr(GString) hex = g_string_new (NULL);

    if (g_mkdir_with_parents (dir, 0700) != 0)
      {
        int saved_errno = errno;
        g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                     _("Cannot create the folder %s: %s"), dir, g_strerror (saved_errno));
        return FALSE;
      }
    randombytes_buf (seed, sizeof seed);
    for (guint i = 0; i < 32; i++)
      g_string_append_printf (hex, "%02x", seed[i]);
    g_string_append_c (hex, '\n');
    crypto_sign_seed_keypair (pk, secret_key, seed);
    sodium_memzero (seed, sizeof seed);
    return g_file_set_contents_full (path, hex->str, (gssize) hex->len,
                                     G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
  }
}

static gboolean
hand_over (ThDb                *db,
           const ThDemoPlanned *planned,
           gint64               at,
           GError             **error)
{
  g_autoptr(ThVerification) v = NULL;
  g_autoptr(ThOrder) order = th_order_store_load (db, planned->order_id, error);
  ThLineQty part = { 1, 0 };
  guint n_lines = 0;

  if (order == NULL)
    return FALSE;
  if (planned->plan == _TH_DEMO_PLAN_COLLECT_PART)
    {
      ThOrderLine *first = &g_array_index (order->lines, ThOrderLine, 0);

      /* One bag of two, or one of several of the same product. */
      part.qty = order->lines->len > 1 || first->qty == 1 ? th_order_line_remaining (first)
                                                          : th_order_line_remaining (first) - 1;
      n_lines = part.qty > 0 ? 1 : 0;
    }
  v = th_collect_order (db, planned->order_id, n_lines ? &part : NULL, n_lines,
                        planned->plan == _TH_DEMO_PLAN_COLLECT_PART ? TH_COLLECT_METHOD_PHONE
                                                                    : TH_COLLECT_METHOD_QR,
                        planned->plan == _TH_DEMO_PLAN_COLLECT_OTHER ? TH_DEMO_OTHER_TERMINAL
                                                                     : TH_DEMO_TERMINAL,
                        at, error);
  return v != NULL;
}

/**
 * th_demo_seed:
 * @db: a new, empty station database
 *
 * Sets up the demo station, trusts the demo key and loads the demo orders,
 * handing some over at this and another terminal.
 */
gboolean
th_demo_seed (ThDb          *db,
              const guint8   secret_key[64],
              gint64         now,
              GError       **error)
{
  g_autoptr(GArray) plans = g_array_new (FALSE, FALSE, sizeof (ThDemoPlanned));
  g_autoptr(JsonNode) orders = NULL;
  ThTrustedKey key = { 0 };
  guint n_here = 0, n_other = 0, n_recent = 0;

  g_return_val_if_fail (TH_IS_DB (db), FALSE);

  key.kid = TH_DEMO_KEY_ID;
  /* libsodium's secret key is the seed followed by the public key. */
  memcpy (key.public_key, secret_key + 32, 32);
  key.not_before = now - 30 * 86400;
  key.not_after = now + 365 * 86400;
  if (!th_identity_setup (db, TH_DEMO_STATION_ID, TH_DEMO_TERMINAL, error) ||
      !th_key_store_add (db, &key, error))
    return FALSE;

  orders = _th_demo_build_orders (now, plans);
  if (!th_order_store_import_json (db, orders, NULL, error))
    return FALSE;

  /* The other terminal's hand-overs first: a collection records the
   * terminal named in the station table. */
  if (!th_identity_setup (db, TH_DEMO_STATION_ID, TH_DEMO_OTHER_TERMINAL, error))
    return FALSE;
  for (guint i = 0; i < plans->len; i++)
    {
      ThDemoPlanned *p = &g_array_index (plans, ThDemoPlanned, i);
      if (p->plan == _TH_DEMO_PLAN_COLLECT_OTHER &&
          !hand_over (db, p, now - 4 * 3600 + 97 * (gint64) n_other++, error))
        return FALSE;
    }
  if (!th_identity_setup (db, TH_DEMO_STATION_ID, TH_DEMO_TERMINAL, error))
    return FALSE;
  for (guint i = 0; i < plans->len; i++)
    {
      ThDemoPlanned *p = &g_array_index (plans, ThDemoPlanned, i);
      gint64 at;

      if (p->plan == _TH_DEMO_PLAN_COLLECT_OTHER)
        continue;
      if (p->plan == _TH_DEMO_PLAN_COLLECT_RECENT)
        at = now - 240 + 90 * (gint64) n_recent++;
      else
        at = now - 3 * 3600 + 131 * (gint64) n_here++;
      if (!hand_over (db, p, at, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * th_demo_prepare:
 *
 * Makes sure @dir holds a demo station seeded for the day of @now.
 *
 * Returns: (transfer full): the database path, or %NULL with @error set
 */
char *
th_demo_prepare (const char  *dir,
                 gint64       now,
                 GError     **error)
{
  g_autofree char *path = NULL;
  g_autofree char *today = th_time_format_local (now, "%Y-%m-%d");
  guint8 secret_key[64];

  g_return_val_if_fail (dir != NULL, NULL);

  if (!th_demo_load_key (dir, secret_key, error))
    return NULL;
  path = g_build_filename (dir, DB_FILE, NULL);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(ThDb) db = th_db_open (path, NULL);
      g_autofree char *day = NULL;

      if (db != NULL && th_db_get_state (db, STATE_DAY, &day, NULL) && g_strcmp0 (day, today) == 0)
        {
          sodium_memzero (secret_key, sizeof secret_key);
          return g_steal_pointer (&path);
        }
      /* Another day, or a broken file: a demo starts over. */
      g_clear_object (&db);
      th_db_remove (path);
    }

  {
    g_autoptr(ThDb) db = th_db_open (path, error);
    gboolean ok = db != NULL && th_demo_seed (db, secret_key, now, error) &&
                  th_db_set_state (db, STATE_DAY, today, error);

    sodium_memzero (secret_key, sizeof secret_key);
    if (!ok)
      return NULL;
  }
  return g_steal_pointer (&path);
}

#define STATE_DEMO_STAFF "demo.staff"

/**
 * th_demo_seed_staff:
 *
 * Adds the demo leader and cashier, with the PINs in th-demo.h, unless the
 * station already has staff. The app does this for `tihuo --demo`; tests
 * make their own staff.
 */
gboolean
th_demo_seed_staff (ThDb     *db,
                    gint64    now,
                    GError  **error)
{
  g_autoptr(ThStaff) leader = NULL;
  g_autoptr(ThStaff) cashier = NULL;
  gboolean any = FALSE;

  g_return_val_if_fail (TH_IS_DB (db), FALSE);

  if (!th_staff_exists_any (db, &any, error))
    return FALSE;
  if (any)
    return TRUE;
  if (!(leader = th_staff_add (db, TH_DEMO_LEADER_NAME, TH_STAFF_ROLE_LEADER, TH_DEMO_LEADER_PIN,
                               NULL, NULL, TH_PIN_COST_INTERACTIVE, now, error)) ||
      !(cashier = th_staff_add (db, TH_DEMO_CASHIER_NAME, TH_STAFF_ROLE_CASHIER, TH_DEMO_CASHIER_PIN,
                                TH_DEMO_LEADER_NAME, TH_DEMO_LEADER_PIN, TH_PIN_COST_INTERACTIVE, now, error)))
    return FALSE;
  return th_db_set_state (db, STATE_DEMO_STAFF, "1", error);
}

/* Whether this is a demo database whose staff have the published PINs. */
gboolean
th_demo_has_demo_staff (ThDb *db)
{
  g_autofree char *value = NULL;

  g_return_val_if_fail (TH_IS_DB (db), FALSE);
  return th_db_get_state (db, STATE_DEMO_STAFF, &value, NULL) && g_strcmp0 (value, "1") == 0;
}

typedef struct {
  char   *dir;
  gint64  now;
} PrepareData;

static void
prepare_data_free (PrepareData *data)
{
  g_free (data->dir);
  g_free (data);
}

static void
prepare_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  PrepareData *data = task_data;
  GError *error = NULL;
  char *path = th_demo_prepare (data->dir, data->now, &error);

  /* The app's demo also gets staff to sign in as. */
  if (path)
    {
      g_autoptr(ThDb) db = th_db_open (path, &error);

      if (db == NULL || !th_demo_seed_staff (db, data->now, &error))
        g_clear_pointer (&path, g_free);
    }

  if (path)
    g_task_return_pointer (task, path, g_free);
  else
    g_task_return_error (task, error);
}

/* Seeding takes a few hundred fsync'd transactions' worth of time on a
 * slow disk: keep it off the main loop. It opens its own connection. */
void
th_demo_prepare_async (const char          *dir,
                       gint64               now,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  PrepareData *data = g_new0 (PrepareData, 1);

  data->dir = g_strdup (dir);
  data->now = now;
  g_task_set_source_tag (task, th_demo_prepare_async);
  g_task_set_task_data (task, data, (GDestroyNotify) prepare_data_free);
  g_task_run_in_thread (task, prepare_thread);
}

char *
th_demo_prepare_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == th_demo_prepare_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
