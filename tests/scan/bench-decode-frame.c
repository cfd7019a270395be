/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Time per camera frame for each decoding strategy, on generated noisy
 * frames at 640×480, 1280×720 and 1920×1080. The budget is 15 ms for 720p
 * on one core; this prints figures and asserts nothing about time.
 *
 * Each scene is a code held still for three frames (fresh sensor noise
 * each), so the scheduled strategy's full-size frame is in every scene.
 * TIHUO_BENCH_SCENES changes the number of scenes (default 40). */
#include "config.h"

#include <locale.h>

#include <time.h>

#include "th-qr-decoder-private.h"
#include "th-qr-synth.h"

#define FRAMES_PER_SCENE 3

typedef struct {
  GArray *cpu_ms;      /* of double */
  GArray *wall_ms;
  guint   frames_read;
  guint   scenes_read;
} Figures;

static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *values,
            double  p)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, MIN ((guint) (p * values->len), values->len - 1));
}

static void
bench_size (int   width,
            int   height,
            guint scenes)
{
  Figures figures[TH_QR_N_FRAME_STRATEGIES];
  ThQrDecoder *decoders[TH_QR_N_FRAME_STRATEGIES];
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261121 + width);
  double scale = height / 720.0;

  for (guint s = 0; s < TH_QR_N_FRAME_STRATEGIES; s++)
    {
      figures[s].cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
      figures[s].wall_ms = g_array_new (FALSE, FALSE, sizeof (double));
      figures[s].frames_read = figures[s].scenes_read = 0;
      decoders[s] = th_qr_decoder_new ();
      _th_qr_decoder_set_frame_strategy (decoders[s], s);
    }

  for (guint scene = 0; scene < scenes; scene++)
    {
      g_autofree char *text = th_synth_random_code (rand);
      /* A phone 20 to 40 cm from a laptop camera: modules of 3.5 to 7
       * pixels at 720p. */
      double module = g_rand_double_range (rand, 3.5, 7.0) * scale;
      guint32 seed = g_rand_int (rand);
      gboolean read[TH_QR_N_FRAME_STRATEGIES] = { FALSE };

      for (guint f = 0; f < FRAMES_PER_SCENE; f++)
        {
          /* The same scene each time; only the noise differs. */
          g_autoptr(GRand) scene_rand = g_rand_new_with_seed (seed);
          g_autoptr(ThGray) frame = th_synth_camera_frame (width, height, text, module, scene_rand, rand);

          for (guint s = 0; s < TH_QR_N_FRAME_STRATEGIES; s++)
            {
              double cpu = thread_cpu_ms ();
              gint64 wall = g_get_monotonic_time ();
              g_autoptr(GPtrArray) texts =
                th_qr_decoder_decode_frame (decoders[s], frame->data, width, height, width);
              double cpu_ms = thread_cpu_ms () - cpu;
              double wall_ms = (g_get_monotonic_time () - wall) / 1000.0;
              gboolean ok = texts->len == 1 && g_str_equal (texts->pdata[0], text);

              g_array_append_val (figures[s].cpu_ms, cpu_ms);
              g_array_append_val (figures[s].wall_ms, wall_ms);
              figures[s].frames_read += ok;
              read[s] |= ok;
            }
        }
      for (guint s = 0; s < TH_QR_N_FRAME_STRATEGIES; s++)
        figures[s].scenes_read += read[s];
    }

  g_print ("\n%d×%d, %u scenes of %d frames (CPU time of the decoding thread, ms)\n",
           width, height, scenes, FRAMES_PER_SCENE);
  g_print ("  %-10s %8s %8s %8s %9s %11s %12s\n", "strategy", "median", "p95", "max", "wall med",
           "frames read", "scenes read");
  for (guint s = 0; s < TH_QR_N_FRAME_STRATEGIES; s++)
    {
      double median = percentile (figures[s].cpu_ms, 0.5);
      double p95 = percentile (figures[s].cpu_ms, 0.95);
      double max = percentile (figures[s].cpu_ms, 1.0);

      g_print ("  %-10s %8.2f %8.2f %8.2f %9.2f %7u/%-3u %8u/%-3u%s\n",
               _th_qr_frame_strategy_name (s), median, p95, max, percentile (figures[s].wall_ms, 0.5),
               figures[s].frames_read, scenes * FRAMES_PER_SCENE, figures[s].scenes_read, scenes,
               s == TH_QR_FRAME_SCHEDULED ? "  ← the app" : "");
      g_array_unref (figures[s].cpu_ms);
      g_array_unref (figures[s].wall_ms);
      g_object_unref (decoders[s]);
    }
}

int
main (int   argc,
      char *argv[])
{
  const char *env = g_getenv ("TIHUO_BENCH_SCENES");
  guint scenes = env ? (guint) g_ascii_strtoull (env, NULL, 10) : 40;

  setlocale (LC_ALL, "");
  g_print ("Camera frame decoding, one thread. Budget: 15 ms per 1280×720 frame.\n");
  bench_size (640, 480, scenes);
  bench_size (1280, 720, scenes);
  bench_size (1920, 1080, scenes);
  return 0;
}
