/* inspect_cmd.h: the mrt command's --inspect, --inspect-brk and --inspect-wait (as node's). */
#ifndef MRT_INSPECT_CMD_H
#define MRT_INSPECT_CMD_H

#include "mrt.h"

typedef struct inspect_opts {
  int on;
  int flags;     /* MRT_INSPECT_WAIT, MRT_INSPECT_BREAK */
  char host[64]; /* default 127.0.0.1 */
  int port;      /* default 9229; 0: any free port */
} inspect_opts;

/* One --inspect* argument: 0, or -1 when it is malformed (an unknown suffix, a bad port). */
int inspect_parse_flag(inspect_opts *o, const char *arg);
/* Starts the server (waiting for a debugger when asked): 0, or the exit status after a
 * message on stderr. */
int inspect_start(const inspect_opts *o, mrt_runtime *rt);

#endif /* MRT_INSPECT_CMD_H */
