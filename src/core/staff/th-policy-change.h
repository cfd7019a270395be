/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "th-policy.h"
#include "th-staff.h"

G_BEGIN_DECLS

/* Changes one station setting: only a leader (@by_name with @by_pin) may.
 * @value_text is checked against the setting's kind and range (the error
 * gives the range). The new value and its audit entry, with the old value,
 * are written in one transaction. Slow (argon2id): off the main loop. */
gboolean th_policy_change (ThDb        *db,
                           const char  *name,
                           const char  *value_text,
                           const char  *by_name,
                           const char  *by_pin,
                           gint64       now,
                           GError     **error);

G_END_DECLS
