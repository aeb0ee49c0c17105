/* snapshot_embedder.c: the embedder's startup snapshots (mrt_snapshot_create). A blob is
 *   "MRTSNAP1" | u32 signature length | signature | padding to 8 | u64 checksum | V8 blob
 * The signature names what the V8 part needs to be read back safely: mrt's version, V8's,
 * whether the runtime is bare, and each extension with its ops in order (a restored
 * function calls its op by index). The checksum covers the V8 part: V8 itself would crash on
 * a damaged one. Any mismatch is an MRT_EINVAL that says what differs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime_internal.h"

#define MAGIC "MRTSNAP1"
#define MAGIC_LEN 8

/* 64-bit FNV-1a over 8-byte words (then the tail): a few GB/s, enough for a corrupted file. */
static uint64_t checksum(const unsigned char *p, size_t n) {
  uint64_t h = 0xcbf29ce484222325ull;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    memcpy(&w, p + i, 8);
    h = (h ^ w) * 0x100000001b3ull;
  }
  for (; i < n; i++) h = (h ^ p[i]) * 0x100000001b3ull;
  return h;
}

/* The signature of a runtime made from opts: one line per fact. malloc'd, NULL if no memory. */
static char *signature(const mrt_options *o, size_t *len) {
  size_t cap = 256;
  for (size_t i = 0; i < o->nextensions; i++) {
    const mrt_extension *e = &o->extensions[i];
    cap += strlen(e->name) + 16;
    for (size_t k = 0; k < e->nops; k++) cap += strlen(e->ops[k].name) + 8;
  }
  char *s = malloc(cap);
  if (!s) return NULL;
  size_t n = (size_t)snprintf(s, cap, "mrt %s\nv8 %s\nbare %d\n", MRT_VERSION_STRING,
                              shim_v8_version(), (o->flags & MRT_RUNTIME_BARE) != 0);
  for (size_t i = 0; i < o->nextensions; i++) {
    const mrt_extension *e = &o->extensions[i];
    n += (size_t)snprintf(s + n, cap - n, "extension %s:", e->name);
    for (size_t k = 0; k < e->nops; k++) {
      /* async "*", fast path in the snapshot "!" (an external reference each) */
      n += (size_t)snprintf(s + n, cap - n, " %s%s%s", e->ops[k].name, e->ops[k].async ? "*" : "",
                            rt_ext_fast_in_snapshot(&e->ops[k]) ? "!" : "");
    }
    n += (size_t)snprintf(s + n, cap - n, "\n");
  }
  *len = n;
  return s;
}

static size_t pad8(size_t n) { return (n + 7) & ~(size_t)7; }

int mrt_snapshot_create(const mrt_options *opts, const char *setup_js, size_t len,
                        uint8_t **blob, size_t *blob_len) {
  rt_creation_error(MRT_OK, "");
  if (!blob || !blob_len) {
    return rt_creation_error(MRT_EINVAL, "mrt_snapshot_create: blob and blob_len are required");
  }
  *blob = NULL;
  *blob_len = 0;
  if (!setup_js && len) {
    return rt_creation_error(MRT_EINVAL, "mrt_snapshot_create: setup_js is NULL, len %zu", len);
  }
  mrt_options o;
  mrt_options_init(&o);
  if (opts) o = *opts;
  if (o.snapshot || o.snapshot_len) {
    return rt_creation_error(MRT_EINVAL, "mrt_snapshot_create: a snapshot is made from the "
                                         "built-in start, not from another snapshot");
  }
  int rc = rt_check_options(&o);
  if (rc) return rc;
  size_t sig_len = 0;
  char *sig = signature(&o, &sig_len);
  if (!sig) return rt_creation_error(MRT_ENOMEM, "out of memory");
  char *v8 = NULL;
  size_t v8_len = 0;
  rc = rt_snapshot_make(&o, setup_js, len, &v8, &v8_len);
  if (rc) {
    free(sig);
    return rc;
  }
  size_t head = pad8(MAGIC_LEN + 4 + sig_len) + 8;
  uint8_t *out = malloc(head + v8_len);
  if (!out) {
    free(sig);
    free(v8);
    return rt_creation_error(MRT_ENOMEM, "out of memory");
  }
  memset(out, 0, head);
  memcpy(out, MAGIC, MAGIC_LEN);
  uint32_t sl = (uint32_t)sig_len;
  memcpy(out + MAGIC_LEN, &sl, 4);
  memcpy(out + MAGIC_LEN + 4, sig, sig_len);
  uint64_t sum = checksum((const unsigned char *)v8, v8_len);
  memcpy(out + head - 8, &sum, 8);
  memcpy(out + head, v8, v8_len);
  free(sig);
  free(v8);
  *blob = out;
  *blob_len = head + v8_len;
  return MRT_OK;
}

void mrt_snapshot_free(uint8_t *blob) { free(blob); }

/* The first line where the two signatures differ, for the message. */
static void first_difference(const char *a, size_t alen, const char *b, size_t blen,
                             char *out, size_t cap) {
  size_t i = 0, j = 0;
  while (i < alen || j < blen) {
    size_t ie = i, je = j;
    while (ie < alen && a[ie] != '\n') ie++;
    while (je < blen && b[je] != '\n') je++;
    if (ie - i != je - j || memcmp(a + i, b + j, ie - i) != 0) {
      snprintf(out, cap, "the snapshot has '%.*s', this runtime '%.*s'",
               (int)(ie - i > 200 ? 200 : ie - i), i < alen ? a + i : "",
               (int)(je - j > 200 ? 200 : je - j), j < blen ? b + j : "");
      return;
    }
    i = ie + 1;
    j = je + 1;
  }
  snprintf(out, cap, "they differ");
}

int rt_embedder_snapshot(const mrt_options *o, const char **v8, size_t *v8_len) {
  const unsigned char *p = o->snapshot;
  size_t n = o->snapshot_len;
  if (!p || n < MAGIC_LEN + 4 || memcmp(p, MAGIC, MAGIC_LEN) != 0) {
    return rt_creation_error(MRT_EINVAL, "the snapshot is not one of mrt_snapshot_create "
                                         "(bad header, or snapshot_len too small)");
  }
  uint32_t sl;
  memcpy(&sl, p + MAGIC_LEN, 4);
  size_t head = pad8(MAGIC_LEN + 4 + (size_t)sl) + 8;
  if (sl > n || head >= n) {
    return rt_creation_error(MRT_EINVAL, "the snapshot is truncated (%zu bytes)", n);
  }
  size_t mine_len = 0;
  char *mine = signature(o, &mine_len);
  if (!mine) return rt_creation_error(MRT_ENOMEM, "out of memory");
  const char *theirs = (const char *)p + MAGIC_LEN + 4;
  if (mine_len != sl || memcmp(mine, theirs, sl) != 0) {
    char why[512];
    first_difference(theirs, sl, mine, mine_len, why, sizeof why);
    free(mine);
    return rt_creation_error(MRT_EINVAL, "the snapshot was made for another runtime: %s", why);
  }
  free(mine);
  uint64_t sum;
  memcpy(&sum, p + head - 8, 8);
  if (checksum(p + head, n - head) != sum) {
    return rt_creation_error(MRT_EINVAL, "the snapshot is damaged (checksum mismatch)");
  }
  *v8 = (const char *)p + head;
  *v8_len = n - head;
  return MRT_OK;
}
