/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Order files and server answers: strict JSON parsing and ORDER validation,
 * and a lossless trip back to JSON for every order that passes. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "th-json.h"
#include "th-json-stream.h"
#include "th-order-store.h"
#include "th-order.h"

/* The station the vectors use; orders for any other must be refused. */
#define FUZZ_STATION 7

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* A g_return_if_fail() tripped by input is a bug worth a crash report. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

static gboolean
matches (const char *text,
         const char *pattern)
{
  /* '9' stands for any ASCII digit; everything else for itself. */
  for (; *pattern; pattern++, text++)
    if (*pattern == '9' ? !g_ascii_isdigit (*text) : *text != *pattern)
      return FALSE;
  return *text == '\0';
}

/* The promises the rest of the core builds on (SQL date math, code lookup,
 * phone-tail search) about every order that passed validation. */
static void
check_validated (ThOrder *order)
{
  g_assert (order->id >= 0);
  g_assert (matches (order->pickup_code, "99999999"));
  g_assert (order->phone_tail[0] == '\0' || matches (order->phone_tail, "9999"));
  g_assert (matches (order->slot_date, "9999-99-99"));
  g_assert (matches (order->slot_start, "99:99") && matches (order->slot_end, "99:99"));
  g_assert (order->refunded >= 0 && order->refunded <= order->paid);
  g_assert (order->lines->len > 0);
  for (guint i = 0; i < order->lines->len; i++)
    {
      ThOrderLine *l = &g_array_index (order->lines, ThOrderLine, i);

      g_assert (l->line >= 1 && l->qty >= 1);
      g_assert (l->collected_qty + l->refunded_qty <= l->qty);
      g_assert (th_order_get_line (order, l->line) == l);
    }
}

/* What validation accepted must survive to_json → new_from_json unchanged:
 * the outbox, the CLI and conflict records all rely on that copy. */
static void
check_round_trip (ThOrder *order)
{
  g_autoptr(JsonNode) first = th_order_to_json (order);
  g_autoptr(ThOrder) again = NULL;
  g_autoptr(JsonNode) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_text = NULL;
  g_autofree char *second_text = NULL;

  again = th_order_new_from_json (first, &error);
  if (again == NULL)
    g_error ("an accepted order no longer validates after th_order_to_json(): %s", error->message);
  second = th_order_to_json (again);
  first_text = th_json_to_string (first);
  second_text = th_json_to_string (second);
  if (strcmp (first_text, second_text) != 0)
    g_error ("order changed on a JSON round trip:\n%s\n%s", first_text, second_text);
}

static gboolean
count_element (JsonNode  *element,
               guint      index,
               gpointer   user_data,
               GError   **error)
{
  g_autoptr(ThOrder) order = th_order_new_from_json (element, NULL);
  guint *n = user_data;

  g_assert (index == *n);
  if (order != NULL)
    check_validated (order);
  (*n)++;
  return TRUE;
}

/* The streamed reader (order files) may refuse more than th_json_parse()
 * does, never less: whatever it reads whole, the tree path reads too, with
 * the same number of entries. */
static void
check_stream (const guint8 *data,
              size_t        size)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (data, (gssize) size, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  gboolean found = FALSE;
  JsonArray *array = NULL;
  guint n = 0;

  if (!th_json_stream_array (stream, "orders", "fuzz input", count_element, &n, &found, &error))
    {
      g_assert (error != NULL);
      return;
    }
  root = th_json_parse ((const char *) data, (gssize) size, "fuzz input", &error);
  if (root == NULL)
    {
      /* abort(), not g_error(): libFuzzer keeps the input on SIGABRT only. */
      g_printerr ("the stream read what th_json_parse() refuses: %s\n", error->message);
      abort ();
    }
  if (JSON_NODE_HOLDS_ARRAY (root))
    array = json_node_get_array (root);
  else if (JSON_NODE_HOLDS_OBJECT (root) && json_object_has_member (json_node_get_object (root), "orders") &&
           JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (root), "orders")))
    array = json_object_get_array_member (json_node_get_object (root), "orders");
  g_assert (found == (array != NULL));
  g_assert (!found || json_array_get_length (array) == n);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GError) error = NULL;

  check_stream (data, size);

  /* th_json_parse() takes a length: no NUL is needed, and an embedded one
   * must be refused rather than cut the text short. */
  root = th_json_parse ((const char *) data, (gssize) size, "fuzz input", &error);
  if (root == NULL)
    {
      g_assert (error != NULL);
      return 0;
    }

  orders = th_order_store_parse_list (root, FUZZ_STATION, &error);
  if (orders == NULL)
    g_assert (error != NULL);
  else
    for (guint i = 0; i < orders->len; i++)
      {
        ThOrder *order = g_ptr_array_index (orders, i);

        g_assert (order->station_id == FUZZ_STATION);
        check_validated (order);
        check_round_trip (order);
      }

  /* A single ORDER, as in a conflict result or the CLI's `show`. */
  g_clear_error (&error);
  if (JSON_NODE_HOLDS_OBJECT (root))
    {
      g_autoptr(ThOrder) order = th_order_new_from_json (root, &error);

      if (order == NULL)
        g_assert (error != NULL);
      else
        {
          check_validated (order);
          check_round_trip (order);
        }
    }
  return 0;
}
