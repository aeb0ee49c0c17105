/* std_fds.c: descriptors 0, 1 and 2 are open before the runtime makes any of its own.
 * Started with one of them closed, the process would get libuv's epoll or eventfd
 * descriptor there: output meant for stdout would go into it, and libuv aborts when it
 * closes it (it asserts that its descriptors are above 2). As node does, each closed one is
 * reopened on /dev/null. Three fcntl calls when they are open. */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "runtime_internal.h"

int rt_ensure_std_fds(void) {
  for (int fd = 0; fd <= 2; fd++) {
    if (fcntl(fd, F_GETFD) != -1 || errno != EBADF) continue;
    /* The lowest free descriptor: fd itself, unless another thread took it meanwhile. */
    int got = open("/dev/null", O_RDWR);
    if (got < 0) return -1;
    if (got != fd) {
      int moved = dup2(got, fd);
      close(got);
      if (moved != fd) return -1;
    }
  }
  return 0;
}
