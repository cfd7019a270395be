/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared set-up for the staff, refund, case and report tests. */
#pragma once

#include "th-policy-change.h"
#include "th-staff.h"
#include "th-test-util.h"

G_BEGIN_DECLS

/* The first account is always the leader "lead" with PIN 1111, who adds the
 * others. The minimum argon2id cost keeps the suite fast. */
#define TH_TEST_LEADER     "lead"
#define TH_TEST_LEADER_PIN "1111"

static inline void
th_test_add_staff (ThDb        *db,
                   const char  *name,
                   ThStaffRole  role,
                   const char  *pin)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThStaff) staff = NULL;
  gboolean any = FALSE;

  g_assert_true (th_staff_exists_any (db, &any, &error));
  staff = th_staff_add (db, name, role, pin, any ? TH_TEST_LEADER : NULL, any ? TH_TEST_LEADER_PIN : NULL,
                        TH_PIN_COST_MIN, TH_TEST_NOW - 86400, &error);
  g_assert_no_error (error);
  g_assert_nonnull (staff);
}

/* A file in the fixture's folder holding @pin and a newline, for --pin-file. */
static inline char *
th_test_pin_file (ThTestFixture *f,
                  const char    *pin)
{
  g_autofree char *name = g_strconcat ("pin-", pin, NULL);
  char *path = g_build_filename (f->dir, name, NULL);
  g_autofree char *text = g_strconcat (pin, "\n", NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

/* Changes a station setting as the leader. */
static inline void
th_test_set_policy (ThDb       *db,
                    const char *name,
                    const char *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (th_policy_change (db, name, value, TH_TEST_LEADER, TH_TEST_LEADER_PIN, TH_TEST_NOW - 3600, &error));
  g_assert_no_error (error);
}

typedef struct {
  const char *sku;
  const char *name;
  guint       qty;
  gint64      unit_price;
} ThTestItem;

/* An ORDER with these items and @paid; pickup code 3000xxxx from @id. */
static inline JsonNode *
th_test_make_order_items (gint64            id,
                          gint64            paid,
                          gint64            revision,
                          const ThTestItem *items,
                          guint             n_items)
{
  g_autofree char *code = g_strdup_printf ("%08" G_GINT64_FORMAT, 30000000 + id);
  JsonNode *node = th_test_make_order (id, code, "1234", n_items);
  JsonObject *o = json_node_get_object (node);
  JsonArray *lines = json_object_get_array_member (o, "items");

  for (guint i = 0; i < n_items; i++)
    {
      JsonObject *l = json_array_get_object_element (lines, i);

      json_object_set_string_member (l, "sku", items[i].sku);
      json_object_set_string_member (l, "name", items[i].name);
      json_object_set_int_member (l, "qty", items[i].qty);
      json_object_set_int_member (l, "unit_price", items[i].unit_price);
    }
  json_object_set_int_member (o, "paid", paid);
  json_object_set_int_member (o, "revision", revision);
  return node;
}

static inline gint64
th_test_query_int (ThDb       *db,
                   const char *sql)
{
  sqlite3_stmt *stmt = th_db_prepare (db, sql, NULL);
  gint64 v;

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  v = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return v;
}

G_END_DECLS
