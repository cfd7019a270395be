/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Parsing JSON from outside: json-glib 1.6, plus the checks it lacks. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "th-error.h"
#include "th-json.h"
#include "th-json-private.h"

/* Past a string as json-glib 1.6 reads one: "…" with backslash escapes, or
 * '…' without. Returns the index after the closing quote, or @length with
 * @closed FALSE. Sets @bad_escape on a \u not followed by four hex digits,
 * which json-glib 1.6 rejects but leaks memory on; when @more is coming, a
 * \u cut short by the end of @data only means the string is not all here. */
static gsize
skip_string (const char *data,
             gsize       length,
             gsize       i,
             gboolean    more,
             gboolean   *closed,
             gboolean   *bad_escape)
{
  char quote = data[i++];

  *closed = FALSE;
  for (; i < length; i++)
    {
      if (data[i] == quote)
        {
          *closed = TRUE;
          return i + 1;
        }
      if (data[i] == '\\' && quote == '"')
        {
          if (i + 1 < length && data[i + 1] == 'u')
            {
              for (gsize k = 2; k < 6; k++)
                if (i + k >= length ? !more : !g_ascii_isxdigit (data[i + k]))
                  *bad_escape = TRUE;
            }
          i++;
        }
    }
  return length;
}

gsize
_th_json_skip_space (const char *data,
                     gsize       length,
                     gsize       i)
{
  while (i < length && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
    i++;
  return i;
}

/**
 * _th_json_skip_value:
 * @i: where the value starts, past any space
 * @depth: how many brackets are open around it
 * @more: whether more text follows @data (a stream), or @data is all of it
 *
 * Finds the end of one value by its strings and brackets alone, and what
 * json-glib 1.6 gets wrong about it:
 * - nesting deep enough to crash it;
 * - comments, which JSON has none of: besides slash-star ones it also skips
 *   anything between two single slashes, which hides brackets from a check
 *   like this one.
 * A scalar ends at the first space or punctuation, so one that starts with
 * punctuation is empty: the caller decides what that means.
 *
 * Returns: the index after the value; @shape is %TH_JSON_SHAPE_INCOMPLETE
 *   when @data ends first.
 */
gsize
_th_json_skip_value (const char  *data,
                     gsize        length,
                     gsize        i,
                     gsize        depth,
                     gboolean     more,
                     ThJsonShape *shape)
{
  gboolean bad_escape = FALSE;
  gboolean closed = FALSE;
  gsize open = 0;

  g_assert (i < length);

  *shape = TH_JSON_SHAPE_OK;
  if (data[i] == '"' || data[i] == '\'')
    {
      i = skip_string (data, length, i, more, &closed, &bad_escape);
      if (bad_escape)
        *shape = TH_JSON_SHAPE_BAD_ESCAPE;
      else if (!closed)
        *shape = TH_JSON_SHAPE_INCOMPLETE;
      return i;
    }
  if (data[i] != '{' && data[i] != '[')
    {
      while (i < length && strchr (" \t\r\n{}[],:/\"'", data[i]) == NULL)
        i++;
      if (i == length && more)
        *shape = TH_JSON_SHAPE_INCOMPLETE;
      return i;
    }

  while (i < length)
    {
      char c = data[i];

      if (c == '"' || c == '\'')
        {
          i = skip_string (data, length, i, more, &closed, &bad_escape);
          if (bad_escape)
            {
              *shape = TH_JSON_SHAPE_BAD_ESCAPE;
              return i;
            }
          continue;
        }
      i++;
      if (c == '/')
        {
          *shape = TH_JSON_SHAPE_COMMENT;
          return i;
        }
      if ((c == '{' || c == '[') && depth + ++open > TH_JSON_MAX_DEPTH)
        {
          *shape = TH_JSON_SHAPE_TOO_DEEP;
          return i;
        }
      if ((c == '}' || c == ']') && --open == 0)
        return i;
    }
  *shape = TH_JSON_SHAPE_INCOMPLETE;
  return i;
}

/* The outline of a whole document, checked before json-glib parses it: one
 * value (above), and nothing after it. json-glib 1.6 takes "{…} {…}" or
 * "[…][…]" as valid, keeps the first and leaks the rest, so a doubled or
 * concatenated order file or server answer would be half read without a
 * word. An unclosed value is left to the parser to report, with its line
 * and column. */
static ThJsonShape
check_shape (const char *data,
             gsize       length)
{
  ThJsonShape shape;
  gsize i = 0;

  /* A byte order mark, as Windows editors write, is skipped by json-glib. */
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    i = 3;
  i = _th_json_skip_space (data, length, i);
  if (i == length)
    return TH_JSON_SHAPE_OK;

  i = _th_json_skip_value (data, length, i, 0, FALSE, &shape);
  if (shape == TH_JSON_SHAPE_INCOMPLETE)
    return TH_JSON_SHAPE_OK;
  if (shape != TH_JSON_SHAPE_OK)
    return shape;

  i = _th_json_skip_space (data, length, i);
  if (i == length)
    return TH_JSON_SHAPE_OK;
  return data[i] == '/' ? TH_JSON_SHAPE_COMMENT : TH_JSON_SHAPE_TRAILING;
}

/* Returns: %FALSE with @error set unless @shape is fine. */
gboolean
_th_json_check_shape (ThJsonShape   shape,
                      const char   *what,
                      GError      **error)
{
  switch (shape)
    {
    case TH_JSON_SHAPE_TOO_DEEP:
      g_set_error (error, TH_ERROR, TH_ERROR_INVALID,
                   _("%s is not usable JSON: it nests more than %d levels deep"), what, TH_JSON_MAX_DEPTH);
      return FALSE;
    case TH_JSON_SHAPE_COMMENT:
      g_set_error (error, TH_ERROR, TH_ERROR_INVALID,
                   _("%s is not valid JSON: it holds a comment or a stray “/”"), what);
      return FALSE;
    case TH_JSON_SHAPE_BAD_ESCAPE:
      g_set_error (error, TH_ERROR, TH_ERROR_INVALID,
                   _("%s is not valid JSON: a \\u escape needs four hex digits"), what);
      return FALSE;
    case TH_JSON_SHAPE_TRAILING:
      g_set_error (error, TH_ERROR, TH_ERROR_INVALID,
                   _("%s is not valid JSON: it holds more than one value, or text after the end"), what);
      return FALSE;
    case TH_JSON_SHAPE_OK:
    case TH_JSON_SHAPE_INCOMPLETE:
    default:
      return TRUE;
    }
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
  if (!_th_json_check_shape (check_shape (data, length), what, error))
    return NULL;
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
