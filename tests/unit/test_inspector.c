/* test_inspector.c: the inspector's C API (mrt_inspector_*), as an embedder uses it without
 * the WebSocket server: a session on the runtime's thread (dispatch, responses through send),
 * messages posted from another thread while a script runs (delivered by an interrupt) and
 * while it is paused at a `debugger` statement (the paused runtime waits for them), console
 * messages, disconnecting, misuse. */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>

#include "test_helpers.h"

static void on_alarm(int sig) {
  (void)sig;
  static const char msg[] = "test_inspector: timed out\n";
  if (write(2, msg, sizeof msg - 1) < 0) _exit(3);
  _exit(3);
}

/* What a session received: every message, appended (runtime's thread), and flags another
 * thread polls. */
typedef struct inbox {
  char *text;
  size_t len;
  atomic_int paused, resumed;
} inbox;

static void collect(void *data, const char *msg, size_t len) {
  inbox *in = data;
  in->text = realloc(in->text, in->len + len + 2);
  memcpy(in->text + in->len, msg, len);
  in->len += len;
  in->text[in->len++] = '\n';
  in->text[in->len] = '\0';
  if (strstr(msg, "\"method\":\"Debugger.paused\"")) atomic_store(&in->paused, 1);
  if (strstr(msg, "\"method\":\"Debugger.resumed\"")) atomic_store(&in->resumed, 1);
}

static int send_str(mrt_inspector_session *s, const char *msg) {
  return mrt_inspector_dispatch(s, msg, strlen(msg));
}

static void test_dispatch_and_console(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  inbox in = {0};
  mrt_inspector_session *s = mrt_inspector_connect(rt, collect, &in);
  assert_non_null(s);
  assert_int_equal(send_str(s, "{\"id\":1,\"method\":\"Runtime.enable\"}"), MRT_OK);
  assert_non_null(strstr(in.text, "\"method\":\"Runtime.executionContextCreated\""));
  assert_int_equal(send_str(s, "{\"id\":2,\"method\":\"Runtime.evaluate\",\"params\":"
                               "{\"expression\":\"'\xc3\xa9t\xc3\xa9 ' + 6 * 7\"}}"),
                   MRT_OK);
  /* UTF-8 in; V8's JSON escapes what is not ASCII. */
  assert_non_null(strstr(in.text, "{\"id\":2,\"result\":{\"result\":{\"type\":\"string\","
                                  "\"value\":\"\\u00e9t\\u00e9 42\"}}}"));
  assert_int_equal(run(rt, "console.log('to the inspector', 1)"), MRT_OK);
  mrt_flush(rt);
  assert_non_null(strstr(in.text, "\"method\":\"Runtime.consoleAPICalled\""));
  assert_non_null(strstr(in.text, "\"value\":\"to the inspector\""));
  /* A malformed message is answered with a protocol error, not a crash. */
  assert_int_equal(send_str(s, "{not json"), MRT_OK);
  assert_non_null(strstr(in.text, "\"error\":{\"code\":-32700"));
  mrt_inspector_disconnect(s);
  size_t before = in.len;
  assert_int_equal(run(rt, "console.log('after')"), MRT_OK);
  assert_int_equal(in.len, before); /* nothing reaches a disconnected session */
  mrt_runtime_free(rt);
  free(in.text);
}

typedef struct poster {
  mrt_inspector_session *s;
  inbox *in;
} poster;

/* Sets the flag the script spins on: delivered while the script runs (an interrupt). */
static void *post_stop(void *arg) {
  poster *p = arg;
  usleep(50000);
  const char *msg = "{\"id\":7,\"method\":\"Runtime.evaluate\",\"params\":"
                    "{\"expression\":\"globalThis.stop = true\"}}";
  assert_int_equal(mrt_inspector_post(p->s, msg, strlen(msg)), MRT_OK);
  return NULL;
}

static void test_post_while_running(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  inbox in = {0};
  mrt_inspector_session *s = mrt_inspector_connect(rt, collect, &in);
  poster p = {s, &in};
  pthread_t t;
  pthread_create(&t, NULL, post_stop, &p);
  assert_int_equal(run(rt, "globalThis.stop = false; while (!globalThis.stop) {}"), MRT_OK);
  pthread_join(t, NULL);
  assert_non_null(strstr(in.text, "{\"id\":7,\"result\":{\"result\":{\"type\":\"boolean\","
                                  "\"value\":true}}}"));
  mrt_inspector_disconnect(s);
  mrt_runtime_free(rt);
  free(in.text);
}

/* Waits for the pause, reads a local through the paused frame, resumes. */
static void *drive_pause(void *arg) {
  poster *p = arg;
  while (!atomic_load(&p->in->paused)) usleep(1000);
  const char *eval = "{\"id\":21,\"method\":\"Runtime.evaluate\",\"params\":"
                     "{\"expression\":\"globalThis.seen = 'paused'\"}}";
  mrt_inspector_post(p->s, eval, strlen(eval));
  const char *resume = "{\"id\":22,\"method\":\"Debugger.resume\"}";
  mrt_inspector_post(p->s, resume, strlen(resume));
  return NULL;
}

static void test_pause_waits_for_posts(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  inbox in = {0};
  mrt_inspector_session *s = mrt_inspector_connect(rt, collect, &in);
  assert_int_equal(send_str(s, "{\"id\":20,\"method\":\"Debugger.enable\"}"), MRT_OK);
  poster p = {s, &in};
  pthread_t t;
  pthread_create(&t, NULL, drive_pause, &p);
  char *r = eval_string(rt, "var x = 1; debugger; x + 1 + ' ' + globalThis.seen");
  pthread_join(t, NULL);
  assert_string_equal(r, "2 paused");
  mrt_free(r);
  assert_true(atomic_load(&in.resumed));
  assert_non_null(strstr(in.text, "\"reason\":\"other\""));
  mrt_inspector_disconnect(s);
  mrt_runtime_free(rt);
  free(in.text);
}

static void test_misuse(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  assert_null(mrt_inspector_connect(NULL, collect, NULL));
  assert_null(mrt_inspector_connect(rt, NULL, NULL));
  assert_int_equal(mrt_last_error(rt)->code, MRT_EINVAL);
  assert_int_equal(mrt_inspector_dispatch(NULL, "{}", 2), MRT_EINVAL);
  assert_int_equal(mrt_inspector_post(NULL, "{}", 2), MRT_EINVAL);
  mrt_inspector_disconnect(NULL);
  assert_int_equal(mrt_inspector_port(rt), -1);
  assert_int_equal(mrt_inspector_start(rt, "127.0.0.1", 70000, 0), MRT_EINVAL);
  assert_int_equal(mrt_inspector_start(rt, "not an address", 0, 0), MRT_EIO);
  /* A server on any free port; a second one is refused; freeing the runtime stops it. */
  assert_int_equal(mrt_inspector_start(rt, "127.0.0.1", 0, 0), MRT_OK);
  assert_true(mrt_inspector_port(rt) > 0);
  assert_int_equal(mrt_inspector_start(rt, "127.0.0.1", 0, 0), MRT_EEXIST);
  /* A session left connected goes with the runtime. */
  inbox in = {0};
  assert_non_null(mrt_inspector_connect(rt, collect, &in));
  mrt_inspector_finish(rt);
  mrt_runtime_free(rt);
  free(in.text);
}

int main(void) {
  signal(SIGALRM, on_alarm);
  alarm(60);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_dispatch_and_console),
      cmocka_unit_test(test_post_while_running),
      cmocka_unit_test(test_pause_waits_for_posts),
      cmocka_unit_test(test_misuse),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
