/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "th-db.h"
#include "th-verifier.h"

G_BEGIN_DECLS

typedef enum {
  TH_COLLECT_METHOD_QR,
  TH_COLLECT_METHOD_CODE,
  TH_COLLECT_METHOD_PHONE,
  TH_COLLECT_METHOD_MANUAL,
} ThCollectMethod;

/* Undo is for a slip at the counter, not for after-sales. */
#define TH_COLLECT_UNDO_WINDOW_SECONDS (10 * 60)

ThVerification *th_collect_code   (ThDb             *db,
                                   const char       *text,
                                   const ThLineQty  *lines,
                                   guint             n_lines,
                                   const char       *staff,
                                   gint64            now,
                                   GError          **error);
ThVerification *th_collect_order  (ThDb             *db,
                                   gint64            order_id,
                                   const ThLineQty  *lines,
                                   guint             n_lines,
                                   ThCollectMethod   method,
                                   const char       *staff,
                                   gint64            now,
                                   GError          **error);
gboolean        th_collect_undo   (ThDb             *db,
                                   const char       *collection_id,
                                   const char       *reason,
                                   const char       *staff,
                                   gint64            now,
                                   char            **out_event_id,
                                   GError          **error);

const char     *th_collect_method_to_string (ThCollectMethod method);

/* An undo to run on a worker connection with th_db_task_run(): the job's
 * result is a copy of the collection id (free with g_free). */
typedef struct {
  char   *collection_id;
  char   *reason;
  char   *staff;
  gint64  now;
} ThUndoJob;

ThUndoJob      *th_undo_job_new  (const char       *collection_id,
                                  const char       *reason,
                                  const char       *staff,
                                  gint64            now);
void            th_undo_job_free (ThUndoJob        *job);
gpointer        th_undo_job_run  (ThDb             *db,
                                  gpointer          job,
                                  GError          **error);

G_END_DECLS
