/* test_op_api.c: the public op API the built-in extensions use: mrt_op_is_async (one C
 * function for an op's sync and async forms), mrt_op_return_result (typed throws with
 * code/syscall/path, byte returns, the same record as async completion) and the resource
 * table (mrt_resource_*), each with its misuse. */

#include <pthread.h>

#include "test_helpers.h"

/* ---------------------------------------------------------------- results */

static int free_calls;
static void count_free(void *p) {
  free_calls++;
  free(p);
}

/* (what) -> a result of each kind; the same function serves the sync and the async op. */
static void op_result(mrt_op_call *c) {
  const char *what = mrt_op_arg_string(c, 0, NULL);
  mrt_result res = {0};
  if (!what) return;
  if (!strcmp(what, "number")) {
    res.kind = MRT_RESULT_NUMBER;
    res.number = mrt_op_is_async(c) ? 2 : 1;
  } else if (!strcmp(what, "boolean")) {
    res.kind = MRT_RESULT_BOOLEAN;
    res.number = 1;
  } else if (!strcmp(what, "string")) {
    res.kind = MRT_RESULT_STRING;
    res.bytes = "h\xc3\xa9";
    res.len = 3;
  } else if (!strcmp(what, "owned-string")) {
    res.kind = MRT_RESULT_STRING;
    res.bytes = strdup("mine");
    res.len = 4;
    res.free_bytes = count_free;
  } else if (!strcmp(what, "bytes")) { /* adopted: no copy */
    unsigned char *b = malloc(3);
    b[0] = 1, b[1] = 2, b[2] = 3;
    res.kind = MRT_RESULT_BUFFER;
    res.bytes = b;
    res.len = 3;
    res.free_bytes = count_free;
  } else if (!strcmp(what, "copied-bytes")) {
    res.kind = MRT_RESULT_BUFFER;
    res.bytes = "\x07\x08";
    res.len = 2;
  } else if (!strcmp(what, "enoent")) {
    res.kind = MRT_RESULT_ERROR;
    res.uv_errno = -2; /* UV_ENOENT */
    res.syscall = "open";
    res.path = "x";
  } else if (!strcmp(what, "type")) {
    res.kind = MRT_RESULT_ERROR;
    res.name = "TypeError";
    res.code = "ERR_INVALID_ARG_TYPE";
    res.message = "bad arg";
  } else if (!strcmp(what, "range")) {
    res.kind = MRT_RESULT_ERROR;
    res.name = "RangeError";
    res.code = "ERR_OUT_OF_RANGE";
  } else if (!strcmp(what, "invalid-kind")) {
    res.kind = (mrt_result_kind)99;
  } else if (!strcmp(what, "invalid-bytes")) {
    res.kind = MRT_RESULT_BUFFER;
    res.len = 5; /* NULL bytes with a length */
  } else if (!strcmp(what, "null")) {
    int rc = mrt_op_return_result(c, NULL);
    if (rc != MRT_EINVAL) mrt_op_throw(c, "WRONG", "NULL res accepted");
    return;
  } else if (!strcmp(what, "undefined")) {
    res.kind = MRT_RESULT_UNDEFINED;
  }
  int rc = mrt_op_return_result(c, &res);
  int invalid = !strcmp(what, "invalid-kind") || !strcmp(what, "invalid-bytes");
  if ((rc == MRT_EINVAL) != invalid) mrt_op_throw(c, "WRONG", "unexpected return code");
}

static char *resolve_string(mrt_runtime *rt, const char *src) {
  mrt_value *p = NULL, *v = NULL;
  assert_int_equal(mrt_execute_script(rt, "t.js", src, strlen(src), &p), MRT_OK);
  assert_int_equal(mrt_resolve_value(rt, p, &v), MRT_OK);
  char *s = mrt_value_to_string(rt, v, NULL);
  mrt_value_free(rt, p);
  mrt_value_free(rt, v);
  return s;
}

static void results(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  mrt_op_decl sync = {.name = "res", .fn = op_result};
  mrt_op_decl async = {.name = "resAsync", .fn = op_result, .async = 1};
  assert_int_equal(mrt_register_op(rt, &sync), MRT_OK);
  assert_int_equal(mrt_register_op(rt, &async), MRT_OK);
  free_calls = 0;
  const char *describe =
      "globalThis.d = (f) => { try { const v = f();"
      "  return v instanceof Uint8Array ? 'u8:' + v.join(',') : typeof v + ':' + v }"
      " catch (e) { return [e.constructor.name, e.code, e.syscall, e.path, e.message].join('|') } };"
      "globalThis.kinds = ['number', 'boolean', 'string', 'owned-string', 'bytes', 'copied-bytes',"
      "  'undefined', 'enoent', 'type', 'range', 'invalid-kind', 'invalid-bytes', 'null'];"
      "kinds.map(k => d(() => mrt.ops.res(k))).join('\\n')";
  char *s = eval_string(rt, describe);
  assert_string_equal(s,
                      "number:1\n"
                      "boolean:true\n"
                      "string:h\xc3\xa9\n"
                      "string:mine\n"
                      "u8:1,2,3\n"
                      "u8:7,8\n"
                      "undefined:undefined\n"
                      "Error|ENOENT|open|x|ENOENT: no such file or directory, open 'x'\n"
                      "TypeError|ERR_INVALID_ARG_TYPE|||bad arg\n"
                      "RangeError|ERR_OUT_OF_RANGE|||ERR_OUT_OF_RANGE: operation failed\n"
                      "TypeError|ERR_INVALID_ARG_VALUE|||mrt_op_return_result: invalid result\n"
                      "TypeError|ERR_INVALID_ARG_VALUE|||mrt_op_return_result: invalid result\n"
                      "TypeError|ERR_INVALID_ARG_VALUE|||mrt_op_return_result: invalid result");
  mrt_free(s);
  assert_int_equal(free_calls, 1); /* the owned string (the adopted bytes go with their GC) */

  /* The async form settles with the same values (through the batch). */
  s = resolve_string(
      rt,
      "(async () => { const out = []; for (const k of kinds) {"
      "  try { const v = await mrt.ops.resAsync(k);"
      "    out.push(v instanceof Uint8Array ? 'u8:' + v.join(',') : typeof v + ':' + v) }"
      "  catch (e) { out.push([e.constructor.name, e.code, e.syscall, e.path, e.message].join('|')) } }"
      "  return out.join('\\n') })()");
  assert_string_equal(s,
                      "number:2\n"
                      "boolean:true\n"
                      "string:h\xc3\xa9\n"
                      "string:mine\n"
                      "u8:1,2,3\n"
                      "u8:7,8\n"
                      "undefined:undefined\n"
                      "Error|ENOENT|open|x|ENOENT: no such file or directory, open 'x'\n"
                      "TypeError|ERR_INVALID_ARG_TYPE|||bad arg\n"
                      "RangeError|ERR_OUT_OF_RANGE|||ERR_OUT_OF_RANGE: operation failed\n"
                      "TypeError|ERR_INVALID_ARG_VALUE|||mrt_op_return_result: invalid result\n"
                      "TypeError|ERR_INVALID_ARG_VALUE|||mrt_op_return_result: invalid result\n"
                      "TypeError|ERR_INVALID_ARG_VALUE|||mrt_op_return_result: invalid result");
  mrt_free(s);
  mrt_op_stats st;
  assert_int_equal(mrt_op_get_stats(rt, "res", &st), MRT_OK);
  assert_int_equal(st.errors, 6); /* three errors, three invalid results */
  mrt_runtime_free(rt);
}

static int seen_async = -1;
static void op_is_async(mrt_op_call *c) {
  seen_async = mrt_op_is_async(c);
  mrt_result res = {.kind = MRT_RESULT_NUMBER, .number = seen_async};
  mrt_op_return_result(c, &res);
}

static void is_async_and_misuse(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  mrt_op_decl sync = {.name = "which", .fn = op_is_async};
  mrt_op_decl async = {.name = "whichAsync", .fn = op_is_async, .async = 1};
  assert_int_equal(mrt_register_op(rt, &sync), MRT_OK);
  assert_int_equal(mrt_register_op(rt, &async), MRT_OK);
  assert_true(eval_number(rt, "mrt.ops.which()") == 0);
  char *s = resolve_string(rt, "mrt.ops.whichAsync()");
  assert_string_equal(s, "1");
  mrt_free(s);
  /* A C function made with mrt_function has no op behind its call: not async, and its
   * results (values and errors) are returned as a sync op's. */
  assert_int_equal(mrt_scope_open(rt), MRT_OK);
  mrt_value *g = mrt_global(rt), *fn = mrt_function(rt, "which", op_is_async, NULL);
  assert_int_equal(mrt_set(rt, g, "whichFn", fn), MRT_OK);
  mrt_value *rfn = mrt_function(rt, "res", op_result, NULL);
  assert_int_equal(mrt_set(rt, g, "resFn", rfn), MRT_OK);
  assert_int_equal(mrt_scope_close(rt), MRT_OK);
  seen_async = -1;
  assert_true(eval_number(rt, "whichFn()") == 0);
  assert_int_equal(seen_async, 0);
  s = eval_string(rt, "try { resFn('enoent') } catch (e) { e.code + '|' + e.message }");
  assert_string_equal(s, "ENOENT|ENOENT: no such file or directory, open 'x'");
  mrt_free(s);
  s = eval_string(rt, "try { resFn('invalid-kind') } catch (e) { e.code }");
  assert_string_equal(s, "ERR_INVALID_ARG_VALUE");
  mrt_free(s);
  /* NULL call: neutral values, nothing happens. */
  assert_int_equal(mrt_op_is_async(NULL), 0);
  mrt_result res = {.kind = MRT_RESULT_NUMBER, .number = 1};
  assert_int_equal(mrt_op_return_result(NULL, &res), MRT_EINVAL);
  mrt_runtime_free(rt);
}

/* A refused completion still took the bytes it handed over (mrt_result): they are released
 * at once on the runtime's thread, as the threadsafe path releases them at delivery. */
static void refused_completion_releases_bytes(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  free_calls = 0;
  mrt_result res = {.kind = MRT_RESULT_STRING, .bytes = strdup("x"), .len = 1,
                    .free_bytes = count_free};
  assert_int_equal(mrt_op_complete(rt, 0x80000000u, &res), MRT_EINVAL); /* never handed out */
  assert_int_equal(free_calls, 1);
  res.bytes = strdup("y");
  assert_int_equal(mrt_op_complete_threadsafe(rt, 0x80000001u, &res), MRT_OK);
  assert_int_equal(mrt_poll_event_loop(rt), MRT_READY); /* refused at delivery */
  assert_int_equal(free_calls, 2);
  mrt_async_stats st;
  assert_int_equal(mrt_get_async_stats(rt, &st), MRT_OK);
  assert_int_equal(st.rejected_completions, 2);
  mrt_runtime_free(rt);
}

/* ---------------------------------------------------------------- resources */

static int closed_a, closed_b;
static mrt_runtime *closed_rt;
static void close_a(mrt_runtime *rt, void *p) {
  closed_a++;
  closed_rt = rt;
  free(p);
}
static void close_b(mrt_runtime *rt, void *p) {
  (void)rt;
  closed_b++;
  free(p);
}
static const mrt_resource_kind kind_a = {"a", close_a};
static const mrt_resource_kind kind_b = {"b", close_b};
static const mrt_resource_kind kind_no_close = {"broken", NULL};

static void resources(void **state) {
  (void)state;
  closed_a = closed_b = 0;
  mrt_runtime *rt = new_runtime();
  mrt_runtime *other = new_runtime();
  assert_int_equal(mrt_resource_count(rt), 0);
  int r0 = mrt_resource_add(rt, &kind_a, malloc(1));
  int r1 = mrt_resource_add(rt, &kind_b, malloc(1));
  int r2 = mrt_resource_add(rt, &kind_a, malloc(1));
  assert_true(r0 >= 0 && r1 >= 0 && r2 >= 0 && r0 != r1 && r1 != r2 && r0 != r2);
  assert_int_equal(mrt_resource_count(rt), 3);
  /* By kind, or any kind; never another runtime's, never a non-rid. */
  assert_non_null(mrt_resource_get(rt, r0, &kind_a));
  assert_null(mrt_resource_get(rt, r0, &kind_b));
  assert_non_null(mrt_resource_get(rt, r1, NULL));
  assert_null(mrt_resource_get(other, r0, NULL));
  assert_null(mrt_resource_get(rt, 0.5 + r0, NULL));
  assert_null(mrt_resource_get(rt, -1, NULL));
  assert_null(mrt_resource_get(rt, 0.0 / 0.0, NULL));
  assert_null(mrt_resource_get(rt, 1e300, NULL));
  assert_null(mrt_resource_get(NULL, r0, NULL));
  /* Close calls the kind's close once; the rid is gone (a second close is refused). */
  assert_int_equal(mrt_resource_close(rt, r0, &kind_b), MRT_ENOTFOUND); /* wrong kind */
  assert_int_equal(mrt_resource_close(rt, r0, &kind_a), MRT_OK);
  assert_int_equal(closed_a, 1);
  assert_ptr_equal(closed_rt, rt);
  assert_int_equal(mrt_resource_close(rt, r0, &kind_a), MRT_ENOTFOUND);
  assert_string_equal(mrt_last_error(rt)->message, "Bad resource ID");
  assert_null(mrt_resource_get(rt, r0, NULL));
  /* A freed rid is handed out again. */
  int r3 = mrt_resource_add(rt, &kind_b, malloc(1));
  assert_int_equal(r3, r0);
  /* Take: removed, not closed; the caller owns it. */
  void *p = NULL;
  assert_int_equal(mrt_resource_take(rt, r3, &kind_b, &p), MRT_OK);
  assert_non_null(p);
  free(p);
  assert_int_equal(closed_b, 0);
  assert_int_equal(mrt_resource_take(rt, r3, NULL, NULL), MRT_ENOTFOUND);
  /* Misuse. */
  assert_int_equal(mrt_resource_add(NULL, &kind_a, &p), MRT_EINVAL);
  assert_int_equal(mrt_resource_add(rt, NULL, &p), MRT_EINVAL);
  assert_int_equal(mrt_resource_add(rt, &kind_no_close, &p), MRT_EINVAL);
  assert_int_equal(mrt_resource_add(rt, &kind_a, NULL), MRT_EINVAL);
  assert_int_equal(mrt_resource_close(NULL, r1, NULL), MRT_EINVAL);
  assert_int_equal(mrt_resource_take(NULL, r1, NULL, NULL), MRT_EINVAL);
  assert_int_equal(mrt_resource_count(NULL), 0);
  assert_int_equal(mrt_resource_count(rt), 2);
  /* Those still open close with the runtime, in one loop. */
  mrt_runtime_free(rt);
  assert_int_equal(closed_a, 2);
  assert_int_equal(closed_b, 1);
  mrt_runtime_free(other);
}

/* A close function that tries to add a resource during teardown is refused (MRT_ESTATE). */
static int late_add_rc;
static void close_adds(mrt_runtime *rt, void *p) {
  free(p);
  void *q = malloc(1);
  late_add_rc = mrt_resource_add(rt, &kind_a, q);
  if (late_add_rc < 0) free(q); /* refused: still ours */
}
static const mrt_resource_kind kind_adds = {"adds", close_adds};

static void resources_teardown(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  late_add_rc = 0;
  assert_true(mrt_resource_add(rt, &kind_adds, malloc(1)) >= 0);
  mrt_runtime_free(rt);
  assert_int_equal(late_add_rc, MRT_ESTATE); /* and nothing leaked (LSan) */
}

/* The built-in files are resources of the same table. */
static void files_are_resources(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  char path[] = "/tmp/mrt_op_api_XXXXXX";
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  close(fd);
  char src[256];
  snprintf(src, sizeof src, "globalThis.f = mrt.openSync('%s', {write: true}); 1", path);
  assert_int_equal(run(rt, src), MRT_OK);
  assert_int_equal(mrt_resource_count(rt), 1);
  assert_int_equal(run(rt, "f.close()"), MRT_OK);
  assert_int_equal(mrt_resource_count(rt), 0);
  char *s = eval_string(rt, "try { f.close(); 'no' } catch (e) { e.code + ' ' + e.message }");
  assert_string_equal(s, "EBADF Bad resource ID");
  mrt_free(s);
  /* One left open is closed by mrt_runtime_free. */
  assert_int_equal(run(rt, src), MRT_OK);
  mrt_runtime_free(rt);
  unlink(path);
}

/* ---------------------------------------------------------------- buffer holds */

static mrt_buffer_hold *held;
static void *held_data;
static size_t held_len;
static uint32_t held_id;

/* async (u8): holds the bytes; completed later by fill_held from C. */
static void op_hold(mrt_op_call *c) {
  held = mrt_op_arg_buffer_hold(c, 0, &held_data, &held_len);
  held_id = mrt_op_async_id(c);
  if (!held) mrt_op_throw(c, "ENOTBUF", "not a buffer");
}

static void fill_held(mrt_runtime *rt) {
  memset(held_data, 7, held_len);
  mrt_result res = {.kind = MRT_RESULT_NUMBER, .number = (double)held_len};
  assert_int_equal(mrt_op_complete(rt, held_id, &res), MRT_OK);
}

static void *release_elsewhere(void *arg) {
  return (void *)(intptr_t)mrt_buffer_release(arg);
}

static void buffer_holds(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  mrt_op_decl hold = {.name = "hold", .fn = op_hold, .async = 1};
  assert_int_equal(mrt_register_op(rt, &hold), MRT_OK);
  /* The JS side transfers (detaches) the buffer and drops it; the memory stays valid. */
  assert_int_equal(run(rt, "globalThis.u8 = new Uint8Array(4096);"
                           "globalThis.p = mrt.ops.hold(u8.subarray(8, 24));"
                           "structuredClone(u8.buffer, {transfer: [u8.buffer]});"
                           "globalThis.u8 = null; gc(); gc();"),
            MRT_OK);
  assert_non_null(held);
  assert_int_equal(held_len, 16);
  fill_held(rt); /* ASan: no use after free */
  char *s = eval_string(rt, "p.then(n => globalThis.r = n); 1");
  mrt_free(s);
  assert_int_equal(mrt_run_event_loop(rt), MRT_OK);
  assert_true(eval_number(rt, "r") == 16);
  /* Another thread may not release it; the runtime's may. */
  pthread_t th;
  void *rc;
  pthread_create(&th, NULL, release_elsewhere, held);
  pthread_join(th, &rc);
  assert_int_equal((int)(intptr_t)rc, MRT_ESTATE);
  assert_int_equal(mrt_buffer_release(held), MRT_OK);
  /* Misuse. */
  assert_int_equal(mrt_buffer_release(NULL), MRT_EINVAL);
  assert_null(mrt_op_arg_buffer_hold(NULL, 0, &held_data, &held_len));
  s = eval_string(rt, "mrt.ops.hold('not bytes').catch(e => e.code); 1");
  mrt_free(s);
  assert_null(held);
  /* A hold still out at free lets go of its memory then; releasing it later frees only the
   * hold (LSan: nothing leaked, ASan: nothing touched after free). */
  assert_int_equal(run(rt, "mrt.ops.hold(new Uint8Array(8))"), MRT_OK);
  mrt_buffer_hold *late = held;
  assert_non_null(late);
  uint32_t late_id = held_id;
  mrt_runtime_free(rt);
  assert_int_equal(mrt_buffer_release(late), MRT_OK);
  /* The call still in flight ends as the contract says (its shell goes with it). */
  mrt_result res = {.kind = MRT_RESULT_UNDEFINED};
  assert_int_equal(mrt_op_complete_threadsafe(rt, late_id, &res), MRT_ESTATE);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(results),
      cmocka_unit_test(is_async_and_misuse),
      cmocka_unit_test(refused_completion_releases_bytes),
      cmocka_unit_test(resources),
      cmocka_unit_test(resources_teardown),
      cmocka_unit_test(files_are_resources),
      cmocka_unit_test(buffer_holds),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
