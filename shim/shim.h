/*
 * shim.h: V8 through plain C. The shim is the only code that includes v8.h.
 *
 * Rules of the boundary:
 *  - every type here is opaque or plain C; no C++ type crosses it;
 *  - no C++ exception escapes; a JS exception becomes a shim_exception record;
 *  - handle scopes, isolate and context scopes are opened inside each entry point, so callers
 *    never see them. Values that outlive a call are shim_global handles (v8::Global).
 *
 * One shim_isolate is one V8 isolate with one context, used from one thread at a time.
 */
#ifndef MRT_SHIM_H
#define MRT_SHIM_H

#include <stddef.h>
#include <stdint.h>

#include "alloc.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct shim_isolate shim_isolate;
typedef struct shim_global shim_global; /* a persistent handle to a JS value */
typedef struct shim_call shim_call;     /* one native call: arguments and return value */

/* ------------------------------------------------------------------ exceptions */

typedef struct shim_exception {
  char *name;        /* "TypeError"... or NULL when the thrown value is not an Error */
  char *message;     /* error.message, or String(value) */
  char *stack;       /* error.stack when it is a string */
  char *file;        /* resource name of the throwing script */
  char *source_line; /* that line's text */
  int line, column;  /* 1-based; 0 unknown */
  int terminated;    /* execution was terminated (TerminateExecution), not a JS throw */
  shim_global *value; /* the thrown value (NULL when terminated) */
} shim_exception;

void shim_exception_clear(shim_exception *exc); /* frees the strings and the value */

/* ------------------------------------------------------------------ process */

/* Once per process (later calls are no-ops). flags: V8 command-line flags or NULL.
 * 0 when ready; 1 when a flag is unknown or has a bad value (the first such is copied to
 * bad; flags before it may be set; V8 is not initialised, a later call may do it); -1 when
 * V8 failed. */
int shim_platform_init(const char *flags, char *bad, size_t bad_len);
/* Nanoseconds the platform set-up took (by the call that did it). */
uint64_t shim_platform_init_ns(void);
/* How long an isolate's creation and its context's took, and the last script's compile and
 * run, in nanoseconds. */
typedef struct shim_times {
  uint64_t isolate_ns, context_ns, compile_ns, run_ns;
} shim_times;
void shim_get_times(shim_isolate *iso, shim_times *out);
const char *shim_v8_version(void);

/* ------------------------------------------------------------------ isolate */

/* Callbacks from V8 into the owner (core/). All run on the isolate's thread. */
typedef struct shim_host {
  void *data;
  /* A native function installed with shim_install_native was called. */
  void (*native_call)(void *data, uint32_t index, shim_call *call);
  /* V8's promise reject events: 0 rejected with no handler, 1 handler added after reject,
   * 2 reject after resolved, 3 resolve after resolved. promise/reason are new handles the
   * callee owns (reason NULL for event 1). */
  void (*promise_reject)(void *data, int event, shim_global *promise, shim_global *reason);
  /* An exception V8 could not report to a caller (thrown by a microtask). */
  void (*uncaught)(void *data, shim_exception *exc);
  /* Near the heap limit: return the new limit in bytes. */
  size_t (*near_heap_limit)(void *data, size_t current_limit, size_t initial_limit);
  /* A string of `bytes` made from C does not fit under the heap limit even after a full
   * collection: nonzero refuses it (the owner has then requested termination). */
  int (*heap_refuse)(void *data, size_t bytes);
} shim_host;

typedef struct shim_isolate_params {
  size_t max_heap_bytes;     /* 0: V8's choice */
  size_t initial_heap_bytes; /* 0: V8's default */
  size_t max_young_bytes;    /* 0: V8's default */
  const shim_host *host;
  /* A startup snapshot made by shim_snapshot_create (NULL: V8's built-in one). */
  const char *snapshot;
  size_t snapshot_len;
  /* Fast paths of this isolate's natives that may be in its snapshot (made from it, or being
   * made): their functions and type information become its external references, in this
   * order (the same at creation and at restore). Signatures without byte-buffer arguments
   * only. Not kept: copied. */
  const struct shim_fast_sig *fast_sigs;
  size_t nfast_sigs;
} shim_isolate_params;

shim_isolate *shim_isolate_new(const shim_isolate_params *params);
void shim_isolate_free(shim_isolate *iso);
/* The counters of the isolate's ArrayBuffer allocator (alloc/), valid while it lives. */
alloc_stats *shim_buffer_stats(shim_isolate *iso);

/* Any thread. */
void shim_terminate(shim_isolate *iso);
/* Re-enables execution after a termination has unwound. */
void shim_cancel_terminate(shim_isolate *iso);
int shim_is_terminating(shim_isolate *iso);
/* From inside a native call only: terminates and makes it land now, so the JS that called
 * does not run on to its next function entry. */
void shim_terminate_now(shim_isolate *iso);

/* V8 keeps it above what the heap holds now (collect first to get near `bytes`). */
void shim_set_heap_limit(shim_isolate *iso, size_t bytes);
/* A full, memory-reducing collection. */
void shim_collect_garbage(shim_isolate *iso);
void shim_remove_near_heap_limit_callback(shim_isolate *iso, size_t heap_limit);

typedef struct shim_heap_stats {
  size_t used, total, limit, external, native_contexts;
} shim_heap_stats;
void shim_heap_stats_get(shim_isolate *iso, shim_heap_stats *out);
/* heap_stats.cc (node:v8): V8's HeapStatistics in Node's order (total_heap_size,
 * total_heap_size_executable, total_physical_size, total_available_size, used_heap_size,
 * heap_size_limit, malloced_memory, peak_malloced_memory, does_zap_garbage,
 * number_of_native_contexts, number_of_detached_contexts, total_global_handles_size,
 * used_global_handles_size, external_memory); the heap spaces (space i's name, a static
 * string, or NULL past the last; out: size, used, available, physical); code statistics
 * (code_and_metadata, bytecode_and_metadata, external_script_source, cpu_profiler_metadata). */
#define SHIM_HEAP_STATS_N 14
void shim_heap_stats_all(shim_isolate *iso, double out[SHIM_HEAP_STATS_N]);
size_t shim_heap_space_count(shim_isolate *iso);
const char *shim_heap_space_stats(shim_isolate *iso, size_t i, double out[4]);
void shim_heap_code_stats(shim_isolate *iso, double out[4]);
/* v8::V8::SetFlagsFromString, while running (node:v8's setFlagsFromString). */
void shim_set_flags_from_string(const char *flags, size_t len);

/* Profiling (profiler.cc). V8's sampling CPU profiler, one profile at a time per isolate:
 * start samples every interval_us microseconds (<= 0: 1000, as node); 0, or -1 if a profile
 * is running already or V8 refused. stop ends it and gives the profile as .cpuprofile JSON
 * (the Chrome DevTools Protocol's Profiler.Profile: nodes, startTime, endTime, samples,
 * timeDeltas), malloc'd; 0, or -1 when none was running or out of memory. */
int shim_cpu_profile_start(shim_isolate *iso, int interval_us);
int shim_cpu_profile_stop(shim_isolate *iso, char **json, size_t *len);
int shim_cpu_profiling(shim_isolate *iso);
/* A heap snapshot as .heapsnapshot JSON, handed to write in chunks (a nonzero return stops
 * it). 0, or -1 when V8 could not take it or write failed. */
int shim_heap_snapshot(shim_isolate *iso, int (*write)(void *data, const char *bytes, size_t len),
                       void *data);

/* Runs every queued microtask (a checkpoint). Nonzero when a termination ended it (V8 then
 * drops the microtasks still queued and reports it nowhere else). */
int shim_microtask_checkpoint(shim_isolate *iso);

/* V8's own tasks (platform.cc): foreground tasks V8 posts for the isolate, from any thread
 * (async WebAssembly compilation, Atomics.waitAsync, FinalizationRegistry cleanup, GC).
 * wake(data) is called from any thread when a task was posted, when a delayed one became the
 * earliest, and when background work (shim_tasks_busy) ended: it must only signal the owner
 * (e.g. loop_wake), which then calls shim_run_tasks on the isolate's thread. Tasks posted
 * before a waker was set wake it when it is set. NULL detaches. */
void shim_isolate_set_waker(shim_isolate *iso, void (*wake)(void *data), void *data);
/* Runs the foreground tasks that are due, a bounded batch (the waker is called again when
 * more may wait). Returns how many ran; *next_delay_ms: ms until the earliest delayed task
 * is due, or -1 if none is. */
int shim_run_tasks(shim_isolate *iso, int64_t *next_delay_ms);
/* Nonzero while worker tasks V8 posted are in flight (a WebAssembly compile, GC helpers;
 * counted for the whole process, as node does): their end may post a foreground task. The
 * waker is then called once when they have all ended. */
int shim_tasks_busy(shim_isolate *iso);

/* ------------------------------------------------------------------ snapshots */

/* Snapshot creation (build time): an isolate prepared for serialization, used with the
 * usual calls; shim_snapshot_add keeps a value reachable (index 0, 1, ... in order);
 * shim_snapshot_finish serializes the context (every shim_global of the isolate must have
 * been released) and disposes of the isolate. */
shim_isolate *shim_snapshot_begin(const shim_isolate_params *params);
size_t shim_snapshot_add(shim_isolate *iso, const shim_global *g);
int shim_snapshot_finish(shim_isolate *iso, char **blob, size_t *len);
/* In an isolate made from a snapshot: the value kept at index (once). */
shim_global *shim_snapshot_data(shim_isolate *iso, size_t index);
/* Memory of a typed array (for arrays shared with C). */
void *shim_typed_array_data(shim_isolate *iso, const shim_global *g, size_t *len);

/* ------------------------------------------------------------------ scripts */

/* Compiles and runs a classic script. 0, or -1 with *exc filled. out may be NULL. */
int shim_run_script(shim_isolate *iso, const char *name, const char *src, size_t len,
                    shim_global **out, shim_exception *exc);
/* The same for the runtime's own source, static for the process's life (read in place when
 * ASCII); the isolate's times are left alone. cc (may be NULL): code cache data made at build
 * time to consume (cc->result says whether V8 took it; else it compiles from source); or, at
 * build time, cc->keep (for shim_builtin_code_cache). */
struct shim_code_cache;
int shim_run_builtin(shim_isolate *iso, const char *name, const char *src, size_t len,
                     struct shim_code_cache *cc, shim_global **out, shim_exception *exc);

/* ------------------------------------------------------------------ code cache */

/* V8's code cache (code_cache.cc). The caller stores the bytes (core/code_cache.c) and checks
 * them before handing them over; V8 checks them again (its version, flag hash and the source
 * length) and rejects what does not fit, compiling normally then. */
enum { SHIM_CACHE_NONE, SHIM_CACHE_HIT, SHIM_CACHE_REJECTED };
typedef struct shim_code_cache {
  const void *data; /* in: cached data to consume, or NULL (8-byte aligned, or V8 copies it) */
  size_t len;
  int produce;      /* in: make a cache after the run unless the data was used */
  int result;       /* out: SHIM_CACHE_* */
  int compiled;     /* out: the compile succeeded */
  const void *out;  /* out: the cache made, valid until shim_code_cache_release */
  size_t out_len;
  uint64_t produce_ns; /* out: time spent making it */
  void *handle_;
  /* shim_run_builtin only (making the built-in files' caches at build time): */
  int keep;         /* in: keep the script for shim_builtin_code_cache */
  void *script_;    /* the script kept, until shim_code_cache_release */
} shim_code_cache;

/* v8::ScriptCompiler::CachedDataVersionTag(): V8's version and flags (after platform init). */
uint32_t shim_code_cache_tag(void);
void shim_code_cache_release(shim_code_cache *cc);
/* shim_run_script with a code cache: consumes cc->data, and after the run (when produce and
 * the data was not used) makes a new cache in cc->out. cc may be NULL. */
int shim_run_script_cached(shim_isolate *iso, const char *name, const char *src, size_t len,
                           shim_code_cache *cc, shim_global **out, shim_exception *exc);
/* Modules (module.cc; see shim_module.h): shim_module_compile consuming cc->data (cc may be
 * NULL), and the cache of module id made after it evaluated (0, or -1 if there is none). */
struct shim_module_request;
int shim_module_compile_cached(shim_isolate *iso, int id, const char *url, const char *src,
                               size_t len, shim_code_cache *cc,
                               struct shim_module_request **reqs, size_t *nreqs,
                               shim_exception *exc);
int shim_module_code_cache(shim_isolate *iso, int id, shim_code_cache *cc);
/* Compiles src as the body of a function of the nparams (at most 8) parameters named in
 * params, with resource name `name` (function.cc: Node's CommonJS modules, whose errors keep
 * the file's own lines and columns), consuming cc->data (cc may be NULL). *out: the
 * function; 0, or -1 with *exc (a SyntaxError). The isolate's compile time is set. */
int shim_compile_function(shim_isolate *iso, const char *name, const char *src, size_t len,
                          const char *const *params, int nparams, shim_code_cache *cc,
                          shim_global **out, shim_exception *exc);
/* The code cache of a function compiled by shim_compile_function, made after it ran (with
 * what it compiled lazily) when cc->produce and its data was not used: 0, or -1. */
int shim_function_code_cache(shim_isolate *iso, const shim_global *fn, shim_code_cache *cc);

/* The code cache of the built-in file shim_run_builtin compiled with cc (cc->keep), with
 * every function compiled so far, made now into cc->out: 0, or -1. */
int shim_builtin_code_cache(shim_isolate *iso, shim_code_cache *cc);

/* ------------------------------------------------------------------ values */

enum {
  SHIM_UNDEFINED, SHIM_NULL, SHIM_BOOLEAN, SHIM_NUMBER, SHIM_BIGINT, SHIM_STRING, SHIM_SYMBOL,
  SHIM_FUNCTION, SHIM_ARRAY, SHIM_PROMISE, SHIM_ERROR, SHIM_ARRAYBUFFER, SHIM_TYPEDARRAY,
  SHIM_OBJECT
};

shim_global *shim_undefined(shim_isolate *iso);
shim_global *shim_null(shim_isolate *iso);
shim_global *shim_boolean(shim_isolate *iso, int b);
shim_global *shim_number(shim_isolate *iso, double d);
shim_global *shim_string(shim_isolate *iso, const char *utf8, size_t len); /* NULL: too long */
shim_global *shim_object(shim_isolate *iso);
shim_global *shim_global_object(shim_isolate *iso);
/* A Float64Array of n elements; *data receives its memory (stable: not resizable). */
shim_global *shim_float64_array(shim_isolate *iso, size_t n, double **data);

shim_global *shim_dup(shim_isolate *iso, const shim_global *g);
void shim_release(shim_global *g);
int shim_strict_equals(shim_isolate *iso, const shim_global *a, const shim_global *b);

int shim_type(shim_isolate *iso, const shim_global *g);
double shim_to_number(shim_isolate *iso, const shim_global *g); /* NaN if not a number */
int shim_to_boolean(shim_isolate *iso, const shim_global *g);
/* malloc'd UTF-8 of String(v); NULL with *exc on a throwing conversion. */
char *shim_to_string(shim_isolate *iso, const shim_global *g, size_t *len, shim_exception *exc);
/* malloc'd JSON.stringify(v); NULL with exc->message NULL when the result is undefined. */
char *shim_to_json(shim_isolate *iso, const shim_global *g, size_t *len, shim_exception *exc);

int shim_get(shim_isolate *iso, const shim_global *obj, const char *key, shim_global **out,
             shim_exception *exc);
int shim_set(shim_isolate *iso, const shim_global *obj, const char *key,
             const shim_global *val, shim_exception *exc);
int shim_call_function(shim_isolate *iso, const shim_global *fn, const shim_global *recv, int argc,
              shim_global *const *argv, shim_global **out, shim_exception *exc);
/* fn(error, callSites) formats Error.stack from now on (V8's prepare-stack-trace hook; it
 * replaces V8's formatting and its Error.prepareStackTrace call). NULL restores V8's.
 * -1 if fn is not a function. */
int shim_set_prepare_stack_trace(shim_isolate *iso, const shim_global *fn);
/* Calls fn(n0, n1, ...) with number arguments; *result (may be NULL) receives the result as
 * a number (NaN if it is not one). The allocation-free path for the loop's hooks. */
int shim_call_numbers(shim_isolate *iso, const shim_global *fn, const double *args, int argc,
                      double *result, shim_exception *exc);

/* 0 pending, 1 fulfilled, 2 rejected, -1 not a promise. *result receives the value or
 * reason when settled (and may be NULL). */
int shim_promise_state(shim_isolate *iso, const shim_global *p, shim_global **result);
/* Marks a rejected promise as handled (so V8 doesn't report it again). */
void shim_promise_mark_handled(shim_isolate *iso, const shim_global *p);

/* Fills *exc from a thrown or rejection value: name, message, stack, and the location of the
 * first stack frame when the value is an Error. */
void shim_exception_from_value(shim_isolate *iso, const shim_global *v, shim_exception *exc);

/* ------------------------------------------------------------------ more values */
/* value_types.cc. Functions returning int give 0; -1 with *exc filled (when they take one)
 * when JS threw; -2 for a value of the wrong type (nothing thrown). */

shim_global *shim_array(shim_isolate *iso, uint32_t length); /* NULL above INT32_MAX */
int shim_array_length(shim_isolate *iso, const shim_global *arr, uint32_t *len); /* -1: no array */
int shim_get_index(shim_isolate *iso, const shim_global *obj, uint32_t index, shim_global **out,
                   shim_exception *exc);
int shim_set_index(shim_isolate *iso, const shim_global *obj, uint32_t index,
                   const shim_global *val, shim_exception *exc);
/* Object.keys(obj). */
int shim_object_keys(shim_isolate *iso, const shim_global *obj, shim_global **out,
                     shim_exception *exc);
int shim_json_parse(shim_isolate *iso, const char *json, size_t len, shim_global **out,
                    shim_exception *exc);
shim_global *shim_bigint_int64(shim_isolate *iso, int64_t v);
shim_global *shim_bigint_uint64(shim_isolate *iso, uint64_t v);
/* *s (is_signed) or *u, and whether that is exact. -1: not a BigInt. */
int shim_bigint_value(shim_isolate *iso, const shim_global *g, int is_signed, int64_t *s,
                      uint64_t *u, int *lossless);
/* A new ArrayBuffer of len bytes: a copy of bytes, or zeroes when bytes is NULL. *data (may
 * be NULL) receives its memory. NULL when out of memory. */
shim_global *shim_array_buffer(shim_isolate *iso, const void *bytes, size_t len, void **data);
/* shim_batch_array's elements: a number, a string (UTF-8, copied), an ArrayBuffer taking
 * over malloc'd bytes, or an ArrayBuffer or a SharedArrayBuffer over a shim_store (bytes;
 * set to NULL once taken). */
enum { SHIM_BATCH_NUMBER, SHIM_BATCH_STRING, SHIM_BATCH_BUFFER, SHIM_BATCH_STORE, SHIM_BATCH_SHARED };
/* An ArrayBuffer's memory on its way to another isolate (its V8 backing store, shared): no
 * copy. The isolates' allocators are held by the stores they made, so it may outlive the
 * isolate it came from. Released on any thread. */
typedef struct shim_store shim_store;
/* Takes argument i's memory (an ArrayBuffer) and detaches the buffer; *len its size. NULL
 * when it is not a detachable ArrayBuffer, or out of memory. */
shim_store *shim_call_take_store(shim_call *call, int i, size_t *len);
void shim_store_release(shim_store *store); /* NULL: nothing */
typedef struct shim_batch_item {
  int kind;
  double number;
  void *bytes;
  size_t len;
} shim_batch_item;
shim_global *shim_batch_array(shim_isolate *iso, shim_batch_item *items, size_t n);
/* Typed array kinds (mrt_typed_array_type has the same order). */
enum {
  SHIM_INT8, SHIM_UINT8, SHIM_UINT8_CLAMPED, SHIM_INT16, SHIM_UINT16, SHIM_INT32, SHIM_UINT32,
  SHIM_FLOAT32, SHIM_FLOAT64, SHIM_BIGINT64, SHIM_BIGUINT64
};
/* A view of length elements at byte_offset of an ArrayBuffer; -2 for an unknown type or a
 * buffer that is not an ArrayBuffer, -3 when the view does not fit or is misaligned. */
int shim_typed_array(shim_isolate *iso, int type, const shim_global *buffer, size_t byte_offset,
                     size_t length, shim_global **out, shim_exception *exc);
/* -1: not a typed array. Each out may be NULL. */
int shim_typed_array_info(shim_isolate *iso, const shim_global *g, int *type, size_t *length,
                          size_t *byte_offset, shim_global **buffer);
/* Bytes of an ArrayBuffer, SharedArrayBuffer, typed array or DataView (NULL, 0 when
 * detached). -1 for other values. */
int shim_buffer_data(shim_isolate *iso, const shim_global *g, void **data, size_t *len);
/* A pending promise that C may settle (once) with shim_promise_settle: 0; -1 when p is not
 * such a promise; -2 when it was settled from C already; -3 when V8 refused (terminating). */
shim_global *shim_promise_new(shim_isolate *iso);
int shim_promise_settle(shim_isolate *iso, const shim_global *p, const shim_global *value,
                        int reject);
/* A JS function that calls call(data, shim_call) (the shim_call_* accessors work in it).
 * release(data) runs when the function is collected, or when the isolate is freed, or at
 * once when this fails (NULL); it may be NULL. Such functions cannot be in a startup
 * snapshot. */
typedef void (*shim_function_cb)(void *data, shim_call *call);
shim_global *shim_function_new(shim_isolate *iso, const char *name, shim_function_cb call,
                               void *data, void (*release)(void *));

/* escape.cc: the v8::Isolate * and a pointer to the v8::Global<v8::Context> (C++ embedders). */
void *shim_v8_isolate(shim_isolate *iso);
void *shim_v8_context(shim_isolate *iso);

/* ------------------------------------------------------------------ native functions */

/* Types for the V8 Fast API signature of a native (match mrt_ctype's order). */
typedef enum shim_ctype {
  SHIM_CTYPE_VOID, SHIM_CTYPE_BOOL, SHIM_CTYPE_INT32, SHIM_CTYPE_UINT32, SHIM_CTYPE_INT64,
  SHIM_CTYPE_UINT64, SHIM_CTYPE_FLOAT32, SHIM_CTYPE_FLOAT64, SHIM_CTYPE_UINT8_ARRAY
} shim_ctype;

/* What a SHIM_CTYPE_UINT8_ARRAY argument of a fast function points to: the bytes of an
 * ArrayBufferView (any typed array or DataView). Same layout as V8's
 * FastApiTypedArray<uint8_t> (length, then data) and as mrt_fast_buffer. */
typedef struct shim_fast_buffer {
  size_t length;
  void *data;
} shim_fast_buffer;

typedef struct shim_fast_sig {
  const void *fn; /* C function: ret fn(void *receiver, args...) */
  shim_ctype ret;
  int argc;
  shim_ctype args[8];
} shim_fast_sig;

/* Fast paths that may be in a startup snapshot (the built-in ops'): their C functions and
 * type information become V8 external references, the same in every process. Call before
 * the first isolate is made, with the same list every time (the first call's list is kept;
 * -1 if a later one differs or a signature has no fast path in this V8). Signatures with
 * byte-buffer arguments are refused (their adapter is per isolate). */
int shim_fast_register_static(const shim_fast_sig *sigs, size_t n);
/* Inside a fast function (no receiver data): host.data of the isolate running it. */
void *shim_fast_host_data(void);

/* Installs obj[name] = a JS function that calls host->native_call(index). fast may be NULL.
 * arg_offset: arguments before it are hidden from the accessors (async ops pass their
 * promise id first). */
int shim_install_native(shim_isolate *iso, const shim_global *obj, const char *name,
                        uint32_t index, const shim_fast_sig *fast);

/* Accessors valid during native_call. */
shim_isolate *shim_call_isolate(shim_call *call);
int shim_call_argc(shim_call *call);
int shim_call_arg_type(shim_call *call, int i);
double shim_call_arg_number(shim_call *call, int i);
int shim_call_arg_boolean(shim_call *call, int i);
/* UTF-8 of String(arg i); valid until the native returns. NULL if the conversion threw. */
const char *shim_call_arg_string(shim_call *call, int i, size_t *len);
/* String(arg i) as Latin-1 bytes (one per character); NULL when a character is above U+00FF
 * or the conversion threw. Valid until the native returns. */
const char *shim_call_arg_latin1(shim_call *call, int i, size_t *len);
/* Bytes of an ArrayBuffer or view. 0, or -1 when the argument is not one. */
int shim_call_arg_buffer(shim_call *call, int i, void **data, size_t *len);
/* A share of an ArrayBuffer's memory (its V8 BackingStore): while held, the bytes stay
 * allocated even when JS detaches the buffer (a transfer) and the collector frees the object.
 * An op that keeps a pointer into JS memory across an await holds it. Release on the isolate's
 * thread, before the isolate is freed (the memory goes back to its allocator). */
typedef struct shim_buffer_hold shim_buffer_hold;
/* shim_call_arg_buffer plus a hold on the memory (NULL: not a buffer, or out of memory). */
shim_buffer_hold *shim_call_arg_buffer_hold(shim_call *call, int i, void **data, size_t *len);
void shim_buffer_release(shim_buffer_hold *hold); /* NULL: no-op */
shim_global *shim_call_arg(shim_call *call, int i);
/* Installs obj[name] = queueMicrotask, a native of its own (not an op: the hot path). */
int shim_install_queue_microtask(shim_isolate *iso, const shim_global *obj, const char *name);
/* Queues argument i (a function) as a microtask. -1 if it is not a function. */
int shim_call_enqueue_microtask(shim_call *call, int i);
/* Hides the first n arguments from the accessors (async ops: their promise id). */
void shim_call_shift(shim_call *call, int n);

void shim_call_return_number(shim_call *call, double d);
void shim_call_return_boolean(shim_call *call, int b);
void shim_call_return_string(shim_call *call, const char *utf8, size_t len);
/* A string of Latin-1 bytes (one character per byte). */
void shim_call_return_latin1(shim_call *call, const char *bytes, size_t len);
/* A string of UTF-16 code units (V8 keeps it one-byte when every unit fits). */
void shim_call_return_utf16(shim_call *call, const uint16_t *units, size_t len);
/* A string over characters in memory it owns from now on (UTF-16 units when two_byte, else
 * Latin-1 bytes): release(data) when the string is collected, or at once on failure (NULL:
 * free). For large results (no copy into V8's heap). */
void shim_call_return_owned(shim_call *call, void *data, size_t len, int two_byte,
                            void (*release)(void *));
void shim_call_return_value(shim_call *call, const shim_global *v);
void shim_call_return_bytes(shim_call *call, const void *data, size_t len); /* Uint8Array */
/* An Array of n values made in one call (a batch of events for JS): numbers, Latin-1 strings
 * (one character per byte), Uint8Arrays (a copy of the bytes) or undefined. The HTTP server
 * hands each loop turn's requests to JS with it. */
enum { SHIM_ITEM_UNDEFINED, SHIM_ITEM_NUMBER, SHIM_ITEM_LATIN1, SHIM_ITEM_BYTES };
typedef struct shim_item {
  int kind;
  const char *p; /* LATIN1, BYTES */
  size_t len;
  double n; /* NUMBER */
} shim_item;
void shim_call_return_items(shim_call *call, const shim_item *items, uint32_t n);
void shim_call_return_undefined(shim_call *call);
/* Throws an Error (or TypeError/RangeError/SyntaxError by name) with optional .code. */
/* 1 once an exception is pending in this call: thrown by one of the throw functions, or by
 * converting an argument (arg_number, arg_string, arg_latin1 returning NaN or NULL). */
int shim_call_threw(shim_call *call);
void shim_call_throw(shim_call *call, const char *name, const char *code, const char *message);
/* The longest string V8 makes (UTF-16 units); a longer result is a RangeError, "Invalid string
 * length" (what the shim_call_return_* string functions throw). */
size_t shim_max_string_length(void);
/* Throws a system error: Error with .code, and .syscall / .path when non-NULL (the shape
 * async op errors have; io ops' sync variants use it). */
void shim_call_throw_sys(shim_call *call, const char *code, const char *syscall,
                         const char *path, const char *message);
/* Forwards an exception record as the native's throw. */
void shim_call_throw_value(shim_call *call, const shim_global *v);

/* Introspection for the console (V8 knows what JS can't see). Each returns its result as
 * the native's return value. */
/* [state, result]: 0 pending, 1 fulfilled, 2 rejected; undefined for non-promises. */
void shim_call_return_promise_state(shim_call *call, int i);
/* [target, handler] of a proxy; undefined for others. */
void shim_call_return_proxy_details(shim_call *call, int i);
/* Entries of a Map/Set/iterator/weak collection: flat entries, or [entries, isKeyValue] when
 * is_iterator. */
void shim_call_return_preview_entries(shim_call *call, int i, int is_iterator);

/* clone.cc: the structured clone on V8's ValueSerializer (see clone.cc for the hooks object
 * from JS that handles platform objects and errors). Each returns -1 with a JS exception
 * pending, or sets the native's return value:
 * structuredClone(arg i, transfer list arg transfer_i (array or undefined)); */
int shim_call_return_structured_clone(shim_call *call, int i, int transfer_i, int hooks_i);
/* [bytes, moved ArrayBuffers, received platform objects, shared] for postMessage, where
 * SharedArrayBuffers are refused unless arg shared_i is true (then `shared` is the array of
 * those the value holds, else undefined); */
int shim_call_return_serialized(shim_call *call, int i, int transfer_i, int hooks_i,
                                int shared_i);
/* the value back from those (arg shared_i: that array, or undefined); */
int shim_call_return_deserialized(shim_call *call, int bytes_i, int buffers_i, int received_i,
                                  int hooks_i, int shared_i);
/* The memory of the SharedArrayBuffers in arg i (an array of them), shared (*out: n stores,
 * malloc'd); -1 when it is not such an array, or out of memory. */
int shim_call_take_shared(shim_call *call, int i, shim_store ***out, size_t *n);
/* a constructor whose instances are host objects to the serializer (one internal field). */
int shim_call_return_platform_base(shim_call *call);

/* v8_serdes.cc: node:v8's Serializer / Deserializer, V8's ValueSerializer /
 * ValueDeserializer kept between calls (free with shim_serdes_free, on the isolate's thread
 * while it lives). A deserializer copies the bytes. NULL: out of memory. */
typedef struct shim_serdes shim_serdes;
shim_serdes *shim_serializer_new(shim_isolate *iso);
shim_serdes *shim_deserializer_new(shim_isolate *iso, const void *data, size_t len);
void shim_serdes_free(shim_serdes *s);
/* The method op of Node's Serializer / Deserializer on s: arg self_i is the JS object (its
 * _writeHostObject, _getDataCloneError, _getSharedArrayBufferId are the delegate's), its
 * arguments from arg first on. SHIM_DES_READ_VALUE's are how host objects are read (V8 10.2
 * runs no JS then: 0 V8's default, 1 Node's DefaultDeserializer views, 2 refused) and
 * Buffer.prototype. Sets the return value, or returns -1 with
 * an exception pending (also for an op of the other kind). */
enum {
  SHIM_SER_WRITE_HEADER, SHIM_SER_WRITE_VALUE, SHIM_SER_RELEASE, SHIM_SER_TRANSFER,
  SHIM_SER_UINT32, SHIM_SER_UINT64, SHIM_SER_DOUBLE, SHIM_SER_RAW, SHIM_SER_TREAT_VIEWS,
  SHIM_DES_READ_HEADER, SHIM_DES_READ_VALUE, SHIM_DES_TRANSFER, SHIM_DES_VERSION,
  SHIM_DES_UINT32, SHIM_DES_UINT64, SHIM_DES_DOUBLE, SHIM_DES_RAW
};
int shim_call_serdes(shim_call *call, shim_serdes *s, int op, int self_i, int first);

/* Renames function arg fn_i to string arg name_i (its name and toString); -1 if not those. */
int shim_call_set_function_name(shim_call *call, int fn_i, int name_i);

/* array_buffer.cc: ES2024 ArrayBuffer methods V8 10.2 lacks, on the call's receiver. Each
 * returns -1 with a JS exception pending, or sets the native's return value:
 * ArrayBuffer.prototype.transfer(newLength) (transferToFixedLength when fixed); */
int shim_call_return_array_buffer_transfer(shim_call *call, int fixed);
/* get ArrayBuffer.prototype.detached. */
int shim_call_return_array_buffer_detached(shim_call *call);
/* uint8_array.cc: for Uint8Array's base64/hex methods. The bytes of argument i (-1: the
 * receiver) when it is a Uint8Array: 0; -1 when it is not one; -2 when its buffer is detached.
 * *data is NULL when the array is empty. */
int shim_call_arg_uint8_array(shim_call *call, int i, void **data, size_t *len);
/* Argument i's code units as bytes, each above 0xFF as `above`: V8's own memory (an external
 * one-byte string), stack[0..stack_cap) when they fit, or malloc'd (*heap set: free it).
 * NULL when the argument is not a string, or out of memory. Valid until the native makes a
 * JS value. */
const unsigned char *shim_call_arg_string_bytes(shim_call *call, int i, size_t *len,
                                                unsigned char *stack, size_t stack_cap,
                                                void **heap, unsigned char above);
/* A new Uint8Array filled in place: memory for up to cap bytes from the isolate's ArrayBuffer
 * allocator, not zeroed (NULL: out of memory), then returned as a Uint8Array of its first len
 * bytes (taken over; a RangeError when too long), or given back with shim_call_bytes_free. */
void *shim_call_bytes_alloc(shim_call *call, size_t cap);
void shim_call_return_bytes_alloc(shim_call *call, void *data, size_t cap, size_t len);
void shim_call_bytes_free(shim_call *call, void *data, size_t cap);
/* serialize.cc. */
/* A new Uint8Array with the UTF-8 of String(arg i), lone surrogates as U+FFFD. */
int shim_call_return_utf8(shim_call *call, int i);
/* String(arg i) with each lone surrogate as U+FFFD (the same string when it has none). */
int shim_call_return_well_formed(shim_call *call, int i);
/* Whether String(arg i) holds no lone surrogate (true at once for a one-byte string). */
int shim_call_return_is_well_formed(shim_call *call, int i);
/* Writes the UTF-8 of String(arg i) into the view arg dst (whole characters only):
 * *read = UTF-16 code units consumed, *written = bytes. -1 if dst is not a view. */
int shim_call_utf8_into(shim_call *call, int i, int dst, double *read, double *written);
/* Node's Buffer: String(arg i)'s byte length in an encoding, and the string written into
 * out[0..cap) (UTF-8: whole characters, lone surrogates as U+FFFD; LATIN1: each unit's low
 * byte; UTF16: little-endian units). -1 if the conversion threw. */
enum { SHIM_STR_UTF8, SHIM_STR_LATIN1, SHIM_STR_UTF16 };
int shim_call_string_length(shim_call *call, int i, int kind, double *len);
int shim_call_string_write(shim_call *call, int i, int kind, void *out, size_t cap,
                           double *written);

/* ------------------------------------------------------------------ settling ops */

/* One settled async op for shim_settle_batch. */
typedef struct shim_settlement {
  uint32_t id;
  int kind; /* SHIM_SETTLE_* */
  double number;
  const void *bytes;
  size_t len;
  /* BUFFER: when set, `bytes` (malloc'd/mimalloc'd) becomes the Uint8Array's backing store
   * without a copy and is released with free_bytes(bytes) by V8 (any thread); ownership
   * passes to the shim even if settling fails. NULL: the bytes are copied. */
  void (*free_bytes)(void *bytes);
  /* errors: an Error of class name ("TypeError", "RangeError"; NULL: Error) */
  const char *code, *syscall, *path, *message, *name;
} shim_settlement;

enum {
  SHIM_SETTLE_UNDEFINED, SHIM_SETTLE_NUMBER, SHIM_SETTLE_BOOLEAN, SHIM_SETTLE_STRING,
  SHIM_SETTLE_BUFFER, SHIM_SETTLE_ERROR
};

/* A sync native's result as a settlement: returned, or thrown when it is an error (the same
 * value an async op's promise settles with). */
void shim_call_return_settlement(shim_call *call, const shim_settlement *s);

/* One call into JS for a batch: resolver(array) with array = [id, ok, value, id, ok, ...],
 * followed by a microtask checkpoint. */
int shim_settle_batch(shim_isolate *iso, const shim_global *resolver,
                      const shim_settlement *items, size_t n, shim_exception *exc);

/* ------------------------------------------------------------------ inspector (inspector.cc) */

/* V8's inspector: the Chrome DevTools Protocol for the isolate's context. Messages are UTF-8
 * JSON. Everything on the isolate's thread except shim_request_interrupt. */
typedef struct shim_inspector shim_inspector;
typedef struct shim_inspector_session shim_inspector_session;
typedef struct shim_inspector_host {
  void *data;
  /* V8 paused (breakpoint, step, `debugger`): dispatch messages until quit_paused is called
   * (from inside one of those dispatches), then return: execution goes on. */
  void (*run_paused)(void *data);
  void (*quit_paused)(void *data);
  /* A session sent Runtime.runIfWaitingForDebugger. */
  void (*run_if_waiting)(void *data);
} shim_inspector_host;

/* The inspector, with the context announced under context_name. NULL: out of memory. */
shim_inspector *shim_inspector_new(shim_isolate *iso, const char *context_name,
                                   const shim_inspector_host *host);
/* Disconnects the sessions left and frees it (before the isolate goes). */
void shim_inspector_free(shim_inspector *ins);
/* Runtime.exceptionThrown: an error the program did not catch (text as "Uncaught Error: x"
 * with its stack; url a path or a URL, line and column 1-based, 0 unknown). */
void shim_inspector_exception_thrown(shim_inspector *ins, const char *text, const char *url,
                                     int line, int column);
/* Runtime.executionContextDestroyed for the context (the program ended). */
void shim_inspector_context_destroyed(shim_inspector *ins);
/* A session: send(data, msg, len) receives its responses and notifications. */
shim_inspector_session *shim_inspector_connect(shim_inspector *ins,
                                               void (*send)(void *data, const char *msg,
                                                            size_t len),
                                               void *data);
void shim_inspector_dispatch(shim_inspector_session *s, const char *msg, size_t len);
/* Ends a session (inside its own dispatch: once that returns); send is not called again. */
void shim_inspector_disconnect(shim_inspector_session *s);
int shim_inspector_has_sessions(shim_inspector *ins);
/* The next JS function called pauses at its first statement (sessions with Debugger
 * enabled), with the reason given ("Break on start"). */
void shim_inspector_pause_on_next_call(shim_inspector *ins, const char *reason);
/* Each method of console that vm_console (V8's own console, which reports to the inspector)
 * also has becomes a native calling both: V8's, then console's. 0, or -1. */
int shim_inspector_wrap_console(shim_inspector *ins, const shim_global *console,
                                const shim_global *vm_console);

/* Any thread: i->fn(i->data) runs on the isolate's thread at the next point where running
 * JS can be interrupted (at once when JS runs; else when JS next runs). i must outlive the
 * isolate or the call. */
typedef struct shim_interrupt {
  void (*fn)(void *data);
  void *data;
} shim_interrupt;
void shim_request_interrupt(shim_isolate *iso, shim_interrupt *i);

#ifdef __cplusplus
}
#endif
#endif /* MRT_SHIM_H */
