/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Sets the counter window up for one screenshot of issue 6's GUI, on a
 * station seeded by th-aftersales-seed, and keeps it on screen until
 * killed: build-aux/screenshots-aftersales.sh takes the picture.
 *
 *   th-aftersales-shots DATABASE refund|ledger|monthly|sign-in|case|preferences
 *
 * The same widgets as the app, in an AdwApplication so that style.css
 * loads; the signed-in person is the cashier 小李. */
#include "config.h"

#include <gdk/x11/gdkx.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "th-application.h"
#include "th-case-window.h"
#include "th-ledger-page.h"
#include "th-order-store.h"
#include "th-preferences-window.h"
#include "th-refund-dialog.h"
#include "th-refund-line-row.h"
#include "th-window.h"

static const char *db_path;
static const char *shot;
static GtkWindow *subject;   /* the window to take a picture of */

/* A paid order whose first two lines come to more than ¥50: the refund
 * then needs approval, which is what the screenshot should show. */
static gint64
pick_order (ThDb *db)
{
  sqlite3_stmt *stmt = th_db_prepare (db, "SELECT id FROM orders WHERE status = 'paid' AND refunded = 0 "
                                          "AND pickup_code IS NOT NULL ORDER BY id DESC", NULL);
  gint64 found = -1;

  while (found < 0 && sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(ThOrder) o = th_order_store_load (db, sqlite3_column_int64 (stmt, 0), NULL);
      gint64 sum = 0;

      for (guint i = 0; o && i < MIN (o->lines->len, 2); i++)
        {
          ThOrderLine *l = &g_array_index (o->lines, ThOrderLine, i);
          sum += th_order_line_remaining (l) == l->qty ? (gint64) l->qty * l->unit_price : 0;
        }
      if (o && o->lines->len >= 2 && sum > 5000 && sum < 15000)
        found = o->id;
    }
  sqlite3_reset (stmt);
  return found;
}

static gboolean
show_refund (gpointer user_data)
{
  ThWindow *window = user_data;
  GListModel *toplevels = gtk_window_get_toplevels ();
  ThRefundDialog *dialog = NULL;

  th_window_show_order (window, pick_order (th_context_get_db (th_window_get_context (window))));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.refund-order", NULL);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);
      if (TH_IS_REFUND_DIALOG (w))
        dialog = TH_REFUND_DIALOG (w);
    }
  g_assert (dialog != NULL);
  th_refund_line_row_set_included (TH_REFUND_LINE_ROW (gtk_list_box_get_row_at_index (th_refund_dialog_get_lines (dialog), 0)), TRUE);
  th_refund_line_row_set_included (TH_REFUND_LINE_ROW (gtk_list_box_get_row_at_index (th_refund_dialog_get_lines (dialog), 1)), TRUE);
  th_refund_dialog_set_reason (dialog, TH_REASON_SPOILED);
  th_refund_dialog_set_note (dialog, _("Two boxes were soft and leaking"));
  gtk_window_set_default_size (GTK_WINDOW (dialog), 760, 780);
  subject = GTK_WINDOW (dialog);
  return G_SOURCE_REMOVE;
}

static gboolean
show_case (gpointer user_data)
{
  ThWindow *window = user_data;
  ThDb *db = th_context_get_db (th_window_get_context (window));
  sqlite3_stmt *stmt = th_db_prepare (db, "SELECT case_id FROM aftersales_photos LIMIT 1", NULL);

  if (sqlite3_step (stmt) == SQLITE_ROW)
    subject = th_ledger_page_open_case (TH_LEDGER_PAGE (th_window_get_ledger_page (window)),
                                        (const char *) sqlite3_column_text (stmt, 0));
  gtk_window_set_default_size (subject, 720, 780);
  sqlite3_reset (stmt);
  return G_SOURCE_REMOVE;
}

static gboolean
say_ready (gpointer user_data)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (subject));

  /* The X window to take: there is no window manager to place dialogs. */
  g_print ("ready 0x%lx\n", GDK_IS_X11_SURFACE (surface) ? (gulong) gdk_x11_surface_get_xid (surface) : 0UL);
  return G_SOURCE_REMOVE;
}

static void
activate_cb (GApplication *app)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThDb) db = th_db_open (db_path, &error);
  g_autoptr(ThStaff) staff = NULL;
  ThWindow *window;

  if (db == NULL)
    g_error ("%s", error->message);
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    "/io/github/tihuo/Station/icons");
  {
    g_autoptr(ThContext) context = th_context_new (db);
    window = th_window_new (GTK_APPLICATION (app), context);
  }
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  subject = GTK_WINDOW (window);
  if (!g_str_equal (shot, "sign-in") && (staff = th_staff_find (db, "小李", &error)))
    th_session_set_staff (th_context_get_session (th_window_get_context (window)), staff);

  if (g_str_equal (shot, "refund"))
    g_timeout_add (500, show_refund, window);
  else if (g_str_equal (shot, "ledger"))
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "ledger");
  else if (g_str_equal (shot, "monthly"))
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "summary");
  else if (g_str_equal (shot, "case"))
    g_timeout_add (500, show_case, window);
  else if (g_str_equal (shot, "preferences"))
    {
      subject = GTK_WINDOW (th_preferences_window_new (GTK_WINDOW (window), th_window_get_context (window)));
      adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (subject), "staff");
      gtk_window_present (subject);
    }
  g_timeout_add (2000, say_ready, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;
  const char *localedir = g_getenv ("TIHUO_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir && *localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  if (argc != 3)
    {
      g_printerr ("Usage: th-aftersales-shots DATABASE refund|ledger|monthly|sign-in|case|preferences\n");
      return 2;
    }
  db_path = argv[1];
  shot = argv[2];

  th_gui_ensure_resources ();
  app = adw_application_new ("io.github.tihuo.Station.Shots", G_APPLICATION_NON_UNIQUE);
  g_application_set_resource_base_path (G_APPLICATION (app), "/io/github/tihuo/Station");
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), 1, argv);
}
