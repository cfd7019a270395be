/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Orders page's query: the orders of the next few days, grouped by pickup
 * slot, with counts. A day at a busy station is a few hundred orders, so this
 * loads them all and filters in memory rather than building SQL per filter. */
#include "config.h"

#include <string.h>

#include "th-order-list.h"
#include "th-order-store.h"
#include "th-pickup-code.h"

ThOrderState
th_order_get_state (ThOrder *order)
{
  g_return_val_if_fail (order != NULL, TH_ORDER_STATE_TO_HAND_OVER);

  if (order->provisional)
    return order->status == TH_ORDER_COLLECTED ? TH_ORDER_STATE_COLLECTED : TH_ORDER_STATE_TO_HAND_OVER;
  if (order->status == TH_ORDER_CANCELLED)
    return TH_ORDER_STATE_CANCELLED;
  if (th_order_is_fully_refunded (order))
    return TH_ORDER_STATE_REFUNDED;
  if (order->status != TH_ORDER_COLLECTED && th_order_total_remaining (order) > 0)
    return TH_ORDER_STATE_TO_HAND_OVER;
  return TH_ORDER_STATE_COLLECTED;
}

static gboolean
contains_folded (const char *haystack,
                 const char *folded_needle)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL || *haystack == '\0')
    return FALSE;
  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, folded_needle) != NULL;
}

/* Digits typed with the spaces or hyphens people put in codes and phones. */
static char *
digits_only (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (s, *p);
      else if (*p != ' ' && *p != '-')
        return g_string_free (s, TRUE), NULL;
    }
  return g_string_free (s, FALSE);
}

/**
 * th_order_matches:
 * @search: what a person typed: digits of a pickup code, phone tail or order
 *   number; or part of a name, product or note
 */
gboolean
th_order_matches (ThOrder    *order,
                  const char *search)
{
  g_autofree char *normal = NULL;
  g_autofree char *digits = NULL;
  g_autofree char *needle = NULL;

  g_return_val_if_fail (order != NULL, FALSE);

  if (search == NULL || (normal = th_pickup_code_normalize (search)) == NULL || normal[0] == '\0')
    return TRUE;

  if ((digits = digits_only (normal)) != NULL && digits[0] != '\0')
    {
      g_autofree char *id = th_order_dup_id_string (order);

      return (order->pickup_code && strstr (order->pickup_code, digits)) ||
             (order->phone_tail && strstr (order->phone_tail, digits)) ||
             strstr (id, digits) != NULL;
    }

  /* Normalising upper-cased ASCII; fold both sides the same way. */
  needle = g_utf8_casefold (normal, -1);
  if (contains_folded (order->customer_name, needle) || contains_folded (order->note, needle))
    return TRUE;
  for (guint i = 0; i < order->lines->len; i++)
    {
      ThOrderLine *l = &g_array_index (order->lines, ThOrderLine, i);
      if (contains_folded (l->name, needle) || contains_folded (l->sku, needle))
        return TRUE;
    }
  return FALSE;
}

/**
 * th_order_list_dates:
 *
 * Returns: (transfer full): @n_days local dates from the day of @now on
 */
char **
th_order_list_dates (gint64 now,
                     guint  n_days)
{
  g_autoptr(GDateTime) today = g_date_time_new_from_unix_local (now);
  GStrvBuilder *builder = g_strv_builder_new ();
  char **dates;

  for (guint i = 0; today != NULL && i < n_days; i++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (today, (int) i);
      g_autofree char *text = g_date_time_format (day, "%Y-%m-%d");

      g_strv_builder_add (builder, text);
    }
  dates = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return dates;
}

gboolean
th_order_filter_accepts (ThOrderFilter filter,
                         ThOrderState  state)
{
  switch (filter)
    {
    case TH_ORDER_FILTER_TO_HAND_OVER:
      return state == TH_ORDER_STATE_TO_HAND_OVER;
    case TH_ORDER_FILTER_COLLECTED:
      return state == TH_ORDER_STATE_COLLECTED;
    case TH_ORDER_FILTER_CANCELLED_REFUNDED:
      return state == TH_ORDER_STATE_CANCELLED || state == TH_ORDER_STATE_REFUNDED;
    case TH_ORDER_FILTER_ALL:
    default:
      return TRUE;
    }
}

static void
slot_summary_clear (gpointer data)
{
  ThSlotSummary *s = data;

  g_free (s->date);
  g_free (s->start);
  g_free (s->end);
}

static ThSlotSummary *
slot_for (GArray  *slots,
          ThOrder *order)
{
  ThSlotSummary *last = slots->len ? &g_array_index (slots, ThSlotSummary, slots->len - 1) : NULL;
  ThSlotSummary s = { 0 };

  /* Orders arrive sorted by slot, so a new slot is always appended. */
  if (last && g_strcmp0 (last->date, order->slot_date) == 0 &&
      g_strcmp0 (last->start, order->slot_start) == 0 && g_strcmp0 (last->end, order->slot_end) == 0)
    return last;
  s.date = g_strdup (order->slot_date);
  s.start = g_strdup (order->slot_start);
  s.end = g_strdup (order->slot_end);
  g_array_append_val (slots, s);
  return &g_array_index (slots, ThSlotSummary, slots->len - 1);
}

/**
 * th_order_list_query:
 * @n_days: how many days from the day of @now, e.g. 2 for today and tomorrow
 *
 * Returns: (transfer full): the orders that pass @filter and @search, and
 *   every slot of those days with its counts; %NULL with @error set when the
 *   database failed
 */
ThOrderList *
th_order_list_query (ThDb           *db,
                     gint64          now,
                     guint           n_days,
                     ThOrderFilter   filter,
                     const char     *search,
                     GError        **error)
{
  g_autoptr(ThOrderList) list = g_new0 (ThOrderList, 1);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_auto(GStrv) dates = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TH_IS_DB (db), NULL);
  g_return_val_if_fail (n_days > 0, NULL);

  list->orders = g_ptr_array_new_with_free_func ((GDestroyNotify) th_order_unref);
  list->slots = g_array_new (FALSE, TRUE, sizeof (ThSlotSummary));
  g_array_set_clear_func (list->slots, slot_summary_clear);

  dates = th_order_list_dates (now, n_days);
  if (dates[0] == NULL)
    return g_steal_pointer (&list);

  if (!(stmt = th_db_prepare (db,
                              "SELECT id FROM orders WHERE slot_date BETWEEN ?1 AND ?2 AND provisional = 0 "
                              "ORDER BY slot_date, slot_start, slot_end, pickup_code, id", error)))
    return NULL;
  sqlite3_bind_text (stmt, 1, dates[0], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, dates[n_days - 1], -1, SQLITE_STATIC);
  /* Gather ids first: loading an order uses other cached statements. */
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      th_db_set_error (db, error, "listing orders");
      return NULL;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(ThOrder) order = th_order_store_load (db, g_array_index (ids, gint64, i), error);
      ThSlotSummary *slot;
      ThOrderState state;

      if (order == NULL)
        return NULL;
      slot = slot_for (list->slots, order);
      state = th_order_get_state (order);
      slot->n_total++;
      if (state == TH_ORDER_STATE_TO_HAND_OVER)
        slot->n_to_hand_over++;
      else if (state == TH_ORDER_STATE_COLLECTED)
        slot->n_collected++;
      else
        slot->n_cancelled_refunded++;

      if (th_order_filter_accepts (filter, state) && th_order_matches (order, search))
        {
          slot->n_listed++;
          g_ptr_array_add (list->orders, g_steal_pointer (&order));
        }
    }
  return g_steal_pointer (&list);
}

ThSlotSummary *
th_order_list_find_slot (ThOrderList *list,
                         ThOrder     *order)
{
  g_return_val_if_fail (list != NULL, NULL);
  g_return_val_if_fail (order != NULL, NULL);

  for (guint i = 0; i < list->slots->len; i++)
    {
      ThSlotSummary *s = &g_array_index (list->slots, ThSlotSummary, i);
      if (g_strcmp0 (s->date, order->slot_date) == 0 && g_strcmp0 (s->start, order->slot_start) == 0 &&
          g_strcmp0 (s->end, order->slot_end) == 0)
        return s;
    }
  return NULL;
}

void
th_order_list_free (ThOrderList *list)
{
  if (list == NULL)
    return;
  g_clear_pointer (&list->orders, g_ptr_array_unref);
  g_clear_pointer (&list->slots, g_array_unref);
  g_free (list);
}
