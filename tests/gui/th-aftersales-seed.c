/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fills the demo station with staff, refunds and a month of after-sales
 * cases, some of them overdue, for the screenshots
 * (build-aux/screenshots-aftersales.sh) and for trying the ledger:
 *
 *   th-aftersales-seed DEMO_DIR
 *
 * Staff: 王丽 (leader, PIN 1111), 陈强 (supervisor, 2222), 小李 (cashier,
 * 3333). Does nothing when the demo station has staff already. */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>

#include "th-case.h"
#include "th-demo.h"
#include "th-order-store.h"
#include "th-refund.h"
#include "th-staff.h"
#include "th-time.h"

#define HOUR 3600
#define DAY  (24 * HOUR)

static void
check (gboolean     ok,
       const GError *error)
{
  if (!ok)
    g_error ("th-aftersales-seed: %s", error ? error->message : "failed");
}

static GPtrArray *
paid_orders (ThDb *db)
{
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func ((GDestroyNotify) th_order_unref);
  sqlite3_stmt *stmt = th_db_prepare (db, "SELECT id FROM orders WHERE status = 'paid' AND pickup_code IS NOT NULL "
                                          "ORDER BY id", NULL);

  while (stmt && sqlite3_step (stmt) == SQLITE_ROW)
    {
      ThOrder *o = th_order_store_load (db, sqlite3_column_int64 (stmt, 0), NULL);
      if (o && o->lines->len > 0 && o->refunded == 0)
        g_ptr_array_add (orders, o);
    }
  if (stmt)
    sqlite3_reset (stmt);
  return g_steal_pointer (&orders);
}

static char *
refund (ThDb     *db,
        ThOrder  *order,
        ThReason  reason,
        gint64    at)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThRefund) r = NULL;
  ThOrderLine *l = &g_array_index (order->lines, ThOrderLine, 0);
  guint remaining = th_order_line_remaining (l);
  /* What is still to hand over, or else the line's price as an amount. */
  ThRefundLineRequest line = { l->line, remaining, remaining > 0 ? -1 : (gint64) l->qty * l->unit_price };
  ThRefundRequest request = { order->id, &line, 1, reason, "顾客来电反馈", "小李", "陈强", "2222" };

  r = th_refund_create (db, &request, at, &error);
  check (r != NULL, error);
  return g_strdup (r->id);
}

static ThCase *
open_case (ThDb              *db,
           ThOrder           *order,
           ThReason           category,
           const char        *description,
           const char        *staff,
           const char *const *photos,
           const char        *photo_dir,
           gint64             at)
{
  g_autoptr(GError) error = NULL;
  ThLineQty line = { order ? g_array_index (order->lines, ThOrderLine, 0).line : 0, 1 };
  /* "%s" in @description is the product complained about. */
  g_auto(GStrv) parts = g_strsplit (description, "%s", 2);
  g_autofree char *text = g_strjoinv (order ? g_array_index (order->lines, ThOrderLine, 0).name : "", parts);
  ThCaseRequest request = { order ? order->id : -1, category, text, order ? &line : NULL,
                            order ? 1 : 0, photos, staff };
  ThCase *c = th_case_open (db, &request, photo_dir, at, &error);

  check (c != NULL, error);
  return c;
}

static void
step (ThDb         *db,
      ThCase       *c,
      ThCaseStatus  status,
      ThResolution  resolution,
      const char   *refund_id,
      const char   *note,
      gint64        at)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThCase) updated = th_case_update (db, c->id, status, resolution, refund_id, note, "王丽", at, &error);

  check (updated != NULL, error);
}

static char *
make_photo (const char *dir,
            guint32     rgba)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 320, 240);
  g_autofree char *name = g_strdup_printf ("photo-%08x.png", rgba);
  char *path = g_build_filename (dir, name, NULL);

  gdk_pixbuf_fill (pixbuf, rgba);
  check (gdk_pixbuf_save (pixbuf, path, "png", &error, NULL), error);
  return path;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThDb) db = NULL;
  g_autoptr(GPtrArray) orders = NULL;
  g_autofree char *path = NULL;
  g_autofree char *photo_dir = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *photo_a = NULL;
  g_autofree char *photo_b = NULL;
  g_autofree char *refund_a = NULL;
  g_autofree char *refund_b = NULL;
  gint64 now = th_time_now ();
  gboolean any = FALSE;
  ThCase *c;

  if (argc != 2)
    {
      g_printerr ("Usage: th-aftersales-seed DEMO_DIR\n");
      return 2;
    }
  path = th_demo_prepare (argv[1], now, &error);
  check (path != NULL, error);
  db = th_db_open (path, &error);
  check (db != NULL, error);
  check (th_staff_exists_any (db, &any, &error), error);
  if (any)
    return 0;

  {
    g_autoptr(ThStaff) a = th_staff_add (db, "王丽", TH_STAFF_ROLE_LEADER, "1111", NULL, NULL,
                                         TH_PIN_COST_INTERACTIVE, now - 30 * DAY, &error);
    g_autoptr(ThStaff) b = a ? th_staff_add (db, "陈强", TH_STAFF_ROLE_SUPERVISOR, "2222", "王丽", "1111",
                                             TH_PIN_COST_INTERACTIVE, now - 30 * DAY, &error) : NULL;
    g_autoptr(ThStaff) s = b ? th_staff_add (db, "小李", TH_STAFF_ROLE_CASHIER, "3333", "王丽", "1111",
                                             TH_PIN_COST_INTERACTIVE, now - 30 * DAY, &error) : NULL;
    check (s != NULL, error);
  }

  orders = paid_orders (db);
  if (orders->len < 10)
    g_error ("th-aftersales-seed: the demo station has only %u paid orders", orders->len);
  photo_dir = th_case_default_photo_dir (db);
  tmp = g_dir_make_tmp ("tihuo-seed-XXXXXX", &error);
  check (tmp != NULL, error);
  photo_a = make_photo (tmp, 0xc64600ff);
  photo_b = make_photo (tmp, 0x2ec27eff);

#define ORDER(i) ((ThOrder *) g_ptr_array_index (orders, (i)))
  /* Resolved by a refund, days ago. */
  refund_a = refund (db, ORDER (0), TH_REASON_SPOILED, now - 12 * DAY + 2 * HOUR);
  {
    const char *photos[] = { photo_a, photo_b, NULL };
    c = open_case (db, ORDER (0), TH_REASON_SPOILED, "%s 有三颗发霉，顾客拍照反馈", "小李", photos, photo_dir,
                   now - 12 * DAY);
    step (db, c, TH_CASE_RESPONDED, TH_RESOLUTION_NONE, NULL, "已联系顾客", now - 12 * DAY + HOUR / 2);
    step (db, c, TH_CASE_RESOLVED, TH_RESOLUTION_REFUND, refund_a, "退一盒的钱", now - 12 * DAY + 2 * HOUR);
    th_case_unref (c);
  }
  refund_b = refund (db, ORDER (1), TH_REASON_DAMAGED, now - 8 * DAY + 3 * HOUR);
  c = open_case (db, ORDER (1), TH_REASON_DAMAGED, "%s 外包装压扁，里面也坏了", "小李", NULL, NULL, now - 8 * DAY);
  step (db, c, TH_CASE_RESOLVED, TH_RESOLUTION_REFUND, refund_b, "按碎蛋数量退款", now - 8 * DAY + 3 * HOUR);
  th_case_unref (c);

  c = open_case (db, ORDER (2), TH_REASON_MISSING, "袋子里少了一份 %s", "陈强", NULL, NULL, now - 6 * DAY);
  step (db, c, TH_CASE_RESOLVED, TH_RESOLUTION_REPLACEMENT, NULL, "下次到货补发", now - 6 * DAY + 5 * HOUR);
  th_case_unref (c);

  c = open_case (db, ORDER (3), TH_REASON_WRONG_ITEM, "订的是 %s，拿到的是别的规格", "小李", NULL, NULL,
                 now - 4 * DAY);
  step (db, c, TH_CASE_RESOLVED, TH_RESOLUTION_COUPON, NULL, "送10元券", now - 4 * DAY + 6 * HOUR);
  th_case_unref (c);

  c = open_case (db, NULL, TH_REASON_QUALITY, "路过的居民说上周买的苹果不甜，没有订单号", "陈强", NULL, NULL,
                 now - 3 * DAY);
  step (db, c, TH_CASE_REJECTED, TH_RESOLUTION_NONE, NULL, "无法核实订单", now - 3 * DAY + HOUR);
  th_case_unref (c);
  g_free (refund (db, ORDER (4), TH_REASON_QUALITY, now - 2 * DAY));
  g_free (refund (db, ORDER (8), TH_REASON_DAMAGED, now - 10 * DAY));
  g_free (refund (db, ORDER (9), TH_REASON_MISSING, now - DAY));

  /* Still open: one responded but past a day, one never answered. */
  c = open_case (db, ORDER (5), TH_REASON_SPOILED, "%s 全部发黑，顾客要求退款", "小李", NULL, NULL, now - 30 * HOUR);
  step (db, c, TH_CASE_RESPONDED, TH_RESOLUTION_NONE, NULL, "已上报供应商，等回复", now - 29 * HOUR);
  th_case_unref (c);
  th_case_unref (open_case (db, ORDER (6), TH_REASON_DAMAGED, "%s 漏了，外箱湿了", "小李", NULL, NULL,
                            now - 3 * HOUR));
  th_case_unref (open_case (db, ORDER (7), TH_REASON_MISSING, "%s 少了一份", "王丽", NULL, NULL, now - 20 * 60));
#undef ORDER

  g_unlink (photo_a);
  g_unlink (photo_b);
  g_rmdir (tmp);
  g_print ("%s\n", path);
  return 0;
}
