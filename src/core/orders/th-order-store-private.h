/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "th-order-store.h"

G_BEGIN_DECLS

/* The columns of `orders`, in the order load_row() reads them. */
#define ORDER_COLUMNS \
  "id, station_id, pickup_code, customer_name, phone_tail, slot_date, slot_start, slot_end, " \
  "status, paid, refunded, note, revision, updated_at, provisional, created_at"

G_END_DECLS
