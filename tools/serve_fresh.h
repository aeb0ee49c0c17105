/* serve_fresh.h: `mrt serve --fresh-runtime`: every request is answered by a new runtime
 * made from the snapshot for it and freed after it (serve_fresh.c). */
#ifndef MRT_TOOLS_SERVE_FRESH_H
#define MRT_TOOLS_SERVE_FRESH_H

#include <mrt.h>

typedef struct serve_fresh serve_fresh;

/* serve_fresh_new's mode. */
enum {
  /* The runtimes start from opts' snapshot (the built-in one), not from one made here with
   * the host API's lazily loaded parts that requests use (fetch's classes, streams) loaded
   * already, as a platform's snapshot holds its own runtime code. */
  SERVE_FRESH_BUILTIN_SNAPSHOT = 1u,
  /* Each request's runtime is made once the previous response is out, before the request
   * comes (as platforms keep a warm isolate ready); by default it is made when the request
   * comes, on its path. Either way it serves that one request only. */
  SERVE_FRESH_PREWARM = 2u
};

/* Keeps a copy of opts (with the strings mrt_runtime_new reads: the import map is read at
 * creation and freed by the caller after it) for the per-request runtimes, which serve
 * app_path's default export. trace: a line per request on stderr. timeout_ms (0: none): a
 * request's runtime still running after it is ended (a 503). Call it before any runtime
 * exists on this thread (mrt_snapshot_create's rule). NULL when out of memory. */
serve_fresh *serve_fresh_new(const mrt_options *opts, const char *app_path, int trace,
                             unsigned mode, double timeout_ms);
/* Registers mrt.ops.freshFetch(method, url, head, body) on the main runtime (see
 * serve_fresh.c for its result). MRT_OK or mrt_register_op's error. */
int serve_fresh_attach(serve_fresh *f, mrt_runtime *main_rt);
/* After the main runtime is freed. NULL: nothing. */
void serve_fresh_free(serve_fresh *f);

#endif /* MRT_TOOLS_SERVE_FRESH_H */
