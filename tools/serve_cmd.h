/* serve_cmd.h: `mrt serve FILE` (serve_cmd.c). */
#ifndef MRT_TOOLS_SERVE_CMD_H
#define MRT_TOOLS_SERVE_CMD_H

#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

typedef struct serve_opts {
  int port;         /* --port (default 8000) */
  const char *host; /* --host (default 0.0.0.0) */
  int workers;      /* --workers N | auto (default 1) */
  double max_body;  /* --max-body-size bytes; -1: mrt.serve's default */
  double header_timeout, idle_timeout, request_timeout; /* ms; -1: the defaults */
  int trace;        /* --trace-startup: listening, first request, first response */
  int worker_index; /* which forked worker this process is (0: the first, or the only) */
  uint64_t pre_main_ns; /* --trace-startup: CPU time before main (dynamic loading) */
  int fresh;        /* --fresh-runtime: each request in a new runtime (serve_fresh.c) */
  unsigned fresh_mode; /* its =builtin-snapshot (1) and =prewarm (2): SERVE_FRESH_* */
} serve_opts;

void serve_opts_init(serve_opts *o);
/* Writes s to f as a JS string literal (quotes, backslashes and control characters escaped):
 * the generated main modules embed paths with it. */
void serve_put_js_string(FILE *f, const char *s);
/* One command-line argument a (next: the one after it, or NULL). 1 when it was a serve
 * flag (*used_next when its value was next), 0 when not, -1 for a bad value (err says). */
int serve_parse_flag(serve_opts *o, const char *a, const char *next, int *used_next,
                     char *err, size_t errlen);
/* The main module that serves path's default export (malloc'd, *len bytes). main_ns: when
 * main began (CLOCK_MONOTONIC), for --trace-startup. NULL when out of memory. */
char *serve_main_source(const serve_opts *o, const char *path, uint64_t main_ns, size_t *len);
/* --workers N > 1: forks N processes that each go on to serve (-1 returned in each child),
 * while the parent waits for them, passing SIGINT/SIGTERM on, and returns the exit status.
 * -1 at once for one worker. */
int serve_fork_workers(serve_opts *o);

#endif /* MRT_TOOLS_SERVE_CMD_H */
