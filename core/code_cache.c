/* code_cache.c: the on-disk V8 code cache (mrt_options.cache_dir): keys, the entry header,
 * reading and checking entries, atomic writes. See code_cache.h for the format.
 *
 * Reading: one open() per compile; a missing entry is a miss. An entry is read whole and
 * handed to V8 only when every header field matches (magic, format, the current
 * CachedDataVersionTag, kind, source length and hash, key, payload length and checksum, the
 * header's own checksum); otherwise it is INVALID and rewritten like a miss.
 *
 * Writing: after the code ran (shim_code_cache.produce), the entry goes to
 * DIR/<key>.tmp.<pid>.<n>, then is renamed over DIR/<key>, so readers see a whole entry or
 * none. DIR is created (mkdir -p) the first time a write finds it missing. The first failed
 * write turns writing off for the runtime (no more caches are made); errors are never
 * printed, only counted (mrt_startup_times.cache_write_errors, cache_error). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "code_cache.h"
#include "runtime_internal.h"
#include "shim_module.h"

/* Entries larger than this are not read (V8 takes at most INT_MAX bytes anyway). */
#define MAX_ENTRY ((size_t)1 << 30)
#define KEY_HEX 32

typedef struct pending_module {
  int id;
  rt_cache_key key;
} pending_module;

typedef struct rt_cache {
  char *dir;
  uint32_t tag;
  int no_write; /* a write failed: make no more caches */
  int last;     /* MRT_CACHE_* of the last script */
  uint64_t last_read_ns, write_ns;
  unsigned hits, misses, rejected, invalid, writes, write_errors;
  int error;
  pending_module *pending; /* modules compiled without the cache, waiting to have run */
  size_t npending, cap_pending;
} rt_cache;

/* ---------------------------------------------------------------- XXH64 */

#define P1 11400714785074694791ull
#define P2 14029467366897019727ull
#define P3 1609587929392839161ull
#define P4 9650029242287828579ull
#define P5 2870177450012600261ull

static inline uint64_t rotl64(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }
static inline uint64_t rd64(const unsigned char *p) {
  uint64_t v;
  memcpy(&v, p, 8);
  return v;
}
static inline uint32_t rd32(const unsigned char *p) {
  uint32_t v;
  memcpy(&v, p, 4);
  return v;
}
static inline uint64_t xround(uint64_t acc, uint64_t in) {
  acc += in * P2;
  return rotl64(acc, 31) * P1;
}
static inline uint64_t xmerge(uint64_t h, uint64_t v) {
  h ^= xround(0, v);
  return h * P1 + P4;
}

uint64_t rt_cache_hash64(const void *data, size_t len, uint64_t seed) {
  const unsigned char *p = data, *end = p + len;
  uint64_t h;
  if (len >= 32) {
    const unsigned char *limit = end - 32;
    uint64_t v1 = seed + P1 + P2, v2 = seed + P2, v3 = seed, v4 = seed - P1;
    do {
      v1 = xround(v1, rd64(p));
      v2 = xround(v2, rd64(p + 8));
      v3 = xround(v3, rd64(p + 16));
      v4 = xround(v4, rd64(p + 24));
      p += 32;
    } while (p <= limit);
    h = rotl64(v1, 1) + rotl64(v2, 7) + rotl64(v3, 12) + rotl64(v4, 18);
    h = xmerge(h, v1);
    h = xmerge(h, v2);
    h = xmerge(h, v3);
    h = xmerge(h, v4);
  } else {
    h = seed + P5;
  }
  h += (uint64_t)len;
  for (; p + 8 <= end; p += 8) h = rotl64(h ^ xround(0, rd64(p)), 27) * P1 + P4;
  if (p + 4 <= end) {
    h = rotl64(h ^ ((uint64_t)rd32(p) * P1), 23) * P2 + P3;
    p += 4;
  }
  for (; p < end; p++) h = rotl64(h ^ (*p * P5), 11) * P1;
  h ^= h >> 33;
  h *= P2;
  h ^= h >> 29;
  h *= P3;
  h ^= h >> 32;
  return h;
}

/* ---------------------------------------------------------------- keys and headers */

static void make_key(rt_cache *C, int kind, const char *name, const char *src, size_t len,
                     rt_cache_key *k) {
  memset(k, 0, sizeof *k);
  k->source_hash = rt_cache_hash64(src, len, 0);
  k->source_len = len;
  k->tag = C->tag;
  k->kind = (uint32_t)kind;
  /* kind, tag, length, then "<V8 version> <mrt version>\0name". */
  char version[128];
  snprintf(version, sizeof version, "%s %s", shim_v8_version(), MRT_VERSION_STRING);
  if (!name) name = "";
  size_t nv = strlen(version) + 1, nn = strlen(name);
  char fixed[512], *buf = fixed;
  size_t total = 16 + nv + nn;
  if (total > sizeof fixed && !(buf = malloc(total))) buf = NULL;
  if (buf) {
    uint32_t head[2] = {k->kind, k->tag};
    uint64_t n64 = len;
    memcpy(buf, head, 8);
    memcpy(buf + 8, &n64, 8);
    memcpy(buf + 16, version, nv);
    memcpy(buf + 16 + nv, name, nn);
    k->meta_hash = rt_cache_hash64(buf, total, RT_CACHE_SEED_META);
    if (buf != fixed) free(buf);
  } else { /* out of memory: a key that can't match a real one */
    k->meta_hash = 0;
  }
}

static uint64_t header_hash(const rt_cache_header *h) {
  return rt_cache_hash64(h, offsetof(rt_cache_header, header_hash), RT_CACHE_SEED_HEADER);
}

void rt_cache_header_make(rt_cache_header *h, const rt_cache_key *k, const void *payload,
                          size_t len) {
  memset(h, 0, sizeof *h);
  h->magic = RT_CACHE_MAGIC;
  h->format = RT_CACHE_FORMAT;
  h->tag = k->tag;
  h->kind = k->kind;
  h->source_len = k->source_len;
  h->source_hash = k->source_hash;
  h->meta_hash = k->meta_hash;
  h->payload_len = len;
  h->payload_hash = rt_cache_hash64(payload, len, RT_CACHE_SEED_PAYLOAD);
  h->header_hash = header_hash(h);
}

static int header_ok(const rt_cache_header *h, const rt_cache_key *k, size_t file_size) {
  return h->magic == RT_CACHE_MAGIC && h->format == RT_CACHE_FORMAT &&
         h->header_hash == header_hash(h) && h->tag == k->tag && h->kind == k->kind &&
         h->source_len == k->source_len && h->source_hash == k->source_hash &&
         h->meta_hash == k->meta_hash && h->payload_len == file_size - sizeof *h &&
         h->payload_len > 0 && h->payload_len <= INT_MAX &&
         h->payload_hash == rt_cache_hash64(h + 1, h->payload_len, RT_CACHE_SEED_PAYLOAD);
}

/* DIR/<key><suffix>, malloc'd. */
static char *entry_path(rt_cache *C, const rt_cache_key *k, const char *suffix) {
  size_t n = strlen(C->dir) + 1 + KEY_HEX + strlen(suffix) + 1;
  char *p = malloc(n);
  if (p) {
    snprintf(p, n, "%s/%016llx%016llx%s", C->dir, (unsigned long long)k->source_hash,
             (unsigned long long)k->meta_hash, suffix);
  }
  return p;
}

/* ---------------------------------------------------------------- reading */

/* Fills *key; when a valid entry exists, cc->data/len point into *buf (malloc'd). Returns
 * MRT_CACHE_HIT (an entry for V8 to take), MRT_CACHE_MISS or MRT_CACHE_INVALID. */
static int lookup(rt_cache *C, int kind, const char *name, const char *src, size_t len,
                  rt_cache_key *key, shim_code_cache *cc, void **buf) {
  *buf = NULL;
  make_key(C, kind, name, src, len, key);
  char *path = entry_path(C, key, "");
  if (!path) return MRT_CACHE_MISS;
  int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK); /* a FIFO must not block: refused */
  free(path);
  if (fd < 0) {
    if (errno != ENOENT && errno != ENOTDIR) C->error = errno;
    return MRT_CACHE_MISS;
  }
  int found = MRT_CACHE_INVALID;
  struct stat st;
  unsigned char *data = NULL;
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size > sizeof(rt_cache_header) &&
      (size_t)st.st_size <= MAX_ENTRY && (data = malloc((size_t)st.st_size))) {
    size_t size = (size_t)st.st_size, got = 0;
    while (got < size) {
      ssize_t r = read(fd, data + got, size - got);
      if (r < 0 && errno == EINTR) continue;
      if (r <= 0) break;
      got += (size_t)r;
    }
    if (got == size && header_ok((const rt_cache_header *)data, key, size)) {
      cc->data = data + sizeof(rt_cache_header); /* 64 bytes in: aligned as V8 wants */
      cc->len = size - sizeof(rt_cache_header);
      *buf = data;
      data = NULL;
      found = MRT_CACHE_HIT;
    }
  }
  free(data);
  close(fd);
  return found;
}

/* Counts a compile: what the look-up found and what V8 made of it. A compile error counts
 * as nothing (the CLI's auto mode tries a module as a classic script first). */
static int count(rt_cache *C, int found, const shim_code_cache *cc) {
  if (!cc->compiled) return MRT_CACHE_OFF;
  if (found == MRT_CACHE_HIT) {
    if (cc->result == SHIM_CACHE_HIT) {
      C->hits++;
      return MRT_CACHE_HIT;
    }
    if (cc->result == SHIM_CACHE_REJECTED) {
      C->rejected++;
      return MRT_CACHE_REJECTED;
    }
    found = MRT_CACHE_MISS;
  }
  if (found == MRT_CACHE_INVALID) C->invalid++;
  else C->misses++;
  return found;
}

/* ---------------------------------------------------------------- writing */

/* mkdir -p. 0 when dir is a directory at the end. */
static int make_dirs(const char *dir) {
  char *p = strdup(dir);
  if (!p) return -1;
  for (char *s = p + 1; *s; s++) {
    if (*s != '/') continue;
    *s = '\0';
    if (mkdir(p, 0777) != 0 && errno != EEXIST) {
      free(p);
      return -1;
    }
    *s = '/';
  }
  int rc = mkdir(p, 0777) == 0 || errno == EEXIST ? 0 : -1;
  free(p);
  struct stat st;
  if (rc == 0 && stat(dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
    errno = ENOTDIR;
    rc = -1;
  }
  return rc;
}

static int write_all(int fd, const void *data, size_t len) {
  const char *p = data;
  while (len) {
    ssize_t w = write(fd, p, len);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) {
      if (w == 0) errno = EIO;
      return -1;
    }
    p += w;
    len -= (size_t)w;
  }
  return 0;
}

static void store(rt_cache *C, const rt_cache_key *k, const void *data, size_t len) {
  static atomic_uint serial; /* temporary names are unique among the process's runtimes */
  uint64_t t0 = uv_hrtime();
  rt_cache_header h;
  rt_cache_header_make(&h, k, data, len);
  char suffix[64];
  snprintf(suffix, sizeof suffix, ".tmp.%ld.%u", (long)getpid(),
           atomic_fetch_add(&serial, 1));
  char *path = entry_path(C, k, ""), *tmp = entry_path(C, k, suffix);
  int fd = -1, err = ENOMEM;
  if (path && tmp) {
    fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0 && errno == ENOENT && make_dirs(C->dir) == 0) {
      fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    }
    err = errno;
  }
  if (fd >= 0) {
    int ok = write_all(fd, &h, sizeof h) == 0 && write_all(fd, data, len) == 0;
    err = errno;
    if (close(fd) != 0 && ok) {
      ok = 0;
      err = errno;
    }
    if (ok && rename(tmp, path) == 0) {
      C->writes++;
      err = 0;
    } else {
      if (ok) err = errno;
      unlink(tmp);
    }
  }
  if (err) {
    C->write_errors++;
    C->error = err;
    C->no_write = 1;
  }
  free(path);
  free(tmp);
  C->write_ns += uv_hrtime() - t0;
}

/* Stores the cache the shim made (if any) and releases it. */
static void store_output(rt_cache *C, const rt_cache_key *k, shim_code_cache *cc) {
  C->write_ns += cc->produce_ns;
  if (cc->out && !C->no_write) store(C, k, cc->out, cc->out_len);
  shim_code_cache_release(cc);
}

/* ---------------------------------------------------------------- the runtime's side */

int rt_cache_init(mrt_runtime *rt) {
  rt->cache = NULL;
  const char *dir = rt->opts.cache_dir;
  if (!dir || !*dir) return MRT_OK;
  rt_cache *C = calloc(1, sizeof *C);
  if (!C) return MRT_ENOMEM;
  size_t n = strlen(dir);
  while (n > 1 && dir[n - 1] == '/') n--; /* "dir/" -> "dir" */
  C->dir = malloc(n + 1);
  if (!C->dir) {
    free(C);
    return MRT_ENOMEM;
  }
  memcpy(C->dir, dir, n);
  C->dir[n] = '\0';
  C->tag = shim_code_cache_tag();
  rt->cache = C;
  return MRT_OK;
}

void rt_cache_free(mrt_runtime *rt) {
  rt_cache *C = rt->cache;
  if (!C) return;
  free(C->pending);
  free(C->dir);
  free(C);
  rt->cache = NULL;
}

int rt_cache_run_script(mrt_runtime *rt, const char *name, const char *src, size_t len,
                        shim_global **out, shim_exception *exc) {
  rt_cache *C = rt->cache;
  uint64_t t0 = uv_hrtime();
  rt_cache_key key;
  void *buf;
  shim_code_cache cc = {0};
  int found = lookup(C, RT_CACHE_SCRIPT, name, src, len, &key, &cc, &buf);
  cc.produce = !C->no_write;
  C->last_read_ns = uv_hrtime() - t0;
  int rc = shim_run_script_cached(rt->iso, name, src, len, &cc, out, exc);
  free(buf);
  C->last = count(C, found, &cc);
  store_output(C, &key, &cc);
  return rc;
}

int rt_cache_function_compile(mrt_runtime *rt, const char *name, const char *src, size_t len,
                              const char *const *params, int nparams, int is_main,
                              shim_global **out, rt_cache_key *key, int *write,
                              shim_exception *exc) {
  rt_cache *C = rt->cache;
  uint64_t t0 = uv_hrtime();
  void *buf;
  shim_code_cache cc = {0};
  int found = lookup(C, RT_CACHE_FUNCTION, name, src, len, key, &cc, &buf);
  if (is_main) C->last_read_ns = uv_hrtime() - t0;
  int rc = shim_compile_function(rt->iso, name, src, len, params, nparams, &cc, out, exc);
  free(buf);
  int state = count(C, found, &cc);
  if (is_main) C->last = state;
  *write = rc == 0 && state != MRT_CACHE_HIT && !C->no_write;
  return rc;
}

void rt_cache_function_ran(mrt_runtime *rt, const rt_cache_key *key, const shim_global *fn) {
  rt_cache *C = rt->cache;
  shim_code_cache cc = {.produce = 1};
  shim_function_code_cache(rt->iso, fn, &cc);
  store_output(C, key, &cc);
}

int rt_cache_module_compile(mrt_runtime *rt, int id, const char *url, const char *src,
                            size_t len, struct shim_module_request **reqs, size_t *nreqs,
                            shim_exception *exc) {
  rt_cache *C = rt->cache;
  rt_cache_key key;
  void *buf;
  shim_code_cache cc = {0};
  int found = lookup(C, RT_CACHE_MODULE, url, src, len, &key, &cc, &buf);
  int rc = shim_module_compile_cached(rt->iso, id, url, src, len, &cc, reqs, nreqs, exc);
  free(buf);
  int state = count(C, found, &cc);
  if (rc != 0 || state == MRT_CACHE_HIT || C->no_write) return rc;
  /* To write once it has run; a module compiled again under the same id replaces it. */
  size_t i = 0;
  while (i < C->npending && C->pending[i].id != id) i++;
  if (i == C->npending) {
    if (C->npending == C->cap_pending) {
      size_t cap = C->cap_pending ? C->cap_pending * 2 : 16;
      pending_module *p = realloc(C->pending, cap * sizeof *p);
      if (!p) return rc;
      C->pending = p;
      C->cap_pending = cap;
    }
    C->npending++;
  }
  C->pending[i].id = id;
  C->pending[i].key = key;
  return rc;
}

void rt_cache_modules_ran(mrt_runtime *rt) {
  rt_cache *C = rt->cache;
  if (!C || !C->npending) return;
  for (size_t i = C->npending; i-- > 0;) {
    pending_module p = C->pending[i];
    int st = shim_module_status(rt->iso, p.id);
    if (st != SHIM_MOD_NONE && st != SHIM_MOD_ERRORED && st < SHIM_MOD_EVALUATING) continue;
    C->pending[i] = C->pending[--C->npending];
    if (st == SHIM_MOD_NONE || st == SHIM_MOD_ERRORED || C->no_write) continue;
    shim_code_cache cc = {0};
    shim_module_code_cache(rt->iso, p.id, &cc);
    store_output(C, &p.key, &cc);
  }
}

int rt_cache_transform_get(mrt_runtime *rt, const char *name, const char *src, size_t len,
                           char **out, size_t *out_len) {
  rt_cache *C = rt->cache;
  rt_cache_key key;
  void *buf;
  shim_code_cache cc = {0};
  *out = NULL;
  if (lookup(C, RT_CACHE_TRANSFORM, name, src, len, &key, &cc, &buf) != MRT_CACHE_HIT) {
    free(buf);
    return 0;
  }
  char *copy = malloc(cc.len + 1);
  if (copy) {
    memcpy(copy, cc.data, cc.len);
    copy[cc.len] = '\0';
    *out = copy;
    *out_len = cc.len;
  }
  free(buf);
  return copy != NULL;
}

void rt_cache_transform_put(mrt_runtime *rt, const char *name, const char *src, size_t len,
                            const char *out, size_t out_len) {
  rt_cache *C = rt->cache;
  if (C->no_write || out_len == 0) return; /* an empty payload is refused as invalid */
  rt_cache_key key;
  make_key(C, RT_CACHE_TRANSFORM, name, src, len, &key);
  store(C, &key, out, out_len);
}

void rt_cache_times(mrt_runtime *rt, mrt_startup_times *out) {
  rt_cache *C = rt->cache;
  if (!C) return;
  out->cache = C->last;
  out->cache_read_ns = C->last_read_ns;
  if (C->last) out->compile_ns += C->last_read_ns;
  out->cache_write_ns = C->write_ns;
  out->cache_hits = C->hits;
  out->cache_misses = C->misses;
  out->cache_rejected = C->rejected;
  out->cache_invalid = C->invalid;
  out->cache_writes = C->writes;
  out->cache_write_errors = C->write_errors;
  out->cache_error = C->error;
}
