/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "th-db.h"
#include "th-order.h"

G_BEGIN_DECLS

/* Orders with lines still to hand over whose phone ends in @tail, the slot
 * nearest to @now first. */
GPtrArray *th_lookup_phone_tail (ThDb        *db,
                                 const char  *tail,
                                 gint64       now,
                                 GError     **error);
/* Orders whose (masked) customer name contains @fragment: those with lines to
 * hand over first, then by nearest slot; at most @limit. */
GPtrArray *th_lookup_name       (ThDb        *db,
                                 const char  *fragment,
                                 gint64       now,
                                 guint        limit,
                                 GError     **error);

G_END_DECLS
