/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A second terminal refunding, for the money-rule race in test-refund.
 *
 *   th-test-refunder DB ORDER LINE:QTY:AMOUNT[,…] STAFF START_USEC
 *     waits until START_USEC (real time), refunds, and prints "ok" or
 *     "refused"; any other failure exits with 2. */
#include "config.h"

#include <stdio.h>

#include "th-error.h"
#include "th-refund.h"
#include "th-time.h"

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThDb) db = NULL;
  g_autoptr(ThRefund) refund = NULL;
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (ThRefundLineRequest));
  g_auto(GStrv) parts = NULL;
  ThRefundRequest request = { 0 };
  gint64 start;

  if (argc != 6)
    return 2;
  db = th_db_open (argv[1], &error);
  if (db == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  parts = g_strsplit (argv[3], ",", -1);
  for (guint i = 0; parts[i]; i++)
    {
      ThRefundLineRequest r;
      if (sscanf (parts[i], "%u:%u:%" G_GINT64_FORMAT, &r.line, &r.qty, &r.amount) != 3)
        return 2;
      g_array_append_val (lines, r);
    }
  request.order_id = g_ascii_strtoll (argv[2], NULL, 10);
  request.lines = (const ThRefundLineRequest *) lines->data;
  request.n_lines = lines->len;
  request.reason = TH_REASON_DAMAGED;
  request.staff = argv[4];
  start = g_ascii_strtoll (argv[5], NULL, 10);

  while (g_get_real_time () < start)
    ;  /* spin: both processes must reach BEGIN IMMEDIATE at the same moment */
  refund = th_refund_create (db, &request, th_time_now (), &error);
  if (refund == NULL && !g_error_matches (error, TH_ERROR, TH_ERROR_REFUSED))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  g_print ("%s\n", refund ? "ok" : "refused");
  return 0;
}
