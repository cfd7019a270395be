/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What staff do with the print queue: print everything waiting once the
 * printer is back, drop a job, reprint one. Dropping and reprinting are
 * audited: a reprinted bag label is a second copy of a pickup code. */
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "th-audit.h"
#include "th-error.h"
#include "th-json.h"
#include "th-print-queue-private.h"

guint
th_print_queue_print_all (ThDb          *db,
                          gint64         now,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GHashTable) failed_targets = g_hash_table_new (g_str_hash, g_str_equal);
  guint printed = 0;

  g_return_val_if_fail (TH_IS_DB (db), 0);

  if (!(jobs = th_print_queue_list (db, TRUE, error)))
    return 0;
  for (guint i = jobs->len; i-- > 0;)
    {
      ThPrintJob *job = g_ptr_array_index (jobs, i);
      g_autoptr(GError) local_error = NULL;

      /* Keep a printer's jobs in order: after one fails, wait with the rest. */
      if (g_hash_table_contains (failed_targets, job->target))
        continue;
      if (th_print_queue_print (db, job->id, now, cancellable, &local_error))
        printed++;
      else
        {
          g_hash_table_add (failed_targets, job->target);
          if (error && *error == NULL)
            g_propagate_error (error, g_steal_pointer (&local_error));
        }
    }
  return printed;
}

gboolean
th_print_queue_drop (ThDb        *db,
                     gint64       id,
                     const char  *staff,
                     gint64       now,
                     GError     **error)
{
  g_autofree char *subject = g_strdup_printf ("print_job:%" G_GINT64_FORMAT, id);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TH_IS_DB (db), FALSE);

  if (!th_db_begin_immediate (db, error))
    return FALSE;
  if (!(stmt = th_db_prepare (db, "UPDATE print_jobs SET state = 'dropped' "
                                  "WHERE id = ? AND state IN ('queued', 'failed')", error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!th_db_step_done (db, stmt, "dropping a print job", error))
    goto fail;
  if (sqlite3_changes (th_db_get_handle (db)) != 1)
    {
      g_set_error (error, TH_ERROR, TH_ERROR_NOT_FOUND,
                   _("Print job %" PRId64 " is not waiting to print; only waiting jobs can be dropped."), id);
      goto fail;
    }
  if (!th_audit_append (db, now, staff ? staff : "", "print_dropped", subject, "{}", error) ||
      !th_db_commit (db, error))
    goto fail;
  return TRUE;

fail:
  th_db_rollback (db);
  return FALSE;
}

static char *
reprint_detail (gint64            new_id,
                const ThPrintJob *job)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "job");
  json_builder_add_int_value (builder, new_id);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, job->kind);
  json_builder_set_member_name (builder, "target");
  json_builder_add_string_value (builder, job->target);
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  return th_json_to_string (node);
}

gint64
th_print_queue_reprint (ThDb        *db,
                        gint64       id,
                        const char  *staff,
                        gint64       now,
                        GError     **error)
{
  g_autoptr(ThPrintJob) job = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autofree char *subject = g_strdup_printf ("print_job:%" G_GINT64_FORMAT, id);
  g_autofree char *detail = NULL;
  gint64 new_id;

  g_return_val_if_fail (TH_IS_DB (db), 0);

  if (!th_db_begin_immediate (db, error))
    return 0;
  if (!(job = th_print_queue_get (db, id, error)) || !(data = _th_print_queue_load_data (db, id, error)))
    goto fail;
  if (job->state != TH_PRINT_JOB_PRINTED)
    {
      g_set_error (error, TH_ERROR, TH_ERROR_REFUSED,
                   _("Print job %" PRId64 " has not been printed yet; retry it instead."), id);
      goto fail;
    }
  new_id = _th_print_queue_insert (db, job->kind, job->title, job->medium, job->format, job->target, data,
                                   staff, now, id, error);
  /* A reprinted bag label is a second copy of a pickup code: the audit log
   * says who made it. */
  if (new_id == 0)
    goto fail;
  detail = reprint_detail (new_id, job);
  if ( !th_audit_append (db, now, staff ? staff : "", "reprinted", subject, detail, error) ||
      !th_db_commit (db, error))
    goto fail;
  return new_id;

fail:
  th_db_rollback (db);
  return 0;
}
