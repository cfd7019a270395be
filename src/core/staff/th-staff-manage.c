/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Adding and removing staff needs a leader's PIN, except for the very first
 * account, which must be a leader's (the database enforces that too, and
 * that the last leader is never removed). */
#include "config.h"

#include <glib/gi18n.h>

#include "th-error.h"
#include "th-staff-private.h"

/* Who may manage staff: nobody needs to on first run; afterwards a leader. */
static gboolean
authorise (ThDb        *db,
           const char  *by_name,
           const char  *by_pin,
           gint64       now,
           gboolean    *first_run,
           GError     **error)
{
  g_autoptr(ThStaff) by = NULL;

  if (!th_staff_exists_any (db, first_run, error))
    return FALSE;
  *first_run = !*first_run;
  if (*first_run)
    return TRUE;
  if (by_name == NULL || by_pin == NULL)
    {
      g_set_error (error, TH_ERROR, TH_ERROR_REFUSED,
                   _("Only a leader can add or remove staff. A leader must confirm with their PIN."));
      return FALSE;
    }
  if (!(by = th_staff_verify_pin (db, by_name, by_pin, TH_PIN_PURPOSE_MANAGE_STAFF, now, error)))
    return FALSE;
  if (by->role != TH_STAFF_ROLE_LEADER)
    {
      g_set_error (error, TH_ERROR, TH_ERROR_REFUSED,
                   _("%s is not a leader. Only a leader can add or remove staff."), by->name);
      return FALSE;
    }
  return TRUE;
}

/* Under the write lock: the authorisation still holds. *by_stored is the
 * leader's name as stored, however it was typed, for the records. */
static gboolean
still_authorised (ThDb        *db,
                  gboolean     first_run,
                  const char  *by_name,
                  char       **by_stored,
                  GError     **error)
{
  g_autoptr(ThStaff) by = NULL;
  gboolean any;

  if (!th_staff_exists_any (db, &any, error))
    return FALSE;
  if (first_run && !any)
    return TRUE;
  if (by_name == NULL || !(by = th_staff_find (db, by_name, NULL)) || by->role != TH_STAFF_ROLE_LEADER)
    {
      g_set_error (error, TH_ERROR, TH_ERROR_REFUSED,
                   _("Only a leader can add or remove staff. A leader must confirm with their PIN."));
      return FALSE;
    }
  *by_stored = g_strdup (by->name);
  return TRUE;
}

/* Characters a reader cannot see or tell apart: control and format
 * characters (U+200B, U+202E turn "王姐" into a second 王姐, or reverse a
 * name on screen), private use, and code points that are not characters. */
static gboolean
is_hidden_char (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_CONTROL:
    case G_UNICODE_FORMAT:
    case G_UNICODE_PRIVATE_USE:
    case G_UNICODE_UNASSIGNED:
    case G_UNICODE_SURROGATE:
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Stored in NFC, so the same name typed on another keyboard matches. */
static char *
clean_name (const char  *name,
            GError     **error)
{
  g_autofree char *stripped = NULL;
  g_autofree char *clean = NULL;
  glong n_chars;

  if (!g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, TH_ERROR, TH_ERROR_INVALID, _("The staff name is not valid text. Type it again."));
      return NULL;
    }
  stripped = g_strstrip (g_strdup (name));
  clean = g_utf8_normalize (stripped, -1, G_NORMALIZE_NFC);
  for (const char *p = clean; *p; p = g_utf8_next_char (p))
    if (is_hidden_char (g_utf8_get_char (p)))
      {
        g_set_error (error, TH_ERROR, TH_ERROR_INVALID,
                     _("The staff name contains an invisible or control character (U+%04X). "
                       "Type the name again without it."),
                     g_utf8_get_char (p));
        return NULL;
      }
  n_chars = g_utf8_strlen (clean, -1);
  if (n_chars < 1 || n_chars > TH_STAFF_NAME_MAX_CHARS)
    {
      g_set_error (error, TH_ERROR, TH_ERROR_INVALID,
                   _("A staff name has 1 to %d characters, with no control characters."),
                   TH_STAFF_NAME_MAX_CHARS);
      return NULL;
    }
  return g_steal_pointer (&clean);
}

/* Under the write lock: an active account whose name reads the same. */
static gboolean
check_name_free (ThDb        *db,
                 const char  *clean,
                 GError     **error)
{
  g_autoptr(GPtrArray) all = th_staff_list (db, error);
  g_autofree char *key = _th_staff_fold_name (clean);

  if (all == NULL)
    return FALSE;
  for (guint i = 0; i < all->len; i++)
    {
      ThStaff *s = g_ptr_array_index (all, i);
      g_autofree char *other = _th_staff_fold_name (s->name);

      if (g_strcmp0 (key, other) == 0)
        {
          g_set_error (error, TH_ERROR, TH_ERROR_REFUSED,
                       _("There is already a staff member called “%s”. Choose another name."), s->name);
          return FALSE;
        }
    }
  return TRUE;
}

ThStaff *
th_staff_add (ThDb        *db,
              const char  *name,
              ThStaffRole  role,
              const char  *pin,
              const char  *by_name,
              const char  *by_pin,
              ThPinCost    cost,
              gint64       now,
              GError     **error)
{
  g_autofree char *clean = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *by_stored = NULL;
  sqlite3_stmt *stmt;
  gboolean first_run = FALSE;
  JsonObject *detail;
  int rc;

  g_return_val_if_fail (TH_IS_DB (db), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (role <= TH_STAFF_ROLE_SUPERVISOR, NULL);

  if (!(clean = clean_name (name, error)))
    return NULL;
  if (!th_staff_pin_is_valid (pin))
    {
      g_set_error (error, TH_ERROR, TH_ERROR_INVALID,
                   _("A PIN has %d to %d digits."), TH_STAFF_PIN_MIN_DIGITS, TH_STAFF_PIN_MAX_DIGITS);
      return NULL;
    }
  if (!authorise (db, by_name, by_pin, now, &first_run, error))
    return NULL;
  if (first_run && role != TH_STAFF_ROLE_LEADER)
    {
      g_set_error (error, TH_ERROR, TH_ERROR_REFUSED,
                   _("The first account must be the leader's. Add the leader first."));
      return NULL;
    }
  /* Slow: hashed before taking the write lock. */
  if (!(hash = _th_staff_hash_pin (pin, cost, error)))
    return NULL;

  if (!th_db_begin_immediate (db, error))
    return NULL;
  if (!still_authorised (db, first_run, by_name, &by_stored, error))
    goto fail;
  if (!check_name_free (db, clean, error))
    goto fail;
  if (!(stmt = th_db_prepare (db,
                              "INSERT INTO staff (name, role, pin_hash, created_at, created_by) VALUES (?, ?, ?, ?, ?)",
                              error)))
    goto fail;
  sqlite3_bind_text (stmt, 1, clean, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, th_staff_role_to_string (role), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, hash, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, now);
  sqlite3_bind_text (stmt, 5, by_stored ? by_stored : "", -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      th_db_set_error (db, error, "adding a staff account");
      goto fail;
    }

  detail = json_object_new ();
  json_object_set_string_member (detail, "role", th_staff_role_to_string (role));
  json_object_set_boolean_member (detail, "first_account", first_run);
  if (!_th_staff_audit (db, now, by_stored ? by_stored : clean, "staff_added", clean, detail, error) ||
      !th_db_commit (db, error))
    goto fail;
  return th_staff_find (db, clean, error);

fail:
  th_db_rollback (db);
  return NULL;
}

gboolean
th_staff_remove (ThDb        *db,
                 const char  *name,
                 const char  *by_name,
                 const char  *by_pin,
                 gint64       now,
                 GError     **error)
{
  g_autoptr(ThStaff) staff = NULL;
  g_autofree char *by_stored = NULL;
  sqlite3_stmt *stmt;
  gboolean first_run;
  int rc;

  g_return_val_if_fail (TH_IS_DB (db), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (!authorise (db, by_name, by_pin, now, &first_run, error))
    return FALSE;
  if (!th_db_begin_immediate (db, error))
    return FALSE;
  if (!still_authorised (db, FALSE, by_name, &by_stored, error) || !(staff = th_staff_find (db, name, error)))
    goto fail;
  if (staff->role == TH_STAFF_ROLE_LEADER)
    {
      g_autoptr(GPtrArray) all = th_staff_list (db, error);
      guint leaders = 0;

      if (all == NULL)
        goto fail;
      for (guint i = 0; i < all->len; i++)
        leaders += ((ThStaff *) g_ptr_array_index (all, i))->role == TH_STAFF_ROLE_LEADER;
      if (leaders < 2)
        {
          g_set_error (error, TH_ERROR, TH_ERROR_REFUSED,
                       _("%s is the only leader. Add another leader before removing this account."), name);
          goto fail;
        }
    }
  if (!(stmt = th_db_prepare (db, "UPDATE staff SET removed_at = ?, removed_by = ? WHERE id = ? AND removed_at IS NULL",
                              error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_text (stmt, 2, by_stored, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, staff->id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      th_db_set_error (db, error, "removing a staff account");
      goto fail;
    }
  if (!_th_staff_audit (db, now, by_stored, "staff_removed", staff->name, json_object_new (), error) ||
      !th_db_commit (db, error))
    goto fail;
  return TRUE;

fail:
  th_db_rollback (db);
  return FALSE;
}
