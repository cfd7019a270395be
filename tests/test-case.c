/* SPDX-License-Identifier: GPL-3.0-or-later */
/* After-sales cases: the workflow and its events, photos, response times,
 * the ledger's filters, and the CLI. */
#include "config.h"

#include <fcntl.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "th-case.h"
#include "th-error.h"
#include "th-outbox.h"
#include "th-test-aftersales.h"

static const ThTestItem items[] = {
  { "SKU-STRAW-500", "丹东草莓 500g", 2, 1290 },
  { "SKU-EGG-30", "土鸡蛋 30枚", 1, 3280 },
};

static const ThCaseDeadlines deadlines = TH_CASE_DEADLINES_DEFAULT;

static const char png_head[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
static const char jpeg_head[] = "\xff\xd8\xff\xe0\0\x10JFIF";
static const char webp_head[] = "RIFF\x24\0\0\0WEBPVP8 ";
static const char heic_head[] = "\0\0\0\x18" "ftypheic\0\0\0\0mif1heic";

static void
set_up (ThTestFixture *f,
        gconstpointer  data)
{
  g_autoptr(JsonNode) order = th_test_make_order_items (1, 5860, 1, items, G_N_ELEMENTS (items));
  g_autoptr(JsonNode) other = th_test_make_order_items (2, 5860, 1, items, G_N_ELEMENTS (items));

  th_test_fixture_set_up (f, data);
  th_test_add_staff (f->db, TH_TEST_LEADER, TH_STAFF_ROLE_LEADER, TH_TEST_LEADER_PIN);
  th_test_add_staff (f->db, "cash", TH_STAFF_ROLE_CASHIER, "2222");
  th_test_import (f->db, order);
  th_test_import (f->db, other);
}

static char *
write_file (ThTestFixture *f,
            const char    *name,
            const char    *head,
            gsize          head_len,
            gsize          size)
{
  g_autofree char *contents = g_malloc0 (size);
  char *path = g_build_filename (f->dir, name, NULL);

  if (size > 0)
    memcpy (contents, head, MIN (head_len, size));
  /* Different photos, different content. */
  if (size > head_len + 4)
    memcpy (contents + size - 4, name, MIN (4, strlen (name)));
  g_assert_true (g_file_set_contents (path, contents, size, NULL));
  return path;
}

#define WRITE(f, name, head, size) write_file (f, name, head, sizeof head - 1, size)

static JsonObject *
outbox_event (ThTestFixture *f,
              JsonNode      *events,
              guint          i)
{
  return json_array_get_object_element (json_node_get_array (events), i);
}

static void
test_workflow (ThTestFixture *f,
               gconstpointer  data)
{
  g_autofree char *photo_dir = g_build_filename (f->dir, "photos", NULL);
  g_autofree char *png = WRITE (f, "a.png", png_head, 2048);
  g_autofree char *jpeg = WRITE (f, "b.jpg", jpeg_head, 4096);
  const char *photos[] = { png, jpeg, png, NULL };
  const ThLineQty lines[] = { { 1, 1 } };
  const ThRefundLineRequest refund_lines[] = { { 1, 0, 1290 } };
  ThCaseRequest request = { 1, TH_REASON_SPOILED, "草莓发霉了 mouldy", lines, 1, photos, "cash" };
  ThRefundRequest refund_request = { 1, refund_lines, 1, TH_REASON_SPOILED, NULL, "cash", NULL, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(ThCase) c = NULL;
  g_autoptr(ThCase) responded = NULL;
  g_autoptr(ThCase) resolved = NULL;
  g_autoptr(ThRefund) refund = NULL;
  g_autoptr(JsonNode) events = NULL;
  g_autofree char *stored = NULL;
  JsonObject *e, *d;

  c = th_case_open (f->db, &request, photo_dir, TH_TEST_NOW, &error);
  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (c->id));
  g_assert_cmpint (c->status, ==, TH_CASE_OPEN);
  g_assert_cmpint (c->order_id, ==, 1);
  g_assert_cmpstr (c->customer_name, ==, "李*华");
  g_assert_cmpstr (c->opened_by, ==, "cash");
  g_assert_cmpuint (c->lines->len, ==, 1);
  g_assert_cmpstr (g_array_index (c->lines, ThCaseLine, 0).sku, ==, "SKU-STRAW-500");
  /* The same photo twice is kept once; files are named by their SHA-256. */
  g_assert_cmpuint (c->photos->len, ==, 2);
  g_assert_cmpint (g_array_index (c->photos, ThCasePhoto, 0).bytes, ==, 2048);
  stored = g_build_filename (photo_dir, g_array_index (c->photos, ThCasePhoto, 1).sha256, NULL);
  g_assert_true (g_file_test (stored, G_FILE_TEST_IS_REGULAR));
  {
    g_autofree char *contents = NULL;
    g_autofree char *sum = NULL;
    gsize len;

    g_assert_true (g_file_get_contents (stored, &contents, &len, NULL));
    sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
    g_assert_cmpstr (sum, ==, g_array_index (c->photos, ThCasePhoto, 1).sha256);
  }

  responded = th_case_update (f->db, c->id, TH_CASE_RESPONDED, TH_RESOLUTION_NONE, NULL, "已联系供应商",
                              "cash", TH_TEST_NOW + 600, &error);
  g_assert_no_error (error);
  g_assert_cmpint (responded->status, ==, TH_CASE_RESPONDED);
  g_assert_cmpint (responded->responded_at, ==, TH_TEST_NOW + 600);

  /* Resolved by a refund: the refund must exist, and be for this order. */
  g_assert_null (th_case_update (f->db, c->id, TH_CASE_RESOLVED, TH_RESOLUTION_REFUND, NULL, NULL,
                                 "cash", TH_TEST_NOW + 700, &error));
  g_assert_error (error, TH_ERROR, TH_ERROR_INVALID);
  g_clear_error (&error);
  refund_request.order_id = 2;
  refund = th_refund_create (f->db, &refund_request, TH_TEST_NOW + 650, &error);
  g_assert_no_error (error);
  g_assert_null (th_case_update (f->db, c->id, TH_CASE_RESOLVED, TH_RESOLUTION_REFUND, refund->id, NULL,
                                 "cash", TH_TEST_NOW + 700, &error));
  g_assert_error (error, TH_ERROR, TH_ERROR_REFUSED);
  g_clear_error (&error);
  g_clear_pointer (&refund, th_refund_unref);
  refund_request.order_id = 1;
  refund = th_refund_create (f->db, &refund_request, TH_TEST_NOW + 660, &error);
  g_assert_no_error (error);

  resolved = th_case_update (f->db, c->id, TH_CASE_RESOLVED, TH_RESOLUTION_REFUND, refund->id, "退款 12.90",
                             "cash", TH_TEST_NOW + 700, &error);
  g_assert_no_error (error);
  g_assert_cmpint (resolved->status, ==, TH_CASE_RESOLVED);
  g_assert_cmpint (resolved->resolution, ==, TH_RESOLUTION_REFUND);
  g_assert_cmpstr (resolved->refund_id, ==, refund->id);
  g_assert_cmpint (resolved->closed_at, ==, TH_TEST_NOW + 700);
  g_assert_cmpint (th_case_get_overdue (resolved, &deadlines, TH_TEST_NOW + 999999), ==, TH_CASE_ON_TIME);

  /* Closed is final. */
  g_assert_null (th_case_update (f->db, c->id, TH_CASE_REJECTED, TH_RESOLUTION_NONE, NULL, NULL,
                                 "cash", TH_TEST_NOW + 800, &error));
  g_assert_error (error, TH_ERROR, TH_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_false (th_db_exec (f->db, "UPDATE aftersales_cases SET status = 'open', responded_at = NULL, "
                                     "closed_at = NULL, resolution = NULL, refund_id = NULL", &error));
  g_assert_nonnull (strstr (error->message, "workflow"));
  g_clear_error (&error);

  /* The outbox: opened, responded, refund (order 2), refund (order 1), resolved. */
  events = th_outbox_list (f->db, 0, &error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (events)), ==, 5);
  e = outbox_event (f, events, 0);
  g_assert_cmpstr (json_object_get_string_member (e, "type"), ==, "aftersales_opened");
  g_assert_cmpstr (json_object_get_string_member (e, "order_id"), ==, "1");
  g_assert_cmpstr (json_object_get_string_member (e, "staff"), ==, "cash");
  d = json_object_get_object_member (e, "data");
  g_assert_cmpstr (json_object_get_string_member (d, "case_id"), ==, c->id);
  g_assert_cmpstr (json_object_get_string_member (d, "category"), ==, "spoiled");
  g_assert_cmpstr (json_object_get_string_member (d, "description"), ==, "草莓发霉了 mouldy");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (d, "lines")), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (json_object_get_array_member (d, "lines"), 0),
                                               "qty"), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (d, "photos")), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (d, "photos"), 1),
                                                  "sha256"), ==, g_array_index (c->photos, ThCasePhoto, 1).sha256);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (json_object_get_array_member (d, "photos"), 1),
                                               "bytes"), ==, 4096);

  e = outbox_event (f, events, 1);
  g_assert_cmpstr (json_object_get_string_member (e, "type"), ==, "aftersales_updated");
  d = json_object_get_object_member (e, "data");
  g_assert_cmpstr (json_object_get_string_member (d, "case_id"), ==, c->id);
  g_assert_cmpstr (json_object_get_string_member (d, "status"), ==, "responded");
  g_assert_cmpstr (json_object_get_string_member (d, "resolution"), ==, "none");
  g_assert_cmpstr (json_object_get_string_member (d, "note"), ==, "已联系供应商");

  e = outbox_event (f, events, 4);
  g_assert_cmpstr (json_object_get_string_member (e, "type"), ==, "aftersales_updated");
  d = json_object_get_object_member (e, "data");
  g_assert_cmpstr (json_object_get_string_member (d, "status"), ==, "resolved");
  g_assert_cmpstr (json_object_get_string_member (d, "resolution"), ==, "refund");
  g_assert_cmpstr (json_object_get_string_member (d, "refund_id"), ==, refund->id);

  /* Each step audited, with its event's id. */
  g_assert_cmpint (th_test_query_int (f->db, "SELECT count (*) FROM audit_log WHERE subject LIKE 'case:%' "
                                             "AND json_extract (detail, '$.event_id') IN (SELECT id FROM outbox)"), ==, 3);
  g_assert_cmpint (th_test_query_int (f->db, "SELECT count (*) FROM aftersales_updates"), ==, 2);
}

static void
test_walk_in_rejected (ThTestFixture *f,
                       gconstpointer  data)
{
  const ThLineQty lines[] = { { 1, 1 } };
  ThCaseRequest request = { -1, TH_REASON_QUALITY, "昨天买的鸡蛋有异味", NULL, 0, NULL, "cash" };
  g_autoptr(GError) error = NULL;
  g_autoptr(ThCase) c = th_case_open (f->db, &request, NULL, TH_TEST_NOW, &error);
  g_autoptr(ThCase) rejected = NULL;
  g_autoptr(JsonNode) events = NULL;
  JsonObject *e;

  g_assert_no_error (error);
  g_assert_cmpint (c->order_id, ==, -1);
  g_assert_cmpstr (c->customer_name, ==, "");

  /* Rejecting an open case also counts as its response. */
  rejected = th_case_update (f->db, c->id, TH_CASE_REJECTED, TH_RESOLUTION_COUPON, NULL, "不是本站售出",
                             "cash", TH_TEST_NOW + 60, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rejected->status, ==, TH_CASE_REJECTED);
  g_assert_cmpint (rejected->responded_at, ==, TH_TEST_NOW + 60);
  g_assert_cmpint (rejected->resolution, ==, TH_RESOLUTION_NONE);

  events = th_outbox_list (f->db, 0, &error);
  e = outbox_event (f, events, 0);
  g_assert_true (json_object_get_null_member (e, "order_id"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_object_get_object_member (e, "data"),
                                                                         "lines")), ==, 0);
  e = outbox_event (f, events, 1);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (e, "data"), "status"), ==, "rejected");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (e, "data"), "resolution"), ==, "none");

  /* A walk-in has no order lines; unknown staff and empty descriptions are refused. */
  request.lines = lines;
  request.n_lines = 1;
  g_assert_null (th_case_open (f->db, &request, NULL, TH_TEST_NOW, &error));
  g_assert_error (error, TH_ERROR, TH_ERROR_INVALID);
  g_clear_error (&error);
  request.lines = NULL;
  request.n_lines = 0;
  request.staff = "ghost";
  g_assert_null (th_case_open (f->db, &request, NULL, TH_TEST_NOW, &error));
  g_assert_error (error, TH_ERROR, TH_ERROR_REFUSED);
  g_clear_error (&error);
  request.staff = "cash";
  request.description = "   ";
  g_assert_null (th_case_open (f->db, &request, NULL, TH_TEST_NOW, &error));
  g_assert_error (error, TH_ERROR, TH_ERROR_INVALID);
  g_clear_error (&error);
}

static void
expect_photo_refused (ThTestFixture *f,
                      const char    *photo_dir,
                      const char    *path,
                      const char    *words)
{
  const char *photos[] = { path, NULL };
  ThCaseRequest request = { 1, TH_REASON_DAMAGED, "压坏了", NULL, 0, photos, "cash" };
  g_autoptr(GError) error = NULL;
  g_autoptr(ThCase) c = th_case_open (f->db, &request, photo_dir, TH_TEST_NOW, &error);

  g_assert_null (c);
  g_assert_error (error, TH_ERROR, TH_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, words));
}

static void
test_photos (ThTestFixture *f,
             gconstpointer  data)
{
  g_autofree char *photo_dir = g_build_filename (f->dir, "photos", NULL);
  g_autofree char *text = WRITE (f, "receipt.jpg", "Just some text, not a photo", 200);
  g_autofree char *pdf = WRITE (f, "scan.png", "%PDF-1.7", 1000);
  g_autofree char *empty = WRITE (f, "empty.png", "", 0);
  g_autofree char *big = g_build_filename (f->dir, "big.jpg", NULL);
  g_autofree char *limit = WRITE (f, "limit.png", png_head, TH_CASE_MAX_PHOTO_BYTES);
  g_autofree char *webp = WRITE (f, "c.webp", webp_head, 300);
  g_autofree char *heic = WRITE (f, "d.heic", heic_head, 300);
  g_autofree char *missing = g_build_filename (f->dir, "missing.jpg", NULL);
  g_autoptr(GError) error = NULL;
  ThCasePhoto photo;
  int fd;

  /* Over 10 MiB, found from its size without reading it. */
  fd = g_open (big, O_CREAT | O_WRONLY, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, jpeg_head, 4), ==, 4);
  g_assert_cmpint (ftruncate (fd, TH_CASE_MAX_PHOTO_BYTES + 1), ==, 0);
  close (fd);

  expect_photo_refused (f, photo_dir, text, "is not a photo");
  expect_photo_refused (f, photo_dir, pdf, "is not a photo");
  expect_photo_refused (f, photo_dir, empty, "is not a photo");
  expect_photo_refused (f, photo_dir, f->dir, "is not a photo");
  expect_photo_refused (f, photo_dir, big, "10 MiB");
  expect_photo_refused (f, photo_dir, missing, "Cannot read");
  /* Nothing recorded, nothing sent. */
  g_assert_cmpint (th_outbox_count (f->db, NULL), ==, 0);

  g_assert_true (th_case_import_photo (photo_dir, limit, &photo, &error));
  g_assert_no_error (error);
  g_assert_cmpint (photo.bytes, ==, TH_CASE_MAX_PHOTO_BYTES);
  g_assert_true (th_case_import_photo (photo_dir, webp, &photo, &error));
  g_assert_true (th_case_import_photo (photo_dir, heic, &photo, &error));
  g_assert_no_error (error);

  /* At most six. */
  {
    g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
    ThCaseRequest request = { 1, TH_REASON_DAMAGED, "压坏了", NULL, 0, NULL, "cash" };
    g_autoptr(ThCase) c = NULL;

    for (guint i = 0; i < 7; i++)
      {
        g_autofree char *name = g_strdup_printf ("p%u.png", i);
        g_ptr_array_add (paths, WRITE (f, name, png_head, 100));
      }
    g_ptr_array_add (paths, NULL);
    request.photo_paths = (const char * const *) paths->pdata;
    g_assert_null (th_case_open (f->db, &request, photo_dir, TH_TEST_NOW, &error));
    g_assert_error (error, TH_ERROR, TH_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "at most 6"));
    g_clear_error (&error);

    g_ptr_array_remove_index (paths, 6);   /* the NULL stays last */
    c = th_case_open (f->db, &request, photo_dir, TH_TEST_NOW, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (c->photos->len, ==, 6);
  }
  /* The database holds the limit too. */
  g_assert_false (th_db_exec (f->db, "INSERT INTO aftersales_photos SELECT case_id, 7, "
                                     "'0000000000000000000000000000000000000000000000000000000000000000', 1 "
                                     "FROM aftersales_cases", &error));
  g_clear_error (&error);
}

/* A PNG of a few KiB that declares 30000 × 30000 pixels is refused when
 * added, from its header (nothing of its size is allocated: the import
 * reads at most 10 MiB), and the thumbnail check refuses it too; a real
 * small photo passes both. */
static void
test_photo_bomb (ThTestFixture *f,
                 gconstpointer  data)
{
  g_autofree char *photo_dir = g_build_filename (f->dir, "photos", NULL);
  g_autofree char *bomb = g_build_filename (f->dir, "bomb.png", NULL);
  g_autofree char *edge = g_build_filename (f->dir, "edge.png", NULL);
  g_autofree char *small = g_build_filename (f->dir, "small.png", NULL);
  g_autoptr(GBytes) bomb_bytes = th_test_png_bomb (30000, 30000);
  /* One pixel over the limit, and exactly at it. */
  g_autoptr(GBytes) edge_bytes = th_test_png_bomb (TH_MAX_IMAGE_PIXELS / 5000 + 1, 5000);
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 16, 12);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  ThCasePhoto photo;

  g_assert_true (g_file_set_contents (bomb, g_bytes_get_data (bomb_bytes, NULL), g_bytes_get_size (bomb_bytes), NULL));
  g_assert_true (g_file_set_contents (edge, g_bytes_get_data (edge_bytes, NULL), g_bytes_get_size (edge_bytes), NULL));
  gdk_pixbuf_fill (pixbuf, 0x336699ff);
  g_assert_true (gdk_pixbuf_save (pixbuf, small, "png", &error, NULL));

  expect_photo_refused (f, photo_dir, bomb, "30000 × 30000 pixels");
  expect_photo_refused (f, photo_dir, bomb, "40 megapixels");
  expect_photo_refused (f, photo_dir, edge, "8001 × 5000 pixels");
  g_assert_false (th_case_import_photo (photo_dir, bomb, &photo, &error));
  g_assert_error (error, TH_ERROR, TH_ERROR_INVALID);
  g_clear_error (&error);
  /* Nothing stored, nothing recorded. */
  dir = g_dir_open (photo_dir, 0, NULL);
  g_assert_true (dir == NULL || g_dir_read_name (dir) == NULL);
  g_assert_cmpint (th_outbox_count (f->db, NULL), ==, 0);

  /* What the photo strip asks before it makes a thumbnail. */
  g_assert_false (th_case_check_photo_pixels (bomb, &error));
  g_assert_error (error, TH_ERROR, TH_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (th_case_check_photo_pixels (small, &error));
  g_assert_no_error (error);

  g_assert_true (th_case_import_photo (photo_dir, small, &photo, &error));
  g_assert_no_error (error);
}

static void
test_overdue (ThTestFixture *f,
              gconstpointer  data)
{
  ThCaseRequest request = { 1, TH_REASON_MISSING, "少了一盒", NULL, 0, NULL, "cash" };
  const ThCaseDeadlines tight = { 600, 7200 };
  g_autoptr(GError) error = NULL;
  g_autoptr(ThCase) a = th_case_open (f->db, &request, NULL, TH_TEST_NOW, &error);
  g_autoptr(ThCase) b = th_case_open (f->db, &request, NULL, TH_TEST_NOW + 1800, &error);
  g_autoptr(ThCase) a2 = NULL;
  g_autoptr(GPtrArray) list = NULL;
  ThCaseFilter filter = TH_CASE_FILTER_INIT;

  g_assert_no_error (error);
  g_assert_cmpint (th_case_get_overdue (a, &deadlines, TH_TEST_NOW + 3600), ==, TH_CASE_ON_TIME);
  g_assert_cmpint (th_case_get_overdue (a, &deadlines, TH_TEST_NOW + 3601), ==, TH_CASE_OVERDUE_RESPONSE);
  g_assert_cmpint (th_case_get_due_at (a, &deadlines), ==, TH_TEST_NOW + 3600);
  g_assert_cmpint (th_case_count_overdue (f->db, &deadlines, TH_TEST_NOW + 3601, &error), ==, 1);
  g_assert_cmpint (th_case_count_overdue (f->db, &deadlines, TH_TEST_NOW + 5401, &error), ==, 2);
  g_assert_cmpint (th_case_count_overdue (f->db, &tight, TH_TEST_NOW + 601, &error), ==, 1);

  /* Responded late: no longer late to respond, but the resolution clock runs. */
  a2 = th_case_update (f->db, a->id, TH_CASE_RESPONDED, TH_RESOLUTION_NONE, NULL, NULL, "cash",
                       TH_TEST_NOW + 4000, &error);
  g_assert_no_error (error);
  g_assert_cmpint (th_case_get_overdue (a2, &deadlines, TH_TEST_NOW + 4000), ==, TH_CASE_ON_TIME);
  g_assert_cmpint (th_case_get_due_at (a2, &deadlines), ==, TH_TEST_NOW + 86400);
  g_assert_cmpint (th_case_get_overdue (a2, &deadlines, TH_TEST_NOW + 86401), ==, TH_CASE_OVERDUE_RESOLVE);
  g_assert_cmpint (th_case_get_overdue (b, &deadlines, TH_TEST_NOW + 1800 + 86401), ==,
                   TH_CASE_OVERDUE_RESPONSE | TH_CASE_OVERDUE_RESOLVE);
  g_assert_cmpint (th_case_count_overdue (f->db, &deadlines, TH_TEST_NOW + 4000, &error), ==, 0);
  g_assert_cmpint (th_case_count_overdue (f->db, &deadlines, TH_TEST_NOW + 5401, &error), ==, 1);
  g_assert_cmpint (th_case_count_overdue (f->db, &deadlines, TH_TEST_NOW + 86401, &error), ==, 2);
  g_assert_cmpint (th_case_count_overdue (f->db, &deadlines, TH_TEST_NOW + 1800 + 86401, &error), ==, 2);

  filter.overdue_only = TRUE;
  filter.deadlines = &deadlines;
  filter.now = TH_TEST_NOW + 5401;
  list = th_case_list (f->db, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((ThCase *) g_ptr_array_index (list, 0))->id, ==, b->id);
}

static guint
count_listed (ThTestFixture      *f,
              const ThCaseFilter *filter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = th_case_list (f->db, filter, &error);

  g_assert_no_error (error);
  return list->len;
}

static void
test_list_filters (ThTestFixture *f,
                   gconstpointer  data)
{
  const ThLineQty straw[] = { { 1, 2 } };
  const ThLineQty egg[] = { { 2, 1 } };
  ThCaseRequest r1 = { 1, TH_REASON_SPOILED, "草莓发霉", straw, 1, NULL, "cash" };
  ThCaseRequest r2 = { 2, TH_REASON_DAMAGED, "Eggs cracked", egg, 1, NULL, "cash" };
  ThCaseRequest r3 = { -1, TH_REASON_SPOILED, "walk-in: 牛奶过期", NULL, 0, NULL, "cash" };
  g_autoptr(GError) error = NULL;
  g_autoptr(ThCase) c1 = th_case_open (f->db, &r1, NULL, TH_TEST_NOW, &error);
  g_autoptr(ThCase) c2 = th_case_open (f->db, &r2, NULL, TH_TEST_NOW + 86400, &error);
  g_autoptr(ThCase) c3 = th_case_open (f->db, &r3, NULL, TH_TEST_NOW + 2 * 86400, &error);
  g_autoptr(ThCase) u = th_case_update (f->db, c2->id, TH_CASE_RESOLVED, TH_RESOLUTION_REPLACEMENT, NULL,
                                        "下次配送补发", "cash", TH_TEST_NOW + 90000, &error);
  g_autoptr(GPtrArray) all = NULL;
  ThCaseFilter filter = TH_CASE_FILTER_INIT;

  g_assert_no_error (error);
  all = th_case_list (f->db, NULL, &error);
  g_assert_cmpuint (all->len, ==, 3);
  /* Newest first. */
  g_assert_cmpstr (((ThCase *) g_ptr_array_index (all, 0))->id, ==, c3->id);

  filter.statuses = 1 << TH_CASE_OPEN;
  g_assert_cmpuint (count_listed (f, &filter), ==, 2);
  filter.statuses = 1 << TH_CASE_RESOLVED | 1 << TH_CASE_REJECTED;
  g_assert_cmpuint (count_listed (f, &filter), ==, 1);
  filter.statuses = 0;

  filter.category = TH_REASON_SPOILED;
  g_assert_cmpuint (count_listed (f, &filter), ==, 2);
  filter.category = -1;

  filter.sku = "SKU-EGG-30";
  g_assert_cmpuint (count_listed (f, &filter), ==, 1);
  filter.sku = NULL;

  filter.order_id = 1;
  g_assert_cmpuint (count_listed (f, &filter), ==, 1);
  filter.order_id = -1;

  filter.since = TH_TEST_NOW + 1;
  filter.until = TH_TEST_NOW + 2 * 86400;
  g_assert_cmpuint (count_listed (f, &filter), ==, 1);
  filter.since = filter.until = 0;

  filter.search = "发霉";
  g_assert_cmpuint (count_listed (f, &filter), ==, 1);
  filter.search = "eggs";      /* any case, ASCII */
  g_assert_cmpuint (count_listed (f, &filter), ==, 1);
  filter.search = "草莓 500";  /* the product's name */
  g_assert_cmpuint (count_listed (f, &filter), ==, 1);
  filter.search = "补发";      /* a step's note */
  g_assert_cmpuint (count_listed (f, &filter), ==, 1);
  filter.search = "李*华";     /* the customer */
  g_assert_cmpuint (count_listed (f, &filter), ==, 2);
  filter.search = "nothing like this";
  g_assert_cmpuint (count_listed (f, &filter), ==, 0);
  filter.search = NULL;

  filter.limit = 2;
  g_assert_cmpuint (count_listed (f, &filter), ==, 2);
}

static void
test_cli (ThTestFixture *f,
          gconstpointer  data)
{
  g_autofree char *png = WRITE (f, "a.png", png_head, 2048);
  g_autofree char *at = g_strdup_printf ("%d", TH_TEST_NOW);
  g_autofree char *late = g_strdup_printf ("%d", TH_TEST_NOW + 7200);
  g_autofree char *case_id = NULL;
  g_autofree char *photo = NULL;
  g_autofree char *pin = th_test_pin_file (f, "2222");

  {
    g_auto(ThTestRun) r = { 0 };
    JsonObject *o;
    th_test_cli (f, &r, "case", "open", "--order", "1", "--category", "damaged", "--description", "压坏了",
                 "--lines", "1:1", "--photo", png, "--staff", "cash", "--pin-file", pin, "--at", at, "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    o = json_node_get_object (r.json);
    case_id = g_strdup (json_object_get_string_member (o, "case_id"));
    g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "open");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "photos")), ==, 1);
    /* Next to the database by default. */
    photo = g_build_filename (f->dir, "photos",
                              json_object_get_string_member (json_array_get_object_element (
                                json_object_get_array_member (o, "photos"), 0), "sha256"), NULL);
    g_assert_true (g_file_test (photo, G_FILE_TEST_IS_REGULAR));
  }
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "case", "open", "--category", "damaged", "--description", "x", "--photo", f->path,
                 "--staff", "cash", "--pin-file", pin, NULL);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, "not a photo"));
  }
  {
    g_auto(ThTestRun) r = { 0 };
    JsonArray *a;
    th_test_cli (f, &r, "case", "list", "--overdue", "--at", late, "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    a = json_node_get_array (r.json);
    g_assert_cmpuint (json_array_get_length (a), ==, 1);
    g_assert_true (json_object_get_boolean_member (json_array_get_object_element (a, 0), "overdue_response"));
  }
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "case", "update", case_id, "--status", "resolved", "--resolution", "coupon",
                 "--note", "发了5元券", "--staff", "cash", "--pin-file", pin, "--at", late, "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (r.json), "resolution"), ==, "coupon");
  }
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "case", "update", case_id, "--status", "responded", "--staff", "cash", "--pin-file", pin, NULL);
    g_assert_cmpint (r.status, ==, 1);
  }
  {
    /* Who records a case proves it (issue 10, item 8). */
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "case", "open", "--category", "other", "--description", "x", "--staff", "cash", NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "PIN"));
  }
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "case", "open", "--category", "other", "--description", "x", "--staff", "ghost",
                 "--pin-file", pin, NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "no staff member"));
  }
  {
    /* The response times are the station's, not a flag's. */
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "case", "list", "--respond-minutes", "100000", NULL);
    g_assert_cmpint (r.status, ==, 2);
  }
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "case", "list", "--status", "resolved", "--category", "damaged", "--search", "压坏", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, case_id));
  }
  {
    g_auto(ThTestRun) r = { 0 };
    th_test_cli (f, &r, "case", "frobnicate", NULL);
    g_assert_cmpint (r.status, ==, 2);
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add (path, ThTestFixture, NULL, set_up, func, th_test_fixture_tear_down)
  ADD ("/tihuo/case/workflow", test_workflow);
  ADD ("/tihuo/case/walk-in-rejected", test_walk_in_rejected);
  ADD ("/tihuo/case/photos", test_photos);
  ADD ("/tihuo/case/photo-bomb", test_photo_bomb);
  ADD ("/tihuo/case/overdue", test_overdue);
  ADD ("/tihuo/case/list-filters", test_list_filters);
  ADD ("/tihuo/case/cli", test_cli);
#undef ADD
  return g_test_run ();
}
