/* test_v8_tasks.c: tasks V8 posts itself (async WebAssembly compilation, Atomics.waitAsync,
 * FinalizationRegistry cleanup) wake the event loop, and keep it alive exactly while they
 * must, through every way of running it (run, resolve, poll with the backend fd). */
#include <poll.h>
#include <time.h>

#include "test_helpers.h"

/* (module (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)) */
#define WASM_ADD                                                                              \
  "new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 7, 1, 96, 2, 127, 127, 1, 127, 3, 2, 1, 0," \
  " 7, 7, 1, 3, 97, 100, 100, 0, 0, 10, 9, 1, 7, 0, 32, 0, 32, 1, 106, 11])"

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static mrt_value *eval(mrt_runtime *rt, const char *src) {
  mrt_value *v = NULL;
  assert_int_equal(mrt_execute_script(rt, "t.js", src, strlen(src), &v), MRT_OK);
  return v;
}

/* Nothing but the compile is pending: resolving waits for it (it used to stall). */
static void wasm_instantiate_resolves(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  mrt_value *p = eval(rt, "WebAssembly.instantiate(" WASM_ADD ")"
                          ".then(({ instance }) => instance.exports.add(2, 3))");
  mrt_value *result = NULL;
  assert_int_equal(mrt_resolve_value(rt, p, &result), MRT_OK);
  assert_true(mrt_value_to_number(rt, result) == 5);
  mrt_value_free(rt, result);
  mrt_value_free(rt, p);
  /* A compile error rejects the same way. */
  p = eval(rt, "WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 255]))"
               ".catch((e) => e instanceof WebAssembly.CompileError)");
  assert_int_equal(mrt_resolve_value(rt, p, &result), MRT_OK);
  assert_int_equal(mrt_value_to_boolean(rt, result), 1);
  mrt_value_free(rt, result);
  mrt_value_free(rt, p);
  assert_int_equal(mrt_run_event_loop(rt), MRT_OK);
  mrt_runtime_free(rt);
}

/* An embedder that polls: the loop is pending while the compile runs, the backend fd becomes
 * readable when V8 posts its task (never a 5 s poll timeout), and the value arrives. */
static void wasm_poll_with_backend_fd(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  mrt_value *p = eval(rt, "WebAssembly.compile(" WASM_ADD ")"
                          ".then((m) => WebAssembly.Module.exports(m)[0].name)");
  mrt_value *result = NULL;
  double t0 = now_ms();
  int rc, polls = 0;
  while ((rc = mrt_poll_value(rt, p, &result)) == MRT_PROMISE_PENDING) {
    int timeout = mrt_backend_timeout(rt);
    if (timeout < 0 || timeout > 5000) timeout = 5000;
    struct pollfd pfd = {.fd = mrt_backend_fd(rt), .events = POLLIN};
    poll(&pfd, 1, timeout);
    polls++;
    assert_true(now_ms() - t0 < 4500);
  }
  assert_int_equal(rc, MRT_PROMISE_FULFILLED);
  char *s = mrt_value_to_string(rt, result, NULL);
  assert_string_equal(s, "add");
  mrt_free(s);
  mrt_value_free(rt, result);
  mrt_value_free(rt, p);
  assert_int_equal(mrt_run_event_loop(rt), MRT_OK);
  assert_int_equal(mrt_poll_event_loop(rt), MRT_READY);
  mrt_runtime_free(rt);
}

/* A waitAsync timeout (a delayed task) fires on time while a timer keeps the loop alive, and
 * alone keeps nothing alive. */
static void wait_async_timeout(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  assert_int_equal(run(rt, "globalThis.ia = new Int32Array(new SharedArrayBuffer(8));"
                           "globalThis.timer = setTimeout(() => {}, 3000);"), MRT_OK);
  double t0 = now_ms();
  mrt_value *p = eval(rt, "Atomics.waitAsync(ia, 0, 0, 30).value");
  mrt_value *result = NULL;
  assert_int_equal(mrt_resolve_value(rt, p, &result), MRT_OK);
  double waited = now_ms() - t0;
  char *s = mrt_value_to_string(rt, result, NULL);
  assert_string_equal(s, "timed-out");
  mrt_free(s);
  assert_true(waited >= 29 && waited < 2500);
  mrt_value_free(rt, result);
  mrt_value_free(rt, p);
  assert_int_equal(run(rt, "clearTimeout(timer);"
                           "globalThis.late = 0;"
                           "Atomics.waitAsync(ia, 0, 0, 10000).value.then(() => late++)"), MRT_OK);
  t0 = now_ms();
  assert_int_equal(mrt_run_event_loop(rt), MRT_OK);
  assert_true(now_ms() - t0 < 5000);
  assert_true(eval_number(rt, "late") == 0);
  mrt_runtime_free(rt);
}

/* Atomics.notify from a timer callback settles the waiter in the same run, with nothing else
 * to wake the loop afterwards. */
static void wait_async_notify(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  assert_int_equal(run(rt, "globalThis.ia = new Int32Array(new SharedArrayBuffer(8));"
                           "globalThis.got = '';"
                           "Atomics.waitAsync(ia, 0, 0).value.then((v) => { got = v; });"
                           "setTimeout(() => Atomics.notify(ia, 0), 5);"), MRT_OK);
  assert_int_equal(mrt_run_event_loop(rt), MRT_OK);
  char *s = eval_string(rt, "got");
  assert_string_equal(s, "ok");
  mrt_free(s);
  mrt_runtime_free(rt);
}

/* A cleanup V8 posts after a collection runs before the loop is done. */
static void finalization_cleanup_runs(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  assert_int_equal(run(rt, "globalThis.cleaned = 0;"
                           "globalThis.fr = new FinalizationRegistry(() => cleaned++);"
                           "(() => { for (let i = 0; i < 3; i++) fr.register({}, i); })();"
                           "gc();"), MRT_OK);
  assert_int_equal(mrt_run_event_loop(rt), MRT_OK);
  assert_true(eval_number(rt, "cleaned") == 3);
  mrt_runtime_free(rt);
}

/* Freed while V8 still works for it: its tasks are dropped, its loop never woken after. */
static void free_with_compile_in_flight(void **state) {
  (void)state;
  for (int i = 0; i < 20; i++) {
    mrt_runtime *rt = new_runtime();
    assert_int_equal(run(rt, "for (let i = 0; i < 8; i++) WebAssembly.instantiate(" WASM_ADD
                             ");"
                             "Atomics.waitAsync(new Int32Array(new SharedArrayBuffer(8)), 0, 0, 1);"),
                     MRT_OK);
    if (i % 2) mrt_poll_event_loop(rt);
    mrt_runtime_free(rt);
  }
  /* The process is fine afterwards. */
  mrt_runtime *rt = new_runtime();
  mrt_value *p = eval(rt, "WebAssembly.instantiate(" WASM_ADD ").then(() => 1)");
  assert_int_equal(mrt_resolve_value(rt, p, NULL), MRT_OK);
  mrt_value_free(rt, p);
  mrt_runtime_free(rt);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(wasm_instantiate_resolves),
      cmocka_unit_test(wasm_poll_with_backend_fd),
      cmocka_unit_test(wait_async_timeout),
      cmocka_unit_test(wait_async_notify),
      cmocka_unit_test(finalization_cleanup_runs),
      cmocka_unit_test(free_with_compile_in_flight),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
