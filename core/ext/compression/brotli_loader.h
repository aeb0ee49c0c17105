/*
 * brotli_loader.h: Debian's brotli encoder and decoder (libbrotlienc.so.1, libbrotlidec.so.1),
 * loaded on the first 'brotli' CompressionStream or DecompressionStream.
 *
 * mrt is compiled against libbrotli-dev's headers but never linked to brotli: nothing of it is
 * mapped until rt_brotli_load() runs. After a successful rt_brotli_load(), BROTLI(fn) is fn
 * with brotli's own prototype, looked up once per call site:
 *
 *     BrotliEncoderState *s = BROTLI(BrotliEncoderCreateInstance)(NULL, NULL, NULL);
 *
 * Any thread.
 */
#ifndef MRT_EXT_COMPRESSION_BROTLI_LOADER_H
#define MRT_EXT_COMPRESSION_BROTLI_LOADER_H

#include <stddef.h>

#include "ext/dl/own_scope.h"

/* 0 once both libraries are loaded and usable (the first call loads them, once per process,
 * any thread); -1 otherwise, with the reason in err[0..n) (the same on every call). */
int rt_brotli_load(char *err, size_t n);
/* The address of brotli's function `name` (encoder or decoder), after a successful
 * rt_brotli_load. A name brotli lacks is a programming error: reported and abort()ed. */
void *rt_brotli_sym(const char *name);

/* fn from brotli, typed with brotli's prototype (from the header), cached per call site. */
#define BROTLI(fn) RT_DL_CACHED(rt_brotli_sym, fn)

#endif /* MRT_EXT_COMPRESSION_BROTLI_LOADER_H */
