/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "th-history.h"

G_BEGIN_DECLS

#define TH_TYPE_HISTORY_ROW (th_history_row_get_type ())
G_DECLARE_FINAL_TYPE (ThHistoryRow, th_history_row, TH, HISTORY_ROW, AdwActionRow)

ThHistoryRow   *th_history_row_new       (ThHistoryEntry *entry,
                                          gint64          now);
ThHistoryEntry *th_history_row_get_entry (ThHistoryRow   *self);

G_END_DECLS
