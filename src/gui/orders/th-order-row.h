/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "th-order.h"

G_BEGIN_DECLS

#define TH_TYPE_ORDER_ROW (th_order_row_get_type ())
G_DECLARE_FINAL_TYPE (ThOrderRow, th_order_row, TH, ORDER_ROW, AdwActionRow)

ThOrderRow *th_order_row_new       (ThOrder    *order,
                                    gboolean    show_slot);
ThOrder    *th_order_row_get_order (ThOrderRow *self);

G_END_DECLS
