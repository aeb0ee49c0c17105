/* compression.c: the native side of CompressionStream and DecompressionStream
 * (compression.js) and of node:zlib (core/ext/node/lib/zlib.js), on Debian's zlib (gzip,
 * deflate, deflate-raw, and unzip: gzip or deflate by its header) and brotli, each loaded at
 * its first stream's creation (zlib_loader.h, brotli_loader.h). node:zlib gives zNew its
 * options (level, windowBits, memLevel, strategy, dictionary, brotli's parameters, a smaller
 * piece for maxOutputLength, and Node's rules for what follows the end of the data) and zPush
 * a flush mode and params(); its errors carry the codes Node names them by.
 *
 * A stream is a handle (a number JS keeps) to a z_stream. zPush(h, chunk, finish) feeds it one
 * chunk (finish: the end of input) and returns what came out as one Uint8Array whose memory
 * is the malloc'd output (no copy), at most OUT_MAX bytes: deflate can expand ~1000 times, so
 * a few MB of input could otherwise ask for one buffer beyond what a Uint8Array can hold.
 * When a push stops there, zStatus(h) says so and the stream keeps the input it has not used
 * (a copy): pushes of no chunk continue it until it no longer does. Its sync form reads the chunk in place; its async form
 * (zPushAsync) copies the chunk and runs zlib on the loop's worker pool, so a large chunk does
 * not hold up the loop: JS chooses by size. A stream has at most one push in flight (the
 * TransformStream awaits each transform), which keeps chunks in order.
 *
 * Freeing: JS frees a handle when its stream ends, errors or is cancelled, or (a stream left
 * unfinished) when the stream object is collected; one freed while a pool job uses it is freed
 * by the job's done. mrt_runtime_free frees what is left (after loop_free, when every job's
 * done has run). */
#define _GNU_SOURCE
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <brotli/decode.h>
#include <brotli/encode.h>
#include <zlib.h>

#include "ext/ext.h"
#include "pool.h"
#include "runtime_internal.h"
#include "brotli_loader.h"
#include "zlib_loader.h"

/* Formats, by the number JS passes. F_UNZIP (decompression only, node:zlib's Unzip): gzip or
 * zlib-wrapped deflate, whichever the header says. */
enum { F_GZIP = 0, F_DEFLATE = 1, F_DEFLATE_RAW = 2, F_BROTLI = 3, F_UNZIP = 4 };

/* zNew's options (node:zlib; CompressionStream passes none): an Int32Array, by index. */
enum {
  O_NODE,        /* 1: node:zlib's rules for what follows the end of the compressed data */
  O_LEVEL,       /* zlib: deflate's level (-1..9) */
  O_WINDOW_BITS, /* zlib: 8..15 (0 for inflate: the header's) */
  O_MEM_LEVEL,   /* zlib: 1..9 */
  O_STRATEGY,    /* zlib: 0..4 */
  O_OUT_MAX,     /* the most one push returns (0: OUT_MAX) */
  O_BROTLI,      /* brotli: pairs of (parameter, value) from here on */
};

typedef struct zstate {
  z_stream s;                 /* zlib formats */
  BrotliEncoderState *benc;   /* brotli, compressing */
  BrotliDecoderState *bdec;   /* brotli, decompressing */
  int inflate; /* 1: a DecompressionStream */
  int ended;   /* inflate saw the end of the compressed data */
  int busy;    /* a pool job is using it */
  int orphan;  /* JS freed it while busy: the job's done frees it */
  int more;    /* the last push stopped at OUT_MAX: push again (no chunk) for the rest */
  int junk;    /* input went on past the end of the compressed data (zStatus reports it) */
  int node;    /* node:zlib's rules: gzip members follow each other (gunzip, and unzip when the
                * data began as gzip); other input past the end is ignored, not junk */
  int gzip_members; /* node and gzip decompression: a non-zero byte after a member begins
                     * another one */
  int started;      /* unzip: its first byte was seen (gzip_members set from it) */
  size_t out_max;   /* the most one push returns */
  unsigned char *dict; /* the dictionary (owned) for inflate's Z_NEED_DICT, or NULL */
  size_t dict_len;
  unsigned char *rest; /* input a push stopped before (owned), rest[rest_off..rest_len) */
  size_t rest_off, rest_len;
} zstate;

/* The most one push returns: big enough that a pool trip's cost does not matter, small enough
 * for any Uint8Array and for memory to be given to JS piece by piece. */
#define OUT_MAX ((size_t)16 << 20)

typedef struct rt_compression {
  mrt_runtime *rt;
  struct loop *loop;
  int dead; /* mrt_runtime_free has begun: pool results are dropped */
  zstate **slots; /* index 0 unused; a free slot holds NULL and chains through free_next */
  uint32_t *free_next;
  uint32_t n, cap, free_head;
} rt_compression;

static void zstate_free(zstate *z) {
  if (z->benc) BROTLI(BrotliEncoderDestroyInstance)(z->benc);
  else if (z->bdec) BROTLI(BrotliDecoderDestroyInstance)(z->bdec);
  else if (z->inflate) ZLIB(inflateEnd)(&z->s);
  else ZLIB(deflateEnd)(&z->s);
  free(z->rest);
  free(z->dict);
  free(z);
}

/* ---------------------------------------------------------------- handles */

static uint32_t handle_add(rt_compression *st, zstate *z) {
  uint32_t h;
  if (st->free_head) {
    h = st->free_head;
    st->free_head = st->free_next[h];
  } else {
    if (st->n + 1 >= st->cap) {
      uint32_t cap = st->cap ? st->cap * 2 : 16;
      zstate **s = realloc(st->slots, cap * sizeof *s);
      if (!s) return 0;
      st->slots = s;
      uint32_t *f = realloc(st->free_next, cap * sizeof *f);
      if (!f) return 0;
      st->free_next = f;
      st->cap = cap;
    }
    h = ++st->n;
  }
  st->slots[h] = z;
  return h;
}

static zstate *handle_get(rt_compression *st, double hd) {
  if (!(hd >= 1 && hd <= st->n)) return NULL;
  return st->slots[(uint32_t)hd];
}

static void handle_remove(rt_compression *st, uint32_t h) {
  st->slots[h] = NULL;
  st->free_next[h] = st->free_head;
  st->free_head = h;
}

/* ---------------------------------------------------------------- codecs */

static void drop_rest(zstate *z) {
  free(z->rest);
  z->rest = NULL;
  z->rest_off = z->rest_len = 0;
}

/* Keeps in[0..n) for the next push: in place when it is z->rest's own tail (in_rest). */
static int keep_rest(zstate *z, const unsigned char *in, size_t n, int in_rest) {
  if (in_rest) {
    z->rest_off = z->rest_len - n;
    return 1;
  }
  unsigned char *copy = malloc(n);
  if (!copy) return 0;
  memcpy(copy, in, n);
  drop_rest(z);
  z->rest = copy;
  z->rest_len = n;
  return 1;
}

/* One codec call, from *in (*left bytes) into out[0..room): advances *in and *left and sets
 * *produced. AGAIN: call again (output full, or more to do); IDLE: the input is used up and
 * nothing more comes out without more input; END: the end of the compressed data (after
 * finish, for compression). */
typedef enum { STEP_AGAIN, STEP_IDLE, STEP_END, STEP_ERROR } step_result;

static step_result zlib_step(zstate *z, const unsigned char **in, size_t *left,
                             unsigned char *out, size_t room, size_t *produced, int finish,
                             int flush, const char **err, const char **code) {
  const size_t slice = (size_t)1 << 30; /* zlib counts in uInt */
  uInt feed = *left > slice ? (uInt)slice : (uInt)*left;
  uInt space = room > slice ? (uInt)slice : (uInt)room;
  z->s.next_in = (Bytef *)*in;
  z->s.avail_in = feed;
  z->s.next_out = out;
  z->s.avail_out = space;
  int last = feed == *left;
  int rc = z->inflate ? ZLIB(inflate)(&z->s, Z_NO_FLUSH)
                      : ZLIB(deflate)(&z->s, finish && last ? Z_FINISH : last ? flush : Z_NO_FLUSH);
  if (rc == Z_NEED_DICT && z->dict) {
    /* node:zlib's dictionary, asked for by the zlib header: given, inflate goes on. */
    if (ZLIB(inflateSetDictionary)(&z->s, z->dict, (uInt)z->dict_len) != Z_OK) {
      *in += feed - z->s.avail_in;
      *left -= feed - z->s.avail_in;
      *produced = space - z->s.avail_out;
      *err = "Bad dictionary";
      *code = "Z_NEED_DICT";
      return STEP_ERROR;
    }
    rc = ZLIB(inflate)(&z->s, Z_NO_FLUSH);
  }
  *in += feed - z->s.avail_in;
  *left -= feed - z->s.avail_in;
  *produced = space - z->s.avail_out;
  if (rc == Z_STREAM_END) return STEP_END;
  if (rc == Z_NEED_DICT) {
    *err = "Missing dictionary";
    *code = "Z_NEED_DICT";
    return STEP_ERROR;
  }
  if (rc == Z_DATA_ERROR) {
    *err = z->s.msg ? z->s.msg : "invalid compressed data";
    *code = "Z_DATA_ERROR";
    return STEP_ERROR;
  }
  if (rc == Z_MEM_ERROR) {
    *err = "out of memory";
    *code = "Z_MEM_ERROR";
    return STEP_ERROR;
  }
  if (rc == Z_STREAM_ERROR) {
    *err = "compression failed";
    *code = "Z_STREAM_ERROR";
    return STEP_ERROR;
  }
  /* Z_OK or Z_BUF_ERROR (no progress possible without more input or room). A flush is done
   * when deflate left room in the output. */
  if (z->s.avail_out == 0 || *left > 0 || (finish && !z->inflate)) return STEP_AGAIN;
  return STEP_IDLE;
}

static step_result brotli_step(zstate *z, const unsigned char **in, size_t *left,
                               unsigned char *out, size_t room, size_t *produced, int finish,
                               int flush, const char **err, const char **code) {
  size_t space = room;
  if (z->benc) {
    BrotliEncoderOperation op = finish  ? BROTLI_OPERATION_FINISH
                                : flush ? BROTLI_OPERATION_FLUSH
                                        : BROTLI_OPERATION_PROCESS;
    int ok = BROTLI(BrotliEncoderCompressStream)(z->benc, op, left, in, &space, &out, NULL);
    *produced = room - space;
    if (!ok) {
      *err = "compression failed";
      *code = "Z_STREAM_ERROR";
      return STEP_ERROR;
    }
    if (finish && BROTLI(BrotliEncoderIsFinished)(z->benc)) return STEP_END;
    if (space == 0 || *left > 0 || finish || BROTLI(BrotliEncoderHasMoreOutput)(z->benc)) {
      return STEP_AGAIN;
    }
    return STEP_IDLE;
  }
  BrotliDecoderResult r =
      BROTLI(BrotliDecoderDecompressStream)(z->bdec, left, in, &space, &out, NULL);
  *produced = room - space;
  switch (r) {
    case BROTLI_DECODER_RESULT_SUCCESS:
      return STEP_END;
    case BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT:
      return STEP_AGAIN;
    case BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT:
      return STEP_IDLE;
    default: /* "_ERROR_FORMAT_PADDING_1" and the like (node:zlib makes its code of it) */
      *err = BROTLI(BrotliDecoderErrorString)(BROTLI(BrotliDecoderGetErrorCode)(z->bdec));
      *code = "BROTLI_DECODER_ERROR";
      return STEP_ERROR;
  }
}

/* One push: in[0..n) into z (finish: the end of input; else flush: zlib's flush mode for
 * compression, or for brotli non-zero to flush). On success *out (malloc'd, may be NULL when
 * *outlen is 0) and 0; on failure an error message, its code (Z_DATA_ERROR, ...: node:zlib's
 * names; NULL for none) and -1. Any thread. */
static int zstate_push(zstate *z, const unsigned char *in, size_t n, int finish, int flush,
                       unsigned char **out, size_t *outlen, const char **err,
                       const char **code) {
  unsigned char *buf = NULL;
  size_t len = 0, cap = 0;
  const size_t out_max = z->out_max;
  *out = NULL;
  *outlen = 0;
  *err = NULL;
  *code = NULL;
  if (z->more && n > 0) {
    *err = "a chunk was pushed before the last one's output was taken";
    return -1;
  }
  if (z->inflate && z->ended) {
    if (n == 0 || z->node) return 0; /* node:zlib ignores what follows */
    *err = "junk after the end of the compressed data";
    return -1;
  }
  int in_rest = n == 0 && z->rest != NULL;
  if (in_rest) { /* continue the input the last push stopped before */
    in = z->rest + z->rest_off;
    n = z->rest_len - z->rest_off;
  }
  if (z->node && !z->started && n > 0) { /* unzip: the data is gzip when it begins as gzip */
    z->started = 1;
    if (in[0] == 0x1f) z->gzip_members = 1;
  }
  z->more = 0;
  step_result (*step)(zstate *, const unsigned char **, size_t *, unsigned char *, size_t,
                      size_t *, int, int, const char **, const char **) =
      z->benc || z->bdec ? brotli_step : zlib_step;
  /* A first guess at the output's size: compression shrinks, decompression grows. */
  size_t guess = z->inflate ? n * 4 + 1024 : n / 2 + 1024;
  if (guess > out_max) guess = out_max;
  size_t left = n;
  for (;;) {
    if (cap - len < 64 || len >= out_max) {
      if (len >= out_max) { /* the codec has more to give: the next push (no chunk) takes it */
        z->more = 1;
        break;
      }
      size_t ncap = cap ? cap * 2 : guess;
      if (ncap > out_max) ncap = out_max;
      if (ncap < len + 64) ncap = len + 64; /* a small out_max: still room for a step */
      unsigned char *nb = realloc(buf, ncap);
      if (!nb) {
        *err = "out of memory";
        goto fail;
      }
      buf = nb;
      cap = ncap;
    }
    size_t produced = 0;
    size_t room = cap - len;
    if (room > out_max - len) room = out_max - len;
    step_result r = step(z, &in, &left, buf + len, room, &produced, finish, flush, err, code);
    len += produced;
    if (r == STEP_ERROR) goto fail;
    if (r == STEP_IDLE) break;
    if (r == STEP_END) {
      if (z->inflate && z->gzip_members && left > 0 && *in != 0) {
        /* node:zlib's gunzip: another gzip member (what is not one fails as bad data) */
        if (ZLIB(inflateReset)(&z->s) != Z_OK) {
          *err = "compression failed";
          *code = "Z_STREAM_ERROR";
          goto fail;
        }
        continue;
      }
      if (z->inflate && z->node) { /* node:zlib: input past the end is ignored */
        z->ended = 1;
        left = 0;
        break;
      }
      if (z->inflate) {
        z->ended = 1;
        /* Bytes past the end: what came before is still output (the standard enqueues it
         * and then errors the stream); zStatus tells JS. */
        if (left > 0) z->junk = 1;
        left = 0;
      }
      break;
    }
  }
  if (z->more && left > 0) {
    if (!keep_rest(z, in, left, in_rest)) {
      *err = "out of memory";
      goto fail;
    }
  } else {
    drop_rest(z);
  }
  if (!z->more && z->inflate && finish && !z->ended) {
    *err = "the compressed data ends early";
    *code = "Z_BUF_ERROR";
    goto fail;
  }
  if (len == 0) {
    free(buf);
    buf = NULL;
  } else if (cap - len > 4096 && cap / 4 > len / 3) {
    /* Give back a guess that was far too large (the Uint8Array keeps this block). */
    unsigned char *nb = realloc(buf, len);
    if (nb) buf = nb;
  }
  *out = buf;
  *outlen = len;
  return 0;
fail:
  free(buf);
  return -1;
}

/* ---------------------------------------------------------------- ops */

static rt_compression *state_of(mrt_op_call *c) { return mrt_op_data(c); }

static void *brotli_alloc(void *opaque, size_t size) {
  (void)opaque;
  return malloc(size);
}

static void brotli_free(void *opaque, void *p) {
  (void)opaque;
  free(p);
}

/* Options (zNew's third argument, an Int32Array) or, when absent, CompressionStream's. */
typedef struct zopts {
  int node, level, window_bits, mem_level, strategy;
  size_t out_max;
  const int32_t *brotli; /* pairs */
  size_t nbrotli;
} zopts;

static int read_opts(mrt_op_call *c, zopts *o) {
  *o = (zopts){.level = Z_DEFAULT_COMPRESSION, .window_bits = 15, .mem_level = 8,
               .strategy = Z_DEFAULT_STRATEGY, .out_max = OUT_MAX};
  void *data;
  size_t len;
  if (mrt_op_argc(c) < 3 || mrt_op_arg_buffer(c, 2, &data, &len) != MRT_OK) return 0;
  if (len % 4 || len / 4 < O_BROTLI || (len / 4 - O_BROTLI) % 2) return -1;
  const int32_t *v = data;
  o->node = v[O_NODE] != 0;
  o->level = v[O_LEVEL];
  o->window_bits = v[O_WINDOW_BITS];
  o->mem_level = v[O_MEM_LEVEL];
  o->strategy = v[O_STRATEGY];
  if (v[O_OUT_MAX] > 0 && (size_t)v[O_OUT_MAX] < OUT_MAX) o->out_max = (size_t)v[O_OUT_MAX];
  o->brotli = v + O_BROTLI;
  o->nbrotli = (len / 4 - O_BROTLI) / 2;
  return 0;
}

/* Brotli's parameters (pairs); 0 when one is refused. */
static int brotli_params(zstate *z, const zopts *o) {
  for (size_t i = 0; i < o->nbrotli; i++) {
    int32_t k = o->brotli[2 * i];
    uint32_t v = (uint32_t)o->brotli[2 * i + 1];
    int ok = z->benc ? BROTLI(BrotliEncoderSetParameter)(z->benc, (BrotliEncoderParameter)k, v)
                     : BROTLI(BrotliDecoderSetParameter)(z->bdec, (BrotliDecoderParameter)k, v);
    if (!ok) return 0;
  }
  return 1;
}

/* zNew(format, decompress, [options Int32Array, dictionary]) -> handle. Options (node:zlib's,
 * checked by JS): see O_*; the dictionary is set at once for raw deflate (both ways) and
 * deflate, and given to zlib inflate when its header asks for it. */
static void op_new(mrt_op_call *c) {
  rt_compression *st = state_of(c);
  int format = (int)mrt_op_arg_number(c, 0);
  int inflate = mrt_op_arg_boolean(c, 1);
  if (format < F_GZIP || format > F_UNZIP || (format == F_UNZIP && !inflate)) {
    rt_op_error(c, "TypeError", NULL, "unsupported compression format");
    return;
  }
  zopts o;
  void *dict = NULL;
  size_t dict_len = 0;
  if (read_opts(c, &o) != 0) {
    rt_op_error(c, "TypeError", NULL, "bad compression options");
    return;
  }
  if (mrt_op_argc(c) > 3 && mrt_op_arg_buffer(c, 3, &dict, &dict_len) != MRT_OK) dict_len = 0;
  if (dict_len > UINT_MAX) {
    rt_op_error(c, "RangeError", NULL, "the dictionary is too large");
    return;
  }
  char err[300];
  if ((format == F_BROTLI ? rt_brotli_load(err, sizeof err) : rt_zlib_load(err, sizeof err)) !=
      0) {
    rt_op_error(c, "TypeError", NULL, err);
    return;
  }
  zstate *z = calloc(1, sizeof *z);
  if (!z) {
    rt_op_error(c, "RangeError", NULL, "out of memory");
    return;
  }
  z->inflate = inflate;
  z->node = o.node;
  z->out_max = o.out_max;
  z->started = format != F_UNZIP;
  z->gzip_members = o.node && inflate && format == F_GZIP;
  if (dict_len > 0) {
    if (!(z->dict = malloc(dict_len))) {
      free(z);
      rt_op_error(c, "RangeError", NULL, "out of memory");
      return;
    }
    memcpy(z->dict, dict, dict_len);
    z->dict_len = dict_len;
  }
  int ok;
  if (format == F_BROTLI) {
    /* brotli's defaults (quality 11, window 22), as node's zlib.createBrotliCompress; its
     * allocations go to the process allocator (mimalloc), not the libc malloc that
     * RTLD_DEEPBIND would bind it to. */
    if (inflate) z->bdec = BROTLI(BrotliDecoderCreateInstance)(brotli_alloc, brotli_free, NULL);
    else z->benc = BROTLI(BrotliEncoderCreateInstance)(brotli_alloc, brotli_free, NULL);
    ok = z->bdec != NULL || z->benc != NULL;
    if (ok && !brotli_params(z, &o)) {
      zstate_free(z);
      rt_op_error(c, "Error", "ERR_ZLIB_INITIALIZATION_FAILED", "Initialization failed");
      return;
    }
  } else {
    int wb = o.window_bits;
    int bits = format == F_GZIP ? wb + 16 : format == F_DEFLATE ? wb : format == F_UNZIP ? wb + 32 : -wb;
    int rc = inflate ? ZLIB(inflateInit2_)(&z->s, bits, ZLIB_VERSION, (int)sizeof(z_stream))
                     : ZLIB(deflateInit2_)(&z->s, o.level, Z_DEFLATED, bits, o.mem_level,
                                           o.strategy, ZLIB_VERSION, (int)sizeof(z_stream));
    ok = rc == Z_OK;
    if (ok && z->dict && (format == F_DEFLATE_RAW || (format == F_DEFLATE && !inflate))) {
      rc = inflate ? ZLIB(inflateSetDictionary)(&z->s, z->dict, (uInt)z->dict_len)
                   : ZLIB(deflateSetDictionary)(&z->s, z->dict, (uInt)z->dict_len);
      if (rc != Z_OK) {
        zstate_free(z);
        rt_op_error(c, "Error", "ERR_ZLIB_INITIALIZATION_FAILED", "Initialization failed");
        return;
      }
    }
  }
  if (!ok) {
    free(z->dict);
    free(z);
    rt_op_error(c, "RangeError", NULL, "could not start a compression stream");
    return;
  }
  uint32_t h = handle_add(st, z);
  if (!h) {
    zstate_free(z);
    rt_op_error(c, "RangeError", NULL, "out of memory");
    return;
  }
  mrt_op_return_number(c, h);
}

/* zFree(handle): a freed or unknown handle is ignored. */
static void op_free(mrt_op_call *c) {
  rt_compression *st = state_of(c);
  double hd = mrt_op_arg_number(c, 0);
  zstate *z = handle_get(st, hd);
  if (!z) return;
  handle_remove(st, (uint32_t)hd);
  if (z->busy) z->orphan = 1;
  else zstate_free(z);
}

/* zStatus(handle) -> what follows the last push: 0 nothing, 1 more output (it stopped at
 * OUT_MAX: push again with no chunk), 2 input went on past the end of the compressed data
 * (the output was given; the stream is to error now). */
enum { STATUS_DONE = 0, STATUS_MORE = 1, STATUS_JUNK = 2 };
static void op_status(mrt_op_call *c) {
  zstate *z = handle_get(state_of(c), mrt_op_arg_number(c, 0));
  int status = !z ? STATUS_DONE : z->junk ? STATUS_JUNK : z->more ? STATUS_MORE : STATUS_DONE;
  mrt_op_return_number(c, status);
}

typedef struct job {
  rt_compression *st;
  zstate *z;
  uint32_t id;
  int finish, flush;
  int level, strategy; /* deflateParams after the push, when set_params */
  int set_params;
  unsigned char *in;
  size_t inlen;
  unsigned char *out;
  size_t outlen;
  const char *err, *code;
} job;

static void result_of(mrt_result *res, unsigned char *out, size_t outlen, const char *err,
                      const char *code) {
  memset(res, 0, sizeof *res);
  if (err) {
    res->kind = MRT_RESULT_ERROR;
    res->name = "TypeError";
    res->code = code;
    res->message = err;
  } else {
    res->kind = MRT_RESULT_BUFFER;
    res->bytes = out;
    res->len = outlen;
    res->free_bytes = out ? free : NULL; /* the Uint8Array adopts it */
  }
}

/* node:zlib's params(level, strategy), after a push (JS flushed with it): deflateParams. With
 * nothing pending after the flush, it writes nothing, but it may be given room to. */
static int set_params(zstate *z, int level, int strategy, unsigned char **out, size_t *outlen,
                      const char **err, const char **code) {
  if (z->inflate || z->benc || z->bdec) return 0;
  unsigned char tmp[256];
  z->s.next_in = (Bytef *)"";
  z->s.avail_in = 0;
  z->s.next_out = tmp;
  z->s.avail_out = sizeof tmp;
  int rc = ZLIB(deflateParams)(&z->s, level, strategy);
  size_t produced = sizeof tmp - z->s.avail_out;
  if (rc != Z_OK && rc != Z_BUF_ERROR) {
    *err = "could not change the parameters";
    *code = "Z_STREAM_ERROR";
    return -1;
  }
  if (produced) {
    unsigned char *nb = realloc(*out, *outlen + produced);
    if (!nb) {
      *err = "out of memory";
      *code = "Z_MEM_ERROR";
      return -1;
    }
    memcpy(nb + *outlen, tmp, produced);
    *out = nb;
    *outlen += produced;
  }
  return 0;
}

static void job_run(job *j) {
  if (zstate_push(j->z, j->in, j->inlen, j->finish, j->flush, &j->out, &j->outlen, &j->err,
                  &j->code) == 0 &&
      j->set_params &&
      set_params(j->z, j->level, j->strategy, &j->out, &j->outlen, &j->err, &j->code) != 0) {
    free(j->out);
    j->out = NULL;
    j->outlen = 0;
  }
}

static void work_cb(void *data) { job_run(data); }

static void done_cb(void *data, int status) {
  job *j = data;
  j->z->busy = 0;
  if (j->z->orphan) zstate_free(j->z);
  if (!j->st->dead) {
    if (status != 0 && !j->err) {
      free(j->out);
      j->out = NULL;
      j->err = "cancelled";
    }
    mrt_result res;
    result_of(&res, j->out, j->outlen, j->err, j->code);
    j->out = NULL; /* the runtime owns it now */
    mrt_op_complete(j->st->rt, j->id, &res);
  }
  free(j->out);
  free(j->in);
  free(j);
}

/* zPush(handle, chunk, finish, [flush, level, strategy]) -> Uint8Array, sync or async
 * (zPushAsync). A chunk that is not a buffer is empty (JS has checked the type). flush: zlib's
 * flush mode when not finishing (brotli: non-zero flushes); level and strategy (numbers):
 * node:zlib's params(), deflateParams once the push is done. Errors carry node:zlib's code
 * (Z_DATA_ERROR, Z_BUF_ERROR for input that ends early, ..., BROTLI_DECODER_ERROR). */
static void op_push(mrt_op_call *c) {
  rt_compression *st = state_of(c);
  zstate *z = handle_get(st, mrt_op_arg_number(c, 0));
  if (!z || z->busy) {
    rt_op_error(c, "TypeError", NULL, z ? "the stream is busy" : "the stream is closed");
    return;
  }
  void *data = NULL;
  size_t len = 0;
  if (mrt_op_arg_buffer(c, 1, &data, &len) != MRT_OK) len = 0;
  int finish = mrt_op_arg_boolean(c, 2);
  int argc = mrt_op_argc(c);
  int flush = argc > 3 ? (int)mrt_op_arg_number(c, 3) : Z_NO_FLUSH;
  if (flush < Z_NO_FLUSH || flush > Z_BLOCK || flush == Z_FINISH) flush = Z_NO_FLUSH;
  job proto = {.st = st, .z = z, .finish = finish, .flush = flush};
  if (argc > 5 && mrt_op_arg_type(c, 4) == MRT_TYPE_NUMBER) {
    proto.set_params = 1;
    proto.level = (int)mrt_op_arg_number(c, 4);
    proto.strategy = (int)mrt_op_arg_number(c, 5);
  }
  mrt_result res;
  if (!mrt_op_is_async(c)) {
    proto.in = data;
    proto.inlen = len;
    job_run(&proto);
    result_of(&res, proto.out, proto.outlen, proto.err, proto.code);
    mrt_op_return_result(c, &res);
    return;
  }
  job *j = calloc(1, sizeof *j);
  unsigned char *in = malloc(len ? len : 1);
  if (!j || !in) {
    free(j);
    free(in);
    rt_op_error(c, "RangeError", NULL, "out of memory");
    return;
  }
  if (len) memcpy(in, data, len);
  *j = proto;
  j->id = mrt_op_async_id(c);
  j->in = in;
  j->inlen = len;
  z->busy = 1;
  if (loop_work_submit(st->loop, work_cb, done_cb, j) < 0) {
    z->busy = 0;
    free(in);
    free(j);
    rt_op_error(c, "TypeError", NULL, "could not start the work");
  }
}

/* ---------------------------------------------------------------- extension */

static const mrt_op_decl compression_ops[] = {
    {.name = "zNew", .fn = op_new},
    {.name = "zPush", .fn = op_push},
    {.name = "zPushAsync", .fn = op_push, .async = 1},
    {.name = "zStatus", .fn = op_status},
    {.name = "zFree", .fn = op_free},
};

int rt_compression_init(mrt_runtime *rt, void **state) {
  rt_compression *st = calloc(1, sizeof *st);
  if (!st) return MRT_ENOMEM;
  st->rt = rt;
  st->loop = rt->loop;
  *state = st;
  for (size_t i = 0; i < sizeof compression_ops / sizeof compression_ops[0]; i++) {
    mrt_op_decl d = compression_ops[i];
    d.data = st;
    int rc = rt_register_builtin(rt, &d);
    if (rc) return rc;
  }
  return MRT_OK;
}

void rt_compression_close(mrt_runtime *rt, void *state) {
  rt_compression *st = state;
  (void)rt;
  if (st) st->dead = 1;
}

/* After loop_free: every job's done has run (orphans are freed); streams left open are freed
 * here. */
void rt_compression_free(mrt_runtime *rt, void *state) {
  rt_compression *st = state;
  (void)rt;
  if (!st) return;
  for (uint32_t h = 1; h <= st->n; h++) {
    if (st->slots[h]) zstate_free(st->slots[h]);
  }
  free(st->slots);
  free(st->free_next);
  free(st);
}
