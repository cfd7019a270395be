/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "th-camera-view.h"
#include "th-counter-page.h"
#include "th-gui-test-util.h"

G_BEGIN_DECLS

/* The counter window fixture, with the camera off and on "auto" as on a
 * fresh install, a folder for pictures drawn during the test, and a count
 * of the Counter page's verdicts (each one plays the chime or the buzz). */
typedef struct {
  ThGuiFixture  gui;
  char         *pictures;
  guint         n_verified;
  gboolean      last_good;
} ThCameraFixture;

typedef gboolean (*ThCameraCondition) (ThCameraFixture *f);

void           th_camera_fixture_set_up    (ThCameraFixture   *f,
                                            gconstpointer      data);
void           th_camera_fixture_tear_down (ThCameraFixture   *f,
                                            gconstpointer      data);
ThCounterPage *th_camera_fixture_counter   (ThCameraFixture   *f);
ThCameraView  *th_camera_fixture_view      (ThCameraFixture   *f);
ThCamera      *th_camera_fixture_camera    (ThCameraFixture   *f);
/* A PNG of @text as a QR code, or a blank picture when @text is NULL. */
char          *th_camera_fixture_picture   (ThCameraFixture   *f,
                                            const char        *name,
                                            const char        *text);
/* Runs the main loop until @condition holds; fails after 30 s. */
void           th_camera_fixture_wait      (ThCameraFixture   *f,
                                            ThCameraCondition  condition,
                                            const char        *what);
/* Whether a label under @root shows @text somewhere in it. */
gboolean       th_camera_find_label        (GtkWidget         *root,
                                            const char        *text);
/* Windows shown besides the counter window, such as dialogs. */
guint          th_camera_count_other_windows (ThCameraFixture *f);

G_END_DECLS
