// serialize.cc: structuredClone through V8's ValueSerializer / ValueDeserializer, and the
// string <-> bytes accessors behind TextEncoder / TextDecoder (UTF-8 written straight from
// a JS string into a new or a caller's buffer, and strings made straight from bytes).
#include <cstdlib>
#include <cstring>
#include <vector>

#include "shim_internal.h"

namespace shim {
const v8::FunctionCallbackInfo<v8::Value> &call_info(shim_call *call);
v8::Local<v8::Value> call_arg(shim_call *call, int i);
}  // namespace shim

namespace {

// Thrown for values that can't be cloned: an Error with .code "DataCloneError" (the JS side
// turns it into a DOMException of that name).
void throw_clone_error(v8::Isolate *isolate, v8::Local<v8::String> message) {
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  v8::Local<v8::Value> err = v8::Exception::Error(message);
  err.As<v8::Object>()
      ->Set(context, v8::String::NewFromUtf8Literal(isolate, "code"),
            v8::String::NewFromUtf8Literal(isolate, "DataCloneError"))
      .Check();
  isolate->ThrowException(err);
}

class Serializer final : public v8::ValueSerializer::Delegate {
 public:
  explicit Serializer(v8::Isolate *isolate) : isolate_(isolate) {}
  void ThrowDataCloneError(v8::Local<v8::String> message) override {
    throw_clone_error(isolate_, message);
  }
  v8::Maybe<uint32_t> GetSharedArrayBufferId(v8::Isolate *isolate,
                                             v8::Local<v8::SharedArrayBuffer> sab) override {
    for (size_t i = 0; i < shared.size(); i++) {
      if (shared[i] == sab) return v8::Just(static_cast<uint32_t>(i));
    }
    shared.push_back(sab);
    return v8::Just(static_cast<uint32_t>(shared.size() - 1));
  }
  std::vector<v8::Local<v8::SharedArrayBuffer>> shared;

 private:
  v8::Isolate *isolate_;
};

class Deserializer final : public v8::ValueDeserializer::Delegate {
 public:
  explicit Deserializer(const std::vector<v8::Local<v8::SharedArrayBuffer>> &shared)
      : shared_(shared) {}
  v8::MaybeLocal<v8::SharedArrayBuffer> GetSharedArrayBufferFromId(v8::Isolate *isolate,
                                                                   uint32_t id) override {
    if (id < shared_.size()) return shared_[id];
    return v8::MaybeLocal<v8::SharedArrayBuffer>();
  }

 private:
  const std::vector<v8::Local<v8::SharedArrayBuffer>> &shared_;
};

}  // namespace

extern "C" {

int shim_call_return_structured_clone(shim_call *call, int i, int transfer_i) {
  const v8::FunctionCallbackInfo<v8::Value> &info = shim::call_info(call);
  v8::Isolate *isolate = info.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  v8::Local<v8::Value> value = shim::call_arg(call, i);
  v8::Local<v8::Value> transfer = shim::call_arg(call, transfer_i);

  // Transferred ArrayBuffers: their contents move to the clone, the originals detach.
  std::vector<v8::Local<v8::ArrayBuffer>> moved;
  if (transfer->IsArray()) {
    v8::Local<v8::Array> list = transfer.As<v8::Array>();
    for (uint32_t k = 0; k < list->Length(); k++) {
      v8::Local<v8::Value> item;
      if (!list->Get(context, k).ToLocal(&item)) return -1;
      if (!item->IsArrayBuffer() || !item.As<v8::ArrayBuffer>()->IsDetachable()) {
        throw_clone_error(isolate, v8::String::NewFromUtf8Literal(
                                       isolate, "Value not transferable"));
        return -1;
      }
      for (auto &m : moved) {
        if (m == item) {
          throw_clone_error(isolate, v8::String::NewFromUtf8Literal(
                                         isolate, "ArrayBuffer appears more than once"));
          return -1;
        }
      }
      moved.push_back(item.As<v8::ArrayBuffer>());
    }
  }

  Serializer sd(isolate);
  v8::ValueSerializer ser(isolate, &sd);
  for (size_t k = 0; k < moved.size(); k++) {
    ser.TransferArrayBuffer(static_cast<uint32_t>(k), moved[k]);
  }
  ser.WriteHeader();
  if (!ser.WriteValue(context, value).FromMaybe(false)) return -1;
  std::pair<uint8_t *, size_t> data = ser.Release();

  std::vector<v8::Local<v8::ArrayBuffer>> received;
  for (auto &ab : moved) {
    std::shared_ptr<v8::BackingStore> store = ab->GetBackingStore();
    ab->Detach();
    received.push_back(v8::ArrayBuffer::New(isolate, store));
  }
  Deserializer dd(sd.shared);
  v8::ValueDeserializer des(isolate, data.first, data.second, &dd);
  for (size_t k = 0; k < received.size(); k++) {
    des.TransferArrayBuffer(static_cast<uint32_t>(k), received[k]);
  }
  v8::Local<v8::Value> out;
  bool ok = des.ReadHeader(context).FromMaybe(false) && des.ReadValue(context).ToLocal(&out);
  std::free(data.first);
  if (!ok) return -1;
  info.GetReturnValue().Set(out);
  return 0;
}

// Returns a new Uint8Array with the UTF-8 of String(arg i) (lone surrogates become U+FFFD),
// written straight into its backing store.
int shim_call_return_utf8(shim_call *call, int i) {
  const v8::FunctionCallbackInfo<v8::Value> &info = shim::call_info(call);
  v8::Isolate *isolate = info.GetIsolate();
  v8::Local<v8::Value> v = shim::call_arg(call, i);
  v8::Local<v8::String> s;
  if (v->IsString()) s = v.As<v8::String>();
  else if (!v->ToString(isolate->GetCurrentContext()).ToLocal(&s)) return -1;
  size_t n = static_cast<size_t>(s->Utf8Length(isolate));
  std::unique_ptr<v8::BackingStore> store = v8::ArrayBuffer::NewBackingStore(isolate, n);
  if (n) {
    s->WriteUtf8(isolate, static_cast<char *>(store->Data()), static_cast<int>(n), nullptr,
                 v8::String::NO_NULL_TERMINATION | v8::String::REPLACE_INVALID_UTF8);
  }
  v8::Local<v8::ArrayBuffer> ab = v8::ArrayBuffer::New(isolate, std::move(store));
  info.GetReturnValue().Set(v8::Uint8Array::New(ab, 0, n));
  return 0;
}

// TextEncoder.encodeInto: writes as much of String(arg i) as fits (whole characters only)
// into the bytes of arg dst. *read: UTF-16 code units consumed; *written: bytes. -1 if dst is
// not a view.
int shim_call_utf8_into(shim_call *call, int i, int dst, double *read, double *written) {
  const v8::FunctionCallbackInfo<v8::Value> &info = shim::call_info(call);
  v8::Isolate *isolate = info.GetIsolate();
  v8::Local<v8::Value> v = shim::call_arg(call, i);
  v8::Local<v8::Value> d = shim::call_arg(call, dst);
  if (!d->IsArrayBufferView()) return -1;
  v8::Local<v8::String> s;
  if (v->IsString()) s = v.As<v8::String>();
  else if (!v->ToString(isolate->GetCurrentContext()).ToLocal(&s)) return -1;
  v8::Local<v8::ArrayBufferView> view = d.As<v8::ArrayBufferView>();
  size_t cap = view->ByteLength();
  char *out = static_cast<char *>(view->Buffer()->Data()) + view->ByteOffset();
  if (cap > INT32_MAX) cap = INT32_MAX;
  int nchars = 0;
  int n = s->WriteUtf8(isolate, out, static_cast<int>(cap), &nchars,
                       v8::String::NO_NULL_TERMINATION | v8::String::REPLACE_INVALID_UTF8);
  // nchars counts UTF-16 code units (a surrogate pair is two).
  *read = nchars;
  *written = n;
  return 0;
}

}  // extern "C"
