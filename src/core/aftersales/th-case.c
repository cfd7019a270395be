/* SPDX-License-Identifier: GPL-3.0-or-later */
/* After-sales cases: the record, its states, response times, and helpers
 * shared by th-case-open.c (opening), th-case-update.c (the workflow) and
 * th-case-list.c (the ledger). */
#include "config.h"

#include <glib/gi18n.h>

#include "th-audit.h"
#include "th-case-private.h"
#include "th-error.h"
#include "th-policy.h"

G_DEFINE_BOXED_TYPE (ThCase, th_case, th_case_ref, th_case_unref)

static const char * const status_names[] = { "open", "responded", "resolved", "rejected" };
static const char * const resolution_names[] = { "refund", "replacement", "coupon", "none" };

void
_th_case_line_clear (gpointer data)
{
  ThCaseLine *l = data;

  g_clear_pointer (&l->sku, g_free);
  g_clear_pointer (&l->name, g_free);
}

static void
case_free (ThCase *c)
{
  g_free (c->id);
  g_free (c->customer_name);
  g_free (c->description);
  g_free (c->refund_id);
  g_free (c->note);
  g_free (c->terminal);
  g_free (c->opened_by);
  g_free (c->responded_by);
  g_free (c->closed_by);
  g_clear_pointer (&c->lines, g_array_unref);
  g_clear_pointer (&c->photos, g_array_unref);
}

ThCase *
_th_case_new (void)
{
  ThCase *c = g_atomic_rc_box_new0 (ThCase);

  c->order_id = -1;
  c->resolution = TH_RESOLUTION_NONE;
  c->lines = g_array_new (FALSE, TRUE, sizeof (ThCaseLine));
  g_array_set_clear_func (c->lines, _th_case_line_clear);
  c->photos = g_array_new (FALSE, TRUE, sizeof (ThCasePhoto));
  return c;
}

ThCase *
th_case_ref (ThCase *c)
{
  return g_atomic_rc_box_acquire (c);
}

void
th_case_unref (ThCase *c)
{
  g_atomic_rc_box_release_full (c, (GDestroyNotify) case_free);
}

const char *
th_case_status_to_string (ThCaseStatus status)
{
  g_return_val_if_fail (status <= TH_CASE_REJECTED, "open");
  return status_names[status];
}

gboolean
th_case_status_from_string (const char   *text,
                            ThCaseStatus *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    if (g_strcmp0 (text, status_names[i]) == 0)
      {
        *status = (ThCaseStatus) i;
        return TRUE;
      }
  return FALSE;
}

const char *
th_case_status_describe (ThCaseStatus status)
{
  switch (status)
    {
    case TH_CASE_OPEN:
      return _("Open");
    case TH_CASE_RESPONDED:
      return _("Responded");
    case TH_CASE_RESOLVED:
      return _("Resolved");
    case TH_CASE_REJECTED:
    default:
      return _("Rejected");
    }
}

const char *
th_resolution_to_string (ThResolution resolution)
{
  g_return_val_if_fail (resolution <= TH_RESOLUTION_NONE, "none");
  return resolution_names[resolution];
}

gboolean
th_resolution_from_string (const char   *text,
                           ThResolution *resolution)
{
  for (guint i = 0; i < G_N_ELEMENTS (resolution_names); i++)
    if (g_strcmp0 (text, resolution_names[i]) == 0)
      {
        *resolution = (ThResolution) i;
        return TRUE;
      }
  return FALSE;
}

const char *
th_resolution_describe (ThResolution resolution)
{
  switch (resolution)
    {
    case TH_RESOLUTION_REFUND:
      return _("Refund");
    case TH_RESOLUTION_REPLACEMENT:
      return _("Replacement in the next delivery");
    case TH_RESOLUTION_COUPON:
      return _("Coupon");
    case TH_RESOLUTION_NONE:
    default:
      return _("None");
    }
}

gboolean
th_case_deadlines_load (ThDb             *db,
                        ThCaseDeadlines  *deadlines,
                        GError          **error)
{
  ThPolicy policy;

  g_return_val_if_fail (TH_IS_DB (db), FALSE);
  g_return_val_if_fail (deadlines != NULL, FALSE);

  if (!th_policy_load (db, &policy, error))
    return FALSE;
  deadlines->respond_seconds = policy.case_respond_minutes * 60;
  deadlines->resolve_seconds = policy.case_resolve_hours * 3600;
  return TRUE;
}

/* Keep in step with the SQL in th-case-list.c. */
ThCaseOverdue
th_case_get_overdue (const ThCase          *c,
                     const ThCaseDeadlines *deadlines,
                     gint64                 now)
{
  ThCaseOverdue overdue = TH_CASE_ON_TIME;

  g_return_val_if_fail (c != NULL && deadlines != NULL, TH_CASE_ON_TIME);

  if (c->status == TH_CASE_OPEN && now > c->opened_at + deadlines->respond_seconds)
    overdue |= TH_CASE_OVERDUE_RESPONSE;
  if ((c->status == TH_CASE_OPEN || c->status == TH_CASE_RESPONDED) &&
      now > c->opened_at + deadlines->resolve_seconds)
    overdue |= TH_CASE_OVERDUE_RESOLVE;
  return overdue;
}

gint64
th_case_get_due_at (const ThCase          *c,
                    const ThCaseDeadlines *deadlines)
{
  g_return_val_if_fail (c != NULL && deadlines != NULL, 0);

  switch (c->status)
    {
    case TH_CASE_OPEN:
      return c->opened_at + MIN (deadlines->respond_seconds, deadlines->resolve_seconds);
    case TH_CASE_RESPONDED:
      return c->opened_at + deadlines->resolve_seconds;
    case TH_CASE_RESOLVED:
    case TH_CASE_REJECTED:
    default:
      return 0;
    }
}

char *
_th_case_clean_text (const char  *text,
                     gboolean     required,
                     glong        max_chars,
                     const char  *message,
                     GError     **error)
{
  g_autofree char *clean = g_strstrip (g_strdup (text ? text : ""));
  glong n = g_utf8_validate (clean, -1, NULL) ? g_utf8_strlen (clean, -1) : -1;

  if (n < (required ? 1 : 0) || n > max_chars)
    {
      g_set_error_literal (error, TH_ERROR, TH_ERROR_INVALID, message);
      return NULL;
    }
  return g_steal_pointer (&clean);
}

gboolean
_th_case_step_done (ThDb         *db,
                    sqlite3_stmt *stmt,
                    const char   *what,
                    GError      **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || th_db_set_error (db, error, what);
}

gboolean
_th_case_audit (ThDb        *db,
                gint64       now,
                const char  *staff,
                const char  *action,
                const char  *case_id,
                const char  *event_id,
                const char  *data_text,
                GError     **error)
{
  g_autofree char *subject = g_strconcat ("case:", case_id, NULL);
  /* The ids are UUIDs and data_text is JSON we just generated. */
  g_autofree char *detail = g_strdup_printf ("{\"event_id\":\"%s\",\"event\":%s}", event_id, data_text);

  return th_audit_append (db, now, staff, action, subject, detail, error);
}
