/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "th-print-doc.h"

G_BEGIN_DECLS

/* A GtkPrintOperation for @doc, to any CUPS printer through the print
 * dialog (or exported to PDF): the paper is a custom GtkPaperSize of the
 * medium's real size, with no margins of GTK's own, and each page is drawn
 * by the document's own draw function, as for its PDF and raster. A roll's
 * pages each get their own height. */
GtkPrintOperation *th_print_operation_new (ThPrintDoc *doc);

G_END_DECLS
