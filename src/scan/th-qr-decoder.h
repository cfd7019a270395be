/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* zbar with only the QR symbology, behind two entry points:
 *
 * - decode_frame() for the camera: one fast pass per frame (≤ 15 ms for
 *   720p here), alternating between a half-size pass and a full-size one so
 *   that small codes are read too.
 * - decode_image() for a picture (scan from image, paste, tihuo-cli
 *   decode): every pass, so it reads whatever plain zbar reads and more.
 *
 * Both take GRAY8 pixels and return the texts found, in reading order,
 * without duplicates. A decoder is not thread-safe: give each thread its
 * own. It knows nothing of GTK. */
#define TH_TYPE_QR_DECODER (th_qr_decoder_get_type ())

G_DECLARE_FINAL_TYPE (ThQrDecoder, th_qr_decoder, TH, QR_DECODER, GObject)

ThQrDecoder *th_qr_decoder_new          (void);
GPtrArray   *th_qr_decoder_decode_frame (ThQrDecoder  *self,
                                         const guint8 *gray,
                                         int           width,
                                         int           height,
                                         int           stride);
GPtrArray   *th_qr_decoder_decode_image (ThQrDecoder  *self,
                                         const guint8 *gray,
                                         int           width,
                                         int           height,
                                         int           stride);

G_END_DECLS
