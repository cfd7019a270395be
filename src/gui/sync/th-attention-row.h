/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "th-sync-attention.h"

G_BEGIN_DECLS

#define TH_TYPE_ATTENTION_ROW (th_attention_row_get_type ())
G_DECLARE_FINAL_TYPE (ThAttentionRow, th_attention_row, TH, ATTENTION_ROW, GtkListBoxRow)

ThAttentionRow  *th_attention_row_new                    (ThSyncAttention *item);
ThSyncAttention *th_attention_row_get_item               (ThAttentionRow  *self);
GtkButton       *th_attention_row_get_acknowledge_button (ThAttentionRow  *self);
const char      *th_attention_row_get_platform_text      (ThAttentionRow  *self);

G_END_DECLS
