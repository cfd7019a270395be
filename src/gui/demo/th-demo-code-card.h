/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "th-demo.h"

G_BEGIN_DECLS

#define TH_TYPE_DEMO_CODE_CARD (th_demo_code_card_get_type ())
G_DECLARE_FINAL_TYPE (ThDemoCodeCard, th_demo_code_card, TH, DEMO_CODE_CARD, GtkWidget)

ThDemoCodeCard *th_demo_code_card_new      (const ThDemoCode *code);
const char     *th_demo_code_card_get_text (ThDemoCodeCard   *self);

G_END_DECLS
