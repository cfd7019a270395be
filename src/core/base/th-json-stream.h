/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * ThJsonStreamFunc:
 * @element: one element of the array, parsed on its own
 * @index: its place in the array, from 0
 *
 * Returns: %FALSE with @error set to stop reading
 */
typedef gboolean (*ThJsonStreamFunc) (JsonNode  *element,
                                      guint      index,
                                      gpointer   user_data,
                                      GError   **error);

gboolean th_json_stream_array      (GInputStream      *stream,
                                    const char        *member,
                                    const char        *what,
                                    ThJsonStreamFunc   func,
                                    gpointer           user_data,
                                    gboolean          *out_found,
                                    GError           **error);
gboolean th_json_stream_array_file (const char        *path,
                                    const char        *member,
                                    const char        *what,
                                    ThJsonStreamFunc   func,
                                    gpointer           user_data,
                                    gboolean          *out_found,
                                    GError           **error);

G_END_DECLS
