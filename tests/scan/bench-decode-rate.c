/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How many of 252 distorted codes the app reads from pictures (the "scan
 * from image" and tihuo-cli decode path), against zbarimg on the same PNG
 * files. The app must read at least as many: this benchmark fails if not.
 * Nothing here is timed against a limit. */
#include "config.h"

#include <locale.h>

#include <glib/gstdio.h>
#include <math.h>

#include "th-qr-decoder-private.h"
#include "th-qr-image.h"
#include "th-qr-synth.h"

#define WIDTH 640
#define HEIGHT 480
#define PER_CATEGORY 36
#define N_PASSES 5

static const char *categories[] = {
  "rotation", "perspective", "blur", "low contrast", "glare", "small", "mixed",
};

typedef struct {
  guint n, zbarimg, tihuo, wrong;
  guint passes[N_PASSES];
  double tihuo_ms;
} Tally;

/* One picture of @category; the code's text goes to @text. */
static ThGray *
make_picture (guint    category,
              GRand   *rand,
              char   **text)
{
  g_autoptr(ThGray) gray = th_gray_new (WIDTH, HEIGHT, 0);
  double module = g_rand_double_range (rand, 4, 6), angle = g_rand_double_range (rand, -8, 8);
  double perspective = g_rand_double_range (rand, -0.05, 0.05), noise = g_rand_double_range (rand, 2, 5);
  int dark = g_rand_int_range (rand, 20, 60), light = g_rand_int_range (rand, 190, 235), blur = 0;
  double size, cx, cy;
  ThQuad quad;

  *text = th_synth_random_code (rand);
  switch (category)
    {
    case 0: /* rotation */
      angle = g_rand_double_range (rand, 0, 360);
      break;
    case 1: /* perspective: a phone tilted away, at any turn. zbar gives up
             * on a keystone much past 0.14, whatever the picture. */
      perspective = g_rand_double_range (rand, 0.06, 0.17) * (g_rand_boolean (rand) ? 1 : -1);
      angle = g_rand_double_range (rand, 0, 360);
      break;
    case 2: /* blur: out of focus */
      module = g_rand_double_range (rand, 5, 7);
      blur = g_rand_int_range (rand, 2, 5);
      break;
    case 3: /* low contrast: a dim screen under shop lights */
      {
        int level = g_rand_int_range (rand, 70, 190), spread = g_rand_int_range (rand, 10, 36);
        dark = level - spread / 2;
        light = level + spread / 2;
        noise = g_rand_double_range (rand, 1.5, 3.5);
      }
      break;
    case 5: /* small: a code far off, or a thumbnail */
      module = g_rand_double_range (rand, 1.0, 2.2);
      noise = g_rand_double_range (rand, 1, 3);
      break;
    case 6: /* mixed: a bit of everything */
      angle = g_rand_double_range (rand, 0, 360);
      perspective = g_rand_double_range (rand, -0.12, 0.12);
      blur = 1;
      noise = 7;
      dark = g_rand_int_range (rand, 50, 90);
      light = dark + g_rand_int_range (rand, 50, 90);
      break;
    default:
      break;
    }

  size = module * (41 + 8);
  cx = g_rand_double_range (rand, size * 0.6, WIDTH - size * 0.6);
  cy = g_rand_double_range (rand, MIN (size * 0.6, HEIGHT / 2.0), MAX (HEIGHT - size * 0.6, HEIGHT / 2.0));
  quad = th_synth_quad (cx, cy, size, angle, perspective);
  th_synth_background (gray, rand, (guint8) g_rand_int_range (rand, 150, 240), category == 6);
  th_synth_draw_qr (gray, *text, &quad, (guint8) dark, (guint8) light);
  if (category == 4)
    {
      /* Glare: a bright blob over part of the code, and a lighting slope. */
      double corner = g_rand_double_range (rand, 0, 2 * G_PI);
      th_synth_glare (gray, cx + cos (corner) * size * 0.3, cy + sin (corner) * size * 0.3,
                      size * g_rand_double_range (rand, 0.5, 1.0), g_rand_double_range (rand, 180, 320));
      th_synth_glare (gray, 0, 0, hypot (WIDTH, HEIGHT), g_rand_double_range (rand, 30, 80));
    }
  th_synth_blur (gray, blur);
  th_synth_noise (gray, rand, noise);
  return g_steal_pointer (&gray);
}

static gboolean
zbarimg_reads (const char *path,
               const char *text)
{
  const char *argv[] = { "zbarimg", "--quiet", "--raw", path, NULL };
  g_autoptr(GSubprocess) p = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;

  p = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  if (p == NULL || !g_subprocess_communicate_utf8 (p, NULL, NULL, &out, NULL, &error))
    g_error ("zbarimg: %s (install zbar-tools)", error->message);
  lines = g_strsplit (out ? out : "", "\n", -1);
  return g_strv_contains ((const char * const *) lines, text);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (146);
  g_autoptr(ThQrDecoder) decoder = th_qr_decoder_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tihuo-bench-rate-XXXXXX", &error);
  Tally tally[G_N_ELEMENTS (categories)] = { { 0 } }, total = { 0 };
  g_autoptr(GString) misses = g_string_new (NULL);

  setlocale (LC_ALL, "");
  g_assert_no_error (error);
  for (guint c = 0; c < G_N_ELEMENTS (categories); c++)
    for (guint i = 0; i < PER_CATEGORY; i++)
      {
        g_autofree char *text = NULL;
        g_autoptr(ThGray) gray = make_picture (c, rand, &text);
        g_autofree char *name = g_strdup_printf ("%u-%02u.png", c, i);
        g_autofree char *path = g_build_filename (dir, name, NULL);
        g_autoptr(GFile) file = g_file_new_for_path (path);
        g_autoptr(GPtrArray) texts = NULL;
        g_autoptr(GPtrArray) again = NULL;
        gboolean ours, theirs;
        gint64 start;

        if (!th_gray_save_png (gray, path, &error))
          g_error ("%s", error->message);

        start = g_get_monotonic_time ();
        texts = th_qr_decode_file (file, NULL, NULL);
        tally[c].tihuo_ms += (g_get_monotonic_time () - start) / 1000.0;
        ours = texts != NULL && g_ptr_array_find_with_equal_func (texts, text, g_str_equal, NULL);
        tally[c].wrong += texts != NULL ? texts->len - (ours ? 1 : 0) : 0;
        theirs = zbarimg_reads (path, text);

        /* Which passes read it: the same pixels, straight to the decoder. */
        again = th_qr_decoder_decode_image (decoder, gray->data, WIDTH, HEIGHT, WIDTH);
        for (guint p = 0; p < N_PASSES; p++)
          tally[c].passes[p] += (_th_qr_decoder_get_image_passes (decoder) >> p) & 1;

        tally[c].n++;
        tally[c].tihuo += ours;
        tally[c].zbarimg += theirs;
        if (theirs && !ours)
          g_string_append_printf (misses, " %s", name);
        g_unlink (path);
      }
  g_rmdir (dir);

  g_print ("Decode rate on %u generated %d×%d pictures (signed codes, QR version 6)\n",
           (guint) G_N_ELEMENTS (categories) * PER_CATEGORY, WIDTH, HEIGHT);
  g_print ("  %-13s %5s %8s %8s %6s %9s   first read by pass: plain bin bin-faint half ×2-bin\n",
           "category", "n", "zbarimg", "tihuo", "wrong", "ms/image");
  for (guint c = 0; c <= G_N_ELEMENTS (categories); c++)
    {
      Tally *t = c < G_N_ELEMENTS (categories) ? &tally[c] : &total;

      if (c < G_N_ELEMENTS (categories))
        {
          total.n += t->n;
          total.zbarimg += t->zbarimg;
          total.tihuo += t->tihuo;
          total.wrong += t->wrong;
          total.tihuo_ms += t->tihuo_ms;
          for (guint p = 0; p < N_PASSES; p++)
            total.passes[p] += t->passes[p];
        }
      g_print ("  %-13s %5u %8u %8u %6u %9.1f   %u %u %u %u %u\n",
               c < G_N_ELEMENTS (categories) ? categories[c] : "all", t->n, t->zbarimg, t->tihuo,
               t->wrong, t->tihuo_ms / t->n, t->passes[0], t->passes[1], t->passes[2], t->passes[3],
               t->passes[4]);
    }
  g_print ("  zbarimg read %.1f%%, tihuo %.1f%%\n", 100.0 * total.zbarimg / total.n,
           100.0 * total.tihuo / total.n);
  if (misses->len > 0)
    g_print ("  read by zbarimg only:%s\n", misses->str);

  if (total.tihuo < total.zbarimg)
    {
      g_printerr ("FAIL: tihuo read fewer codes than zbarimg\n");
      return 1;
    }
  return 0;
}
