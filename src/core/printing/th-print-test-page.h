/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "th-print-doc.h"

G_BEGIN_DECLS

/* The printer self-test page, on any medium: 中文, 繁體 and the ¥ sign (the
 * text cheap printers get wrong), a QR code and a millimetre ruler to check
 * the scale. */
#define TH_PRINT_TEST_QR "12345678"

ThPrintDoc *th_print_test_page_doc_new (const ThPrintMedium *medium);

G_END_DECLS
