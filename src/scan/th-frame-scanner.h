/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

/* The scan branch of the camera pipeline, without GTK.
 *
 * th_frame_scanner_get_element() is a bin to link after a tee: a leaky
 * queue, a conversion to 8-bit luma and an appsink that keeps only the
 * newest frame. A worker thread pulls from it and decodes with
 * th_qr_decoder_decode_frame(), so frames that arrive while it is busy are
 * dropped rather than queued, and the camera never waits for zbar.
 *
 * Codes pass a ThCodeSuppressor (3 s), then ::code-decoded is emitted on
 * the main context that was the thread default when the scanner was made. */
#define TH_TYPE_FRAME_SCANNER (th_frame_scanner_get_type ())

G_DECLARE_FINAL_TYPE (ThFrameScanner, th_frame_scanner, TH, FRAME_SCANNER, GObject)

typedef struct {
  guint   frames;        /* frames that reached the scan branch's sink */
  guint   decoded;       /* frames the worker decoded; the rest were dropped */
  guint   reads;         /* codes reported after duplicate suppression */
  gint64  decode_usec;   /* total time spent decoding */
} ThFrameScannerStats;

ThFrameScanner *th_frame_scanner_new         (void);
GstElement     *th_frame_scanner_get_element (ThFrameScanner      *self);
/* Starts or joins the worker; the element can stay in its pipeline. */
void            th_frame_scanner_start       (ThFrameScanner      *self);
void            th_frame_scanner_stop        (ThFrameScanner      *self);
/* Forget recent codes, so the one in view is read again at once. */
void            th_frame_scanner_reset       (ThFrameScanner      *self);
void            th_frame_scanner_get_stats   (ThFrameScanner      *self,
                                              ThFrameScannerStats *stats);

G_END_DECLS
