/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "th-db.h"
#include "th-order.h"

G_BEGIN_DECLS

/* The vectors' fixed "now" and station. */
#define TH_TEST_NOW     1795262400
#define TH_TEST_STATION 7

/* Every test gets a fresh database in its own temporary folder. */
typedef struct {
  char   *dir;
  char   *path;
  ThDb   *db;
  guint8  secret_key[2][64];   /* from the vectors' test seeds, kid 1 and 2 */
} ThTestFixture;

void        th_test_fixture_set_up    (ThTestFixture *f,
                                       gconstpointer  data);
void        th_test_fixture_tear_down (ThTestFixture *f,
                                       gconstpointer  data);

char       *th_test_data_path         (const char    *name);
JsonNode   *th_test_load_json         (const char    *name);
/* An ORDER with @n_lines lines (qty 2 each), ready to import. */
JsonNode   *th_test_make_order        (gint64         id,
                                       const char    *pickup_code,
                                       const char    *phone_tail,
                                       guint          n_lines);
void        th_test_import            (ThDb          *db,
                                       JsonNode      *order);
char       *th_test_sign              (ThTestFixture *f,
                                       guint          kid,
                                       guint32        station_id,
                                       gint64         order_id);
/* Waits for a helper process that must exit 0; returns its stripped stdout. */
char       *th_test_subprocess_finish (GSubprocess   *p);
/* The single integer a query such as "SELECT count(*) …" returns. */
gint64      th_test_scalar            (ThDb          *db,
                                       const char    *sql);
char       *th_test_build_path        (const char    *relative);

/* A valid PNG that declares @width × @height RGBA pixels but holds only a
 * few KiB of compressed zeros: a decompression bomb, cheap to write. */
GBytes     *th_test_png_bomb          (guint32        width,
                                       guint32        height);

/* One run of tihuo-cli ($TIHUO_CLI) on the fixture's database. */
typedef struct {
  int       status;
  char     *out;
  char     *err;
  JsonNode *json;     /* stdout parsed, or NULL */
} ThTestRun;

void        th_test_run_clear         (ThTestRun     *r);
void        th_test_cli               (ThTestFixture *f,
                                       ThTestRun     *r,
                                       ...) G_GNUC_NULL_TERMINATED;

/* PDFs: the page sizes of a cairo PDF in points (width, height, width, …),
 * and the text pdftotext reads from it, or NULL with the test skipped
 * when poppler-utils is not installed. */
GArray     *th_test_pdf_page_sizes    (GBytes        *pdf);
char       *th_test_pdf_text          (GBytes        *pdf,
                                       const char    *dir);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ThTestRun, th_test_run_clear)

G_END_DECLS
