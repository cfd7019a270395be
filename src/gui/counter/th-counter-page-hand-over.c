/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Scans, picks and hand-overs at the Counter page. Verifying only reads,
 * which WAL never blocks, so it stays on the main loop. Handing over and
 * undoing write: they run on the worker (th-counter-page-queue.c), since
 * another terminal may hold the write lock for seconds. With auto hand-over
 * a scanned ok code is collected at once; typed and picked ones never are. */
#include "config.h"

#include "th-counter-page-private.h"
#include "th-time.h"

typedef struct {
  char            *code_text;   /* a scanned or typed code, or NULL */
  gint64           order_id;    /* otherwise the order picked */
  GArray          *lines;       /* of ThLineQty, or NULL for all remaining */
  ThCollectMethod  method;
  char            *staff;
  gint64           now;
  gboolean         from_scan;   /* auto hand-over: announce like a scan */
} HandOver;

static void
hand_over_free (HandOver *h)
{
  g_free (h->code_text);
  g_clear_pointer (&h->lines, g_array_unref);
  g_free (h->staff);
  g_free (h);
}

static gpointer
hand_over_job (ThDb     *db,
               gpointer  job_data,
               GError  **error)
{
  HandOver *h = job_data;
  const ThLineQty *lines = h->lines ? (ThLineQty *) h->lines->data : NULL;
  guint n_lines = h->lines ? h->lines->len : 0;

  /* A scanned code is verified again under the write lock; an order picked
   * from a search by its id. */
  if (h->code_text)
    return th_collect_code (db, h->code_text, lines, n_lines, h->staff, h->now, error);
  return th_collect_order (db, h->order_id, lines, n_lines, h->method, h->staff, h->now, error);
}

static void
hand_over_done (ThCounterPage *self,
                gpointer       result,
                const GError  *error,
                gpointer       data)
{
  HandOver *h = data;
  ThVerification *v = result;

  if (v == NULL)
    {
      _th_counter_page_fail (self, error);
      if (!h->from_scan)
        th_counter_page_refresh (self);
      return;
    }
  if (h->from_scan)
    h->method = v->kind == TH_PICKUP_CODE_SIGNED ? TH_COLLECT_METHOD_QR : TH_COLLECT_METHOD_CODE;
  _th_counter_page_show_verification (self, v, h->code_text, h->method);
  if (v->collected != NULL)
    _th_counter_page_emit_collected (self, v);
  else
    _th_counter_page_verified (self);   /* not ok, or changed meanwhile, e.g. collected at another terminal */
}

static void
start_hand_over (ThCounterPage *self,
                 HandOver      *h)
{
  /* What the card needs afterwards; the worker owns @h. */
  HandOver *shown = g_new0 (HandOver, 1);

  shown->code_text = g_strdup (h->code_text);
  shown->method = h->method;
  shown->from_scan = h->from_scan;
  h->staff = _th_counter_page_dup_staff (self);
  h->now = th_time_now ();
  _th_counter_page_run_job (self, hand_over_job, h, (GDestroyNotify) hand_over_free,
                            (GDestroyNotify) th_verification_free, hand_over_done, shown,
                            (GDestroyNotify) hand_over_free);
}

static void
scan_later (ThCounterPage *self,
            gpointer       text)
{
  th_counter_page_scan (self, text);
}

/**
 * th_counter_page_scan:
 *
 * A scanned code: verified, or with auto hand-over, collected at once.
 * While a hand-over is being saved it waits its turn.
 */
void
th_counter_page_scan (ThCounterPage *self,
                      const char    *text)
{
  g_autoptr(GError) error = NULL;
  ThVerification *v;

  g_return_if_fail (TH_IS_COUNTER_PAGE (self));
  g_return_if_fail (text != NULL);

  if (self->db == NULL)
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  if (_th_counter_page_defer (self, scan_later, g_strdup (text), g_free))
    return;

  if (self->auto_hand_over)
    {
      HandOver *h = g_new0 (HandOver, 1);

      h->code_text = g_strdup (text);
      h->from_scan = TRUE;
      start_hand_over (self, h);
      return;
    }

  if (!(v = th_verifier_verify_code (self->db, text, th_time_now (), &error)))
    {
      _th_counter_page_fail (self, error);
      return;
    }
  _th_counter_page_show_verification (self, v, text,
                     v->kind == TH_PICKUP_CODE_SIGNED ? TH_COLLECT_METHOD_QR : TH_COLLECT_METHOD_CODE);
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

static void
show_order_later (ThCounterPage *self,
                  gpointer       order_id)
{
  _th_counter_page_show_order_with (self, *(gint64 *) order_id, TH_COLLECT_METHOD_MANUAL);
}

void
th_counter_page_show_order (ThCounterPage *self,
                            gint64         order_id)
{
  g_return_if_fail (TH_IS_COUNTER_PAGE (self));
  if (!_th_counter_page_defer (self, show_order_later, g_memdup2 (&order_id, sizeof order_id), g_free))
    _th_counter_page_show_order_with (self, order_id, TH_COLLECT_METHOD_MANUAL);
}

/**
 * th_counter_page_hand_over:
 * @ticked_only: only the lines ticked on the card; otherwise all remaining
 *
 * Saves the hand-over on the worker; the card shows the result when done.
 */
void
th_counter_page_hand_over (ThCounterPage *self,
                           gboolean       ticked_only)
{
  g_autoptr(GArray) lines = NULL;
  HandOver *h;

  g_return_if_fail (TH_IS_COUNTER_PAGE (self));

  if (self->busy || !_th_counter_page_compute_can_hand_over (self))
    return;
  lines = ticked_only ? th_result_card_get_ticked_lines (self->card) : NULL;
  if (ticked_only && (lines == NULL || lines->len == 0))
    return;

  h = g_new0 (HandOver, 1);
  h->code_text = g_strdup (self->code_text);
  h->order_id = self->verification->order_id;
  h->lines = g_steal_pointer (&lines);
  h->method = self->method;
  start_hand_over (self, h);
}

static void
undo_done (ThCounterPage *self,
           gpointer       result,
           const GError  *error,
           gpointer       data)
{
  th_counter_page_refresh (self);
  _th_counter_page_emit_undo_finished (self, result ? NULL : error);
}

static void
start_undo (ThCounterPage *self,
            gpointer       data)
{
  ThUndoJob *u = data;
  /* Recorded under whoever is signed in when it runs. */
  g_autofree char *staff = _th_counter_page_dup_staff (self);

  _th_counter_page_run_job (self, th_undo_job_run, th_undo_job_new (u->collection_id, u->reason, staff, th_time_now ()),
                            (GDestroyNotify) th_undo_job_free, g_free, undo_done, NULL, NULL);
}

/**
 * th_counter_page_undo:
 *
 * Undoes a hand-over on the worker, after any hand-over being saved;
 * ::undo-finished says how it went.
 */
void
th_counter_page_undo (ThCounterPage *self,
                      const char    *collection_id,
                      const char    *reason)
{
  ThUndoJob *u;

  g_return_if_fail (TH_IS_COUNTER_PAGE (self));
  g_return_if_fail (collection_id != NULL);
  g_return_if_fail (reason != NULL);

  if (self->db == NULL)
    return;
  /* Who and when are filled in when it runs, after any queued hand-over. */
  u = th_undo_job_new (collection_id, reason, NULL, 0);
  if (!_th_counter_page_defer (self, start_undo, u, (GDestroyNotify) th_undo_job_free))
    {
      start_undo (self, u);
      th_undo_job_free (u);
    }
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
