/* Unit tests of the event loop's state, private to core/eventloop.c behind eventloop.h:
 * a call into JS is rt_enter/rt_leave and its error is reported once; nested calls; the
 * re-entry refusal; unhandled rejections forgotten in order; and module loading, which turns
 * the loop exactly as mrt_run_event_loop does (Node's timer/immediate order). */
#include "test_helpers.h"

#include "eventloop.h"
#include "runtime_internal.h"

/* A JS-style exception with an Error's name and message (strings owned by it). */
static shim_exception error_exc(const char *message) {
  shim_exception e = {0};
  e.name = strdup("Error");
  e.message = strdup(message);
  return e;
}

static void test_error_pending_across_enter_leave_returned_once(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  assert_false(rt_in_js(rt));
  rt_enter(rt);
  assert_true(rt_in_js(rt));
  shim_exception first = error_exc("first"), second = error_exc("second");
  rt_raise(rt, &first);
  assert_int_equal(rt_pending(rt), MRT_EEXCEPTION);
  rt_raise(rt, &second); /* the first error wins; the second is freed (ASan: no leak) */
  assert_null(second.message);
  assert_int_equal(rt_leave(rt, NULL), MRT_EEXCEPTION);
  assert_false(rt_in_js(rt));
  assert_int_equal(mrt_last_error(rt)->code, MRT_EEXCEPTION);
  assert_string_equal(mrt_last_error(rt)->message, "first");
  /* Reported once: the next call starts clean. */
  assert_int_equal(rt_pending(rt), 0);
  rt_enter(rt);
  assert_int_equal(rt_leave(rt, NULL), MRT_OK);
  assert_int_equal(run(rt, "1 + 1"), MRT_OK);
  assert_int_equal(mrt_last_error(rt)->code, MRT_OK);
  mrt_runtime_free(rt);
}

static void test_leave_with_exception(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  /* What the call threw becomes the status... */
  rt_enter(rt);
  shim_exception thrown = error_exc("thrown");
  assert_int_equal(rt_leave(rt, &thrown), MRT_EEXCEPTION);
  assert_null(thrown.message); /* moved */
  assert_string_equal(mrt_last_error(rt)->message, "thrown");
  /* ... unless an error is pending already: the earlier one is reported, the throw freed. */
  rt_enter(rt);
  shim_exception earlier = error_exc("earlier");
  rt_raise(rt, &earlier);
  thrown = error_exc("later");
  assert_int_equal(rt_leave(rt, &thrown), MRT_EEXCEPTION);
  assert_null(thrown.message);
  assert_string_equal(mrt_last_error(rt)->message, "earlier");
  mrt_runtime_free(rt);
}

static void test_nested_calls(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  rt_enter(rt);
  /* A nested public call (as from an op's callback) reports its own error and leaves the
   * outer call inside JS. */
  assert_int_equal(run(rt, "throw new Error('inner')"), MRT_EEXCEPTION);
  assert_true(rt_in_js(rt));
  assert_int_equal(rt_pending(rt), 0);
  /* Calls that drive the loop are refused inside JS, with a clear error. */
  assert_int_equal(mrt_run_event_loop(rt), MRT_ESTATE);
  assert_non_null(strstr(mrt_last_error(rt)->message, "mrt_run_event_loop"));
  assert_int_equal(mrt_poll_event_loop(rt), MRT_ESTATE);
  assert_int_equal(rt_refuse_reentry(rt, "f"), MRT_ESTATE);
  /* mrt_runtime_free from inside is refused (the runtime stays usable). */
  mrt_runtime_free(rt);
  assert_true(rt_in_js(rt));
  assert_int_equal(rt_leave(rt, NULL), MRT_OK);
  assert_false(rt_in_js(rt));
  assert_int_equal(rt_refuse_reentry(rt, "f"), MRT_OK);
  assert_int_equal(mrt_run_event_loop(rt), MRT_OK);
  mrt_runtime_free(rt);
}

/* A forgotten rejection leaves the others in order: the earliest still unhandled is the one
 * reported (modules.c's own copy used to swap the last one into the gap). */
static void test_forget_rejection_keeps_order(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  mrt_value *p1 = NULL;
  const char *js = "globalThis.p1 = Promise.reject(new Error('one'));"
                   "globalThis.p2 = Promise.reject(new Error('two'));"
                   "globalThis.p3 = Promise.reject(new Error('three')); p1";
  assert_int_equal(mrt_execute_script(rt, "t.js", js, strlen(js), &p1), MRT_OK);
  rt_forget_rejection(rt, p1->g);
  rt_forget_rejection(rt, p1->g); /* not tracked any more: nothing happens */
  assert_int_equal(mrt_run_event_loop(rt), MRT_EUNHANDLED);
  assert_string_equal(mrt_last_error(rt)->message, "two");
  /* The check reported one and dropped the rest: the next run is clean. */
  assert_int_equal(mrt_run_event_loop(rt), MRT_OK);
  mrt_value_free(rt, p1);
  mrt_runtime_free(rt);
}

/* The turn's `until` ends a waiting turn before the loop waits; a NOWAIT turn never waits. */
static int until_flag(mrt_runtime *rt, const void *arg) {
  (void)rt;
  return *(const int *)arg;
}

static void test_turn_until(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  /* An interval keeps the loop alive for ever: only `until` ends the turn. */
  assert_int_equal(run(rt, "globalThis.n = 0; globalThis.iv = setInterval(() => n++, 1)"),
                   MRT_OK);
  int done = 1, alive = 0;
  assert_int_equal(rt_turn(rt, RT_TURN_WAIT, until_flag, &done, &alive), MRT_OK);
  assert_true(alive);
  assert_true(eval_number(rt, "n") == 0); /* already true: the loop did not run */
  assert_int_equal(rt_turn(rt, RT_TURN_NOWAIT, NULL, NULL, &alive), MRT_OK);
  assert_true(alive);
  assert_int_equal(run(rt, "clearInterval(iv)"), MRT_OK);
  assert_int_equal(rt_turn(rt, RT_TURN_WAIT, NULL, NULL, &alive), MRT_OK);
  assert_false(alive);
  assert_false(rt_in_js(rt));
  mrt_runtime_free(rt);
}

/* Getters, setters and toString run JS: mrt_get/mrt_set/mrt_value_to_string/_json are calls
 * into JS like mrt_call, so an op they reach cannot drive the loop re-entrantly. */
static int loop_rc;

static void op_try_loop(mrt_op_call *call) {
  mrt_runtime *rt = mrt_op_runtime(call);
  loop_rc = mrt_run_event_loop(rt);
}

static void test_accessors_are_calls_into_js(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  mrt_op_decl decl = {.name = "tryLoop", .fn = op_try_loop};
  assert_int_equal(mrt_register_op(rt, &decl), MRT_OK);
  mrt_value *o = NULL, *v = NULL;
  const char *js = "({ get x() { mrt.ops.tryLoop(); return 1 }, set y(v) { mrt.ops.tryLoop() },"
                   "   toString() { mrt.ops.tryLoop(); return 's' },"
                   "   toJSON() { mrt.ops.tryLoop(); return 'j' } })";
  assert_int_equal(mrt_execute_script(rt, "t.js", js, strlen(js), &o), MRT_OK);
  loop_rc = 0;
  assert_int_equal(mrt_get(rt, o, "x", &v), MRT_OK);
  assert_int_equal(loop_rc, MRT_ESTATE);
  mrt_value_free(rt, v);
  loop_rc = 0;
  assert_int_equal(mrt_set(rt, o, "y", NULL), MRT_OK);
  assert_int_equal(loop_rc, MRT_ESTATE);
  loop_rc = 0;
  char *str = mrt_value_to_string(rt, o, NULL);
  assert_string_equal(str, "s");
  mrt_free(str);
  assert_int_equal(loop_rc, MRT_ESTATE);
  loop_rc = 0;
  str = mrt_value_to_json(rt, o, NULL);
  assert_string_equal(str, "\"j\"");
  mrt_free(str);
  assert_int_equal(loop_rc, MRT_ESTATE);
  assert_false(rt_in_js(rt));
  /* A throwing getter: its error is the call's, reported once. */
  const char *bad = "({ get x() { throw new RangeError('no x') } })";
  mrt_value *b = NULL;
  assert_int_equal(mrt_execute_script(rt, "t.js", bad, strlen(bad), &b), MRT_OK);
  assert_int_equal(mrt_get(rt, b, "x", &v), MRT_EEXCEPTION);
  assert_null(v);
  assert_string_equal(mrt_last_error(rt)->message, "no x");
  assert_int_equal(mrt_get(rt, o, "x", &v), MRT_OK);
  assert_int_equal(mrt_last_error(rt)->code, MRT_OK);
  mrt_value_free(rt, v);
  mrt_value_free(rt, b);
  mrt_value_free(rt, o);
  mrt_runtime_free(rt);
}

/* ---------------------------------------------------------------- module loading's turn */

/* A loader whose requests complete from a JS timer 50 ms later (an op it calls). */
typedef struct slow_loader {
  mrt_runtime *rt;
  mrt_load_request *req;
} slow_loader;

static slow_loader *the_loader;

static void op_complete_load(mrt_op_call *call) {
  (void)call;
  const char *src = "export const x = 1;";
  mrt_load_complete(the_loader->req, src, strlen(src));
  the_loader->req = NULL;
}

static void slow_load(void *data, const char *url, mrt_load_request *req) {
  (void)url;
  slow_loader *l = data;
  l->req = req;
  const char *js = "setTimeout(() => mrt.ops.completeLoad(), 50)";
  assert_int_equal(mrt_execute_script(l->rt, "loader.js", js, strlen(js), NULL), MRT_OK);
}

static int slow_resolve(void *data, const char *spec, const char *referrer, char **out) {
  return mrt_memory_loader()->resolve(data, spec, referrer, out);
}

static const mrt_module_loader slow_loader_vt = {slow_resolve, slow_load};

/* Inside a timer callback, a setImmediate runs before a setTimeout(0) (the check phase comes
 * before the next timers phase), as in Node, also while a module load turns the loop. The
 * callback busy-waits past the new timer's due time: a turn that ran libuv's extra timers
 * phase at the end of an iteration (UV_RUN_ONCE, modules.c's own turn before) could let it
 * overtake the immediate when the first timer fired in that extra phase. The order is read
 * after the loop has run out, so a slow machine that completes the load early (both timers
 * due at once) orders the same. */
static void test_module_load_turns_like_the_loop(void **state) {
  (void)state;
  slow_loader l = {0};
  the_loader = &l;
  mrt_options opts;
  mrt_options_init(&opts);
  opts.v8_flags = TEST_V8_FLAGS;
  opts.loader = &slow_loader_vt;
  opts.loader_data = &l;
  mrt_runtime *rt = NULL;
  assert_int_equal(mrt_runtime_new(&opts, &rt), MRT_OK);
  l.rt = rt;
  mrt_op_decl complete = {.name = "completeLoad", .fn = op_complete_load};
  assert_int_equal(mrt_register_op(rt, &complete), MRT_OK);
  const char *js =
      "globalThis.log = [];"
      "setTimeout(() => {"
      "  log.push('timer');"
      "  setTimeout(() => log.push('timeout0'), 0);"
      "  setImmediate(() => log.push('immediate'));"
      "  const end = Date.now() + 3; while (Date.now() < end);"
      "}, 5);";
  assert_int_equal(run(rt, js), MRT_OK);
  int id = -1;
  assert_int_equal(mrt_load_main_module(rt, "file:///slow/main.js", NULL, 0, &id), MRT_OK);
  assert_null(l.req);
  assert_int_equal(mrt_run_event_loop(rt), MRT_OK);
  char *order = eval_string(rt, "log.join()");
  assert_string_equal(order, "timer,immediate,timeout0");
  free(order);
  mrt_runtime_free(rt);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_error_pending_across_enter_leave_returned_once),
      cmocka_unit_test(test_leave_with_exception),
      cmocka_unit_test(test_nested_calls),
      cmocka_unit_test(test_forget_rejection_keeps_order),
      cmocka_unit_test(test_turn_until),
      cmocka_unit_test(test_accessors_are_calls_into_js),
      cmocka_unit_test(test_module_load_turns_like_the_loop),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
