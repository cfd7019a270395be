/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "th-context.h"

G_BEGIN_DECLS

void th_activity_watch_window (GtkWindow *window,
                               ThContext *context);

G_END_DECLS
