/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "th-attention-page.h"
#include "th-sync-indicator.h"
#include "th-window.h"

G_BEGIN_DECLS

/* The counter window's side of sync (th-window-sync.c): the header's
 * status, the Needs Attention page and Sync Now. Which client runs is the
 * context's business (th-context-sync.c). */
ThSyncIndicator *th_window_get_sync_indicator (ThWindow     *self);
ThAttentionPage *th_window_get_attention_page (ThWindow     *self);

G_END_DECLS
