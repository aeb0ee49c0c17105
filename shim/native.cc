// native.cc: C functions callable from JS (the op trampoline), their argument and return
// accessors, and the batched settling of async ops.
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>
#include <memory>
#include <new>

#include "shim_internal.h"
#include "fast_api.h"

// Strings handed to a native live in the call's arena: a small inline block first, then
// malloc'd blocks released when the native returns. No allocation for typical arguments.
struct shim_call {
  const v8::FunctionCallbackInfo<v8::Value> *info;
  shim_isolate *iso;
  int shift;
  int threw; // an exception is pending: thrown by the native, or by converting an argument
  size_t arena_used;
  struct heap_block *blocks;
  char arena[512];
};

struct heap_block {
  heap_block *next;
  char data[];
};

namespace shim {
// A Smi's value without a call into V8 (Local<Value> points at a tagged word), or dflt.
inline int64_t smi_or(v8::Local<v8::Value> v, int64_t dflt) {
  using I = v8::internal::Internals;
  v8::internal::Address a = *reinterpret_cast<const v8::internal::Address *>(*v);
  return I::HasHeapObjectTag(a) ? dflt : I::SmiValue(a);
}
}  // namespace shim

namespace {

// Runs body(&call) with a shim_call over info, then frees the call's heap blocks. Inlined
// by force: it is on every op call (as a call of its own it cost ~6% of a slow op call).
template <typename Body>
__attribute__((always_inline)) inline void with_call(
    const v8::FunctionCallbackInfo<v8::Value> &info, shim_isolate *iso, Body body) {
  shim_call call;
  call.info = &info;
  call.iso = iso;
  call.shift = 0;
  call.threw = 0;
  call.arena_used = 0;
  call.blocks = nullptr;
  body(&call);
  for (heap_block *b = call.blocks; b;) {
    heap_block *next = b->next;
    std::free(b);
    b = next;
  }
}

void trampoline(const v8::FunctionCallbackInfo<v8::Value> &info) {
  shim_isolate *iso = shim::from(info.GetIsolate());
  // The data is the native's index, a Smi: read it inline rather than through the API.
  uint32_t index = static_cast<uint32_t>(shim::smi_or(info.Data(), -1));
  if (index == UINT32_MAX) index = info.Data().As<v8::Uint32>()->Value();
  with_call(info, iso, [&](shim_call *call) {
    iso->host.native_call(iso->host.data, index, call);
  });
}

}  // namespace

namespace shim {
void call_native(const v8::FunctionCallbackInfo<v8::Value> &info, shim_function_cb fn,
                 void *data) {
  with_call(info, shim::from(info.GetIsolate()), [&](shim_call *call) { fn(data, call); });
}
}  // namespace shim

namespace {

char *call_alloc(shim_call *call, size_t n) {
  if (call->arena_used + n <= sizeof call->arena) {
    char *p = call->arena + call->arena_used;
    call->arena_used += (n + 7) & ~size_t(7);
    return p;
  }
  heap_block *b = static_cast<heap_block *>(std::malloc(sizeof(heap_block) + n));
  if (!b) return nullptr;
  b->next = call->blocks;
  call->blocks = b;
  return b->data;
}

inline v8::Local<v8::Value> arg(shim_call *call, int i) { return (*call->info)[i + call->shift]; }

}  // namespace

namespace shim {
// queueMicrotask: the hottest native of promise-heavy code, so a callback of its own
// rather than an op (no dispatch through the op table, no counters).
void queue_microtask(const v8::FunctionCallbackInfo<v8::Value> &info) {
  v8::Isolate *isolate = info.GetIsolate();
  if (!info[0]->IsFunction()) {
    v8::Local<v8::Value> err = v8::Exception::TypeError(v8::String::NewFromUtf8Literal(
        isolate, "The \"callback\" argument must be of type function."));
    err.As<v8::Object>()
        ->Set(isolate->GetCurrentContext(), v8::String::NewFromUtf8Literal(isolate, "code"),
              v8::String::NewFromUtf8Literal(isolate, "ERR_INVALID_ARG_TYPE"))
        .Check();
    isolate->ThrowException(err);
    return;
  }
  isolate->EnqueueMicrotask(info[0].As<v8::Function>());
}

// The trampoline, queueMicrotask, then each static fast path's function and CFunctionInfo
// (fast_api.cc fills them in once, before the first isolate).
const intptr_t *external_references() {
  static const intptr_t *refs = [] {
    const intptr_t *fast = nullptr;
    size_t n = fast_api_static_refs(&fast);
    intptr_t *r = new intptr_t[3 + n];
    r[0] = reinterpret_cast<intptr_t>(trampoline);
    r[1] = reinterpret_cast<intptr_t>(queue_microtask);
    for (size_t i = 0; i < n; i++) r[2 + i] = fast[i];
    r[2 + n] = 0;
    return r;
  }();
  return refs;
}

const v8::FunctionCallbackInfo<v8::Value> &call_info(shim_call *call) { return *call->info; }
v8::Local<v8::Value> call_arg(shim_call *call, int i) { return arg(call, i); }
}  // namespace shim

extern "C" {

int shim_install_native(shim_isolate *iso, const shim_global *obj, const char *name,
                        uint32_t index, const shim_fast_sig *fast) {
  SHIM_ENTER(iso);
  v8::Local<v8::Value> target = shim::local(isolate, obj);
  if (!target->IsObject()) return -1;
  // A V8 Fast API path when the signature has one (fast_api.cc); the trampoline stays the
  // slow path.
  v8::CFunction c_function;
  bool has_fast = fast && (shim::fast_api_static(fast->fn, &c_function) ||
                           shim::fast_api_own(iso, fast->fn, &c_function) ||
                           shim::fast_api_make(iso, index, fast, &c_function));
  v8::Local<v8::FunctionTemplate> tmpl = v8::FunctionTemplate::New(
      isolate, trampoline, v8::Integer::NewFromUnsigned(isolate, index), v8::Local<v8::Signature>(),
      0, v8::ConstructorBehavior::kThrow, v8::SideEffectType::kHasSideEffect,
      has_fast ? &c_function : nullptr);
  v8::Local<v8::String> key;
  v8::Local<v8::Function> fn;
  if (!v8::String::NewFromUtf8(isolate, name).ToLocal(&key) ||
      !tmpl->GetFunction(context).ToLocal(&fn)) {
    return -1;
  }
  fn->SetName(key);
  return target.As<v8::Object>()->Set(context, key, fn).FromMaybe(false) ? 0 : -1;
}

// Function::SetName renames the function's SharedFunctionInfo: its `name` and toString
// both follow, as for the engine's own built-ins.
int shim_call_set_function_name(shim_call *call, int fn_i, int name_i) {
  v8::Local<v8::Value> fn = arg(call, fn_i), name = arg(call, name_i);
  if (!fn->IsFunction() || !name->IsString()) return -1;
  fn.As<v8::Function>()->SetName(name.As<v8::String>());
  return 0;
}

shim_isolate *shim_call_isolate(shim_call *call) { return call->iso; }

int shim_call_argc(shim_call *call) {
  int n = call->info->Length() - call->shift;
  return n < 0 ? 0 : n;
}

int shim_call_arg_type(shim_call *call, int i) { return shim::type_of(arg(call, i)); }

double shim_call_arg_number(shim_call *call, int i) {
  v8::Local<v8::Value> v = arg(call, i);
  int64_t smi = shim::smi_or(v, INT64_MIN);
  if (smi != INT64_MIN) return static_cast<double>(smi);
  if (v->IsNumber()) return v.As<v8::Number>()->Value();
  v8::Isolate *isolate = call->info->GetIsolate();
  double d;
  if (v->NumberValue(isolate->GetCurrentContext()).To(&d)) return d;
  call->threw = 1;
  return std::nan("");
}

int shim_call_arg_boolean(shim_call *call, int i) {
  return arg(call, i)->BooleanValue(call->info->GetIsolate());
}

// String(arg i), without a conversion when it is one already; false if converting threw.
static bool arg_to_string(shim_call *call, int i, v8::Local<v8::String> *s) {
  v8::Local<v8::Value> v = arg(call, i);
  if (v->IsString()) {
    *s = v.As<v8::String>();
    return true;
  }
  if (v->ToString(call->info->GetIsolate()->GetCurrentContext()).ToLocal(s)) return true;
  call->threw = 1;
  return false;
}

const char *shim_call_arg_string(shim_call *call, int i, size_t *len) {
  v8::Isolate *isolate = call->info->GetIsolate();
  v8::Local<v8::String> s;
  if (!arg_to_string(call, i, &s)) return nullptr;
  // One-byte strings: Latin-1 needs up to 2 bytes per char in UTF-8; others up to 3.
  int length = s->Length();
  size_t cap = (s->IsOneByte() ? 2 : 3) * static_cast<size_t>(length) + 1;
  char *buf = call_alloc(call, cap);
  if (!buf) return nullptr;
  int written = s->WriteUtf8(isolate, buf, static_cast<int>(cap), nullptr,
                             v8::String::NO_NULL_TERMINATION | v8::String::REPLACE_INVALID_UTF8);
  buf[written] = '\0';
  if (len) *len = static_cast<size_t>(written);
  return buf;
}

const char *shim_call_arg_latin1(shim_call *call, int i, size_t *len) {
  v8::Isolate *isolate = call->info->GetIsolate();
  v8::Local<v8::String> s;
  if (!arg_to_string(call, i, &s)) return nullptr;
  if (!s->ContainsOnlyOneByte()) return nullptr;
  size_t n = static_cast<size_t>(s->Length());
  char *buf = call_alloc(call, n + 1);
  if (!buf) return nullptr;
  s->WriteOneByte(isolate, reinterpret_cast<uint8_t *>(buf), 0, static_cast<int>(n),
                  v8::String::NO_NULL_TERMINATION);
  buf[n] = '\0';
  if (len) *len = n;
  return buf;
}

int shim_call_arg_buffer(shim_call *call, int i, void **data, size_t *len) {
  v8::Local<v8::Value> v = arg(call, i);
  if (v->IsArrayBufferView()) {
    v8::Local<v8::ArrayBufferView> view = v.As<v8::ArrayBufferView>();
    *data = static_cast<char *>(view->Buffer()->Data()) + view->ByteOffset();
    *len = view->ByteLength();
    return 0;
  }
  if (v->IsArrayBuffer()) {
    v8::Local<v8::ArrayBuffer> ab = v.As<v8::ArrayBuffer>();
    *data = ab->Data();
    *len = ab->ByteLength();
    return 0;
  }
  return -1;
}

struct shim_buffer_hold {
  std::shared_ptr<v8::BackingStore> store;
};

shim_buffer_hold *shim_call_arg_buffer_hold(shim_call *call, int i, void **data, size_t *len) {
  v8::Local<v8::Value> v = arg(call, i);
  v8::Local<v8::ArrayBuffer> ab;
  size_t offset = 0, length;
  if (v->IsArrayBufferView()) {
    v8::Local<v8::ArrayBufferView> view = v.As<v8::ArrayBufferView>();
    ab = view->Buffer(); // moves a small on-heap array's bytes off the heap: they stay put
    offset = view->ByteOffset();
    length = view->ByteLength();
  } else if (v->IsArrayBuffer()) {
    ab = v.As<v8::ArrayBuffer>();
    length = ab->ByteLength();
  } else {
    return nullptr;
  }
  shim_buffer_hold *hold = new (std::nothrow) shim_buffer_hold;
  if (!hold) return nullptr;
  hold->store = ab->GetBackingStore();
  // A detached buffer has no store (or an empty one): nothing to point into.
  char *base = static_cast<char *>(hold->store ? hold->store->Data() : nullptr);
  *data = base ? base + offset : nullptr;
  *len = base ? length : 0;
  return hold;
}

void shim_buffer_release(shim_buffer_hold *hold) { delete hold; }

shim_global *shim_call_arg(shim_call *call, int i) {
  return shim::make_global(call->info->GetIsolate(), arg(call, i));
}

void shim_call_shift(shim_call *call, int n) { call->shift += n; }

int shim_install_queue_microtask(shim_isolate *iso, const shim_global *obj, const char *name) {
  SHIM_ENTER(iso);
  v8::Local<v8::Value> target = shim::local(isolate, obj);
  v8::Local<v8::Function> fn;
  v8::Local<v8::String> key;
  if (!target->IsObject() || !v8::String::NewFromUtf8(isolate, name).ToLocal(&key) ||
      !v8::FunctionTemplate::New(isolate, shim::queue_microtask, v8::Local<v8::Value>(),
                                 v8::Local<v8::Signature>(), 1, v8::ConstructorBehavior::kThrow)
           ->GetFunction(context)
           .ToLocal(&fn)) {
    return -1;
  }
  fn->SetName(key);
  return target.As<v8::Object>()->Set(context, key, fn).FromMaybe(false) ? 0 : -1;
}

int shim_call_enqueue_microtask(shim_call *call, int i) {
  v8::Local<v8::Value> v = arg(call, i);
  if (!v->IsFunction()) return -1;
  call->info->GetIsolate()->EnqueueMicrotask(v.As<v8::Function>());
  return 0;
}

void shim_call_return_number(shim_call *call, double d) {
  // Integral values in int32 range (not -0) are stored as Smis inline; others allocate.
  if (d >= -2147483648.0 && d <= 2147483647.0) {
    int32_t i = static_cast<int32_t>(d);
    if (static_cast<double>(i) == d && (i != 0 || !std::signbit(d))) {
      call->info->GetReturnValue().Set(i);
      return;
    }
  }
  call->info->GetReturnValue().Set(d);
}

void shim_call_return_boolean(shim_call *call, int b) {
  call->info->GetReturnValue().Set(b != 0);
}

size_t shim_max_string_length(void) { return static_cast<size_t>(v8::String::kMaxLength); }

static v8::Local<v8::Value> make_error(v8::Isolate *isolate, const char *name, const char *code,
                                       const char *message);

// V8's strings are at most v8::String::kMaxLength characters: a longer result is an error
// (Node's ERR_STRING_TOO_LONG), not a silent undefined or "".
static v8::Local<v8::Value> string_too_long(v8::Isolate *isolate) {
  char msg[96];
  std::snprintf(msg, sizeof msg, "Cannot create a string longer than 0x%x characters",
                static_cast<unsigned>(v8::String::kMaxLength));
  return make_error(isolate, nullptr, "ERR_STRING_TOO_LONG", msg);
}

// Bytes beyond what a Uint8Array can hold: V8 would abort the process in Uint8Array::New.
static bool bytes_too_long(size_t len) { return len > v8::TypedArray::kMaxLength; }

static v8::Local<v8::Value> buffer_too_long(v8::Isolate *isolate, size_t len) {
  char msg[96];
  std::snprintf(msg, sizeof msg, "Cannot create a buffer of %zu bytes (the most is %zu)", len,
                static_cast<size_t>(v8::TypedArray::kMaxLength));
  return make_error(isolate, "RangeError", "ERR_BUFFER_TOO_LARGE", msg);
}

// A string from UTF-8 or Latin-1 bytes; empty when longer than V8 allows.
static v8::MaybeLocal<v8::String> new_string(v8::Isolate *isolate, const char *bytes, size_t len,
                                             bool latin1) {
  if (len > static_cast<size_t>(INT32_MAX)) return {};
  if (latin1) {
    return v8::String::NewFromOneByte(isolate, reinterpret_cast<const uint8_t *>(bytes),
                                      v8::NewStringType::kNormal, static_cast<int>(len));
  }
  return v8::String::NewFromUtf8(isolate, bytes, v8::NewStringType::kNormal,
                                 static_cast<int>(len));
}

static void return_string(shim_call *call, const char *bytes, size_t len, bool latin1) {
  v8::Isolate *isolate = call->info->GetIsolate();
  if (shim::string_refused(call->iso, len)) return shim_terminate_now(call->iso);
  v8::Local<v8::String> s;
  if (new_string(isolate, bytes, len, latin1).ToLocal(&s)) call->info->GetReturnValue().Set(s);
  else isolate->ThrowException(string_too_long(isolate));
}

void shim_call_return_string(shim_call *call, const char *utf8, size_t len) {
  return_string(call, utf8, len, false);
}

void shim_call_return_latin1(shim_call *call, const char *bytes, size_t len) {
  return_string(call, bytes, len, true);
}

}  // extern "C"

namespace {
// A string whose characters stay in malloc'd memory the string owns (freed when it is
// collected): a large decoded text is not copied into V8's heap, whose large-object pages
// are fresh mappings each time (page faults on every byte).
// Base is V8's two-byte or one-byte resource class, Char its character type.
template <typename Base, typename Char>
class Owned final : public Base {
 public:
  // V8 is told of the memory (as node does for its external strings), so that garbage
  // strings are collected as their bytes add up, not only as their small headers do.
  Owned(v8::Isolate *isolate, Char *d, size_t n, void (*release)(void *))
      : isolate_(isolate), d_(d), n_(n), release_(release) {
    isolate_->AdjustAmountOfExternalAllocatedMemory(static_cast<int64_t>(bytes()));
  }
  size_t bytes() const { return n_ * sizeof(Char); }
  const Char *data() const override { return d_; }
  size_t length() const override { return n_; }
  void Dispose() override {
    isolate_->AdjustAmountOfExternalAllocatedMemory(-static_cast<int64_t>(bytes()));
    release_(d_);
    delete this;
  }

 private:
  v8::Isolate *isolate_;
  Char *d_;
  size_t n_;
  void (*release_)(void *);
};
using OwnedTwoByte = Owned<v8::String::ExternalStringResource, uint16_t>;
using OwnedOneByte = Owned<v8::String::ExternalOneByteStringResource, char>;
}  // namespace

extern "C" {

void shim_call_return_owned(shim_call *call, void *data, size_t len, int two_byte,
                            void (*release)(void *)) {
  if (!release) release = std::free;
  v8::Isolate *isolate = call->info->GetIsolate();
  size_t bytes = two_byte ? len * 2 : len;
  if (len == 0 || len > static_cast<size_t>(v8::String::kMaxLength)) {
    release(data);
    if (len) isolate->ThrowException(string_too_long(isolate));
    else call->info->GetReturnValue().SetEmptyString();
    return;
  }
  if (shim::string_refused(call->iso, bytes)) {
    release(data);
    return shim_terminate_now(call->iso);
  }
  v8::MaybeLocal<v8::String> made;
  if (two_byte) {
    auto *r = new (std::nothrow) OwnedTwoByte(isolate, static_cast<uint16_t *>(data), len, release);
    if (r) made = v8::String::NewExternalTwoByte(isolate, r);
    if (made.IsEmpty() && r) {
      isolate->AdjustAmountOfExternalAllocatedMemory(-static_cast<int64_t>(r->bytes()));
      delete r;
    }
  } else {
    auto *r = new (std::nothrow) OwnedOneByte(isolate, static_cast<char *>(data), len, release);
    if (r) made = v8::String::NewExternalOneByte(isolate, r);
    if (made.IsEmpty() && r) {
      isolate->AdjustAmountOfExternalAllocatedMemory(-static_cast<int64_t>(r->bytes()));
      delete r;
    }
  }
  v8::Local<v8::String> s;
  if (made.ToLocal(&s)) {
    call->info->GetReturnValue().Set(s);
  } else {
    release(data);
    isolate->ThrowException(string_too_long(isolate));
  }
}

void shim_call_return_utf16(shim_call *call, const uint16_t *units, size_t len) {
  v8::Isolate *isolate = call->info->GetIsolate();
  if (shim::string_refused(call->iso, len * 2)) return shim_terminate_now(call->iso);
  static const uint16_t none = 0; // V8 wants a pointer even for ""
  v8::Local<v8::String> s;
  if (len <= static_cast<size_t>(v8::String::kMaxLength) &&
      v8::String::NewFromTwoByte(isolate, len ? units : &none,
                                 v8::NewStringType::kNormal, static_cast<int>(len))
          .ToLocal(&s)) {
    call->info->GetReturnValue().Set(s);
  } else {
    isolate->ThrowException(string_too_long(isolate));
  }
}

void shim_call_return_value(shim_call *call, const shim_global *v) {
  call->info->GetReturnValue().Set(shim::local(call->info->GetIsolate(), v));
}

void shim_call_return_bytes(shim_call *call, const void *data, size_t len) {
  v8::Isolate *isolate = call->info->GetIsolate();
  if (bytes_too_long(len)) {
    isolate->ThrowException(buffer_too_long(isolate, len));
    return;
  }
  v8::Local<v8::ArrayBuffer> ab = v8::ArrayBuffer::New(isolate, len);
  if (len) std::memcpy(ab->Data(), data, len);
  call->info->GetReturnValue().Set(v8::Uint8Array::New(ab, 0, len));
}

void shim_call_return_undefined(shim_call *call) { call->info->GetReturnValue().SetUndefined(); }

void shim_call_return_items(shim_call *call, const shim_item *items, uint32_t n) {
  v8::Isolate *isolate = call->info->GetIsolate();
  std::vector<v8::Local<v8::Value>> values(n);
  for (uint32_t i = 0; i < n; i++) {
    const shim_item *it = &items[i];
    switch (it->kind) {
      case SHIM_ITEM_NUMBER:
        values[i] = v8::Number::New(isolate, it->n);
        break;
      case SHIM_ITEM_LATIN1: {
        v8::Local<v8::String> s;
        if (shim::string_refused(call->iso, it->len)) return shim_terminate_now(call->iso);
        if (!new_string(isolate, it->p, it->len, true).ToLocal(&s)) {
          isolate->ThrowException(string_too_long(isolate));
          return;
        }
        values[i] = s;
        break;
      }
      case SHIM_ITEM_BYTES: {
        if (bytes_too_long(it->len)) {
          isolate->ThrowException(buffer_too_long(isolate, it->len));
          return;
        }
        v8::Local<v8::ArrayBuffer> ab = v8::ArrayBuffer::New(isolate, it->len);
        if (it->len) std::memcpy(ab->Data(), it->p, it->len);
        values[i] = v8::Uint8Array::New(ab, 0, it->len);
        break;
      }
      default:
        values[i] = v8::Undefined(isolate);
    }
  }
  call->info->GetReturnValue().Set(v8::Array::New(isolate, values.data(), n));
}

static v8::Local<v8::Value> make_error(v8::Isolate *isolate, const char *name, const char *code,
                                       const char *message) {
  v8::Local<v8::String> msg =
      v8::String::NewFromUtf8(isolate, message ? message : "").ToLocalChecked();
  v8::Local<v8::Value> err;
  if (name && std::strcmp(name, "TypeError") == 0) err = v8::Exception::TypeError(msg);
  else if (name && std::strcmp(name, "RangeError") == 0) err = v8::Exception::RangeError(msg);
  else if (name && std::strcmp(name, "SyntaxError") == 0) err = v8::Exception::SyntaxError(msg);
  else err = v8::Exception::Error(msg);
  if (name && std::strcmp(name, "Error") != 0 && std::strcmp(name, "TypeError") != 0 &&
      std::strcmp(name, "RangeError") != 0) {
    /* Another class name (the sandbox's "NotCapable"): an Error whose own name says so. */
    err.As<v8::Object>()
        ->Set(isolate->GetCurrentContext(), v8::String::NewFromUtf8Literal(isolate, "name"),
              v8::String::NewFromUtf8(isolate, name).ToLocalChecked())
        .Check();
  }
  if (code) {
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    err.As<v8::Object>()
        ->Set(context, v8::String::NewFromUtf8Literal(isolate, "code"),
              v8::String::NewFromUtf8(isolate, code).ToLocalChecked())
        .Check();
  }
  return err;
}

int shim_call_threw(shim_call *call) { return call->threw; }

void shim_call_throw(shim_call *call, const char *name, const char *code, const char *message) {
  call->threw = 1;
  v8::Isolate *isolate = call->info->GetIsolate();
  isolate->ThrowException(make_error(isolate, name, code, message));
}

void shim_call_throw_sys(shim_call *call, const char *code, const char *syscall,
                         const char *path, const char *message) {
  call->threw = 1;
  v8::Isolate *isolate = call->info->GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  v8::Local<v8::Value> err = make_error(isolate, nullptr, code, message);
  v8::Local<v8::Object> obj = err.As<v8::Object>();
  if (syscall) {
    obj->Set(context, v8::String::NewFromUtf8Literal(isolate, "syscall"),
             v8::String::NewFromUtf8(isolate, syscall).ToLocalChecked())
        .Check();
  }
  if (path) {
    v8::Local<v8::String> p;
    if (v8::String::NewFromUtf8(isolate, path).ToLocal(&p)) {
      obj->Set(context, v8::String::NewFromUtf8Literal(isolate, "path"), p).Check();
    }
  }
  isolate->ThrowException(err);
}

static inline v8::Local<v8::Value> settlement_value(shim_isolate *iso, v8::Isolate *isolate,
                                                    v8::Local<v8::Context> context,
                                                    const shim_settlement *it, bool *ok_out);

void shim_call_return_settlement(shim_call *call, const shim_settlement *s) {
  v8::Isolate *isolate = call->info->GetIsolate();
  // A string longer than the heap limit allows: terminate, as the string returns do.
  if (s->kind == SHIM_SETTLE_STRING && shim::string_refused(call->iso, s->len)) {
    return shim_terminate_now(call->iso);
  }
  bool ok = true;
  v8::Local<v8::Value> v = settlement_value(call->iso, isolate, isolate->GetCurrentContext(), s, &ok);
  if (ok) {
    call->info->GetReturnValue().Set(v);
  } else {
    call->threw = 1;
    isolate->ThrowException(v);
  }
}

void shim_call_throw_value(shim_call *call, const shim_global *v) {
  call->threw = 1;
  v8::Isolate *isolate = call->info->GetIsolate();
  isolate->ThrowException(shim::local(isolate, v));
}

// A settlement's JS value: the result, or the Error it stands for (*ok false). The bytes of
// a BUFFER with free_bytes are adopted (or released) here: ownership passed to the shim.
static inline v8::Local<v8::Value> settlement_value(shim_isolate *iso, v8::Isolate *isolate,
                                                    v8::Local<v8::Context> context,
                                                    const shim_settlement *it, bool *ok_out) {
  v8::Local<v8::Value> value;
  bool ok = true;
  switch (it->kind) {
    case SHIM_SETTLE_NUMBER:
      value = v8::Number::New(isolate, it->number);
      break;
    case SHIM_SETTLE_BOOLEAN:
      value = v8::Boolean::New(isolate, it->number != 0);
      break;
    case SHIM_SETTLE_STRING:
      // Refused for the heap limit: termination is requested and lands at the resolver.
      if (shim::string_refused(iso, it->len)) {
        value = v8::String::Empty(isolate);
        break;
      }
      {
        v8::Local<v8::String> s;
        if (new_string(isolate, static_cast<const char *>(it->bytes), it->len, false)
                .ToLocal(&s)) {
          value = s;
        } else {
          ok = false;
          value = string_too_long(isolate);
        }
      }
      break;
    case SHIM_SETTLE_BUFFER: {
      v8::Local<v8::ArrayBuffer> ab;
      if (bytes_too_long(it->len)) {
        if (it->free_bytes) it->free_bytes(const_cast<void *>(it->bytes));
        ok = false;
        value = buffer_too_long(isolate, it->len);
        break;
      }
      if (it->free_bytes && it->len) {
        // Adopt (see shim_settlement.free_bytes): the bytes become the backing store.
        std::unique_ptr<v8::BackingStore> bs = v8::ArrayBuffer::NewBackingStore(
            const_cast<void *>(it->bytes), it->len,
            [](void *data, size_t, void *free_fn) {
              reinterpret_cast<void (*)(void *)>(free_fn)(data);
            },
            reinterpret_cast<void *>(it->free_bytes));
        ab = v8::ArrayBuffer::New(isolate, std::move(bs));
      } else {
        ab = v8::ArrayBuffer::New(isolate, it->len);
        if (it->len) std::memcpy(ab->Data(), it->bytes, it->len);
        if (it->free_bytes) it->free_bytes(const_cast<void *>(it->bytes));
      }
      value = v8::Uint8Array::New(ab, 0, it->len);
      break;
    }
    case SHIM_SETTLE_ERROR: {
      ok = false;
      value = make_error(isolate, it->name, it->code, it->message);
      v8::Local<v8::Object> err = value.As<v8::Object>();
      if (it->syscall) {
        err->Set(context, v8::String::NewFromUtf8Literal(isolate, "syscall"),
                 v8::String::NewFromUtf8(isolate, it->syscall).ToLocalChecked())
            .Check();
      }
      if (it->path) {
        err->Set(context, v8::String::NewFromUtf8Literal(isolate, "path"),
                 v8::String::NewFromUtf8(isolate, it->path).ToLocalChecked())
            .Check();
      }
      break;
    }
    default:
      value = v8::Undefined(isolate);
  }
  *ok_out = ok;
  return value;
}

int shim_settle_batch(shim_isolate *iso, const shim_global *resolver,
                      const shim_settlement *items, size_t n, shim_exception *exc) {
  SHIM_ENTER(iso);
  v8::TryCatch tc(isolate);
  // The batch array is made in one call from its elements (no per-element Set).
  v8::Local<v8::Value> stack_elems[3 * 32];
  v8::Local<v8::Value> *elems = n <= 32 ? stack_elems : new v8::Local<v8::Value>[3 * n];
  for (size_t i = 0; i < n; i++) {
    const shim_settlement *it = &items[i];
    bool ok = true;
    v8::Local<v8::Value> value = settlement_value(iso, isolate, context, it, &ok);
    elems[3 * i] = v8::Integer::NewFromUnsigned(isolate, it->id);
    elems[3 * i + 1] = v8::Boolean::New(isolate, ok);
    elems[3 * i + 2] = value;
  }
  v8::Local<v8::Value> argv[] = {v8::Array::New(isolate, elems, 3 * n)};
  if (elems != stack_elems) delete[] elems;
  v8::Local<v8::Value> f = shim::local(isolate, resolver);
  if (f.As<v8::Function>()->Call(context, v8::Undefined(isolate), 1, argv).IsEmpty()) {
    shim::exception_from_trycatch(iso, context, tc, exc);
    return -1;
  }
  // The checkpoint that follows every batch, inside the scopes already entered. A
  // termination inside it (mrt.exit, the heap limit) is reported nowhere else.
  isolate->PerformMicrotaskCheckpoint();
  if (isolate->IsExecutionTerminating()) {
    exc->terminated = 1;
    return -1;
  }
  return 0;
}

}  // extern "C"
