/* SPDX-License-Identifier: GPL-3.0-or-later */
/* An LD_PRELOAD shim for the data-safety tests: it makes the disk misbehave
 * for files whose path matches $TH_FAULT_PATTERN (an fnmatch pattern), the
 * way a full disk, a failing disk or a read-only folder would. Tests run as
 * root in CI, where permission bits are ignored and mounting a small tmpfs
 * is not allowed, so this is how they get real errno values into SQLite.
 *
 *   TH_FAULT_OPEN=EROFS|EACCES  opening a matching file for writing (or
 *                               creating one) fails with that errno
 *   TH_FAULT_WRITE=ENOSPC|EIO   write(), pwrite() and fallocate() on a
 *                               matching file fail with that errno
 *
 * Only libc's entry points that SQLite and GLib use are wrapped. */
/* Both the plain and the 64-bit entry points are defined below, so the
 * headers must not rename one into the other. */
#undef _FILE_OFFSET_BITS
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

static int
errno_from_env (const char *name)
{
  const char *v = getenv (name);

  if (v == NULL || *v == '\0')
    return 0;
  if (strcmp (v, "EROFS") == 0)
    return EROFS;
  if (strcmp (v, "EACCES") == 0)
    return EACCES;
  if (strcmp (v, "ENOSPC") == 0)
    return ENOSPC;
  if (strcmp (v, "EIO") == 0)
    return EIO;
  return 0;
}

static int
path_matches (const char *path)
{
  const char *pattern = getenv ("TH_FAULT_PATTERN");

  return pattern != NULL && path != NULL && fnmatch (pattern, path, 0) == 0;
}

static int
fd_matches (int fd)
{
  char link[64], path[4096];
  ssize_t n;

  snprintf (link, sizeof link, "/proc/self/fd/%d", fd);
  n = readlink (link, path, sizeof path - 1);
  if (n < 0)
    return 0;
  path[n] = '\0';
  return path_matches (path);
}

static int
open_fault (const char *path,
            int         flags)
{
  int e = errno_from_env ("TH_FAULT_OPEN");

  if (e == 0 || !path_matches (path))
    return 0;
  if ((flags & (O_WRONLY | O_RDWR | O_CREAT | O_TRUNC)) == 0)
    return 0;
  errno = e;
  return -1;
}

static int
write_fault (int fd)
{
  int e = errno_from_env ("TH_FAULT_WRITE");

  if (e == 0 || !fd_matches (fd))
    return 0;
  errno = e;
  return -1;
}

#define REAL(name) \
  static __typeof__ (name) *real; \
  if (real == NULL) \
    real = (__typeof__ (name) *) dlsym (RTLD_NEXT, #name)

#define OPEN_WRAPPER(name) \
  int name (const char *path, int flags, ...) \
  { \
    mode_t mode = 0; \
    REAL (name); \
    if (flags & (O_CREAT | O_TMPFILE)) \
      { \
        va_list ap; \
        va_start (ap, flags); \
        mode = va_arg (ap, mode_t); \
        va_end (ap); \
      } \
    if (open_fault (path, flags)) \
      return -1; \
    return real (path, flags, mode); \
  }

#define OPENAT_WRAPPER(name) \
  int name (int dirfd, const char *path, int flags, ...) \
  { \
    mode_t mode = 0; \
    REAL (name); \
    if (flags & (O_CREAT | O_TMPFILE)) \
      { \
        va_list ap; \
        va_start (ap, flags); \
        mode = va_arg (ap, mode_t); \
        va_end (ap); \
      } \
    if (open_fault (path, flags)) \
      return -1; \
    return real (dirfd, path, flags, mode); \
  }

OPEN_WRAPPER (open)
OPEN_WRAPPER (open64)
OPENAT_WRAPPER (openat)
OPENAT_WRAPPER (openat64)

ssize_t
write (int fd, const void *buf, size_t n)
{
  REAL (write);
  if (write_fault (fd))
    return -1;
  return real (fd, buf, n);
}

ssize_t
pwrite (int fd, const void *buf, size_t n, off_t offset)
{
  REAL (pwrite);
  if (write_fault (fd))
    return -1;
  return real (fd, buf, n, offset);
}

ssize_t
pwrite64 (int fd, const void *buf, size_t n, off64_t offset)
{
  REAL (pwrite64);
  if (write_fault (fd))
    return -1;
  return real (fd, buf, n, offset);
}

int
fallocate (int fd, int mode, off_t offset, off_t len)
{
  REAL (fallocate);
  if (write_fault (fd))
    return -1;
  return real (fd, mode, offset, len);
}

int
posix_fallocate (int fd, off_t offset, off_t len)
{
  REAL (posix_fallocate);
  if (write_fault (fd))
    return errno;
  return real (fd, offset, len);
}
