/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "th-case.h"

G_BEGIN_DECLS

/* How the ledger and the case window put a case into words. */
char *th_case_format_title   (const ThCase          *c);
char *th_case_format_due     (const ThCase          *c,
                              const ThCaseDeadlines *deadlines,
                              gint64                 now);
char *th_case_format_lines   (const ThCase          *c);

G_END_DECLS
