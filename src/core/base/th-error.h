/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TH_ERROR (th_error_quark ())

typedef enum {
  TH_ERROR_FAILED,
  TH_ERROR_DATABASE,       /* SQLite failed, or the file is not usable */
  TH_ERROR_CORRUPT,        /* integrity check failed */
  TH_ERROR_TOO_NEW,        /* written by a newer Tihuo */
  TH_ERROR_NOT_INITIALISED,/* no station configured yet */
  TH_ERROR_INVALID,        /* bad input: a field, a file, an argument */
  TH_ERROR_NOT_FOUND,
  TH_ERROR_REFUSED,        /* a business rule said no */
  TH_ERROR_BUSY,           /* another terminal holds the database too long */
  /* Temporary conditions: the file is fine, the computer is not. Never
   * reported as damage. */
  TH_ERROR_DISK_FULL,
  TH_ERROR_IO,             /* the disk failed to read or write */
  TH_ERROR_READ_ONLY,      /* the file or its folder cannot be written */
} ThError;

GQuark th_error_quark (void);

G_END_DECLS
