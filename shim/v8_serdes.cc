// v8_serdes.cc: node:v8's Serializer and Deserializer (core/ext/node/lib/v8.js): V8's
// ValueSerializer / ValueDeserializer kept alive between calls, as Node's are, so a program
// can write a header, values and raw numbers in separate calls into one buffer and read
// them back the same way.
//
// The delegate is the JS object whose method is being called (arg self_i of each call):
//   _writeHostObject(obj)         a host object (with SetTreatArrayBufferViewsAsHostObjects,
//                                 every ArrayBufferView), written with writeUint32 etc.
//   _getDataCloneError(message)   the error to throw, called (default: Error)
//   _getSharedArrayBufferId(sab)  the id of a SharedArrayBuffer
// A method that is missing leaves the case to V8's default (a DataCloneError). Reading, V8
// 10.2 runs no JS (a call would abort the process), so no _readHostObject is called: the JS
// says how host objects are read (readValue's mode): Node's DefaultDeserializer format for
// ArrayBufferViews, read here (each view with its own copy of the bytes), or refused.
//
// V8 10.2 (Debian's libnode 108) writes wire format version 15, as Node 20's V8 does.
#include <cstdlib>
#include <cstring>
#include <new>

#include "shim_internal.h"

namespace shim {
const v8::FunctionCallbackInfo<v8::Value> &call_info(shim_call *call);
v8::Local<v8::Value> call_arg(shim_call *call, int i);
}  // namespace shim

namespace {

v8::Local<v8::String> str(v8::Isolate *isolate, const char *s) {
  return v8::String::NewFromUtf8(isolate, s, v8::NewStringType::kInternalized)
      .ToLocalChecked();
}

void throw_error(v8::Isolate *isolate, const char *message) {
  isolate->ThrowException(v8::Exception::Error(str(isolate, message)));
}

// self[name] when it is a function, else empty (and no exception); false: the Get threw.
bool method(v8::Isolate *isolate, v8::Local<v8::Object> self, const char *name,
            v8::Local<v8::Function> *out) {
  v8::Local<v8::Value> fn;
  if (!self->Get(isolate->GetCurrentContext(), str(isolate, name)).ToLocal(&fn)) return false;
  if (fn->IsFunction()) *out = fn.As<v8::Function>();
  return true;
}

class SerDelegate final : public v8::ValueSerializer::Delegate {
 public:
  explicit SerDelegate(v8::Isolate *isolate) : isolate_(isolate) {}
  v8::Local<v8::Object> self;  // the JS object, during a call only

  void ThrowDataCloneError(v8::Local<v8::String> message) override {
    // As Node: self._getDataCloneError(message) (a call: the default is Error) is thrown.
    v8::Local<v8::Function> fn;
    v8::Local<v8::Value> err;
    if (!self.IsEmpty() && !method(isolate_, self, "_getDataCloneError", &fn)) return;
    v8::Local<v8::Value> arg = message;
    if (fn.IsEmpty()) {
      err = v8::Exception::Error(message);
    } else if (!fn->Call(isolate_->GetCurrentContext(), self, 1, &arg).ToLocal(&err)) {
      return;  // it threw: that is the exception
    }
    isolate_->ThrowException(err);
  }
  v8::Maybe<bool> WriteHostObject(v8::Isolate *isolate, v8::Local<v8::Object> object) override {
    v8::Local<v8::Function> fn;
    if (self.IsEmpty() || !method(isolate, self, "_writeHostObject", &fn)) {
      return v8::Nothing<bool>();
    }
    if (fn.IsEmpty()) return v8::ValueSerializer::Delegate::WriteHostObject(isolate, object);
    v8::Local<v8::Value> arg = object;
    if (fn->Call(isolate->GetCurrentContext(), self, 1, &arg).IsEmpty()) {
      return v8::Nothing<bool>();
    }
    return v8::Just(true);
  }
  v8::Maybe<uint32_t> GetSharedArrayBufferId(v8::Isolate *isolate,
                                             v8::Local<v8::SharedArrayBuffer> sab) override {
    v8::Local<v8::Function> fn;
    if (self.IsEmpty() || !method(isolate, self, "_getSharedArrayBufferId", &fn)) {
      return v8::Nothing<uint32_t>();
    }
    if (fn.IsEmpty()) return v8::ValueSerializer::Delegate::GetSharedArrayBufferId(isolate, sab);
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    v8::Local<v8::Value> arg = sab, id;
    if (!fn->Call(context, self, 1, &arg).ToLocal(&id)) return v8::Nothing<uint32_t>();
    return id->Uint32Value(context);
  }

 private:
  v8::Isolate *isolate_;
};

// V8 10.2 runs no JS while it deserializes (a call aborts the process), so a host object
// is read here: in Node's DefaultDeserializer format (mode kNodeViews), or refused.
enum : int { kNoHostObjects = 0, kNodeViews = 1, kJsHostObjects = 2 };

class DesDelegate final : public v8::ValueDeserializer::Delegate {
 public:
  v8::Local<v8::Object> self;
  v8::ValueDeserializer *des = nullptr;
  int mode = kNoHostObjects;
  v8::Local<v8::Value> buffer_proto;  // Buffer.prototype, for type 10

  v8::MaybeLocal<v8::Object> ReadHostObject(v8::Isolate *isolate) override {
    if (mode == kJsHostObjects) {
      throw_error(isolate,
                  "_readHostObject cannot run: V8 10.2 runs no JavaScript while it "
                  "deserializes (mrt reads only DefaultDeserializer's host objects)");
      return {};
    }
    if (mode != kNodeViews) return v8::ValueDeserializer::Delegate::ReadHostObject(isolate);
    uint32_t type = 0, len = 0;
    const void *bytes = nullptr;
    if (!des->ReadUint32(&type)) return fail(isolate, "ReadUint32() failed");
    if (!des->ReadUint32(&len)) return fail(isolate, "ReadUint32() failed");
    if (!des->ReadRawBytes(len, &bytes)) return fail(isolate, "ReadRawBytes() failed");
    static const uint8_t sizes[] = {1, 1, 1, 2, 2, 4, 4, 4, 8, 1, 1, 8, 8};
    if (type >= sizeof sizes) {
      return fail(isolate, "Unable to deserialize cloned data: unknown ArrayBufferView type.");
    }
    v8::Local<v8::ArrayBuffer> ab = v8::ArrayBuffer::New(isolate, len);
    if (len) std::memcpy(ab->Data(), bytes, len);
    size_t n = len / sizes[type];  // a partial element is left out, as Node's
    v8::Local<v8::Object> view;
    switch (type) {
      case 0: view = v8::Int8Array::New(ab, 0, n); break;
      case 1: view = v8::Uint8Array::New(ab, 0, n); break;
      case 2: view = v8::Uint8ClampedArray::New(ab, 0, n); break;
      case 3: view = v8::Int16Array::New(ab, 0, n); break;
      case 4: view = v8::Uint16Array::New(ab, 0, n); break;
      case 5: view = v8::Int32Array::New(ab, 0, n); break;
      case 6: view = v8::Uint32Array::New(ab, 0, n); break;
      case 7: view = v8::Float32Array::New(ab, 0, n); break;
      case 8: view = v8::Float64Array::New(ab, 0, n); break;
      case 9: view = v8::DataView::New(ab, 0, n); break;
      case 10:  // a Buffer: a Uint8Array with Buffer.prototype
        view = v8::Uint8Array::New(ab, 0, n);
        if (buffer_proto->IsObject() &&
            view->SetPrototype(isolate->GetCurrentContext(), buffer_proto).IsNothing()) {
          return {};
        }
        break;
      case 11: view = v8::BigInt64Array::New(ab, 0, n); break;
      default: view = v8::BigUint64Array::New(ab, 0, n); break;
    }
    return view;
  }

 private:
  v8::MaybeLocal<v8::Object> fail(v8::Isolate *isolate, const char *message) {
    throw_error(isolate, message);
    return {};
  }
};

// Restores the delegate's `self` at the end of a call (calls may nest: _writeHostObject
// calls writeUint32 on the same object).
template <class D>
struct SelfScope {
  SelfScope(D *d, v8::Local<v8::Object> self) : d_(d), saved_(d->self) { d->self = self; }
  ~SelfScope() { d_->self = saved_; }
  D *d_;
  v8::Local<v8::Object> saved_;
};

}  // namespace

struct shim_serdes {
  bool reader;
  // Writing.
  SerDelegate *ser_delegate = nullptr;
  v8::ValueSerializer *ser = nullptr;
  // Reading: a copy of the bytes (JS may change or detach its buffer meanwhile).
  DesDelegate *des_delegate = nullptr;
  v8::ValueDeserializer *des = nullptr;
  uint8_t *data = nullptr;
  size_t len = 0;
};

extern "C" {

shim_serdes *shim_serializer_new(shim_isolate *iso) {
  shim_serdes *s = new (std::nothrow) shim_serdes();
  if (!s) return nullptr;
  s->reader = false;
  v8::Isolate::Scope isolate_scope(iso->isolate);
  s->ser_delegate = new SerDelegate(iso->isolate);
  s->ser = new v8::ValueSerializer(iso->isolate, s->ser_delegate);
  return s;
}

shim_serdes *shim_deserializer_new(shim_isolate *iso, const void *data, size_t len) {
  shim_serdes *s = new (std::nothrow) shim_serdes();
  if (!s) return nullptr;
  s->reader = true;
  s->data = static_cast<uint8_t *>(std::malloc(len ? len : 1));
  if (!s->data) {
    delete s;
    return nullptr;
  }
  if (len) std::memcpy(s->data, data, len);
  s->len = len;
  v8::Isolate::Scope isolate_scope(iso->isolate);
  v8::HandleScope handle_scope(iso->isolate);
  s->des_delegate = new DesDelegate();
  s->des = new v8::ValueDeserializer(iso->isolate, s->data, len, s->des_delegate);
  s->des_delegate->des = s->des;
  return s;
}

void shim_serdes_free(shim_serdes *s) {
  if (!s) return;
  delete s->ser;
  delete s->ser_delegate;
  delete s->des;
  delete s->des_delegate;
  std::free(s->data);
  delete s;
}

int shim_call_serdes(shim_call *call, shim_serdes *s, int op, int self_i, int first) {
  const v8::FunctionCallbackInfo<v8::Value> &info = shim::call_info(call);
  v8::Isolate *isolate = info.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  v8::Local<v8::Value> self_v = shim::call_arg(call, self_i);
  v8::Local<v8::Value> a = shim::call_arg(call, first), b = shim::call_arg(call, first + 1);
  if (!self_v->IsObject()) {
    throw_error(isolate, "node:v8: the serializer's object is missing");
    return -1;
  }
  v8::Local<v8::Object> self = self_v.As<v8::Object>();
  auto rv = info.GetReturnValue();
  if ((op < SHIM_DES_READ_HEADER) == s->reader) {
    throw_error(isolate, "node:v8: not a serializer / deserializer of that kind");
    return -1;
  }
  uint32_t u32 = 0, hi = 0, lo = 0;
  double d = 0;
  switch (op) {
    case SHIM_SER_WRITE_HEADER:
      s->ser->WriteHeader();
      return 0;
    case SHIM_SER_WRITE_VALUE: {
      SelfScope<SerDelegate> scope(s->ser_delegate, self);
      if (s->ser->WriteValue(context, a).IsNothing()) return -1;
      rv.Set(true);
      return 0;
    }
    case SHIM_SER_RELEASE: {
      std::pair<uint8_t *, size_t> out = s->ser->Release();
      v8::Local<v8::ArrayBuffer> ab = v8::ArrayBuffer::New(isolate, out.second);
      if (out.second) std::memcpy(ab->Data(), out.first, out.second);
      std::free(out.first);
      rv.Set(v8::Uint8Array::New(ab, 0, out.second));
      return 0;
    }
    case SHIM_SER_TRANSFER:
      if (!a->Uint32Value(context).To(&u32)) return -1;
      if (!b->IsArrayBuffer()) {
        throw_error(isolate, "arrayBuffer must be an ArrayBuffer");
        return -1;
      }
      s->ser->TransferArrayBuffer(u32, b.As<v8::ArrayBuffer>());
      return 0;
    case SHIM_SER_UINT32:
      if (!a->Uint32Value(context).To(&u32)) return -1;
      s->ser->WriteUint32(u32);
      return 0;
    case SHIM_SER_UINT64:
      if (!a->Uint32Value(context).To(&hi) || !b->Uint32Value(context).To(&lo)) return -1;
      s->ser->WriteUint64((static_cast<uint64_t>(hi) << 32) | lo);
      return 0;
    case SHIM_SER_DOUBLE:
      if (!a->NumberValue(context).To(&d)) return -1;
      s->ser->WriteDouble(d);
      return 0;
    case SHIM_SER_RAW: {
      if (!a->IsArrayBufferView()) {
        throw_error(isolate, "source must be a TypedArray or a DataView");
        return -1;
      }
      v8::Local<v8::ArrayBufferView> view = a.As<v8::ArrayBufferView>();
      size_t n = view->ByteLength();
      if (n == 0) return 0;
      void *tmp = std::malloc(n);
      if (!tmp) {
        throw_error(isolate, "out of memory");
        return -1;
      }
      view->CopyContents(tmp, n);
      s->ser->WriteRawBytes(tmp, n);
      std::free(tmp);
      return 0;
    }
    case SHIM_SER_TREAT_VIEWS:
      s->ser->SetTreatArrayBufferViewsAsHostObjects(a->BooleanValue(isolate));
      return 0;
    case SHIM_DES_READ_HEADER: {
      SelfScope<DesDelegate> scope(s->des_delegate, self);
      bool ok;
      if (!s->des->ReadHeader(context).To(&ok)) return -1;
      rv.Set(ok);
      return 0;
    }
    case SHIM_DES_READ_VALUE: {
      // a: how host objects are read (kNodeViews...), b: Buffer.prototype.
      SelfScope<DesDelegate> scope(s->des_delegate, self);
      int32_t mode = 0;
      if (!a->Int32Value(context).To(&mode)) return -1;
      s->des_delegate->mode = mode;
      s->des_delegate->buffer_proto = b;
      v8::Local<v8::Value> value;
      bool ok = s->des->ReadValue(context).ToLocal(&value);
      s->des_delegate->mode = kNoHostObjects;
      s->des_delegate->buffer_proto = v8::Local<v8::Value>();
      if (!ok) return -1;
      rv.Set(value);
      return 0;
    }
    case SHIM_DES_TRANSFER:
      if (!a->Uint32Value(context).To(&u32)) return -1;
      if (b->IsArrayBuffer()) {
        s->des->TransferArrayBuffer(u32, b.As<v8::ArrayBuffer>());
      } else if (b->IsSharedArrayBuffer()) {
        s->des->TransferSharedArrayBuffer(u32, b.As<v8::SharedArrayBuffer>());
      } else {
        throw_error(isolate, "arrayBuffer must be an ArrayBuffer or SharedArrayBuffer");
        return -1;
      }
      return 0;
    case SHIM_DES_VERSION:
      rv.Set(s->des->GetWireFormatVersion());
      return 0;
    case SHIM_DES_UINT32:
      if (!s->des->ReadUint32(&u32)) {
        throw_error(isolate, "ReadUint32() failed");
        return -1;
      }
      rv.Set(u32);
      return 0;
    case SHIM_DES_UINT64: {
      uint64_t v = 0;
      if (!s->des->ReadUint64(&v)) {
        throw_error(isolate, "ReadUint64() failed");
        return -1;
      }
      v8::Local<v8::Value> parts[2] = {v8::Integer::NewFromUnsigned(isolate, uint32_t(v >> 32)),
                                       v8::Integer::NewFromUnsigned(isolate, uint32_t(v))};
      rv.Set(v8::Array::New(isolate, parts, 2));
      return 0;
    }
    case SHIM_DES_DOUBLE:
      if (!s->des->ReadDouble(&d)) {
        throw_error(isolate, "ReadDouble() failed");
        return -1;
      }
      rv.Set(d);
      return 0;
    case SHIM_DES_RAW: {
      // The offset in the bytes of what was read (the JS side makes its view of them).
      double want = 0;
      if (!a->NumberValue(context).To(&want)) return -1;
      const void *p = nullptr;
      if (!(want >= 0 && want <= static_cast<double>(s->len)) ||
          !s->des->ReadRawBytes(static_cast<size_t>(want), &p)) {
        throw_error(isolate, "ReadRawBytes() failed");
        return -1;
      }
      rv.Set(static_cast<double>(static_cast<const uint8_t *>(p) - s->data));
      return 0;
    }
  }
  throw_error(isolate, "node:v8: unknown operation");
  return -1;
}

}  // extern "C"
