/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Pictures of codes at the counter, as customers send them over chat: a
 * file with a code is scanned like the keyboard scanner's code, and a
 * picture without a code, a damaged file or an empty clipboard says so. */
#include "config.h"

#include "th-camera-test-util.h"
#include "th-qr-synth.h"

typedef ThCameraFixture Fixture;

static gboolean
showing_card (Fixture *f)
{
  return th_counter_page_get_verification (th_camera_fixture_counter (f)) != NULL;
}

static gboolean
showing_no_code (Fixture *f)
{
  return th_camera_find_label (GTK_WIDGET (f->gui.window), "No QR code found");
}

static gboolean
no_code_gone (Fixture *f)
{
  return !showing_no_code (f);
}

static gboolean
showing_damaged (Fixture *f)
{
  return th_camera_find_label (GTK_WIDGET (f->gui.window), "is damaged or is not a picture");
}

static gboolean
showing_no_picture (Fixture *f)
{
  return th_camera_find_label (GTK_WIDGET (f->gui.window), "There is no picture on the clipboard");
}

static void
scan_file (Fixture    *f,
           const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  th_window_scan_picture (f->gui.window, file);
}

static void
test_file (Fixture       *f,
           gconstpointer  data)
{
  const ThDemoCode *code = th_gui_fixture_code (&f->gui, TH_DEMO_CODE_VALID, TRUE);
  g_autofree char *with_code = th_camera_fixture_picture (f, "screenshot.png", code->text);
  g_autofree char *blank = th_camera_fixture_picture (f, "blank.png", NULL);
  g_autofree char *broken = g_build_filename (f->pictures, "broken.png", NULL);
  const ThVerification *v;
  ThVerdict keyboard_verdict;

  th_gui_scan (&f->gui, code->text);
  keyboard_verdict = th_counter_page_get_verification (th_camera_fixture_counter (f))->verdict;
  gtk_widget_activate_action (GTK_WIDGET (f->gui.window), "win.back-to-scanning", NULL);
  f->n_verified = 0;

  scan_file (f, with_code);
  th_camera_fixture_wait (f, showing_card, "the picture's verdict");
  v = th_counter_page_get_verification (th_camera_fixture_counter (f));
  g_assert_cmpint (v->verdict, ==, keyboard_verdict);
  g_assert_cmpint (v->order_id, ==, code->order_id);
  g_assert_cmpuint (f->n_verified, ==, 1);
  g_assert_true (f->last_good);

  /* No code: said in words; the card stays as it was. */
  scan_file (f, blank);
  th_camera_fixture_wait (f, showing_no_code, "“no code found”");
  g_assert_cmpint (th_counter_page_get_verification (th_camera_fixture_counter (f))->order_id, ==, code->order_id);
  g_assert_cmpuint (f->n_verified, ==, 1);

  /* Not a picture at all: said in words too, and at once. */
  g_assert_true (g_file_set_contents (broken, "not a picture", -1, NULL));
  scan_file (f, broken);
  th_camera_fixture_wait (f, showing_damaged, "“damaged”");
  /* The newer news replaces the older instead of queueing behind it. */
  th_camera_fixture_wait (f, no_code_gone, "the older toast to go");
  g_assert_cmpuint (th_camera_count_other_windows (f), ==, 0);
}

static gboolean
showing_two_codes (Fixture *f)
{
  return th_camera_find_label (GTK_WIDGET (f->gui.window), "The picture held 2 codes");
}

/* Two customers' codes in one screenshot: both are scanned, and it says so. */
static void
test_two_codes (Fixture       *f,
                gconstpointer  data)
{
  const ThDemoCode *first = th_gui_fixture_code (&f->gui, TH_DEMO_CODE_VALID, TRUE);
  const ThDemoCode *second = th_gui_fixture_code (&f->gui, TH_DEMO_CODE_EXPIRED, TRUE);
  g_autoptr(ThGray) gray = th_gray_new (1000, 480, 255);
  g_autofree char *path = g_build_filename (f->pictures, "two.png", NULL);
  ThQuad left = th_synth_quad (250, 240, 420, 0, 0);
  ThQuad right = th_synth_quad (750, 240, 420, 0, 0);
  gint64 order_id;

  th_synth_draw_qr (gray, first->text, &left, 0, 255);
  th_synth_draw_qr (gray, second->text, &right, 0, 255);
  g_assert_true (th_gray_save_png (gray, path, NULL));

  scan_file (f, path);
  th_camera_fixture_wait (f, showing_two_codes, "“the picture held 2 codes”");
  g_assert_cmpuint (f->n_verified, ==, 2);
  order_id = th_counter_page_get_verification (th_camera_fixture_counter (f))->order_id;
  g_assert_true (order_id == first->order_id || order_id == second->order_id);
}

static void
test_paste (Fixture       *f,
            gconstpointer  data)
{
  const ThDemoCode *code = th_gui_fixture_code (&f->gui, TH_DEMO_CODE_ALREADY_COLLECTED, TRUE);
  g_autofree char *path = th_camera_fixture_picture (f, "chat.png", code->text);
  g_autoptr(GdkTexture) texture = gdk_texture_new_from_filename (path, NULL);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (f->gui.window));
  const ThVerification *v;

  g_assert_nonnull (texture);

  /* Text only: nothing to scan, and it says so. */
  gdk_clipboard_set_text (clipboard, "hello");
  gtk_widget_activate_action (GTK_WIDGET (f->gui.window), "win.paste-picture", NULL);
  th_camera_fixture_wait (f, showing_no_picture, "“no picture on the clipboard”");
  g_assert_false (showing_card (f));

  gdk_clipboard_set_texture (clipboard, texture);
  gtk_widget_activate_action (GTK_WIDGET (f->gui.window), "win.paste-picture", NULL);
  th_camera_fixture_wait (f, showing_card, "the pasted picture's verdict");
  v = th_counter_page_get_verification (th_camera_fixture_counter (f));
  g_assert_cmpint (v->verdict, ==, code->expected);
  g_assert_cmpint (v->order_id, ==, code->order_id);
  g_assert_false (f->last_good);
}

int
main (int   argc,
      char *argv[])
{
  th_gui_test_init (&argc, &argv);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, th_camera_fixture_set_up, fn, th_camera_fixture_tear_down)
  ADD ("/tihuo/picture-scan/file", test_file);
  ADD ("/tihuo/picture-scan/two-codes", test_two_codes);
  ADD ("/tihuo/picture-scan/paste", test_paste);
#undef ADD

  return g_test_run ();
}
