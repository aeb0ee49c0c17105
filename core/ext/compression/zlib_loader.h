/*
 * zlib_loader.h: Debian's zlib (libz.so.1), loaded on first use (CompressionStream and
 * DecompressionStream).
 *
 * mrt is compiled against zlib1g-dev's header but never linked to libz: nothing of it is
 * mapped until rt_zlib_load() runs. After a successful rt_zlib_load(), ZLIB(fn) is fn with
 * zlib's own prototype, looked up once per call site:
 *
 *     int rc = ZLIB(deflate)(&strm, Z_NO_FLUSH);
 *
 * Only real functions work, not zlib's function-like macros: deflateInit2(...) is
 * ZLIB(deflateInit2_)(..., ZLIB_VERSION, (int)sizeof(z_stream)). Any thread.
 */
#ifndef MRT_EXT_COMPRESSION_ZLIB_LOADER_H
#define MRT_EXT_COMPRESSION_ZLIB_LOADER_H

#include <stddef.h>

#include "ext/dl/own_scope.h"

/* 0 once libz is loaded and usable (the first call loads it, once per process, any thread);
 * -1 otherwise, with the reason in err[0..n) (the same reason on every call). */
int rt_zlib_load(char *err, size_t n);
/* The address of libz's function `name`, after a successful rt_zlib_load. A name libz lacks
 * is a programming error: reported and abort()ed. */
void *rt_zlib_sym(const char *name);

/* fn from libz, typed with zlib's prototype (from the header), cached per call site. */
#define ZLIB(fn) RT_DL_CACHED(rt_zlib_sym, fn)

#endif /* MRT_EXT_COMPRESSION_ZLIB_LOADER_H */
