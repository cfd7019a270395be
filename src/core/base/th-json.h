/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A strict reader for JSON from outside (files, the central server, fuzzers):
 * every accessor checks type and range and records one clear error naming the
 * object (`context`) and the field. */
typedef struct {
  char   *context;
  char   *prefix;
  GError *error;
} ThJsonReader;

#define TH_JSON_READER_INIT { NULL, NULL, NULL }

void        th_json_reader_clear        (ThJsonReader *r);
void        th_json_reader_push         (ThJsonReader *r,
                                         const char   *prefix);
void        th_json_reader_pop          (ThJsonReader *r);
gboolean    th_json_reader_fail         (ThJsonReader *r,
                                         const char   *field,
                                         const char   *message);
void        th_json_reader_propagate    (ThJsonReader *r,
                                         GError      **error);

gboolean    th_json_reader_int          (ThJsonReader *r,
                                         JsonObject   *obj,
                                         const char   *name,
                                         gint64        min,
                                         gint64        max,
                                         gint64       *out);
gboolean    th_json_reader_int_optional (ThJsonReader *r,
                                         JsonObject   *obj,
                                         const char   *name,
                                         gint64        min,
                                         gint64        max,
                                         gint64        fallback,
                                         gint64       *out);
gboolean    th_json_reader_string       (ThJsonReader *r,
                                         JsonObject   *obj,
                                         const char   *name,
                                         gboolean      required,
                                         gsize         min_chars,
                                         gsize         max_chars,
                                         char        **out);
gboolean    th_json_reader_timestamp    (ThJsonReader *r,
                                         JsonObject   *obj,
                                         const char   *name,
                                         gboolean      required,
                                         gint64       *unix_out,
                                         char        **text_out);
JsonObject *th_json_reader_object       (ThJsonReader *r,
                                         JsonObject   *obj,
                                         const char   *name);
JsonArray  *th_json_reader_array        (ThJsonReader *r,
                                         JsonObject   *obj,
                                         const char   *name);

JsonNode   *th_json_parse               (const char   *data,
                                         gssize        length,
                                         const char   *what,
                                         GError      **error);
JsonNode   *th_json_parse_file          (const char   *path,
                                         const char   *what,
                                         GError      **error);
char       *th_json_to_string           (JsonNode     *node);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ThJsonReader, th_json_reader_clear)

G_END_DECLS
