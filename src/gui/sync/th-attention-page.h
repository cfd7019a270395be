/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "th-context.h"

G_BEGIN_DECLS

#define TH_TYPE_ATTENTION_PAGE (th_attention_page_get_type ())
G_DECLARE_FINAL_TYPE (ThAttentionPage, th_attention_page, TH, ATTENTION_PAGE, GtkWidget)

ThAttentionPage *th_attention_page_new        (ThContext       *context);
void             th_attention_page_set_client (ThAttentionPage *self,
                                               ThSyncClient    *client);
GtkListBox      *th_attention_page_get_list   (ThAttentionPage *self);
void             th_attention_page_focus_first (ThAttentionPage *self);

G_END_DECLS
