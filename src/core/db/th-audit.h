/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "th-db.h"

G_BEGIN_DECLS

/* Appends one entry to the hash-chained audit log. Call it inside the
 * transaction that makes the change it records. */
gboolean th_audit_append (ThDb        *db,
                          gint64       at,
                          const char  *actor,
                          const char  *action,
                          const char  *subject,
                          const char  *detail_json,
                          GError     **error);

/* Walks the whole chain. Returns FALSE with an error naming the first entry
 * that was edited, deleted or inserted out of turn. */
gboolean th_audit_verify (ThDb        *db,
                          guint64     *n_entries,
                          GError     **error);

G_END_DECLS
