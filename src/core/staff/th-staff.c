/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Staff accounts: the record, roles, and reading accounts back. Adding and
 * removing them is in th-staff-manage.c, PINs in th-staff-pin.c. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-audit.h"
#include "th-error.h"
#include "th-json.h"
#include "th-staff-private.h"

G_DEFINE_BOXED_TYPE (ThStaff, th_staff, th_staff_ref, th_staff_unref)

static const char * const role_names[] = { "leader", "cashier", "supervisor" };

#define STAFF_COLUMNS "id, name, role, created_at, created_by, failed_pins, locked_until"

static void
staff_free (ThStaff *staff)
{
  g_free (staff->name);
  g_free (staff->created_by);
}

ThStaff *
th_staff_ref (ThStaff *staff)
{
  return g_atomic_rc_box_acquire (staff);
}

void
th_staff_unref (ThStaff *staff)
{
  g_atomic_rc_box_release_full (staff, (GDestroyNotify) staff_free);
}

gboolean
th_staff_is_locked (const ThStaff *staff,
                    gint64         now)
{
  g_return_val_if_fail (staff != NULL, TRUE);
  return now < staff->locked_until;
}

const char *
th_staff_role_to_string (ThStaffRole role)
{
  g_return_val_if_fail (role <= TH_STAFF_ROLE_SUPERVISOR, "cashier");
  return role_names[role];
}

gboolean
th_staff_role_from_string (const char  *text,
                           ThStaffRole *role)
{
  for (guint i = 0; i < G_N_ELEMENTS (role_names); i++)
    if (g_strcmp0 (text, role_names[i]) == 0)
      {
        *role = (ThStaffRole) i;
        return TRUE;
      }
  return FALSE;
}

const char *
th_staff_role_describe (ThStaffRole role)
{
  switch (role)
    {
    case TH_STAFF_ROLE_LEADER:
      return _("Leader");
    case TH_STAFF_ROLE_SUPERVISOR:
      return _("Supervisor");
    case TH_STAFF_ROLE_CASHIER:
    default:
      return _("Cashier");
    }
}

gboolean
th_staff_role_can_approve (ThStaffRole role)
{
  return role == TH_STAFF_ROLE_LEADER || role == TH_STAFF_ROLE_SUPERVISOR;
}

gboolean
th_staff_pin_is_valid (const char *pin)
{
  gsize len;

  if (pin == NULL)
    return FALSE;
  len = strlen (pin);
  if (len < TH_STAFF_PIN_MIN_DIGITS || len > TH_STAFF_PIN_MAX_DIGITS)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (pin[i]))
      return FALSE;
  return TRUE;
}

static ThStaff *
load_row (sqlite3_stmt *stmt)
{
  ThStaff *staff = g_atomic_rc_box_new0 (ThStaff);
  ThStaffRole role = TH_STAFF_ROLE_CASHIER;

  staff->id = sqlite3_column_int64 (stmt, 0);
  staff->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  th_staff_role_from_string ((const char *) sqlite3_column_text (stmt, 2), &role);
  staff->role = role;
  staff->created_at = sqlite3_column_int64 (stmt, 3);
  staff->created_by = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  staff->failed_pins = (guint) sqlite3_column_int (stmt, 5);
  staff->locked_until = sqlite3_column_int64 (stmt, 6);
  return staff;
}

gboolean
th_staff_exists_any (ThDb      *db,
                     gboolean  *any,
                     GError   **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TH_IS_DB (db), FALSE);
  g_return_val_if_fail (any != NULL, FALSE);

  if (!(stmt = th_db_prepare (db, "SELECT EXISTS (SELECT 1 FROM staff WHERE removed_at IS NULL)", error)))
    return FALSE;
  rc = sqlite3_step (stmt);
  *any = rc == SQLITE_ROW && sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || th_db_set_error (db, error, "reading staff accounts");
}

GPtrArray *
th_staff_list (ThDb    *db,
               GError **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) th_staff_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TH_IS_DB (db), NULL);

  if (!(stmt = th_db_prepare (db, "SELECT " STAFF_COLUMNS " FROM staff WHERE removed_at IS NULL ORDER BY name", error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, load_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      th_db_set_error (db, error, "reading staff accounts");
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* Names compare as people read them: compatibility forms (full-width
 * letters, ligatures) and case do not make a second account. */
char *
_th_staff_fold_name (const char *name)
{
  g_autofree char *nfkc = g_utf8_normalize (name, -1, G_NORMALIZE_NFKC);
  g_autofree char *folded = nfkc ? g_utf8_casefold (nfkc, -1) : NULL;

  return folded ? g_utf8_normalize (folded, -1, G_NORMALIZE_NFKC) : NULL;
}

static ThStaff *
find_exact (ThDb        *db,
            const char  *name,
            int         *rc)
{
  ThStaff *staff = NULL;
  sqlite3_stmt *stmt;

  if (!(stmt = th_db_prepare (db, "SELECT " STAFF_COLUMNS " FROM staff WHERE removed_at IS NULL AND name = ?", NULL)))
    {
      *rc = SQLITE_ERROR;
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  *rc = sqlite3_step (stmt);
  if (*rc == SQLITE_ROW)
    staff = load_row (stmt);
  sqlite3_reset (stmt);
  return staff;
}

/* The one active account whose name folds to @name's, if there is one:
 * "amélie" signs in Amélie, however either was typed. */
static ThStaff *
find_folded (ThDb        *db,
             const char  *name,
             GError     **error)
{
  g_autoptr(GPtrArray) all = th_staff_list (db, error);
  g_autofree char *key = _th_staff_fold_name (name);
  ThStaff *found = NULL;

  if (all == NULL || key == NULL)
    return NULL;
  for (guint i = 0; i < all->len; i++)
    {
      ThStaff *s = g_ptr_array_index (all, i);
      g_autofree char *other = _th_staff_fold_name (s->name);

      if (g_strcmp0 (key, other) != 0)
        continue;
      if (found)
        return NULL;   /* ambiguous: accounts from before names were folded */
      found = s;
    }
  return found ? th_staff_ref (found) : NULL;
}

ThStaff *
th_staff_find (ThDb        *db,
               const char  *name,
               GError     **error)
{
  g_autofree char *clean = NULL;
  ThStaff *staff = NULL;
  GError *local = NULL;
  int rc;

  g_return_val_if_fail (TH_IS_DB (db), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  /* Names are stored in NFC (th-staff-manage.c); the same name typed in NFD
   * or with a stray space still finds its account. */
  if (g_utf8_validate (name, -1, NULL))
    clean = g_utf8_normalize (g_strstrip (g_strdup (name)), -1, G_NORMALIZE_NFC);
  if (clean == NULL)
    clean = g_strdup (name);

  staff = find_exact (db, clean, &rc);
  if (rc == SQLITE_DONE && g_utf8_validate (clean, -1, NULL))
    {
      staff = find_folded (db, clean, &local);
      if (local)
        {
          g_propagate_error (error, local);
          return NULL;
        }
    }
  if (staff == NULL && (rc == SQLITE_DONE || rc == SQLITE_ROW))
    g_set_error (error, TH_ERROR, TH_ERROR_REFUSED,
                 _("There is no staff member called “%s”. Check the name, or ask a leader to add the account."),
                 name);
  else if (staff == NULL)
    th_db_set_error (db, error, "reading a staff account");
  return staff;
}

gboolean
_th_staff_audit (ThDb        *db,
                 gint64       now,
                 const char  *actor,
                 const char  *action,
                 const char  *subject_name,
                 JsonObject  *detail,
                 GError     **error)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *subject = g_strconcat ("staff:", subject_name, NULL);
  g_autofree char *text = NULL;

  json_node_take_object (node, detail);
  text = th_json_to_string (node);
  return th_audit_append (db, now, actor, action, subject, text, error);
}
