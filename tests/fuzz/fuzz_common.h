/* fuzz_common.h: what the byte-level harnesses share. Each harness defines
 * LLVMFuzzerTestOneInput (and may define LLVMFuzzerInitialize); it builds either with clang's
 * libFuzzer (-DMRT_FUZZ_LIBFUZZER=ON, tools/fuzz.sh) or with replay_main.c as a standalone
 * program that runs a corpus (CI, any compiler).
 *
 * Inputs reach JS through an op: mrt.ops.fuzzLen() is the input's length and
 * mrt.ops.fuzzIn(u8) copies it into a Uint8Array, so JS sees the exact bytes (NULs, invalid
 * UTF-8) with no string conversion on the way. A failed check prints what differed and
 * aborts, which both libFuzzer and the replay runner report as a crash with the input. */
#ifndef MRT_FUZZ_COMMON_H
#define MRT_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_check.h"
#include "mrt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);


static const uint8_t *fuzz_in_data;
static size_t fuzz_in_size;

static void fuzz_op_len(mrt_op_call *c) { mrt_op_return_number(c, (double)fuzz_in_size); }

static void fuzz_op_in(mrt_op_call *c) {
  void *dst;
  size_t len;
  if (mrt_op_arg_buffer(c, 0, &dst, &len) != MRT_OK) return;
  size_t n = len < fuzz_in_size ? len : fuzz_in_size;
  if (n) memcpy(dst, fuzz_in_data, n);
}

static inline void fuzz_register_input_ops(mrt_runtime *rt) {
  mrt_op_decl len = {.name = "fuzzLen", .fn = fuzz_op_len};
  mrt_op_decl in = {.name = "fuzzIn", .fn = fuzz_op_in};
  FUZZ_CHECK(mrt_register_op(rt, &len) == MRT_OK, "register fuzzLen");
  FUZZ_CHECK(mrt_register_op(rt, &in) == MRT_OK, "register fuzzIn");
}

/* The harness's runtime, freed at exit (V8's memory of a live isolate would read as leaks to
 * LeakSanitizer). */
static mrt_runtime *fuzz_rt;
static mrt_value *fuzz_fn;

static void fuzz_free_runtime(void) {
  if (!fuzz_rt) return;
  mrt_value_free(fuzz_rt, fuzz_fn);
  mrt_runtime_free(fuzz_rt);
  fuzz_rt = NULL;
  fuzz_fn = NULL;
}

static inline mrt_runtime *fuzz_new_runtime(const mrt_options *opts) {
  static int registered;
  if (!registered) registered = !atexit(fuzz_free_runtime);
  mrt_runtime *rt = NULL;
  int rc = mrt_runtime_new(opts, &rt);
  FUZZ_CHECK(rc == MRT_OK, "mrt_runtime_new: %s", mrt_strerror(rc));
  fuzz_register_input_ops(rt);
  return rt;
}

/* Evaluates a script that must succeed and returns its value. */
static inline mrt_value *fuzz_eval(mrt_runtime *rt, const char *src) {
  mrt_value *v = NULL;
  int rc = mrt_execute_script(rt, "fuzz.js", src, strlen(src), &v);
  FUZZ_CHECK(rc == MRT_OK, "script failed: %s", mrt_last_error(rt)->message);
  return v;
}

/* Calls fn(args) with the current input; returns the result (caller frees) or NULL when the
 * call threw, with the error's message in *err (not owned). */
static inline mrt_value *fuzz_call(mrt_runtime *rt, mrt_value *fn, const uint8_t *data,
                                   size_t size, int argc, mrt_value *const *argv,
                                   const char **err) {
  fuzz_in_data = data;
  fuzz_in_size = size;
  mrt_value *out = NULL;
  int rc = mrt_call(rt, fn, NULL, argc, argv, &out);
  *err = NULL;
  if (rc != MRT_OK) {
    const mrt_error *e = mrt_last_error(rt);
    *err = e->message ? e->message : mrt_strerror(rc);
    return NULL;
  }
  return out;
}

#endif /* MRT_FUZZ_COMMON_H */
