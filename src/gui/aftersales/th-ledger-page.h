/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "th-case.h"
#include "th-context.h"

G_BEGIN_DECLS

#define TH_TYPE_LEDGER_PAGE (th_ledger_page_get_type ())
G_DECLARE_FINAL_TYPE (ThLedgerPage, th_ledger_page, TH, LEDGER_PAGE, GtkWidget)

/* The date filter's choices, in the drop-down's order. */
typedef enum {
  TH_LEDGER_ANY_TIME,
  TH_LEDGER_TODAY,
  TH_LEDGER_LAST_7_DAYS,
  TH_LEDGER_LAST_30_DAYS,
  TH_LEDGER_THIS_MONTH,
  TH_LEDGER_LAST_MONTH,
} ThLedgerPeriod;

void        th_ledger_page_setup        (ThLedgerPage   *self,
                                         ThContext      *context);
void        th_ledger_page_reload       (ThLedgerPage   *self);
void        th_ledger_page_focus_search (ThLedgerPage   *self);
GtkListBox *th_ledger_page_get_list     (ThLedgerPage   *self);
guint       th_ledger_page_get_n_overdue (ThLedgerPage  *self);
/* The filters, as the drop-downs set them: a ThCaseStatus or -1, a
 * ThReason or -1, a SKU or NULL. */
void        th_ledger_page_set_filters  (ThLedgerPage   *self,
                                         int             status,
                                         int             category,
                                         const char     *sku,
                                         ThLedgerPeriod  period,
                                         gboolean        overdue_only);
void        th_ledger_page_set_search   (ThLedgerPage   *self,
                                         const char     *text);
GtkWindow  *th_ledger_page_open_case    (ThLedgerPage   *self,
                                         const char     *case_id);

G_END_DECLS
