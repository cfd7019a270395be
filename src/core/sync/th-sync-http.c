/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The HTTP side of sync: one request at a time, blocking, with every refusal
 * the contract asks for (central-api.md, "Conventions" and "Limits"). The
 * token goes only into the Authorization header: it is never logged, never
 * put into a URL or an error message, and never sent to another host. */
#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>

#include "th-json.h"
#include "th-sync-private.h"

#define MAX_REDIRECTS 3
#define READ_CHUNK    (64 * 1024)
/* An error page is read only to keep the connection reusable. */
#define MAX_ERROR_BODY (64 * 1024)

struct _ThSyncHttp
{
  SoupSession    *session;
  char           *base_url;     /* without a trailing slash */
  char           *auth_header;  /* "Bearer …" */
  ThSyncDeadlines deadlines;
};

static gboolean
is_loopback_host (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

gboolean
th_sync_check_url (const char  *base_url,
                   GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme, *host;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (base_url != NULL)
    uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  scheme = uri ? g_uri_get_scheme (uri) : NULL;
  host = uri ? g_uri_get_host (uri) : NULL;
  if (uri == NULL || host == NULL || host[0] == '\0' ||
      (g_strcmp0 (scheme, "https") != 0 && g_strcmp0 (scheme, "http") != 0) ||
      g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, TH_SYNC_ERROR, TH_SYNC_ERROR_BAD_URL,
                   _("“%s” is not a server address Tihuo can use. Enter one like "
                     "https://central.example.com/api."), base_url ? base_url : "");
      return FALSE;
    }
  if (g_uri_get_userinfo (uri) != NULL)
    {
      /* A password in the address would end up in logs and screenshots. */
      g_set_error (error, TH_SYNC_ERROR, TH_SYNC_ERROR_BAD_URL,
                   _("The server address must not contain a user name or password. "
                     "Remove it and enter the station's token separately."));
      return FALSE;
    }
  if (g_strcmp0 (scheme, "http") == 0 && !is_loopback_host (host))
    {
      g_set_error (error, TH_SYNC_ERROR, TH_SYNC_ERROR_INSECURE,
                   _("Plain http is allowed only to this computer. Use an https:// address "
                     "for %s, so the station's token and orders are encrypted."), host);
      return FALSE;
    }
  return TRUE;
}

ThSyncHttp *
_th_sync_http_new (const char  *base_url,
                   const char  *token,
                   guint        timeout_seconds,
                   GError     **error)
{
  ThSyncHttp *http;
  gsize len;

  if (!th_sync_check_url (base_url, error))
    return NULL;

  http = g_new0 (ThSyncHttp, 1);
  http->session = soup_session_new_with_options ("timeout", timeout_seconds,
                                                 "idle-timeout", 60,
                                                 "user-agent", "Tihuo/" PACKAGE_VERSION,
                                                 NULL);
  len = strlen (base_url);
  while (len > 0 && base_url[len - 1] == '/')
    len--;
  http->base_url = g_strndup (base_url, len);
  http->auth_header = g_strconcat ("Bearer ", token ? token : "", NULL);
  http->deadlines.request_seconds = TH_SYNC_DEFAULT_REQUEST_DEADLINE;
  return http;
}

void
_th_sync_http_set_deadlines (ThSyncHttp *http,
                             guint       request_seconds,
                             gint64      run_end,
                             guint       run_seconds)
{
  http->deadlines.request_seconds = MAX (request_seconds, 1);
  http->deadlines.run_end = run_end;
  http->deadlines.run_seconds = run_seconds;
}

void
_th_sync_http_free (ThSyncHttp *http)
{
  if (http == NULL)
    return;
  _th_sync_deadlines_clear (&http->deadlines);
  g_clear_object (&http->session);
  g_free (http->base_url);
  /* Do not leave the token lying in freed memory. */
  sodium_memzero (http->auth_header, strlen (http->auth_header));
  g_free (http->auth_header);
  g_free (http);
}

static gboolean
set_transport_error (GError     **error,
                     GError      *cause,
                     const char  *base_url)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_error_copy (cause));
      return FALSE;
    }
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    g_set_error (error, TH_SYNC_ERROR, TH_SYNC_ERROR_TIMEOUT,
                 _("The central platform at %s did not answer in time. Tihuo will try again; "
                   "everything is kept here meanwhile."), base_url);
  else
    g_set_error (error, TH_SYNC_ERROR, TH_SYNC_ERROR_NETWORK,
                 _("Cannot reach the central platform at %s (%s). Tihuo will try again; "
                   "everything is kept here meanwhile."), base_url, cause->message);
  return FALSE;
}

static gint64
parse_retry_after (SoupMessage *msg)
{
  const char *value = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Retry-After");
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *clean = NULL;
  guint64 seconds;

  if (value == NULL)
    return -1;
  clean = g_strstrip (g_strdup (value));
  if (g_ascii_string_to_unsigned (clean, 10, 0, 86400, &seconds, NULL))
    return (gint64) seconds;
  date = soup_date_time_new_from_http_string (value);
  if (date != NULL)
    return MAX (0, g_date_time_to_unix (date) - g_get_real_time () / G_USEC_PER_SEC);
  return -1;
}

/* Reads at most @limit bytes; more is an error, not a silent cut. */
static GBytes *
read_body (SoupMessage   *msg,
           GInputStream  *stream,
           gsize          limit,
           const char    *base_url,
           GCancellable  *cancellable,
           GError       **error)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autoptr(GError) local_error = NULL;

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > (goffset) limit)
    goto too_large;

  for (;;)
    {
      gssize n;

      g_byte_array_set_size (data, data->len + READ_CHUNK);
      n = g_input_stream_read (stream, data->data + data->len - READ_CHUNK, READ_CHUNK,
                               cancellable, &local_error);
      if (n < 0)
        {
          set_transport_error (error, local_error, base_url);
          return NULL;
        }
      g_byte_array_set_size (data, data->len - READ_CHUNK + n);
      if (n == 0)
        break;
      if (data->len > limit)
        goto too_large;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));

too_large:
  g_set_error (error, TH_SYNC_ERROR, TH_SYNC_ERROR_TOO_LARGE,
               _("The central platform sent an answer larger than %u MiB, which Tihuo refuses. "
                 "Nothing was changed here. Tell the platform's support if this keeps happening."),
               (guint) (limit / (1024 * 1024)));
  return NULL;
}

static gboolean
same_origin (GUri *a,
             GUri *b)
{
  return g_strcmp0 (g_uri_get_scheme (a), g_uri_get_scheme (b)) == 0 &&
         g_ascii_strcasecmp (g_uri_get_host (a), g_uri_get_host (b) ? g_uri_get_host (b) : "") == 0 &&
         g_uri_get_port (a) == g_uri_get_port (b);
}

static gboolean
status_error (SoupMessage  *msg,
              const char   *method,
              const char   *path,
              ThSyncReply  *reply,
              GError      **error)
{
  guint status = soup_message_get_status (msg);

  switch (status)
    {
    case SOUP_STATUS_UNAUTHORIZED:
      g_set_error (error, TH_SYNC_ERROR, TH_SYNC_ERROR_UNAUTHORIZED,
                   _("The central platform refused this station's token (HTTP 401). Syncing has "
                     "stopped: enter the station's current token in the connection settings, "
                     "then choose Sync now."));
      break;
    case SOUP_STATUS_FORBIDDEN:
      g_set_error (error, TH_SYNC_ERROR, TH_SYNC_ERROR_FORBIDDEN,
                   _("The central platform says this token is not for this station (HTTP 403). "
                     "Syncing has stopped: check the station number and the token in the "
                     "connection settings, then choose Sync now."));
      break;
    case SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE:
      g_set_error (error, TH_SYNC_ERROR, TH_SYNC_ERROR_TOO_LARGE,
                   _("The central platform refused a batch of events as too large (HTTP 413)."));
      break;
    case 429: /* Too Many Requests; libsoup 3.2 has no name for it */
    case SOUP_STATUS_SERVICE_UNAVAILABLE:
      if (reply->retry_after >= 0)
        g_set_error (error, TH_SYNC_ERROR, TH_SYNC_ERROR_UNAVAILABLE,
                     _("The central platform is busy (HTTP %u) and asked to wait %u s. Tihuo will "
                       "try again then; everything is kept here meanwhile."),
                     status, (guint) reply->retry_after);
      else
        g_set_error (error, TH_SYNC_ERROR, TH_SYNC_ERROR_UNAVAILABLE,
                     _("The central platform is busy (HTTP %u). Tihuo will try again; everything "
                       "is kept here meanwhile."), status);
      break;
    default:
      if (SOUP_STATUS_IS_SERVER_ERROR (status))
        g_set_error (error, TH_SYNC_ERROR, TH_SYNC_ERROR_SERVER,
                     _("The central platform had an internal error (HTTP %u). Tihuo will try again; "
                       "everything is kept here meanwhile."), status);
      else
        g_set_error (error, TH_SYNC_ERROR, TH_SYNC_ERROR_HTTP,
                     _("The central platform answered “%u %s” to %s %s. Check the server address "
                       "in the connection settings."),
                     status, soup_message_get_reason_phrase (msg), method, path);
      break;
    }
  return FALSE;
}

static GBytes *
fetch (ThSyncHttp    *http,
       const char    *method,
       const char    *path,
       const char    *query,
       GBytes        *body,
       ThSyncReply   *reply,
       GCancellable  *cancellable,
       GError       **error)
{
  g_autofree char *url = g_strconcat (http->base_url, path, query ? "?" : NULL, query, NULL);
  g_autoptr(GUri) uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, error);
  ThSyncReply local_reply;

  if (reply == NULL)
    reply = &local_reply;
  reply->status = 0;
  reply->retry_after = -1;
  if (uri == NULL)
    return NULL;

  for (guint redirects = 0; ; redirects++)
    {
      g_autoptr(SoupMessage) msg = soup_message_new_from_uri (method, uri);
      g_autoptr(GInputStream) stream = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GBytes) error_body = NULL;
      SoupMessageHeaders *headers = soup_message_get_request_headers (msg);
      const char *location;
      guint status;

      /* Redirects are judged here, so the token never follows one elsewhere. */
      soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
      soup_message_headers_replace (headers, "Authorization", http->auth_header);
      soup_message_headers_replace (headers, "Accept", "application/json");
      if (body != NULL)
        soup_message_set_request_body_from_bytes (msg, "application/json", body);

      stream = soup_session_send (http->session, msg, cancellable, &local_error);
      if (stream == NULL)
        return set_transport_error (error, local_error, http->base_url), NULL;

      status = reply->status = soup_message_get_status (msg);
      reply->retry_after = parse_retry_after (msg);
      if (status == SOUP_STATUS_OK)
        return read_body (msg, stream, TH_SYNC_MAX_BODY_BYTES, http->base_url, cancellable, error);

      location = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Location");
      if (SOUP_STATUS_IS_REDIRECTION (status) && location != NULL)
        {
          g_autoptr(GUri) target = g_uri_parse_relative (uri, location, SOUP_HTTP_URI_FLAGS, NULL);

          if (target == NULL || !same_origin (uri, target))
            {
              g_set_error (error, TH_SYNC_ERROR, TH_SYNC_ERROR_REDIRECT,
                           _("The central platform at %s sent Tihuo to another address (%s). "
                             "Tihuo does not follow that, to keep the token safe: check the "
                             "server address in the connection settings."),
                           http->base_url, target ? g_uri_get_host (target) : location);
              return NULL;
            }
          if (redirects < MAX_REDIRECTS &&
              (body == NULL || status == SOUP_STATUS_TEMPORARY_REDIRECT ||
               status == SOUP_STATUS_PERMANENT_REDIRECT))
            {
              g_uri_unref (uri);
              uri = g_steal_pointer (&target);
              continue;
            }
        }

      /* Drain a short error page so the connection can be reused. */
      error_body = read_body (msg, stream, MAX_ERROR_BODY, http->base_url, cancellable, NULL);
      return status_error (msg, method, path, reply, error), NULL;
    }
}

GBytes *
_th_sync_http_fetch (ThSyncHttp    *http,
                     const char    *method,
                     const char    *path,
                     const char    *query,
                     GBytes        *body,
                     ThSyncReply   *reply,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  ThSyncDeadline deadline = { 0 };
  GBytes *data;

  _th_sync_deadline_begin (&http->deadlines, &deadline, cancellable);
  data = fetch (http, method, path, query, body, reply, deadline.cancellable, &local_error);
  _th_sync_deadline_end (&http->deadlines, &deadline, http->base_url, method, path, &local_error);
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return data;
}

JsonNode *
_th_sync_http_request (ThSyncHttp    *http,
                       const char    *method,
                       const char    *path,
                       const char    *query,
                       GBytes        *body,
                       ThSyncReply   *reply,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autofree char *what = NULL;
  JsonNode *root;
  gsize len;
  const char *text;

  data = _th_sync_http_fetch (http, method, path, query, body, reply, cancellable, error);
  if (data == NULL)
    return NULL;

  what = g_strdup_printf (_("The central platform's answer to %s %s"), method, path);
  text = g_bytes_get_data (data, &len);
  root = th_json_parse (text ? text : "", len, what, &parse_error);
  if (root == NULL)
    _th_sync_bad_response (error, parse_error);
  return root;
}

void
_th_sync_bad_response (GError **error,
                       GError  *cause)
{
  g_autofree char *reason = g_strdup (cause->message);
  gsize len = strlen (reason);

  /* The cause may end its sentence itself. */
  if (len > 0 && reason[len - 1] == '.')
    reason[len - 1] = '\0';
  g_set_error (error, TH_SYNC_ERROR, TH_SYNC_ERROR_BAD_RESPONSE,
               _("%s. Nothing was changed here; Tihuo will try again later. Tell the platform's "
                 "support if this keeps happening."), reason);
}
