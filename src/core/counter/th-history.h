/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "th-db.h"

G_BEGIN_DECLS

typedef struct {
  guint  line;
  guint  qty;
  char  *name;               /* NULL for a provisional order's unknown lines */
} ThHistoryLine;

/* One hand-over made at this station, as the History page shows it. */
typedef struct {
  char    *collection_id;
  gint64   order_id;
  gint64   at;
  char    *terminal;
  char    *staff;
  char    *method;           /* qr, code, phone, manual */
  gboolean provisional;
  char    *pickup_code;      /* NULL when the order has none */
  char    *customer_name;
  gint64   undone_at;        /* 0 while the hand-over stands */
  char    *undone_by;
  char    *undo_reason;
  GArray  *lines;            /* of ThHistoryLine */
} ThHistoryEntry;

#define TH_TYPE_HISTORY_ENTRY (th_history_entry_get_type ())

GType           th_history_entry_get_type (void) G_GNUC_CONST;
ThHistoryEntry *th_history_entry_ref      (ThHistoryEntry *entry);
void            th_history_entry_unref    (ThHistoryEntry *entry);
gboolean        th_history_entry_can_undo (const ThHistoryEntry *entry,
                                           gint64          now);

GPtrArray      *th_history_list           (ThDb           *db,
                                           const char     *terminal,
                                           gint64          since,
                                           guint           limit,
                                           GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThHistoryEntry, th_history_entry_unref)

G_END_DECLS
