/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "th-demo.h"
#include "th-test-util.h"
#include "th-window.h"

G_BEGIN_DECLS

/* A fresh temporary station database seeded as the demo station, and a
 * counter window on it, presented under the test display, with the leader
 * TH_TEST_LEADER (th-test-aftersales.h) signed in. */
typedef struct {
  ThTestFixture  base;
  guint8         demo_key[64];
  gint64         now;
  ThWindow      *window;
  GPtrArray     *codes;      /* of ThDemoCode, made at set-up */
  gint64         clock_ms;   /* the scanner's clock: tests move it */
} ThGuiFixture;

void              th_gui_test_init        (int           *argc,
                                           char        ***argv);
void              th_gui_fixture_set_up   (ThGuiFixture  *f,
                                           gconstpointer  data);
void              th_gui_fixture_tear_down (ThGuiFixture *f,
                                           gconstpointer  data);
const ThDemoCode *th_gui_fixture_code     (ThGuiFixture  *f,
                                           ThDemoCodeCase which,
                                           gboolean       is_signed);

/* Key presses through the window's real key controller, as GTK delivers
 * them; @gap_ms between keys on the scanner's clock. */
gboolean          th_gui_press_key        (ThGuiFixture  *f,
                                           guint          keyval);
void              th_gui_type             (ThGuiFixture  *f,
                                           const char    *text,
                                           gint64         gap_ms);
void              th_gui_scan             (ThGuiFixture  *f,
                                           const char    *code);
void              th_gui_wait_released    (ThGuiFixture  *f);
void              th_gui_spin             (guint          ms);
/* Until the Counter page saved its hand-overs and undos (on a worker). */
void              th_gui_wait_saved       (ThWindow      *window);
guint             th_gui_count_rows       (GtkListBox    *list);
/* Rows the list's filter lets through. */
guint             th_gui_count_shown_rows (GtkListBox    *list);
GtkListBoxRow    *th_gui_nth_shown_row    (GtkListBox    *list,
                                           guint          n);

G_END_DECLS
