/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Scan from image: files and pasted bytes, and the errors people see. */
#include "config.h"

#include <glib/gstdio.h>
#include <sys/resource.h>

#include "th-test-util.h"

#include "th-qr-image.h"
#include "th-qr-synth.h"
#include "th-scan-error.h"

typedef struct {
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("tihuo-qr-image-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static GFile *
write_picture (Fixture    *f,
               const char *name,
               ThGray     *gray)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (th_gray_save_png (gray, path, &error));
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static GFile *
write_bytes (Fixture    *f,
             const char *name,
             const void *data,
             gsize       len)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, data, (gssize) len, NULL));
  return g_file_new_for_path (path);
}

static void
test_file (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(ThGray) gray = th_synth_code_picture ("10000001", 5);
  g_autoptr(GFile) file = write_picture (f, "code.png", gray);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) texts = th_qr_decode_file (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (texts->len, ==, 1);
  g_assert_cmpstr (texts->pdata[0], ==, "10000001");
}

static void
test_no_code (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(ThGray) gray = th_gray_new (200, 100, 200);
  g_autoptr(GFile) file = write_picture (f, "blank.png", gray);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) texts = th_qr_decode_file (file, NULL, &error);

  g_assert_null (texts);
  g_assert_error (error, TH_SCAN_ERROR, TH_SCAN_ERROR_NO_CODE);
  g_assert_nonnull (strstr (error->message, "No QR code found"));
  g_assert_nonnull (strstr (error->message, "blank.png"));
}

static void
test_corrupt (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(ThGray) gray = th_synth_code_picture ("10000001", 5);
  g_autoptr(GFile) good = write_picture (f, "good.png", gray);
  g_autofree char *png = NULL;
  gsize len;
  const char *names[] = { "truncated.png", "text.png", "empty.jpg" };

  g_assert_true (g_file_load_contents (good, NULL, &png, &len, NULL, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *content = i == 0 ? png : "not a picture";
      gsize size = i == 0 ? len / 3 : i == 1 ? strlen (content) : 0;
      g_autoptr(GFile) file = write_bytes (f, names[i], content, size);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) texts = th_qr_decode_file (file, NULL, &error);

      g_test_message ("%s: %s", names[i], error ? error->message : "(read)");
      g_assert_null (texts);
      g_assert_error (error, TH_SCAN_ERROR, TH_SCAN_ERROR_UNREADABLE_IMAGE);
      g_assert_nonnull (strstr (error->message, names[i]));
    }
}

static void
test_missing (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "missing.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) texts = th_qr_decode_file (file, NULL, &error);

  g_assert_null (texts);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

/* The clipboard path: PNG bytes, also when cut short. */
static void
test_bytes (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(ThGray) gray = th_synth_code_picture ("10000003", 4);
  g_autoptr(GFile) file = write_picture (f, "paste.png", gray);
  g_autofree char *png = NULL;
  gsize len;
  g_autoptr(GBytes) whole = NULL;
  g_autoptr(GBytes) part = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_load_contents (file, NULL, &png, &len, NULL, NULL));
  whole = g_bytes_new (png, len);
  texts = th_qr_decode_bytes (whole, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (texts->pdata[0], ==, "10000003");

  part = g_bytes_new (png, len / 2);
  none = th_qr_decode_bytes (part, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, TH_SCAN_ERROR, TH_SCAN_ERROR_UNREADABLE_IMAGE);
}

static void
decoded_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GPtrArray **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = th_qr_decode_file_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(ThGray) gray = th_synth_code_picture ("10000004", 6);
  g_autoptr(GFile) file = write_picture (f, "async.png", gray);
  g_autoptr(GPtrArray) texts = NULL;

  th_qr_decode_file_async (file, NULL, decoded_cb, &texts);
  while (texts == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (texts->pdata[0], ==, "10000004");
}

/* A code cut out of a chat bubble: transparent light modules. */
static void
test_transparent (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(ThGray) gray = th_synth_code_picture ("10000005", 5);
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, gray->width, gray->height);
  guint8 *p = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  g_autoptr(GPtrArray) texts = NULL;

  for (int y = 0; y < gray->height; y++)
    for (int x = 0; x < gray->width; x++)
      {
        guint8 *px = p + y * stride + 4 * x;
        px[0] = px[1] = px[2] = 0;
        px[3] = (guint8) (255 - gray->data[y * gray->width + x]);
      }
  texts = th_qr_decode_pixbuf (pixbuf);
  g_assert_cmpuint (texts->len, ==, 1);
  g_assert_cmpstr (texts->pdata[0], ==, "10000005");
}

/* A picture declaring 30000 × 30000 pixels is refused from its header, as
 * a file and as pasted bytes, and one pixel over the limit is too; an
 * in-memory pixbuf over the limit yields no code rather than being
 * converted. */
static void
test_bomb (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GBytes) bomb = th_test_png_bomb (30000, 30000);
  g_autoptr(GBytes) edge = th_test_png_bomb (TH_MAX_IMAGE_PIXELS / 4000 + 1, 4000);
  g_autoptr(GFile) file = write_bytes (f, "bomb.png", g_bytes_get_data (bomb, NULL), g_bytes_get_size (bomb));
  g_autoptr(GFile) edge_file = write_bytes (f, "edge.png", g_bytes_get_data (edge, NULL), g_bytes_get_size (edge));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) texts = NULL;

  g_assert_null (th_qr_decode_file (file, NULL, &error));
  g_assert_error (error, TH_SCAN_ERROR, TH_SCAN_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "30000 × 30000"));
  g_clear_error (&error);

  g_assert_null (th_qr_decode_bytes (bomb, NULL, &error));
  g_assert_error (error, TH_SCAN_ERROR, TH_SCAN_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "pasted picture"));
  g_clear_error (&error);

  g_assert_null (th_qr_decode_file (edge_file, NULL, &error));
  g_assert_error (error, TH_SCAN_ERROR, TH_SCAN_ERROR_TOO_LARGE);
  g_clear_error (&error);
  g_assert_null (th_qr_decode_bytes (edge, NULL, &error));
  g_assert_error (error, TH_SCAN_ERROR, TH_SCAN_ERROR_TOO_LARGE);
  g_clear_error (&error);

  g_assert_true (th_qr_image_check_size (8000, 5000, "x", NULL));
  g_assert_false (th_qr_image_check_size (8001, 5000, "x", NULL));
  g_assert_false (th_qr_image_check_size (G_MAXINT, G_MAXINT, "x", NULL));
  g_assert_false (th_qr_image_check_size (0, 10, "x", NULL));

  {
    /* 120 MB of address space, never touched when the guard holds. */
    g_autoptr(GdkPixbuf) wide = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 20000, 2001);

    g_assert_nonnull (wide);
    texts = th_qr_decode_pixbuf (wide);
    g_assert_cmpuint (texts->len, ==, 0);
  }
}

/* A decode started by mistake fails fast instead of filling the machine
 * (not under AddressSanitizer, which reserves terabytes of shadow memory). */
static void
limit_memory (void)
{
#ifndef __SANITIZE_ADDRESS__
  struct rlimit limit = { (rlim_t) 2 << 30, (rlim_t) 2 << 30 };

  setrlimit (RLIMIT_AS, &limit);
#endif
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  limit_memory ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/tihuo/qr-image/file", test_file);
  ADD ("/tihuo/qr-image/no-code", test_no_code);
  ADD ("/tihuo/qr-image/corrupt", test_corrupt);
  ADD ("/tihuo/qr-image/missing", test_missing);
  ADD ("/tihuo/qr-image/bytes", test_bytes);
  ADD ("/tihuo/qr-image/async", test_async);
  ADD ("/tihuo/qr-image/transparent", test_transparent);
  ADD ("/tihuo/qr-image/bomb", test_bomb);
#undef ADD

  return g_test_run ();
}
