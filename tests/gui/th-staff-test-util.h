/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by the staff, refund and after-sales window tests. */
#pragma once

#include "th-gui-test-util.h"
#include "th-order.h"
#include "th-test-aftersales.h"

G_BEGIN_DECLS

/* Besides the fixture's leader (TH_TEST_LEADER, signed in): */
#define TH_TEST_CASHIER        "cash"
#define TH_TEST_CASHIER_PIN    "2222"
#define TH_TEST_SUPERVISOR     "sup"
#define TH_TEST_SUPERVISOR_PIN "3333"

typedef gboolean (*ThGuiCondition) (gpointer data);

void      th_staff_test_add_team      (ThGuiFixture   *f);
void      th_staff_test_sign_in_as    (ThGuiFixture   *f,
                                       const char     *name);
/* An order still wholly to hand over, with at least @n_lines lines. */
ThOrder  *th_staff_test_open_order    (ThGuiFixture   *f,
                                       guint           n_lines);
/* The one presented window of @type, e.g. a dialog an action opened. */
gpointer  th_staff_test_find_window   (GType           type);
/* Runs the main loop until @done says so, for at most 20 s. */
void      th_staff_test_wait          (ThGuiCondition  done,
                                       gpointer        data,
                                       const char     *what);
/* Closes @window and drops the caller's reference, checking that nothing
 * else holds it. */
void      th_staff_test_close         (gpointer        window);

G_END_DECLS
