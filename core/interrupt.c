/* interrupt.c: waking a sync op that waits in the OS when the runtime is terminated.
 *
 * V8 stops running JS on mrt_terminate, but a native call blocked in a read of a FIFO or a
 * device never returns to V8. Such ops wait in poll() on their fd and on the runtime's
 * interrupt eventfd, which mrt_terminate signals (from any thread). The eventfd is made on
 * first use, not at start-up. The terminate flag is set before the eventfd is looked at, and
 * a waiter stores the eventfd before it checks the flag, so one of them sees the other. */
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "runtime_internal.h"

int rt_interrupt_fd(mrt_runtime *rt) {
  int fd = atomic_load(&rt->interrupt_fd);
  if (fd >= 0) return fd;
  fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (fd >= 0) atomic_store(&rt->interrupt_fd, fd);
  return fd;
}

void rt_interrupt_signal(mrt_runtime *rt) {
  atomic_store(&rt->interrupt_requested, 1);
  int fd = atomic_load(&rt->interrupt_fd);
  if (fd < 0) return;
  uint64_t one = 1;
  ssize_t n = write(fd, &one, sizeof one);
  (void)n; /* the counter is full: it is readable already */
}

/* Both: terminate_requested is cleared when the termination is reported, which leaves
 * interrupt_requested behind (mrt_terminate clears it first). */
int rt_interrupted(mrt_runtime *rt) {
  return atomic_load(&rt->interrupt_requested) && atomic_load(&rt->terminate_requested);
}

int rt_wait_cancellable(int fd, short events, int timeout_ms, int cancel_fd,
                        int (*cancelled)(void *), void *arg, int drain) {
  for (;;) {
    if (cancelled(arg)) return RT_WAIT_INTERRUPTED;
    struct pollfd p[2] = {{.fd = fd, .events = events}, {.fd = cancel_fd, .events = POLLIN}};
    /* Without a cancel fd (out of fds), look every 50 ms (a timeout may then end early:
     * callers of a timed wait retry). */
    int slice = cancel_fd >= 0 || (timeout_ms >= 0 && timeout_ms < 50) ? timeout_ms : 50;
    int n = poll(p, 2, slice);
    if (n < 0 && errno != EINTR) return -errno;
    if (n == 0 && timeout_ms >= 0) return 0; /* timed out */
    if (n <= 0) continue;
    if (p[0].revents) return 0;
    if (drain) { /* consume the wake-up (a stale one, of a termination already reported, */
      uint64_t count; /* is dropped) and look again */
      ssize_t r = read(cancel_fd, &count, sizeof count);
      (void)r;
    }
  }
}

static int rt_cancelled(void *rt) { return rt_interrupted(rt); }

int rt_wait_fd(mrt_runtime *rt, int fd, short events, int timeout_ms) {
  return rt_wait_cancellable(fd, events, timeout_ms, rt_interrupt_fd(rt), rt_cancelled, rt, 1);
}

void rt_interrupt_free(mrt_runtime *rt) {
  int fd = atomic_exchange(&rt->interrupt_fd, -1);
  if (fd >= 0) close(fd);
}
