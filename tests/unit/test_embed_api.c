/* test_embed_api.c: the embedding API under misuse. Exact per-op async accounting (bogus
 * completions and extra unrefs are refused and counted, never lose another op in flight),
 * completions after mrt_runtime_free, foreign value handles, re-entrant loop calls, op
 * registration errors, error locations, NULL arguments, and an error raised just before a
 * loop turn ending it. */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include "test_helpers.h"

/* A hang is a failure, not a stuck test run. */
static void on_alarm(int sig) {
  (void)sig;
  static const char msg[] = "test_embed_api: timed out (the loop never returned)\n";
  if (write(2, msg, sizeof msg - 1) < 0) _exit(3);
  _exit(3);
}

static void guard(unsigned seconds) {
  signal(SIGALRM, on_alarm);
  alarm(seconds);
}

static char *resolve_string(mrt_runtime *rt, const char *src, int *rc) {
  mrt_value *p = NULL, *v = NULL;
  *rc = mrt_execute_script(rt, "t.js", src, strlen(src), &p);
  if (*rc != MRT_OK) return NULL;
  *rc = mrt_resolve_value(rt, p, &v);
  mrt_value_free(rt, p);
  if (*rc != MRT_OK) return NULL;
  char *s = mrt_value_to_string(rt, v, NULL);
  mrt_value_free(rt, v);
  return s;
}

/* ---------------------------------------------------------------- async accounting */

/* `held`: completed later from another thread, so only its own ref keeps the loop alive. */
typedef struct later {
  mrt_runtime *rt;
  uint32_t id;
  int delay_ms;
  pthread_t thread;
  int started;
} later;

static later held;

static void *complete_later(void *arg) {
  later *l = arg;
  usleep((useconds_t)l->delay_ms * 1000);
  mrt_result res = {.kind = MRT_RESULT_STRING, .bytes = "held", .len = 4};
  mrt_op_complete_threadsafe(l->rt, l->id, &res);
  return NULL;
}

static void op_held(mrt_op_call *c) {
  held.rt = mrt_op_runtime(c);
  held.id = mrt_op_async_id(c);
  held.delay_ms = 50;
  held.started = pthread_create(&held.thread, NULL, complete_later, &held) == 0;
}

static void join_held(void) {
  if (held.started) pthread_join(held.thread, NULL);
  held.started = 0;
}

static int second_rc, bogus_rc;

/* Completes twice on the loop thread: the second is refused. */
static void op_twice(mrt_op_call *c) {
  mrt_result res = {.kind = MRT_RESULT_NUMBER, .number = 1};
  mrt_op_complete(mrt_op_runtime(c), mrt_op_async_id(c), &res);
  res.number = 2;
  second_rc = mrt_op_complete(mrt_op_runtime(c), mrt_op_async_id(c), &res);
}

/* Completes twice through the ring: both are queued, the second is dropped at delivery. */
static void op_twice_threadsafe(mrt_op_call *c) {
  mrt_result res = {.kind = MRT_RESULT_NUMBER, .number = 1};
  mrt_op_complete_threadsafe(mrt_op_runtime(c), mrt_op_async_id(c), &res);
  res.number = 2;
  second_rc = mrt_op_complete_threadsafe(mrt_op_runtime(c), mrt_op_async_id(c), &res);
}

/* Completes its own call and one never handed out. */
static void op_bogus(mrt_op_call *c) {
  mrt_result res = {.kind = MRT_RESULT_NUMBER, .number = 1};
  mrt_op_complete(mrt_op_runtime(c), mrt_op_async_id(c), &res);
  bogus_rc = mrt_op_complete(mrt_op_runtime(c), mrt_op_async_id(c) + 1000, &res);
  mrt_op_complete_threadsafe(mrt_op_runtime(c), 0x7ffffff0u, &res);
}

/* Posts a result, then throws: the throw wins, the result is refused. */
static void op_complete_then_throw(mrt_op_call *c) {
  mrt_result res = {.kind = MRT_RESULT_NUMBER, .number = 1};
  mrt_op_complete(mrt_op_runtime(c), mrt_op_async_id(c), &res);
  mrt_op_throw(c, "EBAD", "threw after completing");
}

static mrt_runtime *accounting_runtime(void) {
  mrt_runtime *rt = new_runtime();
  mrt_op_decl decls[] = {
      {.name = "held", .fn = op_held, .async = 1},
      {.name = "twice", .fn = op_twice, .async = 1},
      {.name = "twiceThreadsafe", .fn = op_twice_threadsafe, .async = 1},
      {.name = "bogus", .fn = op_bogus, .async = 1},
      {.name = "completeThenThrow", .fn = op_complete_then_throw, .async = 1},
  };
  for (size_t i = 0; i < sizeof decls / sizeof decls[0]; i++)
    assert_int_equal(mrt_register_op(rt, &decls[i]), MRT_OK);
  return rt;
}

static void check_async_stats(mrt_runtime *rt, uint64_t rejected_completions,
                              uint64_t rejected_unrefs) {
  mrt_async_stats st;
  assert_int_equal(mrt_get_async_stats(rt, &st), MRT_OK);
  assert_int_equal(st.in_flight, 0);
  assert_int_equal(st.refs, 0);
  assert_int_equal(st.rejected_completions, rejected_completions);
  assert_int_equal(st.rejected_unrefs, rejected_unrefs);
}

static void double_completion_keeps_other_op(void **state) {
  (void)state;
  guard(20);
  mrt_runtime *rt = accounting_runtime();
  int rc;
  char *s = resolve_string(
      rt, "Promise.all([mrt.ops.held(), mrt.ops.twice()]).then(a => a.join())", &rc);
  assert_int_equal(rc, MRT_OK);
  assert_string_equal(s, "held,1"); /* the first result wins */
  mrt_free(s);
  assert_int_equal(second_rc, MRT_EINVAL);
  join_held();
  check_async_stats(rt, 1, 0);
  mrt_op_stats st;
  assert_int_equal(mrt_op_get_stats(rt, "twice", &st), MRT_OK);
  assert_int_equal(st.calls, 1);
  assert_int_equal(st.completions, 1);
  mrt_runtime_free(rt);
}

static void double_threadsafe_completion_keeps_other_op(void **state) {
  (void)state;
  guard(20);
  mrt_runtime *rt = accounting_runtime();
  int rc;
  char *s = resolve_string(
      rt, "Promise.all([mrt.ops.held(), mrt.ops.twiceThreadsafe()]).then(a => a.join())", &rc);
  assert_int_equal(rc, MRT_OK);
  assert_string_equal(s, "held,1");
  mrt_free(s);
  assert_int_equal(second_rc, MRT_OK); /* queued; refused when delivered */
  join_held();
  check_async_stats(rt, 1, 0);
  mrt_runtime_free(rt);
}

static void bogus_id_keeps_other_op(void **state) {
  (void)state;
  guard(20);
  mrt_runtime *rt = accounting_runtime();
  int rc;
  char *s = resolve_string(
      rt, "Promise.all([mrt.ops.held(), mrt.ops.bogus()]).then(a => a.join())", &rc);
  assert_int_equal(rc, MRT_OK);
  assert_string_equal(s, "held,1");
  mrt_free(s);
  assert_int_equal(bogus_rc, MRT_EINVAL);
  join_held();
  check_async_stats(rt, 2, 0); /* the local one at once, the threadsafe one when delivered */
  mrt_runtime_free(rt);
}

static void extra_unref_keeps_other_op(void **state) {
  (void)state;
  guard(20);
  mrt_runtime *rt = accounting_runtime();
  mrt_value *p = NULL, *v = NULL;
  const char *src = "mrt.ops.held()";
  assert_int_equal(mrt_execute_script(rt, "t.js", src, strlen(src), &p), MRT_OK);
  /* One ref and two unrefs: the second is refused, the op's hold stays. */
  assert_int_equal(mrt_ref(rt), MRT_OK);
  assert_int_equal(mrt_unref(rt), MRT_OK);
  assert_int_equal(mrt_unref(rt), MRT_ESTATE);
  assert_int_equal(mrt_last_error(rt)->code, MRT_ESTATE);
  assert_non_null(strstr(mrt_last_error(rt)->message, "mrt_unref"));
  mrt_async_stats st;
  assert_int_equal(mrt_get_async_stats(rt, &st), MRT_OK);
  assert_int_equal(st.in_flight, 1);
  assert_int_equal(mrt_resolve_value(rt, p, &v), MRT_OK);
  char *s = mrt_value_to_string(rt, v, NULL);
  assert_string_equal(s, "held");
  mrt_free(s);
  mrt_value_free(rt, v);
  mrt_value_free(rt, p);
  join_held();
  check_async_stats(rt, 0, 1);
  mrt_runtime_free(rt);
}

static void completion_of_a_throwing_op_is_refused(void **state) {
  (void)state;
  guard(20);
  mrt_runtime *rt = accounting_runtime();
  int rc;
  char *s = resolve_string(rt,
                           "Promise.all([mrt.ops.held(), mrt.ops.completeThenThrow()"
                           "  .catch(e => e.code)]).then(a => a.join())",
                           &rc);
  assert_int_equal(rc, MRT_OK);
  assert_string_equal(s, "held,EBAD");
  mrt_free(s);
  join_held();
  check_async_stats(rt, 1, 0);
  mrt_runtime_free(rt);
}

/* Reads a string argument; gives up (no result) when converting it threw. */
static void op_echo_string(mrt_op_call *c) {
  size_t len = 0;
  const char *s = mrt_op_arg_string(c, 0, &len);
  if (!s) return;
  mrt_result res = {.kind = MRT_RESULT_STRING, .bytes = (void *)s, .len = len};
  mrt_op_complete(mrt_op_runtime(c), mrt_op_async_id(c), &res);
}

static void argument_conversion_throw_ends_the_call(void **state) {
  (void)state;
  guard(20);
  mrt_runtime *rt = new_runtime();
  mrt_op_decl d = {.name = "echo", .fn = op_echo_string, .async = 1};
  assert_int_equal(mrt_register_op(rt, &d), MRT_OK);
  int rc;
  char *s = resolve_string(rt,
                           "Promise.all([mrt.ops.echo('ok'),"
                           "  mrt.ops.echo({ toString() { throw new Error('no string') } })"
                           "    .catch(e => e.message)]).then(a => a.join())",
                           &rc);
  assert_int_equal(rc, MRT_OK);
  assert_string_equal(s, "ok,no string");
  mrt_free(s);
  /* The call that threw holds nothing: the loop ends. */
  check_async_stats(rt, 0, 0);
  assert_int_equal(mrt_run_event_loop(rt), MRT_OK);
  mrt_runtime_free(rt);
}

/* Many calls in flight, completed in a scrambled order, a few twice: each takes exactly its
 * own first result. */
static uint32_t many_ids[5000];
static int nmany;

static void op_collect(mrt_op_call *c) { many_ids[nmany++] = mrt_op_async_id(c); }

static void many_in_flight_scrambled_order(void **state) {
  (void)state;
  guard(30);
  mrt_runtime *rt = new_runtime();
  mrt_op_decl d = {.name = "collect", .fn = op_collect, .async = 1};
  assert_int_equal(mrt_register_op(rt, &d), MRT_OK);
  nmany = 0;
  mrt_value *p = NULL, *v = NULL;
  /* A long-lived call first, then 4999 more: its id is passed by all the others. */
  const char *src =
      "const ps = []; for (let i = 0; i < 5000; i++) ps.push(mrt.ops.collect());"
      "Promise.all(ps).then(a => a.reduce((s, x) => s + x, 0))";
  assert_int_equal(mrt_execute_script(rt, "t.js", src, strlen(src), &p), MRT_OK);
  assert_int_equal(nmany, 5000);
  unsigned rejected = 0;
  for (int k = 1; k < 5000; k++) {
    int i = 1 + (int)(((uint64_t)k * 2654435761u) % 4999u); /* a permutation of 1..4999 */
    mrt_result res = {.kind = MRT_RESULT_NUMBER, .number = i};
    assert_int_equal(mrt_op_complete(rt, many_ids[i], &res), MRT_OK);
    if (k % 7 == 0) {
      assert_int_equal(mrt_op_complete(rt, many_ids[i], &res), MRT_EINVAL);
      rejected++;
    }
    if (k % 500 == 0) assert_int_equal(mrt_poll_event_loop(rt), MRT_PENDING);
  }
  mrt_result last = {.kind = MRT_RESULT_NUMBER, .number = 0};
  assert_int_equal(mrt_op_complete(rt, many_ids[0], &last), MRT_OK);
  assert_int_equal(mrt_resolve_value(rt, p, &v), MRT_OK);
  assert_int_equal(mrt_value_to_number(rt, v), 4999.0 * 5000 / 2);
  check_async_stats(rt, rejected, 0);
  mrt_value_free(rt, v);
  mrt_value_free(rt, p);
  mrt_runtime_free(rt);
}

/* ---------------------------------------------------------------- after mrt_runtime_free */

static uint32_t kept_ids[64];
static int nkept;

static void op_keep(mrt_op_call *c) { kept_ids[nkept++] = mrt_op_async_id(c); }

static void completion_after_free_is_dropped(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  mrt_op_decl keep = {.name = "keep", .fn = op_keep, .async = 1};
  assert_int_equal(mrt_register_op(rt, &keep), MRT_OK);
  nkept = 0;
  assert_int_equal(run(rt, "mrt.ops.keep(); mrt.ops.keep(); mrt.ops.keep()"), MRT_OK);
  assert_int_equal(nkept, 3);
  /* One result is still queued at free: it is dropped with the runtime. */
  mrt_result num = {.kind = MRT_RESULT_NUMBER, .number = 1};
  assert_int_equal(mrt_op_complete_threadsafe(rt, kept_ids[0], &num), MRT_OK);
  mrt_runtime_free(rt);
  /* The other two arrive after free (ASan: no access to freed memory); the last one frees
   * what was kept for them (LSan: no leak). */
  char *bytes = malloc(8);
  memcpy(bytes, "payload", 8);
  mrt_result str = {.kind = MRT_RESULT_BUFFER, .bytes = bytes, .len = 8, .free_bytes = free};
  assert_int_equal(mrt_op_complete_threadsafe(rt, kept_ids[1], &str), MRT_ESTATE);
  assert_int_equal(mrt_op_complete(rt, kept_ids[2], &num), MRT_ESTATE);
}

/* Threads complete while the runtime is freed under them. */
typedef struct racer {
  mrt_runtime *rt;
  uint32_t id;
  int delay_us;
  pthread_t thread;
} racer;

static void *race_complete(void *arg) {
  racer *r = arg;
  usleep((useconds_t)r->delay_us);
  mrt_result res = {.kind = MRT_RESULT_STRING, .bytes = "late", .len = 4};
  int rc = mrt_op_complete_threadsafe(r->rt, r->id, &res);
  return (void *)(intptr_t)(rc == MRT_OK || rc == MRT_ESTATE);
}

static void threaded_completions_race_free(void **state) {
  (void)state;
  for (int round = 0; round < 20; round++) {
    mrt_runtime *rt = new_runtime();
    mrt_op_decl keep = {.name = "keep", .fn = op_keep, .async = 1};
    assert_int_equal(mrt_register_op(rt, &keep), MRT_OK);
    nkept = 0;
    assert_int_equal(run(rt, "for (let i = 0; i < 16; i++) mrt.ops.keep()"), MRT_OK);
    racer racers[16];
    for (int i = 0; i < 16; i++) {
      racers[i] = (racer){rt, kept_ids[i], (i * 137 + round * 61) % 2000, 0};
      assert_int_equal(pthread_create(&racers[i].thread, NULL, race_complete, &racers[i]), 0);
    }
    usleep(1000);
    if (round % 2) mrt_poll_event_loop(rt); /* some results delivered, some queued */
    mrt_runtime_free(rt);
    for (int i = 0; i < 16; i++) {
      void *ok = NULL;
      pthread_join(racers[i].thread, &ok);
      assert_true(ok != NULL);
    }
  }
}

/* ---------------------------------------------------------------- backend timeout */

static void op_now(mrt_op_call *c) {
  mrt_result res = {.kind = MRT_RESULT_UNDEFINED};
  mrt_op_complete(mrt_op_runtime(c), mrt_op_async_id(c), &res);
}

static void backend_timeout_idle_is_minus_one(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  assert_true(mrt_backend_fd(rt) >= 0);
  assert_int_equal(mrt_backend_timeout(rt), -1); /* nothing pending: wait on the fd alone */
  assert_int_equal(run(rt, "globalThis.t = setTimeout(() => {}, 200)"), MRT_OK);
  /* (libuv asks for one poll first, to register the backend fd's watchers.) */
  assert_int_equal(mrt_poll_event_loop(rt), MRT_PENDING);
  int t = mrt_backend_timeout(rt);
  assert_true(t > 0 && t <= 200);
  assert_int_equal(run(rt, "clearTimeout(t)"), MRT_OK);
  assert_int_equal(mrt_run_event_loop(rt), MRT_OK);
  assert_int_equal(mrt_backend_timeout(rt), -1);
  /* A result waiting: poll now. */
  mrt_op_decl now = {.name = "now", .fn = op_now, .async = 1};
  assert_int_equal(mrt_register_op(rt, &now), MRT_OK);
  assert_int_equal(run(rt, "mrt.ops.now()"), MRT_OK);
  assert_int_equal(mrt_backend_timeout(rt), 0);
  assert_int_equal(mrt_run_event_loop(rt), MRT_OK);
  assert_int_equal(mrt_backend_timeout(rt), -1);
  mrt_runtime_free(rt);
}

/* ---------------------------------------------------------------- foreign handles */

static void foreign_value_is_refused(void **state) {
  (void)state;
  mrt_runtime *a = new_runtime(), *b = new_runtime();
  mrt_value *obj = NULL, *fn = NULL, *out = NULL;
  const char *src = "({x: 1, f() { return 2 }})";
  assert_int_equal(mrt_execute_script(a, "a.js", src, strlen(src), &obj), MRT_OK);
  assert_int_equal(mrt_get(a, obj, "f", &fn), MRT_OK);

  assert_int_equal(mrt_get(b, obj, "x", &out), MRT_EINVAL);
  assert_null(out);
  assert_non_null(strstr(mrt_last_error(b)->message, "another runtime"));
  mrt_value *num = mrt_number(b, 3);
  assert_int_equal(mrt_set(b, obj, "y", num), MRT_EINVAL);
  assert_int_equal(mrt_set(a, obj, "y", num), MRT_EINVAL); /* a's object, b's value */
  assert_int_equal(mrt_call(b, fn, NULL, 0, NULL, &out), MRT_EINVAL);
  mrt_value *args[1] = {num};
  assert_int_equal(mrt_call(a, fn, obj, 1, args, &out), MRT_EINVAL);
  assert_int_equal(mrt_resolve_value(b, obj, &out), MRT_EINVAL);
  assert_int_equal(mrt_poll_value(b, obj, &out), MRT_EINVAL);
  assert_null(mrt_value_to_string(b, obj, NULL));
  assert_int_equal(mrt_last_error(b)->code, MRT_EINVAL);
  assert_null(mrt_value_to_json(b, obj, NULL));
  assert_null(mrt_value_dup(b, obj));
  assert_int_equal(mrt_value_type(b, obj), MRT_TYPE_UNDEFINED);
  assert_true(isnan(mrt_value_to_number(b, obj)));
  assert_int_equal(mrt_value_to_boolean(b, obj), 0);
  mrt_value_free(b, obj); /* refused: a still owns it */
  assert_int_equal(mrt_value_type(a, obj), MRT_TYPE_OBJECT);

  /* a goes with its handles; b keeps working. */
  mrt_runtime_free(a);
  assert_int_equal(eval_number(b, "6 * 7"), 42);
  assert_int_equal(mrt_value_to_number(b, num), 3);
  mrt_value_free(b, num);
  mrt_runtime_free(b);
}

/* ---------------------------------------------------------------- re-entrancy */

static int reentry_rc[6];

static void op_reenter(mrt_op_call *c) {
  mrt_runtime *rt = mrt_op_runtime(c);
  mrt_value *p = mrt_op_arg_value(c, 0), *out = NULL;
  reentry_rc[0] = mrt_run_event_loop(rt);
  reentry_rc[1] = mrt_poll_event_loop(rt);
  reentry_rc[2] = mrt_resolve_value(rt, p, &out);
  reentry_rc[3] = mrt_poll_value(rt, p, &out);
  reentry_rc[4] = mrt_load_main_module(rt, "file:///x.mjs", "export default 1", 16, NULL);
  mrt_runtime_free(rt); /* refused: the runtime is running this op */
  reentry_rc[5] = mrt_execute_script(rt, "inner.js", "1", 1, NULL); /* nesting JS is fine */
  mrt_value_free(rt, p);
  mrt_op_return_number(c, 7);
}

static void reentrant_loop_calls_are_refused(void **state) {
  (void)state;
  guard(20);
  mrt_runtime *rt = new_runtime();
  mrt_op_decl d = {.name = "reenter", .fn = op_reenter};
  assert_int_equal(mrt_register_op(rt, &d), MRT_OK);
  /* From a script, and from a timer callback inside the loop. */
  const char *srcs[] = {
      "mrt.ops.reenter(new Promise(() => {}))",
      "new Promise(r => setTimeout(() => r(mrt.ops.reenter(new Promise(() => {}))), 1))"};
  for (int k = 0; k < 2; k++) {
    memset(reentry_rc, 0x55, sizeof reentry_rc);
    int rc;
    char *s = resolve_string(rt, srcs[k], &rc);
    assert_int_equal(rc, MRT_OK);
    assert_string_equal(s, "7");
    mrt_free(s);
    for (int i = 0; i < 5; i++) assert_int_equal(reentry_rc[i], MRT_ESTATE);
    assert_int_equal(reentry_rc[5], MRT_OK);
  }
  assert_int_equal(eval_number(rt, "1 + 1"), 2); /* still alive */

  /* From JS that value calls run: a getter (mrt_get_index), a setter (mrt_set_index), a
   * Proxy trap (mrt_object_keys), a thenable's `then` getter (mrt_promise_resolve). The
   * runtime is in use there as in mrt_get: the loop calls and the free are refused. */
  assert_int_equal(run(rt, "const re = () => mrt.ops.reenter(new Promise(() => {}));"
                           "globalThis.o = { get 0() { return re() }, set 1(v) { re() } };"
                           "globalThis.px = new Proxy({}, { ownKeys() { re(); return [] } });"
                           "globalThis.thenable = { get then() { re(); return undefined } };"),
                   MRT_OK);
  assert_int_equal(mrt_scope_open(rt), MRT_OK);
  mrt_value *g = mrt_global(rt), *o = NULL, *px = NULL, *thenable = NULL, *out = NULL;
  assert_int_equal(mrt_get(rt, g, "o", &o), MRT_OK);
  assert_int_equal(mrt_get(rt, g, "px", &px), MRT_OK);
  assert_int_equal(mrt_get(rt, g, "thenable", &thenable), MRT_OK);
  mrt_value *p = mrt_promise_new(rt);
  for (int k = 0; k < 4; k++) {
    memset(reentry_rc, 0x55, sizeof reentry_rc);
    int rc = k == 0   ? mrt_get_index(rt, o, 0, &out)
             : k == 1 ? mrt_set_index(rt, o, 1, NULL)
             : k == 2 ? mrt_object_keys(rt, px, &out)
                      : mrt_promise_resolve(rt, p, thenable);
    assert_int_equal(rc, MRT_OK);
    for (int i = 0; i < 5; i++) assert_int_equal(reentry_rc[i], MRT_ESTATE);
    assert_int_equal(reentry_rc[5], MRT_OK);
  }
  assert_true(mrt_value_to_number(rt, mrt_get_index(rt, o, 0, &out) == MRT_OK ? out : NULL) == 7);
  assert_int_equal(mrt_scope_close(rt), MRT_OK);
  assert_int_equal(eval_number(rt, "1 + 1"), 2); /* still alive */
  mrt_runtime_free(rt);
}

/* ---------------------------------------------------------------- op registration */

static void op_add(mrt_op_call *c) {
  mrt_op_return_number(c, mrt_op_arg_number(c, 0) + mrt_op_arg_number(c, 1));
}

static void bare_runtime_and_duplicate_ops(void **state) {
  (void)state;
  mrt_options opts;
  mrt_options_init(&opts);
  opts.v8_flags = TEST_V8_FLAGS;
  opts.flags = MRT_RUNTIME_BARE;
  mrt_runtime *bare = NULL;
  assert_int_equal(mrt_runtime_new(&opts, &bare), MRT_OK);
  mrt_op_decl sync = {.name = "add", .fn = op_add};
  mrt_op_decl async = {.name = "later", .fn = op_now, .async = 1};
  assert_int_equal(mrt_register_op(bare, &sync), MRT_ESTATE);
  assert_non_null(strstr(mrt_last_error(bare)->message, "MRT_RUNTIME_BARE"));
  assert_int_equal(mrt_register_op(bare, &async), MRT_ESTATE);
  assert_int_equal(eval_number(bare, "1 + 2"), 3);
  mrt_runtime_free(bare);

  mrt_runtime *rt = new_runtime();
  assert_int_equal(mrt_register_op(rt, &sync), MRT_OK);
  assert_int_equal(mrt_register_op(rt, &sync), MRT_EEXIST);
  assert_non_null(strstr(mrt_last_error(rt)->message, "'add'"));
  mrt_op_decl same_name_async = {.name = "add", .fn = op_now, .async = 1};
  assert_int_equal(mrt_register_op(rt, &same_name_async), MRT_EEXIST);
  /* The first stays as it was. */
  assert_int_equal(eval_number(rt, "mrt.ops.add(2, 3)"), 5);
  /* A name of a built-in op (another namespace, P.ops) is the embedder's to use. */
  mrt_op_decl builtin_name = {.name = "fsStat", .fn = op_add};
  assert_int_equal(mrt_register_op(rt, &builtin_name), MRT_OK);
  assert_int_equal(eval_number(rt, "mrt.ops.fsStat(1, 1)"), 2);
  mrt_op_stats st;
  assert_int_equal(mrt_op_get_stats(rt, "fsStat", &st), MRT_OK);
  assert_int_equal(st.calls, 1);
  mrt_op_decl bad_argc = {.name = "b", .fn = op_add, .fast = (const void *)op_add, .fast_argc = 99};
  assert_int_equal(mrt_register_op(rt, &bad_argc), MRT_EINVAL);
  mrt_runtime_free(rt);
}

/* ---------------------------------------------------------------- last error */

static void rejection_carries_location_and_success_clears(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  mrt_value *p = NULL, *v = NULL;
  const char *src =
      "async function f() {\n"
      "  await null;\n"
      "  throw new TypeError('late boom');\n"
      "}\n"
      "f()\n";
  assert_int_equal(mrt_execute_script(rt, "rej.js", src, strlen(src), &p), MRT_OK);
  assert_int_equal(mrt_resolve_value(rt, p, &v), MRT_EEXCEPTION);
  const mrt_error *e = mrt_last_error(rt);
  assert_int_equal(e->code, MRT_EEXCEPTION);
  assert_string_equal(e->name, "TypeError");
  assert_string_equal(e->message, "late boom");
  assert_non_null(e->file);
  assert_string_equal(e->file, "rej.js");
  assert_int_equal(e->line, 3);
  assert_int_equal(e->column, 9);
  assert_non_null(e->source_line);
  assert_string_equal(e->source_line, "  throw new TypeError('late boom');");
  mrt_value_free(rt, v);
  mrt_value_free(rt, p);

  /* An unhandled rejection from the loop names its place too. */
  const char *unhandled = "setTimeout(() => {\n  Promise.reject(new RangeError('nobody'));\n}, 1)";
  assert_int_equal(run(rt, unhandled), MRT_OK);
  assert_int_equal(mrt_run_event_loop(rt), MRT_EUNHANDLED);
  assert_string_equal(mrt_last_error(rt)->file, "test.js");
  assert_int_equal(mrt_last_error(rt)->line, 2);

  /* A success clears the record. */
  assert_int_equal(run(rt, "1"), MRT_OK);
  assert_int_equal(mrt_last_error(rt)->code, 0);
  assert_null(mrt_last_error(rt)->message);
  assert_int_equal(run(rt, "throw new Error('x')"), MRT_EEXCEPTION);
  assert_int_equal(mrt_run_event_loop(rt), MRT_OK);
  assert_int_equal(mrt_last_error(rt)->code, 0);
  mrt_runtime_free(rt);
}

/* ---------------------------------------------------------------- error before a turn */

static void op_fail_now(mrt_op_call *c) {
  mrt_result res = {.kind = MRT_RESULT_ERROR, .code = "EFAIL", .message = "failed at once"};
  mrt_op_complete(mrt_op_runtime(c), mrt_op_async_id(c), &res);
}

static void error_before_turn_ends_run(void **state) {
  (void)state;
  guard(20);
  mrt_runtime *rt = new_runtime();
  mrt_op_decl fail = {.name = "failNow", .fn = op_fail_now, .async = 1};
  mrt_op_decl now = {.name = "now", .fn = op_now, .async = 1};
  assert_int_equal(mrt_register_op(rt, &fail), MRT_OK);
  assert_int_equal(mrt_register_op(rt, &now), MRT_OK);

  /* The result is delivered before the loop runs and rejects unhandled. */
  assert_int_equal(run(rt, "globalThis.iv = setInterval(() => {}, 5); mrt.ops.failNow()"),
                   MRT_OK);
  assert_int_equal(mrt_run_event_loop(rt), MRT_EUNHANDLED);
  assert_string_equal(mrt_last_error(rt)->message, "failed at once");
  assert_int_equal(mrt_poll_event_loop(rt), MRT_PENDING); /* the interval lives on */
  assert_int_equal(run(rt, "mrt.ops.failNow()"), MRT_OK);
  assert_int_equal(mrt_poll_event_loop(rt), MRT_EUNHANDLED);

  /* mrt_terminate's wake-up delivered with a local result, before the loop runs. */
  assert_int_equal(run(rt, "mrt.ops.now()"), MRT_OK);
  mrt_terminate(rt);
  assert_int_equal(mrt_run_event_loop(rt), MRT_ETERMINATED);
  assert_int_equal(run(rt, "clearInterval(iv)"), MRT_OK);
  assert_int_equal(mrt_run_event_loop(rt), MRT_OK);
  mrt_runtime_free(rt);
}

/* ---------------------------------------------------------------- NULL arguments */

static void null_arguments_never_crash(void **state) {
  (void)state;
  /* NULL runtime. */
  assert_null(mrt_error_format(NULL));
  mrt_options_init(NULL);
  assert_int_equal(mrt_runtime_new(NULL, NULL), MRT_EINVAL);
  mrt_runtime_free(NULL);
  mrt_set_user_data(NULL, NULL);
  assert_null(mrt_get_user_data(NULL));
  assert_int_equal(mrt_execute_script(NULL, "x", "1", 1, NULL), MRT_EINVAL);
  mrt_flush(NULL);
  assert_int_equal(mrt_exit_code(NULL), MRT_EINVAL);
  assert_int_equal(mrt_value_type(NULL, NULL), MRT_TYPE_UNDEFINED);
  assert_null(mrt_value_dup(NULL, NULL));
  mrt_value_free(NULL, NULL);
  assert_null(mrt_undefined(NULL));
  assert_null(mrt_null(NULL));
  assert_null(mrt_boolean(NULL, 1));
  assert_null(mrt_number(NULL, 1));
  assert_null(mrt_string(NULL, "x", 1));
  assert_null(mrt_object(NULL));
  assert_null(mrt_global(NULL));
  assert_true(isnan(mrt_value_to_number(NULL, NULL)));
  assert_int_equal(mrt_value_to_boolean(NULL, NULL), 0);
  assert_null(mrt_value_to_string(NULL, NULL, NULL));
  assert_null(mrt_value_to_json(NULL, NULL, NULL));
  assert_int_equal(mrt_get(NULL, NULL, NULL, NULL), MRT_EINVAL);
  assert_int_equal(mrt_set(NULL, NULL, NULL, NULL), MRT_EINVAL);
  assert_int_equal(mrt_call(NULL, NULL, NULL, 0, NULL, NULL), MRT_EINVAL);
  assert_int_equal(mrt_poll_event_loop(NULL), MRT_EINVAL);
  assert_int_equal(mrt_run_event_loop(NULL), MRT_EINVAL);
  assert_int_equal(mrt_backend_fd(NULL), MRT_EINVAL);
  assert_int_equal(mrt_backend_timeout(NULL), MRT_EINVAL);
  assert_int_equal(mrt_poll_value(NULL, NULL, NULL), MRT_EINVAL);
  assert_int_equal(mrt_resolve_value(NULL, NULL, NULL), MRT_EINVAL);
  mrt_load_complete(NULL, "x", 1);
  mrt_load_fail(NULL, NULL);
  assert_int_equal(mrt_load_main_module(NULL, "x", NULL, 0, NULL), MRT_EINVAL);
  assert_int_equal(mrt_load_side_module(NULL, "x", NULL, 0, NULL), MRT_EINVAL);
  assert_int_equal(mrt_mod_evaluate(NULL, 0, NULL), MRT_EINVAL);
  assert_int_equal(mrt_module_namespace(NULL, 0, NULL), MRT_EINVAL);
  assert_int_equal(mrt_register_op(NULL, NULL), MRT_EINVAL);
  assert_null(mrt_op_runtime(NULL));
  assert_null(mrt_op_data(NULL));
  assert_int_equal(mrt_op_argc(NULL), 0);
  assert_int_equal(mrt_op_arg_type(NULL, 0), MRT_TYPE_UNDEFINED);
  assert_true(isnan(mrt_op_arg_number(NULL, 0)));
  assert_int_equal(mrt_op_arg_boolean(NULL, 0), 0);
  assert_null(mrt_op_arg_string(NULL, 0, NULL));
  assert_int_equal(mrt_op_arg_buffer(NULL, 0, NULL, NULL), MRT_EINVAL);
  assert_null(mrt_op_arg_value(NULL, 0));
  mrt_op_return_number(NULL, 1);
  mrt_op_return_boolean(NULL, 1);
  mrt_op_return_string(NULL, "x", 1);
  mrt_op_return_value(NULL, NULL);
  mrt_op_throw(NULL, NULL, NULL);
  assert_int_equal(mrt_op_async_id(NULL), 0);
  mrt_result res = {.kind = MRT_RESULT_UNDEFINED};
  assert_int_equal(mrt_op_complete(NULL, 1, &res), MRT_EINVAL);
  assert_int_equal(mrt_op_complete_threadsafe(NULL, 1, &res), MRT_EINVAL);
  assert_int_equal(mrt_ref(NULL), MRT_EINVAL);
  assert_int_equal(mrt_unref(NULL), MRT_EINVAL);
  assert_int_equal(mrt_get_async_stats(NULL, NULL), MRT_EINVAL);
  assert_int_equal(mrt_op_get_stats(NULL, NULL, NULL), MRT_EINVAL);
  assert_int_equal(mrt_add_near_heap_limit_callback(NULL, NULL, NULL), MRT_EINVAL);
  assert_int_equal(mrt_remove_near_heap_limit_callback(NULL, NULL, 0), MRT_EINVAL);
  mrt_terminate(NULL);
  assert_int_equal(mrt_get_startup_times(NULL, NULL), MRT_EINVAL);
  assert_int_equal(mrt_get_heap_stats(NULL, NULL), MRT_EINVAL);

  /* Options with NULL pointers the runtime would call or read. */
  mrt_options opts;
  mrt_options_init(&opts);
  opts.v8_flags = TEST_V8_FLAGS;
  mrt_module_loader half = {.resolve = NULL, .load = NULL};
  opts.loader = &half;
  mrt_runtime *none = NULL;
  assert_int_equal(mrt_runtime_new(&opts, &none), MRT_EINVAL);
  assert_null(none);
  assert_non_null(strstr(mrt_last_error(NULL)->message, "loader"));
  opts.loader = NULL;
  opts.argc = 2;
  assert_int_equal(mrt_runtime_new(&opts, &none), MRT_EINVAL);

  /* A runtime, NULL pointers. */
  mrt_runtime *rt = new_runtime();
  assert_int_equal(mrt_execute_script(rt, "x", NULL, 1, NULL), MRT_EINVAL);
  assert_int_equal(mrt_execute_script(rt, NULL, "1", 1, NULL), MRT_OK);
  assert_null(mrt_string(rt, NULL, 3));
  mrt_value *empty = mrt_string(rt, NULL, 0);
  assert_int_equal(mrt_value_type(rt, empty), MRT_TYPE_STRING);
  assert_null(mrt_value_to_string(rt, NULL, NULL));
  assert_int_equal(mrt_get(rt, empty, NULL, NULL), MRT_EINVAL);
  assert_int_equal(mrt_get(rt, NULL, "x", NULL), MRT_EINVAL);
  assert_int_equal(mrt_set(rt, NULL, "x", NULL), MRT_EINVAL);
  assert_int_equal(mrt_call(rt, NULL, NULL, 0, NULL, NULL), MRT_EINVAL);
  assert_int_equal(mrt_call(rt, empty, NULL, 2, NULL, NULL), MRT_EINVAL);
  assert_int_equal(mrt_poll_value(rt, NULL, NULL), MRT_EINVAL);
  assert_int_equal(mrt_resolve_value(rt, NULL, NULL), MRT_EINVAL);
  assert_int_equal(mrt_load_main_module(rt, NULL, NULL, 0, NULL), MRT_EINVAL);
  assert_int_equal(mrt_load_side_module(rt, "file:///a.mjs", NULL, 5, NULL), MRT_EINVAL);
  assert_int_equal(mrt_mod_evaluate(rt, 12345, NULL), MRT_EINVAL);
  assert_int_equal(mrt_module_namespace(rt, -1, NULL), MRT_EINVAL);
  assert_int_equal(mrt_register_op(rt, NULL), MRT_EINVAL);
  assert_int_equal(mrt_op_complete(rt, 1, NULL), MRT_EINVAL);
  assert_int_equal(mrt_op_complete_threadsafe(rt, 1, NULL), MRT_EINVAL);
  mrt_result bad = {.kind = MRT_RESULT_STRING, .bytes = NULL, .len = 4};
  assert_int_equal(mrt_op_complete_threadsafe(rt, 1, &bad), MRT_EINVAL);
  mrt_result bad_kind = {.kind = (mrt_result_kind)77};
  assert_int_equal(mrt_op_complete(rt, 1, &bad_kind), MRT_EINVAL);
  assert_int_equal(mrt_get_async_stats(rt, NULL), MRT_EINVAL);
  assert_int_equal(mrt_op_get_stats(rt, NULL, NULL), MRT_EINVAL);
  assert_int_equal(mrt_op_get_stats(rt, "fsStat", NULL), MRT_EINVAL);
  assert_int_equal(mrt_add_near_heap_limit_callback(rt, NULL, NULL), MRT_EINVAL);
  assert_int_equal(mrt_remove_near_heap_limit_callback(rt, NULL, 0), MRT_ENOTFOUND);
  assert_int_equal(mrt_get_startup_times(rt, NULL), MRT_EINVAL);
  assert_int_equal(mrt_get_heap_stats(rt, NULL), MRT_EINVAL);
  assert_int_equal(mrt_unref(rt), MRT_ESTATE);
  assert_int_equal(eval_number(rt, "2 + 2"), 4); /* unharmed */
  mrt_value_free(rt, empty);
  mrt_runtime_free(rt);
}

/* A NULL call and out-of-range indexes inside a real op call. */
static void op_probe(mrt_op_call *c) {
  void *data = NULL;
  size_t len = 0;
  int ok = mrt_op_arg_type(c, -1) == MRT_TYPE_UNDEFINED && isnan(mrt_op_arg_number(c, -1)) &&
           mrt_op_arg_type(c, 99) == MRT_TYPE_UNDEFINED &&
           mrt_op_arg_buffer(c, 0, NULL, NULL) == MRT_EINVAL &&
           mrt_op_arg_buffer(c, 0, &data, &len) == MRT_OK && len == 3;
  mrt_op_return_boolean(c, ok);
}

static void op_accessors_check_indexes(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  mrt_op_decl d = {.name = "probe", .fn = op_probe};
  assert_int_equal(mrt_register_op(rt, &d), MRT_OK);
  assert_int_equal(eval_number(rt, "mrt.ops.probe(new Uint8Array(3)) ? 1 : 0"), 1);
  mrt_runtime_free(rt);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(double_completion_keeps_other_op),
      cmocka_unit_test(double_threadsafe_completion_keeps_other_op),
      cmocka_unit_test(bogus_id_keeps_other_op),
      cmocka_unit_test(extra_unref_keeps_other_op),
      cmocka_unit_test(completion_of_a_throwing_op_is_refused),
      cmocka_unit_test(argument_conversion_throw_ends_the_call),
      cmocka_unit_test(many_in_flight_scrambled_order),
      cmocka_unit_test(completion_after_free_is_dropped),
      cmocka_unit_test(threaded_completions_race_free),
      cmocka_unit_test(backend_timeout_idle_is_minus_one),
      cmocka_unit_test(foreign_value_is_refused),
      cmocka_unit_test(reentrant_loop_calls_are_refused),
      cmocka_unit_test(bare_runtime_and_duplicate_ops),
      cmocka_unit_test(rejection_carries_location_and_success_clears),
      cmocka_unit_test(error_before_turn_ends_run),
      cmocka_unit_test(null_arguments_never_crash),
      cmocka_unit_test(op_accessors_check_indexes),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
