/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The QR decoder on pixels: pictures (every pass) and camera frames (the
 * per-frame schedule), plus the filters it relies on. */
#include "config.h"

#include "th-qr-decoder-private.h"
#include "th-qr-filter-private.h"
#include "th-qr-synth.h"

static GPtrArray *
decode_image (ThGray *gray)
{
  g_autoptr(ThQrDecoder) decoder = th_qr_decoder_new ();

  return th_qr_decoder_decode_image (decoder, gray->data, gray->width, gray->height, gray->width);
}

static void
test_one_code (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);

  for (double module = 2; module <= 8; module += 1.5)
    {
      g_autofree char *text = th_synth_random_code (rand);
      g_autoptr(ThGray) gray = th_synth_code_picture (text, module);
      g_autoptr(GPtrArray) texts = decode_image (gray);

      g_assert_cmpuint (texts->len, ==, 1);
      g_assert_cmpstr (texts->pdata[0], ==, text);
    }
}

static void
test_two_codes (void)
{
  g_autoptr(ThGray) gray = th_gray_new (900, 450, 235);
  ThQuad left = th_synth_quad (220, 225, 49 * 7, 10, 0);
  ThQuad right = th_synth_quad (670, 225, 25 * 10, -20, 0.05);
  g_autoptr(GPtrArray) texts = NULL;
  const char *signed_text = "TH1AEAAAAABAAAAABYAA4ZLZ6764F5WWALZWBVQK7CAWVL3FFWEKL7F4BPPV6NQJMFEAI3DQ"
                            "GUEITMWA7655NIYFPQTRNIE7CIWRAJLCVFJR42SSKOHCMLKW4MUY6ITYYEGMA3M3J5BAMVPYCY";

  th_synth_draw_qr (gray, signed_text, &left, 20, 250);
  th_synth_draw_qr (gray, "10000001", &right, 20, 250);
  texts = decode_image (gray);

  g_assert_cmpuint (texts->len, ==, 2);
  g_assert_true (g_ptr_array_find_with_equal_func (texts, signed_text, g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (texts, "10000001", g_str_equal, NULL));
}

static void
test_no_code (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (2);
  g_autoptr(ThGray) gray = th_gray_new (640, 480, 0);
  g_autoptr(GPtrArray) texts = NULL;

  th_synth_background (gray, rand, 180, TRUE);
  th_synth_noise (gray, rand, 8);
  texts = decode_image (gray);
  g_assert_cmpuint (texts->len, ==, 0);
}

static void
test_utf8 (void)
{
  /* Full-width text, as a phone with a Chinese input method might send. */
  const char *text = "ＴＨ１テスト 提货";
  g_autoptr(ThGray) gray = th_synth_code_picture (text, 6);
  g_autoptr(GPtrArray) texts = decode_image (gray);

  g_assert_cmpuint (texts->len, ==, 1);
  g_assert_cmpstr (texts->pdata[0], ==, text);
}

/* Every strategy reads a plain frame; the app's within one schedule. */
static void
test_frames (void)
{
  g_autoptr(GRand) scene = g_rand_new_with_seed (3);
  g_autoptr(GRand) noise = g_rand_new_with_seed (4);
  g_autofree char *text = th_synth_random_code (scene);
  g_autoptr(ThGray) frame = th_synth_camera_frame (1280, 720, text, 6, scene, noise);

  for (guint s = 0; s < TH_QR_N_FRAME_STRATEGIES; s++)
    {
      g_autoptr(ThQrDecoder) decoder = th_qr_decoder_new ();
      gboolean read = FALSE;

      if (s == TH_QR_FRAME_CENTRE || s == TH_QR_FRAME_DENSITY_2 || s == TH_QR_FRAME_PLAIN)
        continue;   /* the benchmark shows why these lost */
      _th_qr_decoder_set_frame_strategy (decoder, s);
      for (guint f = 0; f < 3; f++)
        {
          g_autoptr(GPtrArray) texts =
            th_qr_decoder_decode_frame (decoder, frame->data, frame->width, frame->height, frame->width);
          read |= texts->len == 1 && g_str_equal (texts->pdata[0], text);
        }
      g_test_message ("%s: %s", _th_qr_frame_strategy_name (s), read ? "read" : "missed");
      g_assert_true (read);
    }
}

/* GStreamer pads rows; the padding must not matter. */
static void
test_stride (void)
{
  g_autofree char *text = g_strdup ("10000002");
  g_autoptr(ThGray) gray = th_synth_code_picture (text, 8);
  int stride = gray->width + 13;
  g_autofree guint8 *padded = g_malloc ((gsize) stride * gray->height);
  g_autoptr(ThQrDecoder) decoder = th_qr_decoder_new ();
  g_autoptr(GPtrArray) frame_texts = NULL;
  g_autoptr(GPtrArray) image_texts = NULL;

  memset (padded, 0, (gsize) stride * gray->height);
  for (int y = 0; y < gray->height; y++)
    memcpy (padded + (gsize) y * stride, gray->data + (gsize) y * gray->width, gray->width);
  frame_texts = th_qr_decoder_decode_frame (decoder, padded, gray->width, gray->height, stride);
  image_texts = th_qr_decoder_decode_image (decoder, padded, gray->width, gray->height, stride);
  g_assert_cmpuint (frame_texts->len, ==, 1);
  g_assert_cmpuint (image_texts->len, ==, 1);
  g_assert_cmpstr (image_texts->pdata[0], ==, text);
}

/* A flat, noisy wall must come out of the binarization as one colour: the
 * whole speed-up rests on it. */
static void
test_binarize_flat (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  g_autoptr(ThGray) gray = th_gray_new (320, 240, 128);
  g_autoptr(ThGray) smooth = th_gray_new (320, 240, 0);
  g_autoptr(ThGray) binary = th_gray_new (320, 240, 0);
  ThGrayView in = { gray->data, 320, 240, 320 };
  ThGrayView s = { smooth->data, 320, 240, 320 };
  ThGrayView out = { binary->data, 320, 240, 320 };

  th_synth_noise (gray, rand, 6);
  _th_qr_filter_smooth (&in, &s);
  _th_qr_filter_binarize (&s, &out, 24);
  for (gsize i = 0; i < 320 * 240; i++)
    g_assert_cmpuint (binary->data[i], ==, 255);
}

static void
test_resize (void)
{
  g_autoptr(ThGray) gray = th_gray_new (7, 5, 0);
  g_autoptr(ThGray) half = th_gray_new (3, 2, 0);
  g_autoptr(ThGray) twice = th_gray_new (14, 10, 0);
  ThGrayView in = { gray->data, 7, 5, 7 };
  ThGrayView h = { half->data, 3, 2, 3 };
  ThGrayView d = { twice->data, 14, 10, 14 };

  for (int i = 0; i < 35; i++)
    gray->data[i] = (guint8) (i * 7);
  _th_qr_filter_halve (&in, &h);
  _th_qr_filter_double (&in, &d);
  /* (0 + 7 + 49 + 56) / 4 */
  g_assert_cmpuint (half->data[0], ==, 28);
  g_assert_cmpuint (twice->data[0], ==, 0);
  g_assert_cmpuint (twice->data[1], ==, 4);
  g_assert_cmpuint (twice->data[2 * 14 + 2], ==, gray->data[7 + 1]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tihuo/qr-decoder/one-code", test_one_code);
  g_test_add_func ("/tihuo/qr-decoder/two-codes", test_two_codes);
  g_test_add_func ("/tihuo/qr-decoder/no-code", test_no_code);
  g_test_add_func ("/tihuo/qr-decoder/utf8", test_utf8);
  g_test_add_func ("/tihuo/qr-decoder/frames", test_frames);
  g_test_add_func ("/tihuo/qr-decoder/stride", test_stride);
  g_test_add_func ("/tihuo/qr-decoder/binarize-flat", test_binarize_flat);
  g_test_add_func ("/tihuo/qr-decoder/resize", test_resize);

  return g_test_run ();
}
