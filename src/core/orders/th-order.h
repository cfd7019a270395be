/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum {
  TH_ORDER_PAID,
  TH_ORDER_COLLECTED,
  TH_ORDER_CANCELLED,
  TH_ORDER_REFUNDED,
} ThOrderStatus;

typedef struct {
  guint   line;
  char   *sku;
  char   *name;
  guint   qty;
  gint64  unit_price;      /* fen */
  guint   collected_qty;   /* platform's count with the station's own folded in */
  guint   refunded_qty;
} ThOrderLine;

/* One order in the API's ORDER shape. A plain ref-counted record: the core
 * passes orders around a lot and never needs signals on them. */
typedef struct {
  gint64         id;              /* below 2^63 */
  guint32        station_id;
  char          *pickup_code;     /* 8 digits, or NULL for a provisional order */
  char          *customer_name;
  char          *phone_tail;
  char          *slot_date;       /* YYYY-MM-DD */
  char          *slot_start;      /* HH:MM */
  char          *slot_end;
  ThOrderStatus  status;
  GArray        *lines;           /* of ThOrderLine */
  gint64         paid;
  gint64         refunded;
  char          *note;
  gint64         revision;
  char          *updated_at;      /* RFC 3339 */
  gint64         created_at;      /* unix seconds; 0 when the platform did not say (v1) */
  gboolean       provisional;
} ThOrder;

#define TH_TYPE_ORDER (th_order_get_type ())

GType        th_order_get_type          (void) G_GNUC_CONST;
ThOrder     *th_order_new               (void);
ThOrder     *th_order_ref               (ThOrder        *order);
void         th_order_unref             (ThOrder        *order);

ThOrderLine *th_order_get_line          (ThOrder        *order,
                                         guint           line);
guint        th_order_line_remaining    (const ThOrderLine *line);
guint        th_order_total_remaining   (ThOrder        *order);
gboolean     th_order_is_fully_refunded (ThOrder        *order);
char        *th_order_dup_id_string     (ThOrder        *order);

const char  *th_order_status_to_string  (ThOrderStatus   status);
gboolean     th_order_status_from_string (const char    *text,
                                          ThOrderStatus *status);

ThOrder     *th_order_new_from_json     (JsonNode       *node,
                                         GError        **error);
JsonNode    *th_order_to_json           (ThOrder        *order);

gboolean     th_order_id_parse          (const char     *text,
                                         gint64         *id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThOrder, th_order_unref)

G_END_DECLS
