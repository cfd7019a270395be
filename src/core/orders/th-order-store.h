/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "th-db.h"
#include "th-order.h"

G_BEGIN_DECLS

typedef struct {
  guint n_new;
  guint n_updated;
  guint n_unchanged;   /* same or older revision: the stored copy stays */
} ThImportStats;

ThOrder   *th_order_store_load          (ThDb          *db,
                                         gint64         id,
                                         GError       **error);
ThOrder   *th_order_store_find_by_code  (ThDb          *db,
                                         const char    *pickup_code,
                                         GError       **error);

GPtrArray *th_order_store_parse_list    (JsonNode      *root,
                                         guint32        station_id,
                                         GError       **error);
gboolean   th_order_store_apply         (ThDb          *db,
                                         ThOrder       *order,
                                         ThImportStats *stats,
                                         GError       **error);
gboolean   th_order_store_import_json   (ThDb          *db,
                                         JsonNode      *root,
                                         ThImportStats *stats,
                                         GError       **error);
gboolean   th_order_store_import_file   (ThDb          *db,
                                         const char    *path,
                                         ThImportStats *stats,
                                         GError       **error);

G_END_DECLS
