// exception.cc: caught JS exceptions and rejection reasons into plain C records.
#include <cstdlib>

#include "shim_internal.h"

namespace shim {

namespace {

// String(obj[key]) when it is a string (no getters run for non-strings' toString).
char *string_property(v8::Isolate *isolate, v8::Local<v8::Context> context,
                      v8::Local<v8::Object> obj, const char *key) {
  v8::Local<v8::Value> v;
  v8::Local<v8::String> k = v8::String::NewFromUtf8(isolate, key).ToLocalChecked();
  if (!obj->Get(context, k).ToLocal(&v) || !v->IsString()) return nullptr;
  return utf8_dup(isolate, v.As<v8::String>(), nullptr);
}

}  // namespace

void exception_from_value(shim_isolate *iso, v8::Local<v8::Context> context,
                          v8::Local<v8::Value> v, v8::Local<v8::Message> msg,
                          shim_exception *exc) {
  v8::Isolate *isolate = iso->isolate;
  // Reading properties may run getters that throw; their throws are not the error.
  v8::TryCatch inner(isolate);
  exc->value = make_global(isolate, v);
  // The location of an error thrown elsewhere (a rejection) comes from the stack trace it
  // captured when made, which reading `stack` below replaces with its formatted string.
  if (msg.IsEmpty() && v->IsObject()) msg = v8::Exception::CreateMessage(isolate, v);
  if (v->IsObject() && (v->IsNativeError() || v.As<v8::Object>()->Has(
      context, v8::String::NewFromUtf8Literal(isolate, "stack")).FromMaybe(false))) {
    v8::Local<v8::Object> obj = v.As<v8::Object>();
    exc->name = string_property(isolate, context, obj, "name");
    exc->message = string_property(isolate, context, obj, "message");
    exc->stack = string_property(isolate, context, obj, "stack");
  }
  if (!exc->message) {
    v8::Local<v8::String> s;
    if (v->ToDetailString(context).ToLocal(&s)) exc->message = utf8_dup(isolate, s, nullptr);
    else exc->message = cstr_dup("<exception>");
  }
  inner.Reset();
  if (msg.IsEmpty()) return;
  v8::Local<v8::Value> resource = msg->GetScriptResourceName();
  v8::Local<v8::String> s;
  if (!resource.IsEmpty() && resource->IsString()) {
    exc->file = utf8_dup(isolate, resource.As<v8::String>(), nullptr);
  }
  exc->line = msg->GetLineNumber(context).FromMaybe(0);
  exc->column = msg->GetStartColumn(context).FromMaybe(-1) + 1;
  if (msg->GetSourceLine(context).ToLocal(&s)) exc->source_line = utf8_dup(isolate, s, nullptr);
}

void exception_from_trycatch(shim_isolate *iso, v8::Local<v8::Context> context,
                             v8::TryCatch &tc, shim_exception *exc) {
  if (tc.HasTerminated() || iso->isolate->IsExecutionTerminating()) {
    exc->terminated = 1;
    return;
  }
  if (!tc.HasCaught()) return;
  v8::Local<v8::Value> exception = tc.Exception();
  v8::Local<v8::Message> message = tc.Message();
  // An exception thrown from C (ThrowException outside JS) stays pending until reset, and a
  // pending exception makes V8 refuse the JS that reading `stack` runs (the formatter).
  tc.Reset();
  exception_from_value(iso, context, exception, message, exc);
}

}  // namespace shim

extern "C" {

void shim_exception_clear(shim_exception *exc) {
  std::free(exc->name);
  std::free(exc->message);
  std::free(exc->stack);
  std::free(exc->file);
  std::free(exc->source_line);
  delete exc->value;
  *exc = shim_exception{};
}

void shim_exception_from_value(shim_isolate *iso, const shim_global *v, shim_exception *exc) {
  SHIM_ENTER(iso);
  shim::exception_from_value(iso, context, shim::local(isolate, v), v8::Local<v8::Message>(),
                             exc);
}

}  // extern "C"
