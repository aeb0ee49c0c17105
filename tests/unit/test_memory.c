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
      cmocka_unit_test(callback_raises_limit),
      cmocka_unit_test(terminate_from_another_thread),
      cmocka_unit_test(allocator_counters),
      cmocka_unit_test(array_buffer_runtimes_no_growth),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
