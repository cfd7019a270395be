/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "th-outbox.h"
#include "th-sync-attention.h"
#include "th-sync-status.h"

static gboolean
read_time (ThDb        *db,
           const char  *key,
           gint64      *out,
           GError     **error)
{
  g_autofree char *text = NULL;

  if (!th_db_get_state (db, key, &text, error))
    return FALSE;
  *out = text ? g_ascii_strtoll (text, NULL, 10) : 0;
  return TRUE;
}

static gboolean
read_text (ThDb        *db,
           const char  *key,
           char       **out,
           GError     **error)
{
  if (!th_db_get_state (db, key, out, error))
    return FALSE;
  if (*out != NULL && (*out)[0] == '\0')
    g_clear_pointer (out, g_free);
  return TRUE;
}

gboolean
th_sync_status_load (ThDb          *db,
                     ThSyncStatus  *status,
                     GError       **error)
{
  g_return_val_if_fail (TH_IS_DB (db), FALSE);
  g_return_val_if_fail (status != NULL, FALSE);

  memset (status, 0, sizeof *status);
  if (!read_time (db, "sync.last_pull", &status->last_pull, error) ||
      !read_time (db, "sync.last_success", &status->last_success, error) ||
      !read_time (db, "sync.last_error_at", &status->last_error_at, error) ||
      !read_text (db, "sync.last_error", &status->last_error, error) ||
      !read_text (db, "sync.last_error_code", &status->last_error_code, error) ||
      !th_sync_attention_count (db, &status->n_conflicts, &status->n_rejected, error))
    goto fail;
  if ((status->pending = th_outbox_count (db, error)) < 0)
    goto fail;
  if (status->last_error == NULL)
    status->last_error_at = 0;
  return TRUE;

fail:
  th_sync_status_clear (status);
  return FALSE;
}

void
th_sync_status_clear (ThSyncStatus *status)
{
  g_clear_pointer (&status->last_error, g_free);
  g_clear_pointer (&status->last_error_code, g_free);
}

gboolean
th_sync_status_is_stale (const ThSyncStatus *status,
                         gint64              now)
{
  return status->last_pull == 0 || now - status->last_pull > TH_SYNC_STALE_SECONDS;
}
