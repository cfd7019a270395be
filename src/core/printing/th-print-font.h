/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "Sans Bold 3.5px": a Pango font @size_units user units tall (millimetres
 * on a ThPrintDoc page), whatever the locale's decimal point. */
char *th_print_font (const char *family_and_style,
                     double      size_units);

G_END_DECLS
