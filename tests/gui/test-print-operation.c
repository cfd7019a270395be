/* SPDX-License-Identifier: GPL-3.0-or-later */
/* GtkPrintOperation for printing documents, exported to PDF without a
 * dialog: the custom paper is the medium's real size, a roll's page is as
 * long as its content, and the pages carry the document's own drawing. */
#include "config.h"

#include <gtk/gtk.h>

#include "th-bag-label.h"
#include "th-print-operation.h"
#include "th-print-test-page.h"
#include "th-test-util.h"

static GBytes *
export (ThPrintDoc *doc,
        const char *dir)
{
  g_autoptr(GtkPrintOperation) operation = th_print_operation_new (doc);
  g_autofree char *path = g_build_filename (dir, "export.pdf", NULL);
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;
  char *contents = NULL;
  gsize len;

  gtk_print_operation_set_export_filename (operation, path);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  return g_bytes_new_take (contents, len);
}

static void
test_labels (ThTestFixture *f,
             gconstpointer  data)
{
  ThBagLabel labels[2] = {
    { .place = "C-15", .pickup_code = "73190042", .masked_name = "李*", .phone_tail = "1357",
      .slot = "18:00–20:00", .n_items = 2 },
    { .place = "C-16", .pickup_code = "73190043", .masked_name = "王*", .phone_tail = "2468",
      .slot = "18:00–20:00", .n_items = 1 },
  };
  const ThPrintMedium *medium = th_print_medium_lookup ("label-60x40");
  g_autoptr(ThPrintDoc) doc = th_bag_labels_doc_new (medium, labels, 2);
  g_autoptr(GBytes) pdf = export (doc, f->dir);
  g_autoptr(GArray) sizes = th_test_pdf_page_sizes (pdf);
  g_autofree char *text = NULL;

  g_assert_cmpuint (sizes->len, ==, 4);
  for (guint i = 0; i < sizes->len; i += 2)
    {
      g_assert_cmpfloat_with_epsilon (g_array_index (sizes, double, i), 60 * 72 / 25.4, 0.05);
      g_assert_cmpfloat_with_epsilon (g_array_index (sizes, double, i + 1), 40 * 72 / 25.4, 0.05);
    }
  if (!(text = th_test_pdf_text (pdf, f->dir)))
    return;
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "C-15"));
  g_assert_nonnull (strstr (text, "C-16"));
  g_assert_nonnull (strstr (text, "0042"));
  g_assert_nonnull (strstr (text, "2468"));
}

static void
test_receipt (ThTestFixture *f,
              gconstpointer  data)
{
  g_autoptr(ThPrintDoc) doc = th_print_test_page_doc_new (th_print_medium_receipt (58));
  g_autoptr(GBytes) pdf = export (doc, f->dir);
  g_autoptr(GArray) sizes = th_test_pdf_page_sizes (pdf);
  g_autofree char *text = NULL;

  g_assert_cmpuint (sizes->len, ==, 2);
  g_assert_cmpfloat_with_epsilon (g_array_index (sizes, double, 0), 58 * 72 / 25.4, 0.05);
  /* The roll is cut where the content ends, as in the core's own PDF. */
  g_assert_cmpfloat_with_epsilon (g_array_index (sizes, double, 1),
                                  th_print_doc_get_paper_height (doc, 0) * 72 / 25.4, 0.05);
  if (!(text = th_test_pdf_text (pdf, f->dir)))
    return;
  g_assert_nonnull (strstr (text, "中文"));
  g_assert_nonnull (strstr (text, "繁體"));
  g_assert_nonnull (strstr (text, "¥"));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, ThTestFixture, NULL, th_test_fixture_set_up, fn, th_test_fixture_tear_down)
  ADD ("/tihuo/print-operation/labels", test_labels);
  ADD ("/tihuo/print-operation/receipt", test_receipt);
#undef ADD
  return g_test_run ();
}
