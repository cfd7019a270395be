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
#define TH_DB_SCHEMA_VERSION 6

typedef enum {
  TH_DB_OPEN_CREATE = 1 << 0,  /* a new station may be set up at this path */
  TH_DB_OPEN_CHECK  = 1 << 1,  /* read every page first (slow on a big station) */
} ThDbOpenFlags;

ThDb          *th_db_open               (const char    *path,
                                         GError       **error);
ThDb          *th_db_open_full          (const char    *path,
                                         ThDbOpenFlags  flags,
                                         GError       **error);
gboolean       th_db_check              (ThDb          *self,
                                         GError       **error);
/* Deletes a station database and the files beside it, on purpose (the demo
 * starts over every day). Backups are kept. */
void           th_db_remove             (const char    *path);
const char    *th_db_get_path           (ThDb          *self);
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

/* A consistent copy made with the SQLite backup API, mode 0600; a crash
 * midway leaves any earlier file at @dest_path as it was. */
gboolean       th_db_backup_to          (ThDb          *self,
                                         const char    *dest_path,
                                         GError       **error);

G_END_DECLS
