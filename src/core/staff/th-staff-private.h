/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "th-staff.h"

G_BEGIN_DECLS

/* Argon2id hash of a PIN (crypto_pwhash_str); NULL when out of memory. */
char    *_th_staff_hash_pin (const char  *pin,
                             ThPinCost    cost,
                             GError     **error);

/* NFKC, case-folded, NFKC again: equal keys are the same name to a reader. */
char    *_th_staff_fold_name (const char  *name);

/* Audits @action about account @subject_name; @detail is taken over. */
gboolean _th_staff_audit    (ThDb        *db,
                             gint64       now,
                             const char  *actor,
                             const char  *action,
                             const char  *subject_name,
                             JsonObject  *detail,
                             GError     **error);

G_END_DECLS
