/*
 * ext.h: the extension unit, internal form. A built-in extension (console, timers, encoding,
 * fs, tcp, bench) is one rt_ext: its ops, its JS, its state's init/close/free, the C
 * functions V8 may meet in the startup snapshot and the extensions it needs. builtin.c
 * holds the table; mrt_runtime_new and mrt_runtime_free loop over it. The embedder's
 * public form is mrt_extension (mrt.h, core/extension.c). Not installed.
 */
#ifndef MRT_EXT_H
#define MRT_EXT_H

#include <stddef.h>
#include <stdint.h>

#include "mrt.h"

typedef struct rt_ext {
  const char *name;
  /* Ops on P.ops, registered in this order before init (the snapshot's functions carry
   * their index: the order must not depend on anything but the table). */
  const mrt_op_decl *ops;
  size_t nops;
  /* Embedded JS files (paths under core/, e.g. "core/ext/timers/timers.js"), each a classic
   * script evaluating to `function (P)`, run in order at bootstrap; NULL-terminated. */
  const char *const *js;
  /* Its state: init after the ops (may register more ops: fs, tcp keep theirs private);
   * close in mrt_runtime_free while the isolate lives (drop JS handles, close what is open;
   * callbacks still to come see the runtime as dead); free after loop_free, when no
   * callback can come. Each may be NULL; close and free are called even when init did not
   * run or failed (they handle state that was never made). */
  /* init may set *state (it starts NULL); close and free get it back (NULL if not set). */
  int (*init)(mrt_runtime *rt, void **state);
  void (*close)(mrt_runtime *rt, void *state);
  void (*free)(mrt_runtime *rt, void *state);
  /* C functions a snapshot may reference besides the op trampoline and the ops' Fast API
   * paths (collected from ops by rt_builtins_register_fast): 0-terminated; NULL: none. */
  const intptr_t *external_refs;
  /* Names of extensions that must come before this one; NULL-terminated, NULL: none. */
  const char *const *deps;
} rt_ext;

/* The built-in extensions, in dependency order (builtin.c). */
extern const rt_ext rt_builtin_exts[];
extern const size_t rt_builtin_nexts;

/* 0 when every extension's dependencies come before it in the table, else -1 with the
 * offending names in *ext and *dep. */
int rt_ext_table_check(const rt_ext *exts, size_t n, const char **ext, const char **dep);

/* The built-in ops' Fast API paths, registered with the shim as external references of the
 * startup snapshot: before the first isolate of the process (every runtime calls it; the
 * table is constant). 0, or -1 if the shim refused them. */
int rt_builtins_register_fast(void);
/* mrt_runtime_new: each built-in's ops then init, in table order (also when restoring from
 * the snapshot: same registrations, same order). */
int rt_builtins_init(mrt_runtime *rt);
/* Bootstrap (not from the snapshot): each built-in's JS, in table order. */
int rt_builtins_run_js(mrt_runtime *rt, int (*run)(mrt_runtime *rt, const char *file));
/* mrt_runtime_free: close (isolate alive) and free (after loop_free), in reverse order. */
void rt_builtins_close(mrt_runtime *rt);
void rt_builtins_free(mrt_runtime *rt);

/* The shim call behind an op (core/ops.c): for ops that hand a JS value to the shim. */
struct shim_call *rt_op_shim_call(mrt_op_call *c);
/* Argument i as a handle the caller owns (to keep past the call, e.g. a hook), or NULL when
 * it is not a function (core/ops.c). */
struct shim_global *rt_op_function_arg(mrt_op_call *c, int i);

/* Returns an object holding fns as functions (mrt_function, each with the op's data), for
 * an extension's one "binding" op: functions made at first use cost the startup snapshot
 * nothing, where every registered op costs each start its share (core/ops.c). */
void rt_op_return_functions(mrt_op_call *c, const mrt_op_decl *fns, size_t n);

/* Ends an op with an Error of class name (NULL: Error) carrying code (may be NULL): thrown
 * by a sync op, the rejection of an async one. */
static inline void rt_op_error(mrt_op_call *c, const char *name, const char *code,
                               const char *msg) {
  mrt_result res = {.kind = MRT_RESULT_ERROR, .name = name, .code = code, .message = msg};
  mrt_op_return_result(c, &res);
}

/* The built-ins' entry points (each extension's C file). */
/* Op tables of console.c, timers.c and encoding.c (their sizes are checked there). */
#define RT_CONSOLE_NOPS 5
#define RT_TIMERS_NOPS 7
/* events: the global error hooks and the report of an uncaught error (events.c). */
#define RT_EVENTS_NOPS 2
extern const mrt_op_decl rt_events_ops[RT_EVENTS_NOPS];

#define RT_ENCODING_NOPS 8
extern const mrt_op_decl rt_console_ops[RT_CONSOLE_NOPS];
extern const mrt_op_decl rt_timers_ops[RT_TIMERS_NOPS];
extern const mrt_op_decl rt_encoding_ops[RT_ENCODING_NOPS];
/* lang.c: ECMAScript built-ins V8 10.2 lacks (ArrayBuffer transfer, detached). */
#define RT_LANG_NOPS 7
extern const mrt_op_decl rt_lang_ops[RT_LANG_NOPS];
/* lang/base64.c: Uint8Array's base64 and hex methods. */
#define RT_BASE64_NOPS 1
extern const mrt_op_decl rt_base64_ops[RT_BASE64_NOPS];
/* navigator.c: hardwareConcurrency and platform. */
/* node: Node's CommonJS modules (node.c). */
#define RT_NODE_NOPS 6
extern const mrt_op_decl rt_node_ops[RT_NODE_NOPS];
#define RT_NAVIGATOR_NOPS 2
extern const mrt_op_decl rt_navigator_ops[RT_NAVIGATOR_NOPS];
/* typescript.c: the stripper's WebAssembly bytes. */
#define RT_TYPESCRIPT_NOPS 1
extern const mrt_op_decl rt_typescript_ops[RT_TYPESCRIPT_NOPS];
int rt_typescript_init(mrt_runtime *rt, void **state);
/* node: one op, nodeBinding (node/process.c, registered by init), giving process's and os's
 * functions (node/os.c: rt_node_os_functions) made at first use; close stops the signals
 * watched (node/signals.c). */
int rt_node_init(mrt_runtime *rt, void **state);
void rt_node_close(mrt_runtime *rt, void *state);
void rt_node_free(mrt_runtime *rt, void *state);
const mrt_op_decl *rt_node_os_functions(size_t *n);
const mrt_op_decl *rt_node_child_process_functions(size_t *n); /* node/child_process.c */
/* node/buffer.c: Node's Buffer encodings, comparisons and searches. */
#define RT_NODE_BUFFER_NOPS 1
extern const mrt_op_decl rt_node_buffer_ops[RT_NODE_BUFFER_NOPS];
/* node/fs_sync.c: node:fs's synchronous calls on fds and paths. */
#define RT_NODE_FS_NOPS 1
extern const mrt_op_decl rt_node_fs_ops[RT_NODE_FS_NOPS];
int rt_console_init(mrt_runtime *rt, void **state);
/* url.c: URL and URLSearchParams; init registers the ops with the parser's state. */
int rt_url_init(mrt_runtime *rt, void **state);
void rt_url_free(mrt_runtime *rt, void *state);
/* fs.c, tcp.c: async files and TCP. init registers the ops with the state as their data;
 * close runs in mrt_runtime_free before the isolate is freed (callbacks still to come see
 * the runtime as dead; files and sockets close with every resource right after); free
 * runs after loop_free, when no callback can come any more. */
/* encoding: legacy.c's state (ICU converters and tables, made on first use). */
int rt_encoding_init(mrt_runtime *rt, void **state);
void rt_encoding_free(mrt_runtime *rt, void *state);
int rt_fs_init(mrt_runtime *rt, void **state);
void rt_fs_close(mrt_runtime *rt, void *state);
void rt_fs_free(mrt_runtime *rt, void *state);
/* messaging.c: structuredClone's ops and message delivery (ops registered in init). */
int rt_messaging_init(mrt_runtime *rt, void **state);
void rt_messaging_close(mrt_runtime *rt, void *state);
void rt_messaging_free(mrt_runtime *rt, void *state);
/* crypto.c: Web Crypto (ops registered in init with the state as their data). */
int rt_crypto_init(mrt_runtime *rt, void **state);
void rt_crypto_close(mrt_runtime *rt, void *state);
void rt_crypto_free(mrt_runtime *rt, void *state);
/* compression.c: CompressionStream/DecompressionStream on zlib (ops registered in init). */
int rt_compression_init(mrt_runtime *rt, void **state);
void rt_compression_close(mrt_runtime *rt, void *state);
void rt_compression_free(mrt_runtime *rt, void *state);
/* client.c: fetch's transfers over libcurl (loaded at the first fetch); ops registered in
 * init; close frees the transfers in flight and the multi handle while the loop lives. */
int rt_fetch_init(mrt_runtime *rt, void **state);
void rt_fetch_close(mrt_runtime *rt, void *state);
void rt_fetch_free(mrt_runtime *rt, void *state);
/* http/server.c: the HTTP server behind mrt.serve (one op, httpBinding, made in init). */
int rt_http_init(mrt_runtime *rt, void **state);
void rt_http_close(mrt_runtime *rt, void *state);
void rt_http_free(mrt_runtime *rt, void *state);
/* worker/worker.c: Web Workers (ops registered in init; close releases the JS hook; each
 * worker still running is ended and joined when its resource closes). */
int rt_worker_init(mrt_runtime *rt, void **state);
void rt_worker_close(mrt_runtime *rt, void *state);
void rt_worker_free(mrt_runtime *rt, void *state);
int rt_tcp_init(mrt_runtime *rt, void **state);
void rt_tcp_close(mrt_runtime *rt, void *state);
void rt_tcp_free(mrt_runtime *rt, void *state);

#endif /* MRT_EXT_H */
