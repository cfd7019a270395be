/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "th-db.h"

G_BEGIN_DECLS

#define TH_TYPE_SETUP_PAGE (th_setup_page_get_type ())
G_DECLARE_FINAL_TYPE (ThSetupPage, th_setup_page, TH, SETUP_PAGE, GtkWidget)

void     th_setup_page_set_db  (ThSetupPage  *self,
                                ThDb         *db);
gboolean th_setup_page_apply   (ThSetupPage  *self,
                                const char   *station_text,
                                const char   *terminal,
                                GError      **error);
gboolean th_parse_station_id   (const char   *text,
                                guint32      *station_id,
                                GError      **error);

G_END_DECLS
