/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The audit log: each entry stores SHA-256 (previous hash ‖ its own content),
 * and the head of the chain is kept in sync_state, so an edited, deleted or
 * truncated history no longer verifies. */
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "th-audit.h"
#include "th-error.h"
#include "th-identity.h"

#define GENESIS_HASH "0000000000000000000000000000000000000000000000000000000000000000"

static void
feed (GChecksum  *sum,
      const char *value)
{
  /* Length-prefixed, so no choice of field contents can collide. */
  char len[24];

  g_snprintf (len, sizeof len, "%zu:", strlen (value));
  g_checksum_update (sum, (const guchar *) len, -1);
  g_checksum_update (sum, (const guchar *) value, -1);
}

static char *
entry_hash (const char *prev_hash,
            gint64      seq,
            gint64      at,
            const char *terminal,
            const char *actor,
            const char *action,
            const char *subject,
            const char *detail)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  char num[32];

  feed (sum, prev_hash);
  g_snprintf (num, sizeof num, "%" G_GINT64_FORMAT, seq);
  feed (sum, num);
  g_snprintf (num, sizeof num, "%" G_GINT64_FORMAT, at);
  feed (sum, num);
  feed (sum, terminal);
  feed (sum, actor);
  feed (sum, action);
  feed (sum, subject);
  feed (sum, detail);
  return g_strdup (g_checksum_get_string (sum));
}

static gboolean
read_head (ThDb     *db,
           gint64   *seq,
           char    **hash,
           GError  **error)
{
  g_autofree char *seq_text = NULL;

  if (!th_db_get_state (db, "audit.head_seq", &seq_text, error) ||
      !th_db_get_state (db, "audit.head_hash", hash, error))
    return FALSE;
  *seq = seq_text ? g_ascii_strtoll (seq_text, NULL, 10) : 0;
  if (*hash == NULL)
    *hash = g_strdup (GENESIS_HASH);
  return TRUE;
}

gboolean
th_audit_append (ThDb        *db,
                 gint64       at,
                 const char  *actor,
                 const char  *action,
                 const char  *subject,
                 const char  *detail_json,
                 GError     **error)
{
  g_autofree char *prev_hash = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *terminal = NULL;
  g_autofree char *seq_text = NULL;
  sqlite3_stmt *stmt;
  gint64 seq;
  int rc;

  g_return_val_if_fail (TH_IS_DB (db), FALSE);
  g_return_val_if_fail (!sqlite3_get_autocommit (th_db_get_handle (db)), FALSE);

  if (!th_identity_get (db, NULL, &terminal, NULL))
    terminal = g_strdup ("");
  if (detail_json == NULL)
    detail_json = "{}";
  if (actor == NULL)
    actor = "";
  if (subject == NULL)
    subject = "";

  if (!read_head (db, &seq, &prev_hash, error))
    return FALSE;
  seq++;
  hash = entry_hash (prev_hash, seq, at, terminal, actor, action, subject, detail_json);

  if (!(stmt = th_db_prepare (db,
                              "INSERT INTO audit_log (seq, at, terminal, actor, action, subject, detail, prev_hash, hash) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, seq);
  sqlite3_bind_int64 (stmt, 2, at);
  sqlite3_bind_text (stmt, 3, terminal, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, actor, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, action, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, subject, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, detail_json, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, prev_hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, hash, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return th_db_set_error (db, error, "writing the audit log");

  seq_text = g_strdup_printf ("%" G_GINT64_FORMAT, seq);
  return th_db_set_state (db, "audit.head_seq", seq_text, error) &&
         th_db_set_state (db, "audit.head_hash", hash, error);
}

static gboolean
broken (GError    **error,
        gint64      seq,
        const char *why)
{
  g_set_error (error, TH_ERROR, TH_ERROR_CORRUPT,
               _("The audit log is broken at entry %" PRId64 ": %s"), seq, why);
  return FALSE;
}

gboolean
th_audit_verify (ThDb     *db,
                 guint64  *n_entries,
                 GError  **error)
{
  g_autofree char *prev_hash = g_strdup (GENESIS_HASH);
  g_autofree char *head_hash = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 expected_seq = 1;
  gint64 head_seq;
  int rc;

  g_return_val_if_fail (TH_IS_DB (db), FALSE);

  if (!read_head (db, &head_seq, &head_hash, error))
    return FALSE;

  /* Not a cached statement: verification is rare and walks the whole table. */
  rc = sqlite3_prepare_v2 (th_db_get_handle (db),
                           "SELECT seq, at, terminal, actor, action, subject, detail, prev_hash, hash "
                           "FROM audit_log ORDER BY seq", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return th_db_set_error (db, error, "reading the audit log");

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 seq = sqlite3_column_int64 (stmt, 0);
      g_autofree char *hash = NULL;
      const char *stored_prev = (const char *) sqlite3_column_text (stmt, 7);
      const char *stored_hash = (const char *) sqlite3_column_text (stmt, 8);

      if (seq != expected_seq)
        {
          sqlite3_finalize (stmt);
          return broken (error, expected_seq, _("the entry is missing (deleted)"));
        }
      if (g_strcmp0 (stored_prev, prev_hash) != 0)
        {
          sqlite3_finalize (stmt);
          return broken (error, seq, _("it does not follow the entry before it"));
        }
      hash = entry_hash (prev_hash, seq, sqlite3_column_int64 (stmt, 1),
                         (const char *) sqlite3_column_text (stmt, 2),
                         (const char *) sqlite3_column_text (stmt, 3),
                         (const char *) sqlite3_column_text (stmt, 4),
                         (const char *) sqlite3_column_text (stmt, 5),
                         (const char *) sqlite3_column_text (stmt, 6));
      if (g_strcmp0 (hash, stored_hash) != 0)
        {
          sqlite3_finalize (stmt);
          return broken (error, seq, _("its content was changed after it was written"));
        }
      g_free (prev_hash);
      prev_hash = g_steal_pointer (&hash);
      expected_seq++;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return th_db_set_error (db, error, "reading the audit log");

  if (expected_seq - 1 != head_seq || g_strcmp0 (prev_hash, head_hash) != 0)
    return broken (error, expected_seq,
                   _("entries at the end were deleted, or the chain head was changed"));

  if (n_entries)
    *n_entries = (guint64) head_seq;
  return TRUE;
}
