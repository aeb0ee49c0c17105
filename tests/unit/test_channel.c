/* test_channel.c: mrt_channel (core/channel.c). Bytes from several C threads to a C
 * receiver (all delivered, in order per thread), messages that wait for a receiver, a JS
 * port and a C end exchanging structured clones and bytes, close()/detach ending the loop,
 * one receiver per end, a channel released while a receiver still holds it, a runtime freed
 * with its receivers attached, and bad arguments. Run under TSan too (tools/test.sh --tsan). */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>

#include "test_helpers.h"

static void on_alarm(int sig) {
  (void)sig;
  static const char msg[] = "test_channel: timed out\n";
  if (write(2, msg, sizeof msg - 1) < 0) _exit(3);
  _exit(3);
}

#define POSTERS 4
#define POSTS_EACH 3000

typedef struct counts {
  int last[POSTERS];
  int received, out_of_order, detach_at;
  mrt_channel *ch;
} counts;

static void count_bytes(mrt_runtime *rt, void *data, const mrt_channel_msg *msg) {
  counts *c = data;
  int v[2];
  assert_int_equal(msg->kind, MRT_CHANNEL_BYTES);
  assert_int_equal(msg->len, sizeof v);
  memcpy(v, msg->bytes, sizeof v);
  if (v[1] != c->last[v[0]] + 1) c->out_of_order++;
  c->last[v[0]] = v[1];
  if (++c->received == c->detach_at) mrt_channel_receive(rt, c->ch, 1, NULL, NULL);
}

typedef struct poster {
  mrt_channel *ch;
  int id;
} poster;

static void *post_many(void *arg) {
  poster *p = arg;
  for (int i = 1; i <= POSTS_EACH; i++) {
    int v[2] = {p->id, i};
    assert_int_equal(mrt_channel_post(p->ch, 0, v, sizeof v), MRT_OK);
  }
  return NULL;
}

static void test_threads_to_c_receiver(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  counts c = {.detach_at = POSTERS * POSTS_EACH};
  c.ch = mrt_channel_new();
  assert_non_null(c.ch);
  assert_int_equal(mrt_channel_receive(rt, c.ch, 1, count_bytes, &c), MRT_OK);
  pthread_t th[POSTERS];
  poster ps[POSTERS];
  for (int i = 0; i < POSTERS; i++) {
    ps[i] = (poster){c.ch, i};
    assert_int_equal(pthread_create(&th[i], NULL, post_many, &ps[i]), 0);
  }
  /* The receiver holds the loop until the last message detaches it. */
  assert_int_equal(mrt_run_event_loop(rt), MRT_OK);
  for (int i = 0; i < POSTERS; i++) pthread_join(th[i], NULL);
  assert_int_equal(c.received, POSTERS * POSTS_EACH);
  assert_int_equal(c.out_of_order, 0);
  mrt_runtime_free(rt);
  mrt_channel_release(c.ch);
}

/* Posted before any receiver: delivered once one attaches, in order. */
static void test_messages_wait_for_receiver(void **state) {
  (void)state;
  mrt_channel *ch = mrt_channel_new();
  for (int i = 1; i <= 3; i++) {
    int v[2] = {0, i};
    assert_int_equal(mrt_channel_post(ch, 0, v, sizeof v), MRT_OK);
  }
  mrt_runtime *rt = new_runtime();
  counts c = {.ch = ch, .detach_at = 3};
  assert_int_equal(mrt_channel_receive(rt, ch, 1, count_bytes, &c), MRT_OK);
  /* One receiver per end. */
  assert_int_equal(mrt_channel_receive(rt, ch, 1, count_bytes, &c), MRT_ESTATE);
  assert_null(mrt_channel_to_js(rt, ch, 1));
  assert_int_equal(mrt_run_event_loop(rt), MRT_OK);
  assert_int_equal(c.received, 3);
  assert_int_equal(c.out_of_order, 0);
  assert_int_equal(mrt_channel_receive(rt, ch, 1, NULL, NULL), MRT_ENOTFOUND);
  mrt_runtime_free(rt);
  mrt_channel_release(ch);
}

/* A JS port (end 0) and a C receiver (end 1) in one runtime: JS posts clones, C answers
 * with a clone and bytes, JS closes its port. */
typedef struct echo {
  mrt_channel *ch;
  int got;
} echo;

static void echo_back(mrt_runtime *rt, void *data, const mrt_channel_msg *msg) {
  echo *e = data;
  mrt_value *v = NULL;
  assert_int_equal(msg->kind, MRT_CHANNEL_CLONE);
  assert_int_equal(mrt_channel_msg_value(rt, msg, &v), MRT_OK);
  char *json = mrt_value_to_json(rt, v, NULL);
  assert_non_null(json);
  if (e->got++ == 0) {
    assert_string_equal(json, "{\"a\":[1,\"two\"]}");
    assert_int_equal(mrt_channel_post_value(rt, e->ch, 1, v), MRT_OK); /* back as it came */
    assert_int_equal(mrt_channel_post(e->ch, 1, "raw", 3), MRT_OK);
  } else {
    assert_string_equal(json, "\"bye\"");
    assert_int_equal(mrt_channel_receive(rt, e->ch, 1, NULL, NULL), MRT_OK);
  }
  mrt_free(json);
  mrt_value_free(rt, v);
}

static void test_js_port_and_c(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  echo e = {mrt_channel_new(), 0};
  mrt_value *port = mrt_channel_to_js(rt, e.ch, 0), *global = mrt_global(rt);
  assert_non_null(port);
  assert_int_equal(mrt_set(rt, global, "port", port), MRT_OK);
  assert_int_equal(mrt_channel_receive(rt, e.ch, 1, echo_back, &e), MRT_OK);
  assert_int_equal(run(rt,
                       "globalThis.seen = [];\n"
                       "port.onmessage = (ev) => {\n"
                       "  const d = ev.data;\n"
                       "  seen.push(d instanceof ArrayBuffer ? new TextDecoder().decode(d) : d.a.join());\n"
                       "  if (seen.length === 2) { port.postMessage('bye'); port.close(); port.postMessage('dropped'); }\n"
                       "};\n"
                       "try { port.postMessage(Symbol()); } catch (err) { globalThis.cloneError = err.name; }\n"
                       "port.postMessage({ a: [1, 'two'] });\n"),
                   MRT_OK);
  assert_int_equal(mrt_run_event_loop(rt), MRT_OK);
  char *s = eval_string(rt, "`${seen.join('|')} ${cloneError} ${Object.prototype.toString.call(port)}`");
  assert_string_equal(s, "1,two|raw DataCloneError [object ChannelPort]");
  mrt_free(s);
  assert_int_equal(e.got, 2);
  /* A symbol cannot be cloned from C either. */
  mrt_value *sym = NULL;
  assert_int_equal(mrt_execute_script(rt, "t.js", "Symbol()", 8, &sym), MRT_OK);
  assert_int_equal(mrt_channel_post_value(rt, e.ch, 0, sym), MRT_EEXCEPTION);
  mrt_value_free(rt, sym);
  mrt_value_free(rt, port);
  mrt_value_free(rt, global);
  mrt_runtime_free(rt);
  mrt_channel_release(e.ch);
}

/* The embedder drops its reference while receivers still hold theirs; a runtime freed with
 * receivers attached detaches them; messages left over are freed with the channel (ASan). */
static void test_lifetimes(void **state) {
  (void)state;
  mrt_channel *ch = mrt_channel_new();
  mrt_runtime *rt = new_runtime();
  counts c = {.ch = ch, .detach_at = -1};
  mrt_value *port = mrt_channel_to_js(rt, ch, 0);
  assert_non_null(port);
  assert_int_equal(mrt_channel_receive(rt, ch, 1, count_bytes, &c), MRT_OK);
  int v[2] = {0, 1};
  assert_int_equal(mrt_channel_post(ch, 0, v, sizeof v), MRT_OK);
  assert_int_equal(mrt_channel_post(ch, 1, "for the port", 12), MRT_OK);
  assert_ptr_equal(mrt_channel_retain(ch), ch);
  mrt_channel_release(ch);
  mrt_channel_release(ch); /* the receivers keep it */
  mrt_value_free(rt, port);
  mrt_runtime_free(rt); /* both receivers go, and the channel with the last */
  (void)c;
}

static void test_bad_arguments(void **state) {
  (void)state;
  mrt_channel *ch = mrt_channel_new();
  mrt_runtime *rt = new_runtime();
  assert_int_equal(mrt_channel_post(NULL, 0, "x", 1), MRT_EINVAL);
  assert_int_equal(mrt_channel_post(ch, 2, "x", 1), MRT_EINVAL);
  assert_int_equal(mrt_channel_post(ch, 0, NULL, 1), MRT_EINVAL);
  assert_int_equal(mrt_channel_post(ch, 0, NULL, 0), MRT_OK);
  assert_int_equal(mrt_channel_receive(NULL, ch, 0, count_bytes, NULL), MRT_EINVAL);
  assert_int_equal(mrt_channel_receive(rt, ch, -1, count_bytes, NULL), MRT_EINVAL);
  assert_int_equal(mrt_channel_post_value(rt, ch, 0, NULL), MRT_EINVAL);
  assert_null(mrt_channel_to_js(rt, NULL, 0));
  assert_null(mrt_channel_retain(NULL));
  mrt_channel_release(NULL);
  mrt_value *out = NULL;
  mrt_channel_msg bad = {MRT_CHANNEL_CLONE, "\xff\x00", 2};
  assert_int_equal(mrt_channel_msg_value(rt, &bad, &out), MRT_EEXCEPTION);
  mrt_runtime_free(rt);
  mrt_channel_release(ch);
}

int main(void) {
  signal(SIGALRM, on_alarm);
  alarm(120);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_threads_to_c_receiver),
      cmocka_unit_test(test_messages_wait_for_receiver),
      cmocka_unit_test(test_js_port_and_c),
      cmocka_unit_test(test_lifetimes),
      cmocka_unit_test(test_bad_arguments),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
