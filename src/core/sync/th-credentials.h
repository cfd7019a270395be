/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TH_TOKEN_MAX_CHARS 4096

/* The station's token for the central platform. The GUI keeps it in the
 * keyring (libsecret), keyed by server address and station; headless use
 * takes it from $TIHUO_TOKEN or a file. It is never logged. Free tokens with
 * th_credentials_free_token(), which wipes them. */

void      th_credentials_store_async   (const char          *server_url,
                                        guint32              station_id,
                                        const char          *token,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean  th_credentials_store_finish  (GAsyncResult        *result,
                                        GError             **error);

/* Finishes with NULL and no error when the keyring holds no token. */
void      th_credentials_lookup_async  (const char          *server_url,
                                        guint32              station_id,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
char     *th_credentials_lookup_finish (GAsyncResult        *result,
                                        GError             **error);

void      th_credentials_clear_async   (const char          *server_url,
                                        guint32              station_id,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean  th_credentials_clear_finish  (GAsyncResult        *result,
                                        GError             **error);

/* Headless: the first line of @token_file, or $TIHUO_TOKEN when @token_file
 * is NULL. */
char     *th_credentials_read_token    (const char          *token_file,
                                        GError             **error);
gboolean  th_credentials_check_token   (const char          *token,
                                        GError             **error);
void      th_credentials_free_token    (char                *token);

G_END_DECLS
