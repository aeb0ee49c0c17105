/* test_ops.c: native ops: sync calls and their argument/return accessors, thrown errors with
 * a code, async ops completed on the loop thread and from another thread, counters. */
#include <errno.h>
#include <pthread.h>
#include <unistd.h>

#include "test_helpers.h"

static void op_add(mrt_op_call *c) {
  mrt_op_return_number(c, mrt_op_arg_number(c, 0) + mrt_op_arg_number(c, 1));
}

static void op_describe(mrt_op_call *c) {
  char buf[256];
  size_t len = 0;
  const char *s = mrt_op_arg_string(c, 0, &len);
  void *data;
  size_t n = 0;
  int has_buf = mrt_op_arg_buffer(c, 1, &data, &n) == MRT_OK;
  int k = snprintf(buf, sizeof buf, "%s|%zu|%d|%zu|%d|%s", s, len, has_buf, n,
                   mrt_op_argc(c), (const char *)mrt_op_data(c));
  mrt_op_return_string(c, buf, (size_t)k);
}

static void op_fail(mrt_op_call *c) { mrt_op_throw(c, "EBADTHING", "it failed"); }

static void op_echo_value(mrt_op_call *c) {
  mrt_value *v = mrt_op_arg_value(c, 0);
  mrt_op_return_value(c, v);
  mrt_value_free(mrt_op_runtime(c), v);
}

static void sync_ops(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  mrt_op_decl add = {.name = "add", .fn = op_add};
  mrt_op_decl describe = {.name = "describe", .fn = op_describe, .data = "tag"};
  mrt_op_decl fail = {.name = "fail", .fn = op_fail};
  mrt_op_decl echo = {.name = "echo", .fn = op_echo_value};
  assert_int_equal(mrt_register_op(rt, &add), MRT_OK);
  assert_int_equal(mrt_register_op(rt, &describe), MRT_OK);
  assert_int_equal(mrt_register_op(rt, &fail), MRT_OK);
  assert_int_equal(mrt_register_op(rt, &echo), MRT_OK);

  assert_true(eval_number(rt, "let s = 0; for (let i = 0; i < 1000; i++) s = mrt.ops.add(s, i); s")
              == 499500);
  char *s = eval_string(rt, "mrt.ops.describe('h\\u00e9', new Uint8Array(5).subarray(1))");
  assert_string_equal(s, "h\xc3\xa9|3|1|4|2|tag");
  mrt_free(s);
  s = eval_string(rt, "try { mrt.ops.fail() } catch (e) { `${e.constructor.name}:${e.code}:${e.message}` }");
  assert_string_equal(s, "Error:EBADTHING:it failed");
  mrt_free(s);
  s = eval_string(rt, "const o = {}; mrt.ops.echo(o) === o");
  assert_string_equal(s, "true");
  mrt_free(s);

  mrt_op_stats st;
  assert_int_equal(mrt_op_get_stats(rt, "add", &st), MRT_OK);
  assert_int_equal(st.calls, 1000);
  assert_int_equal(mrt_op_get_stats(rt, "fail", &st), MRT_OK);
  assert_int_equal(st.errors, 1);
  assert_int_equal(mrt_op_get_stats(rt, "nope", &st), MRT_ENOTFOUND);

  mrt_op_decl bad = {.name = NULL, .fn = op_add};
  assert_int_equal(mrt_register_op(rt, &bad), MRT_EINVAL);
  mrt_runtime_free(rt);
}

/* Completes at once, on the loop thread: the promise settles in a later batch. */
static void op_double_later(mrt_op_call *c) {
  mrt_result res = {.kind = MRT_RESULT_NUMBER, .number = 2 * mrt_op_arg_number(c, 0)};
  mrt_op_complete(mrt_op_runtime(c), mrt_op_async_id(c), &res);
}

static void op_fail_later(mrt_op_call *c) {
  mrt_result res = {.kind = MRT_RESULT_ERROR, .uv_errno = -ENOENT, .syscall = "open",
                    .path = "/nope"};
  mrt_op_complete(mrt_op_runtime(c), mrt_op_async_id(c), &res);
}

typedef struct job {
  mrt_runtime *rt;
  uint32_t id;
  char text[32];
} job;

static void *worker(void *arg) {
  job *j = arg;
  usleep(10000);
  mrt_result res = {.kind = MRT_RESULT_STRING, .bytes = j->text, .len = strlen(j->text)};
  mrt_op_complete_threadsafe(j->rt, j->id, &res);
  return NULL;
}

static pthread_t threads[8];
static job jobs[8];
static int nthreads;

static void op_thread(mrt_op_call *c) {
  mrt_runtime *rt = mrt_op_runtime(c);
  job *j = &jobs[nthreads];
  j->rt = rt;
  j->id = mrt_op_async_id(c);
  snprintf(j->text, sizeof j->text, "from thread %d", (int)mrt_op_arg_number(c, 0));
  pthread_create(&threads[nthreads++], NULL, worker, j);
}

static void async_ops(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  mrt_op_decl later = {.name = "doubleLater", .fn = op_double_later, .async = 1};
  mrt_op_decl fail = {.name = "failLater", .fn = op_fail_later, .async = 1};
  assert_int_equal(mrt_register_op(rt, &later), MRT_OK);
  assert_int_equal(mrt_register_op(rt, &fail), MRT_OK);
  mrt_value *p = NULL, *result = NULL;
  const char *src =
      "(async () => { const log = [];"
      "  const all = await Promise.all([1, 2, 3].map(x => mrt.ops.doubleLater(x)));"
      "  log.push(all.join());"
      "  try { await mrt.ops.failLater() } catch (e) {"
      "    log.push(e.code, e.syscall, e.path, e.message) }"
      "  return log.join('|') })()";
  assert_int_equal(mrt_execute_script(rt, "t.js", src, strlen(src), &p), MRT_OK);
  assert_int_equal(mrt_resolve_value(rt, p, &result), MRT_OK);
  char *s = mrt_value_to_string(rt, result, NULL);
  assert_string_equal(s, "2,4,6|ENOENT|open|/nope|ENOENT: no such file or directory, open '/nope'");
  mrt_free(s);
  /* Completions and errors are counted per op, from C and from JS. */
  mrt_op_stats st;
  assert_int_equal(mrt_op_get_stats(rt, "doubleLater", &st), MRT_OK);
  assert_int_equal(st.calls, 3);
  assert_int_equal(st.completions, 3);
  assert_int_equal(st.errors, 0);
  assert_int_equal(mrt_op_get_stats(rt, "failLater", &st), MRT_OK);
  assert_int_equal(st.calls, 1);
  assert_int_equal(st.completions, 1);
  assert_int_equal(st.errors, 1);
  s = eval_string(rt, "JSON.stringify([mrt.opStats('failLater'), mrt.opStats('nope')])");
  assert_string_equal(s, "[{\"calls\":1,\"completions\":1,\"errors\":1},null]");
  mrt_free(s);
  mrt_runtime_free(rt);
}

static void threadsafe_completion(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  /* The op in flight keeps the loop alive although only another thread holds the work. */
  mrt_op_decl th = {.name = "onThread", .fn = op_thread, .async = 1};
  assert_int_equal(mrt_register_op(rt, &th), MRT_OK);
  nthreads = 0;
  mrt_value *p = NULL, *result = NULL;
  const char *src = "Promise.all([1, 2, 3, 4].map(i => mrt.ops.onThread(i))).then(a => a.join())";
  assert_int_equal(mrt_execute_script(rt, "t.js", src, strlen(src), &p), MRT_OK);
  assert_int_equal(mrt_resolve_value(rt, p, &result), MRT_OK);
  char *s = mrt_value_to_string(rt, result, NULL);
  assert_string_equal(s, "from thread 1,from thread 2,from thread 3,from thread 4");
  mrt_free(s);
  for (int i = 0; i < nthreads; i++) pthread_join(threads[i], NULL);
  mrt_runtime_free(rt);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(sync_ops),
      cmocka_unit_test(async_ops),
      cmocka_unit_test(threadsafe_completion),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
