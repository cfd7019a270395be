/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A busy station's order file, made up: what a full download from the
 * central platform looks like on the evening before a big pickup day. */
#include "config.h"

#include <gio/gio.h>

#include "th-time.h"

#include "bench-orders.h"

/* Unique 8-digit codes without a set: i ↦ (A·i + B) mod 10⁸ is a bijection
 * because A is coprime with 10⁸ (odd and not a multiple of 5). */
#define CODE_SPACE 100000000ull
#define CODE_A     78976187ull   /* 7919 × 9973 */
#define CODE_B     31415926ull

#define FIRST_ORDER_ID G_GINT64_CONSTANT (2026112100000001)
#define LINES_PER_ORDER 3

static const char * const names[] = {
  "李*华", "王*", "张*伟", "刘*芳", "陈*", "杨*明", "赵*丽", "黄*", "周*强", "吴*娟",
  "徐*", "孙*平", "胡*", "朱*红", "高*军", "林*", "何*霞", "郭*", "马*龙", "罗*",
};

static const struct {
  const char *sku;
  const char *name;
  gint64      price;
} products[] = {
  { "SKU-STRAW-500", "丹东草莓 500g", 1290 },
  { "SKU-EGG-30", "散养鸡蛋 30枚", 2490 },
  { "SKU-MILK-1L", "鲜牛奶 1L", 1190 },
  { "SKU-PORK-500", "黑猪五花肉 500g", 2980 },
  { "SKU-RICE-5KG", "五常大米 5kg", 6990 },
  { "SKU-APPLE-2KG", "烟台苹果 2kg", 1990 },
  { "SKU-TOFU-400", "内酯豆腐 400g", 350 },
  { "SKU-SHRIMP-500", "冻虾仁 500g", 4590 },
  { "SKU-BREAD-6", "全麦吐司 6片", 890 },
  { "SKU-TOMATO-1KG", "番茄 1kg", 690 },
  { "SKU-YOGURT-4", "原味酸奶 4杯", 1590 },
  { "SKU-NOODLE-1KG", "手工挂面 1kg", 990 },
};

static const struct {
  const char *start;
  const char *end;
} slots[] = {
  { "09:00", "12:00" },
  { "14:00", "17:00" },
  { "18:00", "21:00" },
};

static void
append_order (GString    *out,
              BenchOrder *o,
              guint32     station_id,
              const char *date,
              GRand      *rand)
{
  guint slot = g_rand_int_range (rand, 0, G_N_ELEMENTS (slots));
  const char *status = "paid";
  gint64 paid = 0;
  guint first_product = g_rand_int_range (rand, 0, G_N_ELEMENTS (products));

  if (o->state == BENCH_ORDER_COLLECTED)
    status = "collected";
  else if (o->state == BENCH_ORDER_CANCELLED)
    status = "cancelled";

  g_string_append_printf (out,
                          "{\"id\":\"%" G_GINT64_FORMAT "\",\"station_id\":%u,\"pickup_code\":\"%08u\","
                          "\"customer\":{\"name\":\"%s\",\"phone_tail\":\"%04u\"},"
                          "\"slot\":{\"date\":\"%s\",\"start\":\"%s\",\"end\":\"%s\"},"
                          "\"status\":\"%s\",\"items\":[",
                          o->id, station_id, o->pickup_code,
                          names[g_rand_int_range (rand, 0, G_N_ELEMENTS (names))], o->phone_tail,
                          date, slots[slot].start, slots[slot].end, status);
  for (guint line = 1; line <= LINES_PER_ORDER; line++)
    {
      guint p = (first_product + line * 5) % G_N_ELEMENTS (products);
      guint qty = g_rand_int_range (rand, 1, 4);

      paid += products[p].price * qty;
      g_string_append_printf (out,
                              "%s{\"line\":%u,\"sku\":\"%s\",\"name\":\"%s\",\"qty\":%u,\"unit_price\":%" G_GINT64_FORMAT ","
                              "\"collected_qty\":%u,\"refunded_qty\":0}",
                              line > 1 ? "," : "", line, products[p].sku, products[p].name, qty,
                              products[p].price, o->state == BENCH_ORDER_COLLECTED ? qty : 0);
    }
  g_string_append_printf (out,
                          "],\"paid\":%" G_GINT64_FORMAT ",\"refunded\":0,\"note\":\"\",\"revision\":%u,"
                          "\"updated_at\":\"2026-11-21T09:30:00Z\"}",
                          paid, g_rand_int_range (rand, 1, 20));
}

/* Written as it is made, through a buffered stream: building the file in
 * memory first would put its size into the import's peak memory figure. */
BenchOrder *
bench_orders_write (const char  *path,
                    guint        n_orders,
                    guint32      station_id,
                    gint64       now,
                    GRand       *rand,
                    gsize       *out_bytes,
                    GError     **error)
{
  g_autofree BenchOrder *orders = g_new0 (BenchOrder, n_orders);
  g_autofree char *today = th_time_format_local (now, "%Y-%m-%d");
  g_autofree char *tomorrow = th_time_format_local (now + 86400, "%Y-%m-%d");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) raw = NULL;
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GString) text = g_string_sized_new (1024);
  gsize bytes = 0;

  if (!(raw = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error)))
    return NULL;
  out = g_buffered_output_stream_new_sized (G_OUTPUT_STREAM (raw), 256 * 1024);

  g_string_append_c (text, '[');
  for (guint i = 0; i < n_orders; i++)
    {
      BenchOrder *o = &orders[i];
      guint roll = g_rand_int_range (rand, 0, 100);

      o->id = FIRST_ORDER_ID + i;
      o->pickup_code = (guint32) ((CODE_A * i + CODE_B) % CODE_SPACE);
      o->phone_tail = (guint16) g_rand_int_range (rand, 0, 10000);
      /* Mostly waiting to be picked up; a few already handed over elsewhere
       * or withdrawn, so the lookups have something to skip. */
      o->state = roll < 3 ? BENCH_ORDER_COLLECTED : roll < 5 ? BENCH_ORDER_CANCELLED : BENCH_ORDER_PAID;

      if (i > 0)
        g_string_append (text, ",\n");
      append_order (text, o, station_id, g_rand_boolean (rand) ? today : tomorrow, rand);
      if (!g_output_stream_write_all (out, text->str, text->len, NULL, NULL, error))
        return NULL;
      bytes += text->len;
      g_string_truncate (text, 0);
    }
  g_string_append (text, "]\n");
  if (!g_output_stream_write_all (out, text->str, text->len, NULL, NULL, error) ||
      !g_output_stream_close (out, NULL, error))
    return NULL;
  bytes += text->len;

  if (out_bytes)
    *out_bytes = bytes;
  return g_steal_pointer (&orders);
}
