/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A JSON array read element by element from a stream, so that a file of
 * 200,000 orders never becomes one tree: memory stays that of one element
 * and a read buffer, whatever the size of the file.
 *
 * Only the outline is scanned here, with th-json-parse.c's string and
 * bracket rules; each element goes through th_json_parse() on its own, and
 * everything outside the array (other members, anything after the end) is
 * kept as an outline document that th_json_parse() judges at the end: small
 * for an order file or a sync page, whose other members are a cursor and a
 * flag. So the stream refuses what th_json_parse() refuses: two documents,
 * comments, deep nesting, bad \u escapes, text that is not UTF-8. It also
 * refuses some text json-glib would take (see is_json_scalar()) and a second
 * member holding the array: never less. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <gio/gunixinputstream.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "th-error.h"
#include "th-json.h"
#include "th-json-private.h"
#include "th-json-stream.h"

/* Reads are at least this big; a value longer than what is buffered
 * doubles the next read, so scanning it again stays linear overall. */
#define READ_SIZE (64 * 1024)

/* As much of what follows the document as an error needs to name it. */
#define TAIL_BYTES 16

typedef struct {
  GInputStream *stream;
  const char   *what;
  GByteArray   *buf;
  gsize         pos;       /* the next byte to scan, in buf */
  guint64       offset;    /* of buf->data[0] in the stream */
  gboolean      eof;
  GString      *outline;   /* the document without the array's elements */
} Reader;

/* Drops what is scanned and reads more after what is not. */
static gboolean
read_more (Reader  *r,
           GError **error)
{
  g_autoptr(GError) local_error = NULL;
  gsize kept, want, got = 0;

  if (r->pos > 0)
    {
      g_byte_array_remove_range (r->buf, 0, (guint) r->pos);
      r->offset += r->pos;
      r->pos = 0;
    }
  kept = r->buf->len;
  want = MAX (READ_SIZE, kept);
  g_byte_array_set_size (r->buf, (guint) (kept + want));
  if (!g_input_stream_read_all (r->stream, r->buf->data + kept, want, &got, NULL, &local_error))
    {
      g_byte_array_set_size (r->buf, (guint) kept);
      /* Still the I/O error it was: a temporary condition, not bad data. */
      g_set_error (error, local_error->domain, local_error->code, _("%s cannot be read: %s"),
                   r->what, local_error->message);
      return FALSE;
    }
  g_byte_array_set_size (r->buf, (guint) (kept + got));
  /* read_all() stops short only at the end. */
  r->eof = got < want;
  return TRUE;
}

/* The next byte past space, or -1 at the end of the stream. */
static gboolean
peek (Reader   *r,
      int      *c,
      GError  **error)
{
  for (;;)
    {
      r->pos = _th_json_skip_space ((const char *) r->buf->data, r->buf->len, r->pos);
      if (r->pos < r->buf->len)
        {
          *c = r->buf->data[r->pos];
          return TRUE;
        }
      if (r->eof)
        {
          *c = -1;
          return TRUE;
        }
      if (!read_more (r, error))
        return FALSE;
    }
}

static gboolean
fail_at (Reader  *r,
         GError **error)
{
  if (r->pos >= r->buf->len)
    g_set_error (error, TH_ERROR, TH_ERROR_INVALID, _("%s is not valid JSON: it ends too early"), r->what);
  else if (r->buf->data[r->pos] == '/')
    return _th_json_check_shape (TH_JSON_SHAPE_COMMENT, r->what, error);
  else
    g_set_error (error, TH_ERROR, TH_ERROR_INVALID,
                 _("%s is not valid JSON: unexpected text at byte %" PRIu64),
                 r->what, r->offset + r->pos + 1);
  return FALSE;
}

static gsize
skip_digits (const char *text,
             gsize       length,
             gsize       i)
{
  while (i < length && g_ascii_isdigit (text[i]))
    i++;
  return i;
}

/* Whether a bare word is a JSON number, true, false or null. json-glib
 * 1.6's scanner takes more (hex, and a "$" alone at the very end), and
 * what it makes of a word depends on what follows it, which here is not
 * always the same as in the file: so only plain JSON passes. */
static gboolean
is_json_scalar (const char *text,
                gsize       length)
{
  gsize i = 0, digits;

  if ((length == 4 && memcmp (text, "true", 4) == 0) ||
      (length == 5 && memcmp (text, "false", 5) == 0) ||
      (length == 4 && memcmp (text, "null", 4) == 0))
    return TRUE;
  if (i < length && text[i] == '-')
    i++;
  if (i < length && text[i] == '0')
    i++;
  else if ((digits = skip_digits (text, length, i)) > i)
    i = digits;
  else
    return FALSE;
  if (i < length && text[i] == '.')
    {
      if ((digits = skip_digits (text, length, i + 1)) == i + 1)
        return FALSE;
      i = digits;
    }
  if (i < length && (text[i] == 'e' || text[i] == 'E'))
    {
      i++;
      if (i < length && (text[i] == '+' || text[i] == '-'))
        i++;
      if ((digits = skip_digits (text, length, i)) == i)
        return FALSE;
      i = digits;
    }
  return i == length;
}

/* Reads in the whole value at pos (pos is at its first byte) and moves
 * past it; an empty one is the caller's syntax error. */
static gboolean
take_value (Reader  *r,
            gsize    depth,
            gsize   *start,
            gsize   *end,
            GError **error)
{
  ThJsonShape shape;
  gsize i;

  for (;;)
    {
      i = _th_json_skip_value ((const char *) r->buf->data, r->buf->len, r->pos, depth, !r->eof, &shape);
      if (shape != TH_JSON_SHAPE_INCOMPLETE || r->eof)
        break;
      if (!read_more (r, error))
        return FALSE;
    }
  if (!_th_json_check_shape (shape, r->what, error))
    return FALSE;
  if (shape == TH_JSON_SHAPE_INCOMPLETE)
    {
      r->pos = r->buf->len;
      return fail_at (r, error);
    }
  if (i > r->pos && strchr ("\"'{[", r->buf->data[r->pos]) == NULL &&
      !is_json_scalar ((const char *) r->buf->data + r->pos, i - r->pos))
    return fail_at (r, error);
  *start = r->pos;
  *end = r->pos = i;
  return TRUE;
}

static void
append_taken (Reader *r,
              gsize   start,
              gsize   end)
{
  g_string_append_len (r->outline, (const char *) r->buf->data + start, (gssize) (end - start));
}

/* A member name as json-glib reads it, or %NULL if it is not one. */
static char *
member_name (Reader *r,
             gsize   start,
             gsize   end)
{
  const char *text = (const char *) r->buf->data + start;
  g_autoptr(JsonNode) node = NULL;

  if (memchr (text, '\\', end - start) == NULL)
    return g_strndup (text + 1, end - start - 2);
  node = th_json_parse (text, (gssize) (end - start), r->what, NULL);
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

static gboolean
stream_elements (Reader            *r,
                 gsize              depth,
                 ThJsonStreamFunc   func,
                 gpointer           user_data,
                 GError           **error)
{
  guint index = 0;
  int c;

  g_assert (r->buf->data[r->pos] == '[');
  r->pos++;
  g_string_append (r->outline, "[]");
  if (!peek (r, &c, error))
    return FALSE;
  if (c == ']')
    {
      r->pos++;
      return TRUE;
    }

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(JsonNode) element = NULL;
      gsize start, end;

      if (c == -1)
        return fail_at (r, error);
      if (!take_value (r, depth + 1, &start, &end, error))
        return FALSE;
      if (end == start)
        return fail_at (r, error);
      element = th_json_parse ((const char *) r->buf->data + start, (gssize) (end - start), r->what,
                               &local_error);
      if (element == NULL)
        {
          g_set_error (error, TH_ERROR, TH_ERROR_INVALID, _("Entry %u: %s"), index + 1, local_error->message);
          return FALSE;
        }
      if (!func (element, index++, user_data, error))
        return FALSE;

      if (!peek (r, &c, error))
        return FALSE;
      if (c == ']')
        {
          r->pos++;
          return TRUE;
        }
      if (c != ',')
        return fail_at (r, error);
      r->pos++;
      if (!peek (r, &c, error))
        return FALSE;
    }
}

static gboolean
stream_object (Reader            *r,
               const char        *member,
               ThJsonStreamFunc   func,
               gpointer           user_data,
               gboolean          *found,
               GError           **error)
{
  gboolean seen = FALSE;
  int c;

  g_assert (r->buf->data[r->pos] == '{');
  r->pos++;
  g_string_append_c (r->outline, '{');
  if (!peek (r, &c, error))
    return FALSE;
  if (c == '}')
    {
      r->pos++;
      g_string_append_c (r->outline, '}');
      return TRUE;
    }

  for (;;)
    {
      g_autofree char *name = NULL;
      gsize start, end;

      if (c != '"' && c != '\'')
        return fail_at (r, error);
      if (!take_value (r, 1, &start, &end, error))
        return FALSE;
      append_taken (r, start, end);
      name = member_name (r, start, end);

      if (!peek (r, &c, error))
        return FALSE;
      if (c != ':')
        return fail_at (r, error);
      r->pos++;
      g_string_append_c (r->outline, ':');
      if (!peek (r, &c, error))
        return FALSE;
      if (c == -1)
        return fail_at (r, error);

      if (g_strcmp0 (name, member) == 0)
        {
          /* json-glib keeps the last of two, but by then the first has
           * been handed on: refuse rather than guess. */
          if (seen)
            {
              g_set_error (error, TH_ERROR, TH_ERROR_INVALID,
                           _("%s holds the member “%s” twice: keep only one and try again"), r->what, member);
              return FALSE;
            }
          seen = TRUE;
        }
      if (g_strcmp0 (name, member) == 0 && c == '[')
        {
          if (!stream_elements (r, 1, func, user_data, error))
            return FALSE;
          *found = TRUE;
        }
      else
        {
          if (!take_value (r, 1, &start, &end, error))
            return FALSE;
          if (end == start)
            return fail_at (r, error);
          append_taken (r, start, end);
        }

      if (!peek (r, &c, error))
        return FALSE;
      if (c == '}')
        {
          r->pos++;
          g_string_append_c (r->outline, '}');
          return TRUE;
        }
      if (c != ',')
        return fail_at (r, error);
      r->pos++;
      g_string_append_c (r->outline, ',');
      if (!peek (r, &c, error))
        return FALSE;
    }
}

/* Whatever follows the document goes to the outline, where th_json_parse()
 * calls it a comment or a second value, as it would in the whole file. */
static void
append_tail (Reader *r)
{
  const char *tail = (const char *) r->buf->data + r->pos;
  gsize n = MIN (TAIL_BYTES, r->buf->len - r->pos);
  const char *valid_end = NULL;

  g_utf8_validate (tail, (gssize) n, &valid_end);
  /* Not cut inside a character, unless the first is already not UTF-8. */
  if (valid_end > tail)
    n = (gsize) (valid_end - tail);
  /* Apart, as in the file: "1 2" is two values, "12" one. */
  g_string_append_c (r->outline, ' ');
  g_string_append_len (r->outline, tail, (gssize) n);
}

/**
 * th_json_stream_array:
 * @member: (nullable): the member of a top-level object that holds the array
 * @what: what the data is, for errors ("The order file …")
 * @func: called on each element in turn; its error stops the reading
 * @out_found: set to whether the array was there: a top-level array, or
 *   @member of a top-level object
 *
 * Reads a JSON document and hands on the elements of its array one by one.
 * Elements are handed on as they are read, so an error further on can come
 * after some were: a caller that must be all or nothing undoes them itself.
 *
 * Returns: %FALSE with @error set if the document is not valid JSON, @func
 *   failed or the stream could not be read
 */
gboolean
th_json_stream_array (GInputStream      *stream,
                      const char        *member,
                      const char        *what,
                      ThJsonStreamFunc   func,
                      gpointer           user_data,
                      gboolean          *out_found,
                      GError           **error)
{
  Reader r = { stream, what, NULL, 0, 0, FALSE, NULL };
  g_autoptr(GByteArray) buf = g_byte_array_new ();
  g_autoptr(GString) outline = g_string_new (NULL);
  g_autoptr(JsonNode) rest = NULL;
  gboolean found = FALSE;
  gsize start, end;
  int c;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (what != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  r.buf = buf;
  r.outline = outline;
  if (!read_more (&r, error))
    return FALSE;
  /* A byte order mark, as Windows editors write, is skipped by json-glib. */
  if (r.buf->len >= 3 && memcmp (r.buf->data, "\xef\xbb\xbf", 3) == 0)
    r.pos = 3;

  if (!peek (&r, &c, error))
    return FALSE;
  if (c == '[')
    {
      if (!stream_elements (&r, 0, func, user_data, error))
        return FALSE;
      found = TRUE;
    }
  else if (c == '{' && member != NULL)
    {
      if (!stream_object (&r, member, func, user_data, &found, error))
        return FALSE;
    }
  else if (c != -1)
    {
      if (!take_value (&r, 0, &start, &end, error))
        return FALSE;
      append_taken (&r, start, end);
    }

  if (!peek (&r, &c, error))
    return FALSE;
  if (c != -1)
    append_tail (&r);
  if (!(rest = th_json_parse (outline->str, (gssize) outline->len, what, error)))
    return FALSE;

  if (out_found)
    *out_found = found;
  return TRUE;
}

/**
 * th_json_stream_array_file:
 *
 * th_json_stream_array() on a file, with a #G_FILE_ERROR if it cannot be
 * opened.
 */
gboolean
th_json_stream_array_file (const char        *path,
                           const char        *member,
                           const char        *what,
                           ThJsonStreamFunc   func,
                           gpointer           user_data,
                           gboolean          *out_found,
                           GError           **error)
{
  g_autoptr(GInputStream) stream = NULL;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("%s cannot be read: %s"), what, g_strerror (saved));
      return FALSE;
    }
  stream = g_unix_input_stream_new (fd, TRUE);
  return th_json_stream_array (stream, member, what, func, user_data, out_found, error);
}
