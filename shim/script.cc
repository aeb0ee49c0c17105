// script.cc: compiling and running classic scripts.
#include "shim_internal.h"

extern "C" int shim_run_script(shim_isolate *iso, const char *name, const char *src, size_t len,
                               shim_global **out, shim_exception *exc) {
  SHIM_ENTER(iso);
  v8::TryCatch tc(isolate);
  v8::Local<v8::String> source, resource;
  if (len > static_cast<size_t>(v8::String::kMaxLength) ||
      !v8::String::NewFromUtf8(isolate, src, v8::NewStringType::kNormal, static_cast<int>(len))
           .ToLocal(&source) ||
      !v8::String::NewFromUtf8(isolate, name ? name : "<anonymous>").ToLocal(&resource)) {
    isolate->ThrowException(v8::Exception::RangeError(
        v8::String::NewFromUtf8Literal(isolate, "source is too long")));
    shim::exception_from_trycatch(iso, context, tc, exc);
    return -1;
  }
  v8::ScriptOrigin origin(isolate, resource);
  v8::Local<v8::Script> script;
  v8::Local<v8::Value> result;
  uint64_t t0 = shim::now_ns();
  bool compiled = v8::Script::Compile(context, source, &origin).ToLocal(&script);
  uint64_t t1 = shim::now_ns();
  iso->times.compile_ns = t1 - t0;
  iso->times.run_ns = 0;
  if (!compiled) {
    shim::exception_from_trycatch(iso, context, tc, exc);
    return -1;
  }
  bool ran = script->Run(context).ToLocal(&result);
  iso->times.run_ns = shim::now_ns() - t1;
  if (!ran) {
    shim::exception_from_trycatch(iso, context, tc, exc);
    return -1;
  }
  if (out) *out = shim::make_global(isolate, result);
  return 0;
}
