/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "th-case.h"

G_BEGIN_DECLS

ThCase  *_th_case_new        (void);
/* The clear function of an array of ThCaseLine. */
void     _th_case_line_clear (gpointer     data);
/* Trimmed, valid UTF-8 of 0 (or 1 when @required) to @max_chars characters. */
char    *_th_case_clean_text (const char  *text,
                              gboolean     required,
                              glong        max_chars,
                              const char  *message,
                              GError     **error);

gboolean _th_case_step_done  (ThDb         *db,
                              sqlite3_stmt *stmt,
                              const char   *what,
                              GError      **error);
/* Audits one step; @data_text is the event's data as JSON. */
gboolean _th_case_audit      (ThDb         *db,
                              gint64        now,
                              const char   *staff,
                              const char   *action,
                              const char   *case_id,
                              const char   *event_id,
                              const char   *data_text,
                              GError      **error);

G_END_DECLS
