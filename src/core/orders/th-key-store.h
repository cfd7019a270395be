/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "th-db.h"

G_BEGIN_DECLS

typedef struct {
  guint32 kid;
  guint8  public_key[32];
  gint64  not_before;
  gint64  not_after;
} ThTrustedKey;

/* Replaces the trusted key set with a `/keys` response ({"keys": [...]}),
 * after validating all of it. */
gboolean th_key_store_replace_from_json (ThDb          *db,
                                         JsonNode      *root,
                                         guint         *n_keys,
                                         GError       **error);
gboolean th_key_store_import_file       (ThDb          *db,
                                         const char    *path,
                                         guint         *n_keys,
                                         GError       **error);
gboolean th_key_store_add               (ThDb          *db,
                                         const ThTrustedKey *key,
                                         GError       **error);
/* FALSE with no error set when @kid is unknown. */
gboolean th_key_store_lookup            (ThDb          *db,
                                         guint32        kid,
                                         ThTrustedKey  *key,
                                         GError       **error);

G_END_DECLS
