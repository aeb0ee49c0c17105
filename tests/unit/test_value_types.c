/* test_value_types.c: values made and read from C (arrays, keys, JSON, BigInt, buffers and
 * typed arrays, C-backed functions, promises settled from C), console capture, with the
 * misuse of each (NULL, another runtime's handle, the wrong type). */
#include <stdint.h>

#include "test_helpers.h"

static mrt_value *eval(mrt_runtime *rt, const char *src) {
  mrt_value *v = NULL;
  assert_int_equal(mrt_execute_script(rt, "t.js", src, strlen(src), &v), MRT_OK);
  return v;
}

static void expect_json(mrt_runtime *rt, const mrt_value *v, const char *want) {
  char *s = mrt_value_to_json(rt, v, NULL);
  assert_non_null(s);
  assert_string_equal(s, want);
  mrt_free(s);
}

static void arrays_keys_json(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime(), *other = new_runtime();
  assert_int_equal(mrt_scope_open(rt), MRT_OK);
  mrt_value *a = mrt_array(rt, 2), *v = NULL;
  uint32_t len = 9;
  assert_int_equal(mrt_array_length(rt, a, &len), MRT_OK);
  assert_int_equal(len, 2);
  assert_int_equal(mrt_set_index(rt, a, 0, mrt_number(rt, 5)), MRT_OK);
  assert_int_equal(mrt_set_index(rt, a, 3, mrt_string(rt, "x", 1)), MRT_OK);
  assert_int_equal(mrt_set_index(rt, a, 1, NULL), MRT_OK); /* undefined */
  assert_int_equal(mrt_array_length(rt, a, &len), MRT_OK);
  assert_int_equal(len, 4);
  assert_int_equal(mrt_get_index(rt, a, 3, &v), MRT_OK);
  assert_int_equal(mrt_value_type(rt, v), MRT_TYPE_STRING);
  expect_json(rt, a, "[5,null,null,\"x\"]");
  /* Index access on other objects; a throwing getter is the call's error. */
  mrt_value *o = eval(rt, "({ 7: 'seven', b: 2, get [8]() { throw new Error('getter') } })");
  assert_int_equal(mrt_get_index(rt, o, 7, &v), MRT_OK);
  expect_json(rt, v, "\"seven\"");
  assert_int_equal(mrt_get_index(rt, o, 8, &v), MRT_EEXCEPTION);
  assert_null(v);
  assert_string_equal(mrt_last_error(rt)->message, "getter");
  /* Keys: own enumerable strings, integer keys as strings. */
  mrt_value *keys = NULL;
  mrt_value *k = eval(rt, "const k = {b: 1, a: 2, 3: 0}; Object.defineProperty(k, 'hid', {value: 1}); k");
  assert_int_equal(mrt_object_keys(rt, k, &keys), MRT_OK);
  expect_json(rt, keys, "[\"3\",\"b\",\"a\"]");
  /* JSON. */
  const char *json = "{\"n\": [1, 2.5, true], \"s\": \"\\u00e9\"}";
  assert_int_equal(mrt_json_parse(rt, json, strlen(json), &v), MRT_OK);
  expect_json(rt, v, "{\"n\":[1,2.5,true],\"s\":\"\xc3\xa9\"}");
  assert_int_equal(mrt_json_parse(rt, "{bad", 4, &v), MRT_EEXCEPTION);
  assert_null(v);
  assert_string_equal(mrt_last_error(rt)->name, "SyntaxError");
  assert_int_equal(mrt_json_parse(rt, NULL, 0, &v), MRT_EEXCEPTION); /* "" is bad JSON */
  assert_int_equal(mrt_json_parse(rt, "1", 1, &v), MRT_OK);
  assert_int_equal(mrt_last_error(rt)->code, 0); /* success clears */

  /* Misuse: NULL runtime, NULL arguments, wrong types, another runtime's handles. */
  mrt_value *num = mrt_number(rt, 1), *theirs = mrt_array(other, 1);
  assert_null(mrt_array(NULL, 1));
  assert_null(mrt_array(rt, 0x80000000u));
  assert_int_equal(mrt_last_error(rt)->code, MRT_EINVAL);
  assert_int_equal(mrt_array_length(NULL, a, &len), MRT_EINVAL);
  assert_int_equal(mrt_array_length(rt, a, NULL), MRT_EINVAL);
  assert_int_equal(mrt_array_length(rt, NULL, &len), MRT_EINVAL);
  assert_int_equal(mrt_array_length(rt, num, &len), MRT_EINVAL);
  assert_non_null(strstr(mrt_last_error(rt)->message, "not an array"));
  assert_int_equal(mrt_array_length(rt, theirs, &len), MRT_EINVAL);
  assert_non_null(strstr(mrt_last_error(rt)->message, "another runtime"));
  assert_int_equal(mrt_get_index(rt, num, 0, &v), MRT_EINVAL);
  assert_int_equal(mrt_get_index(rt, a, 0, NULL), MRT_EINVAL);
  assert_int_equal(mrt_get_index(rt, theirs, 0, &v), MRT_EINVAL);
  assert_int_equal(mrt_set_index(rt, num, 0, num), MRT_EINVAL);
  assert_int_equal(mrt_set_index(rt, a, 0, theirs), MRT_EINVAL);
  assert_int_equal(mrt_set_index(NULL, a, 0, num), MRT_EINVAL);
  assert_int_equal(mrt_object_keys(rt, num, &keys), MRT_EINVAL);
  assert_int_equal(mrt_object_keys(rt, theirs, &keys), MRT_EINVAL);
  assert_int_equal(mrt_object_keys(rt, a, NULL), MRT_EINVAL);
  assert_int_equal(mrt_json_parse(rt, NULL, 3, &v), MRT_EINVAL);
  assert_int_equal(mrt_json_parse(rt, "1", 1, NULL), MRT_EINVAL);
  assert_int_equal(mrt_json_parse(NULL, "1", 1, &v), MRT_EINVAL);
  mrt_value_free(other, theirs);
  assert_int_equal(mrt_scope_close(rt), MRT_OK);
  mrt_runtime_free(rt);
  mrt_runtime_free(other);
}

static void bigints(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  assert_int_equal(mrt_scope_open(rt), MRT_OK);
  mrt_value *b = mrt_bigint_from_int64(rt, INT64_MIN);
  assert_int_equal(mrt_value_type(rt, b), MRT_TYPE_BIGINT);
  int64_t s = 0;
  uint64_t u = 0;
  int exact = 0;
  assert_int_equal(mrt_bigint_to_int64(rt, b, &s, &exact), MRT_OK);
  assert_true(s == INT64_MIN && exact);
  mrt_value *big = mrt_bigint_from_uint64(rt, UINT64_MAX);
  assert_int_equal(mrt_bigint_to_uint64(rt, big, &u, &exact), MRT_OK);
  assert_true(u == UINT64_MAX && exact);
  assert_int_equal(mrt_bigint_to_int64(rt, big, &s, &exact), MRT_OK);
  assert_true(s == -1 && !exact); /* modulo 2^64 */
  mrt_value *js = eval(rt, "2n ** 70n + 5n");
  assert_int_equal(mrt_bigint_to_uint64(rt, js, &u, NULL), MRT_OK);
  assert_true(u == 5);
  mrt_value *g = mrt_global(rt);
  assert_int_equal(mrt_set(rt, g, "big", big), MRT_OK);
  assert_true(eval_number(rt, "big === 2n ** 64n - 1n ? 1 : 0") == 1);
  /* Misuse. */
  mrt_value *num = mrt_number(rt, 1);
  assert_int_equal(mrt_bigint_to_int64(rt, num, &s, &exact), MRT_EINVAL);
  assert_non_null(strstr(mrt_last_error(rt)->message, "not a BigInt"));
  assert_int_equal(mrt_bigint_to_int64(rt, b, NULL, NULL), MRT_EINVAL);
  assert_int_equal(mrt_bigint_to_uint64(rt, NULL, &u, NULL), MRT_EINVAL);
  assert_int_equal(mrt_bigint_to_uint64(NULL, b, &u, NULL), MRT_EINVAL);
  assert_null(mrt_bigint_from_int64(NULL, 1));
  assert_int_equal(mrt_scope_close(rt), MRT_OK);
  mrt_runtime_free(rt);
}

static void buffers(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime(), *other = new_runtime();
  assert_int_equal(mrt_scope_open(rt), MRT_OK);
  void *data = NULL;
  size_t len = 0;
  mrt_value *ab = mrt_array_buffer(rt, "abcdefgh", 8, &data);
  assert_int_equal(mrt_value_type(rt, ab), MRT_TYPE_ARRAYBUFFER);
  assert_memory_equal(data, "abcdefgh", 8);
  mrt_value *zero = mrt_array_buffer(rt, NULL, 4, NULL);
  assert_int_equal(mrt_buffer_data(rt, zero, &data, &len), MRT_OK);
  assert_int_equal(len, 4);
  assert_memory_equal(data, "\0\0\0\0", 4);
  /* A view from C, written from C, read in JS. */
  mrt_value *u16 = mrt_typed_array(rt, MRT_UINT16_ARRAY, ab, 2, 3);
  assert_non_null(u16);
  mrt_typed_array_type type = MRT_INT8_ARRAY;
  size_t n = 0, off = 0;
  mrt_value *back = NULL;
  assert_int_equal(mrt_typed_array_info(rt, u16, &type, &n, &off, &back), MRT_OK);
  assert_int_equal(type, MRT_UINT16_ARRAY);
  assert_int_equal(n, 3);
  assert_int_equal(off, 2);
  assert_int_equal(mrt_value_type(rt, back), MRT_TYPE_ARRAYBUFFER);
  assert_int_equal(mrt_buffer_data(rt, u16, &data, &len), MRT_OK);
  assert_int_equal(len, 6);
  assert_memory_equal(data, "cdefgh", 6);
  ((uint16_t *)data)[0] = 0x4241; /* "AB", little-endian */
  mrt_value *g = mrt_global(rt);
  assert_int_equal(mrt_set(rt, g, "u16", u16), MRT_OK);
  char *s = eval_string(rt, "String.fromCharCode(...new Uint8Array(u16.buffer))");
  assert_string_equal(s, "abABefgh");
  mrt_free(s);
  /* JS's buffers and views, outside ops. */
  mrt_value *dv = eval(rt, "new DataView(new Uint8Array([1,2,3,4]).buffer, 1, 2)");
  assert_int_equal(mrt_buffer_data(rt, dv, &data, &len), MRT_OK);
  assert_int_equal(len, 2);
  assert_int_equal(((uint8_t *)data)[0], 2);
  mrt_value *f64 = eval(rt, "new Float64Array([1.5])");
  assert_int_equal(mrt_typed_array_info(rt, f64, &type, NULL, NULL, NULL), MRT_OK);
  assert_int_equal(type, MRT_FLOAT64_ARRAY);
  mrt_value *sab = eval(rt, "new SharedArrayBuffer(16)");
  assert_int_equal(mrt_buffer_data(rt, sab, &data, &len), MRT_OK);
  assert_int_equal(len, 16);
  /* Detached: no bytes. */
  mrt_value *det = eval(rt, "const d = new ArrayBuffer(8); structuredClone(d, {transfer: [d]}); d");
  assert_int_equal(mrt_buffer_data(rt, det, &data, &len), MRT_OK);
  assert_int_equal(len, 0);

  /* Misuse: out of bounds, misaligned, wrong types, NULLs, another runtime's. */
  assert_null(mrt_typed_array(rt, MRT_UINT16_ARRAY, ab, 1, 1)); /* misaligned */
  assert_string_equal(mrt_last_error(rt)->name, "RangeError");
  assert_null(mrt_typed_array(rt, MRT_UINT32_ARRAY, ab, 4, 2)); /* past the end */
  assert_null(mrt_typed_array(rt, MRT_FLOAT64_ARRAY, ab, 0, SIZE_MAX / 4)); /* overflow */
  assert_int_equal(mrt_last_error(rt)->code, MRT_EINVAL);
  assert_null(mrt_typed_array(rt, MRT_UINT8_ARRAY, ab, 9, 0)); /* offset past the end */
  assert_null(mrt_typed_array(rt, (mrt_typed_array_type)99, ab, 0, 1));
  assert_non_null(strstr(mrt_last_error(rt)->message, "unknown type"));
  assert_null(mrt_typed_array(rt, MRT_UINT8_ARRAY, u16, 0, 1)); /* a view is not a buffer */
  assert_non_null(strstr(mrt_last_error(rt)->message, "not an ArrayBuffer"));
  assert_null(mrt_typed_array(rt, MRT_UINT8_ARRAY, NULL, 0, 1));
  mrt_value *theirs = mrt_array_buffer(other, NULL, 4, NULL);
  assert_null(mrt_typed_array(rt, MRT_UINT8_ARRAY, theirs, 0, 1));
  assert_int_equal(mrt_buffer_data(rt, theirs, &data, &len), MRT_EINVAL);
  assert_int_equal(mrt_buffer_data(rt, g, &data, &len), MRT_EINVAL);
  assert_null(data);
  assert_int_equal(mrt_buffer_data(rt, ab, NULL, &len), MRT_EINVAL);
  assert_int_equal(mrt_buffer_data(NULL, ab, &data, &len), MRT_EINVAL);
  assert_int_equal(mrt_typed_array_info(rt, ab, &type, NULL, NULL, NULL), MRT_EINVAL);
  assert_int_equal(mrt_typed_array_info(rt, theirs, NULL, NULL, NULL, NULL), MRT_EINVAL);
  assert_null(mrt_array_buffer(NULL, NULL, 1, NULL));
  mrt_value_free(other, theirs);
  assert_int_equal(mrt_scope_close(rt), MRT_OK);
  mrt_runtime_free(rt);
  mrt_runtime_free(other);
}

/* ---------------------------------------------------------------- functions */

static void c_add(mrt_op_call *c) {
  int *calls = mrt_op_data(c);
  (*calls)++;
  if (mrt_op_argc(c) < 2) {
    mrt_op_throw(c, "EARGS", "two numbers please");
    return;
  }
  mrt_op_return_number(c, mrt_op_arg_number(c, 0) + mrt_op_arg_number(c, 1));
}

/* Calls its argument (a JS function) from C with mrt_call. */
static void c_call_back(mrt_op_call *c) {
  mrt_runtime *rt = mrt_op_runtime(c);
  mrt_value *fn = mrt_op_arg_value(c, 0), *arg = mrt_number(rt, 20), *out = NULL;
  assert_int_equal(mrt_op_async_id(c), 0);
  if (mrt_call(rt, fn, NULL, 1, &arg, &out) == MRT_OK) mrt_op_return_value(c, out);
  /* No frees: the call's scope releases fn, arg and out. */
}

static void functions(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  int calls = 0;
  assert_int_equal(mrt_scope_open(rt), MRT_OK);
  mrt_value *add = mrt_function(rt, "add", c_add, &calls);
  assert_int_equal(mrt_value_type(rt, add), MRT_TYPE_FUNCTION);
  /* From C. */
  mrt_value *args[2] = {mrt_number(rt, 2), mrt_number(rt, 3)}, *out = NULL;
  assert_int_equal(mrt_call(rt, add, NULL, 2, args, &out), MRT_OK);
  assert_true(mrt_value_to_number(rt, out) == 5);
  /* From JS: its name, its error, no `new`. */
  mrt_value *g = mrt_global(rt);
  assert_int_equal(mrt_set(rt, g, "add", add), MRT_OK);
  assert_true(eval_number(rt, "add(40, 2)") == 42);
  char *s = eval_string(rt, "add.name");
  assert_string_equal(s, "add");
  mrt_free(s);
  s = eval_string(rt, "try { add(1) } catch (e) { e.code + ': ' + e.message }");
  assert_string_equal(s, "EARGS: two numbers please");
  mrt_free(s);
  s = eval_string(rt, "try { new add(1, 2); 'constructed' } catch (e) { e.name }");
  assert_string_equal(s, "TypeError");
  mrt_free(s);
  assert_int_equal(calls, 3);
  /* A C function calling back into JS. */
  mrt_value *cb = mrt_function(rt, NULL, c_call_back, NULL);
  assert_int_equal(mrt_set(rt, g, "callBack", cb), MRT_OK);
  assert_true(eval_number(rt, "callBack(x => x + 1)") == 21);
  /* Misuse. */
  assert_null(mrt_function(rt, "x", NULL, NULL));
  assert_int_equal(mrt_last_error(rt)->code, MRT_EINVAL);
  assert_null(mrt_function(NULL, "x", c_add, NULL));
  assert_int_equal(mrt_scope_close(rt), MRT_OK);
  /* Collected once unreachable: their records go with them (LSan checks the rest go with
   * the runtime). */
  assert_int_equal(run(rt, "delete globalThis.add; delete globalThis.callBack; gc(); gc();"),
                   MRT_OK);
  mrt_value *kept = mrt_function(rt, "kept", c_add, &calls);
  (void)kept;
  mrt_runtime_free(rt);
}

/* ---------------------------------------------------------------- promises */

static void promises_settled_from_c(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime(), *other = new_runtime();
  assert_int_equal(mrt_scope_open(rt), MRT_OK);
  mrt_value *p = mrt_promise_new(rt), *out = NULL, *g = mrt_global(rt);
  assert_int_equal(mrt_value_type(rt, p), MRT_TYPE_PROMISE);
  assert_int_equal(mrt_set(rt, g, "p", p), MRT_OK);
  assert_int_equal(run(rt, "globalThis.seen = 0; p.then(v => { seen = v })"), MRT_OK);
  assert_int_equal(mrt_promise_resolve(rt, p, mrt_number(rt, 7)), MRT_OK);
  assert_int_equal(mrt_poll_event_loop(rt), MRT_READY);
  assert_true(eval_number(rt, "seen") == 7);
  assert_int_equal(mrt_poll_value(rt, p, &out), MRT_PROMISE_FULFILLED);
  assert_true(mrt_value_to_number(rt, out) == 7);
  /* Once only. */
  assert_int_equal(mrt_promise_resolve(rt, p, NULL), MRT_ESTATE);
  assert_int_equal(mrt_promise_reject(rt, p, NULL), MRT_ESTATE);
  assert_non_null(strstr(mrt_last_error(rt)->message, "settled already"));

  /* Rejected from C: the caller's poll gets it. */
  mrt_value *q = mrt_promise_new(rt);
  mrt_value *err = eval(rt, "new RangeError('from C')");
  assert_int_equal(mrt_promise_reject(rt, q, err), MRT_OK);
  assert_int_equal(mrt_poll_value(rt, q, &out), MRT_PROMISE_REJECTED);
  assert_string_equal(mrt_last_error(rt)->message, "from C");
  /* Resolved with undefined; and settled later, with the loop kept alive meanwhile. */
  mrt_value *r = mrt_promise_new(rt);
  assert_int_equal(mrt_ref(rt), MRT_OK);
  assert_int_equal(mrt_poll_value(rt, r, &out), MRT_PROMISE_PENDING);
  assert_int_equal(mrt_promise_resolve(rt, r, NULL), MRT_OK);
  assert_int_equal(mrt_unref(rt), MRT_OK);
  assert_int_equal(mrt_resolve_value(rt, r, &out), MRT_OK);
  assert_int_equal(mrt_value_type(rt, out), MRT_TYPE_UNDEFINED);
  /* A thenable locks it in: a second settle is refused even while it is pending. */
  mrt_value *t = mrt_promise_new(rt);
  mrt_value *never = eval(rt, "new Promise(() => {})");
  assert_int_equal(mrt_promise_resolve(rt, t, never), MRT_OK);
  assert_int_equal(mrt_promise_reject(rt, t, NULL), MRT_ESTATE);

  /* Misuse: JS's own promises, non-promises, another runtime's, NULLs. */
  assert_int_equal(mrt_promise_resolve(rt, never, NULL), MRT_EINVAL);
  assert_non_null(strstr(mrt_last_error(rt)->message, "mrt_promise_new"));
  assert_int_equal(mrt_promise_resolve(rt, g, NULL), MRT_EINVAL);
  assert_int_equal(mrt_promise_resolve(rt, NULL, NULL), MRT_EINVAL);
  assert_int_equal(mrt_promise_resolve(NULL, p, NULL), MRT_EINVAL);
  mrt_value *theirs = mrt_promise_new(other);
  assert_int_equal(mrt_promise_resolve(rt, theirs, NULL), MRT_EINVAL);
  assert_int_equal(mrt_promise_resolve(rt, mrt_promise_new(rt), theirs), MRT_EINVAL);
  assert_int_equal(mrt_promise_resolve(other, theirs, NULL), MRT_OK);
  assert_null(mrt_promise_new(NULL));
  mrt_value_free(other, theirs);
  assert_int_equal(mrt_scope_close(rt), MRT_OK);
  mrt_runtime_free(rt);
  mrt_runtime_free(other);
}

static void unhandled_rejection_from_c(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  mrt_value *p = mrt_promise_new(rt), *e = eval(rt, "new Error('nobody listens')");
  assert_int_equal(mrt_promise_reject(rt, p, e), MRT_OK);
  assert_int_equal(mrt_run_event_loop(rt), MRT_EUNHANDLED);
  assert_string_equal(mrt_last_error(rt)->message, "nobody listens");
  mrt_runtime_free(rt);
}

/* ---------------------------------------------------------------- console capture */

typedef struct captured {
  char text[512];
  size_t len;
  int calls, fds[8];
} captured;

static void capture(void *data, int fd, const char *bytes, size_t len) {
  captured *c = data;
  if (c->calls < 8) c->fds[c->calls] = fd;
  c->calls++;
  if (c->len + len < sizeof c->text) {
    memcpy(c->text + c->len, bytes, len);
    c->len += len;
    c->text[c->len] = 0;
  }
}

static void console_capture(void **state) {
  (void)state;
  captured cap = {0};
  mrt_options opts;
  mrt_options_init(&opts);
  opts.v8_flags = TEST_V8_FLAGS;
  opts.write = capture;
  opts.write_data = &cap;
  mrt_runtime *rt = NULL;
  assert_int_equal(mrt_runtime_new(&opts, &rt), MRT_OK);
  assert_int_equal(run(rt, "console.log('one', 1); console.log({a: 2}); console.error('two')"),
                   MRT_OK);
  /* stdout came first (flushed before the stderr write), in order. */
  assert_string_equal(cap.text, "one 1\n{ a: 2 }\ntwo\n");
  assert_int_equal(cap.calls, 2);
  assert_int_equal(cap.fds[0], 1);
  assert_int_equal(cap.fds[1], 2);
  assert_int_equal(run(rt, "console.log('three')"), MRT_OK);
  assert_int_equal(cap.calls, 2); /* buffered */
  mrt_flush(rt);
  assert_int_equal(cap.calls, 3);
  assert_string_equal(cap.text + strlen("one 1\n{ a: 2 }\ntwo\n"), "three\n");
  assert_int_equal(run(rt, "console.log('at free')"), MRT_OK);
  mrt_runtime_free(rt);
  assert_non_null(strstr(cap.text, "at free\n"));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(arrays_keys_json),
      cmocka_unit_test(bigints),
      cmocka_unit_test(buffers),
      cmocka_unit_test(functions),
      cmocka_unit_test(promises_settled_from_c),
      cmocka_unit_test(unhandled_rejection_from_c),
      cmocka_unit_test(console_capture),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
