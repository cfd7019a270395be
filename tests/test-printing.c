/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Printing: media sizes in the PDF, the text a PDF carries, the label's QR
 * read back from the thermal raster, ESC/POS bytes parsed back from a file
 * and from a printer on loopback, and the print queue keeping a job while
 * the printer is off. */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "th-bag-label.h"
#include "th-escpos.h"
#include "th-print-queue.h"
#include "th-print-test-page.h"
#include "th-audit.h"
#include "th-error.h"
#include "th-qr-image.h"
#include "th-sorting-sheet.h"
#include "th-test-util.h"

#define PICKUP_CODE "40581234"

static const ThBagLabel sample_label = {
  .place = "B-07", .cold_place = "L-02", .pickup_code = PICKUP_CODE, .masked_name = "张*明",
  .phone_tail = "6688", .slot = "12-05 18:00–20:00", .n_items = 3, .cold = TRUE,
};

/* ---- a printer on loopback ----
 * It accepts on its own thread and main context, so the code under test
 * (or tihuo-cli in a child process) may block while it sends. */

typedef struct {
  guint16       port;
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  GMutex        lock;
  GCond         cond;
  gboolean      ready;
  GByteArray   *received;
  guint         n_connections;
} Printer;

static gboolean
printer_run_cb (GThreadedSocketService *service,
                GSocketConnection      *connection,
                GObject                *source,
                Printer                *printer)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  g_autoptr(GByteArray) got = g_byte_array_new ();
  guint8 buffer[8192];
  gssize n;

  while ((n = g_input_stream_read (in, buffer, sizeof buffer, NULL, NULL)) > 0)
    g_byte_array_append (got, buffer, (guint) n);
  g_mutex_lock (&printer->lock);
  g_byte_array_append (printer->received, got->data, got->len);
  printer->n_connections++;
  g_cond_broadcast (&printer->cond);
  g_mutex_unlock (&printer->lock);
  return TRUE;
}

static gpointer
printer_thread (gpointer data)
{
  Printer *printer = data;
  g_autoptr(GSocketService) service = g_threaded_socket_service_new (2);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, printer->port);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GError) error = NULL;

  g_main_context_push_thread_default (printer->context);
  g_assert_true (g_socket_listener_add_address (G_SOCKET_LISTENER (service), address, G_SOCKET_TYPE_STREAM,
                                                G_SOCKET_PROTOCOL_TCP, NULL, &effective, &error));
  g_assert_no_error (error);
  g_signal_connect (service, "run", G_CALLBACK (printer_run_cb), printer);
  g_socket_service_start (service);
  g_mutex_lock (&printer->lock);
  printer->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  printer->ready = TRUE;
  g_cond_broadcast (&printer->cond);
  g_mutex_unlock (&printer->lock);

  g_main_loop_run (printer->loop);
  g_socket_service_stop (service);
  g_socket_listener_close (G_SOCKET_LISTENER (service));
  g_main_context_pop_thread_default (printer->context);
  return NULL;
}

/* @port 0 picks a free one. */
static Printer *
printer_start (guint16 port)
{
  Printer *printer = g_new0 (Printer, 1);

  g_mutex_init (&printer->lock);
  g_cond_init (&printer->cond);
  printer->port = port;
  printer->received = g_byte_array_new ();
  printer->context = g_main_context_new ();
  printer->loop = g_main_loop_new (printer->context, FALSE);
  printer->thread = g_thread_new ("printer", printer_thread, printer);
  g_mutex_lock (&printer->lock);
  while (!printer->ready)
    g_cond_wait (&printer->cond, &printer->lock);
  g_mutex_unlock (&printer->lock);
  return printer;
}

static gboolean
quit_cb (gpointer loop)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

static void
printer_stop (Printer *printer)
{
  g_main_context_invoke (printer->context, quit_cb, printer->loop);
  g_thread_join (printer->thread);
  g_main_loop_unref (printer->loop);
  g_main_context_unref (printer->context);
  g_byte_array_unref (printer->received);
  g_mutex_clear (&printer->lock);
  g_cond_clear (&printer->cond);
  g_free (printer);
}

/* Waits until the printer has read @n_connections jobs to their end, and
 * returns all it read. */
static GBytes *
printer_wait (Printer *printer,
              guint    n_connections)
{
  GBytes *bytes;

  g_mutex_lock (&printer->lock);
  while (printer->n_connections < n_connections)
    g_cond_wait (&printer->cond, &printer->lock);
  bytes = g_bytes_new (printer->received->data, printer->received->len);
  g_mutex_unlock (&printer->lock);
  return bytes;
}

/* A loopback port nobody listens on: bound, then closed. */
static guint16
closed_port (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) local = NULL;

  g_assert_no_error (error);
  g_assert_true (g_socket_bind (socket, address, FALSE, &error));
  g_assert_no_error (error);
  local = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
}

/* ---- ESC/POS parsed back ---- */

typedef struct {
  guint width_dots;
  guint height;
  guint n_bands;
  guint n_cuts;
  GByteArray *image;
} Parsed;

static void
parse_escpos (GBytes *bytes,
              Parsed *p)
{
  gsize len;
  const guint8 *d = g_bytes_get_data (bytes, &len);
  gsize i = 2;

  memset (p, 0, sizeof *p);
  p->image = g_byte_array_new ();
  g_assert_cmpuint (len, >, 8);
  g_assert_cmpmem (d, 2, "\x1b@", 2);
  while (i < len)
    {
      if (d[i] == 0x1d && i + 8 <= len && d[i + 1] == 'v' && d[i + 2] == '0')
        {
          guint bytes_per_row = d[i + 4] | (d[i + 5] << 8);
          guint rows = d[i + 6] | (d[i + 7] << 8);

          g_assert_cmpuint (d[i + 3], ==, 0);   /* normal mode */
          g_assert_cmpuint (rows, >, 0);
          g_assert_cmpuint (rows, <=, TH_ESCPOS_BAND_ROWS);
          if (p->width_dots)
            g_assert_cmpuint (bytes_per_row * 8, ==, p->width_dots);
          p->width_dots = bytes_per_row * 8;
          g_assert_cmpuint (i + 8 + (gsize) bytes_per_row * rows, <=, len);
          g_byte_array_append (p->image, d + i + 8, bytes_per_row * rows);
          p->height += rows;
          p->n_bands++;
          i += 8 + (gsize) bytes_per_row * rows;
        }
      else if (d[i] == 0x1b && i + 3 <= len && d[i + 1] == 'd')
        i += 3;
      else if (d[i] == 0x1d && i + 3 <= len && d[i + 1] == 'V')
        {
          p->n_cuts++;
          i += 3;
          /* The cut ends a page: nothing but the next page may follow. */
          g_assert_true (i == len || d[i] == 0x1d);
        }
      else
        g_assert_not_reached ();
    }
  /* The last thing sent is the cut. */
  g_assert_cmpmem (d + len - 3, 3, "\x1dV\x01", 3);
}

static void
assert_raster_matches (const Parsed   *p,
                       const ThRaster *raster)
{
  g_assert_cmpuint (p->width_dots, ==, raster->width);
  g_assert_cmpuint (p->height, ==, raster->height);
  g_assert_cmpmem (p->image->data, p->image->len, raster->data, (gsize) raster->stride * raster->height);
}

/* ---- helpers ---- */

/* The raster as a picture with a white margin, for zbar. */
static GdkPixbuf *
raster_to_pixbuf (const ThRaster *raster)
{
  const guint border = 16;
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, (int) (raster->width + 2 * border),
                                      (int) (raster->height + 2 * border));
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);

  gdk_pixbuf_fill (pixbuf, 0xffffffff);
  for (guint y = 0; y < raster->height; y++)
    for (guint x = 0; x < raster->width; x++)
      if (th_raster_get_dot (raster, x, y))
        memset (pixels + (gsize) (y + border) * stride + (x + border) * 3, 0, 3);
  return pixbuf;
}

static gboolean
decodes_to (const ThRaster *raster,
            const char     *expected)
{
  g_autoptr(GdkPixbuf) pixbuf = raster_to_pixbuf (raster);
  g_autoptr(GPtrArray) codes = th_qr_decode_pixbuf (pixbuf);

  return codes && codes->len == 1 && g_str_equal (g_ptr_array_index (codes, 0), expected);
}

/* ---- tests ---- */

static void
test_media (void)
{
  guint n;
  const ThPrintMedium *media = th_print_media (&n);

  g_assert_cmpuint (n, ==, 6);
  g_assert_cmpuint (th_print_medium_lookup ("receipt-58")->dots, ==, 384);
  g_assert_cmpuint (th_print_medium_lookup ("receipt-80")->dots, ==, 576);
  g_assert_cmpuint (th_print_medium_lookup ("label-60x40")->dots, ==, 480);
  g_assert_true (th_print_medium_is_roll (th_print_medium_receipt (80)));
  g_assert_null (th_print_medium_receipt (57));
  g_assert_null (th_print_medium_lookup ("a5"));
  for (guint i = 0; i < n; i++)
    {
      /* Thermal media: the dots cover the printable width at 8 per mm. */
      if (media[i].dots)
        g_assert_cmpfloat (media[i].dots, ==, media[i].width_mm * TH_PRINT_DOTS_PER_MM);
      g_assert_cmpfloat (media[i].width_mm + 2 * media[i].margin_mm, ==, media[i].paper_width_mm);
    }
}

static void
test_pdf_sizes (void)
{
  guint n;
  const ThPrintMedium *media = th_print_media (&n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ThPrintDoc) doc = th_print_test_page_doc_new (&media[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) pdf = th_print_doc_to_pdf (doc, &error);
      g_autoptr(GArray) sizes = NULL;
      double w, h;

      g_assert_no_error (error);
      sizes = th_test_pdf_page_sizes (pdf);
      g_assert_cmpuint (sizes->len, ==, 2);
      w = g_array_index (sizes, double, 0);
      h = g_array_index (sizes, double, 1);
      g_test_message ("%s: %.2f × %.2f pt", media[i].name, w, h);
      g_assert_cmpfloat_with_epsilon (w, media[i].paper_width_mm * 72 / 25.4, 0.01);
      if (th_print_medium_is_roll (&media[i]))
        {
          /* A receipt is as long as its content, which is more than the QR. */
          g_assert_cmpfloat (h, >, 40 * 72 / 25.4);
          g_assert_cmpfloat (h, <, 200 * 72 / 25.4);
        }
      else
        g_assert_cmpfloat_with_epsilon (h, media[i].paper_height_mm * 72 / 25.4, 0.01);
    }
}

static void
test_pdf_text (ThTestFixture *f,
               gconstpointer  data)
{
  g_autoptr(ThPrintDoc) page = th_print_test_page_doc_new (th_print_medium_lookup ("receipt-80"));
  g_autoptr(ThPrintDoc) labels = th_bag_labels_doc_new (th_print_medium_lookup ("label-50x30"), &sample_label, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) page_pdf = th_print_doc_to_pdf (page, &error);
  g_autoptr(GBytes) label_pdf = th_print_doc_to_pdf (labels, &error);
  g_autofree char *page_text = NULL;
  g_autofree char *label_text = NULL;

  g_assert_no_error (error);
  if (!(page_text = th_test_pdf_text (page_pdf, f->dir)))
    return;
  g_assert_nonnull (strstr (page_text, "中文"));
  g_assert_nonnull (strstr (page_text, "繁體"));
  g_assert_nonnull (strstr (page_text, "¥"));

  label_text = th_test_pdf_text (label_pdf, f->dir);
  g_test_message ("label text: %s", label_text);
  g_assert_nonnull (strstr (label_text, "B-07"));
  g_assert_nonnull (strstr (label_text, "L-02"));
  g_assert_nonnull (strstr (label_text, "1234"));
  g_assert_nonnull (strstr (label_text, "6688"));
  g_assert_nonnull (strstr (label_text, "张*明"));
  g_assert_nonnull (strstr (label_text, "❄"));
  /* Only the QR carries the whole code: a label on a bag in the open must
   * not let a passer-by read it. */
  g_assert_null (strstr (label_text, PICKUP_CODE));
}

static void
test_label_qr (void)
{
  const char *media[] = { "label-40x30", "label-50x30", "label-60x40" };

  for (guint i = 0; i < G_N_ELEMENTS (media); i++)
    {
      const ThPrintMedium *medium = th_print_medium_lookup (media[i]);
      g_autoptr(ThPrintDoc) doc = th_bag_labels_doc_new (medium, &sample_label, 1);
      g_autoptr(GError) error = NULL;
      g_autoptr(ThRaster) raster = th_print_doc_render_raster (doc, 0, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (raster->width, ==, medium->dots);
      g_assert_cmpuint (raster->height, ==, medium->height_mm * TH_PRINT_DOTS_PER_MM);
      g_assert_true (decodes_to (raster, PICKUP_CODE));
    }
}

static void
test_escpos_file (ThTestFixture *f,
                  gconstpointer  data)
{
  const guint widths[] = { 58, 80 };

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      const ThPrintMedium *medium = th_print_medium_receipt (widths[i]);
      g_autoptr(ThPrintDoc) doc = th_print_test_page_doc_new (medium);
      g_autoptr(GError) error = NULL;
      g_autoptr(ThRaster) raster = th_print_doc_render_raster (doc, 0, &error);
      g_autoptr(GBytes) bytes = th_escpos_encode_doc (doc, &error);
      g_autofree char *path = g_build_filename (f->dir, "lp0", NULL);
      g_autofree char *contents = NULL;
      g_autoptr(GBytes) written = NULL;
      gsize len;
      Parsed p;

      g_assert_no_error (error);
      g_assert_true (th_escpos_send (path, bytes, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      written = g_bytes_new_take (g_steal_pointer (&contents), len);
      parse_escpos (written, &p);
      g_test_message ("%u mm: %u × %u dots in %u bands", widths[i], p.width_dots, p.height, p.n_bands);
      g_assert_cmpuint (p.width_dots, ==, widths[i] == 58 ? 384 : 576);
      /* A test page is taller than one band: the chunking is exercised. */
      g_assert_cmpuint (p.n_bands, >=, 2);
      g_assert_cmpuint (p.n_cuts, ==, 1);
      assert_raster_matches (&p, raster);
      /* The page's QR survives the trip through the printer's bytes. */
      g_assert_true (decodes_to (raster, TH_PRINT_TEST_QR));
      g_byte_array_unref (p.image);
    }

  /* A missing printer under /dev is an error, never a new file. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) bytes = g_bytes_new_static ("\x1b@", 2);

    g_assert_false (th_escpos_send ("/dev/usb/tihuo-no-such-lp", bytes, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    g_assert_false (g_file_test ("/dev/usb/tihuo-no-such-lp", G_FILE_TEST_EXISTS));
    g_clear_error (&error);
    /* A device that stops taking bytes, like a printer out of paper. */
    if (g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
      {
        g_assert_false (th_escpos_send ("/dev/full", bytes, NULL, &error));
        g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
        g_assert_nonnull (strstr (error->message, "has paper"));
        g_clear_error (&error);
      }
    g_assert_false (th_escpos_send ("not a printer::", bytes, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  }
}

static void
test_escpos_tcp (void)
{
  Printer *printer = printer_start (0);
  g_autoptr(ThPrintDoc) doc = th_print_test_page_doc_new (th_print_medium_receipt (80));
  g_autoptr(ThPrintDoc) labels = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ThRaster) raster = th_print_doc_render_raster (doc, 0, &error);
  g_autoptr(GBytes) bytes = th_escpos_encode_doc (doc, &error);
  g_autoptr(GBytes) received = NULL;
  g_autofree char *target = g_strdup_printf ("127.0.0.1:%u", printer->port);
  ThBagLabel two[2] = { sample_label, sample_label };
  Parsed p;

  g_assert_no_error (error);
  g_assert_true (th_escpos_send (target, bytes, NULL, &error));
  g_assert_no_error (error);
  received = printer_wait (printer, 1);
  g_assert_true (g_bytes_equal (received, bytes));
  parse_escpos (received, &p);
  g_assert_cmpuint (p.width_dots, ==, 576);
  assert_raster_matches (&p, raster);
  g_byte_array_unref (p.image);

  /* Two labels: two pages, each cut. */
  two[1].pickup_code = "40589999";
  labels = th_bag_labels_doc_new (th_print_medium_lookup ("label-40x30"), two, 2);
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = th_escpos_encode_doc (labels, &error);
  g_assert_no_error (error);
  parse_escpos (bytes, &p);
  g_assert_cmpuint (p.n_cuts, ==, 2);
  g_assert_cmpuint (p.width_dots, ==, 320);
  g_assert_cmpuint (p.height, ==, 2 * 240);
  g_byte_array_unref (p.image);
  printer_stop (printer);
}

static void
test_sorting_sheet (ThTestFixture *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) th_sorting_item_free);
  g_autoptr(ThPrintDoc) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GArray) sizes = NULL;
  g_autofree char *text = NULL;
  guint rows = 0;

  /* 12 products for 20 orders each: 240 rows, more than fit on one page. */
  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *sku = g_strdup_printf ("SKU-%02u", i);
      ThSortingItem *item = th_sorting_item_new (sku, i == 0 ? "东北大米 5kg" : "土鸡蛋 30枚");

      for (guint o = 0; o < 20; o++)
        {
          g_autofree char *order = g_strdup_printf ("%u", 9000 + o);
          g_autofree char *place = g_strdup_printf ("A-%02u", o);

          th_sorting_item_add (item, order, place, 1 + o % 3);
          rows++;
        }
      g_ptr_array_add (items, item);
    }
  g_assert_cmpuint (th_sorting_item_total (g_ptr_array_index (items, 0)), ==, 7 * 1 + 7 * 2 + 6 * 3);
  doc = th_sorting_sheet_doc_new ("分拣单 12-05", items);
  g_assert_cmpuint (th_print_doc_get_n_pages (doc), >=, 6);
  g_assert_cmpuint (th_print_doc_get_n_pages (doc), <=, 8);
  pdf = th_print_doc_to_pdf (doc, &error);
  g_assert_no_error (error);
  sizes = th_test_pdf_page_sizes (pdf);
  g_assert_cmpuint (sizes->len, ==, 2 * th_print_doc_get_n_pages (doc));

  if (!(text = th_test_pdf_text (pdf, f->dir)))
    return;
  /* Every row is printed once, across the page breaks: each order number
   * appears once per product. */
  {
    guint n = 0;

    for (const char *s = text; (s = strstr (s, "9007")); s++)
      n++;
    g_assert_cmpuint (n, ==, 12);
  }
  g_assert_nonnull (strstr (text, "东北大米"));
  g_assert_nonnull (strstr (text, "SKU-11"));
}

static ThPrintJob *
get_job (ThDb  *db,
         gint64 id)
{
  g_autoptr(GError) error = NULL;
  ThPrintJob *job = th_print_queue_get (db, id, &error);

  g_assert_no_error (error);
  return job;
}

static void
test_queue (ThTestFixture *f,
            gconstpointer  data)
{
  guint16 port = closed_port ();
  g_autofree char *target = g_strdup_printf ("127.0.0.1:%u", port);
  g_autoptr(ThPrintDoc) doc = th_bag_labels_doc_new (th_print_medium_lookup ("label-40x30"), &sample_label, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = th_escpos_encode_doc (doc, &error);
  g_autoptr(ThPrintJob) job = NULL;
  g_autoptr(GPtrArray) waiting = NULL;
  g_autoptr(GBytes) received = NULL;
  Printer *printer;
  gint64 id, again, other;

  g_assert_no_error (error);
  id = th_print_queue_add (f->db, "bag-labels", "B-07", "label-40x30", TH_PRINT_FORMAT_ESCPOS, target, bytes,
                           "lin", TH_TEST_NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  /* The printer is off: the job stays queued with the reason. */
  g_assert_false (th_print_queue_print (f->db, id, TH_TEST_NOW, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, target));
  g_clear_error (&error);
  job = get_job (f->db, id);
  g_assert_cmpint (job->state, ==, TH_PRINT_JOB_QUEUED);
  g_assert_cmpuint (job->attempts, ==, 1);
  g_assert_nonnull (strstr (job->last_error, "did not answer"));
  g_assert_cmpuint (job->size, ==, g_bytes_get_size (bytes));
  waiting = th_print_queue_list (f->db, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (waiting->len, ==, 1);

  /* A reprint is for printed jobs only. */
  g_assert_cmpint (th_print_queue_reprint (f->db, id, "lin", TH_TEST_NOW, &error), ==, 0);
  g_assert_error (error, TH_ERROR, TH_ERROR_REFUSED);
  g_clear_error (&error);

  /* The printer comes on at the same address: the retry prints the very
   * bytes that were queued. */
  printer = printer_start (port);
  g_assert_cmpuint (printer->port, ==, port);
  g_assert_true (th_print_queue_print (f->db, id, TH_TEST_NOW, NULL, &error));
  g_assert_no_error (error);
  received = printer_wait (printer, 1);
  g_assert_true (g_bytes_equal (received, bytes));
  g_clear_pointer (&job, th_print_job_free);
  job = get_job (f->db, id);
  g_assert_cmpint (job->state, ==, TH_PRINT_JOB_PRINTED);
  g_assert_cmpint (job->printed_at, ==, TH_TEST_NOW);
  g_assert_cmpuint (job->attempts, ==, 2);
  g_assert_false (th_print_queue_print (f->db, id, TH_TEST_NOW, NULL, &error));
  g_assert_error (error, TH_ERROR, TH_ERROR_REFUSED);
  g_clear_error (&error);

  /* A reprint is a new job, and the audit log says who asked for it. */
  again = th_print_queue_reprint (f->db, id, "lin", TH_TEST_NOW + 60, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again, >, id);
  g_clear_pointer (&job, th_print_job_free);
  job = get_job (f->db, again);
  g_assert_cmpint (job->reprint_of, ==, id);
  g_assert_cmpint (job->state, ==, TH_PRINT_JOB_QUEUED);
  g_assert_cmpint (th_test_scalar (f->db, "SELECT count (*) FROM audit_log WHERE action = 'reprinted' "
                                          "AND actor = 'lin' AND subject = 'print_job:1'"), ==, 1);
  g_assert_true (th_audit_verify (f->db, NULL, &error));
  g_assert_no_error (error);

  /* Dropping: only waiting jobs, and it is final. */
  g_assert_true (th_print_queue_drop (f->db, again, "lin", TH_TEST_NOW, &error));
  g_assert_no_error (error);
  g_assert_false (th_print_queue_drop (f->db, again, "lin", TH_TEST_NOW, &error));
  g_assert_error (error, TH_ERROR, TH_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (th_print_queue_print (f->db, again, TH_TEST_NOW, NULL, &error));
  g_clear_error (&error);
  g_assert_false (th_print_queue_drop (f->db, id, "lin", TH_TEST_NOW, &error));
  g_clear_error (&error);

  /* A target that is no printer at all fails for good, until retried. */
  other = th_print_queue_add (f->db, "test-page", "", "receipt-58", TH_PRINT_FORMAT_ESCPOS, "no printer::",
                              bytes, "", TH_TEST_NOW, &error);
  g_assert_false (th_print_queue_print (f->db, other, TH_TEST_NOW, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_clear_pointer (&job, th_print_job_free);
  job = get_job (f->db, other);
  g_assert_cmpint (job->state, ==, TH_PRINT_JOB_FAILED);
  g_clear_pointer (&waiting, g_ptr_array_unref);
  waiting = th_print_queue_list (f->db, TRUE, &error);
  g_assert_cmpuint (waiting->len, ==, 1);
  g_assert_cmpint (((ThPrintJob *) g_ptr_array_index (waiting, 0))->id, ==, other);
  printer_stop (printer);
}

/* Printing everything waiting: a printer that is off keeps its jobs in
 * order (the second is not even tried), another target still prints. */
static void
test_queue_all (ThTestFixture *f,
                gconstpointer  data)
{
  g_autofree char *off = g_strdup_printf ("127.0.0.1:%u", closed_port ());
  g_autofree char *file = g_build_filename (f->dir, "lp1", NULL);
  g_autoptr(GBytes) bytes = g_bytes_new_static ("\x1b@\x1dV\x01", 5);
  g_autoptr(GError) error = NULL;
  g_autoptr(ThPrintJob) first = NULL;
  g_autoptr(ThPrintJob) second = NULL;
  g_autoptr(ThPrintJob) third = NULL;
  gint64 a, b, c;

  a = th_print_queue_add (f->db, "receipt", "", "receipt-58", TH_PRINT_FORMAT_ESCPOS, off, bytes, "", TH_TEST_NOW, &error);
  b = th_print_queue_add (f->db, "receipt", "", "receipt-58", TH_PRINT_FORMAT_ESCPOS, off, bytes, "", TH_TEST_NOW, &error);
  c = th_print_queue_add (f->db, "receipt", "", "receipt-58", TH_PRINT_FORMAT_ESCPOS, file, bytes, "", TH_TEST_NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (th_print_queue_print_all (f->db, TH_TEST_NOW, NULL, &error), ==, 1);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, off));
  first = get_job (f->db, a);
  second = get_job (f->db, b);
  third = get_job (f->db, c);
  g_assert_cmpint (first->state, ==, TH_PRINT_JOB_QUEUED);
  g_assert_cmpuint (first->attempts, ==, 1);
  g_assert_cmpint (second->state, ==, TH_PRINT_JOB_QUEUED);
  g_assert_cmpuint (second->attempts, ==, 0);
  g_assert_cmpint (third->state, ==, TH_PRINT_JOB_PRINTED);
  g_assert_true (g_file_test (file, G_FILE_TEST_EXISTS));
}

static void
test_cli (ThTestFixture *f,
          gconstpointer  data)
{
  Printer *printer = printer_start (0);
  g_autofree char *target = g_strdup_printf ("127.0.0.1:%u", printer->port);
  g_autofree char *closed = g_strdup_printf ("127.0.0.1:%u", closed_port ());
  g_autofree char *pdf = g_build_filename (f->dir, "test.pdf", NULL);
  g_auto(ThTestRun) r = { 0 };
  g_autoptr(GBytes) received = NULL;
  Parsed p;

  th_test_cli (f, &r, "print-test", "--pdf", pdf, "--medium", "label-60x40", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_EXISTS));
  th_test_run_clear (&r);

  th_test_cli (f, &r, "print-test", "--escpos", target, "--width", "80", NULL);
  g_assert_cmpint (r.status, ==, 0);
  received = printer_wait (printer, 1);
  parse_escpos (received, &p);
  g_assert_cmpuint (p.width_dots, ==, 576);
  g_byte_array_unref (p.image);
  th_test_run_clear (&r);

  th_test_cli (f, &r, "print-test", "--escpos", target, "--width", "57", NULL);
  g_assert_cmpint (r.status, ==, 2);
  th_test_run_clear (&r);

  /* Off: the page waits in the queue, and the CLI says how to retry. */
  th_test_cli (f, &r, "print-test", "--escpos", closed, "--queue", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "did not answer"));
  g_assert_nonnull (strstr (r.err, "print-queue retry 1"));
  th_test_run_clear (&r);
  th_test_cli (f, &r, "print-queue", "list", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (r.json);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (r.json)), ==, 1);
  th_test_run_clear (&r);
  th_test_cli (f, &r, "print-queue", "drop", "1", "--staff", "lin", NULL);
  g_assert_cmpint (r.status, ==, 0);
  th_test_run_clear (&r);
  th_test_cli (f, &r, "print-queue", "list", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "No print jobs are waiting"));
  printer_stop (printer);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add (path, ThTestFixture, NULL, th_test_fixture_set_up, func, th_test_fixture_tear_down)
  g_test_add_func ("/tihuo/printing/media", test_media);
  g_test_add_func ("/tihuo/printing/pdf-sizes", test_pdf_sizes);
  ADD ("/tihuo/printing/pdf-text", test_pdf_text);
  g_test_add_func ("/tihuo/printing/label-qr", test_label_qr);
  ADD ("/tihuo/printing/escpos-file", test_escpos_file);
  g_test_add_func ("/tihuo/printing/escpos-tcp", test_escpos_tcp);
  ADD ("/tihuo/printing/sorting-sheet", test_sorting_sheet);
  ADD ("/tihuo/printing/queue", test_queue);
  ADD ("/tihuo/printing/queue-all", test_queue_all);
  ADD ("/tihuo/printing/cli", test_cli);
#undef ADD
  return g_test_run ();
}
