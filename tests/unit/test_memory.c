/* test_memory.c: heap limits and the near-heap-limit policy, termination from another
 * thread, the ArrayBuffer allocator's counters. */
#include <pthread.h>
#include <unistd.h>

#include "test_helpers.h"

static mrt_runtime *runtime_with_heap(size_t max_mb) {
  mrt_options opts;
  mrt_options_init(&opts);
  opts.v8_flags = TEST_V8_FLAGS;
  opts.max_heap_mb = max_mb;
  mrt_runtime *rt = NULL;
  assert_int_equal(mrt_runtime_new(&opts, &rt), MRT_OK);
  return rt;
}

static const char grow_forever[] = "const keep = []; for (;;) keep.push(new Array(1e4).fill({}));";

static void default_policy_terminates(void **state) {
  (void)state;
  mrt_runtime *rt = runtime_with_heap(32);
  assert_int_equal(run(rt, grow_forever), MRT_EHEAPLIMIT);
  const mrt_error *e = mrt_last_error(rt);
  assert_string_equal(e->name, "RangeError");
  assert_string_equal(e->message, "heap limit exceeded (32 MB)");
  char *report = mrt_error_format(e);
  assert_non_null(strstr(report, "Uncaught RangeError: heap limit exceeded (32 MB)"));
  mrt_free(report);
  /* Alive and usable afterwards, and destroyable. */
  assert_true(eval_number(rt, "40 + 2") == 42);
  mrt_runtime_free(rt);
}

/* Live data that becomes garbage when the call ends: each run can hit the limit anew. */
static const char grow_in_call[] =
    "(() => { const keep = []; for (;;) keep.push(new Array(1e4).fill({})); })()";

static void hit_twice_then_usable(void **state) {
  (void)state;
  mrt_runtime *rt = runtime_with_heap(16);
  for (int i = 0; i < 2; i++) {
    assert_int_equal(run(rt, grow_in_call), MRT_EHEAPLIMIT);
    assert_string_equal(mrt_last_error(rt)->message, "heap limit exceeded (16 MB)");
    assert_true(eval_number(rt, "40 + 2") == 42);
  }
  /* The limit is back where it was: the next runaway stops near it again. */
  mrt_heap_stats st;
  assert_int_equal(mrt_get_heap_stats(rt, &st), MRT_OK);
  assert_true(st.heap_limit < 32u * 1024 * 1024);
  mrt_runtime_free(rt);
}

static void terminate_after_hit_is_termination(void **state) {
  (void)state;
  mrt_runtime *rt = runtime_with_heap(16);
  assert_int_equal(run(rt, grow_in_call), MRT_EHEAPLIMIT);
  mrt_terminate(rt);
  assert_int_equal(run(rt, "for (;;) {}"), MRT_ETERMINATED);
  assert_string_equal(mrt_last_error(rt)->message, "execution terminated");
  assert_true(eval_number(rt, "1 + 1") == 2);
  mrt_runtime_free(rt);
}

/* One allocation far larger than the limit, in one piece, made by V8 and by mrt. */
static void large_single_allocations(void **state) {
  (void)state;
  static const char *const sources[] = {
      "('x'.repeat(2e7) + 'y'.repeat(2e7)).toUpperCase().length",
      "new TextDecoder().decode(new Uint8Array(20e6).fill(97)).length",
      "new Array(3e7).fill(1.5).length",
  };
  mrt_runtime *rt = runtime_with_heap(16);
  for (size_t i = 0; i < sizeof sources / sizeof sources[0]; i++) {
    int rc = run(rt, sources[i]);
    if (rc != MRT_EHEAPLIMIT) fail_msg("%s: %d", sources[i], rc);
    assert_true(eval_number(rt, "40 + 2") == 42);
  }
  /* A string the embedder makes: refused, with the same error. */
  size_t n = 40u * 1024 * 1024;
  char *big = malloc(n);
  memset(big, 'a', n);
  assert_null(mrt_string(rt, big, n));
  assert_int_equal(mrt_last_error(rt)->code, MRT_EHEAPLIMIT);
  free(big);
  assert_true(eval_number(rt, "40 + 2") == 42);
  mrt_runtime_free(rt);
}

/* Hits in the loop's phases: a microtask checkpoint, a timer. */
static void hit_in_loop_phases(void **state) {
  (void)state;
  static const char *const sources[] = {
      "{ const a = []; (function f() { a.push(new Array(100)); queueMicrotask(f); })(); }",
      "{ const a = []; setTimeout(() => { for (;;) a.push(new Array(1e4).fill({})); }, 0); }",
      "{ const a = []; Promise.resolve().then(function f() {"
      " for (let i = 0; i < 100; i++) a.push(new Array(1e3).fill(i));"
      " return Promise.resolve().then(f); }); }",
  };
  mrt_runtime *rt = runtime_with_heap(16);
  for (size_t i = 0; i < sizeof sources / sizeof sources[0]; i++) {
    assert_int_equal(run(rt, sources[i]), MRT_OK);
    assert_int_equal(mrt_run_event_loop(rt), MRT_EHEAPLIMIT);
    assert_string_equal(mrt_last_error(rt)->message, "heap limit exceeded (16 MB)");
    assert_true(eval_number(rt, "40 + 2") == 42);
  }
  mrt_runtime_free(rt);
}

static void invalid_heap_options(void **state) {
  (void)state;
  mrt_options opts;
  mrt_runtime *rt = NULL;
  for (size_t mb = 1; mb < MRT_MIN_HEAP_MB; mb++) {
    mrt_options_init(&opts);
    opts.max_heap_mb = mb;
    assert_int_equal(mrt_runtime_new(&opts, &rt), MRT_EINVAL);
    assert_null(rt);
    assert_int_equal(mrt_last_error(NULL)->code, MRT_EINVAL);
    assert_non_null(strstr(mrt_last_error(NULL)->message, "minimum of 8 MB"));
  }
  mrt_options_init(&opts);
  opts.max_heap_mb = 16;
  opts.initial_heap_mb = 64;
  assert_int_equal(mrt_runtime_new(&opts, &rt), MRT_EINVAL);
  assert_non_null(strstr(mrt_last_error(NULL)->message, "initial_heap_mb"));
  /* The smallest accepted limit boots, and a runaway there still ends cleanly. */
  opts.v8_flags = TEST_V8_FLAGS;
  opts.max_heap_mb = MRT_MIN_HEAP_MB;
  opts.initial_heap_mb = 0;
  assert_int_equal(mrt_runtime_new(&opts, &rt), MRT_OK);
  assert_int_equal(mrt_last_error(NULL)->code, MRT_OK);
  assert_int_equal(run(rt, grow_in_call), MRT_EHEAPLIMIT);
  mrt_runtime_free(rt);
}

static int marks;
static void op_mark(mrt_op_call *c) {
  (void)c;
  marks++;
}

/* mrt.exit() ends the running JS at once: not even a native op call runs after it. */
static void exit_stops_at_once(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  mrt_op_decl mark = {.name = "mark", .fn = op_mark};
  assert_int_equal(mrt_register_op(rt, &mark), MRT_OK);
  marks = 0;
  assert_int_equal(run(rt, "mrt.ops.mark(); mrt.exit(3); mrt.ops.mark();"), MRT_ETERMINATED);
  assert_int_equal(marks, 1);
  assert_int_equal(mrt_exit_code(rt), 3);
  assert_int_equal(run(rt, "try { mrt.exit(4); } finally { mrt.ops.mark(); }"),
                   MRT_ETERMINATED);
  assert_int_equal(marks, 1);
  assert_int_equal(mrt_exit_code(rt), 4);
  mrt_runtime_free(rt);
}

/* An async op whose result is a string larger than the whole heap. */
static void op_big_text(mrt_op_call *c) {
  size_t n = 40u * 1024 * 1024;
  char *text = malloc(n);
  memset(text, 'a', n);
  mrt_result res = {.kind = MRT_RESULT_STRING, .bytes = text, .len = n, .free_bytes = free};
  mrt_op_complete(mrt_op_runtime(c), mrt_op_async_id(c), &res);
}

static void large_async_result(void **state) {
  (void)state;
  mrt_runtime *rt = runtime_with_heap(16);
  mrt_op_decl big = {.name = "bigText", .fn = op_big_text, .async = 1};
  assert_int_equal(mrt_register_op(rt, &big), MRT_OK);
  mrt_value *p = NULL;
  const char *src = "mrt.ops.bigText().then(s => s.length, () => -1)";
  assert_int_equal(mrt_execute_script(rt, "t.js", src, strlen(src), &p), MRT_OK);
  assert_int_equal(mrt_resolve_value(rt, p, NULL), MRT_EHEAPLIMIT);
  assert_string_equal(mrt_last_error(rt)->message, "heap limit exceeded (16 MB)");
  mrt_value_free(rt, p);
  assert_true(eval_number(rt, "40 + 2") == 42);
  mrt_runtime_free(rt);
}

static size_t calls;
static size_t grant(void *data, size_t current, size_t initial) {
  (void)data;
  (void)initial;
  calls++;
  return current + 64u * 1024 * 1024;
}

static void callback_raises_limit(void **state) {
  (void)state;
  mrt_runtime *rt = runtime_with_heap(16);
  calls = 0;
  assert_int_equal(mrt_add_near_heap_limit_callback(rt, grant, NULL), MRT_OK);
  assert_int_equal(mrt_add_near_heap_limit_callback(rt, grant, NULL), MRT_EEXIST);
  /* ~40 MB live: over the 16 MB limit, fine once the callback grants more. */
  assert_true(eval_number(rt, "const a = []; for (let i = 0; i < 400; i++)"
                              " a.push(new Array(1e4).fill(i)); a.length") == 400);
  assert_true(calls >= 1);
  assert_int_equal(mrt_remove_near_heap_limit_callback(rt, grant, 0), MRT_OK);
  assert_int_equal(mrt_remove_near_heap_limit_callback(rt, grant, 0), MRT_ENOTFOUND);
  mrt_runtime_free(rt);
}

static void *terminate_later(void *arg) {
  usleep(100 * 1000);
  mrt_terminate(arg);
  return NULL;
}

static void terminate_from_another_thread(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  pthread_t t;
  pthread_create(&t, NULL, terminate_later, rt);
  assert_int_equal(run(rt, "for (;;) {}"), MRT_ETERMINATED);
  pthread_join(t, NULL);
  assert_string_equal(mrt_last_error(rt)->message, "execution terminated");
  /* The runtime runs more code afterwards. */
  assert_true(eval_number(rt, "[1, 2, 3].reduce((a, b) => a + b)") == 6);
  mrt_runtime_free(rt);
}

static void allocator_counters(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  mrt_heap_stats st;
  assert_int_equal(mrt_get_heap_stats(rt, &st), MRT_OK);
  size_t base = st.array_buffer_bytes;
  assert_true(eval_number(rt, "globalThis.bufs = []; for (let i = 0; i < 100; i++)"
                              " bufs.push(new ArrayBuffer(65536)); bufs.length") == 100);
  assert_int_equal(mrt_get_heap_stats(rt, &st), MRT_OK);
  assert_true(st.array_buffer_bytes >= base + 100 * 65536);
  assert_true(st.array_buffer_peak >= st.array_buffer_bytes);
  assert_true(st.heap_limit > 0 && st.heap_used > 0 && st.native_contexts >= 1);
  /* Zeroed as V8 asks. */
  assert_true(eval_number(rt, "new Uint8Array(new ArrayBuffer(1 << 20)).every(b => b === 0) ? 1 : 0") == 1);
  assert_int_equal(run(rt, "bufs = null; gc(); gc();"), MRT_OK);
  assert_int_equal(mrt_get_heap_stats(rt, &st), MRT_OK);
  assert_true(st.array_buffer_bytes <= base);
  mrt_runtime_free(rt);
}

/* Dead buffers are freed as part of each collection on this thread, so their memory is
 * reused at once: resident memory stays near what makes V8 collect (32 MiB of young
 * buffers). Freed later by V8's worker thread (concurrent array buffer sweeping), the same
 * churn grew the process by 60-90 MB whenever that thread was slow to get a core. */
static void array_buffers_freed_with_each_gc(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  assert_int_equal(run(rt, "globalThis.churn = (n) => { let s = 0; for (let i = 0; i < n; i++) {"
                           " const u = new Uint8Array(65536); u[i] = 1; s += u[i]; } return s; }"),
                   MRT_OK);
  size_t start = (size_t)rss_kib() * 1024, grown = 0;
  for (int i = 0; i < 40; i++) {
    assert_true(eval_number(rt, "churn(500)") == 500);
    size_t now = (size_t)rss_kib() * 1024;
    if (now > start && now - start > grown) grown = now - start;
  }
  if (grown > (size_t)64 << 20) fail_msg("resident memory grew by %zu bytes", grown);
  mrt_heap_stats st;
  assert_int_equal(mrt_get_heap_stats(rt, &st), MRT_OK);
  if (st.array_buffer_peak > (size_t)48 << 20) fail_msg("peak %zu bytes of ArrayBuffers", st.array_buffer_peak);
  /* Large buffers (from the OS) are counted the same way. */
  assert_int_equal(run(rt, "gc(); gc();"), MRT_OK);
  assert_int_equal(mrt_get_heap_stats(rt, &st), MRT_OK);
  size_t base = st.array_buffer_bytes;
  assert_true(eval_number(rt, "globalThis.big = new Uint8Array(64 << 20); big[5] = 7; big[5] + big[6]") == 7);
  assert_int_equal(mrt_get_heap_stats(rt, &st), MRT_OK);
  assert_int_equal(st.array_buffer_bytes, base + ((size_t)64 << 20));
  assert_true(st.array_buffer_peak >= st.array_buffer_bytes);
  assert_int_equal(run(rt, "big = null; gc(); gc();"), MRT_OK);
  assert_int_equal(mrt_get_heap_stats(rt, &st), MRT_OK);
  assert_true(st.array_buffer_bytes <= base);
  mrt_runtime_free(rt);
}

static void array_buffer_runtimes_no_growth(void **state) {
  (void)state;
  const char *src = "const b = []; for (let i = 0; i < 64; i++) b.push(new Uint8Array(65536).fill(i));";
  for (int i = 0; i < 50; i++) {
    mrt_runtime *rt = new_runtime();
    assert_int_equal(run(rt, src), MRT_OK);
    mrt_runtime_free(rt);
  }
  long before = rss_kib();
  for (int i = 0; i < 1000; i++) {
    mrt_runtime *rt = new_runtime();
    assert_int_equal(run(rt, src), MRT_OK);
    mrt_runtime_free(rt);
  }
  long growth = rss_kib() - before;
  print_message("RSS growth over 1000 runtimes with 4 MiB of buffers each: %ld KiB\n", growth);
#ifndef __SANITIZE_ADDRESS__
  /* Under ASan freed memory sits in quarantine, so RSS says nothing; LeakSanitizer checks. */
  assert_true(growth < 20 * 1024);
#endif
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(default_policy_terminates),
      cmocka_unit_test(hit_twice_then_usable),
      cmocka_unit_test(terminate_after_hit_is_termination),
      cmocka_unit_test(large_single_allocations),
      cmocka_unit_test(hit_in_loop_phases),
      cmocka_unit_test(large_async_result),
      cmocka_unit_test(invalid_heap_options),
      cmocka_unit_test(exit_stops_at_once),
      cmocka_unit_test(callback_raises_limit),
      cmocka_unit_test(terminate_from_another_thread),
      cmocka_unit_test(allocator_counters),
      cmocka_unit_test(array_buffers_freed_with_each_gc),
      cmocka_unit_test(array_buffer_runtimes_no_growth),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
