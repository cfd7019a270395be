/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "th-db.h"
#include "th-order.h"

G_BEGIN_DECLS

/* Where an order stands at the counter. The same rules as the verifier's
 * step 8, so the Orders page never disagrees with a scan. */
typedef enum {
  TH_ORDER_STATE_TO_HAND_OVER,
  TH_ORDER_STATE_COLLECTED,
  TH_ORDER_STATE_CANCELLED,
  TH_ORDER_STATE_REFUNDED,
} ThOrderState;

typedef enum {
  TH_ORDER_FILTER_ALL,
  TH_ORDER_FILTER_TO_HAND_OVER,
  TH_ORDER_FILTER_COLLECTED,
  TH_ORDER_FILTER_CANCELLED_REFUNDED,
} ThOrderFilter;

/* One pickup slot and its counts over all of its orders (the filter and
 * search only decide which orders are listed). */
typedef struct {
  char  *date;               /* YYYY-MM-DD */
  char  *start;              /* HH:MM */
  char  *end;
  guint  n_total;
  guint  n_to_hand_over;
  guint  n_collected;
  guint  n_cancelled_refunded;
  guint  n_listed;           /* orders of this slot in `orders` */
} ThSlotSummary;

typedef struct {
  GPtrArray *orders;         /* of ThOrder: by slot, then pickup code */
  GArray    *slots;          /* of ThSlotSummary, in slot order */
} ThOrderList;

ThOrderState  th_order_get_state     (ThOrder        *order);
gboolean      th_order_matches       (ThOrder        *order,
                                      const char     *search);
gboolean      th_order_filter_accepts (ThOrderFilter  filter,
                                       ThOrderState   state);

ThOrderList  *th_order_list_query    (ThDb           *db,
                                      gint64          now,
                                      guint           n_days,
                                      ThOrderFilter   filter,
                                      const char     *search,
                                      GError        **error);
void          th_order_list_free     (ThOrderList    *list);
ThSlotSummary *th_order_list_find_slot (ThOrderList  *list,
                                        ThOrder      *order);

char        **th_order_list_dates    (gint64          now,
                                      guint           n_days);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThOrderList, th_order_list_free)

G_END_DECLS
