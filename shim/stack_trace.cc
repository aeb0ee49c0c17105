// stack_trace.cc: Error.stack formatted by a JS function of the embedder's choice.
//
// V8 calls the function when `.stack` is first read (not when an error is made), with the
// error and its call sites; what it returns is the stack. Doing this in JS costs less than
// walking the sites through the API (each CallSite method call from C++ enters JS).
#include "shim_internal.h"

namespace {

v8::MaybeLocal<v8::Value> prepare_stack_trace(v8::Local<v8::Context> context,
                                              v8::Local<v8::Value> error,
                                              v8::Local<v8::Array> sites) {
  v8::Isolate *isolate = context->GetIsolate();
  shim_isolate *iso = shim::from(isolate);
  v8::Local<v8::Function> fn = iso->prepare_stack_trace.Get(isolate);
  v8::Local<v8::Value> argv[2] = {error, sites};
  // V8 requires an exception whenever this returns empty. A call refused without one (the
  // isolate is terminating: `stack` read by C after a TryCatch caught the termination)
  // leaves the stack undefined instead; a throw or termination in the formatter goes on.
  v8::TryCatch try_catch(isolate);
  v8::MaybeLocal<v8::Value> result = fn->Call(context, v8::Undefined(isolate), 2, argv);
  if (!result.IsEmpty()) return result;
  if (try_catch.HasCaught()) {
    try_catch.ReThrow();
    return result;
  }
  return v8::Undefined(isolate);
}

}  // namespace

extern "C" {

int shim_set_prepare_stack_trace(shim_isolate *iso, const shim_global *fn) {
  SHIM_ENTER(iso);
  v8::Local<v8::Value> v = shim::local(isolate, fn);
  if (!v->IsFunction()) {
    iso->prepare_stack_trace.Reset();
    isolate->SetPrepareStackTraceCallback(nullptr);
    return fn ? -1 : 0;
  }
  iso->prepare_stack_trace.Reset(isolate, v.As<v8::Function>());
  isolate->SetPrepareStackTraceCallback(prepare_stack_trace);
  return 0;
}

}  // extern "C"
