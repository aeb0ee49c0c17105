// shim_internal.h: what the shim's own files share. C++; never included outside shim/.
#ifndef MRT_SHIM_INTERNAL_H
#define MRT_SHIM_INTERNAL_H

#include <time.h>
#include <v8.h>
#include <v8-profiler.h>

#include "shim.h"

struct shim_global {
  v8::Global<v8::Value> value;
};

struct shim_isolate {
  v8::Isolate *isolate;
  v8::Global<v8::Context> context;
  v8::ArrayBuffer::Allocator *allocator; /* allocator_shared's */
  // Backing stores hold a reference to it (V8 keeps a copy of this shared_ptr in each), so
  // a store moved to another isolate (a worker's message) can outlive this one safely.
  std::shared_ptr<v8::ArrayBuffer::Allocator> allocator_shared;
  alloc_stats *buffer_stats; /* the allocator's counters (owned by it, or by this) */
  bool owns_stats;           /* V8's own allocator (MRT_V8_ALLOCATOR=default): ours */
  v8::SnapshotCreator *creator; /* while making a snapshot */
  v8::Global<v8::Function> prepare_stack_trace; /* formats Error.stack (stack_trace.cc) */
  shim_host host;
  struct c_function_list *c_functions; /* value_types.cc: C-backed functions still alive */
  size_t initial_heap_limit;
  shim_times times;
  void *own_fast; /* fast paths of its own in its snapshot (fast_api.cc), or NULL */
  v8::CpuProfiler *cpu_profiler; /* profiler.cc: made at the first profile, or NULL */
  bool cpu_profiling;            /* a profile is being recorded */
  bool inspecting;   /* the inspector exists (inspector.cc): entry points catch verbosely */
  int verbose_depth; /* EntryCatch scopes open (outside the microtask checkpoints) */
};

// The handle, isolate and context scopes every entry point opens.
#define SHIM_ENTER(iso)                                           \
  v8::Isolate *isolate = (iso)->isolate;                          \
  v8::Isolate::Scope isolate_scope_(isolate);                     \
  v8::HandleScope handle_scope_(isolate);                         \
  v8::Local<v8::Context> context = (iso)->context.Get(isolate);   \
  v8::Context::Scope context_scope_(context)

namespace shim {

// The TryCatch of an entry point where the program's own errors land (a script, a call into
// JS), while the inspector exists: verbose, so V8's debugger counts an error that reaches it
// as uncaught (DevTools' "pause on uncaught exceptions"), not as caught by the embedder.
// V8 then also hands it to the message listener, which leaves it to the entry point's
// caller while such a scope is open (verbose_depth). Nothing changes without the inspector.
class EntryCatch {
 public:
  EntryCatch(shim_isolate *iso, v8::TryCatch &tc) : iso_(iso), on_(iso->inspecting) {
    if (!on_) return;
    tc.SetVerbose(true);
    iso_->verbose_depth++;
  }
  ~EntryCatch() {
    if (on_) iso_->verbose_depth--;
  }
  EntryCatch(const EntryCatch &) = delete;
  EntryCatch &operator=(const EntryCatch &) = delete;

 private:
  shim_isolate *iso_;
  bool on_;
};

// Microtasks report their errors through the message listener: no EntryCatch applies inside.
class MicrotaskScope {
 public:
  explicit MicrotaskScope(shim_isolate *iso) : iso_(iso), saved_(iso->verbose_depth) {
    iso->verbose_depth = 0;
  }
  ~MicrotaskScope() { iso_->verbose_depth = saved_; }
  MicrotaskScope(const MicrotaskScope &) = delete;
  MicrotaskScope &operator=(const MicrotaskScope &) = delete;

 private:
  shim_isolate *iso_;
  int saved_;
};

inline uint64_t now_ns() {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * 1000000000u + static_cast<uint64_t>(ts.tv_nsec);
}

inline shim_isolate *from(v8::Isolate *isolate) {
  return static_cast<shim_isolate *>(isolate->GetData(0));
}

inline v8::Local<v8::Value> local(v8::Isolate *isolate, const shim_global *g) {
  return g ? g->value.Get(isolate) : v8::Undefined(isolate).As<v8::Value>();
}

inline shim_global *make_global(v8::Isolate *isolate, v8::Local<v8::Value> v) {
  shim_global *g = new (std::nothrow) shim_global;
  if (g) g->value.Reset(isolate, v);
  return g;
}

// malloc'd UTF-8 copy of a JS string (never NULL unless out of memory).
char *utf8_dup(v8::Isolate *isolate, v8::Local<v8::String> s, size_t *len);

// source.cc: whether src is all ASCII; a program's source text as a string, and any UTF-8
// text as a string (false: too long, or out of memory).
bool is_ascii(const char *s, size_t len);
bool new_source_string(shim_isolate *iso, const char *src, size_t len,
                       v8::Local<v8::String> *out);
bool new_utf8_string(v8::Isolate *isolate, const char *src, size_t len,
                     v8::Local<v8::String> *out);
char *cstr_dup(const char *s);

// Fills exc from a TryCatch that caught something.
void exception_from_trycatch(shim_isolate *iso, v8::Local<v8::Context> context,
                             v8::TryCatch &tc, shim_exception *exc);
void exception_from_value(shim_isolate *iso, v8::Local<v8::Context> context,
                          v8::Local<v8::Value> v, v8::Local<v8::Message> msg,
                          shim_exception *exc);

int type_of(v8::Local<v8::Value> v);

// Runs fn(data, call) for a JS call, with a shim_call over info (native.cc).
void call_native(const v8::FunctionCallbackInfo<v8::Value> &info, shim_function_cb fn,
                 void *data);
// Releases the C-backed functions still alive (value_types.cc), before the isolate goes.
void c_functions_free(shim_isolate *iso);

// The native callbacks V8 may meet in a snapshot (null-terminated; native.cc).
const intptr_t *external_references();
// Whether a string of `bytes` made from C must be refused for the heap limit (isolate.cc).
bool string_refused(shim_isolate *iso, size_t bytes);
// Callbacks and policies every isolate gets (isolate.cc).
void configure_isolate(shim_isolate *iso);

// V8's platform with loop wake-ups (platform.cc). An isolate's end: shutdown before
// Isolate::Dispose (its queued tasks are dropped, its loop no longer woken), forget after.
std::unique_ptr<v8::Platform> platform_new(int worker_threads);
void platform_isolate_shutdown(v8::Isolate *isolate);
void platform_isolate_forget(v8::Isolate *isolate);
// Disposes of the isolate's CPU profiler, if one was made (profiler.cc).
void profiler_free(shim_isolate *iso);

}  // namespace shim

#endif
