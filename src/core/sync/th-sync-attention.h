/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "th-db.h"
#include "th-order.h"

G_BEGIN_DECLS

typedef enum {
  TH_ATTENTION_CONFLICT,   /* recorded, but it clashes with the platform's state */
  TH_ATTENTION_REJECTED,   /* not applied */
} ThAttentionKind;

#define TH_TYPE_ATTENTION_KIND (th_attention_kind_get_type ())
GType th_attention_kind_get_type (void) G_GNUC_CONST;

/* One entry of the Needs attention list: an event the platform answered with
 * `conflict` or `rejected`, until a staff member acknowledges it. Immutable. */
#define TH_TYPE_SYNC_ATTENTION (th_sync_attention_get_type ())
G_DECLARE_FINAL_TYPE (ThSyncAttention, th_sync_attention, TH, SYNC_ATTENTION, GObject)

gint64           th_sync_attention_get_id             (ThSyncAttention  *self);
ThAttentionKind  th_sync_attention_get_kind           (ThSyncAttention  *self);
const char      *th_sync_attention_get_event_id       (ThSyncAttention  *self);
const char      *th_sync_attention_get_event_type     (ThSyncAttention  *self);
/* -1 when the event named no order. */
gint64           th_sync_attention_get_order_id       (ThSyncAttention  *self);
const char      *th_sync_attention_get_reason         (ThSyncAttention  *self);
/* The event as it was sent, as JSON text. */
const char      *th_sync_attention_get_event_json     (ThSyncAttention  *self);
/* The platform's copy of the order; conflicts only, else NULL. */
ThOrder         *th_sync_attention_get_platform_order (ThSyncAttention  *self);
gint64           th_sync_attention_get_answered_at    (ThSyncAttention  *self);
/* A translated sentence for the list, e.g. "Order … was cancelled by the
 * platform before this collection reached it." */
char            *th_sync_attention_describe           (ThSyncAttention  *self);

/* An event type of the API in the counter's words, e.g. "hand-over". */
const char      *th_sync_event_type_describe          (const char       *type);

/* Unacknowledged conflicts and rejections, oldest first. */
GPtrArray       *th_sync_attention_list               (ThDb             *db,
                                                       GError          **error);
gboolean         th_sync_attention_count              (ThDb             *db,
                                                       guint            *n_conflicts,
                                                       guint            *n_rejected,
                                                       GError          **error);
/* Marks one entry as seen by @staff; recorded in the audit log in the same
 * transaction. Acknowledging twice is refused. */
gboolean         th_sync_attention_acknowledge        (ThDb             *db,
                                                       gint64            id,
                                                       const char       *staff,
                                                       gint64            now,
                                                       GError          **error);

G_END_DECLS
