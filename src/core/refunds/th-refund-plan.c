/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The money rules, checked before anything is written (and again by the
 * database's triggers when it is):
 * - amounts are integer fen;
 * - a line's refunded quantity never exceeds what is left to hand over, so
 *   never what was bought;
 * - a line's refunded amount never exceeds qty × unit_price;
 * - an order's refunds never exceed what was paid.
 * th_refund_create() runs this under the write lock, which is what makes the
 * rules hold with two terminals refunding the same order at once. */
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "th-error.h"
#include "th-money.h"
#include "th-order-store.h"
#include "th-policy.h"
#include "th-refund-private.h"
#include "th-staff.h"


static gboolean
refuse (GError     **error,
        const char  *format,
        ...) G_GNUC_PRINTF (2, 3);

static gboolean
refuse (GError     **error,
        const char  *format,
        ...)
{
  va_list ap;

  va_start (ap, format);
  g_propagate_error (error, g_error_new_valist (TH_ERROR, TH_ERROR_REFUSED, format, ap));
  va_end (ap);
  return FALSE;
}

static gboolean
query_sum (ThDb        *db,
           const char  *sql,
           gint64       a,
           gint64       b,
           const char  *text,
           gint64      *out,
           GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = th_db_prepare (db, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, a);
  sqlite3_bind_int64 (stmt, 2, b);
  if (text)
    sqlite3_bind_text (stmt, 3, text, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  *out = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || th_db_set_error (db, error, "adding up refunds");
}

/* The local day @now falls in, for the cashier's daily cap. */
static void
local_day (gint64  now,
           gint64 *start,
           gint64 *end)
{
  g_autoptr(GDateTime) t = g_date_time_new_from_unix_local (now);
  g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (t), g_date_time_get_month (t),
                                                         g_date_time_get_day_of_month (t), 0, 0, 0);
  g_autoptr(GDateTime) next = g_date_time_add_days (midnight, 1);

  *start = g_date_time_to_unix (midnight);
  *end = g_date_time_to_unix (next);
}

static gboolean
check_request (const ThRefundRequest  *request,
               char                  **note,
               GError                **error)
{
  g_autofree char *clean = g_strstrip (g_strdup (request->note ? request->note : ""));

  if (request->n_lines == 0 || request->lines == NULL)
    {
      g_set_error (error, TH_ERROR, TH_ERROR_INVALID, _("Choose at least one line to refund."));
      return FALSE;
    }
  if ((guint) request->reason >= TH_REASON_COUNT)
    {
      g_set_error (error, TH_ERROR, TH_ERROR_INVALID, _("Choose the reason for the refund."));
      return FALSE;
    }
  if (!g_utf8_validate (clean, -1, NULL) || g_utf8_strlen (clean, -1) > TH_REFUND_NOTE_MAX_CHARS)
    {
      g_set_error (error, TH_ERROR, TH_ERROR_INVALID,
                   _("The note can have at most %d characters."), TH_REFUND_NOTE_MAX_CHARS);
      return FALSE;
    }
  *note = g_steal_pointer (&clean);
  return TRUE;
}

static ThOrder *
load_order (ThDb     *db,
            gint64    order_id,
            GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(ThOrder) order = th_order_store_load (db, order_id, &local_error);

  if (order == NULL)
    {
      if (g_error_matches (local_error, TH_ERROR, TH_ERROR_NOT_FOUND))
        refuse (error, _("Order %" PRId64 " is not in this station's copy. Sync, then try again."),
                order_id);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (order->provisional)
    return refuse (error, _("Order %" PRId64 " is known only from its pickup code, so its lines "
                            "and price are unknown. Sync, then refund."), order_id), NULL;
  if (order->status == TH_ORDER_CANCELLED)
    return refuse (error, _("Order %" PRId64 " was cancelled; the platform refunds it in full."),
                   order_id), NULL;
  if (order->status == TH_ORDER_REFUNDED)
    return refuse (error, _("Order %" PRId64 " was already refunded by the platform."), order_id), NULL;
  return g_steal_pointer (&order);
}

static gboolean
plan_line (ThDb                       *db,
           ThOrder                    *order,
           const ThRefundLineRequest  *req,
           ThRefundLine               *out,
           GError                    **error)
{
  ThOrderLine *l = th_order_get_line (order, req->line);
  g_autofree char *cap_text = NULL;
  g_autofree char *before_text = NULL;
  gint64 before, cap;
  guint remaining;

  if (l == NULL)
    return refuse (error, _("Order %" PRId64 " has no line %u."), order->id, req->line);
  remaining = th_order_line_remaining (l);
  if (req->qty > remaining)
    return refuse (error, _("Line %u (%s): %u to refund, but only %u are still to hand over. For goods "
                            "already handed over, refund an amount with quantity 0."),
                   l->line, l->name, req->qty, remaining);
  if (req->amount < -1 || req->amount > TH_MONEY_MAX_FEN)
    {
      g_set_error (error, TH_ERROR, TH_ERROR_INVALID, _("Line %u: the amount is not valid."), l->line);
      return FALSE;
    }
  out->line = l->line;
  out->sku = g_strdup (l->sku);
  out->name = g_strdup (l->name);
  out->qty = req->qty;
  out->amount = req->amount < 0 ? th_money_line_total (req->qty, l->unit_price) : req->amount;
  if (out->qty == 0 && out->amount == 0)
    {
      g_set_error (error, TH_ERROR, TH_ERROR_INVALID,
                   _("Line %u (%s): give a quantity or an amount to refund."), l->line, l->name);
      return FALSE;
    }

  if (!query_sum (db, "SELECT coalesce (sum (amount), 0) FROM refund_lines WHERE order_id = ?1 AND line = ?2",
                  order->id, l->line, NULL, &before, error))
    return FALSE;
  cap = th_money_line_total (l->qty, l->unit_price);
  if (out->amount > th_money_refund_left (l->qty, l->unit_price, before))
    {
      g_autofree char *amount_text = th_money_format (out->amount);

      cap_text = th_money_format (cap);
      before_text = th_money_format (before);
      return refuse (error, _("Line %u (%s): refunding %s would exceed the %s paid for it (%s refunded before)."),
                     l->line, l->name, amount_text, cap_text, before_text);
    }
  return TRUE;
}

ThRefund *
_th_refund_build_plan (ThDb                   *db,
                       const ThRefundRequest  *request,
                       gint64                  now,
                       GError                **error)
{
  g_autoptr(ThRefund) plan = NULL;
  g_autoptr(ThStaff) staff = NULL;
  g_autoptr(ThOrder) order = NULL;
  g_autofree char *note = NULL;
  gint64 day_start, day_end;
  ThPolicy policy;

  if (!check_request (request, &note, error) || !th_policy_load (db, &policy, error))
    return NULL;
  if (!(staff = th_staff_find (db, request->staff ? request->staff : "", error)) ||
      !(order = load_order (db, request->order_id, error)))
    return NULL;

  plan = _th_refund_new ();
  plan->order_id = order->id;
  plan->customer_name = g_strdup (order->customer_name);
  plan->at = now;
  plan->staff = g_strdup (staff->name);
  plan->reason = request->reason;
  plan->note = g_steal_pointer (&note);
  plan->order_paid = order->paid;
  plan->order_refunded = order->refunded;

  for (guint i = 0; i < request->n_lines; i++)
    {
      ThRefundLine line = { 0 };

      for (guint j = 0; j < i; j++)
        if (request->lines[j].line == request->lines[i].line)
          {
            g_set_error (error, TH_ERROR, TH_ERROR_INVALID, _("Line %u is listed twice."), request->lines[i].line);
            return NULL;
          }
      if (!plan_line (db, order, &request->lines[i], &line, error))
        {
          _th_refund_line_clear (&line);
          return NULL;
        }
      plan->amount += line.amount;
      g_array_append_val (plan->lines, line);
    }

  if (plan->amount <= 0)
    {
      g_set_error (error, TH_ERROR, TH_ERROR_INVALID, _("The refund comes to ¥0.00. Give an amount to refund."));
      return NULL;
    }
  if (order->refunded + plan->amount > order->paid)
    {
      g_autofree char *amount_text = th_money_format (plan->amount);
      g_autofree char *paid_text = th_money_format (order->paid);
      g_autofree char *before_text = th_money_format (order->refunded);

      return refuse (error, _("Order %" PRId64 ": refunding %s would exceed the %s paid "
                              "(%s refunded before)."),
                     order->id, amount_text, paid_text, before_text), NULL;
    }

  plan->approval_threshold = policy.refund_approval_threshold;
  plan->cashier_daily_cap = policy.cashier_daily_cap;
  if (plan->amount > plan->approval_threshold)
    plan->approval |= TH_APPROVAL_OVER_THRESHOLD;
  local_day (now, &day_start, &day_end);
  if (!query_sum (db, "SELECT coalesce (sum (amount), 0) FROM refunds WHERE at >= ?1 AND at < ?2 AND staff = ?3",
                  day_start, day_end, staff->name, &plan->staff_refunded_today, error))
    return NULL;
  if (staff->role == TH_STAFF_ROLE_CASHIER &&
      plan->staff_refunded_today + plan->amount > plan->cashier_daily_cap)
    plan->approval |= TH_APPROVAL_OVER_DAILY_CAP;
  return g_steal_pointer (&plan);
}

/**
 * th_refund_describe_approval:
 *
 * Returns: (transfer full): why an approval is needed, for the dialog; "" for
 *   %TH_APPROVAL_NONE
 */
char *
th_refund_describe_approval (const ThRefund *plan)
{
  g_autofree char *threshold = NULL;
  g_autofree char *cap = NULL;
  ThApprovalNeed need;

  g_return_val_if_fail (plan != NULL, NULL);
  need = plan->approval;
  threshold = th_money_format (plan->approval_threshold);
  cap = th_money_format (plan->cashier_daily_cap);

  if ((need & TH_APPROVAL_OVER_THRESHOLD) && (need & TH_APPROVAL_OVER_DAILY_CAP))
    return g_strdup_printf (_("The refund is over %s, and over the cashier's daily limit of %s."), threshold, cap);
  if (need & TH_APPROVAL_OVER_THRESHOLD)
    return g_strdup_printf (_("The refund is over %s."), threshold);
  if (need & TH_APPROVAL_OVER_DAILY_CAP)
    return g_strdup_printf (_("The refund goes over the cashier's daily limit of %s."), cap);
  return g_strdup ("");
}

ThRefund *
th_refund_plan (ThDb                   *db,
                const ThRefundRequest  *request,
                gint64                  now,
                GError                **error)
{
  g_return_val_if_fail (TH_IS_DB (db), NULL);
  g_return_val_if_fail (request != NULL, NULL);
  return _th_refund_build_plan (db, request, now, error);
}
