/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "th-db.h"
#include "th-staff.h"

G_BEGIN_DECLS

#define TH_TYPE_LEADER_PAGE (th_leader_page_get_type ())
G_DECLARE_FINAL_TYPE (ThLeaderPage, th_leader_page, TH, LEADER_PAGE, GtkWidget)

void     th_leader_page_set_db   (ThLeaderPage *self,
                                  ThDb         *db);
/* Creates the account as typed; ::done follows once the PIN is hashed. */
void     th_leader_page_create   (ThLeaderPage *self,
                                  const char   *name,
                                  const char   *pin,
                                  const char   *pin_again);
gboolean th_leader_page_get_busy (ThLeaderPage *self);

G_END_DECLS
