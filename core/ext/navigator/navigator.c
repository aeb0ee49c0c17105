/* navigator.c: the facts behind `navigator` (core/ext/navigator/navigator.js): how many
 * threads the process may use (libuv's uv_available_parallelism: the CPU affinity mask and
 * cgroup quota, not only the core count) and the platform string ("Linux x86_64", uname's
 * sysname and machine, as deno and bun print). */
#include <string.h>
#include <sys/utsname.h>
#include <uv.h>

#include "ext/ext.h"

static void op_hardware_concurrency(mrt_op_call *c) {
  mrt_op_return_number(c, (double)uv_available_parallelism());
}

static void op_platform(mrt_op_call *c) {
  struct utsname u;
  char buf[sizeof u.sysname + sizeof u.machine + 2];
  if (uname(&u) != 0) {
    mrt_op_return_string(c, "", 0);
    return;
  }
  size_t n = strlen(u.sysname);
  memcpy(buf, u.sysname, n);
  buf[n++] = ' ';
  size_t m = strlen(u.machine);
  memcpy(buf + n, u.machine, m);
  mrt_op_return_string(c, buf, n + m);
}

const mrt_op_decl rt_navigator_ops[RT_NAVIGATOR_NOPS] = {
    {.name = "hardwareConcurrency", .fn = op_hardware_concurrency},
    {.name = "platform", .fn = op_platform},
};
