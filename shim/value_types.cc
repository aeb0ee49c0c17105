// value_types.cc: values made and read from C beyond the basic ones (value.cc): arrays,
// object keys, JSON, BigInt, ArrayBuffers and typed arrays, promises settled from C, and
// JS functions backed by a C function.
#include <cstdlib>
#include <cstring>
#include <new>
#include <vector>

#include "shim_internal.h"

namespace shim {
v8::Local<v8::Value> call_arg(shim_call *call, int i);
}  // namespace shim

using shim::local;
using shim::make_global;

namespace {

// Promises made by shim_promise_new carry this private mark until they are settled: only
// they may be settled from C (a JS promise's fate is its executor's).
v8::Local<v8::Private> settle_mark(v8::Isolate *isolate) {
  return v8::Private::ForApi(isolate, v8::String::NewFromUtf8Literal(isolate, "mrt:settle"));
}

}  // namespace

// A JS function backed by a C function. The function holds it weakly: when the function is
// collected the record goes, with release(data); those still alive go with the isolate.
struct c_function_list {
  c_function_list *prev, *next;
};

namespace {

struct c_function : c_function_list {
  v8::Global<v8::Function> fn;
  shim_isolate *iso;
  shim_function_cb call;
  void *data;
  void (*release)(void *);
};

void c_function_drop(c_function *f) {
  if (f->prev) f->prev->next = f->next;
  else f->iso->c_functions = f->next;
  if (f->next) f->next->prev = f->prev;
  f->fn.Reset();
  if (f->release) f->release(f->data);
  delete f;
}

void c_function_gone(const v8::WeakCallbackInfo<c_function> &info) {
  c_function_drop(info.GetParameter());
}

void c_function_trampoline(const v8::FunctionCallbackInfo<v8::Value> &info) {
  c_function *f = static_cast<c_function *>(info.Data().As<v8::External>()->Value());
  shim::call_native(info, f->call, f->data);
}

}  // namespace

extern "C" {

shim_global *shim_array(shim_isolate *iso, uint32_t length) {
  SHIM_ENTER(iso);
  if (length > static_cast<uint32_t>(INT32_MAX)) return nullptr;
  return make_global(isolate, v8::Array::New(isolate, static_cast<int>(length)));
}

int shim_array_length(shim_isolate *iso, const shim_global *arr, uint32_t *len) {
  SHIM_ENTER(iso);
  v8::Local<v8::Value> v = local(isolate, arr);
  if (!v->IsArray()) return -1;
  *len = v.As<v8::Array>()->Length();
  return 0;
}

int shim_get_index(shim_isolate *iso, const shim_global *obj, uint32_t index, shim_global **out,
                   shim_exception *exc) {
  SHIM_ENTER(iso);
  v8::Local<v8::Value> o = local(isolate, obj);
  if (!o->IsObject()) return -2;
  v8::TryCatch tc(isolate);
  v8::Local<v8::Value> result;
  if (!o.As<v8::Object>()->Get(context, index).ToLocal(&result)) {
    shim::exception_from_trycatch(iso, context, tc, exc);
    return -1;
  }
  *out = make_global(isolate, result);
  return *out ? 0 : -1;
}

int shim_set_index(shim_isolate *iso, const shim_global *obj, uint32_t index,
                   const shim_global *val, shim_exception *exc) {
  SHIM_ENTER(iso);
  v8::Local<v8::Value> o = local(isolate, obj);
  if (!o->IsObject()) return -2;
  v8::TryCatch tc(isolate);
  if (!o.As<v8::Object>()->Set(context, index, local(isolate, val)).IsJust()) {
    shim::exception_from_trycatch(iso, context, tc, exc);
    return -1;
  }
  return 0;
}

int shim_object_keys(shim_isolate *iso, const shim_global *obj, shim_global **out,
                     shim_exception *exc) {
  SHIM_ENTER(iso);
  v8::Local<v8::Value> o = local(isolate, obj);
  if (!o->IsObject()) return -2;
  v8::TryCatch tc(isolate);
  // Object.keys: own, enumerable, string keys; integer keys as strings.
  v8::Local<v8::Array> keys;
  if (!o.As<v8::Object>()
           ->GetOwnPropertyNames(context, v8::ONLY_ENUMERABLE, v8::KeyConversionMode::kConvertToString)
           .ToLocal(&keys)) {
    shim::exception_from_trycatch(iso, context, tc, exc);
    return -1;
  }
  *out = make_global(isolate, keys);
  return *out ? 0 : -1;
}

int shim_json_parse(shim_isolate *iso, const char *json, size_t len, shim_global **out,
                    shim_exception *exc) {
  SHIM_ENTER(iso);
  v8::TryCatch tc(isolate);
  v8::Local<v8::String> s;
  v8::Local<v8::Value> v;
  if (len > static_cast<size_t>(v8::String::kMaxLength)) {
    return -2;
  }
  if (!v8::String::NewFromUtf8(isolate, json, v8::NewStringType::kNormal, static_cast<int>(len))
           .ToLocal(&s) ||
      !v8::JSON::Parse(context, s).ToLocal(&v)) {
    shim::exception_from_trycatch(iso, context, tc, exc);
    return -1;
  }
  *out = make_global(isolate, v);
  return *out ? 0 : -1;
}

shim_global *shim_bigint_int64(shim_isolate *iso, int64_t v) {
  SHIM_ENTER(iso);
  return make_global(isolate, v8::BigInt::New(isolate, v));
}

shim_global *shim_bigint_uint64(shim_isolate *iso, uint64_t v) {
  SHIM_ENTER(iso);
  return make_global(isolate, v8::BigInt::NewFromUnsigned(isolate, v));
}

int shim_bigint_value(shim_isolate *iso, const shim_global *g, int is_signed, int64_t *s,
                      uint64_t *u, int *lossless) {
  SHIM_ENTER(iso);
  v8::Local<v8::Value> v = local(isolate, g);
  if (!v->IsBigInt()) return -1;
  bool exact = false;
  if (is_signed) *s = v.As<v8::BigInt>()->Int64Value(&exact);
  else *u = v.As<v8::BigInt>()->Uint64Value(&exact);
  *lossless = exact;
  return 0;
}

shim_global *shim_array_buffer(shim_isolate *iso, const void *bytes, size_t len, void **data) {
  SHIM_ENTER(iso);
  std::unique_ptr<v8::BackingStore> store = v8::ArrayBuffer::NewBackingStore(isolate, len);
  if (!store || (len && !store->Data())) return nullptr;
  if (bytes && len) std::memcpy(store->Data(), bytes, len);
  if (data) *data = store->Data();
  return make_global(isolate, v8::ArrayBuffer::New(isolate, std::move(store)));
}

shim_store *shim_call_take_store(shim_call *call, int i, size_t *len) {
  v8::Local<v8::Value> v = shim::call_arg(call, i);
  if (!v->IsArrayBuffer()) return nullptr;
  v8::Local<v8::ArrayBuffer> ab = v.As<v8::ArrayBuffer>();
  if (!ab->IsDetachable() || ab->WasDetached()) return nullptr;
  auto *held = new (std::nothrow) std::shared_ptr<v8::BackingStore>(ab->GetBackingStore());
  if (!held) return nullptr;
  *len = (*held)->ByteLength();
  ab->Detach();
  return reinterpret_cast<shim_store *>(held);
}

int shim_call_take_shared(shim_call *call, int i, shim_store ***out, size_t *n) {
  v8::Local<v8::Value> v = shim::call_arg(call, i);
  *out = nullptr;
  *n = 0;
  if (!v->IsArray()) return -1;
  v8::Local<v8::Array> a = v.As<v8::Array>();
  v8::Local<v8::Context> context = v8::Isolate::GetCurrent()->GetCurrentContext();
  uint32_t len = a->Length();
  shim_store **stores = static_cast<shim_store **>(std::calloc(len ? len : 1, sizeof *stores));
  if (!stores) return -1;
  for (uint32_t k = 0; k < len; k++) {
    v8::Local<v8::Value> item;
    std::shared_ptr<v8::BackingStore> *held = nullptr;
    if (a->Get(context, k).ToLocal(&item) && item->IsSharedArrayBuffer()) {
      held = new (std::nothrow)
          std::shared_ptr<v8::BackingStore>(item.As<v8::SharedArrayBuffer>()->GetBackingStore());
    }
    if (!held) {
      for (uint32_t j = 0; j < k; j++) shim_store_release(stores[j]);
      std::free(stores);
      return -1;
    }
    stores[k] = reinterpret_cast<shim_store *>(held);
  }
  *out = stores;
  *n = len;
  return 0;
}

void shim_store_release(shim_store *store) {
  delete reinterpret_cast<std::shared_ptr<v8::BackingStore> *>(store);
}

// One array of numbers, strings (copied), ArrayBuffers that take over malloc'd memory (freed
// with free() when collected) and (Shared)ArrayBuffers over shim_stores (their bytes set to
// NULL once taken): a batch of messages for JS in one call, without a global handle per
// element.
shim_global *shim_batch_array(shim_isolate *iso, shim_batch_item *items, size_t n) {
  SHIM_ENTER(iso);
  std::vector<v8::Local<v8::Value>> values;
  values.reserve(n);
  for (size_t i = 0; i < n; i++) {
    shim_batch_item &it = items[i];
    v8::Local<v8::Value> v;
    if (it.kind == SHIM_BATCH_NUMBER) {
      v = v8::Number::New(isolate, it.number);
    } else if (it.kind == SHIM_BATCH_STRING) {
      v8::Local<v8::String> str;
      if (!v8::String::NewFromUtf8(isolate, static_cast<const char *>(it.bytes),
                                   v8::NewStringType::kNormal, static_cast<int>(it.len))
               .ToLocal(&str)) {
        str = v8::String::Empty(isolate);
      }
      v = str;
    } else if (it.kind == SHIM_BATCH_SHARED) {
      auto *held = static_cast<std::shared_ptr<v8::BackingStore> *>(it.bytes);
      if (held) v = v8::SharedArrayBuffer::New(isolate, *held);
      else v = v8::Undefined(isolate);
      delete held;
      it.bytes = nullptr;
    } else if (it.kind == SHIM_BATCH_STORE) {
      auto *held = static_cast<std::shared_ptr<v8::BackingStore> *>(it.bytes);
      v = held ? v8::ArrayBuffer::New(isolate, *held) : v8::ArrayBuffer::New(isolate, 0);
      delete held;
      it.bytes = nullptr;
    } else if (it.bytes && it.len) {
      std::unique_ptr<v8::BackingStore> store = v8::ArrayBuffer::NewBackingStore(
          it.bytes, it.len, [](void *data, size_t, void *) { std::free(data); }, nullptr);
      it.bytes = nullptr;
      v = v8::ArrayBuffer::New(isolate, std::move(store));
    } else {
      std::free(it.bytes);
      it.bytes = nullptr;
      v = v8::ArrayBuffer::New(isolate, 0);
    }
    values.push_back(v);
  }
  return make_global(isolate, v8::Array::New(isolate, values.data(), values.size()));
}

int shim_typed_array(shim_isolate *iso, int type, const shim_global *buffer, size_t byte_offset,
                     size_t length, shim_global **out, shim_exception *exc) {
  SHIM_ENTER(iso);
  static const size_t sizes[] = {1, 1, 1, 2, 2, 4, 4, 4, 8, 8, 8};
  v8::Local<v8::Value> b = local(isolate, buffer);
  if (type < 0 || type >= static_cast<int>(sizeof sizes / sizeof sizes[0])) {
    return -2;
  }
  if (!b->IsArrayBuffer()) return -2;
  v8::Local<v8::ArrayBuffer> ab = b.As<v8::ArrayBuffer>();
  size_t size = sizes[type], avail = ab->ByteLength();
  // V8 checks none of this in a release build: a view past the end would read out of bounds.
  if (byte_offset % size != 0 || byte_offset > avail || length > (avail - byte_offset) / size ||
      length > v8::TypedArray::kMaxLength) {
    return -3;
  }
  v8::Local<v8::TypedArray> ta;
  switch (type) {
    case SHIM_INT8: ta = v8::Int8Array::New(ab, byte_offset, length); break;
    case SHIM_UINT8: ta = v8::Uint8Array::New(ab, byte_offset, length); break;
    case SHIM_UINT8_CLAMPED: ta = v8::Uint8ClampedArray::New(ab, byte_offset, length); break;
    case SHIM_INT16: ta = v8::Int16Array::New(ab, byte_offset, length); break;
    case SHIM_UINT16: ta = v8::Uint16Array::New(ab, byte_offset, length); break;
    case SHIM_INT32: ta = v8::Int32Array::New(ab, byte_offset, length); break;
    case SHIM_UINT32: ta = v8::Uint32Array::New(ab, byte_offset, length); break;
    case SHIM_FLOAT32: ta = v8::Float32Array::New(ab, byte_offset, length); break;
    case SHIM_FLOAT64: ta = v8::Float64Array::New(ab, byte_offset, length); break;
    case SHIM_BIGINT64: ta = v8::BigInt64Array::New(ab, byte_offset, length); break;
    default: ta = v8::BigUint64Array::New(ab, byte_offset, length); break;
  }
  *out = make_global(isolate, ta);
  return *out ? 0 : -1;
}

int shim_typed_array_info(shim_isolate *iso, const shim_global *g, int *type, size_t *length,
                          size_t *byte_offset, shim_global **buffer) {
  SHIM_ENTER(iso);
  v8::Local<v8::Value> v = local(isolate, g);
  if (!v->IsTypedArray()) return -1;
  v8::Local<v8::TypedArray> ta = v.As<v8::TypedArray>();
  int t = v->IsInt8Array()           ? SHIM_INT8
          : v->IsUint8Array()        ? SHIM_UINT8
          : v->IsUint8ClampedArray() ? SHIM_UINT8_CLAMPED
          : v->IsInt16Array()        ? SHIM_INT16
          : v->IsUint16Array()       ? SHIM_UINT16
          : v->IsInt32Array()        ? SHIM_INT32
          : v->IsUint32Array()       ? SHIM_UINT32
          : v->IsFloat32Array()      ? SHIM_FLOAT32
          : v->IsFloat64Array()      ? SHIM_FLOAT64
          : v->IsBigInt64Array()     ? SHIM_BIGINT64
                                     : SHIM_BIGUINT64;
  if (type) *type = t;
  if (length) *length = ta->Length();
  if (byte_offset) *byte_offset = ta->ByteOffset();
  if (buffer) *buffer = make_global(isolate, ta->Buffer());
  return 0;
}

int shim_buffer_data(shim_isolate *iso, const shim_global *g, void **data, size_t *len) {
  SHIM_ENTER(iso);
  v8::Local<v8::Value> v = local(isolate, g);
  if (v->IsArrayBuffer()) {
    std::shared_ptr<v8::BackingStore> s = v.As<v8::ArrayBuffer>()->GetBackingStore();
    *data = s->Data();
    *len = s->ByteLength();
    return 0;
  }
  if (v->IsSharedArrayBuffer()) {
    std::shared_ptr<v8::BackingStore> s = v.As<v8::SharedArrayBuffer>()->GetBackingStore();
    *data = s->Data();
    *len = s->ByteLength();
    return 0;
  }
  if (v->IsArrayBufferView()) {
    v8::Local<v8::ArrayBufferView> view = v.As<v8::ArrayBufferView>();
    size_t n = view->ByteLength();
    std::shared_ptr<v8::BackingStore> s = view->Buffer()->GetBackingStore();
    *data = n && s->Data() ? static_cast<char *>(s->Data()) + view->ByteOffset() : nullptr;
    *len = n;
    return 0;
  }
  return -1;
}

shim_global *shim_promise_new(shim_isolate *iso) {
  SHIM_ENTER(iso);
  v8::Local<v8::Promise::Resolver> r;
  if (!v8::Promise::Resolver::New(context).ToLocal(&r)) return nullptr;
  v8::Local<v8::Promise> p = r->GetPromise();
  if (!p->SetPrivate(context, settle_mark(isolate), v8::True(isolate)).FromMaybe(false)) {
    return nullptr;
  }
  return make_global(isolate, p);
}

int shim_promise_settle(shim_isolate *iso, const shim_global *promise, const shim_global *value,
                        int reject) {
  SHIM_ENTER(iso);
  v8::Local<v8::Value> p = local(isolate, promise);
  if (!p->IsPromise()) return -1;
  v8::Local<v8::Object> o = p.As<v8::Object>();
  v8::Local<v8::Private> mark = settle_mark(isolate);
  v8::Local<v8::Value> state;
  if (!o->GetPrivate(context, mark).ToLocal(&state) || state->IsUndefined()) return -1;
  if (!state->IsTrue()) return -2; // settled from C already (maybe locked in to a thenable)
  v8::TryCatch tc(isolate);         // nothing user-visible throws; a termination may land
  o->SetPrivate(context, mark, v8::False(isolate)).Check();
  v8::Local<v8::Promise::Resolver> r = p.As<v8::Promise::Resolver>();
  bool ok = reject ? r->Reject(context, local(isolate, value)).FromMaybe(false)
                   : r->Resolve(context, local(isolate, value)).FromMaybe(false);
  return ok ? 0 : -3;
}

shim_global *shim_function_new(shim_isolate *iso, const char *name, shim_function_cb call,
                               void *data, void (*release)(void *)) {
  SHIM_ENTER(iso);
  // On failure data is released here (or with the function, if it exists), never twice.
  c_function *f = new (std::nothrow) c_function;
  if (!f) {
    if (release) release(data);
    return nullptr;
  }
  f->iso = iso;
  f->call = call;
  f->data = data;
  f->release = release;
  v8::Local<v8::Function> fn;
  if (!v8::Function::New(context, c_function_trampoline, v8::External::New(isolate, f), 0,
                         v8::ConstructorBehavior::kThrow)
           .ToLocal(&fn)) {
    delete f;
    if (release) release(data);
    return nullptr;
  }
  v8::Local<v8::String> key;
  if (name && v8::String::NewFromUtf8(isolate, name).ToLocal(&key)) fn->SetName(key);
  f->fn.Reset(isolate, fn);
  f->fn.SetWeak(f, c_function_gone, v8::WeakCallbackType::kParameter);
  f->prev = nullptr;
  f->next = iso->c_functions;
  if (f->next) f->next->prev = f;
  iso->c_functions = f;
  return make_global(isolate, fn);
}

}  // extern "C"

namespace shim {
void c_functions_free(shim_isolate *iso) {
  while (iso->c_functions) c_function_drop(static_cast<c_function *>(iso->c_functions));
}
}  // namespace shim
