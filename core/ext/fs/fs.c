/* fs.c: the file-system ops behind mrt.readFile, mrt.open, ... (core/ext/fs/fs.js).
 *
 * Every operation is a "job": its inputs, a work function made of synchronous uv_fs_* calls,
 * and its result. An async op runs the whole job as ONE item on the loop's worker pool
 * (loop/pool.h), so readFile is open+fstat+read+close in one trip to the pool, not four; the
 * result is posted back on the loop thread (mrt_op_complete: delivered in a batch with the
 * others of that turn). A ...Sync op runs the same work function on the calling thread and
 * returns or throws at once.
 *
 * Result bytes (job->bytes) come from mimalloc, as every ArrayBuffer backing store does.
 *
 * Workers never touch JS memory: data to write is copied into the job when the op is called,
 * data read comes back as a malloc'd buffer that becomes the Uint8Array's backing store
 * without a copy. So a job in flight needs nothing from the isolate, and tearing down a
 * runtime only has to wait for the pool (loop_free does).
 *
 * Open files (FsFile) are resources (mrt_resource_*: the runtime's one table, rids); a file
 * closed with jobs in flight is released when the last one finishes, so its fd can't be
 * reused under a running job.
 *
 * FIFOs, sockets and devices can block for ever (a FIFO without a writer, a terminal). Files
 * are opened O_NONBLOCK (opening a FIFO does not wait for the other end), and a read or write
 * of such a file waits in poll() where it can be ended: a sync op by mrt_terminate (the
 * --timeout watchdog; interrupt.c), a pool job by the runtime's teardown. Whole-file reads
 * stop at READ_ALL_MAX (a device or /proc file can be endless) with EFBIG.
 */
#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <mimalloc.h>

#include "pool.h"
#include "ext/ext.h"
#include "permissions.h"
#include "runtime_internal.h"


/* Result bytes: handed to V8 as backing stores (free_bytes = bytes_free). */
#ifdef MRT_FS_GLIBC_BYTES
#define BYTES_MALLOC malloc
#define BYTES_REALLOC realloc
#define BYTES_STRDUP strdup
#define BYTES_FREE free
#else
#define BYTES_MALLOC mi_malloc
#define BYTES_REALLOC mi_realloc
#define BYTES_STRDUP mi_strdup
#define BYTES_FREE mi_free
#endif
static void bytes_free(void *p) { BYTES_FREE(p); }

enum {
  J_READ_FILE, J_READ_TEXT, J_WRITE_FILE, J_STAT, J_LSTAT, J_FSTAT, J_READ_DIR, J_MKDIR,
  J_REMOVE, J_RENAME, J_OPEN, J_READ, J_WRITE, J_CHMOD, J_MKDTEMP, J_REALPATH, J_TRUNCATE,
  J_COPY_FILE
};

/* Result kinds of a job. */
enum { R_UNDEFINED, R_NUMBER, R_BUFFER, R_STRING };

#define STAT_FIELDS 17
#define INLINE_PATH 200
/* The most a whole-file read (readFile, readTextFile) returns: Node's limit, 2 GiB - 1. */
#define READ_ALL_MAX ((size_t)INT32_MAX)
/* One read of a file of unknown size (a pipe, a device, /proc): a bound on the time between
 * looks at cancellation. */
#define READ_CHUNK ((size_t)1 << 20)

typedef struct fs_job {
  struct rt_fs *fs;
  struct fs_job *next_free;
  uint32_t id;
  int kind;
  /* inputs */
  char *path, *path2;
  int flags, mode, recursive;
  struct fs_file *file; /* async J_READ, J_WRITE, J_FSTAT: its busy count holds the fd */
  uv_file fd;
  int64_t offset;
  void *data; /* J_WRITE_FILE, J_WRITE: a copy of the bytes (malloc'd) */
  size_t len;
  void *dst; /* sync J_READ: read straight into the caller's memory */
  int sync;    /* runs on the runtime's thread: mrt_terminate ends its waits */
  int special; /* J_READ: the file is a FIFO, socket or device (wait before reading) */
  /* outputs */
  int err;             /* negative uv errno, 0 on success */
  const char *syscall; /* static string */
  int err_path2;       /* the error names path2 (rename: "a -> b"; copy: dest) */
  const char *desc;    /* the error's description instead of uv_strerror's (static) */
  int interrupted;     /* a sync job ended by mrt_terminate: the op terminates, no throw */
  const rt_perms *perms; /* the sandbox's grants, or NULL: no checks */
  char *denied;          /* err RT_PERM_DENIED: the path refused (malloc'd), of denied_kind */
  rt_perm_kind denied_kind;
  int rkind;
  double number;
  void *bytes;
  size_t blen;
  char path_buf[INLINE_PATH]; /* last: job_new clears what comes before */
} fs_job;

/* An open file: a resource (mrt_resource_*) of kind fs_file_kind. */
typedef struct fs_file {
  uv_file fd;
  int special; /* a FIFO, socket or device */
  int busy;    /* jobs in flight */
  int closing; /* closed by JS (or teardown) while busy: released by the last job */
} fs_file;

struct rt_fs {
  mrt_runtime *rt;
  loop_t *loop;
  fs_job *free_jobs;
  size_t nfree;
  int dead; /* the runtime is being freed: results are dropped */
  atomic_int stopping; /* set at teardown: ends the waits of jobs in flight */
  int stop_fd;         /* eventfd that wakes them (made by the first async job), or -1 */
};

#define FREE_JOBS_MAX 256

/* ---------------------------------------------------------------- jobs */

static fs_job *job_new(struct rt_fs *fs, int kind) {
  fs_job *j = fs->free_jobs;
  if (j) {
    fs->free_jobs = j->next_free;
    fs->nfree--;
  } else {
    j = malloc(sizeof *j);
    if (!j) return NULL;
  }
  memset(j, 0, offsetof(fs_job, path_buf));
  j->fs = fs;
  j->kind = kind;
  j->perms = fs->rt->perms;
  j->fd = -1;
  j->file = NULL;
  j->offset = -1;
  return j;
}

static void job_free(fs_job *j) {
  struct rt_fs *fs = j->fs;
  if (j->path && j->path != j->path_buf) free(j->path);
  free(j->path2);
  free(j->denied);
  free(j->data);
  BYTES_FREE(j->bytes);
  if (fs->nfree < FREE_JOBS_MAX && !fs->dead) {
    j->next_free = fs->free_jobs;
    fs->free_jobs = j;
    fs->nfree++;
  } else {
    free(j);
  }
}

static int job_set_path(fs_job *j, const char *p, size_t n) {
  if (n < INLINE_PATH) {
    j->path = j->path_buf;
  } else {
    j->path = malloc(n + 1);
    if (!j->path) return -1;
  }
  memcpy(j->path, p, n);
  j->path[n] = '\0';
  return 0;
}

static int fail(fs_job *j, int err, const char *syscall) {
  j->err = err;
  j->syscall = syscall;
  return err;
}

/* ---------------------------------------------------------------- waiting, interruptibly */

static int pool_stopping(void *fs) { return atomic_load(&((struct rt_fs *)fs)->stopping); }

/* Waits until fd (-1: none) has one of events or timeout_ms passed: 0, or the job fails
 * (ECANCELED when a sync job's runtime is terminated or the pool stops). */
static int job_wait(fs_job *j, int fd, short events, int timeout_ms, const char *syscall) {
  struct rt_fs *fs = j->fs;
  int rc = j->sync ? rt_wait_fd(fs->rt, fd, events, timeout_ms)
                   : rt_wait_cancellable(fd, events, timeout_ms, fs->stop_fd, pool_stopping, fs, 0);
  if (rc == RT_WAIT_INTERRUPTED) {
    j->interrupted = j->sync;
    return fail(j, UV_ECANCELED, syscall);
  }
  return rc < 0 ? fail(j, uv_translate_sys_error(-rc), syscall) : 0;
}

/* Between the chunks of a long read that never waits (/dev/zero, /proc). */
static int job_cancelled(fs_job *j, const char *syscall) {
  int stop = j->sync ? rt_interrupted(j->fs->rt) : atomic_load(&j->fs->stopping);
  if (!stop) return 0;
  j->interrupted = j->sync;
  return fail(j, UV_ECANCELED, syscall);
}

/* The sandbox refused: the op throws NotCapable naming what (taken). */
static int perm_fail(fs_job *j, rt_perm_kind kind, char *what) {
  j->err = RT_PERM_DENIED;
  j->denied = what;
  j->denied_kind = kind;
  return j->err;
}

/* A path op that opens nothing, checked on the canonical path before it runs: 0 or fails. */
static int perm_path(fs_job *j, rt_perm_kind kind, const char *path, int follow) {
  char *denied;
  if (!j->perms || rt_perm_path(j->perms, kind, path, follow, &denied) == 0) return 0;
  return perm_fail(j, kind, denied);
}

/* open(2) through the sandbox when there is one (permissions.h: checked on what is opened). */
static int open_checked(fs_job *j, const char *path, int flags, int mode) {
  if (!j->perms) {
    uv_fs_t req;
    int fd = uv_fs_open(NULL, &req, path, flags | O_CLOEXEC, mode, NULL);
    uv_fs_req_cleanup(&req);
    return fd;
  }
  char *denied;
  rt_perm_kind kind;
  int fd = rt_perm_open(j->perms, path, flags, mode, &denied, &kind);
  if (fd == RT_PERM_DENIED) return perm_fail(j, kind, denied);
  return fd < 0 ? uv_translate_sys_error(-fd) : fd;
}

static int is_fifo(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISFIFO(st.st_mode);
}

/* open(2), O_NONBLOCK: a FIFO opens at once for reading; for writing, it refuses while there
 * is no reader (ENXIO), and this waits for one as a blocking open would, interruptibly. */
static int job_open(fs_job *j, const char *path, int flags, int mode) {
  for (;;) {
    int fd = open_checked(j, path, flags | O_NONBLOCK, mode);
    if (fd >= 0 || fd == RT_PERM_DENIED) return fd;
    if (fd != UV_ENXIO || (flags & O_ACCMODE) == O_RDONLY || !is_fifo(path)) {
      return fail(j, fd, "open");
    }
    if (job_wait(j, -1, 0, 10, "open")) return j->err;
  }
}

/* One read(2) of up to len bytes: n >= 0, or the job fails. A FIFO, socket or device is
 * waited on first (a FIFO opened O_NONBLOCK reads EOF while no writer ever came). */
static int job_read(fs_job *j, uv_file fd, char *buf, size_t len, int special) {
  for (;;) {
    if (special && job_wait(j, fd, POLLIN, -1, "read")) return j->err;
    uv_fs_t req;
    uv_buf_t b = uv_buf_init(buf, (unsigned)(len > 0x40000000 ? 0x40000000 : len));
    int n = uv_fs_read(NULL, &req, fd, &b, 1, -1, NULL);
    uv_fs_req_cleanup(&req);
    if (n != UV_EAGAIN) return n < 0 ? fail(j, n, "read") : n;
    special = 1;
  }
}

/* ---------------------------------------------------------------- work functions */

/* Reads the whole file at fd into a malloc'd buffer. A regular file of size S is read with
 * one read of S+1 bytes: a short read of a regular file is its end. Others (size_hint 0:
 * pipes, devices, /proc) are read until EOF, up to READ_ALL_MAX, checking for cancellation
 * between reads. */
static int read_all(fs_job *j, uv_file fd, size_t size_hint, int regular, int special) {
  size_t cap = size_hint + 1, len = 0;
  if (!regular) cap = 8192;
  char *buf = BYTES_MALLOC(cap);
  if (!buf) return fail(j, UV_ENOMEM, "read");
  for (;;) {
    if (len == cap) {
      if (cap > READ_ALL_MAX) { /* read READ_ALL_MAX + 1 bytes: too large */
        BYTES_FREE(buf);
        return fail(j, UV_EFBIG, "read");
      }
      size_t ncap = cap * 2 > READ_ALL_MAX + 1 ? READ_ALL_MAX + 1 : cap * 2;
      char *nb = BYTES_REALLOC(buf, ncap);
      if (!nb) {
        BYTES_FREE(buf);
        return fail(j, UV_ENOMEM, "read");
      }
      buf = nb;
      cap = ncap;
    }
    size_t want = cap - len;
    if (!regular && want > READ_CHUNK) want = READ_CHUNK; /* cancellation is looked at often */
    int n = !regular && job_cancelled(j, "read") ? j->err : job_read(j, fd, buf + len, want, special);
    if (n < 0) {
      BYTES_FREE(buf);
      return n;
    }
    len += (size_t)n;
    if (n == 0 || (regular && (size_t)n < want && (size_t)n < 0x40000000)) break;
  }
  j->bytes = buf;
  j->blen = len;
  return 0;
}

static int do_read_file(fs_job *j) {
  uv_fs_t req;
  int fd = job_open(j, j->path, O_RDONLY, 0);
  if (fd < 0) return j->err;
  int rc = uv_fs_fstat(NULL, &req, fd, NULL);
  if (rc < 0) {
    uv_fs_req_cleanup(&req);
    fail(j, rc, "fstat");
  } else if (S_ISDIR(req.statbuf.st_mode)) {
    uv_fs_req_cleanup(&req);
    fail(j, UV_EISDIR, "read");
  } else if (S_ISREG(req.statbuf.st_mode) && (uint64_t)req.statbuf.st_size > READ_ALL_MAX) {
    uv_fs_req_cleanup(&req);
    fail(j, UV_EFBIG, "read");
  } else {
    /* Regular files of size 0 (procfs) are read like pipes: until read returns 0. */
    int reg = S_ISREG(req.statbuf.st_mode);
    size_t size = reg ? (size_t)req.statbuf.st_size : 0;
    uv_fs_req_cleanup(&req);
    read_all(j, fd, size, size > 0, !reg);
  }
  uv_fs_close(NULL, &req, fd, NULL);
  uv_fs_req_cleanup(&req);
  if (j->err) return j->err;
  if (j->kind == J_READ_TEXT) {
    /* Deno's readTextFile decodes with a BOM-stripping TextDecoder. */
    if (j->blen >= 3 && memcmp(j->bytes, "\xEF\xBB\xBF", 3) == 0) {
      memmove(j->bytes, (char *)j->bytes + 3, j->blen - 3);
      j->blen -= 3;
    }
    j->rkind = R_STRING;
  } else {
    j->rkind = R_BUFFER;
  }
  return 0;
}

/* Writes all of data at fd's position (or offset >= 0): complete or an error. */
static int write_all(fs_job *j, uv_file fd, const char *data, size_t len, int64_t offset) {
  uv_fs_t req;
  size_t done = 0;
  while (done < len) {
    size_t chunk = len - done > 0x40000000 ? 0x40000000 : len - done;
    uv_buf_t b = uv_buf_init((char *)data + done, (unsigned)chunk);
    int n = uv_fs_write(NULL, &req, fd, &b, 1, offset >= 0 ? offset + (int64_t)done : -1, NULL);
    uv_fs_req_cleanup(&req);
    if (n == UV_EAGAIN) { /* a full FIFO, socket or device */
      if (job_wait(j, fd, POLLOUT, -1, "write")) return j->err;
      continue;
    }
    if (n < 0) return fail(j, n, "write");
    if (n == 0) return fail(j, UV_EIO, "write");
    done += (size_t)n;
  }
  return 0;
}

static int do_write_file(fs_job *j) {
  uv_fs_t req;
  int fd = job_open(j, j->path, j->flags | O_WRONLY, j->mode);
  if (fd < 0) return j->err;
  write_all(j, fd, j->data, j->len, -1);
  int rc = uv_fs_close(NULL, &req, fd, NULL);
  uv_fs_req_cleanup(&req);
  if (!j->err && rc < 0) fail(j, rc, "close");
  return j->err;
}

static double ts_ms(uv_timespec_t t) { return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6; }

static void pack_stat(fs_job *j, const uv_stat_t *s) {
  double *d = BYTES_MALLOC(STAT_FIELDS * sizeof(double));
  if (!d) {
    fail(j, UV_ENOMEM, "stat");
    return;
  }
  uint64_t fmt = s->st_mode & S_IFMT;
  d[0] = fmt == S_IFREG;
  d[1] = fmt == S_IFDIR;
  d[2] = fmt == S_IFLNK;
  d[3] = (double)s->st_size;
  d[4] = ts_ms(s->st_mtim);
  d[5] = ts_ms(s->st_atim);
  d[6] = ts_ms(s->st_birthtim);
  d[7] = ts_ms(s->st_ctim);
  d[8] = (double)s->st_mode;
  d[9] = (double)s->st_dev;
  d[10] = (double)s->st_ino;
  d[11] = (double)s->st_nlink;
  d[12] = (double)s->st_uid;
  d[13] = (double)s->st_gid;
  d[14] = (double)s->st_rdev;
  d[15] = (double)s->st_blksize;
  d[16] = (double)s->st_blocks;
  j->bytes = d;
  j->blen = STAT_FIELDS * sizeof(double);
  j->rkind = R_BUFFER;
}

static int do_stat(fs_job *j) {
  uv_fs_t req;
  int rc;
  const char *sys = j->kind == J_LSTAT ? "lstat" : j->kind == J_FSTAT ? "fstat" : "stat";
  if (j->kind == J_LSTAT) rc = uv_fs_lstat(NULL, &req, j->path, NULL);
  else if (j->kind == J_FSTAT) rc = uv_fs_fstat(NULL, &req, j->fd, NULL);
  else rc = uv_fs_stat(NULL, &req, j->path, NULL);
  if (rc < 0) fail(j, rc, sys);
  else pack_stat(j, &req.statbuf);
  uv_fs_req_cleanup(&req);
  return j->err;
}

/* Entries as one string: for each, a type letter (f d l o), the name, a NUL. Sorted by name
 * (libuv's scandir sorts). Unknown types are resolved with lstat. */
static int do_read_dir(fs_job *j) {
  uv_fs_t req;
  uv_dirent_t ent;
  int rc = uv_fs_scandir(NULL, &req, j->path, 0, NULL);
  if (rc < 0) {
    uv_fs_req_cleanup(&req);
    return fail(j, rc, "scandir");
  }
  size_t cap = 256, len = 0;
  char *out = BYTES_MALLOC(cap);
  size_t plen = strlen(j->path);
  while (out && uv_fs_scandir_next(&req, &ent) != UV_EOF) {
    size_t n = strlen(ent.name);
    char t = 'o';
    uv_dirent_type_t type = ent.type;
    if (type == UV_DIRENT_UNKNOWN) {
      char *full = malloc(plen + n + 2);
      if (full) {
        uv_fs_t st;
        snprintf(full, plen + n + 2, "%s/%s", j->path, ent.name);
        if (uv_fs_lstat(NULL, &st, full, NULL) == 0) {
          uint64_t fmt = st.statbuf.st_mode & S_IFMT;
          type = fmt == S_IFREG ? UV_DIRENT_FILE : fmt == S_IFDIR ? UV_DIRENT_DIR
               : fmt == S_IFLNK ? UV_DIRENT_LINK : UV_DIRENT_UNKNOWN;
        }
        uv_fs_req_cleanup(&st);
        free(full);
      }
    }
    if (type == UV_DIRENT_FILE) t = 'f';
    else if (type == UV_DIRENT_DIR) t = 'd';
    else if (type == UV_DIRENT_LINK) t = 'l';
    while (len + n + 2 > cap) {
      cap *= 2;
      char *o = BYTES_REALLOC(out, cap);
      if (!o) {
        BYTES_FREE(out);
        out = NULL;
        break;
      }
      out = o;
    }
    if (!out) break;
    out[len++] = t;
    memcpy(out + len, ent.name, n);
    len += n;
    out[len++] = '\0';
  }
  uv_fs_req_cleanup(&req);
  if (!out) return fail(j, UV_ENOMEM, "scandir");
  j->bytes = out;
  j->blen = len;
  j->rkind = R_STRING;
  return 0;
}

static int is_dir(const char *path) {
  uv_fs_t req;
  int rc = uv_fs_stat(NULL, &req, path, NULL);
  int dir = rc == 0 && S_ISDIR(req.statbuf.st_mode);
  uv_fs_req_cleanup(&req);
  return dir;
}

static int mkdir_one(const char *path, int mode) {
  uv_fs_t req;
  int rc = uv_fs_mkdir(NULL, &req, path, mode, NULL);
  uv_fs_req_cleanup(&req);
  return rc;
}

static int do_mkdir(fs_job *j) {
  int rc = mkdir_one(j->path, j->mode);
  if (rc == 0) return 0;
  if (!j->recursive) return fail(j, rc, "mkdir");
  if (rc == UV_EEXIST) return is_dir(j->path) ? 0 : fail(j, rc, "mkdir");
  if (rc != UV_ENOENT) return fail(j, rc, "mkdir");
  /* Create each missing ancestor, then the leaf. */
  char *p = j->path;
  size_t n = strlen(p);
  for (size_t i = 1; i <= n; i++) {
    if (p[i] != '/' && p[i] != '\0') continue;
    if (p[i - 1] == '/') continue;
    char c = p[i];
    p[i] = '\0';
    rc = mkdir_one(p, j->mode);
    if (rc == UV_EEXIST && (c != '\0' || is_dir(p))) rc = 0;
    p[i] = c;
    if (rc < 0) return fail(j, rc, "mkdir");
  }
  return 0;
}

/* Removes path and, when it is a directory, everything under it. */
static int remove_tree(char *path, size_t len, size_t cap, char **grow) {
  uv_fs_t req;
  int rc = uv_fs_lstat(NULL, &req, path, NULL);
  int dir = rc == 0 && S_ISDIR(req.statbuf.st_mode);
  uv_fs_req_cleanup(&req);
  if (rc < 0) return rc;
  if (!dir) {
    rc = uv_fs_unlink(NULL, &req, path, NULL);
    uv_fs_req_cleanup(&req);
    return rc;
  }
  uv_dirent_t ent;
  rc = uv_fs_scandir(NULL, &req, path, 0, NULL);
  if (rc < 0) {
    uv_fs_req_cleanup(&req);
    return rc;
  }
  int err = 0;
  while (!err && uv_fs_scandir_next(&req, &ent) != UV_EOF) {
    size_t n = strlen(ent.name);
    if (len + n + 2 > cap) {
      size_t ncap = (len + n + 2) * 2;
      char *np = realloc(*grow, ncap);
      if (!np) {
        err = UV_ENOMEM;
        break;
      }
      *grow = path = np;
      cap = ncap;
    }
    path[len] = '/';
    memcpy(path + len + 1, ent.name, n + 1);
    err = remove_tree(path, len + 1 + n, cap, grow);
    path = *grow;
    path[len] = '\0';
  }
  uv_fs_req_cleanup(&req);
  if (err) return err;
  rc = uv_fs_rmdir(NULL, &req, path, NULL);
  uv_fs_req_cleanup(&req);
  return rc;
}

static int do_remove(fs_job *j) {
  uv_fs_t req;
  if (j->recursive) {
    size_t n = strlen(j->path), cap = n + 256;
    char *buf = malloc(cap);
    if (!buf) return fail(j, UV_ENOMEM, "rm");
    memcpy(buf, j->path, n + 1);
    int rc = remove_tree(buf, n, cap, &buf);
    free(buf);
    return rc < 0 ? fail(j, rc, "rm") : 0;
  }
  int rc = uv_fs_lstat(NULL, &req, j->path, NULL);
  int dir = rc == 0 && S_ISDIR(req.statbuf.st_mode);
  uv_fs_req_cleanup(&req);
  if (rc < 0) return fail(j, rc, "lstat");
  if (dir) {
    rc = uv_fs_rmdir(NULL, &req, j->path, NULL);
    uv_fs_req_cleanup(&req);
    return rc < 0 ? fail(j, rc, "rmdir") : 0;
  }
  rc = uv_fs_unlink(NULL, &req, j->path, NULL);
  uv_fs_req_cleanup(&req);
  return rc < 0 ? fail(j, rc, "unlink") : 0;
}

/* copyFile: what uv_fs_copyfile does (same file: nothing; the destination gets the source's
 * mode), on a source opened O_NONBLOCK and refused unless it is a regular file: a FIFO or a
 * device would block or never end. */
static int copy_fail(fs_job *j, int err, const char *desc) {
  fail(j, err, "copyfile");
  j->err_path2 = 1;
  j->desc = desc;
  return err;
}

static int do_copy_file(fs_job *j) {
  uv_fs_t req;
  int src = open_checked(j, j->path, O_RDONLY | O_NONBLOCK, 0);
  if (src == RT_PERM_DENIED) return src;
  memset(&req, 0, sizeof req);
  if (src < 0) return copy_fail(j, src, NULL);
  req.path = NULL; /* cleaned: uv_fs_req_cleanup below may run again */
  int rc = uv_fs_fstat(NULL, &req, src, NULL);
  uv_stat_t st = req.statbuf;
  uv_fs_req_cleanup(&req);
  int dst = -1;
  if (rc < 0) copy_fail(j, rc, NULL);
  else if (S_ISDIR(st.st_mode)) copy_fail(j, UV_EISDIR, NULL);
  else if (!S_ISREG(st.st_mode)) copy_fail(j, UV_EINVAL, "the source is not a regular file");
  else if ((dst = open_checked(j, j->path2, O_WRONLY | O_CREAT | O_NONBLOCK,
                               (int)(st.st_mode & 07777))) < 0 && dst != RT_PERM_DENIED) {
    copy_fail(j, dst, NULL);
  }
  if (!j->err) {
    uv_fs_t dreq;
    rc = uv_fs_fstat(NULL, &dreq, dst, NULL);
    uv_stat_t dst_st = dreq.statbuf;
    uv_fs_req_cleanup(&dreq);
    if (rc < 0) {
      copy_fail(j, rc, NULL);
    } else if (dst_st.st_dev == st.st_dev && dst_st.st_ino == st.st_ino) {
      /* the same file: done */
    } else if (!S_ISREG(dst_st.st_mode)) {
      copy_fail(j, UV_EINVAL, "the destination is not a regular file");
    } else if ((rc = uv_fs_ftruncate(NULL, &dreq, dst, 0, NULL)) < 0) {
      uv_fs_req_cleanup(&dreq);
      copy_fail(j, rc, NULL);
    } else {
      uv_fs_req_cleanup(&dreq);
      rc = uv_fs_fchmod(NULL, &dreq, dst, (int)(st.st_mode & 07777), NULL);
      uv_fs_req_cleanup(&dreq);
      if (rc < 0 && rc != UV_EPERM) copy_fail(j, rc, NULL); /* EPERM: as libuv (CIFS) */
      int64_t off = 0;
      while (!j->err && off < (int64_t)st.st_size) {
        size_t n = (size_t)(st.st_size - off);
        rc = uv_fs_sendfile(NULL, &dreq, dst, src, off, n > 0x40000000 ? 0x40000000 : n, NULL);
        uv_fs_req_cleanup(&dreq);
        if (rc < 0) copy_fail(j, rc, NULL);
        else if (rc == 0) break; /* the source shrank meanwhile */
        else off += rc;
      }
    }
  }
  if (dst >= 0) {
    rc = uv_fs_close(NULL, &req, dst, NULL);
    uv_fs_req_cleanup(&req);
    if (!j->err && rc < 0) copy_fail(j, rc, NULL);
  }
  uv_fs_close(NULL, &req, src, NULL);
  uv_fs_req_cleanup(&req);
  return j->err;
}

/* The sandbox's check of a job that opens nothing (or opens through rt_perm_open later):
 * 0 to go on. Deno's kinds: metadata is a read, changing names or modes a write. */
static int perm_check(fs_job *j) {
  switch (j->kind) {
    case J_STAT: case J_REALPATH: case J_READ_DIR: return perm_path(j, RT_PERM_READ, j->path, 1);
    case J_LSTAT: return perm_path(j, RT_PERM_READ, j->path, 0);
    case J_MKDIR: case J_REMOVE: case J_MKDTEMP: return perm_path(j, RT_PERM_WRITE, j->path, 0);
    case J_CHMOD: return perm_path(j, RT_PERM_WRITE, j->path, 1);
    case J_RENAME:
      if (perm_path(j, RT_PERM_READ, j->path, 0) || perm_path(j, RT_PERM_WRITE, j->path, 0)) {
        return j->err;
      }
      return perm_path(j, RT_PERM_WRITE, j->path2, 0);
    default: return 0; /* reads and writes of content: checked at their open */
  }
}

static void run_job(fs_job *j) {
  uv_fs_t req;
  int rc;
  if (j->perms && perm_check(j)) return;
  switch (j->kind) {
    case J_READ_FILE:
    case J_READ_TEXT: do_read_file(j); break;
    case J_WRITE_FILE: do_write_file(j); break;
    case J_STAT:
    case J_LSTAT:
    case J_FSTAT: do_stat(j); break;
    case J_READ_DIR: do_read_dir(j); break;
    case J_MKDIR: do_mkdir(j); break;
    case J_REMOVE: do_remove(j); break;
    case J_RENAME:
      rc = uv_fs_rename(NULL, &req, j->path, j->path2, NULL);
      uv_fs_req_cleanup(&req);
      if (rc < 0) {
        fail(j, rc, "rename");
        j->err_path2 = 1;
      }
      break;
    case J_COPY_FILE:
      do_copy_file(j);
      break;
    case J_CHMOD:
      rc = uv_fs_chmod(NULL, &req, j->path, j->mode, NULL);
      uv_fs_req_cleanup(&req);
      if (rc < 0) fail(j, rc, "chmod");
      break;
    case J_TRUNCATE: {
      /* O_NONBLOCK: a FIFO fails at once (ENXIO, or EINVAL from ftruncate), no wait. */
      int fd = open_checked(j, j->path, O_WRONLY | O_NONBLOCK, 0);
      if (fd == RT_PERM_DENIED) break;
      if (fd < 0) {
        fail(j, fd, "open");
        break;
      }
      rc = uv_fs_ftruncate(NULL, &req, fd, j->offset, NULL);
      uv_fs_req_cleanup(&req);
      if (rc < 0) fail(j, rc, "ftruncate");
      uv_fs_close(NULL, &req, fd, NULL);
      uv_fs_req_cleanup(&req);
      break;
    }
    case J_REALPATH:
      rc = uv_fs_realpath(NULL, &req, j->path, NULL);
      if (rc < 0) {
        fail(j, rc, "realpath");
      } else {
        j->bytes = BYTES_STRDUP(req.ptr);
        j->blen = j->bytes ? strlen(j->bytes) : 0;
        j->rkind = R_STRING;
      }
      uv_fs_req_cleanup(&req);
      break;
    case J_MKDTEMP:
      rc = uv_fs_mkdtemp(NULL, &req, j->path, NULL);
      if (rc < 0) {
        fail(j, rc, "mkdtemp");
      } else {
        j->bytes = BYTES_STRDUP(req.path);
        j->blen = j->bytes ? strlen(j->bytes) : 0;
        j->rkind = R_STRING;
      }
      uv_fs_req_cleanup(&req);
      break;
    case J_OPEN:
      rc = job_open(j, j->path, j->flags, j->mode);
      if (rc >= 0) {
        /* Reads of a FIFO, socket or device wait in poll() first (fs_file.special). */
        j->special = uv_fs_fstat(NULL, &req, rc, NULL) == 0 && !S_ISREG(req.statbuf.st_mode) &&
                     !S_ISDIR(req.statbuf.st_mode);
        uv_fs_req_cleanup(&req);
        j->number = rc;
        j->rkind = R_NUMBER;
      }
      break;
    case J_READ: {
      if (j->dst) { /* sync: into the caller's memory */
        rc = job_read(j, j->fd, j->dst, j->len, j->special);
        if (rc >= 0) j->number = rc, j->rkind = R_NUMBER;
        break;
      }
      char *buf = BYTES_MALLOC(j->len ? j->len : 1);
      if (!buf) {
        fail(j, UV_ENOMEM, "read");
        break;
      }
      rc = job_read(j, j->fd, buf, j->len, j->special);
      if (rc < 0) {
        BYTES_FREE(buf);
      } else {
        j->bytes = buf;
        j->blen = (size_t)rc;
        j->rkind = R_BUFFER;
      }
      break;
    }
    case J_WRITE:
      if (write_all(j, j->fd, j->data, j->len, -1) == 0) {
        j->number = (double)j->len;
        j->rkind = R_NUMBER;
      }
      break;
  }
}

/* ---------------------------------------------------------------- errors */

/* Node's message: "ENOENT: no such file or directory, open '/x'" (rename: 'a' -> 'b'). */
static char *error_message(const fs_job *j, const char **path_out) {
  const char *code = uv_err_name(j->err), *desc = j->desc ? j->desc : uv_strerror(j->err);
  const char *p1 = j->path, *p2 = j->err_path2 ? j->path2 : NULL;
  if (j->kind == J_READ || j->kind == J_WRITE || j->kind == J_FSTAT) p1 = NULL;
  size_t n = strlen(code) + strlen(desc) + strlen(j->syscall) + (p1 ? strlen(p1) : 0) +
             (p2 ? strlen(p2) : 0) + 32;
  char *m = malloc(n);
  if (!m) return NULL;
  if (p1 && p2) snprintf(m, n, "%s: %s, %s '%s' -> '%s'", code, desc, j->syscall, p1, p2);
  else if (p1) snprintf(m, n, "%s: %s, %s '%s'", code, desc, j->syscall, p1);
  else snprintf(m, n, "%s: %s, %s", code, desc, j->syscall);
  *path_out = p1;
  return m;
}

/* ---------------------------------------------------------------- open files */

static void close_fd(uv_file fd) {
  uv_fs_t req;
  uv_fs_close(NULL, &req, fd, NULL);
  uv_fs_req_cleanup(&req);
}

static void file_release(fs_file *f) {
  close_fd(f->fd);
  free(f);
}

/* mrt_resource_close (JS's close) or teardown: now, or when the jobs on it finish. */
static void file_close(mrt_runtime *rt, void *ptr) {
  (void)rt;
  fs_file *f = ptr;
  if (f->busy) f->closing = 1;
  else file_release(f);
}

static const mrt_resource_kind fs_file_kind = {"fsFile", file_close};

/* A new resource for fd: its rid, or -1 (fd closed). */
static int file_add(struct rt_fs *fs, uv_file fd, int special) {
  fs_file *f = calloc(1, sizeof *f);
  int rid = f ? mrt_resource_add(fs->rt, &fs_file_kind, f) : -1;
  if (rid < 0) {
    free(f);
    close_fd(fd);
    return -1;
  }
  f->fd = fd;
  f->special = special;
  return rid;
}

/* J_OPEN's fd becomes a resource (its rid the result). */
static void open_result(fs_job *j) {
  if (j->kind != J_OPEN || j->err) return;
  int rid = file_add(j->fs, (uv_file)j->number, j->special);
  if (rid < 0) fail(j, UV_ENOMEM, "open");
  else j->number = rid;
}

/* A job's outcome as an op result; *msg (malloc'd) is the caller's to free. */
static void job_result(fs_job *j, mrt_result *res, char **msg) {
  memset(res, 0, sizeof *res);
  *msg = NULL;
  if (j->err == RT_PERM_DENIED) {
    *msg = rt_perm_message(j->denied_kind, j->denied);
    res->kind = MRT_RESULT_ERROR;
    res->name = "NotCapable";
    res->message = *msg ? *msg : "Requires more permissions";
  } else if (j->err) {
    const char *path = NULL;
    *msg = error_message(j, &path);
    res->kind = MRT_RESULT_ERROR;
    res->uv_errno = j->err;
    res->syscall = j->syscall;
    res->path = path;
    res->message = *msg;
  } else if (j->rkind == R_NUMBER) {
    res->kind = MRT_RESULT_NUMBER;
    res->number = j->number;
  } else if (j->rkind == R_BUFFER || j->rkind == R_STRING) {
    res->kind = j->rkind == R_BUFFER ? MRT_RESULT_BUFFER : MRT_RESULT_STRING;
    res->bytes = j->bytes ? j->bytes : "";
    res->len = j->blen;
    if (j->bytes) {
      res->free_bytes = bytes_free; /* ownership passes: the Uint8Array adopts it */
      j->bytes = NULL;
    }
  }
}

/* ---------------------------------------------------------------- completion */

static void after_work(fs_job *j, int status) {
  struct rt_fs *fs = j->fs;
  if (j->file && --j->file->busy == 0 && j->file->closing) file_release(j->file);
  j->file = NULL;
  if (status == UV_ECANCELED && !j->err) fail(j, UV_ECANCELED, "work");
  if (fs->dead) { /* the runtime is going: an opened fd is closed, the result dropped */
    if (j->kind == J_OPEN && !j->err) close_fd((uv_file)j->number);
  } else {
    mrt_result res;
    char *msg;
    open_result(j);
    job_result(j, &res, &msg);
    mrt_op_complete(fs->rt, j->id, &res);
    free(msg);
  }
  job_free(j);
}

/* The eventfd that ends pool jobs' waits at teardown; made before the first job runs (workers
 * read it after the hand-over). Without it they look at fs->stopping every 50 ms. */
static void stop_fd_make(struct rt_fs *fs) {
  if (fs->stop_fd < 0) fs->stop_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
}

/* An async job runs on the loop's worker pool (pool.h); its done posts the result. */
static void work_cb(void *data) { run_job(data); }
static void done_cb(void *data, int status) { after_work(data, status); }

static void submit(mrt_op_call *c, fs_job *j) {
  j->id = mrt_op_async_id(c);
  stop_fd_make(j->fs);
  int rc = loop_work_submit(j->fs->loop, work_cb, done_cb, j);
  if (rc < 0) {
    fail(j, rc, "work");
    after_work(j, 0);
  }
}

/* Runs a job on the runtime's thread (a ...Sync op): mrt_terminate ends its waits. */
static void run_sync(fs_job *j) {
  j->sync = 1;
  run_job(j);
}

/* Ends a sync op with its job's outcome: returned or thrown; or, when mrt_terminate ended its
 * wait, the termination lands now (no catch or finally runs, as after any termination). */
static void finish_job(mrt_op_call *c, fs_job *j) {
  if (j->interrupted) {
    shim_terminate_now(mrt_op_runtime(c)->iso);
  } else {
    mrt_result res;
    char *msg;
    open_result(j);
    job_result(j, &res, &msg);
    mrt_op_return_result(c, &res);
    free(msg);
  }
  job_free(j);
}

/* The sync path: runs the job here and returns its result or throws. */
static void finish_sync(mrt_op_call *c, fs_job *j) {
  run_sync(j);
  finish_job(c, j);
}

/* Starts a job: async ops queue it, sync ones run it now. */
static void go(mrt_op_call *c, fs_job *j) {
  if (mrt_op_is_async(c)) submit(c, j);
  else finish_sync(c, j);
}

/* ---------------------------------------------------------------- ops */

#define FS(c) ((struct rt_fs *)mrt_op_data(c))
#define IS_SYNC(c) (!mrt_op_is_async(c))

/* An argument of the wrong type or form. */
static void arg_error(mrt_op_call *c, const char *msg) {
  rt_op_error(c, "TypeError", "ERR_INVALID_ARG_TYPE", msg);
}

/* A number out of its range. */
static void range_error(mrt_op_call *c, const char *msg) {
  rt_op_error(c, "RangeError", "ERR_OUT_OF_RANGE", msg);
}

/* A mode argument: an integer 0..07777 (fs.js checks first, with the value in the message);
 * -1 after reporting. Never cast NaN or a huge double to int. */
static int arg_mode(mrt_op_call *c, int i) {
  double m = mrt_op_arg_number(c, i);
  if (!(m >= 0 && m <= 07777) || m != (double)(int)m) {
    range_error(c, "The value of \"mode\" is out of range. It must be an integer >= 0 && <= 4095");
    return -1;
  }
  return (int)m;
}

static void oom(mrt_op_call *c) {
  /* Sync: a RangeError "out of memory"; async: Node's "ENOMEM: not enough memory". */
  mrt_result res = {.kind = MRT_RESULT_ERROR, .uv_errno = UV_ENOMEM};
  if (IS_SYNC(c)) res.name = "RangeError", res.message = "out of memory";
  mrt_op_return_result(c, &res);
}

/* A job with the path from argument 0. */
static fs_job *path_job(mrt_op_call *c, int kind) {
  size_t n = 0;
  const char *p = mrt_op_arg_string(c, 0, &n);
  if (!p) {
    arg_error(c, "The \"path\" argument must be a string");
    return NULL;
  }
  if (memchr(p, '\0', n)) {
    arg_error(c, "The \"path\" argument must not contain null bytes");
    return NULL;
  }
  fs_job *j = job_new(FS(c), kind);
  if (!j || job_set_path(j, p, n) != 0) {
    if (j) job_free(j);
    oom(c);
    return NULL;
  }
  return j;
}

static void op_read_file(mrt_op_call *c) {
  fs_job *j = path_job(c, J_READ_FILE);
  if (j) go(c, j);
}

static void op_read_text(mrt_op_call *c) {
  fs_job *j = path_job(c, J_READ_TEXT);
  if (j) go(c, j);
}

/* (path, data, flags, mode): flags are O_* bits chosen by fs.js. */
static void op_write_file(mrt_op_call *c) {
  void *data;
  size_t len;
  if (mrt_op_arg_type(c, 1) == MRT_TYPE_STRING) { /* writeTextFile: UTF-8 */
    data = (void *)mrt_op_arg_string(c, 1, &len);
    if (!data) return;
  } else if (mrt_op_arg_buffer(c, 1, &data, &len) != MRT_OK) {
    arg_error(c, "The \"data\" argument must be a string or a Uint8Array");
    return;
  }
  int mode = arg_mode(c, 3);
  if (mode < 0) return;
  fs_job *j = path_job(c, J_WRITE_FILE);
  if (!j) return;
  j->flags = (int)mrt_op_arg_number(c, 2);
  j->mode = mode;
  if (IS_SYNC(c)) {
    /* Sync: the caller's memory is valid for the whole call, no copy. */
    j->data = data;
    j->len = len;
    run_sync(j);
    j->data = NULL;
    finish_job(c, j);
    return;
  }
  j->data = malloc(len ? len : 1);
  if (!j->data) {
    job_free(j);
    oom(c);
    return;
  }
  if (len) memcpy(j->data, data, len);
  j->len = len;
  go(c, j);
}

static void op_stat(mrt_op_call *c) {
  fs_job *j = path_job(c, mrt_op_arg_boolean(c, 1) ? J_LSTAT : J_STAT);
  if (j) go(c, j);
}

static void op_read_dir(mrt_op_call *c) {
  fs_job *j = path_job(c, J_READ_DIR);
  if (j) go(c, j);
}

static void op_mkdir(mrt_op_call *c) {
  int mode = arg_mode(c, 2);
  if (mode < 0) return;
  fs_job *j = path_job(c, J_MKDIR);
  if (!j) return;
  j->recursive = mrt_op_arg_boolean(c, 1);
  j->mode = mode;
  go(c, j);
}

static void op_remove(mrt_op_call *c) {
  fs_job *j = path_job(c, J_REMOVE);
  if (!j) return;
  j->recursive = mrt_op_arg_boolean(c, 1);
  go(c, j);
}

static void op_rename_or_copy(mrt_op_call *c, int kind) {
  size_t n = 0;
  const char *to = mrt_op_arg_string(c, 1, &n);
  if (to && memchr(to, '\0', n)) {
    arg_error(c, "The \"path\" argument must not contain null bytes");
    return;
  }
  fs_job *j = path_job(c, kind);
  if (!j) return;
  if (!to || !(j->path2 = strndup(to, n))) {
    job_free(j);
    oom(c);
    return;
  }
  go(c, j);
}

static void op_rename(mrt_op_call *c) { op_rename_or_copy(c, J_RENAME); }
static void op_copy_file(mrt_op_call *c) { op_rename_or_copy(c, J_COPY_FILE); }

static void op_chmod(mrt_op_call *c) {
  int mode = arg_mode(c, 1);
  if (mode < 0) return;
  fs_job *j = path_job(c, J_CHMOD);
  if (!j) return;
  j->mode = mode;
  go(c, j);
}

static void op_truncate(mrt_op_call *c) {
  double len = mrt_op_arg_number(c, 1);
  if (!(len >= 0 && len <= 9007199254740991.0)) { /* also NaN: before the cast */
    range_error(c, "The value of \"len\" is out of range. It must be an integer >= 0");
    return;
  }
  fs_job *j = path_job(c, J_TRUNCATE);
  if (!j) return;
  j->offset = (int64_t)len;
  go(c, j);
}

static void op_realpath(mrt_op_call *c) {
  fs_job *j = path_job(c, J_REALPATH);
  if (j) go(c, j);
}

/* (template ending in XXXXXX) */
static void op_mkdtemp(mrt_op_call *c) {
  fs_job *j = path_job(c, J_MKDTEMP);
  if (j) go(c, j);
}

/* (path, flags, mode) -> rid */
static void op_open(mrt_op_call *c) {
  int mode = arg_mode(c, 2);
  if (mode < 0) return;
  fs_job *j = path_job(c, J_OPEN);
  if (!j) return;
  j->flags = (int)mrt_op_arg_number(c, 1);
  j->mode = mode;
  go(c, j);
}

static void bad_rid(mrt_op_call *c) {
  mrt_result res = {.kind = MRT_RESULT_ERROR, .code = "EBADF", .message = "Bad resource ID"};
  mrt_op_return_result(c, &res);
}

/* A job on an open file (argument 0: rid); counts as busy until it finishes. */
static fs_job *file_job(mrt_op_call *c, int kind) {
  struct rt_fs *fs = FS(c);
  fs_file *f = mrt_resource_get(fs->rt, mrt_op_arg_number(c, 0), &fs_file_kind);
  if (!f) {
    bad_rid(c);
    return NULL;
  }
  fs_job *j = job_new(fs, kind);
  if (!j) {
    oom(c);
    return NULL;
  }
  j->fd = f->fd;
  j->special = f->special;
  if (!IS_SYNC(c)) {
    j->file = f;
    f->busy++;
  }
  return j;
}

/* async (rid, len) -> Uint8Array (empty at EOF); sync (rid, u8) -> n (0 at EOF). */
static void op_read(mrt_op_call *c) {
  if (IS_SYNC(c)) {
    void *data;
    size_t len;
    if (mrt_op_arg_buffer(c, 1, &data, &len) != MRT_OK) {
      arg_error(c, "The \"buffer\" argument must be a Uint8Array");
      return;
    }
    fs_job *j = file_job(c, J_READ);
    if (!j) return;
    j->dst = data;
    j->len = len > 0x40000000 ? 0x40000000 : len;
    finish_sync(c, j);
    return;
  }
  fs_job *j = file_job(c, J_READ);
  if (!j) return;
  double len = mrt_op_arg_number(c, 1);
  j->len = len == len && len > 0 ? (len > 0x40000000 ? 0x40000000 : (size_t)len) : 0;
  submit(c, j);
}

/* (rid, u8) -> bytes written (all of them) */
static void op_write(mrt_op_call *c) {
  void *data;
  size_t len;
  if (mrt_op_arg_buffer(c, 1, &data, &len) != MRT_OK) {
    arg_error(c, "The \"data\" argument must be a Uint8Array");
    return;
  }
  fs_job *j = file_job(c, J_WRITE);
  if (!j) return;
  j->len = len;
  if (IS_SYNC(c)) {
    j->data = data;
    run_sync(j);
    j->data = NULL;
    j->rkind = R_NUMBER;
    j->number = (double)len;
    finish_job(c, j);
    return;
  }
  j->data = malloc(len ? len : 1);
  if (!j->data) {
    j->file->busy--;
    j->file = NULL;
    job_free(j);
    oom(c);
    return;
  }
  if (len) memcpy(j->data, data, len);
  submit(c, j);
}

static void op_fstat(mrt_op_call *c) {
  fs_job *j = file_job(c, J_FSTAT);
  if (j) go(c, j);
}

/* sync (rid, offset, whence) -> new position */
static void op_seek(mrt_op_call *c) {
  fs_file *f = mrt_resource_get(FS(c)->rt, mrt_op_arg_number(c, 0), &fs_file_kind);
  if (!f) {
    bad_rid(c);
    return;
  }
  double off = mrt_op_arg_number(c, 1);
  double whence = mrt_op_arg_number(c, 2);
  if (!(off >= -9007199254740991.0 && off <= 9007199254740991.0) ||
      !(whence == SEEK_SET || whence == SEEK_CUR || whence == SEEK_END)) {
    range_error(c, "Invalid seek offset or mode"); /* fs.js says which; before the casts */
    return;
  }
  off_t pos = lseek(f->fd, (off_t)off, (int)whence);
  if (pos < 0) {
    mrt_result res = {.kind = MRT_RESULT_ERROR, .uv_errno = uv_translate_sys_error(errno),
                      .syscall = "lseek"};
    mrt_op_return_result(c, &res);
    return;
  }
  mrt_op_return_number(c, (double)pos);
}

/* sync (rid): closes now, or when the jobs in flight on it finish. */
static void op_close(mrt_op_call *c) {
  if (mrt_resource_close(FS(c)->rt, mrt_op_arg_number(c, 0), &fs_file_kind) != MRT_OK) bad_rid(c);
}

/* The platform's open(2) flags for fs.js: "RDONLY WRONLY RDWR CREAT EXCL TRUNC APPEND". */
static void op_flags(mrt_op_call *c) {
  char buf[128];
  int n = snprintf(buf, sizeof buf, "%d %d %d %d %d %d %d", O_RDONLY, O_WRONLY, O_RDWR, O_CREAT,
                   O_EXCL, O_TRUNC, O_APPEND);
  mrt_op_return_string(c, buf, (size_t)n);
}

static const mrt_op_decl fs_ops[] = {
    {.name = "fsReadFile", .fn = op_read_file, .async = 1},
    {.name = "fsReadFileSync", .fn = op_read_file},
    {.name = "fsReadTextFile", .fn = op_read_text, .async = 1},
    {.name = "fsReadTextFileSync", .fn = op_read_text},
    {.name = "fsWriteFile", .fn = op_write_file, .async = 1},
    {.name = "fsWriteFileSync", .fn = op_write_file},
    {.name = "fsStat", .fn = op_stat, .async = 1},
    {.name = "fsStatSync", .fn = op_stat},
    {.name = "fsReadDir", .fn = op_read_dir, .async = 1},
    {.name = "fsReadDirSync", .fn = op_read_dir},
    {.name = "fsMkdir", .fn = op_mkdir, .async = 1},
    {.name = "fsMkdirSync", .fn = op_mkdir},
    {.name = "fsRemove", .fn = op_remove, .async = 1},
    {.name = "fsRemoveSync", .fn = op_remove},
    {.name = "fsRename", .fn = op_rename, .async = 1},
    {.name = "fsRenameSync", .fn = op_rename},
    {.name = "fsCopyFile", .fn = op_copy_file, .async = 1},
    {.name = "fsCopyFileSync", .fn = op_copy_file},
    {.name = "fsChmod", .fn = op_chmod, .async = 1},
    {.name = "fsChmodSync", .fn = op_chmod},
    {.name = "fsTruncate", .fn = op_truncate, .async = 1},
    {.name = "fsTruncateSync", .fn = op_truncate},
    {.name = "fsRealPath", .fn = op_realpath, .async = 1},
    {.name = "fsRealPathSync", .fn = op_realpath},
    {.name = "fsMakeTempDir", .fn = op_mkdtemp, .async = 1},
    {.name = "fsMakeTempDirSync", .fn = op_mkdtemp},
    {.name = "fsOpen", .fn = op_open, .async = 1},
    {.name = "fsOpenSync", .fn = op_open},
    {.name = "fsRead", .fn = op_read, .async = 1},
    {.name = "fsReadSync", .fn = op_read},
    {.name = "fsWrite", .fn = op_write, .async = 1},
    {.name = "fsWriteSync", .fn = op_write},
    {.name = "fsFstat", .fn = op_fstat, .async = 1},
    {.name = "fsFstatSync", .fn = op_fstat},
    {.name = "fsSeekSync", .fn = op_seek},
    {.name = "fsClose", .fn = op_close},
    {.name = "fsFlags", .fn = op_flags},
};

int rt_fs_init(mrt_runtime *rt, void **state) {
  struct rt_fs *fs = calloc(1, sizeof *fs);
  if (!fs) return MRT_ENOMEM;
  fs->rt = rt;
  fs->loop = rt->loop;
  fs->stop_fd = -1;
  *state = fs; /* freed by rt_fs_free even if a registration below fails */
  for (size_t i = 0; i < sizeof fs_ops / sizeof fs_ops[0]; i++) {
    mrt_op_decl d = fs_ops[i];
    d.data = fs; /* the ops' state: mrt_op_data */
    int rc = rt_register_builtin(rt, &d);
    if (rc) return rc;
  }
  return MRT_OK;
}

/* Before the isolate goes: results of jobs still in the pool will be dropped (their done
 * runs inside loop_free); open files are closed with every other resource right after. */
void rt_fs_close(mrt_runtime *rt, void *state) {
  struct rt_fs *fs = state;
  (void)rt;
  if (!fs) return;
  fs->dead = 1;
  /* Jobs waiting on a FIFO or a device end now (ECANCELED, dropped). */
  atomic_store(&fs->stopping, 1);
  if (fs->stop_fd >= 0) {
    uint64_t one = 1;
    ssize_t n = write(fs->stop_fd, &one, sizeof one);
    (void)n;
  }
}

/* After loop_free: every job has finished. */
void rt_fs_free(mrt_runtime *rt, void *state) {
  struct rt_fs *fs = state;
  (void)rt;
  if (!fs) return;
  while (fs->free_jobs) {
    fs_job *j = fs->free_jobs;
    fs->free_jobs = j->next_free;
    free(j);
  }
  if (fs->stop_fd >= 0) close(fs->stop_fd);
  free(fs);
}
