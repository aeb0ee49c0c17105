/* brotli_loader.c: loads Debian's brotli on first use (see brotli_loader.h).
 *
 * The relinked libnode copy stubs brotli out (ext/dl/own_scope.h says why that needs the
 * library's own scope): a definition of BrotliEncoderCreateInstance in the global scope that
 * is not libbrotlienc's means both libraries are opened with RTLD_DEEPBIND. With the stock
 * libnode (sanitizer builds) they are libnode's dependencies already, used as they are.
 * The functions handed out are checked to be the libraries' own (dladdr). */
#define _GNU_SOURCE
#include "brotli_loader.h"

#include <brotli/decode.h>
#include <brotli/encode.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "ext/dl/own_scope.h"

#define LIBENC "libbrotlienc.so.1"
#define LIBDEC "libbrotlidec.so.1"

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static void *enc, *dec;
static int load_ok;
static char load_err[256];

static void *open_one(const char *soname, const char *probe) {
  return rt_dl_open_own_scope(soname, rt_dl_stubbed(probe, soname), "brotli", "libbrotli1",
                              load_err, sizeof load_err);
}

static void load(void) {
  void *e = open_one(LIBENC, "BrotliEncoderCreateInstance");
  if (!e) return;
  void *d = open_one(LIBDEC, "BrotliDecoderCreateInstance");
  if (!d) {
    dlclose(e);
    return;
  }
  uint32_t (*enc_version)(void) = (uint32_t (*)(void))dlsym(e, "BrotliEncoderVersion");
  void *dec_probe = dlsym(d, "BrotliDecoderDecompressStream");
  if (!enc_version || !rt_dl_in_library((void *)enc_version, LIBENC) ||
      !rt_dl_in_library(dec_probe, LIBDEC)) {
    snprintf(load_err, sizeof load_err, "brotli: its symbols do not resolve to it");
    dlclose(d);
    dlclose(e);
    return;
  }
  /* Versions are 0xMMMmmmppp; the streaming API used here is brotli 1.0's. */
  uint32_t v = enc_version();
  if (v >> 24 < 1) {
    snprintf(load_err, sizeof load_err, "brotli 1.x needed, found %#x", (unsigned)v);
    dlclose(d);
    dlclose(e);
    return;
  }
  enc = e; /* both kept for the life of the process */
  dec = d;
  __atomic_store_n(&load_ok, 1, __ATOMIC_RELEASE);
}

int rt_brotli_load(char *err, size_t n) {
  pthread_once(&load_once, load);
  if (__atomic_load_n(&load_ok, __ATOMIC_ACQUIRE)) return 0;
  if (err && n) snprintf(err, n, "%s", load_err);
  return -1;
}

void *rt_brotli_sym(const char *name) {
  void *p = enc ? dlsym(enc, name) : NULL;
  if (!p && dec) p = dlsym(dec, name);
  if (!p) {
    fprintf(stderr, "mrt: internal error: brotli symbol %s is missing%s\n", name,
            enc ? "" : " (brotli not loaded)");
    abort();
  }
  return p;
}
