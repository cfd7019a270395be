/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Printing and saving the refund slip. The core draws it; here are only the
 * print dialog and the file chooser (GtkFileChooserNative: GtkFileDialog is
 * GTK 4.10). */
#include "config.h"

#include <glib/gi18n.h>

#include "th-refund-print.h"
#include "th-refund-slip.h"

typedef struct {
  GWeakRef        parent;
  ThRefund       *refund;
  ThSlipDoneFunc  done;
  gpointer        user_data;
} SlipJob;

static SlipJob *
slip_job_new (GtkWindow      *parent,
              ThRefund       *refund,
              ThSlipDoneFunc  done,
              gpointer        user_data)
{
  SlipJob *job = g_new0 (SlipJob, 1);

  g_weak_ref_init (&job->parent, parent);
  job->refund = th_refund_ref (refund);
  job->done = done;
  job->user_data = user_data;
  return job;
}

static void
slip_job_finish (SlipJob      *job,
                 const GError *error,
                 const char   *message)
{
  g_autoptr(GObject) parent = g_weak_ref_get (&job->parent);

  /* The dialog that asked may be gone by now; then nobody is told. */
  if (parent && job->done)
    job->done (job->user_data, error, message);
  g_weak_ref_clear (&job->parent);
  th_refund_unref (job->refund);
  g_free (job);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              SlipJob           *job)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);

  th_refund_slip_draw (cr, job->refund, gtk_print_context_get_width (context));
}

void
th_refund_print_slip (GtkWindow      *parent,
                      ThRefund       *refund,
                      ThSlipDoneFunc  done,
                      gpointer        user_data)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *job_name = g_strdup_printf (_("Refund slip %.8s"), refund->id);
  SlipJob *job = slip_job_new (parent, refund, done, user_data);
  GtkPrintOperationResult result;

  gtk_print_operation_set_job_name (operation, job_name);
  gtk_print_operation_set_n_pages (operation, 1);
  /* The slip is drawn in points. */
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), job);

  /* Synchronous: the print dialog is modal and the slip is one page. */
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, &error);
  slip_job_finish (job, error, result == GTK_PRINT_OPERATION_RESULT_APPLY ? _("Slip sent to the printer") : NULL);
}

static void
save_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  SlipJob         *job)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file && (path = g_file_get_path (file)))
    {
      g_autofree char *name = g_file_get_basename (file);

      if (th_refund_slip_write_pdf (job->refund, path, &error))
        /* Translators: %s is a file name */
        message = g_strdup_printf (_("Slip saved as %s"), name);
    }
  else if (file)
    g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                         _("Choose a folder on this computer to save the slip in."));
  slip_job_finish (job, error, message);
  g_object_unref (chooser);
}

void
th_refund_save_slip_pdf (GtkWindow      *parent,
                         ThRefund       *refund,
                         ThSlipDoneFunc  done,
                         gpointer        user_data)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = g_strdup_printf ("refund-%.8s.pdf", refund->id);

  chooser = gtk_file_chooser_native_new (_("Save Refund Slip"), parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (save_response_cb),
                    slip_job_new (parent, refund, done, user_data));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
