/* channel_threads.c: two runtimes on two threads exchange messages through an mrt_channel,
 * and C posts to one of them through another:
 *  - `game`: end 0 is a JS port in the runtime "ping", end 1 a JS port in "pong"; they pass
 *    structured clones (objects, BigInts, Sets) back and forth until ping closes its port;
 *  - `commands`: the main thread posts bytes at end 0 (before the threads even start: they
 *    wait for a receiver); end 1 has a C receiver on pong's loop, which hands each command to
 *    JS (mrt_channel_msg_value) and starts the game with a value it posts from C
 *    (mrt_channel_post_value).
 * Only pong prints, so the output's order is the messages' causal order.
 *   cc channel_threads.c $(pkg-config --cflags --libs libmrt) -lpthread -o channel_threads */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <mrt.h>

static mrt_channel *game, *commands;

static const char ping_js[] =
    "port.onmessage = ({ data }) => {\n"
    "  if (data.n < 4) {\n"
    "    port.postMessage({ n: data.n + 1, from: 'ping', big: 2n ** 70n, seen: new Set([data.from]) });\n"
    "  } else {\n"
    "    port.postMessage({ done: true, from: 'ping' });\n"
    "    port.close(); // ping's loop has nothing left: its thread ends\n"
    "  }\n"
    "};\n";

static const char pong_js[] =
    "port.onmessage = ({ data }) => {\n"
    "  console.log('pong got', data);\n"
    "  if (!data.done) port.postMessage({ n: data.n + 1, from: 'pong' });\n"
    "};\n"
    "globalThis.onCommand = (bytes) => {\n"
    "  const text = new TextDecoder().decode(bytes);\n"
    "  console.log('C says:', text, `(${bytes.constructor.name})`);\n"
    "  if (text === 'quit') port.close();\n"
    "};\n";

/* pong's C receiver of `commands`, on pong's thread. */
static void on_command(mrt_runtime *rt, void *data, const mrt_channel_msg *msg) {
  (void)data;
  mrt_value *bytes = NULL, *global = mrt_global(rt), *fn = NULL;
  if (mrt_channel_msg_value(rt, msg, &bytes) == MRT_OK &&
      mrt_get(rt, global, "onCommand", &fn) == MRT_OK)
    mrt_call(rt, fn, NULL, 1, &bytes, NULL);
  if (msg->len == 5 && memcmp(msg->bytes, "start", 5) == 0) {
    /* The first move, from C: a structured clone for ping. */
    static const char first[] = "{\"n\": 0, \"from\": \"pong's C receiver\"}";
    mrt_value *v = NULL;
    if (mrt_json_parse(rt, first, strlen(first), &v) == MRT_OK)
      mrt_channel_post_value(rt, game, 1, v);
    mrt_value_free(rt, v);
  } else if (msg->len == 4 && memcmp(msg->bytes, "quit", 4) == 0) {
    mrt_channel_receive(rt, commands, 1, NULL, NULL); /* detached: pong's loop may end */
  }
  mrt_value_free(rt, fn);
  mrt_value_free(rt, bytes);
  mrt_value_free(rt, global);
}

typedef struct player {
  const char *name, *js;
  int end;
  int rc;
} player;

/* A thread: its own runtime, a JS port for its end of `game`, its script, then its event
 * loop until nothing keeps it alive (its ports closed). */
static void *play(void *arg) {
  player *p = arg;
  mrt_runtime *rt;
  p->rc = mrt_runtime_new(NULL, &rt);
  if (p->rc != MRT_OK) return NULL;
  mrt_value *global = mrt_global(rt), *port = mrt_channel_to_js(rt, game, p->end);
  p->rc = port ? mrt_set(rt, global, "port", port) : MRT_ESTATE;
  if (p->rc == MRT_OK && p->end == 1) p->rc = mrt_channel_receive(rt, commands, 1, on_command, NULL);
  if (p->rc == MRT_OK) p->rc = mrt_execute_script(rt, p->name, p->js, strlen(p->js), NULL);
  if (p->rc == MRT_OK) p->rc = mrt_run_event_loop(rt);
  if (p->rc != MRT_OK) {
    char *s = mrt_error_format(mrt_last_error(rt));
    fprintf(stderr, "%s: %s\n", p->name, s ? s : mrt_strerror(p->rc));
    mrt_free(s);
  }
  mrt_value_free(rt, port);
  mrt_value_free(rt, global);
  mrt_runtime_free(rt);
  return NULL;
}

int main(void) {
  game = mrt_channel_new();
  commands = mrt_channel_new();
  if (!game || !commands) return 1;
  /* No receiver yet: the message waits in end 1's inbox. */
  mrt_channel_post(commands, 0, "start", 5);

  player ping = {"ping.js", ping_js, 0, 0}, pong = {"pong.js", pong_js, 1, 0};
  pthread_t ping_thread, pong_thread;
  if (pthread_create(&pong_thread, NULL, play, &pong) != 0) return 1;
  if (pthread_create(&ping_thread, NULL, play, &ping) != 0) return 1;
  pthread_join(ping_thread, NULL);
  mrt_channel_post(commands, 0, "quit", 4); /* from this thread, while pong waits */
  pthread_join(pong_thread, NULL);
  printf("ping: %s, pong: %s\n", mrt_strerror(ping.rc), mrt_strerror(pong.rc));

  /* Each runtime's receivers held references of their own; these are the last. */
  mrt_channel_release(game);
  mrt_channel_release(commands);
  return ping.rc == MRT_OK && pong.rc == MRT_OK ? 0 : 1;
}
