// isolate.cc: process-wide V8 set-up, isolates and their context, heap limits, microtasks.

#include <atomic>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "shim_internal.h"
#include "shim_module.h"
#include "fast_api.h"

namespace {

std::unique_ptr<v8::Platform> g_platform;

// ArrayBuffer backing stores from alloc/ (mimalloc, or lazily-zeroed OS pages for large
// sizes), counted per runtime.
// It owns its counters: it lives as long as the last backing store it made (see
// shim_internal.h's allocator_shared), which may be after its runtime.
class BufferAllocator final : public v8::ArrayBuffer::Allocator {
 public:
  explicit BufferAllocator(alloc_stats *stats) : stats_(stats) {}
  ~BufferAllocator() override { alloc_stats_delete(stats_); }
  alloc_stats *stats() const { return stats_; }
  void *Allocate(size_t n) override { return alloc_buffer(stats_, n, 1); }
  void *AllocateUninitialized(size_t n) override { return alloc_buffer(stats_, n, 0); }
  void Free(void *p, size_t n) override { alloc_buffer_free(stats_, p, n); }
  void *Reallocate(void *p, size_t old_n, size_t n) override {
    return alloc_buffer_realloc(stats_, p, old_n, n);
  }

 private:
  alloc_stats *stats_;
};

void on_promise_reject(v8::PromiseRejectMessage message) {
  v8::Local<v8::Promise> promise = message.GetPromise();
  v8::Isolate *isolate = promise->GetIsolate();
  shim_isolate *iso = shim::from(isolate);
  if (!iso->host.promise_reject) return;
  int event = static_cast<int>(message.GetEvent());
  shim_global *p = shim::make_global(isolate, promise);
  shim_global *reason = nullptr;
  if (event != v8::kPromiseHandlerAddedAfterReject) {
    reason = shim::make_global(isolate, message.GetValue());
  }
  iso->host.promise_reject(iso->host.data, event, p, reason);
}

// V8 reports here what no TryCatch caught: exceptions thrown by microtasks.
void on_message(v8::Local<v8::Message> message, v8::Local<v8::Value> error) {
  v8::Isolate *isolate = message->GetIsolate();
  shim_isolate *iso = shim::from(isolate);
  if (!iso->host.uncaught) return;
  shim_exception exc = {};
  shim::exception_from_value(iso, isolate->GetCurrentContext(), error, message, &exc);
  iso->host.uncaught(iso->host.data, &exc);
}

size_t on_near_heap_limit(void *data, size_t current, size_t initial) {
  shim_isolate *iso = static_cast<shim_isolate *>(data);
  if (!iso->host.near_heap_limit) return current;
  return iso->host.near_heap_limit(iso->host.data, current, initial);
}

// Below this a string is small against any heap limit mrt accepts and is not checked: the
// statistics cost microseconds, the copy of a large string far more.
constexpr size_t kCheckedStringBytes = 256 * 1024;

bool fits(v8::Isolate *isolate, size_t bytes) {
  v8::HeapStatistics hs;
  isolate->GetHeapStatistics(&hs);
  return hs.used_heap_size() + bytes <= hs.heap_size_limit();
}

}  // namespace

namespace shim {

// V8 admits a large new string past the heap limit (it counts it at the next collection), or
// dies in its fatal OOM handler when an allocation cannot fit at all: strings mrt makes in
// one piece (file contents, decoded text) are measured first.
bool string_refused(shim_isolate *iso, size_t bytes) {
  if (bytes < kCheckedStringBytes || !iso->host.heap_refuse) return false;
  v8::Isolate *isolate = iso->isolate;
  if (fits(isolate, bytes)) return false;
  isolate->LowMemoryNotification();  // garbage may be what is in the way
  if (fits(isolate, bytes)) return false;
  return iso->host.heap_refuse(iso->host.data, bytes) != 0;
}

void configure_isolate(shim_isolate *iso) {
  v8::Isolate *isolate = iso->isolate;
  isolate->SetData(0, iso);
  isolate->SetMicrotasksPolicy(v8::MicrotasksPolicy::kExplicit);
  isolate->SetPromiseRejectCallback(on_promise_reject);
  // Message listeners live on V8's heap, where a snapshot would meet them: not while making
  // one (no microtask runs then).
  if (!iso->creator) {
    isolate->AddMessageListenerWithErrorLevel(on_message, v8::Isolate::kMessageError);
  }
  isolate->AddNearHeapLimitCallback(on_near_heap_limit, iso);
}

}  // namespace shim

extern "C" {

static uint64_t g_platform_init_ns;

uint64_t shim_platform_init_ns(void) { return g_platform_init_ns; }

void shim_get_times(shim_isolate *iso, shim_times *out) { *out = iso->times; }

// V8's SetFlagsFromString ignores flags it does not know (it removes the ones it takes and
// keeps quiet about the rest). Split the same way (on white space) and let V8 remove what it
// takes: what is left is unknown, or has a value V8 refused (it stops at that flag).
static int set_flags_checked(const char *flags, char *bad, size_t bad_len) {
  std::string copy(flags);
  std::vector<char *> argv{const_cast<char *>("mrt")};
  for (char *p = copy.data(); *p;) {
    while (*p && std::isspace(static_cast<unsigned char>(*p))) *p++ = '\0';
    if (!*p) break;
    argv.push_back(p);
    while (*p && !std::isspace(static_cast<unsigned char>(*p))) p++;
  }
  argv.push_back(nullptr);
  int argc = static_cast<int>(argv.size()) - 1;
  v8::V8::SetFlagsFromCommandLine(&argc, argv.data(), true);
  if (argc <= 1) return 0;
  if (bad && bad_len) std::snprintf(bad, bad_len, "%s", argv[1]);
  return 1;
}

int shim_platform_init(const char *flags, char *bad, size_t bad_len) {
  // A mutex, not a once flag: a call refused for its flags leaves V8 uninitialised, and a
  // later call may still initialise it.
  static std::mutex lock;
  std::lock_guard<std::mutex> guard(lock);
  if (g_platform) return 0;
  uint64_t t0 = shim::now_ns();
  shim_modules_platform_init();  // module.cc: V8 flags modules need (import assertions)
  {
    // Fast API calls for ops with a C fast path (fast_api.cc); off by default in 10.2.
    static const char fast_calls[] = "--turbo-fast-api-calls";
    v8::V8::SetFlagsFromString(fast_calls, sizeof fast_calls - 1);
    // Feedback vectors from a function's first call, not its eighth: hot code of short
    // programs (the ones people time) reaches optimised tiers sooner. Measured: whole-process
    // timer fan-out and microtask workloads ~20% faster, cold start unchanged.
    static const char eager_feedback[] = "--no-lazy-feedback-allocation";
    v8::V8::SetFlagsFromString(eager_feedback, sizeof eager_feedback - 1);
    // Likewise, hot functions are optimised after less bytecode has run (V8 10.2's default
    // budget is 132 KB). Measured, interleaved: whole-process 100k setTimeout fan-out median
    // 2.74 -> 3.31 M/s; a 1 MB bundle, a 1,000-module graph, hello world, JSON, promise and
    // microtask workloads unchanged or slightly faster.
    static const char budget[] = "--interrupt-budget=8192";
    v8::V8::SetFlagsFromString(budget, sizeof budget - 1);
    // Dead ArrayBuffers are freed on this thread right after the GC, not later by the one
    // worker, which on a busy machine waits for a core while the script allocates anew:
    // the memory is reused at once and warm. Measured (new Uint8Array loops, interleaved,
    // loaded 2-core VM): 64 KiB 176 -> 307 k/s, peak RSS 124 -> 65 MB; 1 MiB 8.8 -> 14.5
    // k/s, 99 -> 67 MB; fsread, tcp and json unchanged within noise.
    static const char sweep[] = "--no-concurrent-array-buffer-sweeping";
    v8::V8::SetFlagsFromString(sweep, sizeof sweep - 1);
    // WebAssembly for the TypeScript stripper (core/ext/typescript, 2.8 MB of SWC), in one
    // call (each costs ~7k instructions of `mrt hi.js`). A function is compiled when first
    // called, not all at once: the stripper is ready in ~25 ms instead of ~250 ms, and a
    // program calls few of its functions (newer V8s do this by default). And a function is
    // optimised (TurboFan, on the one worker thread) after 10x more Liftoff execution than
    // V8 10.2's default: the stripper runs briefly, and recompiling its hot parser functions
    // cost more than it saved. Measured, CPU medians: a 200-line .ts file 279 -> 111 ms,
    // 5,000 lines 514 -> 344 ms (100x: 96 / 170; Liftoff only: 93 / 112). Long wasm
    // computations still reach TurboFan, some milliseconds later.
    static const char wasm[] = "--wasm-lazy-compilation --wasm-tiering-budget=18000000";
    v8::V8::SetFlagsFromString(wasm, sizeof wasm - 1);
    // V8 checksums the whole startup snapshot at every isolate it creates: 3.05M of the 29.1M
    // instructions of `mrt hi.js` (callgrind), and a read of every snapshot page. The built-in
    // snapshot is part of libmrt's read-only data, and an embedder's snapshot carries mrt's own
    // checksum, checked once when the runtime is made (core/snapshot_embedder.c).
    static const char no_verify[] = "--no-verify-snapshot-checksum";
    v8::V8::SetFlagsFromString(no_verify, sizeof no_verify - 1);
  }
  if (flags && *flags && set_flags_checked(flags, bad, bad_len)) return 1;
  // Explicit microtask checkpoints are the runtime's; one worker thread suffices for the
  // concurrent GC and compiler tasks of a single-threaded runtime and starts faster.
  g_platform = shim::platform_new(1);
  v8::V8::InitializePlatform(g_platform.get());
  v8::V8::Initialize();
  g_platform_init_ns = shim::now_ns() - t0;
  return g_platform ? 0 : -1;
}

const char *shim_v8_version(void) { return v8::V8::GetVersion(); }

shim_isolate *shim_isolate_new(const shim_isolate_params *params) {
  shim_isolate *iso = new (std::nothrow) shim_isolate();
  if (!iso) return nullptr;
  if (params->host) iso->host = *params->host;
  // MRT_V8_ALLOCATOR=default selects V8's own allocator instead of mimalloc, to measure the
  // difference on the same workload (the counters then stay at zero).
  const char *which = std::getenv("MRT_V8_ALLOCATOR");
  alloc_stats *stats = alloc_stats_new();
  if (!stats) {
    delete iso;
    return nullptr;
  }
  if (which && std::strcmp(which, "default") == 0) {
    iso->allocator_shared.reset(v8::ArrayBuffer::Allocator::NewDefaultAllocator());
    iso->buffer_stats = stats; /* stays at zero; freed with the isolate */
    iso->owns_stats = true;
  } else {
    iso->allocator_shared = std::make_shared<BufferAllocator>(stats);
    iso->buffer_stats = stats; /* the allocator's */
    stats = nullptr;
  }
  iso->allocator = iso->allocator_shared.get();

  v8::Isolate::CreateParams cp;
  cp.array_buffer_allocator_shared = iso->allocator_shared;
  if (params->max_heap_bytes) {
    cp.constraints.ConfigureDefaultsFromHeapSize(params->initial_heap_bytes,
                                                 params->max_heap_bytes);
  } else if (params->initial_heap_bytes) {
    cp.constraints.set_initial_old_generation_size_in_bytes(params->initial_heap_bytes);
  }
  if (params->max_young_bytes) {
    cp.constraints.set_max_young_generation_size_in_bytes(params->max_young_bytes);
  }
  v8::StartupData blob = {params->snapshot, static_cast<int>(params->snapshot_len)};
  if (params->snapshot) {
    cp.snapshot_blob = &blob;
    cp.external_references = shim::external_references();
    if (params->nfast_sigs) {
      cp.external_references = shim::fast_api_own_refs(iso, params->fast_sigs, params->nfast_sigs,
                                                       shim::external_references());
      if (!cp.external_references) {
        shim::fast_api_own_free(iso);
        iso->allocator_shared.reset();
        alloc_stats_delete(stats);
        delete iso;
        return nullptr;
      }
    }
  }

  uint64_t t0 = shim::now_ns();
  v8::Isolate *isolate = v8::Isolate::New(cp);
  uint64_t t1 = shim::now_ns();
  iso->times.isolate_ns = t1 - t0;
  iso->isolate = isolate;
  shim::configure_isolate(iso);
  {
    v8::Isolate::Scope isolate_scope(isolate);
    v8::HandleScope handle_scope(isolate);
    v8::HeapStatistics hs;
    isolate->GetHeapStatistics(&hs);
    iso->initial_heap_limit = hs.heap_size_limit();
    v8::Local<v8::Context> context = v8::Context::New(isolate);
    iso->context.Reset(isolate, context);
  }
  iso->times.context_ns = shim::now_ns() - t1;
  return iso;
}

void shim_isolate_free(shim_isolate *iso) {
  if (!iso) return;
  if (iso->creator) {  // a snapshot abandoned before shim_snapshot_finish
    char *blob = nullptr;
    size_t len = 0;
    shim_snapshot_finish(iso, &blob, &len);
    std::free(blob);
    return;
  }
  shim::c_functions_free(iso);
  shim::profiler_free(iso);
  iso->context.Reset();
  iso->prepare_stack_trace.Reset();
  shim::fast_api_isolate_free(iso);  // fast-call type info (nothing runs from here on)
  shim::platform_isolate_shutdown(iso->isolate);
  iso->isolate->Dispose();
  shim::fast_api_own_free(iso);  // V8 reads its external references until disposed
  shim::platform_isolate_forget(iso->isolate);
  if (iso->owns_stats) alloc_stats_delete(iso->buffer_stats);
  iso->allocator_shared.reset(); /* the last store it made may free it later */
  delete iso;
}

alloc_stats *shim_buffer_stats(shim_isolate *iso) { return iso->buffer_stats; }

void shim_terminate(shim_isolate *iso) { iso->isolate->TerminateExecution(); }

void shim_cancel_terminate(shim_isolate *iso) { iso->isolate->CancelTerminateExecution(); }

int shim_is_terminating(shim_isolate *iso) { return iso->isolate->IsExecutionTerminating(); }

void shim_terminate_now(shim_isolate *iso) {
  // Termination lands at the next stack check, which a JS function's entry makes. Entering
  // one from here makes it land now; V8 reschedules it when this native call returns, so
  // the caller's JS unwinds at once (no catch or finally runs).
  v8::Isolate *isolate = iso->isolate;
  isolate->TerminateExecution();
  v8::HandleScope handle_scope(isolate);
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  v8::Local<v8::Script> script;
  if (v8::Script::Compile(context, v8::String::NewFromUtf8Literal(isolate, "0"))
          .ToLocal(&script)) {
    v8::MaybeLocal<v8::Value> ignored = script->Run(context);  // empty: it terminated
    (void)ignored;
  }
}

void shim_set_heap_limit(shim_isolate *iso, size_t bytes) {
  // V8 has no direct setter; removing the callback with a limit resets it.
  iso->isolate->RemoveNearHeapLimitCallback(on_near_heap_limit, bytes);
  iso->isolate->AddNearHeapLimitCallback(on_near_heap_limit, iso);
}

void shim_collect_garbage(shim_isolate *iso) { iso->isolate->LowMemoryNotification(); }

void shim_remove_near_heap_limit_callback(shim_isolate *iso, size_t heap_limit) {
  iso->isolate->RemoveNearHeapLimitCallback(on_near_heap_limit, heap_limit);
}

void shim_heap_stats_get(shim_isolate *iso, shim_heap_stats *out) {
  v8::HeapStatistics hs;
  iso->isolate->GetHeapStatistics(&hs);
  out->used = hs.used_heap_size();
  out->total = hs.total_heap_size();
  out->limit = hs.heap_size_limit();
  out->external = hs.external_memory();
  out->native_contexts = hs.number_of_native_contexts();
}

int shim_microtask_checkpoint(shim_isolate *iso) {
  v8::Isolate *isolate = iso->isolate;
  v8::Isolate::Scope isolate_scope(isolate);
  v8::HandleScope handle_scope(isolate);
  v8::Context::Scope context_scope(iso->context.Get(isolate));
  isolate->PerformMicrotaskCheckpoint();
  return isolate->IsExecutionTerminating();
}

}  // extern "C"
