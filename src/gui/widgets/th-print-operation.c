/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Printing a ThPrintDoc through GTK. The document is drawn in millimetres
 * and knows its medium; here are only the paper size and the page calls. */
#include "config.h"

#include <glib/gi18n.h>

#include "th-print-operation.h"

static GtkPageSetup *
page_setup_for (ThPrintDoc *doc,
                guint       page)
{
  const ThPrintMedium *medium = th_print_doc_get_medium (doc);
  GtkPageSetup *setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = NULL;
  g_autofree char *name = g_strdup_printf ("tihuo-%s", medium->name);

  paper = gtk_paper_size_new_custom (name, _(medium->title), medium->paper_width_mm,
                                     th_print_doc_get_paper_height (doc, page), GTK_UNIT_MM);
  gtk_page_setup_set_paper_size (setup, paper);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  /* The document keeps its own margins, the same on every way out. */
  gtk_page_setup_set_top_margin (setup, 0, GTK_UNIT_MM);
  gtk_page_setup_set_bottom_margin (setup, 0, GTK_UNIT_MM);
  gtk_page_setup_set_left_margin (setup, 0, GTK_UNIT_MM);
  gtk_page_setup_set_right_margin (setup, 0, GTK_UNIT_MM);
  return setup;
}

static void
request_page_setup_cb (GtkPrintOperation *operation,
                       GtkPrintContext   *context,
                       int                page_nr,
                       GtkPageSetup      *setup,
                       ThPrintDoc        *doc)
{
  g_autoptr(GtkPageSetup) own = page_setup_for (doc, (guint) page_nr);

  /* Only a roll's pages differ; a label sheet keeps the default. */
  gtk_page_setup_set_paper_size (setup, gtk_page_setup_get_paper_size (own));
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              ThPrintDoc        *doc)
{
  const ThPrintMedium *medium = th_print_doc_get_medium (doc);
  cairo_t *cr = gtk_print_context_get_cairo_context (context);

  /* Full page in millimetres (set below): move to the printable area. */
  cairo_translate (cr, (medium->paper_width_mm - medium->width_mm) / 2, medium->margin_mm);
  th_print_doc_draw_page (doc, cr, (guint) page_nr);
}

GtkPrintOperation *
th_print_operation_new (ThPrintDoc *doc)
{
  GtkPrintOperation *operation;
  g_autoptr(GtkPageSetup) setup = NULL;

  g_return_val_if_fail (doc != NULL, NULL);

  operation = gtk_print_operation_new ();
  setup = page_setup_for (doc, 0);
  gtk_print_operation_set_job_name (operation, th_print_doc_get_title (doc));
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_n_pages (operation, (int) th_print_doc_get_n_pages (doc));
  gtk_print_operation_set_unit (operation, GTK_UNIT_MM);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_object_set_data_full (G_OBJECT (operation), "th-print-doc", th_print_doc_ref (doc),
                          (GDestroyNotify) th_print_doc_unref);
  if (th_print_medium_is_roll (th_print_doc_get_medium (doc)))
    g_signal_connect (operation, "request-page-setup", G_CALLBACK (request_page_setup_cb), doc);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), doc);
  return operation;
}
