/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "th-db.h"

G_BEGIN_DECLS

#define TH_TERMINAL_MAX_CHARS 64

gboolean th_identity_setup (ThDb        *db,
                           guint32      station_id,
                           const char  *terminal,
                           GError     **error);
gboolean th_identity_get   (ThDb        *db,
                           guint32     *station_id,
                           char       **terminal,
                           GError     **error);
gboolean th_identity_is_set_up (ThDb    *db);

G_END_DECLS
