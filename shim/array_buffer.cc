// array_buffer.cc: ES2024's ArrayBuffer.prototype.transfer, transferToFixedLength and the
// detached getter, which V8 10.2 lacks (core/ext/lang installs them). Native because only
// the engine can detach a buffer and hand its backing store to a new one without a copy.
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <new>

#include "alloc.h"
#include "shim_internal.h"

namespace shim {
const v8::FunctionCallbackInfo<v8::Value> &call_info(shim_call *call);
v8::Local<v8::Value> call_arg(shim_call *call, int i);
}  // namespace shim

namespace {

void throw_error(shim_call *call, const char *name, const char *message) {
  shim_call_throw(call, name, nullptr, message);
}

// this as an ArrayBuffer (not a SharedArrayBuffer), or a TypeError naming the method.
bool this_buffer(shim_call *call, const char *method, v8::Local<v8::ArrayBuffer> *out) {
  v8::Local<v8::Value> self = shim::call_info(call).This();
  if (!self->IsArrayBuffer()) {
    char msg[128];
    snprintf(msg, sizeof msg, "Method ArrayBuffer.prototype.%s called on incompatible receiver",
             method);
    throw_error(call, "TypeError", msg);
    return false;
  }
  *out = self.As<v8::ArrayBuffer>();
  return true;
}

// From here a copy costs more than remapping the pages (and faults every page in).
constexpr size_t kMovePagesFrom = 1 << 20;

// deleter_data: a reference to the isolate's allocator (a store may outlive the isolate,
// moved to a worker's), dropped with the memory.
void free_store(void *data, size_t length, void *holder) {
  auto *allocator = static_cast<std::shared_ptr<v8::ArrayBuffer::Allocator> *>(holder);
  (*allocator)->Free(data, length);
  delete allocator;
}

}  // namespace

extern "C" {

// ArrayBufferCopyAndDetach (ES2024 25.1.3.3) with this as the buffer and argument 0 as
// newLength, into a fixed-length buffer. Resizable buffers are behind --harmony-rab-gsab in
// V8 10.2, off in mrt, and its API cannot tell one apart: under that flag transfer does not
// preserve resizability.
int shim_call_return_array_buffer_transfer(shim_call *call, int fixed) {
  const v8::FunctionCallbackInfo<v8::Value> &info = shim::call_info(call);
  v8::Isolate *isolate = info.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  const char *method = fixed ? "transferToFixedLength" : "transfer";
  v8::Local<v8::ArrayBuffer> ab;
  if (!this_buffer(call, method, &ab)) return -1;
  size_t old_length = ab->ByteLength();
  size_t length = old_length;
  v8::Local<v8::Value> arg = shim::call_arg(call, 0);
  if (!arg->IsUndefined()) {
    // ToIndex: ToIntegerOrInfinity, then 0 <= n <= 2^53 - 1. Converting runs user code,
    // which may detach the buffer (checked after, as the spec orders it).
    double d;
    if (!arg->NumberValue(context).To(&d)) return -1;
    d = std::isnan(d) ? 0 : std::trunc(d);
    if (d < 0 || d > 9007199254740991.0) {
      throw_error(call, "RangeError", "Invalid array buffer length");
      return -1;
    }
    length = static_cast<size_t>(d);
  }
  if (ab->WasDetached()) {
    char msg[128];
    snprintf(msg, sizeof msg, "Cannot perform ArrayBuffer.prototype.%s on a detached ArrayBuffer",
             method);
    throw_error(call, "TypeError", msg);
    return -1;
  }
  // Wasm memories (and buffers an embedder pinned) cannot be detached; V8 would abort.
  if (!ab->IsDetachable()) {
    throw_error(call, "TypeError", "Cannot transfer a non-detachable ArrayBuffer");
    return -1;
  }
  std::shared_ptr<v8::BackingStore> old_store = ab->GetBackingStore();
  std::shared_ptr<v8::BackingStore> store;
  if (length == old_length) {
    store = old_store;  // the same memory moves to the new buffer: no copy
  } else {
    // The isolate's allocator (alloc/), which returns NULL when it cannot: a RangeError as
    // `new ArrayBuffer(n)` gives, where NewBackingStore would abort the process.
    v8::ArrayBuffer::Allocator *allocator = isolate->GetArrayBufferAllocator();
    void *data = length ? allocator->AllocateUninitialized(length) : nullptr;
    if (length && !data) {
      throw_error(call, "RangeError", "Array buffer allocation failed");
      return -1;
    }
    size_t keep = length < old_length ? length : old_length;
    // Large contents move as pages (no copy, none faulted in) when nothing but this buffer
    // holds the store (V8's reference and ours): an op in flight holding it keeps the bytes.
    size_t moved = 0;
    if (keep >= kMovePagesFrom && old_store.use_count() == 2) {
      moved = alloc_move_pages(data, ab->Data(), keep);
    }
    if (keep > moved) {
      std::memcpy(static_cast<char *>(data) + moved, static_cast<char *>(ab->Data()) + moved,
                  keep - moved);
    }
    if (length > keep) std::memset(static_cast<char *>(data) + keep, 0, length - keep);
    if (length) {
      auto *holder = new (std::nothrow)
          std::shared_ptr<v8::ArrayBuffer::Allocator>(shim::from(isolate)->allocator_shared);
      if (!holder) {
        allocator->Free(data, length);
        throw_error(call, "RangeError", "Array buffer allocation failed");
        return -1;
      }
      store = v8::ArrayBuffer::NewBackingStore(data, length, free_store, holder);
    } else {
      store = v8::ArrayBuffer::NewBackingStore(isolate, 0);
    }
  }
  // V8 10.2 has no [[ArrayBufferDetachKey]] (the spec's step 6 cannot apply).
  ab->Detach();
  info.GetReturnValue().Set(v8::ArrayBuffer::New(isolate, std::move(store)));
  return 0;
}

// get ArrayBuffer.prototype.detached
int shim_call_return_array_buffer_detached(shim_call *call) {
  v8::Local<v8::ArrayBuffer> ab;
  if (!this_buffer(call, "detached", &ab)) return -1;
  shim::call_info(call).GetReturnValue().Set(ab->WasDetached());
  return 0;
}

}  // extern "C"
