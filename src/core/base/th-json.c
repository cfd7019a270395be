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
