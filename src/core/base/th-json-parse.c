/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Parsing JSON from outside: json-glib 1.6, plus the checks it lacks. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "th-error.h"
#include "th-json.h"

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
