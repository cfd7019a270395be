/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "th-order.h"

G_BEGIN_DECLS

#define TH_TYPE_LINE_ROW (th_line_row_get_type ())
G_DECLARE_FINAL_TYPE (ThLineRow, th_line_row, TH, LINE_ROW, AdwActionRow)

ThLineRow *th_line_row_new           (const ThOrderLine *line,
                                      gboolean           can_tick,
                                      gboolean           show_remaining);
guint      th_line_row_get_line      (ThLineRow         *self);
guint      th_line_row_get_remaining (ThLineRow         *self);
gboolean   th_line_row_get_ticked    (ThLineRow         *self);
void       th_line_row_set_ticked    (ThLineRow         *self,
                                      gboolean           ticked);

G_END_DECLS
