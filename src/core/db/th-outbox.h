/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "th-db.h"

G_BEGIN_DECLS

/* Queues one event in the API's EVENT shape. Call it inside the transaction
 * that makes the change the event reports; @data is taken over. Returns the
 * event's new UUID v4 in @out_id. */
gboolean  th_outbox_add   (ThDb        *db,
                           const char  *type,
                           gint64       order_id,
                           gint64       at,
                           const char  *staff,
                           JsonNode    *data,
                           char       **out_id,
                           GError     **error);

/* The pending events, oldest first, as a JSON array of EVENT objects. */
JsonNode *th_outbox_list  (ThDb        *db,
                           guint        limit,
                           GError     **error);
gint64    th_outbox_count (ThDb        *db,
                           GError     **error);

G_END_DECLS
