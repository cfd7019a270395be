/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The scan branch on its own, without GTK: frames pushed faster than zbar
 * can read them are dropped, never queued, and a code in every frame is
 * reported once, on the main thread. */
#include "config.h"

#include <gst/app/gstappsrc.h>

#include "th-frame-scanner.h"
#include "th-qr-synth.h"

#define N_FRAMES 60

typedef struct {
  GPtrArray *codes;
  GThread   *main_thread;
  gboolean   done;
} Results;

static void
code_decoded_cb (ThFrameScanner *scanner,
                 const char     *text,
                 Results        *results)
{
  g_assert_true (g_thread_self () == results->main_thread);
  g_ptr_array_add (results->codes, g_strdup (text));
}

static gboolean
bus_cb (GstBus     *bus,
        GstMessage *message,
        gpointer    user_data)
{
  Results *results = user_data;

  if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR)
    {
      g_autoptr(GError) error = NULL;
      gst_message_parse_error (message, &error, NULL);
      g_error ("pipeline: %s", error->message);
    }
  if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_EOS)
    results->done = TRUE;
  return G_SOURCE_CONTINUE;
}

static void
test_drop_and_suppress (void)
{
  g_autoptr(GRand) scene = g_rand_new_with_seed (11);
  g_autoptr(GRand) noise = g_rand_new_with_seed (12);
  g_autofree char *text = th_synth_random_code (scene);
  g_autoptr(ThGray) frame = th_synth_camera_frame (1280, 720, text, 6, scene, noise);
  g_autoptr(ThFrameScanner) scanner = th_frame_scanner_new ();
  g_autoptr(GstElement) pipeline = gst_object_ref_sink (gst_pipeline_new (NULL));
  GstElement *src = gst_element_factory_make ("appsrc", NULL);
  g_autoptr(GstCaps) caps = gst_caps_from_string ("video/x-raw, format=GRAY8, width=1280, height=720, "
                                                  "framerate=30/1");
  g_autoptr(GstBus) bus = gst_pipeline_get_bus (GST_PIPELINE (pipeline));
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  Results results = { codes, g_thread_self (), FALSE };
  ThFrameScannerStats stats;
  guint watch;

  g_object_set (src, "caps", caps, "format", GST_FORMAT_TIME, NULL);
  gst_bin_add_many (GST_BIN (pipeline), src, th_frame_scanner_get_element (scanner), NULL);
  g_assert_true (gst_element_link (src, th_frame_scanner_get_element (scanner)));
  g_signal_connect (scanner, "code-decoded", G_CALLBACK (code_decoded_cb), &results);
  watch = gst_bus_add_watch (bus, bus_cb, &results);

  th_frame_scanner_start (scanner);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  /* All at once, far faster than 30 a second. */
  for (guint i = 0; i < N_FRAMES; i++)
    {
      GstBuffer *buffer = gst_buffer_new_memdup (frame->data, (gsize) 1280 * 720);

      GST_BUFFER_PTS (buffer) = i * GST_SECOND / 30;
      g_assert_cmpint (gst_app_src_push_buffer (GST_APP_SRC (src), buffer), ==, GST_FLOW_OK);
    }
  gst_app_src_end_of_stream (GST_APP_SRC (src));
  while (!results.done)
    g_main_context_iteration (NULL, TRUE);

  th_frame_scanner_stop (scanner);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  th_frame_scanner_get_stats (scanner, &stats);
  g_test_message ("%u frames reached the sink, %u decoded, %u codes; %.1f ms a frame",
                  stats.frames, stats.decoded, stats.reads,
                  stats.decoded ? stats.decode_usec / 1000.0 / stats.decoded : 0.0);

  g_assert_cmpuint (stats.decoded, >=, 1);
  g_assert_cmpuint (stats.decoded, <=, stats.frames);
  g_assert_cmpuint (stats.decoded, <, N_FRAMES);
  g_assert_cmpuint (codes->len, ==, 1);
  g_assert_cmpstr (codes->pdata[0], ==, text);
  g_assert_cmpuint (stats.reads, ==, 1);

  g_source_remove (watch);
  gst_bin_remove (GST_BIN (pipeline), th_frame_scanner_get_element (scanner));
  g_assert_finalize_object (g_steal_pointer (&scanner));
}

/* Disposed while codes are still on their way to the main thread. */
static void
test_dispose_early (void)
{
  ThFrameScanner *scanner = th_frame_scanner_new ();

  th_frame_scanner_start (scanner);
  th_frame_scanner_reset (scanner);
  g_assert_finalize_object (scanner);
}

int
main (int   argc,
      char *argv[])
{
  gst_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tihuo/frame-scanner/drop-and-suppress", test_drop_and_suppress);
  g_test_add_func ("/tihuo/frame-scanner/dispose-early", test_dispose_early);

  return g_test_run ();
}
