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

G_END_DECLS
