/* curl.c: loads libcurl on first use (see curl.h).
 *
 * Why not a plain dlopen, always: something else in the global scope may define the names
 * of libcurl's dependencies (libssl, libcrypto, libz, libnghttp2, brotli), as the stub library
 * of libnode copies made by earlier versions of tools/relink did (see ext/dl/own_scope.h;
 * today's copy loads none of them and defines none of their names). libcurl's calls to
 * inflate or SSL_new would reach such definitions. RTLD_DEEPBIND puts the scope of the object
 * being loaded (and, for the dependencies it brings, the scope of that same root: libcurl and
 * everything it needs) ahead of the global one, so libcurl, libssl and the rest bind to the
 * real libraries; RTLD_LOCAL keeps their names out of the global scope. The same reasoning as
 * core/ext/crypto/openssl.c, which loads libcrypto; whichever comes first, the other finds
 * the already loaded libcrypto.so.3 by its soname.
 *
 * Sanitizer builds link the stock libnode (no stub; their dlopen refuses RTLD_DEEPBIND): the
 * real libraries are what the global scope has, and a plain dlopen is right. Which case
 * applies is decided from the global scope: a definition of SSL_CTX_new, inflate or
 * nghttp2_session_client_new that is not in the library of that name means a stub. */
#define _GNU_SOURCE
#include "curl.h"

#include "ext/dl/own_scope.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LIBCURL "libcurl.so.4"

rt_curl_api rt_curl;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static int load_ok;
static char load_err[256];

/* 1 when the global scope defines one of libcurl's dependencies' functions somewhere else
 * than in that library (a stub). */
static int stub_present(void) {
  return rt_dl_stubbed("SSL_CTX_new", "libssl.so") || rt_dl_stubbed("inflate", "libz.so") ||
         rt_dl_stubbed("nghttp2_session_client_new", "libnghttp2.so") ||
         rt_dl_stubbed("BrotliDecoderCreateInstance", "libbrotlidec.so");
}

static void load(void) {
  void *h = rt_dl_open_own_scope(LIBCURL, stub_present(), "libcurl", "libcurl4", load_err,
                                 sizeof load_err);
  if (!h) return;
#define RT_CURL_LOOKUP(fn)                                                                    \
  if (!(rt_curl.fn = (__typeof__(&fn))dlsym(h, #fn)) ||                                      \
      !rt_dl_in_library((void *)rt_curl.fn, "libcurl.so")) {                                 \
    snprintf(load_err, sizeof load_err, "libcurl (%s): %s is missing or not libcurl's",      \
             LIBCURL, #fn);                                                                  \
    dlclose(h);                                                                              \
    return;                                                                                  \
  }
  RT_CURL_FUNCTIONS(RT_CURL_LOOKUP)
#undef RT_CURL_LOOKUP
  const curl_version_info_data *v = rt_curl.curl_version_info(CURLVERSION_NOW);
  if (!v || v->version_num < 0x075500) { /* 7.85: CURLOPT_PROTOCOLS_STR */
    snprintf(load_err, sizeof load_err, "libcurl 7.85 or newer needed, found %s",
             v ? v->version : "?");
    dlclose(h);
    return;
  }
  /* libcurl's own allocations go to the process's allocator (mimalloc, which replaces malloc
   * in the global scope), not to the libc malloc its RTLD_DEEPBIND scope would find: memory
   * libc hands it (strdup, getaddrinfo's strings...) comes from the global allocator, and
   * libcurl frees it. */
  if (rt_curl.curl_global_init_mem(CURL_GLOBAL_DEFAULT, malloc, free, realloc, strdup, calloc) !=
      CURLE_OK) {
    snprintf(load_err, sizeof load_err, "libcurl: curl_global_init failed");
    dlclose(h);
    return;
  }
  __atomic_store_n(&load_ok, 1, __ATOMIC_RELEASE); /* the handle is kept for the process */
}

int rt_curl_load(char *err, size_t n) {
  pthread_once(&load_once, load);
  if (__atomic_load_n(&load_ok, __ATOMIC_ACQUIRE)) return 0;
  if (err && n) snprintf(err, n, "%s", load_err);
  return -1;
}
