// uint8_array.cc: what Uint8Array's base64 and hex methods (core/ext/lang/base64.c) need from
// the engine: the bytes of a Uint8Array (the spec's ValidateUint8Array and its out-of-bounds
// test) and a string's code units as bytes, read without a conversion.
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>

#include "shim_internal.h"

namespace shim {
const v8::FunctionCallbackInfo<v8::Value> &call_info(shim_call *call);
v8::Local<v8::Value> call_arg(shim_call *call, int i);
}  // namespace shim

extern "C" {

int shim_call_arg_uint8_array(shim_call *call, int i, void **data, size_t *len) {
  v8::Local<v8::Value> v = i < 0 ? shim::call_info(call).This().As<v8::Value>()
                                 : shim::call_arg(call, i);
  if (!v->IsUint8Array()) return -1;
  v8::Local<v8::Uint8Array> view = v.As<v8::Uint8Array>();
  // Buffer() moves a small array's bytes off the heap (once): from here they stay put while
  // the caller reads or writes them, as long as it makes no JS values meanwhile.
  v8::Local<v8::ArrayBuffer> ab = view->Buffer();
  if (ab->WasDetached()) return -2;
  *len = view->ByteLength();
  *data = *len ? static_cast<char *>(ab->Data()) + view->ByteOffset() : nullptr;
  return 0;
}

const unsigned char *shim_call_arg_string_bytes(shim_call *call, int i, size_t *len,
                                                unsigned char *stack, size_t stack_cap,
                                                void **heap, unsigned char above) {
  *heap = nullptr;
  v8::Local<v8::Value> v = shim::call_arg(call, i);
  if (!v->IsString()) return nullptr;
  v8::Local<v8::String> s = v.As<v8::String>();
  v8::Isolate *isolate = shim::call_info(call).GetIsolate();
  size_t n = static_cast<size_t>(s->Length());
  *len = n;
  // An external one-byte string's characters are in memory already (a file's text, say).
  if (s->IsExternalOneByte()) {
    const v8::String::ExternalOneByteStringResource *r = s->GetExternalOneByteStringResource();
    if (r) return reinterpret_cast<const unsigned char *>(r->data());
  }
  unsigned char *out = stack;
  if (n > stack_cap) {
    out = static_cast<unsigned char *>(std::malloc(n));
    if (!out) return nullptr;
    *heap = out;
  }
  if (s->IsOneByte()) {
    s->WriteOneByte(isolate, out, 0, static_cast<int>(n), v8::String::NO_NULL_TERMINATION);
    return out;
  }
  // Two-byte: through a small buffer of units, each above 0xFF as `above`.
  uint16_t units[2048];
  for (size_t at = 0; at < n;) {
    int k = static_cast<int>(n - at < 2048 ? n - at : 2048);
    s->Write(isolate, units, static_cast<int>(at), k, v8::String::NO_NULL_TERMINATION);
    for (int j = 0; j < k; j++) out[at + j] = units[j] > 0xFF ? above : static_cast<unsigned char>(units[j]);
    at += static_cast<size_t>(k);
  }
  return out;
}

// The isolate's ArrayBuffer allocator and what was asked of it, for the deleter: a backing
// store may outlive the isolate (moved to a worker's).
struct bytes_holder {
  std::shared_ptr<v8::ArrayBuffer::Allocator> allocator;
  size_t cap;
};

static void free_bytes(void *data, size_t, void *holder) {
  auto *h = static_cast<bytes_holder *>(holder);
  h->allocator->Free(data, h->cap);
  delete h;
}

void *shim_call_bytes_alloc(shim_call *call, size_t cap) {
  v8::Isolate *isolate = shim::call_info(call).GetIsolate();
  return isolate->GetArrayBufferAllocator()->AllocateUninitialized(cap ? cap : 1);
}

void shim_call_bytes_free(shim_call *call, void *data, size_t cap) {
  v8::Isolate *isolate = shim::call_info(call).GetIsolate();
  isolate->GetArrayBufferAllocator()->Free(data, cap ? cap : 1);
}

void shim_call_return_bytes_alloc(shim_call *call, void *data, size_t cap, size_t len) {
  const v8::FunctionCallbackInfo<v8::Value> &info = shim::call_info(call);
  v8::Isolate *isolate = info.GetIsolate();
  if (len > v8::TypedArray::kMaxLength) {
    shim_call_bytes_free(call, data, cap);
    shim_call_throw(call, "RangeError", nullptr, "Array buffer allocation failed");
    return;
  }
  auto *holder = new (std::nothrow) bytes_holder{shim::from(isolate)->allocator_shared, cap ? cap : 1};
  if (!holder) {
    shim_call_bytes_free(call, data, cap);
    shim_call_throw(call, "RangeError", nullptr, "Array buffer allocation failed");
    return;
  }
  std::shared_ptr<v8::BackingStore> store =
      v8::ArrayBuffer::NewBackingStore(data, len, free_bytes, holder);
  v8::Local<v8::ArrayBuffer> ab = v8::ArrayBuffer::New(isolate, std::move(store));
  info.GetReturnValue().Set(v8::Uint8Array::New(ab, 0, len));
}

}  // extern "C"
