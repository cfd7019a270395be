/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gio/gio.h>

G_BEGIN_DECLS

/* QR codes in a picture: a file the staff opened, a screenshot pasted from
 * a chat, or tihuo-cli decode. Every pass of th_qr_decoder_decode_image()
 * runs, so all the codes in the picture come back (GPtrArray of UTF-8
 * strings, in reading order).
 *
 * Errors are in TH_SCAN_ERROR, translated and ready to show: NO_CODE for a
 * picture without a code, UNREADABLE_IMAGE for a file that is not a picture
 * or is damaged; G_IO_ERROR when the file cannot be opened at all. No GTK
 * here: a GdkTexture from the clipboard goes in as PNG bytes
 * (gdk_texture_save_to_png_bytes()). */

/* Refuses (TH_SCAN_ERROR_TOO_LARGE) a picture of @width × @height above
 * TH_MAX_IMAGE_PIXELS, before anything of that size is allocated. */
gboolean   th_qr_image_check_size    (gint64                width,
                                      gint64                height,
                                      const char           *name,
                                      GError              **error);
/* Returns no code for a picture above the limit. */
GPtrArray *th_qr_decode_pixbuf       (GdkPixbuf            *pixbuf);
GPtrArray *th_qr_decode_file         (GFile                *file,
                                      GCancellable         *cancellable,
                                      GError              **error);
GPtrArray *th_qr_decode_bytes        (GBytes               *bytes,
                                      GCancellable         *cancellable,
                                      GError              **error);

/* The same, on a worker thread: decoding a photo can take a second. */
void       th_qr_decode_file_async   (GFile                *file,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
GPtrArray *th_qr_decode_file_finish  (GAsyncResult         *result,
                                      GError              **error);

G_END_DECLS
