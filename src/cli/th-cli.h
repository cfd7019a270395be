/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "th-case.h"
#include "th-db.h"
#include "th-db-task.h"
#include "th-refund.h"
#include "th-staff.h"
#include "th-verifier.h"

G_BEGIN_DECLS

/* Exit statuses, as documented in `tihuo-cli --help`. */
enum {
  TH_CLI_OK = 0,
  TH_CLI_NEGATIVE = 1,   /* a negative verdict, or a refused action */
  TH_CLI_ERROR = 2,      /* usage or I/O error */
};

typedef struct {
  const char *name;
  const char *args;
  const char *summary;
  int       (*run) (int argc, char **argv);
} ThCliCommand;

extern const ThCliCommand th_cli_commands[];

/* th-cli-sync.c */
int      th_cli_cmd_sync    (int            argc,
                             char         **argv);
int      th_cli_cmd_status  (int            argc,
                             char         **argv);

/* th-cli-staff.c, th-cli-refund.c, th-cli-case.c, th-cli-report.c */
int      th_cli_cmd_staff        (int            argc,
                                  char         **argv);
int      th_cli_cmd_refund       (int            argc,
                                  char         **argv);
int      th_cli_cmd_refund_slip  (int            argc,
                                  char         **argv);
int      th_cli_cmd_case         (int            argc,
                                  char         **argv);
int      th_cli_cmd_report       (int            argc,
                                  char         **argv);
JsonNode *th_cli_refund_to_json  (ThRefund      *refund);
JsonNode *th_cli_case_to_json    (ThCase        *c,
                                  const ThCaseDeadlines *deadlines,
                                  gint64         now);

/* th-cli-settings.c */
int      th_cli_cmd_settings     (int            argc,
                                  char         **argv);

/* th-cli-auth.c */
/* A string holding a PIN: wiped when freed. */
typedef char ThCliPin;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThCliPin, th_pin_free)

char    *th_cli_read_pin_file    (const char    *path,
                                  const char    *option);
ThStaff *th_cli_authenticate     (ThDb          *db,
                                  const char    *staff,
                                  const char    *pin_file,
                                  gint64         now,
                                  int           *status);

/* th-cli-backup.c */
int      th_cli_cmd_backup       (int            argc,
                                  char         **argv);
int      th_cli_cmd_restore      (int            argc,
                                  char         **argv);

/* th-cli-print.c */
int      th_cli_cmd_print_test   (int            argc,
                                  char         **argv);
int      th_cli_cmd_print_queue  (int            argc,
                                  char         **argv);

/* th-cli-decode.c */
int      th_cli_cmd_decode       (int            argc,
                                  char         **argv);

/* th-cli-args.c */
gboolean th_cli_parse_at         (const char    *text,
                                  gint64        *out);
gboolean th_cli_usage            (int            argc,
                                  char         **argv,
                                  int            n,
                                  const char    *usage);
GArray  *th_cli_parse_line_qty   (const char    *spec);

/* Parses the command's own options plus --db and --json; on a usage error
 * prints it and returns FALSE. */
gboolean th_cli_parse       (int           *argc,
                             char        ***argv,
                             const char    *parameter_string,
                             const GOptionEntry *entries);
ThDb    *th_cli_open_db     (GError       **error);
ThDb    *th_cli_open_existing_db (GError  **error);
char    *th_cli_db_path     (void);
gboolean th_cli_json        (void);
int      th_cli_fail        (GError        *error);

void     th_cli_print_json  (JsonNode      *node);
JsonNode *th_cli_verification_to_json (ThVerification *v);
void     th_cli_print_verification    (ThVerification *v);

G_END_DECLS
