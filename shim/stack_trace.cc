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
  // A terminating isolate runs no JS (Call fails with no exception, which V8's stack getter
  // does not survive); nobody will read this stack.
  if (isolate->IsExecutionTerminating()) return v8::String::Empty(isolate);
  shim_isolate *iso = shim::from(isolate);
  v8::Local<v8::Function> fn = iso->prepare_stack_trace.Get(isolate);
  v8::Local<v8::Value> argv[2] = {error, sites};
  // An embedder's TryCatch around the `.stack` read would take what the function throws
  // (a stack overflow, say), leaving V8 without the exception it expects: catch and
  // rethrow, so it is scheduled for V8 to propagate.
  v8::TryCatch tc(isolate);
  v8::Local<v8::Value> result;
  if (fn->Call(context, v8::Undefined(isolate), 2, argv).ToLocal(&result)) return result;
  if (tc.HasCaught() || tc.HasTerminated()) {
    tc.ReThrow();
    return {};
  }
  return v8::String::Empty(isolate);
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
