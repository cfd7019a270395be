/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Refunds: the order's counters, the refund rows, an audit entry and the
 * `refund` outbox event are written in one IMMEDIATE transaction, after
 * planning again under the write lock (th-refund-plan.c). The platform moves
 * the money when it processes the event; offline, the event waits in the
 * outbox like any other. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-audit.h"
#include "th-error.h"
#include "th-json.h"
#include "th-outbox.h"
#include "th-refund-private.h"
#include "th-staff.h"
#include "th-identity.h"

G_DEFINE_BOXED_TYPE (ThRefund, th_refund, th_refund_ref, th_refund_unref)

static const char * const reason_names[] = {
  "damaged", "spoiled", "missing", "wrong_item", "quality", "other",
};

const char *
th_reason_to_string (ThReason reason)
{
  g_return_val_if_fail ((guint) reason < TH_REASON_COUNT, "other");
  return reason_names[reason];
}

gboolean
th_reason_from_string (const char *text,
                       ThReason   *reason)
{
  for (guint i = 0; i < TH_REASON_COUNT; i++)
    if (g_strcmp0 (text, reason_names[i]) == 0)
      {
        *reason = (ThReason) i;
        return TRUE;
      }
  return FALSE;
}

const char *
th_reason_describe (ThReason reason)
{
  switch (reason)
    {
    case TH_REASON_DAMAGED:
      return _("Damaged");
    case TH_REASON_SPOILED:
      return _("Spoiled");
    case TH_REASON_MISSING:
      return _("Missing");
    case TH_REASON_WRONG_ITEM:
      return _("Wrong item");
    case TH_REASON_QUALITY:
      return _("Quality");
    case TH_REASON_OTHER:
    default:
      return _("Other");
    }
}

void
_th_refund_line_clear (gpointer data)
{
  ThRefundLine *l = data;

  g_clear_pointer (&l->sku, g_free);
  g_clear_pointer (&l->name, g_free);
}

static void
refund_free (ThRefund *refund)
{
  g_free (refund->id);
  g_free (refund->event_id);
  g_free (refund->customer_name);
  g_free (refund->terminal);
  g_free (refund->staff);
  g_free (refund->note);
  g_free (refund->approved_by);
  g_clear_pointer (&refund->lines, g_array_unref);
}

ThRefund *
_th_refund_new (void)
{
  ThRefund *refund = g_atomic_rc_box_new0 (ThRefund);

  refund->lines = g_array_new (FALSE, TRUE, sizeof (ThRefundLine));
  g_array_set_clear_func (refund->lines, _th_refund_line_clear);
  return refund;
}

ThRefund *
th_refund_ref (ThRefund *refund)
{
  return g_atomic_rc_box_acquire (refund);
}

void
th_refund_unref (ThRefund *refund)
{
  g_atomic_rc_box_release_full (refund, (GDestroyNotify) refund_free);
}

/* The conditional UPDATEs cannot fail after planning under the same lock;
 * they are the last word should they ever disagree. */
static gboolean
count_refund (ThDb      *db,
              ThRefund  *plan,
              GError   **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = th_db_prepare (db, "UPDATE orders SET refunded = refunded + ?1 WHERE id = ?2 AND refunded + ?1 <= paid",
                              error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, plan->amount);
  sqlite3_bind_int64 (stmt, 2, plan->order_id);
  if (!th_db_step_done (db, stmt, "counting a refund", error))
    return FALSE;
  if (sqlite3_changes (th_db_get_handle (db)) != 1)
    goto changed;

  if (!(stmt = th_db_prepare (db,
                              "UPDATE order_lines SET refunded_qty = refunded_qty + ?3 "
                              "WHERE order_id = ?1 AND line = ?2 AND collected_qty + refunded_qty + ?3 <= qty", error)))
    return FALSE;
  for (guint i = 0; i < plan->lines->len; i++)
    {
      ThRefundLine *l = &g_array_index (plan->lines, ThRefundLine, i);

      if (l->qty == 0)
        continue;
      sqlite3_bind_int64 (stmt, 1, plan->order_id);
      sqlite3_bind_int64 (stmt, 2, l->line);
      sqlite3_bind_int64 (stmt, 3, l->qty);
      if (!th_db_step_done (db, stmt, "counting a refunded line", error))
        return FALSE;
      if (sqlite3_changes (th_db_get_handle (db)) != 1)
        goto changed;
    }
  return TRUE;

changed:
  g_set_error (error, TH_ERROR, TH_ERROR_REFUSED, _("The order changed while refunding. Try again."));
  return FALSE;
}

static JsonNode *
event_data (ThRefund *plan)
{
  JsonObject *data = json_object_new ();
  JsonArray *lines = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  for (guint i = 0; i < plan->lines->len; i++)
    {
      ThRefundLine *l = &g_array_index (plan->lines, ThRefundLine, i);
      JsonObject *obj = json_object_new ();

      json_object_set_int_member (obj, "line", l->line);
      json_object_set_int_member (obj, "qty", l->qty);
      json_object_set_int_member (obj, "amount", l->amount);
      json_array_add_object_element (lines, obj);
    }
  json_object_set_string_member (data, "refund_id", plan->id);
  json_object_set_array_member (data, "lines", lines);
  json_object_set_int_member (data, "amount", plan->amount);
  json_object_set_string_member (data, "reason", th_reason_to_string (plan->reason));
  json_object_set_string_member (data, "note", plan->note);
  if (plan->approved_by)
    json_object_set_string_member (data, "approved_by", plan->approved_by);
  else
    json_object_set_null_member (data, "approved_by");
  json_node_take_object (node, data);
  return node;
}

static gboolean
record_refund (ThDb      *db,
               ThRefund  *plan,
               GError   **error)
{
  g_autofree char *data_text = NULL;
  g_autofree char *audit_text = NULL;
  g_autofree char *subject = g_strdup_printf ("order:%" G_GINT64_FORMAT, plan->order_id);
  JsonNode *data;
  sqlite3_stmt *stmt;

  plan->id = g_uuid_string_random ();
  if (!th_identity_get (db, NULL, &plan->terminal, error))
    return FALSE;
  data = event_data (plan);
  data_text = th_json_to_string (data);
  if (!th_outbox_add (db, "refund", plan->order_id, plan->at, plan->staff, data, &plan->event_id, error))
    return FALSE;

  if (!(stmt = th_db_prepare (db,
                              "INSERT INTO refunds (id, event_id, order_id, at, terminal, staff, amount, reason, note, approved_by) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, plan->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, plan->event_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, plan->order_id);
  sqlite3_bind_int64 (stmt, 4, plan->at);
  sqlite3_bind_text (stmt, 5, plan->terminal, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, plan->staff, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, plan->amount);
  sqlite3_bind_text (stmt, 8, th_reason_to_string (plan->reason), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, plan->note, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, plan->approved_by, -1, SQLITE_STATIC);
  if (!th_db_step_done (db, stmt, "recording a refund", error))
    return FALSE;

  if (!(stmt = th_db_prepare (db,
                              "INSERT INTO refund_lines (refund_id, order_id, line, sku, name, qty, amount) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?)", error)))
    return FALSE;
  for (guint i = 0; i < plan->lines->len; i++)
    {
      ThRefundLine *l = &g_array_index (plan->lines, ThRefundLine, i);

      sqlite3_bind_text (stmt, 1, plan->id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, plan->order_id);
      sqlite3_bind_int64 (stmt, 3, l->line);
      sqlite3_bind_text (stmt, 4, l->sku, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, l->name, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 6, l->qty);
      sqlite3_bind_int64 (stmt, 7, l->amount);
      if (!th_db_step_done (db, stmt, "recording a refunded line", error))
        return FALSE;
    }

  /* The ids are UUIDs and data_text is JSON we just generated. */
  audit_text = g_strdup_printf ("{\"refund_id\":\"%s\",\"event_id\":\"%s\",\"event\":%s}",
                                plan->id, plan->event_id, data_text);
  return th_audit_append (db, plan->at, plan->staff, "refunded", subject, audit_text, error);
}

static ThStaff *
check_approver (ThDb                   *db,
                const ThRefundRequest  *request,
                gint64                  now,
                GError                **error)
{
  g_autoptr(ThStaff) approver = NULL;

  if (!(approver = th_staff_verify_pin (db, request->approver, request->approver_pin,
                                        TH_PIN_PURPOSE_APPROVE, now, error)))
    return NULL;
  if (!th_staff_role_can_approve (approver->role))
    {
      g_set_error (error, TH_ERROR, TH_ERROR_REFUSED,
                   _("%s is a cashier and cannot approve refunds. Ask a supervisor or the leader."),
                   approver->name);
      return NULL;
    }
  return g_steal_pointer (&approver);
}

ThRefund *
th_refund_create (ThDb                   *db,
                  const ThRefundRequest  *request,
                  gint64                  now,
                  GError                **error)
{
  g_autoptr(ThStaff) approver = NULL;
  g_autoptr(ThStaff) still = NULL;
  g_autoptr(ThRefund) plan = NULL;

  g_return_val_if_fail (TH_IS_DB (db), NULL);
  g_return_val_if_fail (request != NULL, NULL);

  /* The PIN first: it is slow, and must not hold the write lock. */
  if (request->approver && !(approver = check_approver (db, request, now, error)))
    return NULL;

  if (!th_db_begin_immediate (db, error))
    return NULL;
  /* Under the write lock, with the policy as it is now: a leader may have
   * just changed it. */
  if (!(plan = _th_refund_build_plan (db, request, now, error)))
    goto fail;
  if (plan->approval != TH_APPROVAL_NONE && approver == NULL)
    {
      g_autofree char *why = th_refund_describe_approval (plan);

      g_set_error (error, TH_ERROR, TH_ERROR_REFUSED,
                   _("%s A supervisor or the leader must approve it with their PIN."), why);
      goto fail;
    }
  if (approver)
    {
      /* Retired or demoted since the PIN was checked? */
      if (!(still = th_staff_find (db, approver->name, error)))
        goto fail;
      if (!th_staff_role_can_approve (still->role))
        {
          g_set_error (error, TH_ERROR, TH_ERROR_REFUSED,
                       _("%s can no longer approve refunds. Ask a supervisor or the leader."), still->name);
          goto fail;
        }
      plan->approved_by = g_strdup (still->name);
    }
  if (!count_refund (db, plan, error) ||
      !record_refund (db, plan, error) ||
      !th_db_commit (db, error))
    goto fail;

  plan->approval = TH_APPROVAL_NONE;
  return th_refund_load (db, plan->id, error);

fail:
  th_db_rollback (db);
  return NULL;
}
