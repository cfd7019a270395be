/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Test pictures of QR codes, drawn at test time from libqrencode's module
 * matrix: no binary fixtures, and every distortion is reproducible from a
 * seed. */
typedef struct {
  int     width;
  int     height;
  guint8 *data;   /* GRAY8, stride == width */
} ThGray;

ThGray  *th_gray_new            (int            width,
                                 int            height,
                                 guint8         value);
void     th_gray_free           (ThGray        *gray);
gboolean th_gray_save_png       (const ThGray  *gray,
                                 const char    *path,
                                 GError       **error);

/* Corners of a code, quiet zone included, clockwise from the top left. */
typedef struct {
  double x[4];
  double y[4];
} ThQuad;

ThQuad   th_synth_quad          (double         cx,
                                 double         cy,
                                 double         size,
                                 double         angle_degrees,
                                 double         perspective);

/* Background with lighting falloff and, with @clutter, a few rectangles
 * and lines so the scanner meets edges that are not a code. */
void     th_synth_background    (ThGray        *gray,
                                 GRand         *rand,
                                 guint8         level,
                                 gboolean       clutter);
void     th_synth_draw_qr       (ThGray        *gray,
                                 const char    *text,
                                 const ThQuad  *quad,
                                 guint8         dark,
                                 guint8         light);
void     th_synth_blur          (ThGray        *gray,
                                 int            radius);
void     th_synth_noise         (ThGray        *gray,
                                 GRand         *rand,
                                 double         sigma);
void     th_synth_glare         (ThGray        *gray,
                                 double         cx,
                                 double         cy,
                                 double         radius,
                                 double         strength);

/* @text as a clean code on white, @module_px pixels a module, upright. */
ThGray  *th_synth_code_picture  (const char    *text,
                                 double         module_px);

/* A 146-character text shaped like a signed pickup code (TH1 + Base32). */
char    *th_synth_random_code   (GRand         *rand);

/* A camera-like frame: cluttered, unevenly lit, noisy, with one code whose
 * module is about @module_px pixels, slightly turned. The scene comes from
 * @scene and the sensor noise from @noise, so a scene can be filmed again. */
ThGray  *th_synth_camera_frame  (int            width,
                                 int            height,
                                 const char    *text,
                                 double         module_px,
                                 GRand         *scene,
                                 GRand         *noise);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThGray, th_gray_free)

G_END_DECLS
