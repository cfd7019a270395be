/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "th-order.h"

G_BEGIN_DECLS

void _th_order_line_clear (gpointer data);

G_END_DECLS
