// snapshot.cc: V8 startup snapshots of a bootstrapped context (made at build time), and the
// values kept in them.
#include <cstdlib>
#include <cstring>

#include "shim_internal.h"
#include "fast_api.h"

extern "C" {

shim_isolate *shim_snapshot_begin(const shim_isolate_params *params) {
  shim_isolate *iso = new (std::nothrow) shim_isolate();
  if (!iso) return nullptr;
  if (params->host) iso->host = *params->host;
  // The creator makes and enters its isolate, with V8's own ArrayBuffer allocator: counters
  // of our own that stay at zero.
  iso->buffer_stats = alloc_stats_new();
  iso->owns_stats = true;
  if (!iso->buffer_stats) {
    delete iso;
    return nullptr;
  }
  const intptr_t *refs = shim::external_references();
  if (params->nfast_sigs) {
    refs = shim::fast_api_own_refs(iso, params->fast_sigs, params->nfast_sigs, refs);
    if (!refs) {
      shim::fast_api_own_free(iso);
      alloc_stats_delete(iso->buffer_stats);
      delete iso;
      return nullptr;
    }
  }
  iso->creator = new v8::SnapshotCreator(refs);
  iso->isolate = iso->creator->GetIsolate();
  shim::configure_isolate(iso);
  v8::HandleScope handle_scope(iso->isolate);
  v8::Local<v8::Context> context = v8::Context::New(iso->isolate);
  iso->context.Reset(iso->isolate, context);
  return iso;
}

size_t shim_snapshot_add(shim_isolate *iso, const shim_global *g) {
  SHIM_ENTER(iso);
  return iso->creator->AddData(context, shim::local(isolate, g));
}

int shim_snapshot_finish(shim_isolate *iso, char **blob, size_t *len) {
  v8::StartupData data = {nullptr, 0};
  {
    v8::HandleScope handle_scope(iso->isolate);
    iso->creator->SetDefaultContext(iso->context.Get(iso->isolate));
    iso->context.Reset();
    iso->prepare_stack_trace.Reset();
  }
  // Compiled code is kept: the bootstrap's functions need no compiling at start-up.
  data = iso->creator->CreateBlob(v8::SnapshotCreator::FunctionCodeHandling::kKeep);
  v8::Isolate *isolate = iso->isolate;
  shim::platform_isolate_shutdown(isolate);
  delete iso->creator;  // disposes of the isolate
  shim::fast_api_own_free(iso);
  shim::platform_isolate_forget(isolate);
  alloc_stats_delete(iso->buffer_stats);
  delete iso;
  if (!data.data || data.raw_size <= 0) return -1;
  *len = static_cast<size_t>(data.raw_size);
  *blob = static_cast<char *>(std::malloc(*len));
  if (*blob) std::memcpy(*blob, data.data, *len);
  delete[] data.data;
  return *blob ? 0 : -1;
}

shim_global *shim_snapshot_data(shim_isolate *iso, size_t index) {
  SHIM_ENTER(iso);
  v8::Local<v8::Value> v;
  if (!context->GetDataFromSnapshotOnce<v8::Value>(index).ToLocal(&v)) return nullptr;
  return shim::make_global(isolate, v);
}

void *shim_typed_array_data(shim_isolate *iso, const shim_global *g, size_t *len) {
  SHIM_ENTER(iso);
  v8::Local<v8::Value> v = shim::local(isolate, g);
  if (!v->IsTypedArray()) return nullptr;
  v8::Local<v8::TypedArray> ta = v.As<v8::TypedArray>();
  if (len) *len = ta->ByteLength();
  return static_cast<char *>(ta->Buffer()->Data()) + ta->ByteOffset();
}

}  // extern "C"
