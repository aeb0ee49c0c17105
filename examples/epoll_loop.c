/* epoll_loop.c: the runtime inside an event loop of the embedder's own. The embedder waits
 * in epoll on its own descriptors and on mrt_backend_fd (readable when the runtime has
 * work), with mrt_backend_timeout as the timeout (its next timer), and calls
 * mrt_poll_event_loop (one non-blocking turn) when woken. Its own event source here is an
 * eventfd that a JS op writes to; on it, C calls back into JS.
 *   cc epoll_loop.c $(pkg-config --cflags --libs libmrt) -o epoll_loop */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <mrt.h>

static int efd; /* the embedder's own event source */

/* mrt.ops.notify(n): a sync op that hands n to the embedder's loop. */
static void notify(mrt_op_call *c) {
  uint64_t n = (uint64_t)mrt_op_arg_number(c, 0);
  if (write(efd, &n, sizeof n) != sizeof n) mrt_op_throw(c, "EIO", "eventfd write failed");
}

static int fail(mrt_runtime *rt, int rc) {
  char *text = mrt_error_format(mrt_last_error(rt));
  fprintf(stderr, "%s\n", text ? text : mrt_strerror(rc));
  mrt_free(text);
  return rc;
}

/* The embedder's event: call globalThis.onNotify(n) (microtasks run at the next poll). */
static int deliver(mrt_runtime *rt, uint64_t n) {
  mrt_flush(rt);
  printf("C: notify %llu\n", (unsigned long long)n);
  fflush(stdout);
  mrt_value *global = mrt_global(rt), *fn = NULL, *arg = mrt_number(rt, (double)n);
  int rc = mrt_get(rt, global, "onNotify", &fn);
  if (rc == MRT_OK) rc = mrt_call(rt, fn, NULL, 1, &arg, NULL);
  mrt_value_free(rt, fn);
  mrt_value_free(rt, arg);
  mrt_value_free(rt, global);
  return rc;
}

int main(void) {
  mrt_runtime *rt;
  if (mrt_runtime_new(NULL, &rt) != MRT_OK) return 1;
  mrt_op_decl op = {.name = "notify", .fn = notify};
  mrt_register_op(rt, &op);
  const char *src =
      "globalThis.onNotify = (n) => {\n"
      "  console.log('JS: onNotify', n);\n"
      "  if (n < 3) setTimeout(() => mrt.ops.notify(n + 1), 5 * n);\n"
      "  else Promise.resolve().then(() => console.log('JS: done'));\n"
      "};\n"
      "setTimeout(() => { console.log('JS: timer'); mrt.ops.notify(1) }, 10);\n";
  int rc = mrt_execute_script(rt, "epoll_loop.js", src, strlen(src), NULL);
  if (rc != MRT_OK) return fail(rt, rc);

  efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  int ep = epoll_create1(EPOLL_CLOEXEC);
  struct epoll_event ev = {.events = EPOLLIN, .data.fd = mrt_backend_fd(rt)};
  epoll_ctl(ep, EPOLL_CTL_ADD, ev.data.fd, &ev);
  ev.data.fd = efd;
  epoll_ctl(ep, EPOLL_CTL_ADD, efd, &ev);

  int wakeups = 0;
  for (;;) {
    rc = mrt_poll_event_loop(rt); /* runs what is due; never blocks */
    if (rc < 0) break;
    /* Nothing pending in the runtime: only the embedder's own events are left to wait for
     * (none here once the eventfd is drained), so look without waiting. */
    int timeout = rc == MRT_READY ? 0 : mrt_backend_timeout(rt);
    struct epoll_event got[4];
    int n = epoll_wait(ep, got, 4, timeout);
    if (n == 0 && rc == MRT_READY) break;
    wakeups++;
    for (int i = 0; i < n && rc >= 0; i++) {
      uint64_t v;
      if (got[i].data.fd == efd && read(efd, &v, sizeof v) == sizeof v) rc = deliver(rt, v);
    }
    if (rc < 0) break;
  }
  if (rc < 0) fail(rt, rc);
  mrt_flush(rt);
  printf("C: loop done (%s)\n", wakeups > 0 ? "woke up" : "never woke");
  close(ep);
  close(efd);
  mrt_runtime_free(rt);
  return rc < 0;
}
