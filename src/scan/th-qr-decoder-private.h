/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "th-qr-decoder.h"

G_BEGIN_DECLS

/* The per-frame strategies the benchmark compares. The app only uses
 * TH_QR_FRAME_SCHEDULED, the one that met the 15 ms budget best. */
typedef enum {
  TH_QR_FRAME_SCHEDULED,   /* half size binarized, full size every third frame */
  TH_QR_FRAME_PLAIN,       /* zbar on the frame as it comes */
  TH_QR_FRAME_DENSITY_2,   /* zbar scanning every second row and column */
  TH_QR_FRAME_SMOOTHED,    /* binomial smoothing, then zbar */
  TH_QR_FRAME_BINARIZED,   /* smoothing and binarization, then zbar */
  TH_QR_FRAME_HALF,        /* half size, binarized, then zbar */
  TH_QR_FRAME_CENTRE,      /* full size binarized, middle half of each side only */
  TH_QR_N_FRAME_STRATEGIES,
} ThQrFrameStrategy;

void        _th_qr_decoder_set_frame_strategy (ThQrDecoder       *self,
                                               ThQrFrameStrategy  strategy);
const char *_th_qr_frame_strategy_name        (ThQrFrameStrategy  strategy);

/* Which passes of decode_image() read something, for the benchmark. */
guint       _th_qr_decoder_get_image_passes   (ThQrDecoder       *self);

G_END_DECLS
