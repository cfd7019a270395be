/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Verification of a scanned code, step by step as in ../shared/pickup-code.md.
 * It never writes: th-collect runs it again under the write lock. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-error.h"
#include "th-key-store.h"
#include "th-order-store.h"
#include "th-identity.h"
#include "th-time.h"
#include "th-verifier.h"

static const char * const verdict_names[] = {
  "ok", "already_collected", "wrong_station", "cancelled", "refunded", "unknown_code",
  "unknown_key", "bad_signature", "not_yet_valid", "expired", "malformed",
};

static ThVerification *
verification_new (ThVerdict verdict)
{
  ThVerification *v = g_new0 (ThVerification, 1);

  v->verdict = verdict;
  v->order_id = -1;
  v->remaining = g_array_new (FALSE, FALSE, sizeof (ThLineQty));
  return v;
}

void
th_verification_free (ThVerification *v)
{
  if (v == NULL)
    return;
  g_clear_pointer (&v->order, th_order_unref);
  g_clear_pointer (&v->remaining, g_array_unref);
  g_clear_pointer (&v->collected, g_array_unref);
  g_free (v->collected_by);
  g_free (v->collected_terminal);
  g_free (v->collection_id);
  g_free (v);
}

const char *
th_verdict_to_string (ThVerdict verdict)
{
  g_return_val_if_fail (verdict <= TH_VERDICT_MALFORMED, "malformed");
  return verdict_names[verdict];
}

/* What the person at the counter should do next. */
const char *
th_verdict_describe (ThVerdict verdict)
{
  switch (verdict)
    {
    case TH_VERDICT_OK:
      return _("Hand over the bag.");
    case TH_VERDICT_ALREADY_COLLECTED:
      return _("Already collected. Do not hand over again; check the history if the customer disagrees.");
    case TH_VERDICT_WRONG_STATION:
      return _("This order belongs to another pickup point. Send the customer there.");
    case TH_VERDICT_CANCELLED:
      return _("This order was cancelled. Do not hand over; the customer can check the app.");
    case TH_VERDICT_REFUNDED:
      return _("This order was refunded. Do not hand over.");
    case TH_VERDICT_UNKNOWN_CODE:
      return _("No order with this pickup code here. Check the digits, or sync and try again.");
    case TH_VERDICT_UNKNOWN_KEY:
      return _("The code is signed with a key this station does not trust. Sync to update the keys, then scan again.");
    case TH_VERDICT_BAD_SIGNATURE:
      return _("The code is forged or damaged. Do not hand over; ask for the 8-digit pickup code instead.");
    case TH_VERDICT_NOT_YET_VALID:
      return _("The code is not valid yet. Check the pickup date with the customer.");
    case TH_VERDICT_EXPIRED:
      return _("The code has expired. Ask the customer to refresh the code in the app.");
    case TH_VERDICT_MALFORMED:
    default:
      return _("This is not a pickup code. Scan again, or type the 8-digit code.");
    }
}

static gboolean
latest_collection (ThDb            *db,
                   ThVerification  *v,
                   GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = th_db_prepare (db,
                              "SELECT id, at, staff, terminal FROM collections "
                              "WHERE order_id = ? AND undone_at IS NULL ORDER BY at DESC, rowid DESC LIMIT 1",
                              error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, v->order_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      v->collection_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      v->collected_at = sqlite3_column_int64 (stmt, 1);
      v->collected_by = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      v->collected_terminal = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return th_db_set_error (db, error, "reading collections");
  return TRUE;
}

/* Step 8: the local state of a known order decides. */
static gboolean
judge_order (ThDb            *db,
             ThVerification  *v,
             GError         **error)
{
  ThOrder *order = v->order;

  if (order->provisional)
    {
      /* Known only from an earlier scan of its signed code. */
      if (!latest_collection (db, v, error))
        return FALSE;
      v->verdict = v->collection_id ? TH_VERDICT_ALREADY_COLLECTED : TH_VERDICT_OK;
      v->provisional = TRUE;
      return TRUE;
    }

  if (order->status == TH_ORDER_CANCELLED)
    v->verdict = TH_VERDICT_CANCELLED;
  else if (th_order_is_fully_refunded (order))
    v->verdict = TH_VERDICT_REFUNDED;
  else
    {
      for (guint i = 0; i < order->lines->len; i++)
        {
          ThOrderLine *l = &g_array_index (order->lines, ThOrderLine, i);
          ThLineQty r = { l->line, th_order_line_remaining (l) };

          if (r.qty > 0)
            g_array_append_val (v->remaining, r);
        }
      if (v->remaining->len > 0 && order->status != TH_ORDER_COLLECTED)
        v->verdict = TH_VERDICT_OK;
      else
        {
          g_array_set_size (v->remaining, 0);
          v->verdict = TH_VERDICT_ALREADY_COLLECTED;
          if (!latest_collection (db, v, error))
            return FALSE;
          if (v->collection_id == NULL)
            th_time_parse_rfc3339 (order->updated_at, &v->collected_at);
        }
    }
  return TRUE;
}

static gboolean
load_into (ThDb            *db,
           ThVerification  *v,
           GError         **error)
{
  g_autoptr(GError) local_error = NULL;

  v->order = th_order_store_load (db, v->order_id, &local_error);
  if (v->order == NULL && !g_error_matches (local_error, TH_ERROR, TH_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static ThVerification *
verify_signed (ThDb               *db,
               const ThSignedCode *code,
               gint64              now,
               GError            **error)
{
  g_autoptr(ThVerification) v = verification_new (TH_VERDICT_OK);
  g_autoptr(GError) local_error = NULL;
  ThTrustedKey key;
  guint32 station_id;

  v->kind = TH_PICKUP_CODE_SIGNED;

  /* Step 4: the key, and its validity window. */
  if (!th_key_store_lookup (db, code->kid, &key, &local_error))
    {
      if (local_error)
        return g_propagate_error (error, g_steal_pointer (&local_error)), NULL;
      v->verdict = TH_VERDICT_UNKNOWN_KEY;
      return g_steal_pointer (&v);
    }
  if (now < key.not_before || now > key.not_after)
    {
      v->verdict = TH_VERDICT_UNKNOWN_KEY;
      return g_steal_pointer (&v);
    }

  /* Step 5: no field is trusted before this. */
  if (!th_pickup_code_check_signature (code, key.public_key))
    {
      v->verdict = TH_VERDICT_BAD_SIGNATURE;
      return g_steal_pointer (&v);
    }

  v->order_id = (gint64) code->order_id;
  v->not_before = code->not_before;
  v->not_after = code->not_after;

  /* Step 6. */
  if (!th_identity_get (db, &station_id, NULL, error))
    return NULL;
  if (code->station_id != station_id)
    {
      v->code_station_id = code->station_id;
      v->verdict = TH_VERDICT_WRONG_STATION;
      return g_steal_pointer (&v);
    }

  /* Step 7. */
  if (now < (gint64) code->not_before - TH_VERIFY_LEEWAY_SECONDS)
    {
      v->verdict = TH_VERDICT_NOT_YET_VALID;
      return g_steal_pointer (&v);
    }
  if (now > (gint64) code->not_after + TH_VERIFY_LEEWAY_SECONDS)
    {
      v->verdict = TH_VERDICT_EXPIRED;
      return g_steal_pointer (&v);
    }

  /* Step 8. */
  if (!load_into (db, v, error))
    return NULL;
  if (v->order == NULL)
    {
      v->verdict = TH_VERDICT_OK;
      v->provisional = TRUE;
      return g_steal_pointer (&v);
    }
  if (!judge_order (db, v, error))
    return NULL;
  return g_steal_pointer (&v);
}

/**
 * th_verifier_verify_code:
 * @text: what was scanned or typed
 * @now: unix time to judge validity windows by
 *
 * Returns: (transfer full): the verification; %NULL only when the database
 *   failed, with @error set
 */
ThVerification *
th_verifier_verify_code (ThDb        *db,
                         const char  *text,
                         gint64       now,
                         GError     **error)
{
  g_autofree char *normal = NULL;
  g_autoptr(ThVerification) v = NULL;
  g_autoptr(GError) local_error = NULL;
  char plain[TH_PICKUP_CODE_PLAIN_LEN + 1];
  ThSignedCode code;

  g_return_val_if_fail (TH_IS_DB (db), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  normal = th_pickup_code_normalize (text);
  if (normal == NULL)
    return verification_new (TH_VERDICT_MALFORMED);

  switch (th_pickup_code_parse (normal, &code, plain))
    {
    case TH_PICKUP_CODE_SIGNED:
      return verify_signed (db, &code, now, error);

    case TH_PICKUP_CODE_PLAIN:
      v = verification_new (TH_VERDICT_OK);
      v->kind = TH_PICKUP_CODE_PLAIN;
      v->order = th_order_store_find_by_code (db, plain, &local_error);
      if (v->order == NULL)
        {
          if (!g_error_matches (local_error, TH_ERROR, TH_ERROR_NOT_FOUND))
            return g_propagate_error (error, g_steal_pointer (&local_error)), NULL;
          v->verdict = TH_VERDICT_UNKNOWN_CODE;
          return g_steal_pointer (&v);
        }
      v->order_id = v->order->id;
      if (!judge_order (db, v, error))
        return NULL;
      return g_steal_pointer (&v);

    case TH_PICKUP_CODE_MALFORMED:
    default:
      return verification_new (TH_VERDICT_MALFORMED);
    }
}

/**
 * th_verifier_verify_order:
 *
 * Step 8 alone, for an order picked from a phone-tail or name search.
 */
ThVerification *
th_verifier_verify_order (ThDb     *db,
                          gint64    order_id,
                          GError  **error)
{
  g_autoptr(ThVerification) v = verification_new (TH_VERDICT_OK);

  g_return_val_if_fail (TH_IS_DB (db), NULL);

  v->kind = TH_PICKUP_CODE_PLAIN;
  v->order_id = order_id;
  if (!load_into (db, v, error))
    return NULL;
  if (v->order == NULL)
    {
      v->verdict = TH_VERDICT_UNKNOWN_CODE;
      return g_steal_pointer (&v);
    }
  if (!judge_order (db, v, error))
    return NULL;
  return g_steal_pointer (&v);
}
