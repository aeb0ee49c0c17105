/* test_fast.c: ops with a V8 Fast API path. The slow and fast C functions count their calls
 * separately: a hot JS loop must end up on the fast path; arguments that don't fit the
 * signature must take the slow path with the same results. */
#include <stdbool.h>

#include "test_helpers.h"

static long slow_calls, fast_calls;

/* add(a, b) on float64 */
static void slow_add(mrt_op_call *c) {
  slow_calls++;
  mrt_op_return_number(c, mrt_op_arg_number(c, 0) + mrt_op_arg_number(c, 1));
}
static double fast_add(void *recv, double a, double b) {
  (void)recv;
  fast_calls++;
  return a + b;
}

/* imul(a, b) on int32 -> int32 */
static void slow_imul(mrt_op_call *c) {
  slow_calls++;
  double a = mrt_op_arg_number(c, 0), b = mrt_op_arg_number(c, 1); /* ToInt32 of NaN is 0 */
  int32_t x = a == a ? (int32_t)a : 0, y = b == b ? (int32_t)b : 0;
  mrt_op_return_number(c, (double)(int32_t)((uint32_t)x * (uint32_t)y));
}
static int32_t fast_imul(void *recv, int32_t a, int32_t b) {
  (void)recv;
  fast_calls++;
  return a * b;
}

/* odd(u32) -> bool */
static void slow_odd(mrt_op_call *c) {
  slow_calls++;
  mrt_op_return_boolean(c, ((unsigned)mrt_op_arg_number(c, 0) & 1) != 0);
}
static bool fast_odd(void *recv, uint32_t a) {
  (void)recv;
  fast_calls++;
  return (a & 1) != 0;
}

/* sum(bytes) -> uint32: the sum of a byte buffer's bytes */
static void slow_sum(mrt_op_call *c) {
  slow_calls++;
  void *data;
  size_t len;
  if (mrt_op_arg_buffer(c, 0, &data, &len) != MRT_OK) {
    mrt_op_throw(c, "ERR_INVALID_ARG_TYPE", "not a buffer");
    return;
  }
  uint32_t s = 0;
  for (size_t i = 0; i < len; i++) s += ((uint8_t *)data)[i];
  mrt_op_return_number(c, s);
}
static uint32_t fast_sum(void *recv, const mrt_fast_buffer *b) {
  (void)recv;
  fast_calls++;
  uint32_t s = 0;
  for (size_t i = 0; i < b->length; i++) s += ((const uint8_t *)b->data)[i];
  return s;
}

/* fill(bytes, value, scale): writes value into every byte; returns length * scale (f64) */
static void slow_fill(mrt_op_call *c) {
  slow_calls++;
  void *data;
  size_t len;
  if (mrt_op_arg_buffer(c, 0, &data, &len) != MRT_OK) return;
  memset(data, (int)mrt_op_arg_number(c, 1), len);
  mrt_op_return_number(c, (double)len * mrt_op_arg_number(c, 2));
}
static double fast_fill(void *recv, const mrt_fast_buffer *b, int32_t v, double scale) {
  (void)recv;
  fast_calls++;
  memset(b->data, v, b->length);
  return (double)b->length * scale;
}

/* copy(dst, src) -> void: copies min(len) bytes (two buffers) */
static void slow_copy(mrt_op_call *c) {
  slow_calls++;
  void *d, *s;
  size_t dn, sn;
  if (mrt_op_arg_buffer(c, 0, &d, &dn) || mrt_op_arg_buffer(c, 1, &s, &sn)) return;
  memcpy(d, s, dn < sn ? dn : sn);
}
static void fast_copy(void *recv, const mrt_fast_buffer *d, const mrt_fast_buffer *s) {
  (void)recv;
  fast_calls++;
  memcpy(d->data, s->data, d->length < s->length ? d->length : s->length);
}

static mrt_runtime *fast_runtime(void) {
  mrt_runtime *rt = new_runtime();
  mrt_op_decl ops[] = {
      {.name = "add", .fn = slow_add, .fast = (const void *)fast_add,
       .fast_ret = MRT_CTYPE_FLOAT64, .fast_argc = 2,
       .fast_args = {MRT_CTYPE_FLOAT64, MRT_CTYPE_FLOAT64}},
      {.name = "imul", .fn = slow_imul, .fast = (const void *)fast_imul,
       .fast_ret = MRT_CTYPE_INT32, .fast_argc = 2,
       .fast_args = {MRT_CTYPE_INT32, MRT_CTYPE_INT32}},
      {.name = "odd", .fn = slow_odd, .fast = (const void *)fast_odd,
       .fast_ret = MRT_CTYPE_BOOL, .fast_argc = 1, .fast_args = {MRT_CTYPE_UINT32}},
      {.name = "sum", .fn = slow_sum, .fast = (const void *)fast_sum,
       .fast_ret = MRT_CTYPE_UINT32, .fast_argc = 1, .fast_args = {MRT_CTYPE_UINT8_ARRAY}},
      {.name = "fill", .fn = slow_fill, .fast = (const void *)fast_fill,
       .fast_ret = MRT_CTYPE_FLOAT64, .fast_argc = 3,
       .fast_args = {MRT_CTYPE_UINT8_ARRAY, MRT_CTYPE_INT32, MRT_CTYPE_FLOAT64}},
      {.name = "copy", .fn = slow_copy, .fast = (const void *)fast_copy,
       .fast_ret = MRT_CTYPE_VOID, .fast_argc = 2,
       .fast_args = {MRT_CTYPE_UINT8_ARRAY, MRT_CTYPE_UINT8_ARRAY}},
  };
  for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
    assert_int_equal(mrt_register_op(rt, &ops[i]), MRT_OK);
  }
  slow_calls = fast_calls = 0;
  return rt;
}

static void fast_path_taken(void **state) {
  (void)state;
  mrt_runtime *rt = fast_runtime();
  double r = eval_number(rt,
                         "function hot(n) { const o = mrt.ops; let s = 0;"
                         " for (let i = 0; i < n; i++) s = o.add(s, 1); return s }"
                         " hot(1e6)");
  assert_true(r == 1e6);
  fprintf(stderr, "add: slow %ld fast %ld\n", slow_calls, fast_calls);
  assert_int_equal(slow_calls + fast_calls, 1000000);
  assert_true(fast_calls > 900000);
  mrt_runtime_free(rt);
}

static void int_and_bool_returns(void **state) {
  (void)state;
  mrt_runtime *rt = fast_runtime();
  double r = eval_number(rt,
                         "function hot(n) { const o = mrt.ops; let s = 0;"
                         " for (let i = 0; i < n; i++) s = (s + o.imul(i & 1023, 3)) | 0; return s }"
                         " hot(1e6)");
  double expect = 0;
  for (int i = 0; i < 1000000; i++) expect = (double)(int32_t)((int64_t)expect + (i & 1023) * 3);
  assert_true(r == expect);
  assert_true(fast_calls > 900000);
  slow_calls = fast_calls = 0;
  char *s = eval_string(rt,
                        "function odd(n) { const o = mrt.ops; let c = 0, t;"
                        " for (let i = 0; i < n; i++) { t = o.odd(i); if (t === true) c++;"
                        " else if (t !== false) throw new Error('not a boolean') } return c }"
                        " odd(1e6)");
  assert_string_equal(s, "500000");
  mrt_free(s);
  assert_true(fast_calls > 900000);
  mrt_runtime_free(rt);
}

static void wrong_types_fall_back(void **state) {
  (void)state;
  mrt_runtime *rt = fast_runtime();
  /* Warm up on numbers, then call with strings, objects, missing arguments: same results
   * as the slow path. */
  char *s = eval_string(rt,
                        "function f(a, b) { return mrt.ops.add(a, b) }"
                        " let t = 0; for (let i = 0; i < 1e5; i++) t = f(t, 1);"
                        " [t, f('2', '3'), f({ valueOf() { return 4 } }, 1), f(1), f(2.5, -1),"
                        "  mrt.ops.imul(1.5, 2), mrt.ops.imul('x', 2)].join(',')");
  assert_string_equal(s, "100000,5,5,NaN,1.5,2,0");
  mrt_free(s);
  assert_true(slow_calls >= 3);
  mrt_runtime_free(rt);
}

static void buffer_arguments(void **state) {
  (void)state;
  mrt_runtime *rt = fast_runtime();
  /* Off-heap buffers (over 64 bytes) take the fast path; a subarray's offset counts. */
  char *s = eval_string(rt,
                        "const big = new Uint8Array(1000).fill(1); const sub = big.subarray(10, 20);"
                        " function g(n) { const o = mrt.ops; let s = 0;"
                        " for (let i = 0; i < n; i++) s += o.sum(i & 1 ? big : sub); return s }"
                        " g(2e5)");
  assert_string_equal(s, "101000000");
  mrt_free(s);
  fprintf(stderr, "sum: slow %ld fast %ld\n", slow_calls, fast_calls);
  assert_true(fast_calls > 150000);

  /* Small (on-heap) arrays, other views, non-buffers: the slow path, same answers. */
  slow_calls = fast_calls = 0;
  s = eval_string(rt,
                  "function h(x) { return mrt.ops.sum(x) }"
                  " for (let i = 0; i < 1e5; i++) h(big);"
                  " const r = [h(new Uint8Array([1, 2, 3])), h(new Uint16Array(100).fill(257)),"
                  "  h(new DataView(new ArrayBuffer(200))), h(big)];"
                  " try { h(42) } catch (e) { r.push(e.code) } r.join(',')");
  assert_string_equal(s, "6,200,0,1000,ERR_INVALID_ARG_TYPE");
  mrt_free(s);
  assert_true(slow_calls >= 2); /* at least the on-heap array and 42 */

  /* Mixed integer / float / buffer arguments and a float return; writes land. */
  slow_calls = fast_calls = 0;
  s = eval_string(rt,
                  "const b = new Uint8Array(256); let acc = 0;"
                  " function k(n) { for (let i = 0; i < n; i++) acc += mrt.ops.fill(b, i & 255, 0.5); }"
                  " k(1e5); [acc, b[0], b[255]].join(',')");
  assert_string_equal(s, "12800000,159,159");
  mrt_free(s);
  assert_true(fast_calls > 50000);

  /* Two buffers, void return. */
  slow_calls = fast_calls = 0;
  s = eval_string(rt,
                  "const d = new Uint8Array(100), src = new Uint8Array(300).fill(7);"
                  " function cp(n) { for (let i = 0; i < n; i++) { src[0] = i & 255; mrt.ops.copy(d, src) } }"
                  " cp(1e5); [d[0], d[99], mrt.ops.copy(d, src)].join(',')");
  assert_string_equal(s, "159,7,");
  mrt_free(s);
  assert_true(fast_calls > 50000);
  mrt_runtime_free(rt);
}

/* Several runtimes one after the other: the fast-call state is per isolate. */
static void runtimes_in_turn(void **state) {
  (void)state;
  for (int k = 0; k < 3; k++) {
    mrt_runtime *rt = fast_runtime();
    assert_true(eval_number(rt, "let s = 0; for (let i = 0; i < 2e5; i++) s = mrt.ops.sum(new Uint8Array(100)) + s; s") == 0);
    mrt_runtime_free(rt);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(fast_path_taken),
      cmocka_unit_test(int_and_bool_returns),
      cmocka_unit_test(wrong_types_fall_back),
      cmocka_unit_test(buffer_arguments),
      cmocka_unit_test(runtimes_in_turn),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
