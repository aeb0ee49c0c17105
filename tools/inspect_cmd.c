/* inspect_cmd.c: the mrt command's --inspect flags (see inspect_cmd.h). */
#include "inspect_cmd.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "PORT", "HOST:PORT" or "HOST" (node's forms); [v6]:PORT too. */
static int parse_address(inspect_opts *o, const char *v) {
  const char *colon = strrchr(v, ':'), *port = v;
  if (v[0] == '[') { /* [::1]:9229 */
    const char *end = strchr(v, ']');
    if (!end || (end[1] && end[1] != ':')) return -1;
    size_t n = (size_t)(end - v - 1);
    if (n == 0 || n >= sizeof o->host) return -1;
    memcpy(o->host, v + 1, n);
    o->host[n] = '\0';
    if (!end[1]) return 0;
    port = end + 2;
  } else if (colon) {
    size_t n = (size_t)(colon - v);
    if (n == 0 || n >= sizeof o->host) return -1;
    memcpy(o->host, v, n);
    o->host[n] = '\0';
    port = colon + 1;
  } else if (strspn(v, "0123456789") != strlen(v)) { /* a host alone */
    if (strlen(v) >= sizeof o->host) return -1;
    strcpy(o->host, v);
    return 0;
  }
  char *end;
  errno = 0;
  long p = strtol(port, &end, 10);
  if (errno || end == port || *end || p < 0 || p > 65535) return -1;
  o->port = (int)p;
  return 0;
}

int inspect_parse_flag(inspect_opts *o, const char *arg) {
  if (!o->on) {
    strcpy(o->host, "127.0.0.1");
    o->port = 9229;
  }
  const char *rest = arg + strlen("--inspect");
  int flags = 0;
  if (strncmp(rest, "-brk", 4) == 0) {
    flags = MRT_INSPECT_BREAK;
    rest += 4;
  } else if (strncmp(rest, "-wait", 5) == 0) {
    flags = MRT_INSPECT_WAIT;
    rest += 5;
  }
  if (*rest && (*rest != '=' || parse_address(o, rest + 1) != 0)) return -1;
  o->on = 1;
  o->flags |= flags;
  return 0;
}

int inspect_start(const inspect_opts *o, mrt_runtime *rt) {
  int rc = mrt_inspector_start(rt, o->host, o->port, o->flags);
  if (rc == MRT_OK) return 0;
  const mrt_error *e = mrt_last_error(rt);
  fprintf(stderr, "mrt: %s\n", e->message ? e->message : mrt_strerror(rc));
  return 1;
}
