/* text_out.h: how decoders hand a string to JS. Small results are copied into V8's heap;
 * large ones (from 64 KiB) become strings over memory they own (no second copy). That memory
 * comes from a small process-wide pool of recycled blocks (encoding.c): a fresh block of a
 * megabyte or more is fresh pages, and faulting them in cost as much as decoding. Not
 * installed. */
#ifndef MRT_TEXT_OUT_H
#define MRT_TEXT_OUT_H

#include <stdlib.h>
#include <string.h>

#include "ext/ext.h"
#include "shim.h"

#define TEXT_OWNED_MIN (64 * 1024)

/* A block of at least `bytes` (NULL: out of memory); give it back with text_buf_release,
 * or hand it to text_return_*. Blocks below TEXT_OWNED_MIN are plain malloc. */
void *text_buf_alloc(size_t bytes);
void text_buf_release(void *block);

/* The string of UTF-8 bytes p[0..len) (copied): invalid sequences as U+FFFD, or a TypeError
 * (ERR_ENCODING_INVALID_ENCODED_DATA) when fatal (encoding.c; TextDecoder, Node's Buffer). */
void text_return_utf8(mrt_op_call *c, const void *data, size_t len, int fatal);

/* A text_buf block for `len` UTF-16 units whose first `head` are the bytes p[0..head)
 * widened: the prefix a decoder has already found to be one unit per byte. NULL after
 * throwing a RangeError when out of memory. */
static inline uint16_t *text_widen_prefix(mrt_op_call *c, const unsigned char *p, size_t head,
                                          size_t len) {
  uint16_t *out = text_buf_alloc(len * sizeof *out);
  if (!out) {
    rt_op_error(c, "RangeError", NULL, "Array buffer allocation failed");
    return NULL;
  }
  for (size_t k = 0; k < head; k++) out[k] = p[k];
  return out;
}

/* UTF-16 units in a text_buf block, which this takes over. */
static inline void text_return_utf16(mrt_op_call *c, uint16_t *units, size_t n, size_t cap) {
  if (cap >= TEXT_OWNED_MIN && n * 2 >= TEXT_OWNED_MIN / 2) {
    shim_call_return_owned(rt_op_shim_call(c), units, n, 1, text_buf_release);
    return;
  }
  shim_call_return_utf16(rt_op_shim_call(c), units, n);
  text_buf_release(units);
}

/* Latin-1 bytes owned by the caller (copied). */
static inline void text_return_latin1(mrt_op_call *c, const void *bytes, size_t n) {
  if (n >= TEXT_OWNED_MIN) {
    char *copy = text_buf_alloc(n);
    if (copy) {
      memcpy(copy, bytes, n);
      shim_call_return_owned(rt_op_shim_call(c), copy, n, 0, text_buf_release);
      return;
    }
  }
  shim_call_return_latin1(rt_op_shim_call(c), n ? bytes : "", n);
}

/* UTF-16 units owned by the caller (copied). */
static inline void text_return_utf16_copy(mrt_op_call *c, const uint16_t *units, size_t n) {
  if (n * 2 >= TEXT_OWNED_MIN) {
    uint16_t *copy = text_buf_alloc(n * 2);
    if (copy) {
      memcpy(copy, units, n * 2);
      shim_call_return_owned(rt_op_shim_call(c), copy, n, 1, text_buf_release);
      return;
    }
  }
  shim_call_return_utf16(rt_op_shim_call(c), units, n);
}

#endif
