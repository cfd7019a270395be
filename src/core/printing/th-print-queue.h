/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "th-db.h"

G_BEGIN_DECLS

/* The print queue: jobs wait in the station database while the printer is
 * off or out of paper, and staff see them to retry or drop. A job holds the
 * bytes it sends, so it prints the same after a restart. */

typedef enum {
  TH_PRINT_FORMAT_ESCPOS,   /* raw ESC/POS to a device path or HOST:PORT */
  TH_PRINT_FORMAT_PDF,      /* a PDF written to a file path */
} ThPrintFormat;

typedef enum {
  TH_PRINT_JOB_QUEUED,      /* waiting, or its last try failed (see last_error) */
  TH_PRINT_JOB_PRINTED,
  TH_PRINT_JOB_FAILED,      /* can never print as it is (its target is not a printer); retry or drop */
  TH_PRINT_JOB_DROPPED,
} ThPrintJobState;

typedef struct {
  gint64           id;
  char            *kind;
  char            *title;
  char            *medium;
  ThPrintFormat    format;
  char            *target;
  ThPrintJobState  state;
  guint            attempts;
  char            *last_error;   /* NULL if none */
  gint64           created_at;
  char            *created_by;
  gint64           printed_at;   /* 0 if not printed */
  gint64           reprint_of;   /* 0 if an original */
  gsize            size;         /* bytes to send */
} ThPrintJob;

void        th_print_job_free        (ThPrintJob    *job);
const char *th_print_job_state_to_string (ThPrintJobState state);

/* Adds a job; returns its id, or 0 with @error. */
gint64      th_print_queue_add       (ThDb          *db,
                                      const char    *kind,
                                      const char    *title,
                                      const char    *medium,
                                      ThPrintFormat  format,
                                      const char    *target,
                                      GBytes        *data,
                                      const char    *created_by,
                                      gint64         now,
                                      GError       **error);
/* Sends a queued or failed job to its target. On success it is printed;
 * otherwise it stays queued (or becomes failed, if its target can never
 * work) with the error recorded, and the error is returned. Blocks for up
 * to TH_ESCPOS_TIMEOUT_SECONDS: call it from a worker thread in a GUI. */
gboolean    th_print_queue_print     (ThDb          *db,
                                      gint64         id,
                                      gint64         now,
                                      GCancellable  *cancellable,
                                      GError       **error);
/* Tries every waiting job, oldest first; returns how many printed. Stops
 * at the first failure on a target, so the others keep their order. */
guint       th_print_queue_print_all (ThDb          *db,
                                      gint64         now,
                                      GCancellable  *cancellable,
                                      GError       **error);
gboolean    th_print_queue_drop      (ThDb          *db,
                                      gint64         id,
                                      const char    *staff,
                                      gint64         now,
                                      GError       **error);
/* A printed job again: a new queued job with the same bytes, and an audit
 * entry naming @staff, in one transaction. Returns the new job's id. */
gint64      th_print_queue_reprint   (ThDb          *db,
                                      gint64         id,
                                      const char    *staff,
                                      gint64         now,
                                      GError       **error);
ThPrintJob *th_print_queue_get       (ThDb          *db,
                                      gint64         id,
                                      GError       **error);
/* Newest first. With @waiting_only, only queued and failed jobs. */
GPtrArray  *th_print_queue_list      (ThDb          *db,
                                      gboolean       waiting_only,
                                      GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThPrintJob, th_print_job_free)

G_END_DECLS
