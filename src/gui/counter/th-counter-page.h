/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "th-context.h"
#include "th-verifier.h"

G_BEGIN_DECLS

#define TH_TYPE_COUNTER_PAGE (th_counter_page_get_type ())
G_DECLARE_FINAL_TYPE (ThCounterPage, th_counter_page, TH, COUNTER_PAGE, GtkWidget)

void                  th_counter_page_set_context        (ThCounterPage *self,
                                                          ThContext     *context);
void                  th_counter_page_set_auto_hand_over (ThCounterPage *self,
                                                          gboolean       auto_hand_over);
void                  th_counter_page_scan               (ThCounterPage *self,
                                                          const char    *text);
void                  th_counter_page_submit             (ThCounterPage *self,
                                                          const char    *text);
void                  th_counter_page_show_order         (ThCounterPage *self,
                                                          gint64         order_id);
void                  th_counter_page_hand_over          (ThCounterPage *self,
                                                          gboolean       ticked_only);
void                  th_counter_page_refresh            (ThCounterPage *self);
void                  th_counter_page_clear              (ThCounterPage *self);
void                  th_counter_page_focus_entry        (ThCounterPage *self);

GtkEditable          *th_counter_page_get_entry          (ThCounterPage *self);
GtkListBox           *th_counter_page_get_matches        (ThCounterPage *self);
GtkWidget            *th_counter_page_get_card           (ThCounterPage *self);
GtkWidget            *th_counter_page_get_camera_view    (ThCounterPage *self);
const char           *th_counter_page_get_mode           (ThCounterPage *self);
const ThVerification *th_counter_page_get_verification   (ThCounterPage *self);
gboolean              th_counter_page_get_can_hand_over  (ThCounterPage *self);
guint                 th_counter_page_get_n_ticked       (ThCounterPage *self);
/* th-counter-page-queue.c, th-counter-page-hand-over.c */
gboolean              th_counter_page_get_busy           (ThCounterPage *self);
const char           *th_counter_page_get_saving_text    (ThCounterPage *self);
void                  th_counter_page_undo               (ThCounterPage *self,
                                                          const char    *collection_id,
                                                          const char    *reason);

G_END_DECLS
