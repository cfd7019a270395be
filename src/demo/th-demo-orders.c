/* SPDX-License-Identifier: GPL-3.0-or-later */
/* About 300 orders of a community group-buying pickup point, the way the
 * platform would send them: today's and tomorrow's slots, fresh produce and
 * groceries priced in fen, masked names and phone tails. The random numbers
 * come from a fixed seed so every demo station looks the same. */
#include "config.h"

#include "th-demo-private.h"
#include "th-time.h"

typedef struct {
  const char *sku;
  const char *name;
  gint64      price;   /* fen */
} Product;

static const Product products[] = {
  { "SKU-STRAW-500", "丹东草莓 500g", 1290 },
  { "SKU-BANANA-1K", "海南香蕉 1kg", 890 },
  { "SKU-ORANGE-5J", "赣南脐橙 5斤装", 2990 },
  { "SKU-EGG-30", "农家土鸡蛋 30枚", 2580 },
  { "SKU-RICE-5K", "东北五常大米 5kg", 3990 },
  { "SKU-SPINACH", "有机菠菜 300g", 450 },
  { "SKU-PORK-500", "精品五花肉 500g", 2280 },
  { "SKU-SHRIMP", "冷冻虾仁 250g", 3290 },
  { "SKU-MILK-12", "纯牛奶 250ml×12盒", 4680 },
  { "SKU-DUMPLING", "手工水饺 猪肉白菜 1kg", 2590 },
  { "SKU-APPLE-5J", "阿克苏冰糖心苹果 5斤", 3980 },
  { "SKU-POTATO", "云南小土豆 2kg", 990 },
  { "SKU-CABBAGE", "山东大白菜 1颗", 399 },
  { "SKU-BROCCOLI", "西兰花 400g", 690 },
  { "SKU-CHICKEN", "三黄鸡 整只 1.2kg", 3580 },
  { "SKU-BASA", "巴沙鱼柳 500g", 1990 },
  { "SKU-MANTOU", "老面馒头 10个", 1200 },
  { "SKU-SOYMILK", "现磨豆浆 1L", 580 },
  { "SKU-PITAYA", "红心火龙果 2个", 1590 },
  { "SKU-BEER-6", "青岛啤酒 330ml×6罐", 2790 },
  { "SKU-TISSUE", "抽纸 3包装", 1490 },
  { "SKU-OIL-18", "花生油 1.8L", 3990 },
  { "SKU-SOY-500", "生抽酱油 500ml", 990 },
  { "SKU-NUTS-7", "每日坚果 7袋", 3290 },
  { "SKU-WOGAN", "武鸣沃柑 3斤", 1990 },
  { "SKU-SCALLION", "章丘大葱 2根", 350 },
  { "SKU-LAMB", "内蒙古羊肉卷 400g", 4290 },
  { "SKU-TANGYUAN", "黑芝麻汤圆 400g", 1890 },
  { "SKU-TOFU", "卤水豆腐 500g", 380 },
  { "SKU-TOMATO", "普罗旺斯西红柿 1kg", 1180 },
  { "SKU-CUCUMBER", "水果黄瓜 500g", 590 },
  { "SKU-GRAPE", "阳光玫瑰葡萄 1串", 3980 },
  { "SKU-YOGURT", "原味酸奶 200g×6", 2380 },
  { "SKU-NOODLE", "鲜切面 500g", 450 },
  { "SKU-DURIAN", "金枕榴莲 约3kg", 15800 },
  { "SKU-CORN", "东北甜玉米 4根", 990 },
};

static const char surnames[] =
  "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴莫孔汤";
static const char given[] =
  "华明丽强芳军敏静伟燕杰娟涛霞超磊秀英红平刚兰玉梅鹏飞辉婷健宇浩然琳倩晨阳欣怡";
static const char * const notes[] = {
  "", "", "", "", "", "", "", "",
  "请帮忙放在冷藏柜", "晚上八点后来取", "家人代取", "不要葱", "草莓轻拿轻放",
};

typedef struct {
  const char *start;
  const char *end;
  int         day;        /* 0 today, 1 tomorrow */
  guint       n_orders;
} Slot;

static const Slot slots[] = {
  { "10:00", "12:00", 0, 50 },
  { "16:00", "18:00", 0, 60 },
  { "18:00", "21:00", 0, 90 },
  { "10:00", "12:00", 1, 40 },
  { "18:00", "21:00", 1, 60 },
};

static gunichar
pick_char (GRand      *rand,
           const char *chars)
{
  glong n = g_utf8_strlen (chars, -1);

  return g_utf8_get_char (g_utf8_offset_to_pointer (chars, g_rand_int_range (rand, 0, (gint32) n)));
}

/* As the platform sends them: surname, a star, and the last character. */
static char *
masked_name (GRand *rand)
{
  GString *s = g_string_new (NULL);

  g_string_append_unichar (s, pick_char (rand, surnames));
  g_string_append_c (s, '*');
  if (g_rand_int_range (rand, 0, 5) > 0)
    g_string_append_unichar (s, pick_char (rand, given));
  return g_string_free (s, FALSE);
}

static char *
unique_code (GRand      *rand,
             GHashTable *used)
{
  for (;;)
    {
      char *code = g_strdup_printf ("%08d", g_rand_int_range (rand, 10000000, 100000000));
      if (!g_hash_table_contains (used, code))
        {
          g_hash_table_add (used, code);
          return g_strdup (code);
        }
      g_free (code);
    }
}

typedef enum { STATE_PAID, STATE_PLATFORM_COLLECTED, STATE_CANCELLED, STATE_REFUNDED, STATE_PART_REFUNDED } State;

/* How each slot's orders stand: earlier slots today are mostly handed over. */
static State
choose_state (GRand      *rand,
              guint       slot,
              ThDemoPlan *plan)
{
  int roll = g_rand_int_range (rand, 0, 100);

  *plan = _TH_DEMO_PLAN_OPEN;
  if (roll < 6)
    return STATE_CANCELLED;
  if (roll < 9)
    return STATE_REFUNDED;
  if (roll < 11)
    return STATE_PART_REFUNDED;
  switch (slot)
    {
    case 0:
      if (roll < 60)
        return STATE_PLATFORM_COLLECTED;
      if (roll < 85)
        *plan = roll < 75 ? _TH_DEMO_PLAN_COLLECT_HERE : _TH_DEMO_PLAN_COLLECT_OTHER;
      return STATE_PAID;
    case 1:
      if (roll < 45)
        *plan = roll < 38 ? _TH_DEMO_PLAN_COLLECT_HERE : _TH_DEMO_PLAN_COLLECT_OTHER;
      else if (roll < 50)
        *plan = _TH_DEMO_PLAN_COLLECT_PART;
      return STATE_PAID;
    case 2:
      if (roll < 15)
        *plan = _TH_DEMO_PLAN_COLLECT_HERE;
      else if (roll < 18)
        *plan = _TH_DEMO_PLAN_COLLECT_PART;
      return STATE_PAID;
    default:
      return STATE_PAID;
    }
}

static void
add_member_string (JsonObject *obj,
                   const char *name,
                   const char *value)
{
  json_object_set_string_member (obj, name, value);
}

static JsonObject *
build_order (GRand      *rand,
             gint64      id,
             const char *code,
             const char *phone_tail,
             const char *date,
             const Slot *slot,
             State       state,
             const char *updated_at)
{
  JsonObject *order = json_object_new ();
  JsonObject *customer = json_object_new ();
  JsonObject *slot_obj = json_object_new ();
  JsonArray *items = json_array_new ();
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autofree char *name = masked_name (rand);
  guint n_lines = (guint) g_rand_int_range (rand, 1, 5);
  guint first = (guint) g_rand_int_range (rand, 0, G_N_ELEMENTS (products));
  gint64 paid = 0, refunded = 0;

  add_member_string (order, "id", id_text);
  json_object_set_int_member (order, "station_id", TH_DEMO_STATION_ID);
  add_member_string (order, "pickup_code", code);
  add_member_string (customer, "name", name);
  add_member_string (customer, "phone_tail", phone_tail);
  json_object_set_object_member (order, "customer", customer);
  add_member_string (slot_obj, "date", date);
  add_member_string (slot_obj, "start", slot->start);
  add_member_string (slot_obj, "end", slot->end);
  json_object_set_object_member (order, "slot", slot_obj);

  for (guint i = 0; i < n_lines; i++)
    {
      /* Stepping by a prime keeps the lines of one order distinct. */
      const Product *p = &products[(first + i * 7) % G_N_ELEMENTS (products)];
      JsonObject *item = json_object_new ();
      guint qty = g_rand_int_range (rand, 0, 4) == 0 ? 2 + (guint) g_rand_int_range (rand, 0, 2) : 1;
      guint collected = state == STATE_PLATFORM_COLLECTED ? qty : 0;
      guint line_refunded = state == STATE_REFUNDED || (state == STATE_PART_REFUNDED && i == 0) ? qty : 0;

      json_object_set_int_member (item, "line", i + 1);
      add_member_string (item, "sku", p->sku);
      add_member_string (item, "name", p->name);
      json_object_set_int_member (item, "qty", qty);
      json_object_set_int_member (item, "unit_price", p->price);
      json_object_set_int_member (item, "collected_qty", collected);
      json_object_set_int_member (item, "refunded_qty", line_refunded);
      json_array_add_object_element (items, item);
      paid += p->price * qty;
      refunded += p->price * line_refunded;
    }
  json_object_set_array_member (order, "items", items);

  add_member_string (order, "status",
                     state == STATE_CANCELLED ? "cancelled" :
                     state == STATE_REFUNDED ? "refunded" :
                     state == STATE_PLATFORM_COLLECTED ? "collected" : "paid");
  json_object_set_int_member (order, "paid", paid);
  json_object_set_int_member (order, "refunded", refunded);
  add_member_string (order, "note", notes[g_rand_int_range (rand, 0, G_N_ELEMENTS (notes))]);
  json_object_set_int_member (order, "revision", g_rand_int_range (rand, 1, 6));
  add_member_string (order, "updated_at", updated_at);
  return order;
}

JsonNode *
_th_demo_build_orders (gint64  now,
                       GArray *plans)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261121);
  g_autoptr(GHashTable) used_codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GDateTime) today = g_date_time_new_from_unix_local (now);
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (today, -1);
  g_autofree char *id_day = g_date_time_format (yesterday, "%Y%m%d");
  g_autofree char *updated_at = th_time_format_rfc3339 (now - 3 * 3600);
  JsonArray *orders = json_array_new ();
  JsonNode *root = json_node_new (JSON_NODE_ARRAY);
  gint64 id_base = g_ascii_strtoll (id_day, NULL, 10) * 100000000;
  guint seq = 100;
  guint recent = 0;

  for (guint s = 0; s < G_N_ELEMENTS (slots); s++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (today, slots[s].day);
      g_autofree char *date = g_date_time_format (day, "%Y-%m-%d");

      for (guint i = 0; i < slots[s].n_orders; i++)
        {
          g_autofree char *code = unique_code (rand, used_codes);
          g_autofree char *tail = g_strdup_printf ("%04d", g_rand_int_range (rand, 0, 10000));
          ThDemoPlanned planned;
          State state;

          seq += (guint) g_rand_int_range (rand, 1, 4);
          planned.order_id = id_base + seq;
          state = choose_state (rand, s, &planned.plan);

          /* A few open orders this evening share a phone tail. */
          if (s == 2 && i % 30 == 7)
            {
              g_free (tail);
              tail = g_strdup (TH_DEMO_SHARED_PHONE_TAIL);
              state = STATE_PAID;
              planned.plan = _TH_DEMO_PLAN_OPEN;
            }
          /* Two hand-overs a few minutes ago, so History can show Undo. */
          if (s == 2 && planned.plan == _TH_DEMO_PLAN_COLLECT_HERE && recent < 2)
            {
              planned.plan = _TH_DEMO_PLAN_COLLECT_RECENT;
              recent++;
            }

          json_array_add_object_element (orders,
                                         build_order (rand, planned.order_id, code, tail, date,
                                                      &slots[s], state, updated_at));
          if (planned.plan != _TH_DEMO_PLAN_OPEN)
            g_array_append_val (plans, planned);
        }
    }
  json_node_take_array (root, orders);
  return root;
}
