/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "th-db.h"

G_BEGIN_DECLS

gboolean _th_db_migrate (ThDb     *self,
                         sqlite3  *handle,
                         const char *path,
                         GError  **error);

gboolean _th_db_backup_file (sqlite3    *handle,
                             const char *dest_path,
                             GError    **error);

char    *_th_db_backup_path_for (const char *path);

G_END_DECLS
