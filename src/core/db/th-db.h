/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define TH_TYPE_DB (th_db_get_type ())
/* One connection to the station database. Its prepared-statement cache is not
 * shared between threads: a worker thread opens its own ThDb on the same file
 * (WAL lets readers and one writer work side by side). */
G_DECLARE_FINAL_TYPE (ThDb, th_db, TH, DB, GObject)

/* Schema version this build writes; see data/sql/. */
#define TH_DB_SCHEMA_VERSION 7

ThDb          *th_db_open               (const char    *path,
                                         GError       **error);
const char    *th_db_get_path           (ThDb          *self);
const char    *th_db_get_backup_path    (ThDb          *self);
sqlite3       *th_db_get_handle         (ThDb          *self);
int            th_db_get_schema_version (ThDb          *self);

sqlite3_stmt  *th_db_prepare            (ThDb          *self,
                                         const char    *sql,
                                         GError       **error);
gboolean       th_db_exec               (ThDb          *self,
                                         const char    *sql,
                                         GError       **error);

gboolean       th_db_step_done          (ThDb          *self,
                                         sqlite3_stmt  *stmt,
                                         const char    *what,
                                         GError       **error);

gboolean       th_db_begin_immediate    (ThDb          *self,
                                         GError       **error);
gboolean       th_db_commit             (ThDb          *self,
                                         GError       **error);
void           th_db_rollback           (ThDb          *self);

gboolean       th_db_set_error          (ThDb          *self,
                                         GError       **error,
                                         const char    *what);

gboolean       th_db_get_state          (ThDb          *self,
                                         const char    *key,
                                         char         **value,
                                         GError       **error);
gboolean       th_db_set_state          (ThDb          *self,
                                         const char    *key,
                                         const char    *value,
                                         GError       **error);

gboolean       th_db_backup_to          (ThDb          *self,
                                         const char    *dest_path,
                                         GError       **error);

G_END_DECLS
