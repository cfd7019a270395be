/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "th-verifier.h"

G_BEGIN_DECLS

#define TH_TYPE_RESULT_CARD (th_result_card_get_type ())
G_DECLARE_FINAL_TYPE (ThResultCard, th_result_card, TH, RESULT_CARD, GtkWidget)

void        th_result_card_set_verification  (ThResultCard         *self,
                                              const ThVerification *v);
const char *th_result_card_get_tone          (ThResultCard         *self);
guint       th_result_card_get_n_ticked      (ThResultCard         *self);
GArray     *th_result_card_get_ticked_lines  (ThResultCard         *self);
gboolean    th_result_card_set_line_ticked   (ThResultCard         *self,
                                              guint                 line,
                                              gboolean              ticked);

G_END_DECLS
