/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Far deeper than any ORDER, EVENT or /keys answer, and far shallower than
 * the recursion json-glib 1.6 can take: some 100,000 open brackets, well
 * inside the API's 32 MiB, overflow the stack. */
#define TH_JSON_MAX_DEPTH 128

typedef enum {
  TH_JSON_SHAPE_OK,
  TH_JSON_SHAPE_INCOMPLETE,
  TH_JSON_SHAPE_COMMENT,
  TH_JSON_SHAPE_TOO_DEEP,
  TH_JSON_SHAPE_TRAILING,
  TH_JSON_SHAPE_BAD_ESCAPE,
} ThJsonShape;

/* What th-json-parse.c checks before json-glib sees a document, shared with
 * the streaming reader in th-json-stream.c so both refuse the same things. */
gsize    _th_json_skip_space  (const char   *data,
                               gsize         length,
                               gsize         i);
gsize    _th_json_skip_value  (const char   *data,
                               gsize         length,
                               gsize         i,
                               gsize         depth,
                               gboolean      more,
                               ThJsonShape  *shape);
gboolean _th_json_check_shape (ThJsonShape   shape,
                               const char   *what,
                               GError      **error);

G_END_DECLS
