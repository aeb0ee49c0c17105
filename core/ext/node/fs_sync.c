/* fs_sync.c: the synchronous file-system calls behind node:fs (core/ext/node/lib/fs.js) that
 * mrt's own fs (core/ext/fs/fs.c) does not have: calls on raw file descriptors (Node's fds are
 * the process's: fs.writeSync(1, ...) writes to stdout) and the path calls Node names one by
 * one (unlink, rmdir, access, symlink, readlink, link, utimes). Each op is one plain syscall
 * on the calling thread; the callback and promise forms in fs.js run them and settle later.
 *
 * Errors are Node's: an Error "ENOENT: no such file or directory, open '/x'" with code,
 * syscall and path (fs.js adds errno and dest); a two-path call's message names both
 * ("EEXIST: file already exists, symlink 'a' -> 'b'"). fs.js has checked the argument types
 * and made paths NUL-free strings; the ops still refuse what they cannot use, never crash. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>
#include <uv.h>

#include "ext/ext.h"
#include "permissions.h"
#include "runtime_internal.h"

/* All calls go through one op, nodeFs(call, ...args) (one op costs start-up time; thirty
 * would cost thirty times that): argument i of a call is the op's argument i + 1. */
#define AT(i) ((i) + 1)

/* Throws errno err of syscall, naming path (and dest) as Node does. */
static void throw_errno(mrt_op_call *c, int err, const char *syscall, const char *path,
                        const char *dest) {
  mrt_result res = {.kind = MRT_RESULT_ERROR, .uv_errno = uv_translate_sys_error(err),
                    .syscall = syscall, .path = path};
  char *msg = NULL;
  if (dest) {
    const char *code = uv_err_name(res.uv_errno), *desc = uv_strerror(res.uv_errno);
    size_t n = strlen(code) + strlen(desc) + strlen(syscall) + strlen(path) + strlen(dest) + 16;
    msg = malloc(n);
    if (msg) snprintf(msg, n, "%s: %s, %s '%s' -> '%s'", code, desc, syscall, path, dest);
    res.message = msg;
  }
  mrt_op_return_result(c, &res);
  free(msg);
}

/* Argument i as a NUL-free string (a path); NULL after throwing. */
static const char *arg_path(mrt_op_call *c, int i) {
  size_t n = 0;
  const char *p = mrt_op_arg_string(c, AT(i), &n);
  if (!p || memchr(p, '\0', n)) {
    rt_op_error(c, "TypeError", "ERR_INVALID_ARG_VALUE",
                "The \"path\" argument must be a string without null bytes");
    return NULL;
  }
  return p;
}

/* The sandbox (permissions.h); NULL: none. */
#define PERMS(c) (mrt_op_runtime(c)->perms)

/* path refused for kind (follow: its last symlink followed): 1 after throwing NotCapable. */
static int path_denied(mrt_op_call *c, rt_perm_kind kind, const char *path, int follow) {
  char *denied;
  if (!PERMS(c) || rt_perm_path(PERMS(c), kind, path, follow, &denied) == 0) return 0;
  rt_perm_throw(c, kind, denied);
  free(denied);
  return 1;
}

/* A raw fd the script did not open through a checked open (an inherited one, the runtime's
 * own, or a number reused since): 1 after throwing NotCapable. */
static int fd_denied(mrt_op_call *c, int fd) {
  if (!PERMS(c) || rt_perm_fd_ok(PERMS(c), fd)) return 0;
  char what[32];
  snprintf(what, sizeof what, "fd %d", fd);
  rt_perm_throw(c, RT_PERM_READ, what);
  return 1;
}

/* Argument i as an int in [lo, hi]; *ok = 0 after throwing. */
static long long arg_int(mrt_op_call *c, int i, long long lo, long long hi, int *ok) {
  double d = mrt_op_arg_number(c, AT(i));
  if (!(d >= (double)lo && d <= (double)hi) || d != (double)(long long)d) {
    rt_op_error(c, "RangeError", "ERR_OUT_OF_RANGE", "an integer argument is out of range");
    *ok = 0;
    return 0;
  }
  return (long long)d;
}

#define FD(i) arg_int(c, i, 0, INT32_MAX, &ok)
#define POS_MAX 9007199254740991LL

/* (path, flags, mode) -> fd */
static void op_open(mrt_op_call *c) {
  int ok = 1;
  const char *path = arg_path(c, 0);
  if (!path) return;
  int flags = (int)arg_int(c, 1, INT32_MIN, INT32_MAX, &ok);
  int mode = ok ? (int)arg_int(c, 2, 0, 07777, &ok) : 0;
  if (!ok) return;
  int fd;
  if (PERMS(c)) {
    char *denied;
    rt_perm_kind kind;
    do fd = rt_perm_open(PERMS(c), path, flags, mode, &denied, &kind);
    while (fd == -EINTR);
    if (fd == RT_PERM_DENIED) {
      rt_perm_throw(c, kind, denied);
      free(denied);
      return;
    }
    if (fd < 0) errno = -fd;
    else rt_perm_fd_opened(PERMS(c), fd);
  } else {
    do fd = open(path, flags | O_CLOEXEC, mode);
    while (fd < 0 && errno == EINTR);
  }
  if (fd < 0) throw_errno(c, errno, "open", path, NULL);
  else mrt_op_return_number(c, fd);
}

static void op_close(mrt_op_call *c) {
  int ok = 1;
  int fd = (int)FD(0);
  if (!ok || fd_denied(c, fd)) return;
  rt_perm_fd_closed(PERMS(c), fd);
  if (close(fd) != 0 && errno != EINTR) throw_errno(c, errno, "close", NULL, NULL);
}

/* read/write (fd, view, offset, length, position) -> bytes done; position -1: the file's. */
static void op_read_write(mrt_op_call *c, int write_) {
  int ok = 1;
  int fd = (int)FD(0);
  void *data;
  size_t len;
  if (!ok || fd_denied(c, fd)) return;
  if (mrt_op_arg_buffer(c, AT(1), &data, &len) != MRT_OK) {
    rt_op_error(c, "TypeError", "ERR_INVALID_ARG_TYPE", "The \"buffer\" argument must be a Buffer, TypedArray or DataView");
    return;
  }
  long long off = arg_int(c, 2, 0, (long long)len, &ok);
  long long n = ok ? arg_int(c, 3, 0, (long long)len, &ok) : 0;
  long long pos = ok ? arg_int(c, 4, -1, POS_MAX, &ok) : 0;
  if (!ok) return;
  if (off + n > (long long)len) {
    rt_op_error(c, "RangeError", "ERR_OUT_OF_RANGE", "The value of \"length\" is out of range");
    return;
  }
  char *p = (char *)data + off;
  ssize_t r;
  /* console output waits in a buffer: what was logged before comes out first, as in Node. */
  if (write_ && (fd == 1 || fd == 2)) mrt_flush(mrt_op_runtime(c));
  do {
    if (write_) r = pos < 0 ? write(fd, p, (size_t)n) : pwrite(fd, p, (size_t)n, (off_t)pos);
    else r = pos < 0 ? read(fd, p, (size_t)n) : pread(fd, p, (size_t)n, (off_t)pos);
  } while (r < 0 && errno == EINTR);
  if (r < 0) throw_errno(c, errno, write_ ? "write" : "read", NULL, NULL);
  else mrt_op_return_number(c, (double)r);
}

static void op_read(mrt_op_call *c) { op_read_write(c, 0); }
static void op_write(mrt_op_call *c) { op_read_write(c, 1); }

/* Stat fields in the order fs.js reads them: dev mode nlink uid gid rdev blksize ino size
 * blocks, then atime mtime ctime birthtime as (seconds, nanoseconds) pairs. */
#define NSTAT 18

static int fill_stat(mrt_op_call *c, int i, const struct stat *s) {
  void *data;
  size_t len;
  if (mrt_op_arg_buffer(c, AT(i), &data, &len) != MRT_OK || len < NSTAT * sizeof(double)) {
    rt_op_error(c, "TypeError", "ERR_INVALID_ARG_TYPE", "stat: a Float64Array(18) is needed");
    return -1;
  }
  double *d = data;
  d[0] = (double)s->st_dev;
  d[1] = (double)s->st_mode;
  d[2] = (double)s->st_nlink;
  d[3] = (double)s->st_uid;
  d[4] = (double)s->st_gid;
  d[5] = (double)s->st_rdev;
  d[6] = (double)s->st_blksize;
  d[7] = (double)s->st_ino;
  d[8] = (double)s->st_size;
  d[9] = (double)s->st_blocks;
  d[10] = (double)s->st_atim.tv_sec;
  d[11] = (double)s->st_atim.tv_nsec;
  d[12] = (double)s->st_mtim.tv_sec;
  d[13] = (double)s->st_mtim.tv_nsec;
  d[14] = (double)s->st_ctim.tv_sec;
  d[15] = (double)s->st_ctim.tv_nsec;
  /* stat(2) has no birth time: 0, as Node gives where statx has none. */
  d[16] = 0;
  d[17] = 0;
  return 0;
}

/* (path, lstat, f64) -> true, or false for a missing file when quiet (argument 3) is set
 * (statSync's throwIfNoEntry: false). */
static void op_stat(mrt_op_call *c) {
  const char *path = arg_path(c, 0);
  if (!path) return;
  int link = mrt_op_arg_boolean(c, AT(1));
  if (path_denied(c, RT_PERM_READ, path, !link)) return;
  struct stat s;
  if ((link ? lstat(path, &s) : stat(path, &s)) != 0) {
    if (mrt_op_arg_boolean(c, AT(3)) && (errno == ENOENT || errno == ENOTDIR)) {
      mrt_op_return_boolean(c, 0);
      return;
    }
    throw_errno(c, errno, link ? "lstat" : "stat", path, NULL);
    return;
  }
  if (fill_stat(c, 2, &s) == 0) mrt_op_return_boolean(c, 1);
}

/* (fd, f64) */
static void op_fstat(mrt_op_call *c) {
  int ok = 1;
  int fd = (int)FD(0);
  if (!ok || fd_denied(c, fd)) return;
  struct stat s;
  if (fstat(fd, &s) != 0) throw_errno(c, errno, "fstat", NULL, NULL);
  else fill_stat(c, 1, &s);
}

/* One path, one syscall. */
static void op_unlink(mrt_op_call *c) {
  const char *p = arg_path(c, 0);
  if (p && path_denied(c, RT_PERM_WRITE, p, 0)) return;
  if (p && unlink(p) != 0) throw_errno(c, errno, "unlink", p, NULL);
}

static void op_rmdir(mrt_op_call *c) {
  const char *p = arg_path(c, 0);
  if (p && path_denied(c, RT_PERM_WRITE, p, 0)) return;
  if (p && rmdir(p) != 0) throw_errno(c, errno, "rmdir", p, NULL);
}

/* (path, mode) */
static void op_access(mrt_op_call *c) {
  int ok = 1;
  const char *p = arg_path(c, 0);
  if (!p) return;
  int mode = (int)arg_int(c, 1, 0, 7, &ok);
  if (ok && path_denied(c, (mode & W_OK) ? RT_PERM_WRITE : RT_PERM_READ, p, 1)) return;
  if (ok && access(p, mode) != 0) throw_errno(c, errno, "access", p, NULL);
}

static void op_readlink(mrt_op_call *c) {
  const char *p = arg_path(c, 0);
  if (!p) return;
  if (path_denied(c, RT_PERM_READ, p, 0)) return;
  char buf[4096];
  ssize_t n = readlink(p, buf, sizeof buf);
  if (n < 0) throw_errno(c, errno, "readlink", p, NULL);
  else mrt_op_return_string(c, buf, (size_t)n);
}

/* realpath(3), as fs.realpathSync.native. */
static void op_realpath(mrt_op_call *c) {
  const char *p = arg_path(c, 0);
  if (!p || path_denied(c, RT_PERM_READ, p, 1)) return;
  char *r = realpath(p, NULL);
  if (!r) {
    throw_errno(c, errno, "realpath", p, NULL);
    return;
  }
  mrt_op_return_string(c, r, strlen(r));
  free(r);
}

/* (target, path, ...): symlink and link; the first path is copied (the second call to
 * mrt_op_arg_string may reuse its buffer). */
static void op_two_paths(mrt_op_call *c, const char *syscall) {
  const char *a0 = arg_path(c, 0);
  if (!a0) return;
  char *a = strdup(a0);
  const char *b = a ? arg_path(c, 1) : NULL;
  if (!a) rt_op_error(c, "RangeError", NULL, "out of memory");
  /* The new name is a write; a hard link's source is read and written through it (a link
   * to a file outside would let it be read from inside). A symlink's target is checked
   * when the link is used, like any path. */
  if (a && b && (path_denied(c, RT_PERM_WRITE, b, 0) ||
                 (syscall[0] == 'l' && (path_denied(c, RT_PERM_READ, a, 0) ||
                                        path_denied(c, RT_PERM_WRITE, a, 0))))) {
    b = NULL;
  }
  if (a && b) {
    int rc = syscall[0] == 's' ? symlink(a, b) : link(a, b);
    if (rc != 0) throw_errno(c, errno, syscall, a, b);
  }
  free(a);
}

static void op_symlink(mrt_op_call *c) { op_two_paths(c, "symlink"); }
static void op_link(mrt_op_call *c) { op_two_paths(c, "link"); }

/* (path or fd, atime, mtime) in seconds; fd when argument 0 is a number. */
static void op_utimes(mrt_op_call *c) {
  struct timespec ts[2];
  for (int i = 0; i < 2; i++) {
    double t = mrt_op_arg_number(c, AT(1 + i));
    if (!(t > -1e15 && t < 1e15)) t = 0; /* fs.js refuses NaN and infinities first */
    double sec = t >= 0 ? (double)(long long)t : -(double)(long long)(-t);
    if (sec > t) sec -= 1;
    ts[i].tv_sec = (time_t)sec;
    ts[i].tv_nsec = (long)((t - sec) * 1e9);
  }
  if (mrt_op_arg_type(c, AT(0)) == MRT_TYPE_NUMBER) {
    int ok = 1;
    int fd = (int)FD(0);
    if (ok && fd_denied(c, fd)) return;
    if (ok && futimens(fd, ts) != 0) throw_errno(c, errno, "futime", NULL, NULL);
    return;
  }
  const char *p = arg_path(c, 0);
  if (p && path_denied(c, RT_PERM_WRITE, p, 1)) return;
  if (p && utimensat(AT_FDCWD, p, ts, 0) != 0) throw_errno(c, errno, "utime", p, NULL);
}

/* (fd, len) */
static void op_ftruncate(mrt_op_call *c) {
  int ok = 1;
  int fd = (int)FD(0);
  long long len = ok ? arg_int(c, 1, 0, POS_MAX, &ok) : 0;
  if (ok && fd_denied(c, fd)) return;
  if (ok && ftruncate(fd, (off_t)len) != 0) throw_errno(c, errno, "ftruncate", NULL, NULL);
}

/* (fd, datasync) */
static void op_fsync(mrt_op_call *c) {
  int ok = 1;
  int fd = (int)FD(0);
  if (!ok || fd_denied(c, fd)) return;
  int ds = mrt_op_arg_boolean(c, AT(1));
  if ((ds ? fdatasync(fd) : fsync(fd)) != 0) throw_errno(c, errno, ds ? "fdatasync" : "fsync", NULL, NULL);
}

/* (fd, mode) */
static void op_fchmod(mrt_op_call *c) {
  int ok = 1;
  int fd = (int)FD(0);
  int mode = ok ? (int)arg_int(c, 1, 0, 07777, &ok) : 0;
  if (ok && fd_denied(c, fd)) return;
  if (ok && fchmod(fd, (mode_t)mode) != 0) throw_errno(c, errno, "fchmod", NULL, NULL);
}

/* (path, uid, gid, lchown) */
static void op_chown(mrt_op_call *c) {
  int ok = 1;
  const char *p = arg_path(c, 0);
  if (!p) return;
  long long uid = arg_int(c, 1, -1, UINT32_MAX, &ok);
  long long gid = ok ? arg_int(c, 2, -1, UINT32_MAX, &ok) : 0;
  if (!ok) return;
  int l = mrt_op_arg_boolean(c, AT(3));
  if (path_denied(c, RT_PERM_WRITE, p, !l)) return;
  if ((l ? lchown(p, (uid_t)uid, (gid_t)gid) : chown(p, (uid_t)uid, (gid_t)gid)) != 0)
    throw_errno(c, errno, l ? "lchown" : "chown", p, NULL);
}

/* The platform's constants, "NAME=value ..." for fs.constants (Node's names). */
static void op_constants(mrt_op_call *c) {
  char buf[1024];
  int n = snprintf(buf, sizeof buf,
                   "O_RDONLY=%d O_WRONLY=%d O_RDWR=%d O_CREAT=%d O_EXCL=%d O_NOCTTY=%d "
                   "O_TRUNC=%d O_APPEND=%d O_DIRECTORY=%d O_NOATIME=%d O_NOFOLLOW=%d O_SYNC=%d "
                   "O_DSYNC=%d O_DIRECT=%d O_NONBLOCK=%d "
                   "S_IFMT=%d S_IFREG=%d S_IFDIR=%d S_IFCHR=%d S_IFBLK=%d S_IFIFO=%d S_IFLNK=%d "
                   "S_IFSOCK=%d S_IRWXU=%d S_IRUSR=%d S_IWUSR=%d S_IXUSR=%d S_IRWXG=%d "
                   "S_IRGRP=%d S_IWGRP=%d S_IXGRP=%d S_IRWXO=%d S_IROTH=%d S_IWOTH=%d S_IXOTH=%d",
                   O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_EXCL, O_NOCTTY, O_TRUNC, O_APPEND,
                   O_DIRECTORY, O_NOATIME, O_NOFOLLOW, O_SYNC, O_DSYNC, O_DIRECT, O_NONBLOCK,
                   S_IFMT, S_IFREG, S_IFDIR, S_IFCHR, S_IFBLK, S_IFIFO, S_IFLNK, S_IFSOCK,
                   S_IRWXU, S_IRUSR, S_IWUSR, S_IXUSR, S_IRWXG, S_IRGRP, S_IWGRP, S_IXGRP,
                   S_IRWXO, S_IROTH, S_IWOTH, S_IXOTH);
  mrt_op_return_string(c, buf, (size_t)n);
}

/* errno names to numbers for the errors' .errno (Node's is the negated number). */
static void op_errno(mrt_op_call *c) {
  size_t n = 0;
  const char *name = mrt_op_arg_string(c, AT(0), &n);
  if (!name) return;
  static const struct { const char *name; int no; } tab[] = {
      {"ENOENT", ENOENT}, {"EEXIST", EEXIST}, {"ENOTDIR", ENOTDIR}, {"EISDIR", EISDIR},
      {"EACCES", EACCES}, {"EPERM", EPERM},   {"ENOTEMPTY", ENOTEMPTY}, {"EBADF", EBADF},
      {"EINVAL", EINVAL}, {"EMFILE", EMFILE}, {"ELOOP", ELOOP}, {"EXDEV", EXDEV},
      {"ENAMETOOLONG", ENAMETOOLONG}, {"EROFS", EROFS}, {"ENOSPC", ENOSPC}, {"EBUSY", EBUSY},
      {"EAGAIN", EAGAIN}, {"EIO", EIO}, {"EFBIG", EFBIG}, {"ENXIO", ENXIO}, {"ESPIPE", ESPIPE},
      {"ETXTBSY", ETXTBSY}, {"ENOMEM", ENOMEM}, {"ECANCELED", ECANCELED}, {"ENOSYS", ENOSYS},
  };
  for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++) {
    if (strcmp(tab[i].name, name) == 0) {
      mrt_op_return_number(c, -tab[i].no);
      return;
    }
  }
}

/* The calls, by the number fs_common.js passes (its FS_CALLS lists them in this order). */
static void (*const calls[])(mrt_op_call *) = {
    op_open, /* Open */
    op_close, /* Close */
    op_read, /* Read */
    op_write, /* Write */
    op_stat, /* Stat */
    op_fstat, /* Fstat */
    op_unlink, /* Unlink */
    op_rmdir, /* Rmdir */
    op_access, /* Access */
    op_readlink, /* Readlink */
    op_realpath, /* Realpath */
    op_symlink, /* Symlink */
    op_link, /* Link */
    op_utimes, /* Utimes */
    op_ftruncate, /* Ftruncate */
    op_fsync, /* Fsync */
    op_fchmod, /* Fchmod */
    op_chown, /* Chown */
    op_constants, /* Constants */
    op_errno, /* Errno */
};

static void op_node_fs(mrt_op_call *c) {
  double k = mrt_op_arg_number(c, 0);
  if (!(k >= 0 && k < (double)(sizeof calls / sizeof calls[0]))) {
    rt_op_error(c, "TypeError", NULL, "nodeFs: no such call");
    return;
  }
  calls[(int)k](c);
}

const mrt_op_decl rt_node_fs_ops[RT_NODE_FS_NOPS] = {
    {.name = "nodeFs", .fn = op_node_fs},
};
