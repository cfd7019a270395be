/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "th-db.h"

G_BEGIN_DECLS

/* Backups live in a "backups" folder beside the station database (mode
 * 0700, files 0600): the last TH_BACKUP_DAILY_KEEP daily ones, every one
 * taken before a migration, and those taken with `tihuo-cli backup`. */
#define TH_BACKUP_DAILY_KEEP 7

typedef struct {
  char   *path;
  gint64  taken_at;   /* the file's modification time */
  gint64  n_outbox;   /* events it holds not yet sent; -1 if unknown */
} ThBackupInfo;

void          th_backup_info_free        (ThBackupInfo  *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThBackupInfo, th_backup_info_free)

char         *th_backup_dir_for          (const char    *db_path);
gboolean      th_backup_has_daily        (const char    *db_path,
                                          gint64         now);
/* Today's daily backup (replacing one taken earlier today), then the
 * oldest beyond TH_BACKUP_DAILY_KEEP are deleted. Returns its path. */
char         *th_backup_daily            (ThDb          *db,
                                          gint64         now,
                                          GError       **error);
/* `tihuo-cli backup` without --to. Returns its path. */
char         *th_backup_manual           (ThDb          *db,
                                          gint64         now,
                                          GError       **error);
/* The newest backup of @db_path that passes PRAGMA quick_check, or NULL. */
ThBackupInfo *th_backup_find_newest_good (const char    *db_path);

typedef struct {
  char   *aside_path;        /* where the database that was in use now is */
  gint64  restored_outbox;   /* events waiting in the restored file */
  gint64  current_outbox;    /* in the one set aside; -1 if unknown */
  guint64 audit_entries;
} ThRestoreReport;

void          th_restore_report_clear    (ThRestoreReport *report);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ThRestoreReport, th_restore_report_clear)

/* Checks @file (integrity_check and the audit chain), sets the current
 * database aside without deleting it, and puts a copy of @file in its
 * place. Tihuo must not be running on @db_path. */
gboolean      th_backup_restore          (const char      *db_path,
                                          const char      *file,
                                          gint64           now,
                                          ThRestoreReport *report,
                                          GError         **error);

G_END_DECLS
