/* builtin.c: the table of built-in extensions, in dependency order, and the loops over it
 * that mrt_runtime_new and mrt_runtime_free run. Adding a built-in (a web or Node API) is a
 * folder core/ext/<name>/ and one entry here. */
#include <stdatomic.h>
#include <string.h>

#include "ext/ext.h"
#include "runtime_internal.h"

#define JS(...) ((const char *const[]){__VA_ARGS__, NULL})
#define DEPS(...) ((const char *const[]){__VA_ARGS__, NULL})

const rt_ext rt_builtin_exts[] = {
    /* ECMAScript built-ins V8 10.2 lacks (issue 18): first, as the language is below the
     * platform APIs. */
    {.name = "lang", .ops = rt_lang_ops, .nops = RT_LANG_NOPS, .js = JS("core/ext/lang/lang.js")},
    /* Uint8Array's base64 and hex methods (ES2026). */
    {.name = "base64", .ops = rt_base64_ops, .nops = RT_BASE64_NOPS, .js = JS("core/ext/lang/base64.js")},
    {.name = "console",
     .ops = rt_console_ops,
     .nops = RT_CONSOLE_NOPS,
     .js = JS("core/ext/console/console.js"),
     .init = rt_console_init},
    {.name = "timers",
     .ops = rt_timers_ops,
     .nops = RT_TIMERS_NOPS,
     .js = JS("core/ext/timers/timers.js"),
     .deps = DEPS("console")}, /* reports callback errors through P.ops.print */
    /* Event, EventTarget, AbortSignal, DOMException: before the extensions that use them. */
    {.name = "events",
     .ops = rt_events_ops,
     .nops = RT_EVENTS_NOPS,
     .js = JS("core/ext/events/events.js"),
     .deps = DEPS("timers")}, /* AbortSignal.timeout */
    /* structuredClone, MessageChannel, BroadcastChannel; registers its ops in init (their
     * state is its own). */
    {.name = "messaging",
     .js = ((const char *const[]){"core/ext/messaging/clone.js", "core/ext/messaging/messaging.js",
                                  NULL}),
     .init = rt_messaging_init,
     .close = rt_messaging_close,
     .free = rt_messaging_free,
     .deps = DEPS("events", "timers")}, /* Event, EventTarget, DOMException; runMicrotasks */
    {.name = "encoding",
     .ops = rt_encoding_ops,
     .nops = RT_ENCODING_NOPS,
     .js = ((const char *const[]){"core/ext/encoding/encoding.js", "core/ext/encoding/text.js",
                                  NULL}),
     .init = rt_encoding_init,
     .free = rt_encoding_free,
     .deps = DEPS("events")}, /* DOMException */
    /* ReadableStream, WritableStream, TransformStream and the rest of the Streams Standard,
     * loaded on first use (streams.js). */
    {.name = "streams", .js = JS("core/ext/streams/streams.js"), .deps = DEPS("events")},
    /* Blob, File, FormData: JS over encoding's UTF-8 ops, loaded on first use. */
    {.name = "blob", .js = JS("core/ext/blob/blob.js"), .deps = DEPS("encoding")},
    /* crypto: OpenSSL is loaded at the first crypto.subtle operation (crypto/openssl.h). */
    {.name = "crypto",
     .js = JS("core/ext/crypto/crypto.js", "core/ext/crypto/symmetric.js", "core/ext/crypto/asym.js"),
     .init = rt_crypto_init,
     .close = rt_crypto_close,
     .free = rt_crypto_free,
     .deps = DEPS("events", "encoding")}, /* DOMException; TextEncoder */
    /* CompressionStream, DecompressionStream: lazy; zlib is loaded at the first stream. */
    {.name = "compression",
     .js = JS("core/ext/compression/compression.js"),
     .init = rt_compression_init,
     .close = rt_compression_close,
     .free = rt_compression_free,
     .deps = DEPS("streams")}, /* TransformStream */
    /* url registers its ops in init (with the parser's state as their data). */
    {.name = "url",
     .js = JS("core/ext/url/url.js"),
     .init = rt_url_init,
     .free = rt_url_free,
     .deps = DEPS("encoding")}, /* ops.encode/decode for bytes in percent-decoding */
    /* Headers, Request, Response, fetch: lazy; libcurl is loaded at the first fetch. */
    {.name = "fetch",
     .js = JS("core/ext/fetch/fetch.js"),
     .init = rt_fetch_init,
     .close = rt_fetch_close,
     .free = rt_fetch_free,
     .deps = DEPS("streams", "blob", "url")},
    /* User Timing and the Performance Timeline over host.js's performance.now(), loaded on
     * first use: observers run from a timer, detail is structured-cloned, errors are
     * DOMExceptions. */
    {.name = "performance",
     .js = JS("core/ext/performance/timeline.js"),
     .deps = DEPS("timers", "events", "encoding")},
    /* navigator: defined on first use; two ops for the host's facts. */
    {.name = "navigator",
     .ops = rt_navigator_ops,
     .nops = RT_NAVIGATOR_NOPS,
     .js = JS("core/ext/navigator/navigator.js")},
    /* fs and tcp register their ops in init (their tables are their own). */
    {.name = "fs",
     .js = JS("core/ext/fs/fs.js"),
     .init = rt_fs_init,
     .close = rt_fs_close,
     .free = rt_fs_free},
    {.name = "tcp",
     .js = JS("core/ext/tcp/net.js"),
     .init = rt_tcp_init,
     .close = rt_tcp_close,
     .free = rt_tcp_free},
    /* http: mrt.serve (server.c); one op, httpBinding, gives the server's functions at the
     * first serve, and http-parser is loaded then. */
    {.name = "http",
     .js = JS("core/ext/http/serve.js"),
     .init = rt_http_init,
     .close = rt_http_close,
     .free = rt_http_free,
     .deps = DEPS("console", "timers", "events")},
    /* Worker: runtimes on threads of their own (worker.c); lazy, nothing made until used. */
    {.name = "worker",
     .js = JS("core/ext/worker/worker.js"),
     .init = rt_worker_init,
     .close = rt_worker_close,
     .free = rt_worker_free,
     .deps = DEPS("events", "messaging")},
    {.name = "bench", .js = JS("core/ext/bench/bench.js"), .deps = DEPS("console", "timers")},
    /* mrt.repl() for the mrt command's REPL and -p (tools/repl.c); its JS is lazy. */
    {.name = "repl", .js = JS("core/ext/repl/repl.js"), .deps = DEPS("console")},
    /* Node's core modules (node:fs, process, Buffer...), each compiled at first use: last, as
     * they are built over the web and host APIs above. */
    /* Node's Buffer encodings, comparisons and searches (node/buffer.c): its one op. */
    {.name = "node_buffer", .ops = rt_node_buffer_ops, .nops = RT_NODE_BUFFER_NOPS},
    /* node:fs's synchronous calls (node/fs_sync.c): its one op. */
    {.name = "node_fs", .ops = rt_node_fs_ops, .nops = RT_NODE_FS_NOPS},
    {.name = "node",
     .ops = rt_node_ops, /* CommonJS (node.c) */
     .nops = RT_NODE_NOPS,
     .js = JS("core/ext/node/node.js"),
     .init = rt_node_init, /* nodeBinding: process's and os's functions */
     .close = rt_node_close,
     .free = rt_node_free,
     .deps = DEPS("console", "timers", "events")},
    /* TypeScript: .ts/.mts/.cts sources stripped of their types before they compile
     * (core/source_transform.h); the stripper is compiled on the first such file. */
    {.name = "typescript",
     .ops = rt_typescript_ops,
     .nops = RT_TYPESCRIPT_NOPS,
     .init = rt_typescript_init,
     .deps = DEPS("encoding")},
};
const size_t rt_builtin_nexts = sizeof rt_builtin_exts / sizeof rt_builtin_exts[0];
_Static_assert(sizeof rt_builtin_exts / sizeof rt_builtin_exts[0] <= RT_BUILTINS_MAX,
               "RT_BUILTINS_MAX (runtime_internal.h) is too small for the table");

int rt_ext_table_check(const rt_ext *exts, size_t n, const char **ext, const char **dep) {
  for (size_t i = 0; i < n; i++) {
    for (const char *const *d = exts[i].deps; d && *d; d++) {
      size_t j = 0;
      while (j < i && strcmp(exts[j].name, *d) != 0) j++;
      if (j == i) {
        *ext = exts[i].name;
        *dep = *d;
        return -1;
      }
    }
  }
  return 0;
}

int rt_builtins_init(mrt_runtime *rt) {
  /* The table is constant: checked once per process. */
  static atomic_int checked;
  if (!atomic_load_explicit(&checked, memory_order_relaxed)) {
    const char *ext = NULL, *dep = NULL;
    if (rt_ext_table_check(rt_builtin_exts, rt_builtin_nexts, &ext, &dep) != 0) {
      return rt_set_error(rt, MRT_EV8INIT, NULL,
                          "built-in extension '%s' needs '%s', which does not come before it",
                          ext, dep);
    }
    atomic_store_explicit(&checked, 1, memory_order_relaxed);
  }
  for (size_t i = 0; i < rt_builtin_nexts; i++) {
    const rt_ext *e = &rt_builtin_exts[i];
    for (size_t k = 0; k < e->nops; k++) {
      int rc = rt_register_builtin(rt, &e->ops[k]);
      if (rc) return rc;
    }
    if (e->init) {
      int rc = e->init(rt, &rt->builtin_state[i]);
      if (rc) return rc;
    }
  }
  return MRT_OK;
}

int rt_builtins_run_js(mrt_runtime *rt, int (*run)(mrt_runtime *rt, const char *file)) {
  for (size_t i = 0; i < rt_builtin_nexts; i++) {
    for (const char *const *f = rt_builtin_exts[i].js; f && *f; f++) {
      int rc = run(rt, *f);
      if (rc) return rc;
    }
  }
  return MRT_OK;
}

void rt_builtins_close(mrt_runtime *rt) {
  for (size_t i = rt_builtin_nexts; i-- > 0;) {
    if (rt_builtin_exts[i].close) rt_builtin_exts[i].close(rt, rt->builtin_state[i]);
  }
}

void rt_builtins_free(mrt_runtime *rt) {
  for (size_t i = rt_builtin_nexts; i-- > 0;) {
    if (rt_builtin_exts[i].free) rt_builtin_exts[i].free(rt, rt->builtin_state[i]);
    rt->builtin_state[i] = NULL;
  }
}

int rt_builtins_register_fast(void) {
  shim_fast_sig sigs[32];
  size_t n = 0;
  for (size_t i = 0; i < rt_builtin_nexts; i++) {
    for (size_t k = 0; k < rt_builtin_exts[i].nops; k++) {
      const mrt_op_decl *d = &rt_builtin_exts[i].ops[k];
      if (!d->fast) continue;
      if (n == sizeof sigs / sizeof sigs[0]) return -1;
      sigs[n].fn = d->fast;
      sigs[n].ret = (shim_ctype)d->fast_ret;
      sigs[n].argc = d->fast_argc;
      for (int a = 0; a < d->fast_argc; a++) sigs[n].args[a] = (shim_ctype)d->fast_args[a];
      n++;
    }
  }
  return shim_fast_register_static(sigs, n);
}
