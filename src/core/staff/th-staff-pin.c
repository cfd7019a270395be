/* SPDX-License-Identifier: GPL-3.0-or-later */
/* PINs: argon2id hashes (crypto_pwhash_str), and a lockout after too many
 * wrong PINs in a row. A PIN never reaches a log, an error message or the
 * audit trail.
 *
 * The hash is checked without holding the write lock (it takes a good part
 * of a second); the failure count is then updated under it, so two terminals
 * guessing at once still count every guess. */
#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>

#include "th-error.h"
#include "th-staff-private.h"

static gboolean
init_sodium (GError **error)
{
  if (sodium_init () < 0)
    {
      g_set_error (error, TH_ERROR, TH_ERROR_FAILED, _("The cryptography library could not start."));
      return FALSE;
    }
  return TRUE;
}

char *
_th_staff_hash_pin (const char  *pin,
                    ThPinCost    cost,
                    GError     **error)
{
  char hash[crypto_pwhash_STRBYTES];
  unsigned long long ops = cost == TH_PIN_COST_MIN ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE;
  size_t mem = cost == TH_PIN_COST_MIN ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE;

  if (!init_sodium (error))
    return NULL;
  if (crypto_pwhash_str (hash, pin, strlen (pin), ops, mem) != 0)
    {
      g_set_error (error, TH_ERROR, TH_ERROR_FAILED,
                   _("Not enough memory to protect the PIN. Close other programs and try again."));
      return NULL;
    }
  return g_strdup (hash);
}

static char *
read_hash (ThDb      *db,
           gint64     id,
           GError   **error)
{
  char *hash = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = th_db_prepare (db, "SELECT pin_hash FROM staff WHERE id = ?", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    hash = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    th_db_set_error (db, error, "reading a staff account");
  return hash;
}

static gboolean
pin_matches (const char *hash,
             const char *pin)
{
  /* A malformed PIN counts as a wrong one, without saying why. */
  if (!th_staff_pin_is_valid (pin))
    return FALSE;
  return crypto_pwhash_str_verify (hash, pin, strlen (pin)) == 0;
}

static void
set_locked_error (GError       **error,
                  const ThStaff *staff,
                  gint64         now)
{
  gint64 minutes = (staff->locked_until - now + 59) / 60;

  g_set_error (error, TH_ERROR, TH_ERROR_REFUSED,
               g_dngettext (GETTEXT_PACKAGE,
                            "Sign-in for %s is locked after %d wrong PINs. Try again in %d minute.",
                            "Sign-in for %s is locked after %d wrong PINs. Try again in %d minutes.",
                            (gulong) minutes),
               staff->name, TH_STAFF_MAX_FAILED_PINS, (int) minutes);
}

static const char *
purpose_to_string (ThPinPurpose purpose)
{
  switch (purpose)
    {
    case TH_PIN_PURPOSE_APPROVE:
      return "approve";
    case TH_PIN_PURPOSE_MANAGE_STAFF:
      return "manage_staff";
    case TH_PIN_PURPOSE_CHANGE_SETTINGS:
      return "change_settings";
    case TH_PIN_PURPOSE_ACT:
      return "act";
    case TH_PIN_PURPOSE_SIGN_IN:
    default:
      return "sign_in";
    }
}

/* Under the write lock: count a wrong PIN, and lock after too many. */
static gboolean
record_failure (ThDb          *db,
                ThStaff       *staff,
                ThPinPurpose   purpose,
                gint64         now,
                GError       **error)
{
  sqlite3_stmt *stmt;
  gboolean locks;
  JsonObject *detail;
  int rc;

  staff->failed_pins++;
  locks = staff->failed_pins >= TH_STAFF_MAX_FAILED_PINS;
  if (locks)
    {
      /* The lockout is the consequence; afterwards the count starts again. */
      staff->failed_pins = 0;
      staff->locked_until = now + TH_STAFF_LOCKOUT_SECONDS;
    }
  if (!(stmt = th_db_prepare (db, "UPDATE staff SET failed_pins = ?, locked_until = ? WHERE id = ?", error)))
    return FALSE;
  sqlite3_bind_int (stmt, 1, (int) staff->failed_pins);
  sqlite3_bind_int64 (stmt, 2, staff->locked_until);
  sqlite3_bind_int64 (stmt, 3, staff->id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return th_db_set_error (db, error, "counting a wrong PIN");

  detail = json_object_new ();
  json_object_set_string_member (detail, "purpose", purpose_to_string (purpose));
  json_object_set_int_member (detail, "failed_in_a_row", locks ? TH_STAFF_MAX_FAILED_PINS : staff->failed_pins);
  if (!_th_staff_audit (db, now, staff->name, "pin_failed", staff->name, detail, error))
    return FALSE;
  if (!locks)
    return TRUE;
  detail = json_object_new ();
  json_object_set_int_member (detail, "until", staff->locked_until);
  return _th_staff_audit (db, now, staff->name, "staff_locked", staff->name, detail, error);
}

static gboolean
record_success (ThDb          *db,
                ThStaff       *staff,
                ThPinPurpose   purpose,
                gint64         now,
                GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (staff->failed_pins > 0)
    {
      if (!(stmt = th_db_prepare (db, "UPDATE staff SET failed_pins = 0 WHERE id = ?", error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, staff->id);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return th_db_set_error (db, error, "resetting wrong PINs");
      staff->failed_pins = 0;
    }
  if (purpose != TH_PIN_PURPOSE_SIGN_IN)
    return TRUE;
  return _th_staff_audit (db, now, staff->name, "signed_in", staff->name, json_object_new (), error);
}

ThStaff *
th_staff_verify_pin (ThDb          *db,
                     const char    *name,
                     const char    *pin,
                     ThPinPurpose   purpose,
                     gint64         now,
                     GError       **error)
{
  g_autoptr(ThStaff) staff = NULL;
  g_autoptr(ThStaff) current = NULL;
  g_autofree char *hash = NULL;
  gboolean ok;

  g_return_val_if_fail (TH_IS_DB (db), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (!init_sodium (error))
    return NULL;
  if (!(staff = th_staff_find (db, name, error)))
    return NULL;
  if (th_staff_is_locked (staff, now))
    {
      set_locked_error (error, staff, now);
      return NULL;
    }
  if (!(hash = read_hash (db, staff->id, error)))
    return NULL;
  ok = pin_matches (hash, pin);

  if (!th_db_begin_immediate (db, error))
    return NULL;
  /* Another terminal may have locked or retired the account meanwhile. */
  if (!(current = th_staff_find (db, name, error)))
    goto fail;
  if (current->id != staff->id)
    {
      g_set_error (error, TH_ERROR, TH_ERROR_REFUSED,
                   _("The account %s was just replaced. Try again."), name);
      goto fail;
    }
  if (th_staff_is_locked (current, now))
    {
      set_locked_error (error, current, now);
      goto fail;
    }
  if (!(ok ? record_success (db, current, purpose, now, error)
           : record_failure (db, current, purpose, now, error)) ||
      !th_db_commit (db, error))
    goto fail;

  if (ok)
    return g_steal_pointer (&current);
  if (th_staff_is_locked (current, now))
    set_locked_error (error, current, now);
  else
    {
      int left = TH_STAFF_MAX_FAILED_PINS - (int) current->failed_pins;

      g_set_error (error, TH_ERROR, TH_ERROR_REFUSED,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Wrong PIN for %s. %d more wrong PIN locks sign-in for %d minutes.",
                                "Wrong PIN for %s. %d more wrong PINs lock sign-in for %d minutes.",
                                (gulong) left),
                   current->name, left, TH_STAFF_LOCKOUT_SECONDS / 60);
    }
  return NULL;

fail:
  th_db_rollback (db);
  return NULL;
}

ThStaff *
th_staff_sign_in (ThDb        *db,
                  const char  *name,
                  const char  *pin,
                  gint64       now,
                  GError     **error)
{
  return th_staff_verify_pin (db, name, pin, TH_PIN_PURPOSE_SIGN_IN, now, error);
}
