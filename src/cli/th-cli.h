/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "th-db.h"
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

/* Parses the command's own options plus --db and --json; on a usage error
 * prints it and returns FALSE. */
gboolean th_cli_parse       (int           *argc,
                             char        ***argv,
                             const char    *parameter_string,
                             const GOptionEntry *entries);
ThDb    *th_cli_open_db     (GError       **error);
gboolean th_cli_json        (void);
int      th_cli_fail        (GError        *error);

void     th_cli_print_json  (JsonNode      *node);
JsonNode *th_cli_verification_to_json (ThVerification *v);
void     th_cli_print_verification    (ThVerification *v);

G_END_DECLS
