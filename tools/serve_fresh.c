/* serve_fresh.c: `mrt serve --fresh-runtime`, as isolate-based platforms serve: each request
 * is answered by a runtime created from the startup snapshot for it alone, so nothing the
 * app keeps in module state survives to the next request, and the time a runtime takes to
 * start is measured apart from the process's.
 *
 * The main runtime keeps the socket (mrt.serve); its handler calls the sync op
 * mrt.ops.freshFetch(method, url, head, body), which on the same thread creates the fresh
 * runtime with the main one's options, loads a small module there that imports the app,
 * calls its handle() with the request and drives the fresh runtime's loop until the
 * Response's bytes are read; a task posted to the serving loop frees it once the response
 * is written (and with =prewarm makes the next request's runtime). libmrt allows this: a
 * runtime is bound to its thread, not alone on it; each shim entry point enters its own
 * isolate (V8 keeps a stack of entered isolates), and the loop calls refused inside a
 * runtime's callbacks are refused only for that same runtime (tests/http/fresh.mjs runs it,
 * also under ASan). Requests are therefore answered one at a time, which is what a
 * measurement of one runtime's cold start wants.
 *
 * The runtimes start from a snapshot made at start-up in which requests of the common kinds
 * have run (warm_js below), or with =builtin-snapshot from the built-in one: on this
 * machine the first Request of a runtime costs about 7 ms of compiling in the built-in one.
 *
 * freshFetch's result, an Array: [status, statusText, head, body, runtime ms, load ms,
 * handler ms]; head is "name: value\r\n" lines, body an ArrayBuffer or null. When the app
 * failed (it threw, its module did not load, its export is not { fetch }, it ran past
 * --request-timeout), status is 0, statusText the error as `mrt run` reports it and head the
 * status to answer with (500, or 503 for the timeout). */
#include "serve_fresh.h"
#include "serve_cmd.h"

#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Ends a request's runtime that outlives --request-timeout (a handler that never settles
 * while timers keep its loop alive, or JS that never returns): a thread, started with the
 * first request, that terminates the runtime it is armed with once its deadline passes. */
typedef struct fresh_watchdog {
  pthread_t thread;
  pthread_mutex_t lock;
  pthread_cond_t cond; /* on CLOCK_MONOTONIC */
  int started, stop, fired;
  mrt_runtime_handle *target; /* armed: the runtime to end at deadline */
  uint64_t deadline;          /* CLOCK_MONOTONIC ns */
} fresh_watchdog;

/* What one request's runtime took, in ns. */
typedef struct fresh_times {
  uint64_t runtime, load, handler, free;
  uint64_t cpu;        /* this thread's CPU time for all of it */
  int ahead;           /* the runtime was made before its request came (prewarm) */
  mrt_startup_times st;
} fresh_times;

/* A runtime made for one request. */
typedef struct fresh_runtime {
  mrt_runtime *rt; /* NULL when its creation failed (rc) */
  int rc;
  fresh_times t;
} fresh_runtime;

struct serve_fresh {
  mrt_options opts;
  double timeout_ms; /* 0: none */
  int prewarm;       /* make the next request's runtime once a response is out */
  fresh_watchdog wd;
  mrt_runtime_handle *main; /* the serving runtime's, to run after_response there */
  int after_queued;         /* after_response is posted and has not run yet */
  fresh_runtime done;       /* answered, freed by after_response (rt NULL: none) */
  fresh_runtime spare;      /* made ahead for the next request (rt NULL: none) */
  uint8_t *snapshot; /* the warmed snapshot the fresh runtimes start from, or NULL */
  size_t snapshot_len;
  char *v8_flags, *cache_dir, *import_map, *import_map_url; /* opts' strings, owned */
  char *glue_name;   /* the fresh runtime's main module: "<app>.mrt-fresh.mjs" */
  char *glue_source; /* ... which imports the app and exports handle() */
  size_t glue_len;
  int trace;
};

static uint64_t now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static double ms(uint64_t ns) { return (double)ns / 1e6; }

static uint64_t thread_cpu_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void *watchdog_main(void *arg) {
  fresh_watchdog *wd = arg;
  pthread_mutex_lock(&wd->lock);
  while (!wd->stop) {
    if (!wd->target) {
      pthread_cond_wait(&wd->cond, &wd->lock);
      continue;
    }
    if (now_ns() >= wd->deadline) {
      mrt_handle_terminate(wd->target);
      wd->fired = 1;
      wd->target = NULL;
      continue;
    }
    struct timespec until = {(time_t)(wd->deadline / 1000000000u),
                             (long)(wd->deadline % 1000000000u)};
    pthread_cond_timedwait(&wd->cond, &wd->lock, &until);
  }
  pthread_mutex_unlock(&wd->lock);
  return NULL;
}

/* Arms the watchdog (started on first use) to end rt after timeout_ms. Returns the handle
 * it holds, for watchdog_disarm, or NULL when it could not be armed. */
static mrt_runtime_handle *watchdog_arm(fresh_watchdog *wd, mrt_runtime *rt,
                                        double timeout_ms) {
  if (!wd->started) {
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_mutex_init(&wd->lock, NULL);
    pthread_cond_init(&wd->cond, &ca);
    pthread_condattr_destroy(&ca);
    if (pthread_create(&wd->thread, NULL, watchdog_main, wd) != 0) {
      pthread_cond_destroy(&wd->cond);
      pthread_mutex_destroy(&wd->lock);
      return NULL;
    }
    wd->started = 1;
  }
  mrt_runtime_handle *h = mrt_runtime_get_handle(rt);
  if (!h) return NULL;
  pthread_mutex_lock(&wd->lock);
  wd->target = h;
  wd->fired = 0;
  wd->deadline = now_ns() + (uint64_t)(timeout_ms * 1e6);
  pthread_cond_signal(&wd->cond);
  pthread_mutex_unlock(&wd->lock);
  return h;
}

/* Disarms it and releases h; 1 when it had ended the runtime. */
static int watchdog_disarm(fresh_watchdog *wd, mrt_runtime_handle *h) {
  pthread_mutex_lock(&wd->lock);
  int fired = wd->fired;
  wd->target = NULL;
  pthread_mutex_unlock(&wd->lock);
  mrt_handle_release(h);
  return fired;
}

static void watchdog_stop(fresh_watchdog *wd) {
  if (!wd->started) return;
  pthread_mutex_lock(&wd->lock);
  wd->stop = 1;
  pthread_cond_signal(&wd->cond);
  pthread_mutex_unlock(&wd->lock);
  pthread_join(wd->thread, NULL);
  pthread_cond_destroy(&wd->cond);
  pthread_mutex_destroy(&wd->lock);
}

static char *dup_or_null(const char *s, int *failed) {
  if (!s) return NULL;
  char *d = strdup(s);
  if (!d) *failed = 1;
  return d;
}

/* answer(app, method, url, head, body): rebuilds the Request, calls the app's fetch and
 * reads the whole Response (its body as an ArrayBuffer), waiting for ctx.waitUntil's
 * promises too (the runtime is freed right after): [status, statusText, head, body]. Both
 * the fresh runtime's main module and the warmed snapshot's set-up run it. */
#define ANSWER_JS                                                                           \
  "async function answer(app, method, url, head, body) {\n"                                  \
  "  const headers = [];\n"                                                                 \
  "  for (let i = 0; i < head.length;) {\n"                                                 \
  "    const colon = head.indexOf(\": \", i), end = head.indexOf(\"\\r\\n\", colon);\n"      \
  "    headers.push([head.slice(i, colon), head.slice(colon + 2, end)]);\n"                  \
  "    i = end + 2;\n"                                                                      \
  "  }\n"                                                                                   \
  "  const init = { method, headers };\n"                                                   \
  "  if (body !== null && method !== \"GET\" && method !== \"HEAD\") init.body = body;\n"     \
  "  const waits = [];\n"                                                                   \
  "  const ctx = {\n"                                                                       \
  "    waitUntil(p) { waits.push(Promise.resolve(p).catch((e) => console.error(e))); },\n"   \
  "    passThroughOnException() {},\n"                                                      \
  "  };\n"                                                                                  \
  "  const response = await app.fetch(new Request(url, init), {}, ctx);\n"                  \
  "  if (!(response instanceof Response)) {\n"                                              \
  "    throw new TypeError(\"Return value from serve handler must be a response or a \" +\n"  \
  "      \"promise resolving to a response\");\n"                                           \
  "  }\n"                                                                                   \
  "  const bytes = response.body === null ? null : await response.arrayBuffer();\n"         \
  "  let out = \"\";\n"                                                                     \
  "  for (const [name, value] of response.headers) out += name + \": \" + value + \"\\r\\n\";\n" \
  "  await Promise.all(waits);\n"                                                           \
  "  return [response.status, response.statusText, out, bytes];\n"                          \
  "}\n"

/* The fresh runtime's main module: it imports the app and exports handle(). */
static char *glue_source(const char *app_path, size_t *len) {
  char *buf = NULL;
  size_t n = 0;
  FILE *f = open_memstream(&buf, &n);
  if (!f) return NULL;
  fputs("import * as appModule from ", f);
  serve_put_js_string(f, app_path);
  fputs(";\nconst file = ", f);
  serve_put_js_string(f, app_path);
  fputs(
      ";\n" ANSWER_JS
      "export function handle(method, url, head, body) {\n"
      "  const app = appModule.default;\n"
      "  if (app === null || (typeof app !== \"object\" && typeof app !== \"function\") ||\n"
      "      typeof app.fetch !== \"function\") {\n"
      "    throw new TypeError(`${file}: mrt serve needs a default export with a fetch(request, "
      "env, ctx) method, e.g. export default { fetch(request) { return new Response(\"hi\"); "
      "} }`);\n"
      "  }\n"
      "  return answer(app, method, url, head, body);\n"
      "}\n",
      f);
  if (fclose(f) != 0) {
    free(buf);
    return NULL;
  }
  *len = n;
  return buf;
}

/* What the warmed snapshot runs before it is taken: requests of the common kinds through
 * answer() and a stand-in app, so that the parts of the host API that load and compile on
 * first use (fetch's classes, body reading, streams, URL) are in it compiled, as a
 * platform's snapshot holds its own runtime code. Nothing of the app is in it; the script's
 * names stay in its closure. */
static const char warm_js[] =
    "(() => {\n" ANSWER_JS
    "  const app = {\n"
    "    async fetch(request) {\n"
    "      const url = new URL(request.url);\n"
    "      url.searchParams.get(\"q\");\n"
    "      request.headers.get(\"x\");\n"
    "      switch (request.method + \" \" + url.pathname) {\n"
    "        case \"POST /\": return Response.json({ got: await request.json() });\n"
    "        case \"PUT /\": return new Response(new Uint8Array(await request.arrayBuffer()), {\n"
    "          status: 201, statusText: \"Made\", headers: { \"x-a\": \"1\" } });\n"
    "        case \"PATCH /\": return new Response(await request.text());\n"
    "        case \"GET /none\": return new Response(null, { status: 204 });\n"
    "        case \"GET /stream\": return new Response(new ReadableStream({\n"
    "          start(c) { c.enqueue(new TextEncoder().encode(\"x\")); c.close(); } }));\n"
    "        default: return new Response(\"hello\");\n"
    "      }\n"
    "    },\n"
    "  };\n"
    "  const head = \"host: localhost\\r\\nx: y\\r\\n\";\n"
    "  const body = new TextEncoder().encode(\"{}\").buffer;\n"
    "  return (async () => {\n"
    "    for (const [method, path] of [[\"GET\", \"/?q=1\"], [\"POST\", \"/\"], [\"PUT\", \"/\"],\n"
    "        [\"PATCH\", \"/\"], [\"GET\", \"/none\"], [\"GET\", \"/stream\"]]) {\n"
    "      await answer(app, method, \"http://localhost\" + path, head,\n"
    "        method === \"GET\" ? null : body.slice(0));\n"
    "    }\n"
    "    new TextDecoder().decode(new Uint8Array(1));\n"
    "  })();\n"
    "})();\n";

/* Makes f's warmed snapshot (on a thread with no runtime yet, as mrt_snapshot_create
 * needs); when it fails the fresh runtimes start from the built-in one. */
static void make_snapshot(serve_fresh *f) {
  mrt_options so = f->opts;
  so.snapshot = NULL;
  so.snapshot_len = 0;
  uint64_t t0 = now_ns();
  int rc = mrt_snapshot_create(&so, warm_js, sizeof warm_js - 1, &f->snapshot,
                               &f->snapshot_len);
  if (rc) {
    const mrt_error *e = mrt_last_error(NULL);
    fprintf(stderr, "mrt serve: the --fresh-runtime snapshot could not be made (%s); "
            "using the built-in one\n", e && e->message ? e->message : mrt_strerror(rc));
    f->snapshot = NULL;
    return;
  }
  f->opts.snapshot = f->snapshot;
  f->opts.snapshot_len = f->snapshot_len;
  if (f->trace) {
    fprintf(stderr, "mrt serve: fresh-runtime snapshot made in %.2f ms (%.0f KiB)\n",
            ms(now_ns() - t0), (double)f->snapshot_len / 1024);
  }
}

serve_fresh *serve_fresh_new(const mrt_options *opts, const char *app_path, int trace,
                             unsigned mode, double timeout_ms) {
  serve_fresh *f = calloc(1, sizeof *f);
  if (!f) return NULL;
  int failed = 0;
  f->opts = *opts;
  f->opts.v8_flags = f->v8_flags = dup_or_null(opts->v8_flags, &failed);
  f->opts.cache_dir = f->cache_dir = dup_or_null(opts->cache_dir, &failed);
  f->opts.import_map = f->import_map = dup_or_null(opts->import_map, &failed);
  f->opts.import_map_url = f->import_map_url = dup_or_null(opts->import_map_url, &failed);
  char *real = realpath(app_path, NULL); /* as the mrt command names its main file */
  if (real) app_path = real;
  size_t n = strlen(app_path) + sizeof ".mrt-fresh.mjs";
  f->glue_name = malloc(n);
  if (f->glue_name) snprintf(f->glue_name, n, "%s.mrt-fresh.mjs", app_path);
  f->glue_source = glue_source(app_path, &f->glue_len);
  free(real);
  f->trace = trace;
  f->timeout_ms = timeout_ms;
  f->prewarm = (mode & SERVE_FRESH_PREWARM) != 0;
  if (failed || !f->glue_name || !f->glue_source) {
    serve_fresh_free(f);
    return NULL;
  }
  if (!(mode & SERVE_FRESH_BUILTIN_SNAPSHOT) && !opts->snapshot) make_snapshot(f);
  return f;
}

/* The app's error, as `mrt run` reports an uncaught one (malloc'd). */
static char *describe_failure(mrt_runtime *fr, int rc) {
  if (rc == MRT_ETERMINATED && mrt_exit_code(fr) >= 0) {
    char *s = malloc(96);
    if (s) snprintf(s, 96, "the app called mrt.exit(%d) while answering a request",
                    mrt_exit_code(fr));
    return s;
  }
  char *msg = mrt_error_format(mrt_last_error(fr));
  if (!msg) return strdup(mrt_strerror(rc));
  char *s = strdup(msg);
  mrt_free(msg);
  return s;
}

/* Runs one request in runtime fr; on success *out is handle()'s Array (fr's). */
static int answer_in(serve_fresh *f, mrt_runtime *fr, mrt_op_call *call, fresh_times *t,
                     mrt_value **out) {
  uint64_t t0 = now_ns();
  int id;
  int rc = mrt_load_main_module(fr, f->glue_name, f->glue_source, f->glue_len, &id);
  mrt_value *promise = NULL, *ns = NULL, *handle = NULL;
  if (!rc) rc = mrt_mod_evaluate(fr, id, &promise);
  if (!rc) rc = mrt_resolve_value(fr, promise, NULL);
  if (!rc) rc = mrt_module_namespace(fr, id, &ns);
  if (!rc) rc = mrt_get(fr, ns, "handle", &handle);
  uint64_t t1 = now_ns();
  t->load = t1 - t0;
  if (rc) return rc;

  mrt_value *argv[4];
  size_t len;
  const char *s;
  for (int i = 0; i < 3; i++) {
    s = mrt_op_arg_string(call, i, &len);
    argv[i] = mrt_string(fr, s, s ? len : 0);
  }
  void *bytes;
  if (mrt_op_arg_buffer(call, 3, &bytes, &len) == MRT_OK) {
    argv[3] = mrt_array_buffer(fr, bytes, len, NULL);
  } else {
    argv[3] = mrt_null(fr);
  }
  mrt_value *result = NULL;
  rc = mrt_call(fr, handle, NULL, 4, argv, &promise);
  if (!rc) rc = mrt_resolve_value(fr, promise, &result);
  t->handler = now_ns() - t1;
  if (!rc) *out = result;
  return rc; /* the handles are fr's: freed with it */
}

/* Copies handle()'s Array from fr into a new Array of the main runtime (rt). */
static mrt_value *copy_result(mrt_runtime *fr, const mrt_value *r, mrt_runtime *rt) {
  mrt_value *out = mrt_array(rt, 7);
  mrt_value *v = NULL;
  if (!out) return NULL;
  if (mrt_get_index(fr, r, 0, &v)) return NULL;
  mrt_set_index(rt, out, 0, mrt_number(rt, mrt_value_to_number(fr, v)));
  for (uint32_t i = 1; i <= 2; i++) {
    if (mrt_get_index(fr, r, i, &v)) return NULL;
    size_t len;
    char *s = mrt_value_to_string(fr, v, &len);
    if (!s) return NULL;
    mrt_set_index(rt, out, i, mrt_string(rt, s, len));
    mrt_free(s);
  }
  if (mrt_get_index(fr, r, 3, &v)) return NULL;
  void *data;
  size_t len;
  if (mrt_value_type(fr, v) == MRT_TYPE_ARRAYBUFFER && mrt_buffer_data(fr, v, &data, &len) == 0) {
    mrt_set_index(rt, out, 3, mrt_array_buffer(rt, data, len, NULL));
  } else {
    mrt_set_index(rt, out, 3, mrt_null(rt));
  }
  return out;
}

static void make_runtime(serve_fresh *f, fresh_runtime *out) {
  memset(out, 0, sizeof *out);
  uint64_t t0 = now_ns(), cpu0 = thread_cpu_ns();
  out->rc = mrt_runtime_new(&f->opts, &out->rt);
  out->t.runtime = now_ns() - t0;
  out->t.cpu = thread_cpu_ns() - cpu0;
  if (out->rc) out->rt = NULL;
  else mrt_get_startup_times(out->rt, &out->t.st);
}

/* Frees the runtime that answered last, and reports what it took (--trace-startup). */
static void free_done(serve_fresh *f) {
  fresh_runtime *d = &f->done;
  if (!d->rt) return;
  uint64_t t0 = now_ns(), cpu0 = thread_cpu_ns();
  mrt_runtime_free(d->rt);
  d->rt = NULL;
  d->t.free = now_ns() - t0;
  d->t.cpu += thread_cpu_ns() - cpu0;
  if (f->trace) {
    const fresh_times *t = &d->t;
    fprintf(stderr,
            "mrt serve: fresh runtime %.2f ms (isolate %.2f, context %.2f, bootstrap %.2f%s), "
            "module load %.2f ms, handler %.2f ms, free %.2f ms; CPU %.2f ms\n",
            ms(t->runtime), ms(t->st.isolate_ns), ms(t->st.context_ns), ms(t->st.bootstrap_ns),
            t->ahead ? "; made before the request" : "", ms(t->load), ms(t->handler),
            ms(t->free), ms(t->cpu));
  }
}

/* Runs on the serving runtime's loop after the op's turn, when the response is written: the
 * runtime that answered is freed off the request's path, and with --fresh-runtime=prewarm
 * the next one made. status MRT_ESTATE: the serving runtime is going; serve_fresh_free
 * frees what is left. */
static void after_response(mrt_runtime *rt, void *data, int status) {
  (void)rt;
  serve_fresh *f = data;
  f->after_queued = 0;
  if (status != MRT_OK) return;
  free_done(f);
  if (f->prewarm && !f->spare.rt) {
    make_runtime(f, &f->spare);
    f->spare.t.ahead = 1;
  }
}

static void fresh_fetch(mrt_op_call *call) {
  serve_fresh *f = mrt_op_data(call);
  mrt_runtime *rt = mrt_op_runtime(call);
  char *failure = NULL;
  int failure_status = 500;
  mrt_value *out = NULL;

  free_done(f); /* a request in the same turn as the last one: before after_response */
  fresh_runtime run;
  if (f->spare.rt) {
    run = f->spare;
    f->spare.rt = NULL;
  } else {
    make_runtime(f, &run); /* its CPU time is counted in run.t.cpu */
  }
  uint64_t cpu0 = thread_cpu_ns();
  fresh_times *t = &run.t;
  mrt_runtime *fr = run.rt;
  if (!fr) {
    const mrt_error *e = mrt_last_error(NULL);
    size_t n = 256;
    failure = malloc(n);
    if (failure) snprintf(failure, n, "mrt serve: cannot create a runtime: %s",
                          e && e->message ? e->message : mrt_strerror(run.rc));
  } else {
    mrt_runtime_handle *armed = f->timeout_ms > 0 ? watchdog_arm(&f->wd, fr, f->timeout_ms) : NULL;
    mrt_value *result = NULL;
    int rc = answer_in(f, fr, call, t, &result);
    if (rc == MRT_OK) out = copy_result(fr, result, rt);
    mrt_flush(fr); /* the app's console output, in order with the server's */
    if (armed && watchdog_disarm(&f->wd, armed)) {
      out = NULL;
      failure_status = 503;
      size_t n = 96;
      failure = malloc(n);
      if (failure) snprintf(failure, n, "mrt serve: the app did not answer within %.0f ms "
                            "(--request-timeout)", f->timeout_ms);
    } else if (rc) {
      failure = describe_failure(fr, rc);
    } else if (!out) {
      failure = strdup("mrt serve: the app's response could not be read");
    }
  }
  t->cpu += thread_cpu_ns() - cpu0;
  if (failure || !out) {
    out = mrt_array(rt, 7);
    mrt_set_index(rt, out, 0, mrt_number(rt, 0));
    const char *msg = failure ? failure : "mrt serve: out of memory";
    mrt_set_index(rt, out, 1, mrt_string(rt, msg, strlen(msg)));
    mrt_set_index(rt, out, 2, mrt_number(rt, failure_status));
    free(failure);
  }
  mrt_set_index(rt, out, 4, mrt_number(rt, ms(t->runtime)));
  mrt_set_index(rt, out, 5, mrt_number(rt, ms(t->load)));
  mrt_set_index(rt, out, 6, mrt_number(rt, ms(t->handler)));
  mrt_op_return_value(call, out);

  /* Freed (and the next one made) after this turn, once the response is on its way. */
  f->done = run;
  if (!f->after_queued) {
    if (mrt_handle_post(f->main, after_response, f) == MRT_OK) f->after_queued = 1;
    else free_done(f);
  }
}

int serve_fresh_attach(serve_fresh *f, mrt_runtime *main_rt) {
  mrt_op_decl decl;
  memset(&decl, 0, sizeof decl);
  decl.name = "freshFetch";
  decl.fn = fresh_fetch;
  decl.data = f;
  f->main = mrt_runtime_get_handle(main_rt);
  if (!f->main) return MRT_ENOMEM;
  return mrt_register_op(main_rt, &decl);
}

void serve_fresh_free(serve_fresh *f) {
  if (!f) return;
  watchdog_stop(&f->wd);
  free_done(f);
  mrt_runtime_free(f->spare.rt);
  mrt_handle_release(f->main);
  free(f->v8_flags);
  free(f->cache_dir);
  free(f->import_map);
  free(f->import_map_url);
  free(f->glue_name);
  free(f->glue_source);
  mrt_snapshot_free(f->snapshot);
  free(f);
}
