/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "th-print-doc.h"

G_BEGIN_DECLS

/* The longest band of rows one `GS v 0` command carries: many cheap
 * printers drop a taller image without a word. */
#define TH_ESCPOS_BAND_ROWS 255
/* How long a network printer has to accept the connection and the job. */
#define TH_ESCPOS_TIMEOUT_SECONDS 5

/* ESC @, then each raster as `GS v 0` bands, then a feed and a partial cut
 * (`GS V 1`) after each page. */
GBytes   *th_escpos_encode_rasters (ThRaster * const  *rasters,
                                    guint              n_rasters);
/* Every page of @doc, rendered at 203 dpi and encoded as above. */
GBytes   *th_escpos_encode_doc     (ThPrintDoc        *doc,
                                    GError           **error);

/* Sends @data to @target: a device or file path (anything with a '/',
 * e.g. /dev/usb/lp0) or a network printer as HOST:PORT (HOST alone means
 * port 9100). Errors are translated and say what to check; a @target that
 * can be neither is G_IO_ERROR_INVALID_ARGUMENT. */
gboolean  th_escpos_send           (const char        *target,
                                    GBytes            *data,
                                    GCancellable      *cancellable,
                                    GError           **error);

G_END_DECLS
