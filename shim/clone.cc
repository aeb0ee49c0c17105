// clone.cc: the HTML structured clone on V8's ValueSerializer / ValueDeserializer:
// structuredClone in one step, and serialize / deserialize apart for postMessage (the bytes
// wait in a port's queue; a later cross-thread transport carries the same bytes).
//
// JS owns what V8 does not know: `hooks`, a plain object from core/ext/messaging/clone.js:
//   hooks.write(obj) -> data    a platform object (a host object to V8: one with internal
//                               fields, made by shim_call_return_platform_base's class)
//                               as a serializable value; throws DataCloneError if it can't
//   hooks.read(data) -> obj     the inverse
//   hooks.transfer(list) -> list   transferred platform objects: detaches each source and
//                               returns the objects the receiver gets (same order)
//   hooks.error(message) -> exception   the DataCloneError DOMException to throw
// Stream: header, the cloned platform objects' data (undefined, or an array of what
// hooks.write returned, in order of first appearance), then the value. A host object in the
// value (after V8's kHostObject tag): uint32 0 and the index of its data, or uint32 1 and
// the index of a transferred platform object. The data come first because V8 runs no JS
// while it deserializes: the receiver revives the platform objects (hooks.read) between the
// two values. Writing them first needs them known first: a value holding cloned platform
// objects is serialized twice (the first pass collects them; its getters run again in the
// second), any other once.
#include <cstdlib>
#include <cstring>
#include <vector>

#include "shim_internal.h"

namespace shim {
const v8::FunctionCallbackInfo<v8::Value> &call_info(shim_call *call);
v8::Local<v8::Value> call_arg(shim_call *call, int i);
}  // namespace shim

namespace {

enum : uint32_t { kHostCloned = 0, kHostTransferred = 1 };

v8::Local<v8::String> str(v8::Isolate *isolate, const char *s) {
  return v8::String::NewFromUtf8(isolate, s, v8::NewStringType::kInternalized)
      .ToLocalChecked();
}

// hooks[name](arg): the result, or empty with the exception pending.
v8::MaybeLocal<v8::Value> call_hook(v8::Isolate *isolate, v8::Local<v8::Object> hooks,
                                    const char *name, v8::Local<v8::Value> arg) {
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  v8::Local<v8::Value> fn;
  if (!hooks->Get(context, str(isolate, name)).ToLocal(&fn)) return {};
  if (!fn->IsFunction()) {
    isolate->ThrowException(v8::Exception::TypeError(str(isolate, "structured clone hooks")));
    return {};
  }
  return fn.As<v8::Function>()->Call(context, hooks, 1, &arg);
}

// Throws hooks.error(message) (a DataCloneError DOMException).
void throw_clone_error(v8::Isolate *isolate, v8::Local<v8::Object> hooks,
                       v8::Local<v8::String> message) {
  v8::Local<v8::Value> err;
  if (call_hook(isolate, hooks, "error", message).ToLocal(&err)) isolate->ThrowException(err);
}

class Serializer final : public v8::ValueSerializer::Delegate {
 public:
  Serializer(v8::Isolate *isolate, v8::Local<v8::Object> hooks)
      : isolate_(isolate), hooks_(hooks) {}
  v8::ValueSerializer *ser = nullptr;
  std::vector<v8::Local<v8::Object>> hosts;  // transferred platform objects
  // Cloned platform objects and what hooks.write made of each; Globals, since V8 calls the
  // delegate inside handle scopes of its own.
  std::vector<v8::Global<v8::Object>> cloned;
  std::vector<v8::Global<v8::Value>> data;
  bool collecting = true;  // first pass: new cloned objects are added; then only looked up
  // Globals too: V8 asks for their ids inside handle scopes of its own.
  std::vector<v8::Global<v8::SharedArrayBuffer>> shared;
  // Them as locals of the caller's scope.
  std::vector<v8::Local<v8::SharedArrayBuffer>> shared_locals() const {
    std::vector<v8::Local<v8::SharedArrayBuffer>> out;
    for (auto &g : shared) out.push_back(g.Get(isolate_));
    return out;
  }

  void ThrowDataCloneError(v8::Local<v8::String> message) override {
    throw_clone_error(isolate_, hooks_, message);
  }
  v8::Maybe<bool> WriteHostObject(v8::Isolate *isolate, v8::Local<v8::Object> object) override {
    for (size_t k = 0; k < hosts.size(); k++) {
      if (hosts[k] == object) {
        ser->WriteUint32(kHostTransferred);
        ser->WriteUint32(static_cast<uint32_t>(k));
        return v8::Just(true);
      }
    }
    size_t k = 0;
    while (k < cloned.size() && cloned[k] != object) k++;
    if (k == cloned.size()) {
      if (!collecting) {  // met only now, in the second pass (a getter made it)
        throw_clone_error(isolate, hooks_, str(isolate, "A platform object appeared while cloning."));
        return v8::Nothing<bool>();
      }
      v8::Local<v8::Value> d;
      if (!call_hook(isolate, hooks_, "write", object).ToLocal(&d)) return v8::Nothing<bool>();
      cloned.emplace_back(isolate, object);
      data.emplace_back(isolate, d);
    }
    ser->WriteUint32(kHostCloned);
    ser->WriteUint32(static_cast<uint32_t>(k));
    return v8::Just(true);
  }
  v8::Maybe<uint32_t> GetSharedArrayBufferId(v8::Isolate *isolate,
                                             v8::Local<v8::SharedArrayBuffer> sab) override {
    for (size_t i = 0; i < shared.size(); i++) {
      if (shared[i] == sab) return v8::Just(static_cast<uint32_t>(i));
    }
    shared.emplace_back(isolate, sab);
    return v8::Just(static_cast<uint32_t>(shared.size() - 1));
  }

 private:
  v8::Isolate *isolate_;
  v8::Local<v8::Object> hooks_;
};

class Deserializer final : public v8::ValueDeserializer::Delegate {
 public:
  Deserializer(v8::Local<v8::Object> hooks, v8::Local<v8::Value> hosts,
               const std::vector<v8::Local<v8::SharedArrayBuffer>> *shared)
      : hooks_(hooks), hosts_(hosts), shared_(shared) {}
  v8::ValueDeserializer *des = nullptr;
  std::vector<v8::Local<v8::Value>> revived;  // hooks.read of each cloned object's data

  v8::MaybeLocal<v8::Object> ReadHostObject(v8::Isolate *isolate) override {
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    uint32_t kind = 0, index = 0;
    v8::Local<v8::Value> out;
    if (!des->ReadUint32(&kind)) return fail(isolate);
    if (kind == kHostTransferred) {
      if (!des->ReadUint32(&index) || !hosts_->IsArray() ||
          index >= hosts_.As<v8::Array>()->Length()) {
        return fail(isolate);
      }
      if (!hosts_.As<v8::Array>()->Get(context, index).ToLocal(&out)) return {};
    } else {
      if (kind != kHostCloned || !des->ReadUint32(&index) || index >= revived.size()) {
        return fail(isolate);
      }
      out = revived[index];
    }
    if (!out->IsObject()) return fail(isolate);
    return out.As<v8::Object>();
  }
  v8::MaybeLocal<v8::SharedArrayBuffer> GetSharedArrayBufferFromId(v8::Isolate *isolate,
                                                                   uint32_t id) override {
    if (shared_ && id < shared_->size()) return (*shared_)[id];
    return fail_sab(isolate);
  }

 private:
  v8::MaybeLocal<v8::Object> fail(v8::Isolate *isolate) {
    throw_clone_error(isolate, hooks_, str(isolate, "Unable to deserialize cloned data."));
    return {};
  }
  v8::MaybeLocal<v8::SharedArrayBuffer> fail_sab(v8::Isolate *isolate) {
    fail(isolate);
    return {};
  }
  v8::Local<v8::Object> hooks_;
  v8::Local<v8::Value> hosts_;
  const std::vector<v8::Local<v8::SharedArrayBuffer>> *shared_;
};

// The transfer list (an array from JS, or undefined) split into ArrayBuffers and platform
// objects, with the spec's checks: a duplicate or a SharedArrayBuffer or anything else is a
// DataCloneError; a detached buffer is one too (the spec checks it after serializing; no
// observable difference). false with the exception pending.
bool split_transfer(v8::Isolate *isolate, v8::Local<v8::Object> hooks,
                    v8::Local<v8::Value> transfer, std::vector<v8::Local<v8::ArrayBuffer>> *abs,
                    std::vector<v8::Local<v8::Object>> *hosts) {
  if (!transfer->IsArray()) return true;
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  v8::Local<v8::Array> list = transfer.As<v8::Array>();
  for (uint32_t k = 0; k < list->Length(); k++) {
    v8::Local<v8::Value> item;
    if (!list->Get(context, k).ToLocal(&item)) return false;
    const char *bad = nullptr;
    if (item->IsArrayBuffer()) {
      v8::Local<v8::ArrayBuffer> ab = item.As<v8::ArrayBuffer>();
      for (auto &m : *abs) {
        if (m == ab) bad = "ArrayBuffer at index %u is a duplicate of an earlier ArrayBuffer";
      }
      if (!bad && (!ab->IsDetachable() || ab->WasDetached())) {
        bad = "An ArrayBuffer is detached and could not be cloned.";
      }
      if (!bad) abs->push_back(ab);
    } else if (item->IsObject() && item.As<v8::Object>()->InternalFieldCount() > 0) {
      v8::Local<v8::Object> o = item.As<v8::Object>();
      for (auto &m : *hosts) {
        if (m == o) bad = "Object at index %u is a duplicate of an earlier object";
      }
      if (!bad) hosts->push_back(o);
    } else {
      bad = "Value at index %u does not have a transferable type";
    }
    if (bad) {
      char msg[128];
      std::snprintf(msg, sizeof msg, bad, k);
      throw_clone_error(isolate, hooks, str(isolate, msg));
      return false;
    }
  }
  return true;
}

bool finish(v8::Isolate *isolate, v8::Local<v8::Object> hooks, v8::ValueSerializer &ser,
            std::vector<v8::Local<v8::ArrayBuffer>> &abs, std::pair<uint8_t *, size_t> *data,
            std::vector<v8::Local<v8::ArrayBuffer>> *moved, v8::Local<v8::Value> *received,
            Serializer *sd);

// Serializes value; fills *data (malloc'd, the caller frees) and moves the contents of the
// transferred ArrayBuffers into new ArrayBuffers (*moved; the sources are detached). The
// transferred platform objects go through hooks.transfer; *received gets its result.
bool serialize(v8::Isolate *isolate, v8::Local<v8::Object> hooks, v8::Local<v8::Value> value,
               v8::Local<v8::Value> transfer, std::pair<uint8_t *, size_t> *data,
               std::vector<v8::Local<v8::ArrayBuffer>> *moved,
               v8::Local<v8::Value> *received, Serializer *sd) {
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  std::vector<v8::Local<v8::ArrayBuffer>> abs;
  if (!split_transfer(isolate, hooks, transfer, &abs, &sd->hosts)) return false;
  v8::ValueSerializer ser(isolate, sd);
  sd->ser = &ser;
  for (size_t k = 0; k < abs.size(); k++) ser.TransferArrayBuffer(static_cast<uint32_t>(k), abs[k]);
  ser.WriteHeader();
  if (!ser.WriteValue(context, v8::Undefined(isolate)).FromMaybe(false)) return false;
  if (!ser.WriteValue(context, value).FromMaybe(false)) return false;
  if (!sd->cloned.empty()) {  // again, with their data first (see the header)
    v8::ValueSerializer ser2(isolate, sd);
    sd->ser = &ser2;
    sd->collecting = false;
    for (size_t k = 0; k < abs.size(); k++) ser2.TransferArrayBuffer(static_cast<uint32_t>(k), abs[k]);
    v8::Local<v8::Array> list = v8::Array::New(isolate, static_cast<int>(sd->data.size()));
    for (size_t k = 0; k < sd->data.size(); k++) {
      if (list->Set(context, static_cast<uint32_t>(k), sd->data[k].Get(isolate)).IsNothing()) {
        return false;
      }
    }
    ser2.WriteHeader();
    if (!ser2.WriteValue(context, list).FromMaybe(false)) return false;
    if (!ser2.WriteValue(context, value).FromMaybe(false)) return false;
    return finish(isolate, hooks, ser2, abs, data, moved, received, sd);
  }
  return finish(isolate, hooks, ser, abs, data, moved, received, sd);
}

// The end of serialize: transfers, then the bytes.
bool finish(v8::Isolate *isolate, v8::Local<v8::Object> hooks, v8::ValueSerializer &ser,
            std::vector<v8::Local<v8::ArrayBuffer>> &abs, std::pair<uint8_t *, size_t> *data,
            std::vector<v8::Local<v8::ArrayBuffer>> *moved, v8::Local<v8::Value> *received,
            Serializer *sd) {
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  // Platform objects first: the hook may still refuse one (a detached port).
  *received = v8::Undefined(isolate);
  if (!sd->hosts.empty()) {
    v8::Local<v8::Array> list = v8::Array::New(isolate, static_cast<int>(sd->hosts.size()));
    for (size_t k = 0; k < sd->hosts.size(); k++) {
      if (list->Set(context, static_cast<uint32_t>(k), sd->hosts[k]).IsNothing()) return false;
    }
    if (!call_hook(isolate, hooks, "transfer", list).ToLocal(received)) return false;
  }
  *data = ser.Release();
  for (auto &ab : abs) {
    std::shared_ptr<v8::BackingStore> store = ab->GetBackingStore();
    ab->Detach();
    moved->push_back(v8::ArrayBuffer::New(isolate, store));
  }
  return true;
}

bool deserialize(v8::Isolate *isolate, v8::Local<v8::Object> hooks, const uint8_t *data,
                 size_t len, const std::vector<v8::Local<v8::ArrayBuffer>> &moved,
                 v8::Local<v8::Value> received,
                 const std::vector<v8::Local<v8::SharedArrayBuffer>> *shared,
                 v8::Local<v8::Value> *out) {
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  Deserializer dd(hooks, received, shared);
  v8::ValueDeserializer des(isolate, data, len, &dd);
  dd.des = &des;
  for (size_t k = 0; k < moved.size(); k++) {
    des.TransferArrayBuffer(static_cast<uint32_t>(k), moved[k]);
  }
  v8::Local<v8::Value> list;
  if (!des.ReadHeader(context).FromMaybe(false) || !des.ReadValue(context).ToLocal(&list)) {
    return false;
  }
  if (list->IsArray()) {  // revived here, where JS may run
    v8::Local<v8::Array> a = list.As<v8::Array>();
    for (uint32_t k = 0; k < a->Length(); k++) {
      v8::Local<v8::Value> item, obj;
      if (!a->Get(context, k).ToLocal(&item)) return false;
      if (!call_hook(isolate, hooks, "read", item).ToLocal(&obj)) return false;
      dd.revived.push_back(obj);
    }
  }
  return des.ReadValue(context).ToLocal(out);
}

void free_bytes(void *data, size_t, void *) { std::free(data); }

}  // namespace

extern "C" {

int shim_call_return_structured_clone(shim_call *call, int i, int transfer_i, int hooks_i) {
  const v8::FunctionCallbackInfo<v8::Value> &info = shim::call_info(call);
  v8::Isolate *isolate = info.GetIsolate();
  v8::Local<v8::Value> h = shim::call_arg(call, hooks_i);
  if (!h->IsObject()) return -1;
  v8::Local<v8::Object> hooks = h.As<v8::Object>();
  Serializer sd(isolate, hooks);
  std::pair<uint8_t *, size_t> data{nullptr, 0};
  std::vector<v8::Local<v8::ArrayBuffer>> moved;
  v8::Local<v8::Value> received, out;
  if (!serialize(isolate, hooks, shim::call_arg(call, i), shim::call_arg(call, transfer_i),
                 &data, &moved, &received, &sd)) {
    return -1;
  }
  std::vector<v8::Local<v8::SharedArrayBuffer>> shared = sd.shared_locals();
  bool ok = deserialize(isolate, hooks, data.first, data.second, moved, received, &shared,
                        &out);
  std::free(data.first);
  if (!ok) return -1;
  info.GetReturnValue().Set(out);
  return 0;
}

// serialize(value, transfer, hooks, shareable) -> [bytes (Uint8Array), buffers (array of
// the moved ArrayBuffers), received (hooks.transfer's result or undefined), shared (the
// SharedArrayBuffers, in the order of their ids in the bytes, or undefined)].
// SharedArrayBuffers are refused unless shareable is true (a message to a worker, which gets
// the same memory).
int shim_call_return_serialized(shim_call *call, int i, int transfer_i, int hooks_i,
                                int shared_i) {
  const v8::FunctionCallbackInfo<v8::Value> &info = shim::call_info(call);
  v8::Isolate *isolate = info.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  v8::Local<v8::Value> h = shim::call_arg(call, hooks_i);
  if (!h->IsObject()) return -1;
  v8::Local<v8::Object> hooks = h.As<v8::Object>();
  Serializer sd(isolate, hooks);
  std::pair<uint8_t *, size_t> data{nullptr, 0};
  std::vector<v8::Local<v8::ArrayBuffer>> moved;
  v8::Local<v8::Value> received;
  if (!serialize(isolate, hooks, shim::call_arg(call, i), shim::call_arg(call, transfer_i),
                 &data, &moved, &received, &sd)) {
    return -1;
  }
  bool shareable = shim::call_arg(call, shared_i)->IsTrue();
  if (!sd.shared.empty() && !shareable) {
    std::free(data.first);
    throw_clone_error(isolate, hooks,
                      str(isolate, "#<SharedArrayBuffer> could not be cloned."));
    return -1;
  }
  // The serializer's buffer becomes the bytes' backing store (no copy).
  std::unique_ptr<v8::BackingStore> store =
      v8::ArrayBuffer::NewBackingStore(data.first, data.second, free_bytes, nullptr);
  size_t len = data.second;
  v8::Local<v8::ArrayBuffer> ab = v8::ArrayBuffer::New(isolate, std::move(store));
  v8::Local<v8::Array> buffers = v8::Array::New(isolate, static_cast<int>(moved.size()));
  for (size_t k = 0; k < moved.size(); k++) {
    if (buffers->Set(context, static_cast<uint32_t>(k), moved[k]).IsNothing()) return -1;
  }
  v8::Local<v8::Value> shared = v8::Undefined(isolate);
  if (!sd.shared.empty()) {
    v8::Local<v8::Array> list = v8::Array::New(isolate, static_cast<int>(sd.shared.size()));
    for (size_t k = 0; k < sd.shared.size(); k++) {
      if (list->Set(context, static_cast<uint32_t>(k), sd.shared[k].Get(isolate)).IsNothing()) {
        return -1;
      }
    }
    shared = list;
  }
  v8::Local<v8::Value> parts[4] = {v8::Uint8Array::New(ab, 0, len), buffers, received, shared};
  info.GetReturnValue().Set(v8::Array::New(isolate, parts, 4));
  return 0;
}

// deserialize(bytes, buffers, received, hooks, shared) -> value (the inverse of the above).
int shim_call_return_deserialized(shim_call *call, int bytes_i, int buffers_i, int received_i,
                                  int hooks_i, int shared_i) {
  const v8::FunctionCallbackInfo<v8::Value> &info = shim::call_info(call);
  v8::Isolate *isolate = info.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  v8::Local<v8::Value> h = shim::call_arg(call, hooks_i);
  v8::Local<v8::Value> b = shim::call_arg(call, bytes_i);
  v8::Local<v8::Value> bufs = shim::call_arg(call, buffers_i);
  if (!h->IsObject() || !b->IsUint8Array() || !bufs->IsArray()) return -1;
  v8::Local<v8::Object> hooks = h.As<v8::Object>();
  v8::Local<v8::Uint8Array> bytes = b.As<v8::Uint8Array>();
  std::vector<v8::Local<v8::ArrayBuffer>> moved;
  v8::Local<v8::Array> list = bufs.As<v8::Array>();
  for (uint32_t k = 0; k < list->Length(); k++) {
    v8::Local<v8::Value> item;
    if (!list->Get(context, k).ToLocal(&item)) return -1;
    if (!item->IsArrayBuffer()) return -1;
    moved.push_back(item.As<v8::ArrayBuffer>());
  }
  std::vector<v8::Local<v8::SharedArrayBuffer>> shared;
  v8::Local<v8::Value> sh = shim::call_arg(call, shared_i);
  if (sh->IsArray()) {
    v8::Local<v8::Array> a = sh.As<v8::Array>();
    for (uint32_t k = 0; k < a->Length(); k++) {
      v8::Local<v8::Value> item;
      if (!a->Get(context, k).ToLocal(&item)) return -1;
      if (!item->IsSharedArrayBuffer()) return -1;
      shared.push_back(item.As<v8::SharedArrayBuffer>());
    }
  }
  const uint8_t *data = static_cast<const uint8_t *>(bytes->Buffer()->Data()) + bytes->ByteOffset();
  v8::Local<v8::Value> out;
  if (!deserialize(isolate, hooks, data, bytes->ByteLength(), moved,
                   shim::call_arg(call, received_i), &shared, &out)) {
    return -1;
  }
  info.GetReturnValue().Set(out);
  return 0;
}

// A constructor whose instances have one internal field: V8's serializer hands such objects
// to the delegate (WriteHostObject) instead of copying their properties. Platform classes
// (MessagePort, DOMException, Blob...) derive from it, so structuredClone can clone or
// refuse them as the spec says.
int shim_call_return_platform_base(shim_call *call) {
  const v8::FunctionCallbackInfo<v8::Value> &info = shim::call_info(call);
  v8::Isolate *isolate = info.GetIsolate();
  v8::Local<v8::FunctionTemplate> t = v8::FunctionTemplate::New(isolate);
  t->InstanceTemplate()->SetInternalFieldCount(1);
  t->SetClassName(str(isolate, "PlatformObject"));
  v8::Local<v8::Function> fn;
  if (!t->GetFunction(isolate->GetCurrentContext()).ToLocal(&fn)) return -1;
  info.GetReturnValue().Set(fn);
  return 0;
}

}  // extern "C"
