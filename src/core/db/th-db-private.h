/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "th-db.h"

G_BEGIN_DECLS

gboolean _th_db_migrate (ThDb     *self,
                         sqlite3  *handle,
                         const char *path,
                         GError  **error);

/* th-db-errors.c: one SQLite failure, told apart by its result code and
 * errno, as a ThError with a message that says what to do next. */
gboolean _th_db_set_sqlite_error   (sqlite3     *handle,
                                    int          rc,
                                    const char  *path,
                                    const char  *what,
                                    GError     **error);
void     _th_db_set_damaged_error  (const char  *path,
                                    const char  *why,
                                    GError     **error);
/* Events waiting in the outbox of the file at @path, read without locks or
 * writes; -1 when that cannot be known. */
gint64   _th_db_count_outbox_file  (const char  *path);

/* th-db-files.c: the files beside the station database. */
char    *_th_db_station_marker_path (const char *path);
char    *_th_db_running_marker_path (const char *path);
gboolean _th_db_write_private_file  (const char *path,
                                     const char *contents,
                                     GError    **error);
void     _th_db_make_private        (const char *path);
gboolean _th_db_station_expected    (const char *path);
void     _th_db_mark_station        (ThDb       *self);
void     _th_db_own_running_marker  (ThDb       *self,
                                     const char *marker);
/* FALSE with @error when @path is missing or empty and must not be created
 * (a station was set up there, or @flags lack TH_DB_OPEN_CREATE). */
gboolean _th_db_check_missing       (const char    *path,
                                     ThDbOpenFlags  flags,
                                     gboolean      *exists,
                                     GError       **error);
gboolean _th_db_create_private      (const char    *path,
                                     GError       **error);

/* th-backup.c */
gboolean _th_db_backup_handle        (sqlite3    *source,
                                      const char *dest_path,
                                      GError    **error);
gboolean _th_backup_before_migration (ThDb       *self,
                                      int         from_version,
                                      GError    **error);

G_END_DECLS
