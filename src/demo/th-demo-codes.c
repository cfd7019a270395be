/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Codes to try at the demo counter, one for every interesting verdict. They
 * are picked from the demo station's current state each time, so after the
 * valid one is handed over, the next list offers another. */
#include "config.h"

#include <string.h>

#include "th-demo.h"
#include "th-order-list.h"
#include "th-order-store.h"
#include "th-pickup-code.h"
#include "th-time.h"

#define DAY (24 * 3600)

void
th_demo_code_free (ThDemoCode *code)
{
  if (code == NULL)
    return;
  g_free (code->text);
  g_free (code);
}

static void
add (GPtrArray      *codes,
     ThDemoCodeCase  which,
     gboolean        is_signed,
     char           *text,
     gint64          order_id,
     ThVerdict       expected)
{
  ThDemoCode *code = g_new0 (ThDemoCode, 1);

  code->which = which;
  code->is_signed = is_signed;
  code->text = text;
  code->order_id = order_id;
  code->expected = expected;
  g_ptr_array_add (codes, code);
}

static char *
sign (const guint8 *sk,
      guint32       station,
      gint64        order_id,
      gint64        not_before,
      gint64        not_after)
{
  return th_pickup_code_sign (TH_DEMO_KEY_ID, station, (guint64) order_id,
                              (guint32) not_before, (guint32) not_after, sk);
}

/* An order still wholly to hand over, in the first slot that has not ended. */
static ThOrder *
pick_open (ThOrderList *list,
           const char  *now_local,
           GHashTable  *taken)
{
  ThOrder *fallback = NULL;

  for (guint i = 0; i < list->orders->len; i++)
    {
      ThOrder *o = g_ptr_array_index (list->orders, i);
      g_autofree char *slot_end = g_strdup_printf ("%s %s", o->slot_date, o->slot_end);
      gboolean untouched = TRUE;

      if (o->pickup_code == NULL || g_hash_table_contains (taken, &o->id))
        continue;
      for (guint j = 0; j < o->lines->len; j++)
        {
          ThOrderLine *l = &g_array_index (o->lines, ThOrderLine, j);
          untouched = untouched && l->collected_qty == 0 && l->refunded_qty == 0;
        }
      if (!untouched)
        continue;
      if (fallback == NULL)
        fallback = o;
      if (strcmp (slot_end, now_local) >= 0)
        return o;
    }
  return fallback;
}

static ThOrder *
pick_state (ThOrderList  *list,
            ThOrderState  state,
            GHashTable   *taken)
{
  for (guint i = 0; i < list->orders->len; i++)
    {
      ThOrder *o = g_ptr_array_index (list->orders, i);
      if (o->pickup_code && th_order_get_state (o) == state && !g_hash_table_contains (taken, &o->id))
        return o;
    }
  return NULL;
}

static ThOrder *
take (GHashTable *taken,
      ThOrder    *order)
{
  if (order)
    g_hash_table_add (taken, &order->id);
  return order;
}

/**
 * th_demo_codes_make:
 * @secret_key: the demo signing key (see th_demo_load_key())
 *
 * Returns: (transfer full) (element-type ThDemoCode): the codes; cases the
 *   station has no order for are left out
 */
GPtrArray *
th_demo_codes_make (ThDb          *db,
                    const guint8   secret_key[64],
                    gint64         now,
                    GError       **error)
{
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func ((GDestroyNotify) th_demo_code_free);
  g_autoptr(GHashTable) taken = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(ThOrderList) list = NULL;
  g_autofree char *now_local = th_time_format_local (now, "%Y-%m-%d %H:%M");
  gint64 unknown_id = (now / DAY) * 1000 + 999;
  ThOrder *o;

  g_return_val_if_fail (TH_IS_DB (db), NULL);

  if (!(list = th_order_list_query (db, now, 2, TH_ORDER_FILTER_ALL, NULL, error)))
    return NULL;
  /* Handing the not-synced code over records its order: offer a new one. */
  for (;;)
    {
      g_autoptr(ThOrder) known = th_order_store_load (db, unknown_id, NULL);
      if (known == NULL)
        break;
      unknown_id += 1000;
    }

  if ((o = take (taken, pick_open (list, now_local, taken))))
    add (codes, TH_DEMO_CODE_VALID, TRUE, sign (secret_key, TH_DEMO_STATION_ID, o->id, now - 3 * DAY, now + 3 * DAY),
         o->id, TH_VERDICT_OK);
  if ((o = take (taken, pick_open (list, now_local, taken))))
    add (codes, TH_DEMO_CODE_VALID, FALSE, g_strdup (o->pickup_code), o->id, TH_VERDICT_OK);

  if ((o = take (taken, pick_state (list, TH_ORDER_STATE_COLLECTED, taken))))
    add (codes, TH_DEMO_CODE_ALREADY_COLLECTED, TRUE,
         sign (secret_key, TH_DEMO_STATION_ID, o->id, now - 3 * DAY, now + 3 * DAY), o->id,
         TH_VERDICT_ALREADY_COLLECTED);
  if ((o = take (taken, pick_state (list, TH_ORDER_STATE_COLLECTED, taken))))
    add (codes, TH_DEMO_CODE_ALREADY_COLLECTED, FALSE, g_strdup (o->pickup_code), o->id,
         TH_VERDICT_ALREADY_COLLECTED);

  add (codes, TH_DEMO_CODE_OTHER_STATION, TRUE,
       sign (secret_key, TH_DEMO_OTHER_STATION_ID, unknown_id - 1, now - 3 * DAY, now + 3 * DAY),
       unknown_id - 1, TH_VERDICT_WRONG_STATION);

  if ((o = take (taken, pick_open (list, now_local, taken))))
    add (codes, TH_DEMO_CODE_EXPIRED, TRUE, sign (secret_key, TH_DEMO_STATION_ID, o->id, now - 9 * DAY, now - 2 * DAY),
         o->id, TH_VERDICT_EXPIRED);

  if ((o = take (taken, pick_state (list, TH_ORDER_STATE_CANCELLED, taken))))
    add (codes, TH_DEMO_CODE_CANCELLED, TRUE, sign (secret_key, TH_DEMO_STATION_ID, o->id, now - 3 * DAY, now + 3 * DAY),
         o->id, TH_VERDICT_CANCELLED);
  if ((o = take (taken, pick_state (list, TH_ORDER_STATE_CANCELLED, taken))))
    add (codes, TH_DEMO_CODE_CANCELLED, FALSE, g_strdup (o->pickup_code), o->id, TH_VERDICT_CANCELLED);
  if ((o = take (taken, pick_state (list, TH_ORDER_STATE_REFUNDED, taken))))
    add (codes, TH_DEMO_CODE_REFUNDED, FALSE, g_strdup (o->pickup_code), o->id, TH_VERDICT_REFUNDED);

  if ((o = take (taken, pick_open (list, now_local, taken))))
    add (codes, TH_DEMO_CODE_NOT_YET_VALID, TRUE,
         sign (secret_key, TH_DEMO_STATION_ID, o->id, now + 2 * DAY, now + 5 * DAY), o->id,
         TH_VERDICT_NOT_YET_VALID);

  /* An order placed after the last sync: the signature alone vouches. */
  add (codes, TH_DEMO_CODE_NOT_SYNCED, TRUE,
       sign (secret_key, TH_DEMO_STATION_ID, unknown_id, now - DAY, now + 3 * DAY), unknown_id, TH_VERDICT_OK);
  ((ThDemoCode *) g_ptr_array_index (codes, codes->len - 1))->expected_provisional = TRUE;

  if ((o = pick_open (list, now_local, taken)))
    {
      char *text = sign (secret_key, TH_DEMO_STATION_ID, o->id, now - 3 * DAY, now + 3 * DAY);

      /* One changed character in the signature: still well-formed. */
      text[100] = text[100] == 'A' ? 'B' : 'A';
      add (codes, TH_DEMO_CODE_FORGED, TRUE, text, o->id, TH_VERDICT_BAD_SIGNATURE);
    }

  /* Demo pickup codes are eight digits from 10000000 on: this one is never issued. */
  add (codes, TH_DEMO_CODE_UNKNOWN, FALSE, g_strdup ("00000000"), -1, TH_VERDICT_UNKNOWN_CODE);
  return g_steal_pointer (&codes);
}
