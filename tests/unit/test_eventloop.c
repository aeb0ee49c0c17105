/* test_eventloop.c: the polling API (poll/run the loop, poll/resolve promises, backend fd),
 * uncaught errors and unhandled rejections in loop phases. */
#include <poll.h>

#include "test_helpers.h"

static void idle_loop_is_ready(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  assert_int_equal(mrt_poll_event_loop(rt), MRT_READY);
  assert_int_equal(mrt_run_event_loop(rt), MRT_OK);
  mrt_runtime_free(rt);
}

static void timer_keeps_loop_pending(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  assert_int_equal(run(rt, "globalThis.fired = 0; setTimeout(() => fired++, 20)"), MRT_OK);
  assert_int_equal(mrt_poll_event_loop(rt), MRT_PENDING);
  assert_true(eval_number(rt, "fired") == 0);
  assert_int_equal(mrt_run_event_loop(rt), MRT_OK);
  assert_true(eval_number(rt, "fired") == 1);
  assert_int_equal(mrt_poll_event_loop(rt), MRT_READY);
  mrt_runtime_free(rt);
}

static void microtasks_run_on_poll(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  assert_int_equal(run(rt, "globalThis.log = []; Promise.resolve().then(() => log.push('m'));"
                           "log.push('s')"), MRT_OK);
  char *s = eval_string(rt, "log.join()");
  assert_string_equal(s, "s");
  mrt_free(s);
  assert_int_equal(mrt_poll_event_loop(rt), MRT_READY);
  s = eval_string(rt, "log.join()");
  assert_string_equal(s, "s,m");
  mrt_free(s);
  mrt_runtime_free(rt);
}

static void poll_value_states(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  mrt_value *p = NULL, *result = NULL;
  const char *src = "new Promise(r => setTimeout(() => r(7), 30))";
  assert_int_equal(mrt_execute_script(rt, "t.js", src, strlen(src), &p), MRT_OK);
  assert_int_equal(mrt_value_type(rt, p), MRT_TYPE_PROMISE);
  assert_int_equal(mrt_poll_value(rt, p, &result), MRT_PROMISE_PENDING);
  assert_null(result);
  assert_int_equal(mrt_resolve_value(rt, p, &result), MRT_OK);
  assert_true(mrt_value_to_number(rt, result) == 7);
  mrt_value *again = NULL;
  assert_int_equal(mrt_poll_value(rt, p, &again), MRT_PROMISE_FULFILLED);
  assert_true(mrt_value_to_number(rt, again) == 7);

  /* A non-promise is its own value. */
  mrt_value *n = mrt_number(rt, 3), *same = NULL;
  assert_int_equal(mrt_poll_value(rt, n, &same), MRT_PROMISE_FULFILLED);
  assert_true(mrt_value_to_number(rt, same) == 3);
  mrt_runtime_free(rt);
}

static void async_function_result(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  mrt_value *p = NULL, *result = NULL;
  const char *src =
      "(async () => { await null; const v = await new Promise(r => setImmediate(r, 5));"
      " return v * 2 })()";
  assert_int_equal(mrt_execute_script(rt, "t.js", src, strlen(src), &p), MRT_OK);
  assert_int_equal(mrt_resolve_value(rt, p, &result), MRT_OK);
  assert_true(mrt_value_to_number(rt, result) == 10);
  mrt_runtime_free(rt);
}

static void rejected_value_is_an_error_not_unhandled(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  mrt_value *p = NULL, *reason = NULL;
  const char *src = "new Promise((_, j) => setTimeout(() => j(new RangeError('nope')), 1))";
  assert_int_equal(mrt_execute_script(rt, "t.js", src, strlen(src), &p), MRT_OK);
  assert_int_equal(mrt_resolve_value(rt, p, &reason), MRT_EEXCEPTION);
  assert_string_equal(mrt_last_error(rt)->name, "RangeError");
  assert_string_equal(mrt_last_error(rt)->message, "nope");
  assert_int_equal(mrt_value_type(rt, reason), MRT_TYPE_ERROR);
  /* It was the caller's to handle: the loop does not report it again. */
  assert_int_equal(mrt_run_event_loop(rt), MRT_OK);
  mrt_runtime_free(rt);
}

static void never_settling_promise_stalls(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  mrt_value *p = NULL, *result = NULL;
  assert_int_equal(mrt_execute_script(rt, "t.js", "new Promise(() => {})", 21, &p), MRT_OK);
  assert_int_equal(mrt_resolve_value(rt, p, &result), MRT_ESTALLED);
  assert_null(result);
  assert_non_null(strstr(mrt_last_error(rt)->message, "never settle"));
  /* Also when the only work left is unreferenced. */
  mrt_value *q = NULL;
  const char *src = "new Promise(r => { setTimeout(r, 5); })";
  assert_int_equal(mrt_execute_script(rt, "t.js", src, strlen(src), &q), MRT_OK);
  assert_int_equal(mrt_resolve_value(rt, q, &result), MRT_OK);
  mrt_runtime_free(rt);
}

static void uncaught_in_timer(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  assert_int_equal(run(rt, "globalThis.after = 0;"
                           "setTimeout(() => { throw new TypeError('in timer') }, 1);"
                           "setTimeout(() => { after++ }, 1);"), MRT_OK);
  assert_int_equal(mrt_run_event_loop(rt), MRT_EEXCEPTION);
  assert_string_equal(mrt_last_error(rt)->name, "TypeError");
  assert_string_equal(mrt_last_error(rt)->message, "in timer");
  assert_int_equal(mrt_last_error(rt)->line, 1);
  /* The error ended the pass: the second timer of the same pass did not run. */
  assert_true(eval_number(rt, "after") == 0);
  mrt_runtime_free(rt);
}

static void unhandled_rejection(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  assert_int_equal(run(rt, "Promise.reject(new Error('lost'))"), MRT_OK);
  assert_int_equal(mrt_run_event_loop(rt), MRT_EUNHANDLED);
  assert_string_equal(mrt_last_error(rt)->message, "lost");
  char *report = mrt_error_format(mrt_last_error(rt));
  assert_non_null(strstr(report, "Uncaught (in promise) Error: lost"));
  mrt_free(report);
  mrt_runtime_free(rt);
}

static void rejection_handled_later_in_same_checkpoint(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  assert_int_equal(run(rt, "globalThis.caught = 0; const p = Promise.reject(new Error('x'));"
                           "Promise.resolve().then(() => p.catch(() => caught++));"), MRT_OK);
  assert_int_equal(mrt_run_event_loop(rt), MRT_OK);
  assert_true(eval_number(rt, "caught") == 1);
  mrt_runtime_free(rt);
}

static void throwing_microtask(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  assert_int_equal(run(rt, "globalThis.after = 0; queueMicrotask(() => { throw new Error('mt') });"
                           "queueMicrotask(() => { after++ });"), MRT_OK);
  assert_int_equal(mrt_run_event_loop(rt), MRT_EEXCEPTION);
  assert_string_equal(mrt_last_error(rt)->message, "mt");
  assert_true(eval_number(rt, "after") == 0);
  mrt_runtime_free(rt);
}

/* An embedder driving the runtime from its own poll(2) loop. */
static void backend_fd_driving(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  assert_int_equal(run(rt, "globalThis.n = 0; const i = setInterval(() => { if (++n === 3)"
                           " clearInterval(i) }, 5)"), MRT_OK);
  int fd = mrt_backend_fd(rt);
  assert_true(fd >= 0);
  int turns = 0;
  for (;;) {
    int rc = mrt_poll_event_loop(rt);
    assert_true(rc >= 0);
    if (rc == MRT_READY) break;
    struct pollfd pfd = {fd, POLLIN, 0};
    poll(&pfd, 1, mrt_backend_timeout(rt));
    assert_true(++turns < 1000);
  }
  assert_true(eval_number(rt, "n") == 3);
  mrt_runtime_free(rt);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(idle_loop_is_ready),
      cmocka_unit_test(timer_keeps_loop_pending),
      cmocka_unit_test(microtasks_run_on_poll),
      cmocka_unit_test(poll_value_states),
      cmocka_unit_test(async_function_result),
      cmocka_unit_test(rejected_value_is_an_error_not_unhandled),
      cmocka_unit_test(never_settling_promise_stalls),
      cmocka_unit_test(uncaught_in_timer),
      cmocka_unit_test(unhandled_rejection),
      cmocka_unit_test(rejection_handled_later_in_same_checkpoint),
      cmocka_unit_test(throwing_microtask),
      cmocka_unit_test(backend_fd_driving),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
