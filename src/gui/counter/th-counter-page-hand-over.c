/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Scans, picks and hand-overs at the Counter page: each is one core call of
 * about a millisecond, so they run on the main loop. With auto hand-over a
 * scanned ok code is collected at once; typed and picked ones never are. */
#include "config.h"

#include "th-counter-page-private.h"
#include "th-time.h"

/**
 * th_counter_page_scan:
 *
 * A scanned code: verified, or with auto hand-over, collected at once.
 */
void
th_counter_page_scan (ThCounterPage *self,
                      const char    *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *staff = NULL;
  ThVerification *v;

  g_return_if_fail (TH_IS_COUNTER_PAGE (self));
  g_return_if_fail (text != NULL);

  if (self->db == NULL)
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");

  if (self->auto_hand_over)
    {
      staff = _th_counter_page_dup_staff (self);
      v = th_collect_code (self->db, text, NULL, 0, staff, th_time_now (), &error);
    }
  else
    v = th_verifier_verify_code (self->db, text, th_time_now (), &error);

  if (v == NULL)
    {
      _th_counter_page_fail (self, error);
      return;
    }
  _th_counter_page_show_verification (self, v, text,
                     v->kind == TH_PICKUP_CODE_SIGNED ? TH_COLLECT_METHOD_QR : TH_COLLECT_METHOD_CODE);
  if (v->collected != NULL)
    _th_counter_page_emit_collected (self, v);
  else
    _th_counter_page_verified (self);
}

void
_th_counter_page_show_order_with (ThCounterPage   *self,
                                  gint64           order_id,
                                  ThCollectMethod  method)
{
  g_autoptr(GError) error = NULL;
  ThVerification *v;

  if (self->db == NULL)
    return;
  if (!(v = th_verifier_verify_order (self->db, order_id, &error)))
    {
      _th_counter_page_fail (self, error);
      return;
    }
  _th_counter_page_show_verification (self, v, NULL, method);
  _th_counter_page_verified (self);
}

void
th_counter_page_show_order (ThCounterPage *self,
                            gint64         order_id)
{
  g_return_if_fail (TH_IS_COUNTER_PAGE (self));
  _th_counter_page_show_order_with (self, order_id, TH_COLLECT_METHOD_MANUAL);
}

/**
 * th_counter_page_hand_over:
 * @ticked_only: only the lines ticked on the card; otherwise all remaining
 */
void
th_counter_page_hand_over (ThCounterPage *self,
                           gboolean       ticked_only)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) lines = NULL;
  g_autofree char *staff = NULL;
  ThVerification *v;
  guint n_lines;

  g_return_if_fail (TH_IS_COUNTER_PAGE (self));

  if (!_th_counter_page_compute_can_hand_over (self))
    return;
  lines = ticked_only ? th_result_card_get_ticked_lines (self->card) : NULL;
  n_lines = lines ? lines->len : 0;
  if (ticked_only && n_lines == 0)
    return;

  staff = _th_counter_page_dup_staff (self);
  /* A scanned code is verified again under the write lock; an order picked
   * from a search by its id. */
  if (self->code_text)
    v = th_collect_code (self->db, self->code_text, lines ? (ThLineQty *) lines->data : NULL, n_lines,
                         staff, th_time_now (), &error);
  else
    v = th_collect_order (self->db, self->verification->order_id, lines ? (ThLineQty *) lines->data : NULL,
                          n_lines, self->method, staff, th_time_now (), &error);
  if (v == NULL)
    {
      _th_counter_page_fail (self, error);
      th_counter_page_refresh (self);
      return;
    }

  _th_counter_page_show_verification (self, v, self->code_text, self->method);
  if (v->collected != NULL)
    _th_counter_page_emit_collected (self, v);
  else
    _th_counter_page_verified (self);   /* it changed meanwhile, e.g. collected at another terminal */
}

/* Shows the current order as it stands now, e.g. after an undo. */
void
th_counter_page_refresh (ThCounterPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  ThVerification *v;

  g_return_if_fail (TH_IS_COUNTER_PAGE (self));

  if (self->db == NULL || self->verification == NULL)
    return;
  code = g_strdup (self->code_text);
  if (self->verification->order != NULL && !self->verification->provisional)
    v = th_verifier_verify_order (self->db, self->verification->order_id, &error);
  else if (code != NULL)
    v = th_verifier_verify_code (self->db, code, th_time_now (), &error);
  else
    return;
  if (v == NULL)
    {
      _th_counter_page_fail (self, error);
      return;
    }
  _th_counter_page_show_verification (self, v, code, self->method);
}

