// value.cc: persistent handles and conversions between JS values and C.
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "shim_internal.h"

namespace shim {

char *cstr_dup(const char *s) {
  if (!s) return nullptr;
  size_t n = std::strlen(s);
  char *d = static_cast<char *>(std::malloc(n + 1));
  if (d) std::memcpy(d, s, n + 1);
  return d;
}

char *utf8_dup(v8::Isolate *isolate, v8::Local<v8::String> s, size_t *len) {
  size_t n = s->Utf8Length(isolate);
  char *buf = static_cast<char *>(std::malloc(n + 1));
  if (!buf) return nullptr;
  s->WriteUtf8(isolate, buf, static_cast<int>(n), nullptr,
               v8::String::NO_NULL_TERMINATION | v8::String::REPLACE_INVALID_UTF8);
  buf[n] = '\0';
  if (len) *len = n;
  return buf;
}

int type_of(v8::Local<v8::Value> v) {
  if (v->IsUndefined()) return SHIM_UNDEFINED;
  if (v->IsNull()) return SHIM_NULL;
  if (v->IsBoolean()) return SHIM_BOOLEAN;
  if (v->IsNumber()) return SHIM_NUMBER;
  if (v->IsBigInt()) return SHIM_BIGINT;
  if (v->IsString()) return SHIM_STRING;
  if (v->IsSymbol()) return SHIM_SYMBOL;
  if (v->IsFunction()) return SHIM_FUNCTION;
  if (v->IsArray()) return SHIM_ARRAY;
  if (v->IsPromise()) return SHIM_PROMISE;
  if (v->IsNativeError()) return SHIM_ERROR;
  if (v->IsArrayBuffer()) return SHIM_ARRAYBUFFER;
  if (v->IsTypedArray()) return SHIM_TYPEDARRAY;
  return SHIM_OBJECT;
}

}  // namespace shim

using shim::local;
using shim::make_global;

extern "C" {

shim_global *shim_undefined(shim_isolate *iso) {
  SHIM_ENTER(iso);
  return make_global(isolate, v8::Undefined(isolate));
}

shim_global *shim_null(shim_isolate *iso) {
  SHIM_ENTER(iso);
  return make_global(isolate, v8::Null(isolate));
}

shim_global *shim_boolean(shim_isolate *iso, int b) {
  SHIM_ENTER(iso);
  return make_global(isolate, v8::Boolean::New(isolate, b != 0));
}

shim_global *shim_number(shim_isolate *iso, double d) {
  SHIM_ENTER(iso);
  return make_global(isolate, v8::Number::New(isolate, d));
}

shim_global *shim_string(shim_isolate *iso, const char *utf8, size_t len) {
  SHIM_ENTER(iso);
  if (len > static_cast<size_t>(v8::String::kMaxLength)) return nullptr;
  if (shim::string_refused(iso, len)) return nullptr;
  v8::Local<v8::String> s;
  if (!v8::String::NewFromUtf8(isolate, utf8, v8::NewStringType::kNormal,
                               static_cast<int>(len))
           .ToLocal(&s)) {
    return nullptr;
  }
  return make_global(isolate, s);
}

shim_global *shim_object(shim_isolate *iso) {
  SHIM_ENTER(iso);
  return make_global(isolate, v8::Object::New(isolate));
}

shim_global *shim_global_object(shim_isolate *iso) {
  SHIM_ENTER(iso);
  return make_global(isolate, context->Global());
}

shim_global *shim_float64_array(shim_isolate *iso, size_t n, double **data) {
  SHIM_ENTER(iso);
  v8::Local<v8::ArrayBuffer> ab = v8::ArrayBuffer::New(isolate, n * sizeof(double));
  *data = static_cast<double *>(ab->GetBackingStore()->Data());
  return make_global(isolate, v8::Float64Array::New(ab, 0, n));
}

shim_global *shim_dup(shim_isolate *iso, const shim_global *g) {
  SHIM_ENTER(iso);
  return make_global(isolate, local(isolate, g));
}

void shim_release(shim_global *g) { delete g; }

int shim_strict_equals(shim_isolate *iso, const shim_global *a, const shim_global *b) {
  SHIM_ENTER(iso);
  return local(isolate, a)->StrictEquals(local(isolate, b));
}

int shim_type(shim_isolate *iso, const shim_global *g) {
  SHIM_ENTER(iso);
  return shim::type_of(local(isolate, g));
}

double shim_to_number(shim_isolate *iso, const shim_global *g) {
  SHIM_ENTER(iso);
  v8::Local<v8::Value> v = local(isolate, g);
  return v->IsNumber() ? v.As<v8::Number>()->Value() : std::nan("");
}

int shim_to_boolean(shim_isolate *iso, const shim_global *g) {
  SHIM_ENTER(iso);
  return local(isolate, g)->BooleanValue(isolate);
}

char *shim_to_string(shim_isolate *iso, const shim_global *g, size_t *len,
                     shim_exception *exc) {
  SHIM_ENTER(iso);
  v8::TryCatch tc(isolate);
  v8::Local<v8::String> s;
  if (!local(isolate, g)->ToString(context).ToLocal(&s)) {
    shim::exception_from_trycatch(iso, context, tc, exc);
    return nullptr;
  }
  return shim::utf8_dup(isolate, s, len);
}

char *shim_to_json(shim_isolate *iso, const shim_global *g, size_t *len, shim_exception *exc) {
  SHIM_ENTER(iso);
  v8::TryCatch tc(isolate);
  v8::Local<v8::String> s;
  if (!v8::JSON::Stringify(context, local(isolate, g)).ToLocal(&s)) {
    shim::exception_from_trycatch(iso, context, tc, exc);
    return nullptr;
  }
  // JSON.stringify(undefined) gives undefined, which V8 returns as the string "undefined".
  if (local(isolate, g)->IsUndefined() || local(isolate, g)->IsFunction() ||
      local(isolate, g)->IsSymbol()) {
    return nullptr;
  }
  return shim::utf8_dup(isolate, s, len);
}

int shim_get(shim_isolate *iso, const shim_global *obj, const char *key, shim_global **out,
             shim_exception *exc) {
  SHIM_ENTER(iso);
  v8::TryCatch tc(isolate);
  v8::Local<v8::Value> o = local(isolate, obj);
  v8::Local<v8::Value> result;
  v8::Local<v8::String> k;
  if (!o->IsObject()) {
    isolate->ThrowException(v8::Exception::TypeError(
        v8::String::NewFromUtf8Literal(isolate, "not an object")));
  } else if (v8::String::NewFromUtf8(isolate, key).ToLocal(&k) &&
             o.As<v8::Object>()->Get(context, k).ToLocal(&result)) {
    *out = make_global(isolate, result);
    return 0;
  }
  shim::exception_from_trycatch(iso, context, tc, exc);
  return -1;
}

int shim_set(shim_isolate *iso, const shim_global *obj, const char *key,
             const shim_global *val, shim_exception *exc) {
  SHIM_ENTER(iso);
  v8::TryCatch tc(isolate);
  v8::Local<v8::Value> o = local(isolate, obj);
  v8::Local<v8::String> k;
  if (!o->IsObject()) {
    isolate->ThrowException(v8::Exception::TypeError(
        v8::String::NewFromUtf8Literal(isolate, "not an object")));
  } else if (v8::String::NewFromUtf8(isolate, key).ToLocal(&k) &&
             o.As<v8::Object>()->Set(context, k, local(isolate, val)).IsJust()) {
    return 0;
  }
  shim::exception_from_trycatch(iso, context, tc, exc);
  return -1;
}

int shim_call_function(shim_isolate *iso, const shim_global *fn, const shim_global *recv, int argc,
              shim_global *const *argv, shim_global **out, shim_exception *exc) {
  SHIM_ENTER(iso);
  v8::TryCatch tc(isolate);
  shim::EntryCatch entry(iso, tc);
  v8::Local<v8::Value> f = local(isolate, fn);
  if (!f->IsFunction()) {
    isolate->ThrowException(v8::Exception::TypeError(
        v8::String::NewFromUtf8Literal(isolate, "not a function")));
    shim::exception_from_trycatch(iso, context, tc, exc);
    return -1;
  }
  v8::Local<v8::Value> stack_args[8];
  v8::Local<v8::Value> *args = argc <= 8 ? stack_args : new v8::Local<v8::Value>[argc];
  for (int i = 0; i < argc; i++) args[i] = local(isolate, argv[i]);
  v8::Local<v8::Value> result;
  bool ok = f.As<v8::Function>()->Call(context, local(isolate, recv), argc, args).ToLocal(&result);
  if (args != stack_args) delete[] args;
  if (!ok) {
    shim::exception_from_trycatch(iso, context, tc, exc);
    return -1;
  }
  if (out) *out = make_global(isolate, result);
  return 0;
}

int shim_call_numbers(shim_isolate *iso, const shim_global *fn, const double *nums, int argc,
                      double *result, shim_exception *exc) {
  SHIM_ENTER(iso);
  v8::TryCatch tc(isolate);
  shim::EntryCatch entry(iso, tc);
  v8::Local<v8::Value> args[8];
  if (argc > 8) argc = 8;
  for (int i = 0; i < argc; i++) args[i] = v8::Number::New(isolate, nums[i]);
  v8::Local<v8::Value> r;
  if (!local(isolate, fn).As<v8::Function>()->Call(context, v8::Undefined(isolate), argc, args)
           .ToLocal(&r)) {
    shim::exception_from_trycatch(iso, context, tc, exc);
    return -1;
  }
  if (result) *result = r->IsNumber() ? r.As<v8::Number>()->Value() : std::nan("");
  return 0;
}

int shim_promise_state(shim_isolate *iso, const shim_global *p, shim_global **result) {
  SHIM_ENTER(iso);
  v8::Local<v8::Value> v = local(isolate, p);
  if (!v->IsPromise()) return -1;
  v8::Local<v8::Promise> promise = v.As<v8::Promise>();
  switch (promise->State()) {
    case v8::Promise::kPending:
      return 0;
    case v8::Promise::kFulfilled:
      if (result) *result = make_global(isolate, promise->Result());
      return 1;
    case v8::Promise::kRejected:
      if (result) *result = make_global(isolate, promise->Result());
      return 2;
  }
  return -1;
}

void shim_promise_mark_handled(shim_isolate *iso, const shim_global *p) {
  SHIM_ENTER(iso);
  v8::Local<v8::Value> v = local(isolate, p);
  if (v->IsPromise()) v.As<v8::Promise>()->MarkAsHandled();
}

}  // extern "C"
