/*
 * own_scope.h: dlopen() of a system library whose names something else in the process may
 * already define.
 *
 * The build's private libnode (tools/relink/v8-fast.sh) does not load libssl, libcrypto, libz,
 * libnghttp2, brotli or c-ares: its references to them are bound to a trap inside libnode,
 * so nothing defines their names and a plain dlopen(RTLD_LOCAL) binds the library to itself.
 * Copies made by earlier versions replaced them with a stub library, libmrt0.so, whose
 * functions carried those names and aborted; an embedder may link a stub or a static copy of
 * its own. Such a definition sits in the process's global scope, which the dynamic linker
 * searches first when it binds a library loaded later: the library's calls to its own
 * exported functions (through its PLT) would reach it. RTLD_DEEPBIND puts the scope of the
 * object being loaded (itself, then its dependencies) ahead of the global one; RTLD_LOCAL
 * keeps its names out of the global scope. Sanitizer builds link the stock libnode (whose
 * dlopen refuses RTLD_DEEPBIND): there the real library is what the global scope has,
 * already loaded as libnode's dependency, and a plain dlopen finds it.
 *
 * The extensions that load a library this way (crypto/openssl.c, compression/zlib_loader.c,
 * compression/brotli_loader.c, fetch/curl.c) decide from the global scope whether a stub is
 * there, open through rt_dl_open_own_scope, and check that what they hand out is the
 * library's own (rt_dl_in_library). Any thread.
 */
#ifndef MRT_EXT_DL_OWN_SCOPE_H
#define MRT_EXT_DL_OWN_SCOPE_H

#include <stddef.h>

/* 1 when address p lies in a shared object whose file name starts with prefix
 * ("libz.so.1" matches /lib/x86_64-linux-gnu/libz.so.1.2.13). */
int rt_dl_in_library(const void *p, const char *prefix);

/* 1 when the global scope defines `symbol` somewhere other than in the library whose file
 * name starts with prefix: a stub is there. */
int rt_dl_stubbed(const char *symbol, const char *prefix);

/* soname as already loaded in the process (with the stock libnode, its own dependency), else
 * opened RTLD_NOW | RTLD_LOCAL, with RTLD_DEEPBIND when stubbed. NULL on failure, with the
 * reason in err[0..n): "<what> (<soname>) could not be loaded: ... (install <package>)", or
 * that a sanitizer build cannot bind past a stub. */
void *rt_dl_open_own_scope(const char *soname, int stubbed, const char *what,
                           const char *package, char *err, size_t n);

/* fn from a library loaded this way, typed with its header's prototype, looked up once per
 * call site through lookup(name) (the loader's rt_*_sym, which aborts on a missing name). */
#define RT_DL_CACHED(lookup, fn)                                                \
  (__extension__({                                                              \
    static void *rt_dl_cached_;                                                 \
    void *rt_dl_p_ = __atomic_load_n(&rt_dl_cached_, __ATOMIC_ACQUIRE);          \
    if (!rt_dl_p_) {                                                            \
      rt_dl_p_ = lookup(#fn);                                                   \
      __atomic_store_n(&rt_dl_cached_, rt_dl_p_, __ATOMIC_RELEASE);             \
    }                                                                           \
    (__typeof__(&fn))rt_dl_p_;                                                  \
  }))

#endif /* MRT_EXT_DL_OWN_SCOPE_H */
