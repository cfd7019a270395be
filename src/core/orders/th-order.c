/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "th-error.h"
#include "th-order-private.h"

G_DEFINE_BOXED_TYPE (ThOrder, th_order, th_order_ref, th_order_unref)

static const char * const status_names[] = { "paid", "collected", "cancelled", "refunded" };

void
_th_order_line_clear (gpointer data)
{
  ThOrderLine *line = data;

  g_clear_pointer (&line->sku, g_free);
  g_clear_pointer (&line->name, g_free);
}

static void
order_free (ThOrder *order)
{
  g_free (order->pickup_code);
  g_free (order->customer_name);
  g_free (order->phone_tail);
  g_free (order->slot_date);
  g_free (order->slot_start);
  g_free (order->slot_end);
  g_clear_pointer (&order->lines, g_array_unref);
  g_free (order->note);
  g_free (order->updated_at);
}

ThOrder *
th_order_new (void)
{
  ThOrder *order = g_atomic_rc_box_new0 (ThOrder);

  order->lines = g_array_new (FALSE, TRUE, sizeof (ThOrderLine));
  g_array_set_clear_func (order->lines, _th_order_line_clear);
  order->note = g_strdup ("");
  order->customer_name = g_strdup ("");
  order->phone_tail = g_strdup ("");
  order->slot_date = g_strdup ("");
  order->slot_start = g_strdup ("");
  order->slot_end = g_strdup ("");
  order->updated_at = g_strdup ("");
  return order;
}

ThOrder *
th_order_ref (ThOrder *order)
{
  return g_atomic_rc_box_acquire (order);
}

void
th_order_unref (ThOrder *order)
{
  g_atomic_rc_box_release_full (order, (GDestroyNotify) order_free);
}

ThOrderLine *
th_order_get_line (ThOrder *order,
                   guint    line)
{
  g_return_val_if_fail (order != NULL, NULL);

  for (guint i = 0; i < order->lines->len; i++)
    {
      ThOrderLine *l = &g_array_index (order->lines, ThOrderLine, i);
      if (l->line == line)
        return l;
    }
  return NULL;
}

guint
th_order_line_remaining (const ThOrderLine *line)
{
  guint done = line->collected_qty + line->refunded_qty;
  return done >= line->qty ? 0 : line->qty - done;
}

guint
th_order_total_remaining (ThOrder *order)
{
  guint total = 0;

  for (guint i = 0; i < order->lines->len; i++)
    total += th_order_line_remaining (&g_array_index (order->lines, ThOrderLine, i));
  return total;
}

/* The rule behind the `refunded` verdict: the platform says so, the whole
 * amount paid went back, or every line was refunded. */
gboolean
th_order_is_fully_refunded (ThOrder *order)
{
  gboolean any_open = FALSE;

  g_return_val_if_fail (order != NULL, FALSE);

  if (order->status == TH_ORDER_REFUNDED || (order->paid > 0 && order->refunded >= order->paid))
    return TRUE;
  for (guint i = 0; i < order->lines->len; i++)
    {
      ThOrderLine *l = &g_array_index (order->lines, ThOrderLine, i);
      if (l->refunded_qty < l->qty)
        any_open = TRUE;
    }
  return order->lines->len > 0 && !any_open;
}

char *
th_order_dup_id_string (ThOrder *order)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, order->id);
}

const char *
th_order_status_to_string (ThOrderStatus status)
{
  g_return_val_if_fail (status <= TH_ORDER_REFUNDED, "paid");
  return status_names[status];
}

gboolean
th_order_status_from_string (const char    *text,
                             ThOrderStatus *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    if (g_strcmp0 (text, status_names[i]) == 0)
      {
        *status = (ThOrderStatus) i;
        return TRUE;
      }
  return FALSE;
}

gboolean
th_order_id_parse (const char *text,
                   gint64     *id)
{
  guint64 v = 0;
  gsize len;

  if (text == NULL)
    return FALSE;
  len = strlen (text);
  if (len == 0 || len > 19)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      v = v * 10 + (guint64) (text[i] - '0');
    }
  /* 19 digits fit in a guint64; the API promises values below 2^63. */
  if (v > (guint64) G_MAXINT64)
    return FALSE;
  *id = (gint64) v;
  return TRUE;
}
