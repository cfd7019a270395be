/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the result card says for each verdict: the colour and the words.
 * The verdicts themselves, and the next-step sentences, come from the core. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-format.h"
#include "th-result-card-private.h"
#include "th-time.h"

/* Green go, amber look again, red stop. */
const char *
_th_result_card_tone (const ThVerification *v)
{
  if (v->collected != NULL)
    return "ok";
  switch (v->verdict)
    {
    case TH_VERDICT_OK:
      return v->provisional ? "warning" : "ok";
    case TH_VERDICT_ALREADY_COLLECTED:
    case TH_VERDICT_NOT_YET_VALID:
      return "warning";
    default:
      return "error";
    }
}

static char *
detail_for (const ThVerification *v)
{
  gint64 now = th_time_now ();
  g_autofree char *when = NULL;

  switch (v->verdict)
    {
    case TH_VERDICT_OK:
      if (v->provisional)
        {
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, v->order_id);
          /* The id is formatted first: xgettext cannot see through G_GINT64_FORMAT. */
          return g_strdup_printf (_("Order %s is not in this station’s copy yet. Hand over the bag "
                                    "labelled with this order number; its lines arrive with the next sync."), id);
        }
      return NULL;
    case TH_VERDICT_ALREADY_COLLECTED:
      if (v->collected_at == 0)
        return g_strdup (_("The platform’s copy says it was collected."));
      when = th_format_time_in_sentence (v->collected_at, now);
      if (v->collected_terminal == NULL)
        return g_strdup_printf (_("Collected %s, as the platform’s copy says."), when);
      /* Translators: when, by whom, and at which terminal an order was collected */
      return g_strdup_printf (_("Collected %s by %s at terminal %s."), when,
                              v->collected_by && v->collected_by[0] ? v->collected_by : _("unknown staff"),
                              v->collected_terminal);
    case TH_VERDICT_WRONG_STATION:
      return g_strdup_printf (_("The code is for pickup point %u."), v->code_station_id);
    case TH_VERDICT_NOT_YET_VALID:
      when = th_format_time_in_sentence (v->not_before, now);
      return g_strdup_printf (_("Valid from %s."), when);
    case TH_VERDICT_EXPIRED:
      when = th_format_time_in_sentence (v->not_after, now);
      return g_strdup_printf (_("It was valid until %s."), when);
    default:
      return NULL;
    }
}

static guint
total_remaining (const ThVerification *v)
{
  guint n = 0;

  for (guint i = 0; i < v->remaining->len; i++)
    n += g_array_index (v->remaining, ThLineQty, i).qty;
  return n;
}

/**
 * _th_result_card_words:
 *
 * The banner's title, the sentence saying what to do next, and a detail
 * line (may be %NULL).
 */
void
_th_result_card_words (const ThVerification  *v,
                       const char           **title,
                       char                 **sentence,
                       char                 **detail)
{
  guint left = total_remaining (v);

  *detail = detail_for (v);
  if (v->collected != NULL)
    {
      *title = _("Handed Over");
      if (left > 0)
        *sentence = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Done. %u item of this order is still to hand over.",
                                                  "Done. %u items of this order are still to hand over.", left),
                                     left);
      else
        *sentence = g_strdup (_("Done. Ready for the next customer."));
      return;
    }

  *title = th_format_verdict_title (v->verdict, v->provisional);
  *sentence = g_strdup (th_verdict_describe (v->verdict));
  if (v->verdict == TH_VERDICT_OK && !v->provisional && *detail == NULL)
    *detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item to hand over. Press Enter when it is handed over.",
                                            "%u items to hand over. Press Enter when they are handed over.", left),
                               left);
}
