/*
 * mrt.h: the public C API of libmrt, a minimal JavaScript runtime on V8.
 *
 * Shape (after deno_core's JsRuntime): create a runtime, execute scripts, load and evaluate
 * ES modules, poll or run the event loop, poll or resolve promises, register native
 * operations, control heap limits.
 *
 * Conventions
 *  - Every name has the prefix mrt_ (types, functions) or MRT_ (constants).
 *  - Functions that can fail return an int: 0 (MRT_OK) or a positive status where documented,
 *    a negative MRT_E* code on failure. After a failure, mrt_last_error(rt) describes it
 *    (name, message, stack, file, line, column); a call that reports through it clears it
 *    when it succeeds, except the getters of statistics (mrt_get_async_stats,
 *    mrt_get_heap_stats, mrt_get_startup_times, mrt_op_get_stats), which leave an earlier
 *    error to be read after them. mrt_strerror(code) names a code.
 *  - Bad arguments never crash: a NULL runtime or a NULL required pointer gives MRT_EINVAL
 *    (then nothing is recorded when the runtime itself is NULL); functions that return a
 *    handle or a string return NULL, mrt_value_to_number NaN, other getters their neutral
 *    value; void functions (free, flush, terminate, op accessors) do nothing.
 *  - A value handle belongs to the runtime that made it: any other runtime refuses it
 *    (MRT_EINVAL, or the neutral value where the function returns no code).
 *  - A runtime is single-threaded: call it only from the thread that created it (its owner).
 *    The exceptions are marked "any thread": mrt_terminate, mrt_op_complete_threadsafe,
 *    mrt_strerror, mrt_error_format, mrt_free, mrt_version, mrt_v8_version,
 *    mrt_options_init, mrt_runtime_new (it makes a runtime owned by the calling thread),
 *    mrt_backend_fd, and every mrt_handle_* function (see "threads and handles"). Other
 *    threads reach a runtime through its handle (mrt_runtime_get_handle): terminate, wake,
 *    post a C task to the owner, complete async ops and module loads. A thread-bound
 *    function called from another thread is refused without touching the runtime: it returns
 *    MRT_ESTATE (functions without a code: their neutral value; void ones do nothing), and
 *    the error is recorded for the calling thread, where mrt_last_error(NULL) (or
 *    mrt_last_error(rt), which on a thread other than rt's owner reads that thread's record)
 *    describes it. mrt_op_call accessors are valid only inside the op's callback, on the
 *    runtime's thread.
 *    Several runtimes may live in one process, one per thread.
 *  - Calls that drive the event loop (mrt_poll_event_loop, mrt_run_event_loop,
 *    mrt_poll_value of a pending promise, mrt_resolve_value, mrt_load_main_module,
 *    mrt_load_side_module) are refused with MRT_ESTATE from inside the same runtime's JS or
 *    callbacks (an op, a module loader, a heap-limit callback): the loop is running there.
 *  - mrt_value* is a strong handle to a JS value, owned by the caller until mrt_value_free()
 *    or until the handle scope it was made in closes (see mrt_scope_open; callbacks into
 *    embedder code run in a scope of their own). Handles still alive when their runtime is
 *    freed are released with it.
 *  - Strings cross the API as UTF-8 with an explicit length (NUL-terminated as well when the
 *    runtime allocated them). Memory the runtime hands out is freed with mrt_free().
 */
#ifndef MRT_H
#define MRT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define MRT_EXTERN __attribute__((visibility("default")))
#else
#define MRT_EXTERN
#endif

#define MRT_VERSION_MAJOR 0
#define MRT_VERSION_MINOR 1
#define MRT_VERSION_PATCH 0
#define MRT_VERSION_STRING "0.1.0"

/* ---------------------------------------------------------------- errors */

/* Negative codes, libuv style. */
#define MRT_ERRNO_MAP(X)                                                                  \
  X(EXCEPTION, -1, "uncaught JavaScript exception")                                     \
  X(INVAL, -2, "invalid argument")                                                       \
  X(NOMEM, -3, "out of memory")                                                          \
  X(HEAPLIMIT, -4, "heap limit exceeded")                                                \
  X(TERMINATED, -5, "execution terminated")                                              \
  X(MODULE, -6, "module could not be resolved, loaded or linked")                        \
  X(STALLED, -7, "promise will never settle: the event loop has no more work")           \
  X(IO, -8, "input/output error")                                                        \
  X(EXIST, -9, "already exists")                                                         \
  X(STATE, -10, "operation not valid in the runtime's current state")                    \
  X(V8INIT, -11, "V8 could not be initialised")                                          \
  X(UNHANDLED, -12, "unhandled promise rejection")                                       \
  X(NOTFOUND, -13, "not found")

enum {
  MRT_OK = 0,
#define MRT_ERRNO_ENUM(name, value, text) MRT_E##name = (value),
  MRT_ERRNO_MAP(MRT_ERRNO_ENUM)
#undef MRT_ERRNO_ENUM
};

/* A short description of a code returned by this API ("unknown error" for others). */
MRT_EXTERN const char *mrt_strerror(int code);

/* The last error of a runtime. Fields may be NULL (strings) or 0 (line, column) when not
 * known; file, line and column name where the error was thrown (for a rejection: where its
 * Error was made). Valid until the next call on the same runtime that reports errors: the
 * next failure replaces it and a success clears it (code 0). */
typedef struct mrt_error {
  int code;                /* the MRT_E* code the failing call returned */
  const char *name;        /* "TypeError", "SyntaxError", ... or NULL for non-errors */
  const char *message;     /* the error's message, or String(thrown value) */
  const char *stack;       /* the JS stack ("TypeError: x\n    at f (file:1:2)") or NULL */
  const char *file;        /* resource name of the script or module URL where it was thrown */
  int line;                /* 1-based */
  int column;              /* 1-based */
  const char *source_line; /* the text of that line, without its newline */
  /* An error with more to show than its stack (own properties, a `cause` chain): the error
   * as console.log shows it (Node's util.inspect); else NULL. */
  const char *inspected;
} mrt_error;

typedef struct mrt_runtime mrt_runtime;
typedef struct mrt_value mrt_value;
/* One call of an op (or of a C function made with mrt_function): see "ops" below. */
typedef struct mrt_op_call mrt_op_call;
typedef void (*mrt_op_fn)(mrt_op_call *call);

/* rt NULL: why the last mrt_runtime_new on this thread failed (code 0 if it did not), or why
 * this thread's last call to a runtime it does not own was refused (MRT_ESTATE). Any thread;
 * on a thread other than rt's owner, mrt_last_error(rt) is that same per-thread record. */
MRT_EXTERN const mrt_error *mrt_last_error(mrt_runtime *rt);

/* Writes the error the way the mrt command reports uncaught errors:
 * "file:line:column\nsource line\n   ^\n\nUncaught TypeError: message\n    at ..." (the
 * source line windowed to about 80 columns around the caret; then `inspected` when set, the
 * stack otherwise) into a malloc'd string (free with mrt_free). NULL for a NULL err. */
MRT_EXTERN char *mrt_error_format(const mrt_error *err);

MRT_EXTERN void mrt_free(void *ptr);

/* ---------------------------------------------------------------- versions */

MRT_EXTERN const char *mrt_version(void);    /* "0.1.0" */
MRT_EXTERN const char *mrt_v8_version(void); /* "10.2.154.26-node.x" */

/* ---------------------------------------------------------------- runtime */

typedef struct mrt_module_loader mrt_module_loader;
typedef struct mrt_extension mrt_extension;

/* The smallest max_heap_mb accepted: V8 needs about 5 MiB to start from the snapshot. */
#define MRT_MIN_HEAP_MB 8

typedef struct mrt_options {
  /* Maximum size of the V8 heap in MiB, at least MRT_MIN_HEAP_MB; 0 lets V8 choose from the
   * machine's memory. */
  size_t max_heap_mb;
  /* Initial old-generation size in MiB, at most max_heap_mb; 0 for V8's default. */
  size_t initial_heap_mb;
  /* Maximum young-generation (semi-space) size in MiB; 0 for V8's default. */
  size_t max_young_mb;
  /* V8 flags, as on d8's command line ("--no-opt --stack-size=2000"). They apply to the
   * whole process and are taken from the first runtime created. An unknown flag or a bad
   * value fails the creation with MRT_EINVAL (mrt_last_error(NULL) names it). */
  const char *v8_flags;
  /* Arguments the script sees as mrt.args (not copied: must outlive the runtime). */
  int argc;
  char **argv;
  /* Module loader; NULL selects the file-system loader. */
  const mrt_module_loader *loader;
  void *loader_data;
  /* MRT_RUNTIME_* flags. */
  unsigned flags;
  /* Directory of the V8 code cache for scripts (mrt_execute_script) and modules (static and
   * dynamic imports), or NULL for none (then the runtime never touches the file system for
   * it). Copied. An entry is keyed by a hash of the source, its resource name or URL, and V8's
   * version and flags (CachedDataVersionTag); it is written after the code has run (so the
   * functions that ran are in it), atomically (a temporary file, then rename), with a checked
   * header: a corrupt, truncated or stale entry is ignored and rewritten. The directory is
   * created when missing (mkdir -p); when it cannot be read or written the runtime works
   * without the cache, silently (mrt_startup_times.cache_error says why). */
  const char *cache_dir;
  /* Extensions of the embedder (see mrt_extension), set up in this order after the
   * built-in ones (console, timers, encoding, fs, tcp, bench; none with MRT_RUNTIME_BARE).
   * Not copied: the array and everything it points to must outlive the runtime. */
  const mrt_extension *extensions;
  size_t nextensions;
  /* A startup snapshot made by mrt_snapshot_create, or NULL for the built-in one. Not
   * copied: must outlive every runtime made from it. The runtime starts with the JS state
   * the snapshot's setup left; the options' extensions must be the ones it was made with,
   * same names in the same order, and mrt the same version (else MRT_EINVAL, described by
   * mrt_last_error(NULL)), as must MRT_RUNTIME_BARE. */
  const void *snapshot;
  size_t snapshot_len;
  /* Console capture: when set, every write the runtime makes to stdout (fd 1) or stderr
   * (fd 2) from JS (console.*, runtime warnings) goes to
   * write(write_data, fd, bytes, len) instead of the fd. Stdout stays buffered as without it:
   * the callback receives it in chunks (when the buffer fills, before any stderr write so
   * the order is kept, when the loop is about to wait, and on mrt_flush and
   * mrt_runtime_free). bytes are valid during the call only. Runtime's thread; it must not
   * call into the runtime. NULL: the file descriptors. */
  void (*write)(void *data, int fd, const char *bytes, size_t len);
  void *write_data;
  /* An import map, as JSON text (the HTML standard's "imports" and "scopes": exact keys and
   * prefix keys ending in "/", the most specific scope first), applied to every specifier
   * (static imports, import(), import.meta.resolve) before the loader resolves it; what it
   * does not map goes to the loader as written. Read at creation (not kept). Text that is
   * not JSON or not of the standard's shape fails the creation with MRT_EINVAL; an invalid
   * entry is dropped with a warning on stderr (or the write capture), and a specifier that
   * only such an entry matches fails to resolve, as the standard says. NULL: none. */
  const char *import_map;
  /* The URL the import map's addresses and scopes resolve against (its file's URL, say), or
   * a file path (its file: URL is used); NULL: the current directory. */
  const char *import_map_url;
  /* The sandbox (Deno's permissions), or NULL for none: every file, environment, network
   * and child-process op is allowed, as in Node. Set, every such op is checked in C against
   * the grants before it does anything, and a refused one throws an Error named
   * "NotCapable" ('Requires read access to "/etc/shadow", run again with the --allow-read
   * flag'). The grants, one a line: "read", "write", "net", "env", "run", "ffi" (all of that
   * kind), "kind=value" (read=/srv/data, write=/tmp, net=example.com:443, net=localhost,
   * env=HOME, run=/usr/bin/ls), or "all". "" grants nothing (mrt --sandbox). Paths are
   * canonicalised (symlinks resolved) at creation; module files count as reads (the loader
   * of opts.loader, when set, is the embedder's business). Parsed at creation (not kept);
   * a bad line fails it with MRT_EINVAL. Workers inherit the grants in force. */
  const char *permissions;
} mrt_options;

/* Don't install the host API (console, timers, mrt.*): a bare ECMAScript global. */
#define MRT_RUNTIME_BARE 0x1u
/* Stack traces and error reports of JavaScript files that carry a `//# sourceMappingURL=`
 * comment (an inline data: URL or a file) point at the original sources (Node's
 * --enable-source-maps). TypeScript the runtime transformed is always mapped. */
#define MRT_RUNTIME_SOURCE_MAPS 0x2u

/* Zeroes *opts (the defaults). NULL: nothing. */
MRT_EXTERN void mrt_options_init(mrt_options *opts);

/* Creates a runtime on the calling thread. opts may be NULL for defaults. Options out of
 * range (heap sizes, a loader without resolve or load, argc > 0 with NULL argv) give
 * MRT_EINVAL, described by mrt_last_error(NULL); so does a NULL out. */
MRT_EXTERN int mrt_runtime_new(const mrt_options *opts, mrt_runtime **out);
/* Destroys a runtime, its pending work and every value handle still alive. NULL: nothing.
 * Called from inside the runtime's own JS or callbacks, or from another thread, it does
 * nothing (the runtime is in use). First the runtime's handle is closed (calls through it
 * from then on are dropped; calls already inside finish first), then the cancel hook of each
 * async op call still in flight runs (mrt_op_decl.cancel), then tasks still queued are
 * called with MRT_ESTATE (mrt_handle_post). Async ops of the embedder without a cancel hook
 * still in flight may be completed afterwards with mrt_op_complete_threadsafe, from any
 * thread: the completion is dropped (MRT_ESTATE) and never touches freed memory; the
 * runtime's memory (a small shell) stays allocated until the last of them has come (an op
 * never completed keeps it, a small leak). Other calls after free are not allowed, except
 * through a handle. */
MRT_EXTERN void mrt_runtime_free(mrt_runtime *rt);

/* Embedder data slot (NULL runtime: set does nothing, get returns NULL). */
MRT_EXTERN void mrt_set_user_data(mrt_runtime *rt, void *data);
MRT_EXTERN void *mrt_get_user_data(mrt_runtime *rt);

/* Compiles and runs a classic script. name is its resource name (shown in stack traces;
 * NULL: "<script>"). On success *result (if result is non-NULL) receives the completion
 * value. Microtasks are not run: poll or run the event loop for that. */
MRT_EXTERN int mrt_execute_script(mrt_runtime *rt, const char *name, const char *source,
                                  size_t len, mrt_value **result);

/* Flushes buffered console output (it is also flushed by mrt_runtime_free and before an
 * error report). NULL: nothing. */
MRT_EXTERN void mrt_flush(mrt_runtime *rt);

/* Exit code requested by mrt.exit(code), or -1 if none (MRT_EINVAL for a NULL runtime).
 * When JS calls mrt.exit(), execution is terminated and the running call returns
 * MRT_ETERMINATED. */
MRT_EXTERN int mrt_exit_code(mrt_runtime *rt);

/* ---------------------------------------------------------------- values */

typedef enum mrt_type {
  MRT_TYPE_UNDEFINED,
  MRT_TYPE_NULL,
  MRT_TYPE_BOOLEAN,
  MRT_TYPE_NUMBER,
  MRT_TYPE_BIGINT,
  MRT_TYPE_STRING,
  MRT_TYPE_SYMBOL,
  MRT_TYPE_FUNCTION,
  MRT_TYPE_ARRAY,
  MRT_TYPE_PROMISE,
  MRT_TYPE_ERROR,
  MRT_TYPE_ARRAYBUFFER,
  MRT_TYPE_TYPEDARRAY,
  MRT_TYPE_OBJECT /* any other object */
} mrt_type;

/* MRT_TYPE_UNDEFINED for NULL or another runtime's handle. */
MRT_EXTERN mrt_type mrt_value_type(mrt_runtime *rt, const mrt_value *v);
/* A new handle to the same value; NULL for NULL or another runtime's handle. */
MRT_EXTERN mrt_value *mrt_value_dup(mrt_runtime *rt, const mrt_value *v);
/* Releases a handle. NULL, or another runtime's handle: nothing (its owner frees it). */
MRT_EXTERN void mrt_value_free(mrt_runtime *rt, mrt_value *v);

MRT_EXTERN mrt_value *mrt_undefined(mrt_runtime *rt);
MRT_EXTERN mrt_value *mrt_null(mrt_runtime *rt);
MRT_EXTERN mrt_value *mrt_boolean(mrt_runtime *rt, int b);
MRT_EXTERN mrt_value *mrt_number(mrt_runtime *rt, double d);
/* NULL if the bytes are too long for a V8 string, or utf8 is NULL with len > 0 (MRT_EINVAL);
 * NULL with len 0 is "". */
MRT_EXTERN mrt_value *mrt_string(mrt_runtime *rt, const char *utf8, size_t len);
MRT_EXTERN mrt_value *mrt_object(mrt_runtime *rt);
/* The global object. */
MRT_EXTERN mrt_value *mrt_global(mrt_runtime *rt);

/* Number(v); NaN for NULL or another runtime's handle. */
MRT_EXTERN double mrt_value_to_number(mrt_runtime *rt, const mrt_value *v);
/* Boolean(v); 0 for NULL or another runtime's handle. */
MRT_EXTERN int mrt_value_to_boolean(mrt_runtime *rt, const mrt_value *v);
/* String(v) as UTF-8 (malloc'd, NUL-terminated; free with mrt_free). NULL if conversion
 * threw, or v is NULL or another runtime's (then mrt_last_error). len may be NULL. */
MRT_EXTERN char *mrt_value_to_string(mrt_runtime *rt, const mrt_value *v, size_t *len);
/* JSON.stringify(v), same ownership as above; "undefined" values give NULL with MRT_OK. */
MRT_EXTERN char *mrt_value_to_json(mrt_runtime *rt, const mrt_value *v, size_t *len);

/* obj[key]. obj, key and out are required (MRT_EINVAL). */
MRT_EXTERN int mrt_get(mrt_runtime *rt, const mrt_value *obj, const char *key,
                       mrt_value **out);
/* obj[key] = val (val NULL: undefined). obj and key are required (MRT_EINVAL). */
MRT_EXTERN int mrt_set(mrt_runtime *rt, const mrt_value *obj, const char *key,
                       const mrt_value *val);
/* Calls fn with this = recv (NULL for undefined). argv holds argc handles (NULL entries are
 * undefined; argv may be NULL when argc is 0); out may be NULL. */
MRT_EXTERN int mrt_call(mrt_runtime *rt, const mrt_value *fn, const mrt_value *recv, int argc,
                        mrt_value *const *argv, mrt_value **out);

/* ---------------------------------------------------------------- more values */

/* Constructors below return a new handle, or NULL: for a NULL runtime, and with
 * mrt_last_error set for bad arguments (MRT_EINVAL) or no memory (MRT_ENOMEM). Functions
 * returning int give MRT_OK or a negative code: MRT_EINVAL for NULL required arguments, a
 * handle of another runtime, or a value of the wrong type (the error names it); MRT_EEXCEPTION
 * (or MRT_ETERMINATED, MRT_EHEAPLIMIT) when JS code they run throws (a getter, a proxy trap).
 * Success clears the last error. Out pointers are set to NULL (0) on failure. */

/* A new array of length holes (at most 2^31 - 1). */
MRT_EXTERN mrt_value *mrt_array(mrt_runtime *rt, uint32_t length);
/* arr.length of an array (MRT_EINVAL for other values). len is required. */
MRT_EXTERN int mrt_array_length(mrt_runtime *rt, const mrt_value *arr, uint32_t *len);
/* obj[index] and obj[index] = val on any object (arrays, typed arrays, ...); val NULL sets
 * undefined. obj and out are required. */
MRT_EXTERN int mrt_get_index(mrt_runtime *rt, const mrt_value *obj, uint32_t index,
                             mrt_value **out);
MRT_EXTERN int mrt_set_index(mrt_runtime *rt, const mrt_value *obj, uint32_t index,
                             const mrt_value *val);
/* Object.keys(obj): an array of its own enumerable string keys. obj and out are required. */
MRT_EXTERN int mrt_object_keys(mrt_runtime *rt, const mrt_value *obj, mrt_value **out);
/* JSON.parse of len bytes of UTF-8 (json NULL only with len 0, which is a SyntaxError as in
 * JS). MRT_EEXCEPTION with the SyntaxError in mrt_last_error for bad JSON. out is required.
 * (JSON.stringify: mrt_value_to_json.) */
MRT_EXTERN int mrt_json_parse(mrt_runtime *rt, const char *json, size_t len, mrt_value **out);

/* BigInts. to_*: the value modulo 2^64 (as BigInt.asIntN/asUintN(64)); *lossless (may be
 * NULL) tells whether that is exact. MRT_EINVAL for a value that is not a BigInt. */
MRT_EXTERN mrt_value *mrt_bigint_from_int64(mrt_runtime *rt, int64_t v);
MRT_EXTERN mrt_value *mrt_bigint_from_uint64(mrt_runtime *rt, uint64_t v);
MRT_EXTERN int mrt_bigint_to_int64(mrt_runtime *rt, const mrt_value *v, int64_t *out,
                                   int *lossless);
MRT_EXTERN int mrt_bigint_to_uint64(mrt_runtime *rt, const mrt_value *v, uint64_t *out,
                                    int *lossless);

/* A new ArrayBuffer of len bytes: a copy of bytes, or zeroes when bytes is NULL. *data (may
 * be NULL) receives its memory (see mrt_buffer_data for how long it stays valid). */
MRT_EXTERN mrt_value *mrt_array_buffer(mrt_runtime *rt, const void *bytes, size_t len,
                                       void **data);

typedef enum mrt_typed_array_type {
  MRT_INT8_ARRAY,
  MRT_UINT8_ARRAY,
  MRT_UINT8_CLAMPED_ARRAY,
  MRT_INT16_ARRAY,
  MRT_UINT16_ARRAY,
  MRT_INT32_ARRAY,
  MRT_UINT32_ARRAY,
  MRT_FLOAT32_ARRAY,
  MRT_FLOAT64_ARRAY,
  MRT_BIGINT64_ARRAY,
  MRT_BIGUINT64_ARRAY
} mrt_typed_array_type;

/* A typed array of length elements over buffer (an ArrayBuffer) from byte_offset. MRT_EINVAL
 * (RangeError) when it does not fit in the buffer or byte_offset is not a multiple of the
 * element size; (TypeError) for an unknown type or a buffer that is not an ArrayBuffer. */
MRT_EXTERN mrt_value *mrt_typed_array(mrt_runtime *rt, mrt_typed_array_type type,
                                      const mrt_value *buffer, size_t byte_offset,
                                      size_t length);
/* A typed array's type, length in elements, byte offset and buffer (a new handle); each out
 * may be NULL. MRT_EINVAL for other values. */
MRT_EXTERN int mrt_typed_array_info(mrt_runtime *rt, const mrt_value *v,
                                    mrt_typed_array_type *type, size_t *length,
                                    size_t *byte_offset, mrt_value **buffer);
/* The bytes of an ArrayBuffer, SharedArrayBuffer, typed array or DataView, outside ops
 * (data and len are required; a detached buffer gives NULL and 0). The pointer stays valid
 * while the buffer is alive and attached: JS may detach it (transfer, structuredClone),
 * which frees the memory, so do not keep it across calls that run JS. MRT_EINVAL for other
 * values. */
MRT_EXTERN int mrt_buffer_data(mrt_runtime *rt, const mrt_value *v, void **data, size_t *len);

/* A JS function that calls fn. Inside fn the op accessors work (mrt_op_argc, mrt_op_arg_*,
 * mrt_op_return_*, mrt_op_throw; mrt_op_data returns data, mrt_op_runtime the runtime,
 * mrt_op_async_id 0); it runs on the runtime's thread in a handle scope of its own (see
 * mrt_scope_open). name (may be NULL) becomes its .name; it cannot be called with `new`.
 * data is not owned: it must stay valid while the function may be called (until the
 * runtime is freed when JS may keep the function). V8 cannot write such a function into a
 * startup snapshot: inside mrt_snapshot_create it is refused (NULL, MRT_ESTATE); make it in
 * the runtimes started from the snapshot. fn is required (MRT_EINVAL). */
MRT_EXTERN mrt_value *mrt_function(mrt_runtime *rt, const char *name, mrt_op_fn fn, void *data);
/* (Calling a JS function from C: mrt_call.) */

/* A new pending promise that C settles: JS sees an ordinary promise. Settle it once with
 * mrt_promise_resolve (value NULL: undefined; a thenable is followed) or mrt_promise_reject
 * (an unhandled rejection is reported as for any promise). The reactions run at the next
 * microtask checkpoint (a loop turn). Keep the loop referenced (mrt_ref) while C will settle
 * it later, or the loop may end first (mrt_poll_value and mrt_resolve_value then say
 * MRT_ESTALLED). Settling: MRT_EINVAL when promise is not one made by mrt_promise_new (a
 * promise from JS cannot be settled from C), MRT_ESTATE when it was settled already. */
MRT_EXTERN mrt_value *mrt_promise_new(mrt_runtime *rt);
MRT_EXTERN int mrt_promise_resolve(mrt_runtime *rt, const mrt_value *promise,
                                   const mrt_value *value);
MRT_EXTERN int mrt_promise_reject(mrt_runtime *rt, const mrt_value *promise,
                                  const mrt_value *reason);

/* ---------------------------------------------------------------- V8 escape hatch */

/* For C++ embedders that use V8's API directly (the V8 headers of the same version,
 * mrt_v8_version()): the runtime's v8::Isolate * and a pointer to its
 * v8::Global<v8::Context> (owned by the runtime). NULL for a NULL runtime. Use them on the
 * runtime's thread, not from inside a call that is running JS unless from a callback, with
 * your own scopes:
 *   v8::Isolate *isolate = static_cast<v8::Isolate *>(mrt_v8_isolate(rt));
 *   v8::Isolate::Scope is(isolate);
 *   v8::HandleScope hs(isolate);
 *   v8::Local<v8::Context> ctx =
 *       static_cast<v8::Global<v8::Context> *>(mrt_v8_context(rt))->Get(isolate);
 *   v8::Context::Scope cs(ctx);
 * The runtime's own invariants (its event loop, its handles) are not checked there: values
 * made with V8 directly are not mrt_value handles. */
MRT_EXTERN void *mrt_v8_isolate(mrt_runtime *rt);
MRT_EXTERN void *mrt_v8_context(mrt_runtime *rt);

/* ---------------------------------------------------------------- handle scopes */

/* Handle scopes release handles in groups. Every handle made while a scope is open (by any
 * call that hands out a new mrt_value *) belongs to the innermost open scope and is released
 * when that scope closes, unless it was freed before or escaped; using it afterwards is a
 * use after free. Without an open scope, handles live until mrt_value_free or
 * mrt_runtime_free. Scopes nest.
 *
 * Each callback the runtime makes into embedder code runs in an implicit scope of its own,
 * closed when the callback returns: an op's function (mrt_register_op), a C function made
 * with mrt_function, a module loader's resolve and load, the near-heap-limit callback, a
 * task posted through the runtime's handle (mrt_handle_post). Not an extension's state
 * init or free (what they make is theirs until they free it).
 * A handle such a callback keeps for later must be escaped with mrt_scope_escape (it then
 * belongs to the scope that was open when the runtime called into JS, or lives until freed
 * if none was). Scopes a callback opens and leaves open close with its implicit scope.
 * Runtime's thread only. */

/* Opens a scope. MRT_ENOMEM if its record cannot be allocated (nothing opened). */
MRT_EXTERN int mrt_scope_open(mrt_runtime *rt);
/* Closes the innermost scope opened with mrt_scope_open, releasing its handles. MRT_ESTATE
 * when there is none (inside a callback: none opened by that callback; the callback's
 * implicit scope is closed by the runtime). */
MRT_EXTERN int mrt_scope_close(mrt_runtime *rt);
/* Moves v out of the scope it belongs to into the scope around that one (V8's
 * EscapableHandleScope::Escape); v stays the same handle. A handle made outside every scope
 * is left as is (MRT_OK). MRT_EINVAL for NULL or another runtime's handle. */
MRT_EXTERN int mrt_scope_escape(mrt_runtime *rt, mrt_value *v);

/* ---------------------------------------------------------------- event loop */

/* Status values of the polling calls (non-negative). */
enum {
  MRT_READY = 0,   /* nothing is pending: the loop is done */
  MRT_PENDING = 1  /* work is pending (timers, I/O, ops, module loads) */
};

/* One non-blocking turn: runs due timers, ready completions, immediates, each followed by a
 * microtask checkpoint. Returns MRT_READY, MRT_PENDING, or a negative error (an uncaught
 * exception in a callback, an unhandled rejection: see mrt_last_error). An error raised by
 * any of them ends the turn at once. MRT_ESTATE from inside the runtime's JS or callbacks. */
MRT_EXTERN int mrt_poll_event_loop(mrt_runtime *rt);
/* Drives the loop until nothing is pending, blocking while waiting. MRT_OK or an error (the
 * first error ends the run, whatever is still pending). MRT_ESTATE from inside the
 * runtime's JS or callbacks. */
MRT_EXTERN int mrt_run_event_loop(mrt_runtime *rt);

/* For embedders with their own poll loop: a file descriptor that becomes readable when the
 * runtime has work (any thread: it is fixed for the runtime's life), and the time in ms until
 * its next timer (-1: nothing is pending, wait on the fd alone; 0: poll now). Both give
 * MRT_EINVAL for a NULL runtime. */
MRT_EXTERN int mrt_backend_fd(mrt_runtime *rt);
MRT_EXTERN int mrt_backend_timeout(mrt_runtime *rt);

enum {
  MRT_PROMISE_PENDING = 0,
  MRT_PROMISE_FULFILLED = 1,
  MRT_PROMISE_REJECTED = 2
};

/* The state of a promise after at most one loop turn (taken only while it is pending).
 * MRT_PROMISE_FULFILLED: *result is its value. MRT_PROMISE_REJECTED: *result is the reason,
 * and mrt_last_error describes it (code MRT_EEXCEPTION, with the file and line where it was
 * made); the promise counts as handled. MRT_PROMISE_PENDING: the loop still has work that
 * may settle it. MRT_ESTALLED: still pending after the turn and the loop has no work left,
 * so it would never settle (keep the loop referenced with mrt_ref while C code holds
 * a resolver it will settle later). A value that is not a promise is returned as fulfilled
 * with itself. value is required and must be this runtime's (MRT_EINVAL); result may be
 * NULL. A negative code for an error of the loop turn (as mrt_poll_event_loop), MRT_ESTATE
 * for a pending promise from inside the runtime's JS or callbacks. */
MRT_EXTERN int mrt_poll_value(mrt_runtime *rt, const mrt_value *value, mrt_value **result);
/* Drives the loop until the promise settles. MRT_OK with its value, MRT_EEXCEPTION when it
 * rejects (mrt_last_error holds the reason, with the file and line where it was made),
 * MRT_ESTALLED when the loop ran out of work with the promise still pending. value as for
 * mrt_poll_value; MRT_ESTATE from inside the runtime's JS or callbacks. */
MRT_EXTERN int mrt_resolve_value(mrt_runtime *rt, const mrt_value *value, mrt_value **result);

/* ---------------------------------------------------------------- modules */

typedef struct mrt_load_request mrt_load_request;

/* An embedder's module loader. Both callbacks run on the runtime's thread.
 * resolve: specifier as written, referrer URL (NULL for the main module) -> malloc'd URL in
 *   *out (freed by the runtime with free()), or a negative code with a malloc'd message in
 *   *out (may be NULL); the runtime reports "<message> imported from <referrer>".
 *   The module map is keyed by the resolved URL: each URL is loaded and instantiated once.
 *   A URL whose path ends in ".json" is a JSON module (it needs `assert { type: 'json' }`).
 * load: the source of a resolved URL. Complete the request with mrt_load_complete or
 *   mrt_load_fail, either before returning (synchronous) or later on the runtime's thread
 *   while the event loop runs (asynchronous; keep the loop referenced with mrt_ref, or the
 *   load call fails with MRT_ESTALLED). Each request is completed exactly once; requests
 *   still out when the runtime is freed must not be completed. */
struct mrt_module_loader {
  int (*resolve)(void *data, const char *specifier, const char *referrer, char **out);
  void (*load)(void *data, const char *url, mrt_load_request *req);
};

/* The source is copied. req NULL: nothing; source NULL with len > 0 fails the load. */
MRT_EXTERN void mrt_load_complete(mrt_load_request *req, const char *source, size_t len);
/* message NULL means "not found" ("Cannot find module './x.js' imported from <url>");
 * otherwise "Cannot load module './x.js' imported from <url>: <message>". */
MRT_EXTERN void mrt_load_fail(mrt_load_request *req, const char *message);

/* The largest script or module source the file-system loader (and the mrt command) reads, in
 * bytes; larger files are refused, as are files that are not regular (FIFOs, devices). */
#define MRT_MAX_SOURCE_BYTES ((size_t)512 << 20)

/* The built-in loaders. The main module may be a path (absolute or relative to the current
 * directory) or a URL.
 * The file-system loader resolves as Node 20 does for `import`: relative and file: URLs
 * (which must exist: no extension probing, a directory is an error), bare specifiers from
 * node_modules upwards with package.json "exports" and "imports" (conditions "mrt",
 * "import", "node", "default"), self-reference, "main" when there are no exports, and Node's
 * built-in module names ("fs", "node:fs") to the URL "node:<name>"; results are real paths
 * (symlinks resolved). Errors carry Node's codes and messages ("Cannot find package 'x'
 * imported from /app/main.js", ERR_MODULE_NOT_FOUND). It is the runtime that resolves for it
 * (with a per-runtime cache), not its resolve callback, which keeps the rules below. It loads
 * file: URLs of regular files only, up to MRT_MAX_SOURCE_BYTES.
 * The in-memory loader resolves "./", "../" and "/" specifiers against the referrer, takes
 * absolute URLs as they are and refuses bare specifiers ("Relative import path "x" not
 * prefixed with / or ./ or ../"). */
MRT_EXTERN const mrt_module_loader *mrt_fs_loader(void);
/* In-memory map: data is a NULL-terminated array of {url, source} pairs (const char *[2]),
 * which must outlive the runtime. Relative specifiers resolve against the referrer's URL. */
MRT_EXTERN const mrt_module_loader *mrt_memory_loader(void);

/* Loads (resolves, fetches, instantiates) the main module and its static graph. source may
 * be NULL to fetch it through the loader. Only one main module per runtime (a second one:
 * MRT_EEXIST). *id receives the module id. The call drives the event loop until the graph is
 * fetched (asynchronous loaders complete while it runs); MRT_ESTALLED if the loop runs out
 * of work first. Resolution, fetch, syntax and link errors: MRT_EMODULE, with the error's
 * file:line:column pointing at the import or the syntax error. import.meta.main is true in
 * the main module only. specifier is required (MRT_EINVAL); id may be NULL. MRT_ESTATE from
 * inside the runtime's JS or callbacks (loading drives the loop). */
MRT_EXTERN int mrt_load_main_module(mrt_runtime *rt, const char *specifier, const char *source,
                                    size_t len, int *id);
MRT_EXTERN int mrt_load_side_module(mrt_runtime *rt, const char *specifier, const char *source,
                                    size_t len, int *id);
/* Node's CommonJS (the node extension). What Node makes of a program's main file: .mjs is an
 * ES module, .cjs CommonJS, a .js file follows the nearest package.json "type" and otherwise
 * (as any other file, or code with no path: path NULL) is an ES module when its source uses
 * module syntax, else CommonJS. */
enum { MRT_MAIN_COMMONJS = 0, MRT_MAIN_ESM = 1 };
MRT_EXTERN int mrt_main_format(mrt_runtime *rt, const char *path, const char *source, size_t len);
/* Runs source as the CommonJS main module of absolute path filename (require.main ===
 * module); its require() loads the CommonJS loader on first use. Errors as
 * mrt_execute_script's (a syntax error: MRT_EEXCEPTION with the file's line and column). */
MRT_EXTERN int mrt_run_commonjs_main(mrt_runtime *rt, const char *filename, const char *source,
                                     size_t len);
/* Evaluates a loaded module (MRT_EINVAL for an unknown id, MRT_ESTATE if not instantiated): *promise receives the evaluation promise (it settles as the loop
 * runs; top-level await is supported). The promise is the caller's: its rejection is never
 * reported as an unhandled rejection. One exception, Node's rule for the main module: when
 * the main module's evaluation rejects, nothing runs after the rejection (no later microtask
 * or macrotask) and the loop call that is running returns MRT_EEXCEPTION with the reason. */
MRT_EXTERN int mrt_mod_evaluate(mrt_runtime *rt, int id, mrt_value **promise);
/* The module's namespace object (after evaluation started); out is required. */
MRT_EXTERN int mrt_module_namespace(mrt_runtime *rt, int id, mrt_value **out);

/* ---------------------------------------------------------------- ops */

/* One call of an op from JS: its arguments and its result. Valid only during the callback.
 * The accessors below take NULL for the call (they do nothing or return the neutral value:
 * NULL, 0, NaN, MRT_TYPE_UNDEFINED); an argument index out of range reads as undefined. */
/* (mrt_op_call and mrt_op_fn are declared with the runtime types above.) */

/* Types of a fast-path signature (V8 Fast API calls). */
typedef enum mrt_ctype {
  MRT_CTYPE_VOID,
  MRT_CTYPE_BOOL,
  MRT_CTYPE_INT32,
  MRT_CTYPE_UINT32,
  MRT_CTYPE_INT64,
  MRT_CTYPE_UINT64,
  MRT_CTYPE_FLOAT32,
  MRT_CTYPE_FLOAT64,
  MRT_CTYPE_UINT8_ARRAY /* argument only: passed as (const mrt_fast_buffer *) */
} mrt_ctype;

typedef struct mrt_fast_buffer {
  size_t length;
  void *data;
} mrt_fast_buffer;

#define MRT_OP_MAX_ARGS 8

typedef struct mrt_op_decl {
  const char *name; /* JS name under mrt.ops (an extension's: under "ext:core/ops") */
  mrt_op_fn fn;     /* the slow path, always required */
  void *data;       /* returned by mrt_op_data() */
  /* Async op: JS gets a promise; fn starts the work and the op is settled later with
   * mrt_op_complete*(id) where id = mrt_op_async_id(call). */
  int async;
  /* Optional fast path: a C function `ret f(void *receiver, args...)` with the types below,
   * called by optimised code when the arguments fit; fn stays the fallback. */
  const void *fast;
  mrt_ctype fast_ret;
  int fast_argc;
  mrt_ctype fast_args[MRT_OP_MAX_ARGS];
  /* Async op, optional: called by mrt_runtime_free, on the freeing thread, once for each call
   * of this op still in flight (its result not delivered yet), with decl.data and the call's
   * id: stop the work and release what the call holds. The call is over when it returns:
   * complete it afterwards (if at all) only through a handle (mrt_handle_complete: dropped
   * and counted), not through the runtime pointer, which may be freed. The hook must not
   * call the runtime, nor wait for a thread that completes through
   * mrt_op_complete_threadsafe. Calls of an op without the hook keep the runtime's shell
   * while they are out (see mrt_runtime_free). */
  void (*cancel)(void *data, uint32_t id);
} mrt_op_decl;

/* Registers an op; it appears in JS as mrt.ops[name]. Before or after code has run.
 * MRT_EINVAL: decl or its name or fn is NULL, or fast_argc is out of range; MRT_EEXIST: an
 * op of that name is registered already; MRT_ESTATE: the runtime is MRT_RUNTIME_BARE (it
 * has no mrt object to expose ops on). */
MRT_EXTERN int mrt_register_op(mrt_runtime *rt, const mrt_op_decl *decl);

MRT_EXTERN mrt_runtime *mrt_op_runtime(mrt_op_call *call);
MRT_EXTERN void *mrt_op_data(mrt_op_call *call);
MRT_EXTERN int mrt_op_argc(mrt_op_call *call);
MRT_EXTERN mrt_type mrt_op_arg_type(mrt_op_call *call, int i);
MRT_EXTERN double mrt_op_arg_number(mrt_op_call *call, int i);
MRT_EXTERN int mrt_op_arg_boolean(mrt_op_call *call, int i);
/* UTF-8 of String(arg); valid until the callback returns. */
MRT_EXTERN const char *mrt_op_arg_string(mrt_op_call *call, int i, size_t *len);
/* Bytes of an ArrayBuffer, typed array or DataView argument; MRT_EINVAL for others (and for
 * a NULL data or len). Valid until the callback returns: JS may detach (transfer) the buffer
 * afterwards, which frees the memory, so an async op copies what it needs. */
MRT_EXTERN int mrt_op_arg_buffer(mrt_op_call *call, int i, void **data, size_t *len);
/* A new handle (free with mrt_value_free). */
MRT_EXTERN mrt_value *mrt_op_arg_value(mrt_op_call *call, int i);

MRT_EXTERN void mrt_op_return_number(mrt_op_call *call, double d);
MRT_EXTERN void mrt_op_return_boolean(mrt_op_call *call, int b);
MRT_EXTERN void mrt_op_return_string(mrt_op_call *call, const char *utf8, size_t len);
/* v NULL, or another runtime's handle: returns undefined. */
MRT_EXTERN void mrt_op_return_value(mrt_op_call *call, const mrt_value *v);
/* Throws a JS Error with .code = code (e.g. "ENOENT"; may be NULL). For an async op it
 * rejects the call's promise at once: the call is over, a later completion is refused. */
MRT_EXTERN void mrt_op_throw(mrt_op_call *call, const char *code, const char *message);

/* Async ops. */
MRT_EXTERN uint32_t mrt_op_async_id(mrt_op_call *call);

typedef enum mrt_result_kind {
  MRT_RESULT_UNDEFINED,
  MRT_RESULT_NUMBER,
  MRT_RESULT_BOOLEAN,
  MRT_RESULT_STRING,  /* bytes are UTF-8 */
  MRT_RESULT_BUFFER,  /* bytes become a Uint8Array */
  MRT_RESULT_ERROR    /* rejects with an Error: code/syscall/path/message */
} mrt_result_kind;

typedef struct mrt_result {
  mrt_result_kind kind;
  double number; /* NUMBER, BOOLEAN (0/1) */
  /* STRING, BUFFER: bytes; ownership passes to the runtime, which releases them with
   * free_bytes (NULL: the runtime copies and the caller keeps them). */
  void *bytes;
  size_t len;
  void (*free_bytes)(void *bytes);
  /* ERROR: a libuv-style negative errno (mapped to code "ENOENT" etc.), or 0 with code. */
  int uv_errno;
  const char *code;    /* copied */
  const char *syscall; /* copied */
  const char *path;    /* copied */
  const char *message; /* copied; NULL derives it from uv_errno (Node's form, see below) */
  /* ERROR: the class, "TypeError" or "RangeError" (NULL: Error; any other name, e.g. the
   * sandbox's "NotCapable": an Error whose own `name` is that name). */
  const char *name;
} mrt_result;
/* An ERROR's message when none is given: "CODE: description, syscall 'path'" as Node's
 * ("ENOENT: no such file or directory, open 'x'"), each part only when known. */

/* Settles async op `id` on the runtime's thread. Results are delivered to JS in batches:
 * one call into JS resolves every ready op, then one microtask checkpoint. Each call in
 * flight takes exactly one result, the first: MRT_EINVAL (counted in
 * mrt_async_stats.rejected_completions, nothing settled) for an id that is not in flight
 * (never handed out, already delivered, or its op threw) or already completed. MRT_EINVAL
 * also for a NULL res or an invalid result (bad kind, NULL bytes with len > 0). After
 * mrt_runtime_free: see mrt_op_complete_threadsafe. */
MRT_EXTERN int mrt_op_complete(mrt_runtime *rt, uint32_t id, const mrt_result *res);
/* Any thread: posts the result through the loop's lock-free ring and wakes the loop
 * (MRT_OK: queued). The id is checked when the result is delivered, on the loop thread: a
 * result for an id not in flight, or a second result, is dropped there and counted in
 * rejected_completions. After mrt_runtime_free, completing an op that was still in flight
 * (and has no cancel hook) is safe: the result is dropped and MRT_ESTATE returned (see
 * mrt_runtime_free). Any other call after free is not: a thread that may outlive the
 * runtime completes through its handle instead (mrt_handle_complete, always safe). */
MRT_EXTERN int mrt_op_complete_threadsafe(mrt_runtime *rt, uint32_t id, const mrt_result *res);

/* A hold on the memory of an ArrayBuffer, typed array or DataView argument: while held, the
 * bytes stay allocated even when JS detaches (transfers) the buffer or collects it, so an
 * async op may use them after its call returns (e.g. read into them; tcp's reads do). As
 * mrt_op_arg_buffer, plus the hold (NULL: not a buffer, NULL call/data/len, out of memory).
 * Release it on the runtime's thread with mrt_buffer_release; holds still out at
 * mrt_runtime_free let go of their memory then (after the resources are closed), and a later
 * mrt_buffer_release only frees the hold itself. */
typedef struct mrt_buffer_hold mrt_buffer_hold;
MRT_EXTERN mrt_buffer_hold *mrt_op_arg_buffer_hold(mrt_op_call *call, int i, void **data,
                                                   size_t *len);
/* MRT_OK; MRT_EINVAL for NULL; MRT_ESTATE from a thread other than its runtime's (nothing is
 * released). */
MRT_EXTERN int mrt_buffer_release(mrt_buffer_hold *hold);

/* 1 when the call is an async op's (it has a promise, mrt_op_async_id), 0 for a sync op's
 * call and for NULL. One C function may serve both forms of an op (readFile, readFileSync). */
MRT_EXTERN int mrt_op_is_async(mrt_op_call *call);

/* Ends the call with the record an async op completes with, so that an op's sync and async
 * forms share their result code. For a sync op: UNDEFINED, NUMBER, BOOLEAN and STRING are
 * returned; BUFFER as a Uint8Array (with free_bytes the bytes become its memory without a
 * copy, and ownership passes to the runtime in every case, also on failure); ERROR is
 * thrown: an Error of class `name` with .code, and .syscall / .path when given (the message
 * as described at mrt_result). For an async op's call: the same as mrt_op_complete with its
 * id (an ERROR rejects its promise in the next batch). MRT_EINVAL: NULL call (nothing
 * happens) or a NULL or invalid res (a TypeError is thrown instead). Runtime's thread,
 * during the call. */
MRT_EXTERN int mrt_op_return_result(mrt_op_call *call, const mrt_result *res);

/* An async op keeps the loop alive from its call until its result is delivered. For other
 * work the loop can't see, mrt_ref keeps it alive until the matching mrt_unref. The two are
 * counted apart: an mrt_unref without a matching mrt_ref is refused with MRT_ESTATE (and
 * counted in rejected_unrefs), it never releases an op's hold. Runtime's thread only. */
MRT_EXTERN int mrt_ref(mrt_runtime *rt);
MRT_EXTERN int mrt_unref(mrt_runtime *rt);

/* The runtime's async accounting. */
typedef struct mrt_async_stats {
  uint64_t in_flight;            /* async op calls whose result is not delivered yet */
  uint64_t refs;                 /* mrt_ref calls not yet matched by mrt_unref */
  uint64_t rejected_completions; /* results refused: id not in flight, or a second result */
  uint64_t rejected_unrefs;      /* mrt_unref calls without a matching mrt_ref */
} mrt_async_stats;
MRT_EXTERN int mrt_get_async_stats(mrt_runtime *rt, mrt_async_stats *out);

typedef struct mrt_op_stats {
  uint64_t calls, completions, errors;
} mrt_op_stats;
/* Counts of the op named name (the embedder's op before a built-in one of the same name).
 * name and out are required (MRT_EINVAL); MRT_ENOTFOUND for an unknown name. */
MRT_EXTERN int mrt_op_get_stats(mrt_runtime *rt, const char *name, mrt_op_stats *out);

/* ---------------------------------------------------------------- extensions */

/* One ES module of an extension: importable as "ext:<extension name>/<file>" (e.g.
 * "ext:kv/kv.js") from any module or import(); the source is not copied. */
typedef struct mrt_ext_module {
  const char *file;   /* "kv.js": the specifier's part after "ext:<name>/" */
  const char *source; /* UTF-8 */
  size_t len;
} mrt_ext_module;

/* An extension (deno_core's Extension): ops, JS and native state as one unit, set up with
 * the runtime (mrt_options.extensions) and torn down with it.
 *
 * Ops are not on any global. An extension's JS reaches them the way deno_core's does:
 *  - ES modules import them by name from the module "ext:core/ops", which exports the ops of
 *    every extension of the runtime (`import { op_kv_get } from "ext:core/ops";`); only
 *    "ext:" modules may import it (others get "Cannot resolve module"), so the embedder's
 *    user code sees only what an extension chooses to export;
 *  - the classic script is called as a function with that same object as its parameter
 *    `ops` (`ops.op_kv_get(...)`), in the global scope otherwise.
 *
 * Set-up order, per extension in the order given: dependencies checked, state_init, ops
 * registered, script run. Teardown (mrt_runtime_free) calls state_free in reverse order,
 * after the isolate is gone (no JS runs any more). */
struct mrt_extension {
  const char *name; /* required, unique among the runtime's extensions (built-in included) */
  /* Ops: names unique among the runtime's extension ops and mrt_register_op's. The decls
   * are copied when the runtime is created. */
  const mrt_op_decl *ops;
  size_t nops;
  const mrt_ext_module *modules;
  size_t nmodules;
  /* Optional classic script run at start-up (NULL: none); shown as "ext:<name>/<script_name>"
   * ("ext:<name>/init.js" when script_name is NULL) in stack traces. */
  const char *script;
  size_t script_len;
  const char *script_name;
  /* Optional native state, one per runtime: state_init stores it in *state (read back with
   * mrt_extension_state) and returns MRT_OK, or a negative MRT_E* code to fail the runtime's
   * creation (with mrt_last_error(NULL) naming the extension; extensions set up before it
   * are torn down). state_free gets it back when the runtime is freed (only when state_init
   * succeeded). Both run on the runtime's thread; data is passed through. */
  int (*state_init)(mrt_runtime *rt, void *data, void **state);
  void (*state_free)(void *data, void *state);
  void *data;
  /* Names of extensions this one needs, which must come before it (built-in ones count).
   * A missing one fails the creation with MRT_EINVAL. */
  const char *const *deps;
  size_t ndeps;
};

/* The state an extension's state_init stored in this runtime, or NULL (unknown name, no
 * state, NULL argument). Runtime's thread. */
MRT_EXTERN void *mrt_extension_state(mrt_runtime *rt, const char *name);

/* ---------------------------------------------------------------- snapshots */

/* Makes a startup snapshot (deno_core's JsRuntimeForSnapshot): a runtime is created from
 * opts (NULL: defaults; its snapshot fields must be unset), its extensions set up (their
 * classic scripts run), then setup_js run as a classic script (NULL: none; its resource name
 * is "<snapshot setup>") and the event loop run until it has no work left (so promises,
 * timers and async ops the setup started are done); the JS heap is then serialized into
 * *blob (malloc'd, free with mrt_snapshot_free), *blob_len bytes.
 * Runtimes started with mrt_options.snapshot = blob begin in that state: globals and objects
 * the scripts made are there and the extensions' scripts are not run again; each runtime's
 * state_init runs (native state is not in the snapshot) and mrt.args, mrt.env, the clocks
 * are its own. The extensions' ops keep their Fast API paths (their C functions are the
 * snapshot's external references) except those with MRT_CTYPE_UINT8_ARRAY arguments, which
 * run their slow path in and from the snapshot. Not in the snapshot: ES modules (they load
 * when imported), mrt_register_op's ops (register them again).
 * The blob names mrt's version, V8's, MRT_RUNTIME_BARE and each extension with its ops (and
 * which are async or have a fast path), and
 * carries a checksum: a runtime asking for other ones, or given a damaged or foreign blob,
 * fails with MRT_EINVAL naming the difference.
 * Errors: MRT_EINVAL (NULL blob or blob_len, setup_js NULL with len > 0, bad options), or
 * the setup's error (MRT_EEXCEPTION ...), described by mrt_last_error(NULL). Call it on a
 * thread with no runtime in use: it makes and frees an isolate of its own. */
MRT_EXTERN int mrt_snapshot_create(const mrt_options *opts, const char *setup_js, size_t len,
                                   uint8_t **blob, size_t *blob_len);
/* Frees a blob of mrt_snapshot_create. NULL: nothing. */
MRT_EXTERN void mrt_snapshot_free(uint8_t *blob);

/* ---------------------------------------------------------------- resources */

/* Open things JS refers to by number (deno_core's resource table): files, sockets, any I/O
 * an op keeps between calls. A resource id (rid) is a small integer >= 0; the runtime keeps
 * one table for every kind, and a freed rid may be handed out again. Each entry has a kind,
 * whose close function releases it: called exactly once, by mrt_resource_close or, for
 * those still open, by mrt_runtime_free (on the runtime's thread, while its isolate still
 * exists, after the built-in extensions were told the runtime is going). All functions:
 * runtime's thread only. */
typedef struct mrt_resource_kind {
  const char *name; /* e.g. "fsFile"; for messages */
  void (*close)(mrt_runtime *rt, void *ptr); /* required */
} mrt_resource_kind;

/* Adds ptr (not NULL) as a resource of kind (a static descriptor: its address is the kind's
 * identity). Returns the rid, or MRT_EINVAL (NULL runtime, kind, kind->close or ptr),
 * MRT_ENOMEM, MRT_ESTATE (the runtime is being freed). */
MRT_EXTERN int mrt_resource_add(mrt_runtime *rt, const mrt_resource_kind *kind, void *ptr);
/* The resource rid if it is of kind (NULL: of any kind), else NULL (no such rid, another
 * kind, NULL runtime). rid is a double as JS passes it (NaN, fractions and out-of-range
 * numbers are no rid). */
MRT_EXTERN void *mrt_resource_get(mrt_runtime *rt, double rid, const mrt_resource_kind *kind);
/* Removes resource rid (if of kind, or any kind for NULL) and calls its kind's close.
 * MRT_OK, or MRT_ENOTFOUND (recorded: "Bad resource ID"), MRT_EINVAL (NULL runtime). */
MRT_EXTERN int mrt_resource_close(mrt_runtime *rt, double rid, const mrt_resource_kind *kind);
/* Removes resource rid (if of kind, or any kind for NULL) without closing it: *ptr (may be
 * NULL) receives it, the caller owns it now. MRT_OK or as mrt_resource_close. */
MRT_EXTERN int mrt_resource_take(mrt_runtime *rt, double rid, const mrt_resource_kind *kind,
                                 void **ptr);
/* How many resources are open. */
MRT_EXTERN size_t mrt_resource_count(mrt_runtime *rt);

/* ---------------------------------------------------------------- memory */

/* Called when the heap is near its limit: return the new limit in bytes (greater than
 * current_limit to grant headroom, or current_limit to let the runtime's policy act). */
typedef size_t (*mrt_near_heap_limit_cb)(void *data, size_t current_limit,
                                         size_t initial_limit);
/* cb is required (MRT_EINVAL); one at a time (MRT_EEXIST). */
MRT_EXTERN int mrt_add_near_heap_limit_callback(mrt_runtime *rt, mrt_near_heap_limit_cb cb,
                                                void *data);
/* Removes it (MRT_ENOTFOUND if cb is not the one set); heap_limit > 0 also resets the
 * limit to that many bytes. */
MRT_EXTERN int mrt_remove_near_heap_limit_callback(mrt_runtime *rt, mrt_near_heap_limit_cb cb,
                                                   size_t heap_limit);

/* Any thread: stops the JS running now, or the event loop if it is waiting (the running call
 * returns MRT_ETERMINATED); the runtime stays usable for later calls. Requested while
 * nothing runs, it stays pending for the next call that runs JS or the loop, until
 * mrt_cancel_terminate (see there). NULL: nothing. A call racing with mrt_runtime_free on
 * another thread is safe (it does nothing once free began); a call after free returned is
 * not: from threads that may outlive the runtime use mrt_handle_terminate. */
MRT_EXTERN void mrt_terminate(mrt_runtime *rt);

/* ---------------------------------------------------------------- threads and handles */

/* A runtime's handle (after V8's and deno_core's IsolateHandle): a refcounted, thread-safe
 * token through which any thread reaches the runtime without racing its owner or its
 * mrt_runtime_free. It outlives the runtime: once the runtime is freed (or while
 * mrt_runtime_free runs) every call through it is dropped, never touches freed memory, and
 * is counted in mrt_handle_stats. One handle per runtime, made on first use (a runtime that
 * never asks for one pays nothing); each mrt_runtime_get_handle adds a reference. */
typedef struct mrt_runtime_handle mrt_runtime_handle;

/* Runtime's thread: a new reference to the runtime's handle (release it with
 * mrt_handle_release, from any thread, before or after the runtime is freed). NULL for a
 * NULL runtime, out of memory (MRT_ENOMEM in mrt_last_error(rt)), or a call from another
 * thread (MRT_ESTATE, described by that thread's mrt_last_error(NULL)). */
MRT_EXTERN mrt_runtime_handle *mrt_runtime_get_handle(mrt_runtime *rt);
/* Any thread: drops one reference; the last one frees the handle (the runtime itself is not
 * affected). NULL: nothing. A reference must not be used after its release. */
MRT_EXTERN void mrt_handle_release(mrt_runtime_handle *h);

/* Any thread: mrt_terminate through the handle (same rule for a termination requested while
 * nothing runs). MRT_OK; MRT_ESTATE once the runtime is freed (counted in
 * signals_dropped); MRT_EINVAL for NULL. */
MRT_EXTERN int mrt_handle_terminate(mrt_runtime_handle *h);
/* Any thread: asks the event loop for a turn. A run blocked waiting (on a timer, an
 * mrt_ref, an op in flight) takes one; an embedder's own poll loop sees mrt_backend_fd
 * readable and mrt_backend_timeout 0, and should poll. Requests made before the turn
 * coalesce. It does not keep the loop alive. Returns as mrt_handle_terminate. */
MRT_EXTERN int mrt_handle_wake(mrt_runtime_handle *h);

/* A task posted to a runtime's thread. status MRT_OK: it runs on the runtime's thread during
 * its event loop with rt the runtime (it may use the runtime as an op callback does: values,
 * mrt_call, mrt_op_complete, mrt_load_complete; calls that drive the loop are refused with
 * MRT_ESTATE). status MRT_ESTATE: the task will never run (the runtime is freed, or being
 * freed) and rt is NULL: release data and return. */
typedef void (*mrt_task_fn)(mrt_runtime *rt, void *data, int status);
/* Any thread: queues fn(rt, data, MRT_OK) to run on the runtime's thread, through the
 * loop's lock-free ring (no lock, no allocation while the ring has room), and wakes the
 * loop. fn is called exactly once: it runs in the next poll or run of the event loop (each
 * task is a macrotask: a microtask checkpoint follows it), tasks posted by one thread run in
 * the order posted; or, if the runtime is freed before it ran, it is called with
 * (NULL, data, MRT_ESTATE), by mrt_runtime_free on the freeing thread (a task still queued)
 * or before this returns MRT_ESTATE (the runtime was freed already). A queued task keeps the
 * loop from blocking, but a task not yet posted keeps nothing alive: hold an mrt_ref while
 * another thread may still post something the loop must wait for. MRT_OK: queued; MRT_ESTATE:
 * dropped (counted in posts_dropped); MRT_EINVAL: h or fn NULL (fn not called);
 * MRT_ENOMEM (fn not called, the caller keeps data). */
MRT_EXTERN int mrt_handle_post(mrt_runtime_handle *h, mrt_task_fn fn, void *data);

/* Any thread: mrt_op_complete_threadsafe through the handle: the result is delivered on the
 * runtime's thread (checked there, as mrt_op_complete_threadsafe's). After the runtime was
 * freed, or while it is being freed, the result is dropped (its bytes released with
 * free_bytes when it has one), MRT_ESTATE returned and counted in completions_dropped: this
 * is the safe way to complete an op whose call may outlive the runtime (see
 * mrt_op_decl.cancel). MRT_EINVAL for NULL h, or a NULL or invalid res (nothing taken). */
MRT_EXTERN int mrt_handle_complete(mrt_runtime_handle *h, uint32_t id, const mrt_result *res);

/* Module loaders may complete from any thread through the handle: the loader's load
 * callback (on the runtime's thread) takes an mrt_ref and hands the request to a thread,
 * which posts a task (mrt_handle_post) that calls mrt_load_complete or mrt_load_fail and
 * mrt_unref. A task dropped because the runtime was freed must not touch the request (it is
 * gone): it only releases its data. */

typedef struct mrt_handle_stats {
  int alive;                    /* 1 until mrt_runtime_free began */
  uint64_t posts;               /* tasks queued (mrt_handle_post returned MRT_OK) */
  uint64_t posts_run;           /* tasks that ran with MRT_OK */
  uint64_t posts_dropped;       /* tasks refused after free, or still queued at free */
  uint64_t completions_dropped; /* mrt_handle_complete after free */
  uint64_t signals_dropped;     /* mrt_handle_terminate, mrt_handle_wake after free */
} mrt_handle_stats;
/* Any thread: the handle's counts (a snapshot; counts of tasks still queued change).
 * MRT_EINVAL for NULL h or out. */
MRT_EXTERN int mrt_handle_get_stats(mrt_runtime_handle *h, mrt_handle_stats *out);

/* ---------------------------------------------------------------- channels */

/* A channel between runtimes on threads, and C: two ends, 0 and 1 (as MessageChannel's port1
 * and port2); a message posted at one end is delivered at the other. It goes the way a
 * Worker's messages go: a lock-free inbox per end, and one task per burst through the
 * receiving runtime's handle (its loop's lock-free ring; at most one eventfd write per
 * pending wake-up). Messages from one thread to one end arrive in the order posted.
 * An end has at most one receiver at a time, on one runtime's loop: a C callback
 * (mrt_channel_receive) or a JS port (mrt_channel_to_js). Messages that reach an end without
 * a receiver wait for the next one; those still waiting when the channel is freed are
 * dropped. A receiver keeps its runtime's loop alive (as an mrt_ref) until it is detached: by
 * mrt_channel_receive(..., NULL, NULL), the JS port's close() or unref(), or mrt_runtime_free.
 * The channel is refcounted and thread-safe: mrt_channel_new, _retain, _release and
 * mrt_channel_post work from any thread; the calls that take a runtime, on its thread only
 * (else MRT_ESTATE). Each receiver holds a reference to the channel while attached. */
typedef struct mrt_channel mrt_channel;

typedef enum mrt_channel_kind {
  MRT_CHANNEL_BYTES = 0, /* raw bytes (mrt_channel_post): JS receives an ArrayBuffer */
  MRT_CHANNEL_CLONE = 1  /* a structured clone (a JS port's postMessage, mrt_channel_post_value) */
} mrt_channel_kind;

typedef struct mrt_channel_msg {
  int kind; /* mrt_channel_kind */
  const void *bytes; /* the bytes, or the clone's serialized form; valid during the callback */
  size_t len;
} mrt_channel_msg;

/* A message at a C receiver, on rt's thread during its event loop (a task: a microtask
 * checkpoint follows each burst). It may use the runtime as a task does (mrt_handle_post). */
typedef void (*mrt_channel_fn)(mrt_runtime *rt, void *data, const mrt_channel_msg *msg);

/* Any thread: a new channel holding one reference; NULL when out of memory. */
MRT_EXTERN mrt_channel *mrt_channel_new(void);
/* Any thread: adds a reference (returns ch; NULL: nothing). */
MRT_EXTERN mrt_channel *mrt_channel_retain(mrt_channel *ch);
/* Any thread: drops a reference; the last one frees the channel and its waiting messages.
 * Attached receivers hold references of their own. NULL: nothing. */
MRT_EXTERN void mrt_channel_release(mrt_channel *ch);

/* Any thread: posts a copy of len bytes at end `from` (0 or 1) for the other end, as a
 * MRT_CHANNEL_BYTES message (bytes may be NULL when len is 0). No lock on the way unless the
 * other end's inbox was empty (then the end's mutex, briefly, to schedule its receiver).
 * MRT_OK; MRT_EINVAL (NULL ch, bad end); MRT_ENOMEM. */
MRT_EXTERN int mrt_channel_post(mrt_channel *ch, int from, const void *bytes, size_t len);
/* Runtime's thread: posts a structured clone of v (serialized in rt, as postMessage does; no
 * transfer, SharedArrayBuffers refused) at end `from`, as a MRT_CHANNEL_CLONE message.
 * MRT_OK; MRT_EEXCEPTION when v cannot be cloned (a DataCloneError, in mrt_last_error);
 * MRT_EINVAL; MRT_ENOMEM; MRT_ESTATE (another thread). */
MRT_EXTERN int mrt_channel_post_value(mrt_runtime *rt, mrt_channel *ch, int from,
                                      const mrt_value *v);
/* Runtime's thread: the value of a message in rt: an ArrayBuffer (a copy) for
 * MRT_CHANNEL_BYTES, the deserialized value for MRT_CHANNEL_CLONE. *out a new handle.
 * MRT_OK; MRT_EEXCEPTION (the bytes are no clone rt can read); MRT_EINVAL; MRT_ESTATE. */
MRT_EXTERN int mrt_channel_msg_value(mrt_runtime *rt, const mrt_channel_msg *msg,
                                     mrt_value **out);

/* Runtime's thread: messages arriving at `end` are passed to fn(rt, data, msg) on rt's loop,
 * and the loop is kept alive, until detached. fn NULL detaches this runtime's C receiver of
 * that end (MRT_ENOTFOUND if it has none); messages already taken for a burst after a detach
 * are dropped. MRT_OK; MRT_ESTATE when the end has a receiver already (or another thread);
 * MRT_EINVAL; MRT_ENOMEM. data is not owned. */
MRT_EXTERN int mrt_channel_receive(mrt_runtime *rt, mrt_channel *ch, int end, mrt_channel_fn fn,
                                   void *data);
/* Runtime's thread: a JS object for `end`, its receiver: a MessagePort-like EventTarget with
 * postMessage(value) (a structured clone to the other end), onmessage / onmessageerror and
 * message events (event.data: the value, or an ArrayBuffer for bytes posted from C), close()
 * (detaches; later posts are dropped), ref() and unref() (whether it keeps the loop alive).
 * A new handle, or NULL: the end has a receiver already (MRT_ESTATE), bad arguments, out of
 * memory, another thread. */
MRT_EXTERN mrt_value *mrt_channel_to_js(mrt_runtime *rt, mrt_channel *ch, int end);

/* Runtime's thread: withdraws a termination that was requested (mrt_terminate,
 * mrt_handle_terminate) and has not ended a call yet.
 * The rule for a termination requested while nothing runs: it stays pending, and the next
 * call that runs JS or the event loop (mrt_execute_script, mrt_call, a poll or run of the
 * loop, module evaluation) ends with MRT_ETERMINATED, at the latest when it first runs JS or
 * polls the loop; calls that run no JS are not affected. So a watchdog's request that
 * arrives just after the call it was aimed at returned is not lost (the work it meant to stop
 * may not have started yet), and an embedder that starts unrelated work calls
 * mrt_cancel_terminate first. MRT_OK (also when nothing was pending); MRT_EINVAL for NULL;
 * MRT_ESTATE from another thread, or from inside the runtime's JS or callbacks (a
 * termination there ends the running call). */
MRT_EXTERN int mrt_cancel_terminate(mrt_runtime *rt);

/* ---------------------------------------------------------------- inspector */

/* The Chrome DevTools Protocol on V8's inspector (breakpoints, stepping, console, profiling),
 * the same for embedders as for `mrt --inspect`. Made on first use: a runtime that never
 * calls these pays nothing.
 *
 * Sessions: a session talks CDP (UTF-8 JSON messages) with the runtime's context. Its
 * responses and notifications reach send(data, msg, len) on the runtime's thread (msg is
 * valid during the call). mrt_inspector_dispatch hands it a message on the runtime's thread;
 * mrt_inspector_post from any thread queues one, dispatched on the runtime's thread as soon as
 * possible: while JS runs (an interrupt), while paused at a breakpoint (the paused runtime
 * waits for messages), or by the event loop. Paused at a breakpoint, the runtime's thread
 * waits in V8 until a message resumes it; it then takes only posted messages (so a session
 * of the runtime's own thread cannot resume it: post from another thread). */
typedef struct mrt_inspector_session mrt_inspector_session;
typedef void (*mrt_inspector_send_fn)(void *data, const char *msg, size_t len);

/* Runtime's thread: a new session (NULL: rt NULL, out of memory or another thread, with
 * mrt_last_error). send is required. */
MRT_EXTERN mrt_inspector_session *mrt_inspector_connect(mrt_runtime *rt,
                                                       mrt_inspector_send_fn send, void *data);
/* Runtime's thread: dispatches one message now. MRT_OK, MRT_EINVAL. */
MRT_EXTERN int mrt_inspector_dispatch(mrt_inspector_session *s, const char *msg, size_t len);
/* Any thread: queues a copy of msg for the session (see above). MRT_OK, MRT_EINVAL,
 * MRT_ENOMEM. The session must not be disconnected concurrently. */
MRT_EXTERN int mrt_inspector_post(mrt_inspector_session *s, const char *msg, size_t len);
/* Runtime's thread: ends the session (messages still queued for it are dropped; a pause it
 * held ends). NULL: nothing. */
MRT_EXTERN void mrt_inspector_disconnect(mrt_inspector_session *s);

/* The WebSocket server (`mrt --inspect`): host and port (0: any free port) to listen on,
 * as node's --inspect: GET /json/list (or /json) and /json/version describe the target,
 * ws://host:port/<id> is its WebSocket. Prints "Debugger listening on ws://..." on stderr.
 * flags: MRT_INSPECT_WAIT returns only once a debugger has attached and sent
 * Runtime.runIfWaitingForDebugger; MRT_INSPECT_BREAK does the same and makes the next script,
 * CommonJS main or module evaluation pause at its first statement. Runtime's thread, once per
 * runtime: MRT_OK; MRT_EIO (cannot listen: mrt_last_error says why), MRT_EEXIST (started
 * already), MRT_EINVAL, MRT_ESTATE. The server's libraries (libwslay, http-parser,
 * libcrypto) are loaded then. */
enum { MRT_INSPECT_WAIT = 1, MRT_INSPECT_BREAK = 2 };
MRT_EXTERN int mrt_inspector_start(mrt_runtime *rt, const char *host, int port, int flags);
/* The server's port (after mrt_inspector_start), or -1. */
MRT_EXTERN int mrt_inspector_port(mrt_runtime *rt);
/* The program ended: reports the error that ended it, if any (the runtime's last error: an
 * uncaught exception or rejection, as Runtime.exceptionThrown), and its context destroyed
 * to the sessions and, while debuggers are
 * connected to the server, prints "Waiting for the debugger to disconnect..." and waits for
 * them (as node); then closes the server. Runtime's thread. mrt_runtime_free does the rest
 * (without waiting). */
MRT_EXTERN void mrt_inspector_finish(mrt_runtime *rt);

/* Where creating a runtime and its last script spent their time (cold-start measurement). */
typedef struct mrt_startup_times {
  uint64_t v8_init_ns;   /* process-wide V8 set-up (0 when an earlier runtime did it) */
  uint64_t isolate_ns;   /* V8 isolate */
  uint64_t context_ns;   /* its context (deserialized from the snapshot when from_snapshot) */
  uint64_t bootstrap_ns; /* host API: restored from the snapshot, or its JS run */
  int from_snapshot;
  uint64_t compile_ns;   /* the last mrt_execute_script: compiling (with the cache look-up) */
  uint64_t run_ns;       /* ... and running */
  /* The code cache (mrt_options.cache_dir). cache: what the last mrt_execute_script found. */
  int cache;                /* MRT_CACHE_* */
  uint64_t cache_read_ns;   /* its look-up (hashing, reading, checking), part of compile_ns */
  uint64_t cache_write_ns;  /* all scripts and modules so far: making caches, writing them */
  /* Totals over the runtime's scripts and modules: compiles that used an entry (hits), found
   * none, had one V8 rejected, had one that failed mrt's checks (corrupt, truncated, other
   * version); entries written and writes that failed. */
  unsigned cache_hits, cache_misses, cache_rejected, cache_invalid;
  unsigned cache_writes, cache_write_errors;
  int cache_error;          /* errno of the last failed cache read or write (not ENOENT), or 0 */
  /* The runtime's lazy files (loaded at the first use of APIs such as Response, URL or
   * node:fs) compiled from the code cache built into libmrt, and those whose cache V8
   * rejected (other V8 flags, e.g. mrt_options.v8_flags), compiled from source instead. */
  unsigned builtin_cache_hits, builtin_cache_rejected;
} mrt_startup_times;

/* mrt_startup_times.cache */
enum {
  MRT_CACHE_OFF = 0,      /* no cache_dir (or not a script compile) */
  MRT_CACHE_MISS = 1,     /* no entry: compiled, and an entry written after the run */
  MRT_CACHE_HIT = 2,      /* compiled from the entry */
  MRT_CACHE_REJECTED = 3, /* V8 refused the entry (other flags or version): rewritten */
  MRT_CACHE_INVALID = 4   /* the entry failed mrt's checks (corrupt, truncated): rewritten */
};
/* out is required (MRT_EINVAL). */
MRT_EXTERN int mrt_get_startup_times(mrt_runtime *rt, mrt_startup_times *out);

typedef struct mrt_heap_stats {
  size_t heap_used, heap_total, heap_limit;
  size_t external_memory;
  size_t native_contexts;
  size_t array_buffer_bytes;  /* live bytes in ArrayBuffer backing stores (mimalloc) */
  size_t array_buffer_count;  /* live backing stores */
  size_t array_buffer_peak;   /* peak live bytes */
} mrt_heap_stats;
/* out is required (MRT_EINVAL). */
MRT_EXTERN int mrt_get_heap_stats(mrt_runtime *rt, mrt_heap_stats *out);

/* Profiling (core/profiler.c; runtime's thread only). V8's sampling CPU profiler, one profile
 * at a time: mrt_cpu_profile_start samples every interval_us microseconds (<= 0: 1000);
 * MRT_EEXIST when a profile is running. mrt_cpu_profile_stop ends it and gives it as
 * .cpuprofile JSON (Chrome DevTools, speedscope), free with mrt_free; MRT_ENOTFOUND when none
 * is running. mrt_cpu_profiling: 1 while one runs. */
MRT_EXTERN int mrt_cpu_profile_start(mrt_runtime *rt, int interval_us);
MRT_EXTERN int mrt_cpu_profile_stop(mrt_runtime *rt, char **json, size_t *len);
MRT_EXTERN int mrt_cpu_profiling(mrt_runtime *rt);
/* Writes a heap snapshot (.heapsnapshot JSON, Chrome DevTools' Memory panel) to path (made or
 * truncated). MRT_EIO with errno's message when the file cannot be written. */
MRT_EXTERN int mrt_heap_snapshot(mrt_runtime *rt, const char *path);
/* A full, memory-reducing garbage collection (what `--expose-gc`'s gc() does). */
MRT_EXTERN int mrt_collect_garbage(mrt_runtime *rt);

/* Module graph timing (--trace-startup; core/modules.c). mrt_module_trace(rt, 1) starts
 * recording each module's phases; mrt_get_module_times then gives the sums and the n slowest
 * modules (read + compile + resolve), slowest first (*count of them; urls valid while the
 * runtime lives). Instantiate and evaluate are the static graphs' (V8 does them per graph);
 * resolve includes the roots' (the main module's specifier). */
typedef struct mrt_module_times {
  size_t modules;
  uint64_t resolve_ns, read_ns, compile_ns, instantiate_ns, evaluate_ns;
} mrt_module_times;
typedef struct mrt_module_time {
  const char *url;
  uint64_t read_ns, compile_ns, resolve_ns, total_ns;
} mrt_module_time;
MRT_EXTERN int mrt_module_trace(mrt_runtime *rt, int on);
MRT_EXTERN int mrt_get_module_times(mrt_runtime *rt, mrt_module_times *sum,
                                   mrt_module_time *slowest, size_t n, size_t *count);

#ifdef __cplusplus
}
#endif
#endif /* MRT_H */
