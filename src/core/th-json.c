/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <string.h>

#include "th-error.h"
#include "th-json.h"

void
th_json_reader_clear (ThJsonReader *r)
{
  g_clear_pointer (&r->context, g_free);
  g_clear_pointer (&r->prefix, g_free);
  g_clear_error (&r->error);
}

void
th_json_reader_push (ThJsonReader *r,
                     const char   *prefix)
{
  g_free (r->prefix);
  r->prefix = g_strdup (prefix);
}

void
th_json_reader_pop (ThJsonReader *r)
{
  g_clear_pointer (&r->prefix, g_free);
}

gboolean
th_json_reader_fail (ThJsonReader *r,
                     const char   *field,
                     const char   *message)
{
  g_autofree char *full = NULL;

  if (r->error != NULL)
    return FALSE;

  if (field == NULL && r->prefix == NULL)
    {
      g_set_error (&r->error, TH_ERROR, TH_ERROR_INVALID, "%s: %s",
                   r->context ? r->context : "JSON", message);
      return FALSE;
    }
  if (r->prefix && field)
    full = g_strconcat (r->prefix, ".", field, NULL);
  else
    full = g_strdup (r->prefix ? r->prefix : field);

  /* TRANSLATORS: "order 2026…: field “items[0].qty” must be …" */
  g_set_error (&r->error, TH_ERROR, TH_ERROR_INVALID, _("%s: field “%s” %s"),
               r->context ? r->context : "JSON", full, message);
  return FALSE;
}

void
th_json_reader_propagate (ThJsonReader *r,
                          GError      **error)
{
  if (r->error == NULL)
    th_json_reader_fail (r, NULL, _("is not valid"));
  g_propagate_error (error, g_steal_pointer (&r->error));
}

static JsonNode *
member (JsonObject *obj,
        const char *name)
{
  return json_object_has_member (obj, name) ? json_object_get_member (obj, name) : NULL;
}

static gboolean
read_int (ThJsonReader *r,
          JsonNode     *node,
          const char   *name,
          gint64        min,
          gint64        max,
          gint64       *out)
{
  gint64 v;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return th_json_reader_fail (r, name, _("must be a whole number"));
  v = json_node_get_int (node);
  if (v < min || v > max)
    {
      g_autofree char *msg = g_strdup_printf (_("must be between %" PRId64 " and %" PRId64),
                                              min, max);
      return th_json_reader_fail (r, name, msg);
    }
  *out = v;
  return TRUE;
}

gboolean
th_json_reader_int (ThJsonReader *r,
                    JsonObject   *obj,
                    const char   *name,
                    gint64        min,
                    gint64        max,
                    gint64       *out)
{
  JsonNode *node = member (obj, name);

  if (node == NULL)
    return th_json_reader_fail (r, name, _("is missing"));
  return read_int (r, node, name, min, max, out);
}

gboolean
th_json_reader_int_optional (ThJsonReader *r,
                             JsonObject   *obj,
                             const char   *name,
                             gint64        min,
                             gint64        max,
                             gint64        fallback,
                             gint64       *out)
{
  JsonNode *node = member (obj, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      *out = fallback;
      return TRUE;
    }
  return read_int (r, node, name, min, max, out);
}

gboolean
th_json_reader_bool_optional (ThJsonReader *r,
                              JsonObject   *obj,
                              const char   *name,
                              gboolean      fallback,
                              gboolean     *out)
{
  JsonNode *node = member (obj, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      *out = fallback;
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return th_json_reader_fail (r, name, _("must be true or false"));
  *out = json_node_get_boolean (node);
  return TRUE;
}

gboolean
th_json_reader_string (ThJsonReader *r,
                       JsonObject   *obj,
                       const char   *name,
                       gboolean      required,
                       gsize         min_chars,
                       gsize         max_chars,
                       char        **out)
{
  JsonNode *node = member (obj, name);
  const char *s;
  glong n;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        return th_json_reader_fail (r, name, _("is missing"));
      *out = g_strdup ("");
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return th_json_reader_fail (r, name, _("must be a string"));
  s = json_node_get_string (node);
  n = g_utf8_strlen (s, -1);
  if ((gsize) n < min_chars || (gsize) n > max_chars)
    {
      g_autofree char *msg = g_strdup_printf (_("must be %zu to %zu characters long"),
                                              min_chars, max_chars);
      return th_json_reader_fail (r, name, msg);
    }
  *out = g_strdup (s);
  return TRUE;
}

gboolean
th_json_reader_timestamp (ThJsonReader *r,
                          JsonObject   *obj,
                          const char   *name,
                          gboolean      required,
                          gint64       *unix_out,
                          char        **text_out)
{
  g_autofree char *text = NULL;
  g_autoptr(GDateTime) dt = NULL;

  if (!th_json_reader_string (r, obj, name, required, 0, 64, &text))
    return FALSE;
  if (text[0] != '\0')
    {
      dt = g_date_time_new_from_iso8601 (text, NULL);
      if (dt == NULL)
        return th_json_reader_fail (r, name, _("must be an RFC 3339 time like 2026-11-21T12:00:00Z"));
    }
  else if (required)
    return th_json_reader_fail (r, name, _("is missing"));

  if (unix_out)
    *unix_out = dt ? g_date_time_to_unix (dt) : 0;
  if (text_out)
    *text_out = g_steal_pointer (&text);
  return TRUE;
}

JsonObject *
th_json_reader_object (ThJsonReader *r,
                       JsonObject   *obj,
                       const char   *name)
{
  JsonNode *node = member (obj, name);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      th_json_reader_fail (r, name, node ? _("must be an object") : _("is missing"));
      return NULL;
    }
  return json_node_get_object (node);
}

JsonArray *
th_json_reader_array (ThJsonReader *r,
                      JsonObject   *obj,
                      const char   *name)
{
  JsonNode *node = member (obj, name);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      th_json_reader_fail (r, name, node ? _("must be an array") : _("is missing"));
      return NULL;
    }
  return json_node_get_array (node);
}

/* Past a string as json-glib 1.6 reads one: "…" with backslash escapes, or
 * '…' without. Returns the index after the closing quote, or @length.
 * Sets @bad_escape on a \u not followed by four hex digits, which json-glib
 * 1.6 rejects but leaks memory on. */
static gsize
skip_string (const char *data,
             gsize       length,
             gsize       i,
             gboolean   *bad_escape)
{
  char quote = data[i++];

  for (; i < length; i++)
    {
      if (data[i] == quote)
        return i + 1;
      if (data[i] == '\\' && quote == '"')
        {
          if (i + 1 < length && data[i + 1] == 'u')
            {
              for (gsize k = 2; k < 6; k++)
                if (i + k >= length || !g_ascii_isxdigit (data[i + k]))
                  *bad_escape = TRUE;
            }
          i++;
        }
    }
  return length;
}

static gsize
skip_space (const char *data,
            gsize       length,
            gsize       i)
{
  while (i < length && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
    i++;
  return i;
}

/* Far deeper than any ORDER, EVENT or /keys answer, and far shallower than
 * the recursion json-glib 1.6 can take: some 100,000 open brackets, well
 * inside the API's 32 MiB, overflow the stack. */
#define MAX_DEPTH 128

typedef enum {
  SHAPE_OK,
  SHAPE_COMMENT,
  SHAPE_TOO_DEEP,
  SHAPE_TRAILING,
  SHAPE_BAD_ESCAPE,
} Shape;

/* What json-glib 1.6 gets wrong about the outline of a document, checked
 * before it parses:
 * - nesting deep enough to crash it (above);
 * - more than one value: it takes "{…} {…}" or "[…][…]" as valid, keeps the
 *   first and leaks the rest, so a doubled or concatenated order file or
 *   server answer would be half read without a word;
 * - comments, which JSON has none of: besides slash-star ones it also skips
 *   anything between two single slashes, which hides brackets from a check
 *   like this one.
 * Strings and brackets are then all that matter; an unclosed one is left
 * to the parser to report, with its line and column. */
static Shape
check_shape (const char *data,
             gsize       length)
{
  gboolean bad_escape = FALSE;
  gsize depth = 0;
  gsize i = 0;

  /* A byte order mark, as Windows editors write, is skipped by json-glib. */
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    i = 3;
  i = skip_space (data, length, i);
  if (i == length)
    return SHAPE_OK;

  if (data[i] == '{' || data[i] == '[')
    {
      while (i < length)
        {
          char c = data[i];

          if (c == '"' || c == '\'')
            {
              i = skip_string (data, length, i, &bad_escape);
              if (bad_escape)
                return SHAPE_BAD_ESCAPE;
              continue;
            }
          i++;
          if (c == '/')
            return SHAPE_COMMENT;
          if ((c == '{' || c == '[') && ++depth > MAX_DEPTH)
            return SHAPE_TOO_DEEP;
          if ((c == '}' || c == ']') && --depth == 0)
            break;
        }
      if (depth > 0)
        return SHAPE_OK;
    }
  else if (data[i] == '"' || data[i] == '\'')
    {
      i = skip_string (data, length, i, &bad_escape);
      if (bad_escape)
        return SHAPE_BAD_ESCAPE;
    }
  else
    while (i < length && strchr (" \t\r\n{}[],:/\"'", data[i]) == NULL)
      i++;

  i = skip_space (data, length, i);
  if (i == length)
    return SHAPE_OK;
  return data[i] == '/' ? SHAPE_COMMENT : SHAPE_TRAILING;
}

/**
 * th_json_parse:
 * @what: what the data is, for the error ("the order file", "the server's answer")
 *
 * Returns: (transfer full): the root node, or %NULL with a clear error
 */
JsonNode *
th_json_parse (const char  *data,
               gssize       length,
               const char  *what,
               GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (length < 0)
    length = strlen (data);
  if (!g_utf8_validate (data, length, NULL))
    {
      g_set_error (error, TH_ERROR, TH_ERROR_INVALID, _("%s is not UTF-8 text"), what);
      return NULL;
    }
  switch (check_shape (data, length))
    {
    case SHAPE_TOO_DEEP:
      g_set_error (error, TH_ERROR, TH_ERROR_INVALID,
                   _("%s is not usable JSON: it nests more than %d levels deep"), what, MAX_DEPTH);
      return NULL;
    case SHAPE_COMMENT:
      g_set_error (error, TH_ERROR, TH_ERROR_INVALID,
                   _("%s is not valid JSON: it holds a comment or a stray “/”"), what);
      return NULL;
    case SHAPE_BAD_ESCAPE:
      g_set_error (error, TH_ERROR, TH_ERROR_INVALID,
                   _("%s is not valid JSON: a \\u escape needs four hex digits"), what);
      return NULL;
    case SHAPE_TRAILING:
      g_set_error (error, TH_ERROR, TH_ERROR_INVALID,
                   _("%s is not valid JSON: it holds more than one value, or text after the end"), what);
      return NULL;
    case SHAPE_OK:
    default:
      break;
    }
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, TH_ERROR, TH_ERROR_INVALID, _("%s is not valid JSON: %s"),
                   what, local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error (error, TH_ERROR, TH_ERROR_INVALID, _("%s is empty"), what);
      return NULL;
    }
  return json_node_ref (root);
}

/**
 * th_json_parse_file:
 * @what: what the file is, for errors ("The order file …")
 *
 * Returns: (transfer full): the root node, or %NULL with a clear error
 */
JsonNode *
th_json_parse_file (const char  *path,
                    const char  *what,
                    GError     **error)
{
  g_autofree char *contents = NULL;
  gsize len;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &len, error))
    return NULL;
  return th_json_parse (contents, len, what, error);
}

char *
th_json_to_string (JsonNode *node)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();

  json_generator_set_root (gen, node);
  return json_generator_to_data (gen, NULL);
}
