/* test_values.c: handle scopes (explicit, and the implicit scope around callbacks), the
 * status values of mrt_poll_value, clearing of the last error, and the misuse of each. */
#include <pthread.h>

#include "test_helpers.h"

/* Whether globalThis.w (a WeakRef) still reaches its target after a full collection. The
 * loop turn first ends the job that made the WeakRef (which keeps its target alive). */
static int weak_target_alive(mrt_runtime *rt) {
  assert_true(mrt_poll_event_loop(rt) >= 0);
  assert_int_equal(run(rt, "gc(); gc();"), MRT_OK);
  return eval_number(rt, "w.deref() === undefined ? 0 : 1") == 1;
}

/* globalThis.w = WeakRef to an object only the handle in *out reaches. */
static void weak_object(mrt_runtime *rt, mrt_value **out) {
  mrt_value *g = mrt_global(rt);
  assert_int_equal(run(rt, "globalThis.o = {}; globalThis.w = new WeakRef(o);"), MRT_OK);
  assert_int_equal(mrt_get(rt, g, "o", out), MRT_OK);
  assert_int_equal(run(rt, "delete globalThis.o"), MRT_OK);
  mrt_value_free(rt, g);
}

static void scope_close_releases_handles(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  mrt_value *o = NULL;
  assert_int_equal(mrt_scope_open(rt), MRT_OK);
  weak_object(rt, &o);
  assert_true(weak_target_alive(rt)); /* the handle holds it */
  assert_int_equal(mrt_scope_close(rt), MRT_OK);
  assert_false(weak_target_alive(rt)); /* released with the scope */
  /* Without a scope the handle lives until freed. */
  weak_object(rt, &o);
  assert_true(weak_target_alive(rt));
  mrt_value_free(rt, o);
  assert_false(weak_target_alive(rt));
  mrt_runtime_free(rt);
}

static void escape_moves_to_the_scope_around(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  mrt_value *o = NULL;
  assert_int_equal(mrt_scope_open(rt), MRT_OK); /* outer */
  assert_int_equal(mrt_scope_open(rt), MRT_OK); /* inner */
  weak_object(rt, &o);
  mrt_value *n = mrt_number(rt, 5);
  assert_int_equal(mrt_scope_escape(rt, o), MRT_OK);
  assert_int_equal(mrt_scope_close(rt), MRT_OK); /* inner: n released, o kept */
  assert_true(weak_target_alive(rt));
  assert_int_equal(mrt_value_type(rt, o), MRT_TYPE_OBJECT);
  /* Freeing an escaped handle early is fine; escaping again reaches the root. */
  assert_int_equal(mrt_scope_escape(rt, o), MRT_OK);
  assert_int_equal(mrt_scope_close(rt), MRT_OK); /* outer: o is on the root list now */
  assert_true(weak_target_alive(rt));
  assert_int_equal(mrt_scope_escape(rt, o), MRT_OK); /* root: stays */
  mrt_value_free(rt, o);
  assert_false(weak_target_alive(rt));
  (void)n;
  mrt_runtime_free(rt);
}

static void scope_misuse(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime(), *other = new_runtime();
  assert_int_equal(mrt_scope_open(NULL), MRT_EINVAL);
  assert_int_equal(mrt_scope_close(NULL), MRT_EINVAL);
  assert_int_equal(mrt_scope_escape(NULL, NULL), MRT_EINVAL);
  /* Closing with none open. */
  assert_int_equal(mrt_scope_close(rt), MRT_ESTATE);
  assert_int_equal(mrt_last_error(rt)->code, MRT_ESTATE);
  assert_non_null(strstr(mrt_last_error(rt)->message, "mrt_scope_close"));
  /* Success clears the last error. */
  assert_int_equal(mrt_scope_open(rt), MRT_OK);
  assert_int_equal(mrt_last_error(rt)->code, 0);
  assert_int_equal(mrt_scope_escape(rt, NULL), MRT_EINVAL);
  mrt_value *theirs = mrt_number(other, 1);
  assert_int_equal(mrt_scope_escape(rt, theirs), MRT_EINVAL);
  assert_non_null(strstr(mrt_last_error(rt)->message, "another runtime"));
  mrt_value_free(other, theirs);
  /* Scopes left open, with handles in them, are released by mrt_runtime_free (LSan). */
  mrt_value *kept = mrt_string(rt, "x", 1);
  assert_int_equal(mrt_scope_open(rt), MRT_OK);
  mrt_value *inner = mrt_object(rt);
  (void)kept;
  (void)inner;
  mrt_runtime_free(rt);
  mrt_runtime_free(other);
}

/* ---------------------------------------------------------------- implicit scopes */

static mrt_value *kept_by_op;
static int close_rc_in_op;

static void op_keep(mrt_op_call *c) {
  mrt_runtime *rt = mrt_op_runtime(c);
  mrt_value *v = mrt_op_arg_value(c, 0);
  if (mrt_op_arg_boolean(c, 1)) {
    assert_int_equal(mrt_scope_escape(rt, v), MRT_OK);
    kept_by_op = v;
  }
  /* The callback's own scope is not the embedder's to close; one it opens and leaves open
   * closes with it. */
  close_rc_in_op = mrt_scope_close(rt);
  assert_int_equal(mrt_scope_open(rt), MRT_OK);
  mrt_value *leftover = mrt_object(rt);
  (void)leftover;
}

static void callbacks_run_in_a_scope(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  mrt_op_decl d = {.name = "keep", .fn = op_keep};
  assert_int_equal(mrt_register_op(rt, &d), MRT_OK);
  /* Not escaped: released when the op returns. */
  assert_int_equal(run(rt, "globalThis.w = new WeakRef(((o) => (mrt.ops.keep(o, false), o))({}))"),
                   MRT_OK);
  assert_int_equal(close_rc_in_op, MRT_ESTATE);
  assert_false(weak_target_alive(rt));
  /* Escaped: outlives the op (no scope was open around the script: until freed). */
  assert_int_equal(run(rt, "globalThis.w = new WeakRef(((o) => (mrt.ops.keep(o, true), o))({}))"),
                   MRT_OK);
  assert_true(weak_target_alive(rt));
  mrt_value_free(rt, kept_by_op);
  assert_false(weak_target_alive(rt));
  /* Escaped while the embedder had a scope open around the call: it belongs to that scope. */
  assert_int_equal(mrt_scope_open(rt), MRT_OK);
  assert_int_equal(run(rt, "globalThis.w = new WeakRef(((o) => (mrt.ops.keep(o, true), o))({}))"),
                   MRT_OK);
  assert_true(weak_target_alive(rt));
  /* The op's scope is gone: the embedder's is innermost again. */
  assert_int_equal(mrt_scope_close(rt), MRT_OK);
  assert_false(weak_target_alive(rt));
  assert_int_equal(mrt_scope_close(rt), MRT_ESTATE);
  mrt_runtime_free(rt);
}

/* A task posted through the runtime's handle runs in a scope of its own too. */
static void task_keeps_nothing(mrt_runtime *rt, void *data, int status) {
  (void)data;
  if (status != MRT_OK) return;
  mrt_value *g = mrt_global(rt), *o = NULL;
  assert_int_equal(mrt_get(rt, g, "o", &o), MRT_OK); /* not freed: the task's scope does */
  assert_int_equal(run(rt, "delete globalThis.o"), MRT_OK);
}

static void posted_tasks_run_in_a_scope(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  mrt_runtime_handle *h = mrt_runtime_get_handle(rt);
  assert_non_null(h);
  assert_int_equal(run(rt, "globalThis.o = {}; globalThis.w = new WeakRef(o);"), MRT_OK);
  assert_int_equal(mrt_handle_post(h, task_keeps_nothing, NULL), MRT_OK);
  assert_int_equal(mrt_run_event_loop(rt), MRT_OK);
  assert_false(weak_target_alive(rt));
  mrt_handle_release(h);
  mrt_runtime_free(rt);
}

/* 1 M mrt_get results: 80 MB held until the runtime is freed without scopes; in scopes the
 * memory is released and reused. */
static void million_gets_in_scopes_stay_small(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  mrt_value *o = NULL;
  const char *src = "({a: 1})";
  assert_int_equal(mrt_execute_script(rt, "t.js", src, strlen(src), &o), MRT_OK);
  /* Warm-up: one scope of 100 k handles sets the high-water mark of the allocators. */
  assert_int_equal(mrt_scope_open(rt), MRT_OK);
  for (int i = 0; i < 100000; i++) {
    mrt_value *v;
    assert_int_equal(mrt_get(rt, o, "a", &v), MRT_OK);
  }
  assert_int_equal(mrt_scope_close(rt), MRT_OK);
  long before = rss_kib();
  for (int round = 0; round < 100; round++) {
    assert_int_equal(mrt_scope_open(rt), MRT_OK);
    for (int i = 0; i < 10000; i++) {
      mrt_value *v;
      assert_int_equal(mrt_get(rt, o, "a", &v), MRT_OK);
    }
    assert_int_equal(mrt_scope_close(rt), MRT_OK);
  }
  long grown = rss_kib() - before;
  print_message("1M mrt_get in scopes of 10k: RSS +%ld KiB\n", grown);
#ifndef __SANITIZE_ADDRESS__ /* ASan's quarantine keeps freed memory resident */
  assert_true(grown < 4 * 1024);
#endif
  mrt_value_free(rt, o);
  mrt_runtime_free(rt);
}

/* ---------------------------------------------------------------- poll_value statuses */

static void poll_value_statuses(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  mrt_value *p = NULL, *out = NULL;
  /* Rejected: the status, the reason in *result and in mrt_last_error. */
  const char *src = "Promise.reject(new TypeError('nope'))";
  assert_int_equal(mrt_execute_script(rt, "t.js", src, strlen(src), &p), MRT_OK);
  assert_int_equal(mrt_poll_value(rt, p, &out), MRT_PROMISE_REJECTED);
  assert_int_equal(mrt_value_type(rt, out), MRT_TYPE_ERROR);
  assert_int_equal(mrt_last_error(rt)->code, MRT_EEXCEPTION);
  assert_string_equal(mrt_last_error(rt)->message, "nope");
  mrt_value_free(rt, out);
  mrt_value_free(rt, p);
  /* The rejection was handled by asking: the loop reports nothing. */
  assert_int_equal(mrt_run_event_loop(rt), MRT_OK);
  assert_int_equal(mrt_last_error(rt)->code, 0);

  /* Pending with nothing left to settle it: an error at once, not PENDING for ever. */
  src = "new Promise(() => {})";
  assert_int_equal(mrt_execute_script(rt, "t.js", src, strlen(src), &p), MRT_OK);
  assert_int_equal(mrt_poll_value(rt, p, &out), MRT_ESTALLED);
  assert_null(out);
  assert_non_null(strstr(mrt_last_error(rt)->message, "already resolved"));
  /* ... but PENDING while an embedder's ref keeps the loop alive. */
  assert_int_equal(mrt_ref(rt), MRT_OK);
  assert_int_equal(mrt_poll_value(rt, p, &out), MRT_PROMISE_PENDING);
  assert_int_equal(mrt_unref(rt), MRT_OK);
  mrt_value_free(rt, p);

  /* Fulfilled after a timer; the success clears the earlier error. */
  assert_int_equal(mrt_poll_value(rt, NULL, NULL), MRT_EINVAL);
  src = "new Promise(r => setTimeout(r, 1, 9))";
  assert_int_equal(mrt_execute_script(rt, "t.js", src, strlen(src), &p), MRT_OK);
  int rc;
  while ((rc = mrt_poll_value(rt, p, &out)) == MRT_PROMISE_PENDING) usleep(1000);
  assert_int_equal(rc, MRT_PROMISE_FULFILLED);
  assert_int_equal(mrt_last_error(rt)->code, 0);
  assert_true(mrt_value_to_number(rt, out) == 9);
  mrt_value_free(rt, out);
  mrt_value_free(rt, p);
  mrt_runtime_free(rt);
}

/* ---------------------------------------------------------------- wrong thread */

typedef struct foreign {
  mrt_runtime *rt;
  mrt_value *v, *p;
  int rcs[12];
  void *ptrs[8];
} foreign;

/* Every new entry point called from a thread that is not the runtime's: refused, the
 * runtime untouched. */
static void *call_from_other_thread(void *arg) {
  foreign *f = arg;
  mrt_runtime *rt = f->rt;
  uint32_t len;
  int64_t i64;
  void *data;
  size_t n;
  mrt_value *out;
  f->rcs[0] = mrt_scope_open(rt);
  f->rcs[1] = mrt_scope_close(rt);
  f->rcs[2] = mrt_scope_escape(rt, f->v);
  f->rcs[3] = mrt_array_length(rt, f->v, &len);
  f->rcs[4] = mrt_get_index(rt, f->v, 0, &out);
  f->rcs[5] = mrt_set_index(rt, f->v, 0, NULL);
  f->rcs[6] = mrt_object_keys(rt, f->v, &out);
  f->rcs[7] = mrt_json_parse(rt, "1", 1, &out);
  f->rcs[8] = mrt_bigint_to_int64(rt, f->v, &i64, NULL);
  f->rcs[9] = mrt_buffer_data(rt, f->v, &data, &n);
  f->rcs[10] = mrt_promise_resolve(rt, f->p, NULL);
  f->rcs[11] = mrt_promise_reject(rt, f->p, NULL);
  f->ptrs[0] = mrt_array(rt, 1);
  f->ptrs[1] = mrt_bigint_from_int64(rt, 1);
  f->ptrs[2] = mrt_array_buffer(rt, NULL, 1, NULL);
  f->ptrs[3] = mrt_typed_array(rt, MRT_UINT8_ARRAY, f->v, 0, 0);
  f->ptrs[4] = mrt_promise_new(rt);
  f->ptrs[5] = mrt_v8_isolate(rt);
  f->ptrs[6] = mrt_v8_context(rt);
  f->ptrs[7] = NULL;
  return NULL;
}

static void wrong_thread_is_refused(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  foreign f = {.rt = rt, .v = mrt_array(rt, 1), .p = mrt_promise_new(rt)};
  assert_int_equal(mrt_scope_open(rt), MRT_OK);
  pthread_t t;
  assert_int_equal(pthread_create(&t, NULL, call_from_other_thread, &f), 0);
  pthread_join(t, NULL);
  for (int i = 0; i < 12; i++) {
    if (f.rcs[i] != MRT_ESTATE) fail_msg("call %d from another thread: %d", i, f.rcs[i]);
  }
  for (int i = 0; i < 8; i++) assert_null(f.ptrs[i]);
  /* Untouched: the scope opened here is still the one to close, the promise still pending. */
  assert_int_equal(mrt_scope_close(rt), MRT_OK);
  assert_int_equal(mrt_promise_resolve(rt, f.p, NULL), MRT_OK);
  mrt_runtime_free(rt);
}

/* Calls that report through mrt_last_error clear it when they succeed. */
static void success_clears_the_last_error(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  mrt_async_stats as;
  mrt_heap_stats hs;
  mrt_startup_times st;
#define AFTER_FAILURE(call)                                           \
  do {                                                                \
    assert_int_equal(mrt_scope_close(rt), MRT_ESTATE); /* a failure */ \
    assert_int_equal(mrt_last_error(rt)->code, MRT_ESTATE);           \
    assert_int_equal(call, MRT_OK);                                   \
    if (mrt_last_error(rt)->code != 0) fail_msg("%s kept the error", #call); \
  } while (0)
  /* ... except the getters of statistics, which leave an earlier error to be read. */
  assert_int_equal(mrt_scope_close(rt), MRT_ESTATE);
  assert_int_equal(mrt_get_async_stats(rt, &as), MRT_OK);
  assert_int_equal(mrt_get_heap_stats(rt, &hs), MRT_OK);
  assert_int_equal(mrt_get_startup_times(rt, &st), MRT_OK);
  assert_int_equal(mrt_last_error(rt)->code, MRT_ESTATE);
  assert_int_equal(mrt_ref(rt), MRT_OK);
  AFTER_FAILURE(mrt_unref(rt));
  AFTER_FAILURE(mrt_poll_event_loop(rt));
  AFTER_FAILURE(mrt_run_event_loop(rt));
  AFTER_FAILURE(mrt_scope_open(rt));
#undef AFTER_FAILURE
  mrt_runtime_free(rt);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(scope_close_releases_handles),
      cmocka_unit_test(escape_moves_to_the_scope_around),
      cmocka_unit_test(scope_misuse),
      cmocka_unit_test(callbacks_run_in_a_scope),
      cmocka_unit_test(posted_tasks_run_in_a_scope),
      cmocka_unit_test(million_gets_in_scopes_stay_small),
      cmocka_unit_test(poll_value_statuses),
      cmocka_unit_test(wrong_thread_is_refused),
      cmocka_unit_test(success_clears_the_last_error),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
