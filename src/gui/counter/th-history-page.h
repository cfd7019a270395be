/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "th-context.h"

G_BEGIN_DECLS

#define TH_TYPE_HISTORY_PAGE (th_history_page_get_type ())
G_DECLARE_FINAL_TYPE (ThHistoryPage, th_history_page, TH, HISTORY_PAGE, GtkWidget)

void        th_history_page_set_context (ThHistoryPage *self,
                                         ThContext     *context);
void        th_history_page_reload  (ThHistoryPage *self);
void        th_history_page_undo_async  (ThHistoryPage       *self,
                                         const char          *collection_id,
                                         const char          *reason,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean    th_history_page_undo_finish (ThHistoryPage       *self,
                                         GAsyncResult        *result,
                                         GError             **error);
GtkListBox *th_history_page_get_list (ThHistoryPage *self);

G_END_DECLS
