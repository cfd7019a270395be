/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <zbar.h>

#include "th-qr-decoder-private.h"
#include "th-qr-filter-private.h"

/* After smoothing, sensor noise rarely spans more grey levels than this
 * within a block; codes always do. */
#define FRAME_MIN_RANGE 24
/* Pictures have no time limit, so one pass also catches faint codes. */
#define FAINT_MIN_RANGE 8
/* Frames up to this size are always scanned whole, at full size. */
#define SMALL_FRAME_PIXELS (640 * 480)
/* Larger ones at half size, but every FULL_SIZE_EVERY-th frame at full
 * size, on at most this many pixels. */
#define FULL_SIZE_EVERY 3
#define DETAIL_MAX_PIXELS (1280 * 720)
/* decode_image() doubles pictures up to this many pixels for tiny codes. */
#define DOUBLE_MAX_PIXELS (2000 * 1500)

struct _ThQrDecoder
{
  GObject                parent_instance;

  zbar_image_scanner_t  *scanner;
  GByteArray            *work[3];
  ThQrFrameStrategy      strategy;
  guint64                frames;
  guint                  image_passes;
};

G_DEFINE_FINAL_TYPE (ThQrDecoder, th_qr_decoder, G_TYPE_OBJECT)

static ThGrayView
work_view (ThQrDecoder *self,
           guint        i,
           int          width,
           int          height)
{
  ThGrayView v = { NULL, width, height, width };

  v.data = _th_qr_buffer_reserve (self->work[i], (gsize) width * height);
  return v;
}

/* zbar wants rows packed; GStreamer pads odd widths. */
static ThGrayView
packed (ThQrDecoder      *self,
        const ThGrayView *view)
{
  ThGrayView v;

  if (view->stride == view->width)
    return *view;
  v = work_view (self, 2, view->width, view->height);
  for (int y = 0; y < view->height; y++)
    memcpy (v.data + (gsize) y * v.width, view->data + (gsize) y * view->stride, v.width);
  return v;
}

static void
add_text (GPtrArray  *texts,
          const char *data,
          guint       len)
{
  g_autofree char *text = g_utf8_make_valid (data, len);

  for (guint i = 0; i < texts->len; i++)
    if (g_str_equal (texts->pdata[i], text))
      return;
  g_ptr_array_add (texts, g_steal_pointer (&text));
}

/* Returns how many new texts the pass added. */
static guint
scan (ThQrDecoder      *self,
      const ThGrayView *view,
      int               density,
      GPtrArray        *texts)
{
  ThGrayView v = packed (self, view);
  zbar_image_t *image = zbar_image_create ();
  guint before = texts->len;

  zbar_image_scanner_set_config (self->scanner, 0, ZBAR_CFG_X_DENSITY, density);
  zbar_image_scanner_set_config (self->scanner, 0, ZBAR_CFG_Y_DENSITY, density);
  zbar_image_set_format (image, zbar_fourcc ('Y', '8', '0', '0'));
  zbar_image_set_size (image, (unsigned) v.width, (unsigned) v.height);
  zbar_image_set_data (image, v.data, (unsigned long) v.width * v.height, NULL);
  if (zbar_scan_image (self->scanner, image) > 0)
    for (const zbar_symbol_t *s = zbar_image_first_symbol (image); s; s = zbar_symbol_next (s))
      if (zbar_symbol_get_type (s) == ZBAR_QRCODE)
        add_text (texts, zbar_symbol_get_data (s), zbar_symbol_get_data_length (s));
  zbar_image_destroy (image);
  return texts->len - before;
}

static guint
scan_binarized (ThQrDecoder      *self,
                const ThGrayView *view,
                int               min_range,
                int               density,
                GPtrArray        *texts)
{
  ThGrayView smooth = work_view (self, 0, view->width, view->height);
  ThGrayView binary = work_view (self, 1, view->width, view->height);

  _th_qr_filter_smooth (view, &smooth);
  _th_qr_filter_binarize (&smooth, &binary, min_range);
  return scan (self, &binary, density, texts);
}

static guint
scan_half (ThQrDecoder      *self,
           const ThGrayView *view,
           int               min_range,
           GPtrArray        *texts)
{
  ThGrayView half = work_view (self, 0, view->width / 2, view->height / 2);
  ThGrayView binary = work_view (self, 1, half.width, half.height);

  /* Halving already evens out the noise that smoothing would. */
  if (half.width < 21 || half.height < 21)
    return 0;
  _th_qr_filter_halve (view, &half);
  _th_qr_filter_binarize (&half, &binary, min_range);
  return scan (self, &binary, 1, texts);
}

/* The middle of the frame, @side of its width and height: where people
 * hold their phone. */
static guint
scan_centre (ThQrDecoder      *self,
             const ThGrayView *view,
             double            side,
             GPtrArray        *texts)
{
  int w = (int) (view->width * side), h = (int) (view->height * side);
  ThGrayView centre = {
    view->data + (gsize) ((view->height - h) / 2) * view->stride + (view->width - w) / 2,
    w, h, view->stride,
  };

  return scan_binarized (self, &centre, FRAME_MIN_RANGE, 1, texts);
}

static void
th_qr_decoder_finalize (GObject *object)
{
  ThQrDecoder *self = TH_QR_DECODER (object);

  g_clear_pointer (&self->scanner, zbar_image_scanner_destroy);
  for (guint i = 0; i < G_N_ELEMENTS (self->work); i++)
    g_clear_pointer (&self->work[i], g_byte_array_unref);

  G_OBJECT_CLASS (th_qr_decoder_parent_class)->finalize (object);
}

static void
th_qr_decoder_class_init (ThQrDecoderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = th_qr_decoder_finalize;
}

static void
th_qr_decoder_init (ThQrDecoder *self)
{
  self->scanner = zbar_image_scanner_create ();
  /* Only QR: the other symbologies would cost time on every edge and could
   * misread a shelf label as a code. */
  zbar_image_scanner_set_config (self->scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
  zbar_image_scanner_set_config (self->scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
  for (guint i = 0; i < G_N_ELEMENTS (self->work); i++)
    self->work[i] = g_byte_array_new ();
}

ThQrDecoder *
th_qr_decoder_new (void)
{
  return g_object_new (TH_TYPE_QR_DECODER, NULL);
}

GPtrArray *
th_qr_decoder_decode_frame (ThQrDecoder  *self,
                            const guint8 *gray,
                            int           width,
                            int           height,
                            int           stride)
{
  ThGrayView view = { (guint8 *) gray, width, height, stride };
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  gint64 pixels = (gint64) width * height;
  guint64 n;

  g_return_val_if_fail (TH_IS_QR_DECODER (self), NULL);
  g_return_val_if_fail (gray != NULL && width > 0 && height > 0 && stride >= width, NULL);

  n = self->frames++;
  switch (self->strategy)
    {
    case TH_QR_FRAME_SCHEDULED:
      /* Small frames fit the budget whole. Otherwise most frames are read
       * at half size, which finds any code held near enough to fill a fair
       * part of the picture, and every third at full size, for codes held
       * further off; past 720p only the middle of the frame gets that. */
      if (pixels <= SMALL_FRAME_PIXELS)
        scan_binarized (self, &view, FRAME_MIN_RANGE, 1, texts);
      else if (n % FULL_SIZE_EVERY != FULL_SIZE_EVERY - 1)
        scan_half (self, &view, FRAME_MIN_RANGE, texts);
      else if (pixels <= DETAIL_MAX_PIXELS)
        scan_binarized (self, &view, FRAME_MIN_RANGE, 1, texts);
      else
        scan_centre (self, &view, sqrt ((double) DETAIL_MAX_PIXELS / pixels), texts);
      break;
    case TH_QR_FRAME_PLAIN:
      scan (self, &view, 1, texts);
      break;
    case TH_QR_FRAME_DENSITY_2:
      scan (self, &view, 2, texts);
      break;
    case TH_QR_FRAME_SMOOTHED:
      {
        ThGrayView smooth = work_view (self, 0, width, height);
        _th_qr_filter_smooth (&view, &smooth);
        scan (self, &smooth, 1, texts);
      }
      break;
    case TH_QR_FRAME_BINARIZED:
      scan_binarized (self, &view, FRAME_MIN_RANGE, 1, texts);
      break;
    case TH_QR_FRAME_HALF:
      scan_half (self, &view, FRAME_MIN_RANGE, texts);
      break;
    case TH_QR_FRAME_CENTRE:
      scan_centre (self, &view, 0.5, texts);
      break;
    case TH_QR_N_FRAME_STRATEGIES:
    default:
      g_assert_not_reached ();
    }
  return g_steal_pointer (&texts);
}

GPtrArray *
th_qr_decoder_decode_image (ThQrDecoder  *self,
                            const guint8 *gray,
                            int           width,
                            int           height,
                            int           stride)
{
  ThGrayView view = { (guint8 *) gray, width, height, stride };
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  guint passes = 0;

  g_return_val_if_fail (TH_IS_QR_DECODER (self), NULL);
  g_return_val_if_fail (gray != NULL && width > 0 && height > 0 && stride >= width, NULL);

  /* Plain zbar first, exactly what zbarimg does, so a picture zbarimg reads
   * is never missed; each later pass only adds codes. Every pass runs, as a
   * screenshot may hold several codes that different passes read. The
   * decode-rate benchmark shows what each pass adds. */
  if (scan (self, &view, 1, texts))
    passes |= 1 << 0;
  if (scan_binarized (self, &view, FRAME_MIN_RANGE, 1, texts))
    passes |= 1 << 1;
  if (scan_binarized (self, &view, FAINT_MIN_RANGE, 1, texts))
    passes |= 1 << 2;
  /* Half size evens out the noise of big photos of big codes. */
  if (scan_half (self, &view, FRAME_MIN_RANGE, texts))
    passes |= 1 << 3;
  /* Doubled, a code with one-pixel modules or blurred ones gets edges the
   * binarization can place. */
  if ((gint64) width * height <= DOUBLE_MAX_PIXELS)
    {
      ThGrayView doubled = work_view (self, 2, 2 * width, 2 * height);
      ThGrayView binary = work_view (self, 1, doubled.width, doubled.height);

      _th_qr_filter_double (&view, &doubled);
      _th_qr_filter_binarize (&doubled, &binary, FAINT_MIN_RANGE);
      if (scan (self, &binary, 1, texts))
        passes |= 1 << 4;
    }
  self->image_passes = passes;
  return g_steal_pointer (&texts);
}

void
_th_qr_decoder_set_frame_strategy (ThQrDecoder       *self,
                                   ThQrFrameStrategy  strategy)
{
  g_return_if_fail (TH_IS_QR_DECODER (self));
  g_return_if_fail (strategy < TH_QR_N_FRAME_STRATEGIES);

  self->strategy = strategy;
  self->frames = 0;
}

const char *
_th_qr_frame_strategy_name (ThQrFrameStrategy strategy)
{
  static const char *names[] = {
    "scheduled", "plain", "density-2", "smoothed", "binarized", "half", "centre",
  };

  g_return_val_if_fail (strategy < TH_QR_N_FRAME_STRATEGIES, NULL);
  return names[strategy];
}

guint
_th_qr_decoder_get_image_passes (ThQrDecoder *self)
{
  return self->image_passes;
}
