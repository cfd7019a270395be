/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Raw ESC/POS: the page goes as a 1-bit picture (`GS v 0`), never as text,
 * so 中文 and 繁體 print on printers that only know a Latin code page. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "th-escpos.h"

#define ESC 0x1b
#define GS  0x1d

static void
append_band (GByteArray     *out,
             const ThRaster *raster,
             guint           first_row,
             guint           n_rows)
{
  const guint8 header[] = {
    GS, 'v', '0', 0,                                  /* normal density */
    raster->stride & 0xff, (raster->stride >> 8) & 0xff,
    n_rows & 0xff, (n_rows >> 8) & 0xff,
  };

  g_byte_array_append (out, header, sizeof header);
  g_byte_array_append (out, raster->data + (gsize) first_row * raster->stride,
                       (guint) (n_rows * raster->stride));
}

GBytes *
th_escpos_encode_rasters (ThRaster * const *rasters,
                          guint             n_rasters)
{
  const guint8 init[] = { ESC, '@' };
  const guint8 feed_and_cut[] = { ESC, 'd', 4, GS, 'V', 1 };
  GByteArray *out = g_byte_array_new ();

  g_byte_array_append (out, init, sizeof init);
  for (guint i = 0; i < n_rasters; i++)
    {
      for (guint row = 0; row < rasters[i]->height; row += TH_ESCPOS_BAND_ROWS)
        append_band (out, rasters[i], row, MIN (TH_ESCPOS_BAND_ROWS, rasters[i]->height - row));
      g_byte_array_append (out, feed_and_cut, sizeof feed_and_cut);
    }
  return g_byte_array_free_to_bytes (out);
}

GBytes *
th_escpos_encode_doc (ThPrintDoc  *doc,
                      GError     **error)
{
  g_autoptr(GPtrArray) rasters = g_ptr_array_new_with_free_func ((GDestroyNotify) th_raster_free);

  g_return_val_if_fail (doc != NULL, NULL);

  for (guint page = 0; page < th_print_doc_get_n_pages (doc); page++)
    {
      ThRaster *raster = th_print_doc_render_raster (doc, page, error);

      if (raster == NULL)
        return NULL;
      g_ptr_array_add (rasters, raster);
    }
  return th_escpos_encode_rasters ((ThRaster * const *) rasters->pdata, rasters->len);
}

static gboolean
send_to_file (const char  *path,
              GBytes      *data,
              GError     **error)
{
  /* Never create a file under /dev: a missing printer must be an error,
   * not a regular file that swallows every job. */
  int flags = g_str_has_prefix (path, "/dev/") ? O_WRONLY : O_WRONLY | O_CREAT | O_TRUNC;
  gsize len;
  const guint8 *bytes = g_bytes_get_data (data, &len);
  int fd, saved_errno;

  errno = 0;
  fd = g_open (path, flags | O_CLOEXEC, 0644);
  saved_errno = errno;

  if (fd >= 0)
    {
      while (len > 0)
        {
          gssize n = write (fd, bytes, len);

          if (n < 0 && errno == EINTR)
            continue;
          if (n <= 0)
            break;
          bytes += n;
          len -= (gsize) n;
        }
      /* A printer that stops taking bytes says why in errno; a device
       * that reports its error only on close counts too. */
      saved_errno = len > 0 ? (errno ? errno : EIO) : 0;
      if (close (fd) != 0 && saved_errno == 0)
        saved_errno = errno;
      if (saved_errno == 0)
        return TRUE;
    }

  if (saved_errno == ENOENT || saved_errno == ENODEV || saved_errno == ENXIO)
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                 _("There is no printer at %s. Check that it is plugged in and switched on."), path);
  else if (saved_errno == EACCES || saved_errno == EPERM)
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                 _("Not allowed to print to %s. Add this user to the “lp” group and log in again."), path);
  else
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                 _("The printer at %s did not take the job (%s). Check that it is on and has paper."),
                 path, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
send_to_host (const char    *target,
              GBytes        *data,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) local_error = NULL;
  GOutputStream *out;
  gsize len;
  const guint8 *bytes = g_bytes_get_data (data, &len);

  g_socket_client_set_timeout (client, TH_ESCPOS_TIMEOUT_SECONDS);
  connection = g_socket_client_connect_to_host (client, target, 9100, cancellable, &local_error);
  if (connection == NULL)
    {
      g_set_error (error, G_IO_ERROR, local_error->code,
                   _("The printer at %s did not answer; check it is on, connected and has paper."), target);
      return FALSE;
    }
  out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  if (!g_output_stream_write_all (out, bytes, len, NULL, cancellable, &local_error) ||
      !g_io_stream_close (G_IO_STREAM (connection), cancellable, &local_error))
    {
      g_set_error (error, G_IO_ERROR, local_error->code,
                   _("The printer at %s stopped taking the job (%s); check it has paper, then print again."),
                   target, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* HOST, HOST:PORT or [IPV6]:PORT, where HOST is an address or a name;
 * checked here so that a typo is reported as such, not as a printer that
 * does not answer after a DNS look-up. */
static gboolean
is_host_and_port (const char *target)
{
  g_autofree char *host = NULL;
  const char *colon = strrchr (target, ':');
  const char *end = target + strlen (target);

  if (*target == '[')
    {
      const char *close = strchr (target, ']');

      if (close == NULL || (close[1] != '\0' && close[1] != ':'))
        return FALSE;
      host = g_strndup (target + 1, (gsize) (close - target - 1));
      colon = close[1] == ':' ? close + 1 : NULL;
      return g_hostname_is_ip_address (host) &&
             (colon == NULL || (colon[1] && strspn (colon + 1, "0123456789") == strlen (colon + 1) &&
                                atoi (colon + 1) > 0 && atoi (colon + 1) < 65536));
    }
  if (colon)
    {
      const char *port = colon + 1;

      if (*port == '\0' || strlen (port) > 5 || strspn (port, "0123456789") != strlen (port) ||
          atoi (port) <= 0 || atoi (port) > 65535)
        return FALSE;
      end = colon;
    }
  host = g_strndup (target, (gsize) (end - target));
  return *host && strspn (host, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-") == strlen (host);
}

gboolean
th_escpos_send (const char    *target,
                GBytes        *data,
                GCancellable  *cancellable,
                GError       **error)
{
  g_return_val_if_fail (target != NULL, FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  if (strchr (target, '/'))
    return send_to_file (target, data, error);
  if (!is_host_and_port (target))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is neither a printer device (such as /dev/usb/lp0) nor HOST:PORT "
                     "(such as 192.168.1.50:9100)."), target);
      return FALSE;
    }
  return send_to_host (target, data, cancellable, error);
}
