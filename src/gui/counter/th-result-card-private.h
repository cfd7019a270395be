/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "th-result-card.h"

G_BEGIN_DECLS

/* th-result-card-words.c */
const char *_th_result_card_tone  (const ThVerification  *v);
void        _th_result_card_words (const ThVerification  *v,
                                   const char           **title,
                                   char                 **sentence,
                                   char                 **detail);

G_END_DECLS
