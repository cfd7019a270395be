/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gst/app/gstappsink.h>
#include <gst/video/video.h>

#include "th-code-suppressor.h"
#include "th-frame-scanner.h"
#include "th-qr-decoder.h"

/* What the worker thread shares with the object. The worker never touches
 * the GObject: deliveries reach it through `owner`, which only the main
 * thread reads or writes, so disposing the scanner while codes are on
 * their way is safe. */
typedef struct {
  GMutex               lock;
  GCond                cond;
  gboolean             stop;
  gboolean             reset;
  ThFrameScannerStats  stats;    /* under lock, but for `frames` */
  gint                *frames;   /* atomic rc box, shared with the sink's probe */
  GstAppSink          *sink;
  GMainContext        *context;
  ThFrameScanner      *owner;    /* main thread only */
} Shared;

typedef struct {
  Shared *shared;
  char   *text;
} Delivery;

struct _ThFrameScanner
{
  GObject     parent_instance;

  Shared     *shared;
  GstElement *bin;
  GThread    *worker;
};

G_DEFINE_FINAL_TYPE (ThFrameScanner, th_frame_scanner, G_TYPE_OBJECT)

enum {
  CODE_DECODED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Any 8-bit format whose first plane is luma can be read without
 * conversion; cameras mostly send one of these. */
#define SCAN_CAPS "video/x-raw, format=(string){ GRAY8, I420, YV12, NV12, NV21, Y42B, Y444 }"

static void
shared_clear (gpointer data)
{
  Shared *shared = data;

  g_mutex_clear (&shared->lock);
  g_cond_clear (&shared->cond);
  gst_clear_object (&shared->sink);
  g_atomic_rc_box_release (shared->frames);
  g_main_context_unref (shared->context);
}

static void
delivery_free (gpointer data)
{
  Delivery *d = data;

  g_atomic_rc_box_release_full (d->shared, shared_clear);
  g_free (d->text);
  g_free (d);
}

static gboolean
deliver (gpointer data)
{
  Delivery *d = data;

  if (d->shared->owner != NULL)
    g_signal_emit (d->shared->owner, signals[CODE_DECODED], 0, d->text);
  return G_SOURCE_REMOVE;
}

static void
post_code (Shared     *shared,
           const char *text)
{
  /* An explicit source rather than g_main_context_invoke(), which would run
   * the callback right here if the main thread happened to be idle. */
  g_autoptr(GSource) source = g_idle_source_new ();
  Delivery *d = g_new0 (Delivery, 1);

  d->shared = g_atomic_rc_box_acquire (shared);
  d->text = g_strdup (text);
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, deliver, d, delivery_free);
  g_source_set_static_name (source, "[tihuo] code decoded");
  g_source_attach (source, shared->context);
}

static void
decode_sample (Shared           *shared,
               ThQrDecoder      *decoder,
               ThCodeSuppressor *suppressor,
               GstSample        *sample)
{
  GstVideoInfo info;
  GstVideoFrame frame;
  g_autoptr(GPtrArray) texts = NULL;
  gint64 start, now;
  guint reads = 0;

  if (!gst_video_info_from_caps (&info, gst_sample_get_caps (sample)) ||
      !gst_video_frame_map (&frame, &info, gst_sample_get_buffer (sample), GST_MAP_READ))
    return;

  start = g_get_monotonic_time ();
  texts = th_qr_decoder_decode_frame (decoder, GST_VIDEO_FRAME_PLANE_DATA (&frame, 0),
                                      GST_VIDEO_FRAME_WIDTH (&frame), GST_VIDEO_FRAME_HEIGHT (&frame),
                                      GST_VIDEO_FRAME_PLANE_STRIDE (&frame, 0));
  now = g_get_monotonic_time ();
  gst_video_frame_unmap (&frame);

  for (guint i = 0; i < texts->len; i++)
    if (th_code_suppressor_check (suppressor, texts->pdata[i], now))
      {
        post_code (shared, texts->pdata[i]);
        reads++;
      }

  g_mutex_lock (&shared->lock);
  shared->stats.decoded++;
  shared->stats.reads += reads;
  shared->stats.decode_usec += now - start;
  g_mutex_unlock (&shared->lock);
}

static gpointer
worker_main (gpointer data)
{
  Shared *shared = data;
  g_autoptr(ThQrDecoder) decoder = th_qr_decoder_new ();
  g_autoptr(ThCodeSuppressor) suppressor = th_code_suppressor_new (TH_CODE_SUPPRESS_USEC);

  for (;;)
    {
      g_autoptr(GstSample) sample = NULL;
      gboolean stop, reset;
      gint64 asked;

      g_mutex_lock (&shared->lock);
      stop = shared->stop;
      reset = shared->reset;
      shared->reset = FALSE;
      g_mutex_unlock (&shared->lock);
      if (stop)
        break;
      if (reset)
        th_code_suppressor_reset (suppressor);

      asked = g_get_monotonic_time ();
      sample = gst_app_sink_try_pull_sample (shared->sink, 100 * GST_MSECOND);
      if (sample != NULL)
        {
          decode_sample (shared, decoder, suppressor, sample);
          continue;
        }
      /* A stopped or finished sink answers at once; don't spin on it. */
      if (g_get_monotonic_time () - asked < 10 * G_TIME_SPAN_MILLISECOND)
        {
          g_mutex_lock (&shared->lock);
          if (!shared->stop)
            g_cond_wait_until (&shared->cond, &shared->lock,
                               g_get_monotonic_time () + 50 * G_TIME_SPAN_MILLISECOND);
          g_mutex_unlock (&shared->lock);
        }
    }

  g_atomic_rc_box_release_full (shared, shared_clear);
  return NULL;
}

static GstPadProbeReturn
frame_arrived_cb (GstPad          *pad,
                  GstPadProbeInfo *info,
                  gpointer         user_data)
{
  g_atomic_int_inc ((gint *) user_data);
  return GST_PAD_PROBE_OK;
}

static GstElement *
make_bin (Shared *shared)
{
  GstElement *bin = gst_bin_new ("scan-branch");
  GstElement *queue = gst_element_factory_make ("queue", NULL);
  GstElement *convert = gst_element_factory_make ("videoconvert", NULL);
  GstElement *filter = gst_element_factory_make ("capsfilter", NULL);
  GstElement *sink = gst_element_factory_make ("appsink", NULL);
  g_autoptr(GstCaps) caps = gst_caps_from_string (SCAN_CAPS);
  g_autoptr(GstPad) queue_sink = NULL;
  g_autoptr(GstPad) sink_pad = NULL;

  /* Core and plugins-base elements: their absence is a broken install. */
  g_assert (queue != NULL && convert != NULL && filter != NULL && sink != NULL);

  /* Old frames are worthless to a scanner: keep one, drop the rest. */
  g_object_set (queue, "max-size-buffers", 1, "max-size-bytes", 0, "max-size-time", (guint64) 0, NULL);
  gst_util_set_object_arg (G_OBJECT (queue), "leaky", "downstream");
  g_object_set (filter, "caps", caps, NULL);
  g_object_set (sink, "max-buffers", 1, "drop", TRUE, "sync", FALSE, "enable-last-sample", FALSE, NULL);

  gst_bin_add_many (GST_BIN (bin), queue, convert, filter, sink, NULL);
  if (!gst_element_link_many (queue, convert, filter, sink, NULL))
    g_assert_not_reached ();
  queue_sink = gst_element_get_static_pad (queue, "sink");
  gst_element_add_pad (bin, gst_ghost_pad_new ("sink", queue_sink));

  sink_pad = gst_element_get_static_pad (sink, "sink");
  /* The probe gets the counter alone: the sink holding the shared state
   * that holds the sink would be a cycle. */
  gst_pad_add_probe (sink_pad, GST_PAD_PROBE_TYPE_BUFFER, frame_arrived_cb,
                     g_atomic_rc_box_acquire (shared->frames), (GDestroyNotify) g_atomic_rc_box_release);
  shared->sink = GST_APP_SINK (gst_object_ref (sink));
  return bin;
}

static void
th_frame_scanner_dispose (GObject *object)
{
  ThFrameScanner *self = TH_FRAME_SCANNER (object);

  th_frame_scanner_stop (self);
  if (self->shared != NULL)
    {
      self->shared->owner = NULL;
      g_atomic_rc_box_release_full (g_steal_pointer (&self->shared), shared_clear);
    }
  gst_clear_object (&self->bin);

  G_OBJECT_CLASS (th_frame_scanner_parent_class)->dispose (object);
}

static void
th_frame_scanner_class_init (ThFrameScannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = th_frame_scanner_dispose;

  /* The CLI and most of the app never need GStreamer: it starts here, with
   * the first camera. */
  if (!gst_is_initialized ())
    gst_init (NULL, NULL);

  /**
   * ThFrameScanner::code-decoded:
   * @text: the code's text, as zbar read it
   *
   * A code was read, and not in the last 3 seconds. Emitted on the main
   * thread.
   */
  signals[CODE_DECODED] = g_signal_new ("code-decoded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
th_frame_scanner_init (ThFrameScanner *self)
{
  self->shared = g_atomic_rc_box_new0 (Shared);
  g_mutex_init (&self->shared->lock);
  g_cond_init (&self->shared->cond);
  self->shared->frames = g_atomic_rc_box_new0 (gint);
  self->shared->context = g_main_context_ref_thread_default ();
  self->shared->owner = self;
  self->bin = gst_object_ref_sink (make_bin (self->shared));
}

ThFrameScanner *
th_frame_scanner_new (void)
{
  return g_object_new (TH_TYPE_FRAME_SCANNER, NULL);
}

GstElement *
th_frame_scanner_get_element (ThFrameScanner *self)
{
  g_return_val_if_fail (TH_IS_FRAME_SCANNER (self), NULL);

  return self->bin;
}

void
th_frame_scanner_start (ThFrameScanner *self)
{
  g_return_if_fail (TH_IS_FRAME_SCANNER (self));

  if (self->worker != NULL)
    return;
  g_mutex_lock (&self->shared->lock);
  self->shared->stop = FALSE;
  g_mutex_unlock (&self->shared->lock);
  self->worker = g_thread_new ("tihuo-qr", worker_main, g_atomic_rc_box_acquire (self->shared));
}

void
th_frame_scanner_stop (ThFrameScanner *self)
{
  g_return_if_fail (TH_IS_FRAME_SCANNER (self));

  if (self->worker == NULL)
    return;
  g_mutex_lock (&self->shared->lock);
  self->shared->stop = TRUE;
  g_cond_signal (&self->shared->cond);
  g_mutex_unlock (&self->shared->lock);
  g_thread_join (g_steal_pointer (&self->worker));
}

void
th_frame_scanner_reset (ThFrameScanner *self)
{
  g_return_if_fail (TH_IS_FRAME_SCANNER (self));

  g_mutex_lock (&self->shared->lock);
  self->shared->reset = TRUE;
  g_mutex_unlock (&self->shared->lock);
}

void
th_frame_scanner_get_stats (ThFrameScanner      *self,
                            ThFrameScannerStats *stats)
{
  g_return_if_fail (TH_IS_FRAME_SCANNER (self));
  g_return_if_fail (stats != NULL);

  g_mutex_lock (&self->shared->lock);
  *stats = self->shared->stats;
  g_mutex_unlock (&self->shared->lock);
  stats->frames = (guint) g_atomic_int_get (self->shared->frames);
}
