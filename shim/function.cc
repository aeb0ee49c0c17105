// function.cc: source text compiled as the body of a function (V8's
// ScriptCompiler::CompileFunction), for Node's CommonJS modules: the parameters come from
// the caller rather than from a wrapper around the text, so lines and columns in errors and
// stacks are the file's own.
#include <cstring>

#include "shim_internal.h"

namespace shim {
// code_cache.cc: CompileFunction consuming cc's cached data (cc may be NULL).
v8::MaybeLocal<v8::Function> compile_function(v8::Local<v8::Context> context,
                                              v8::Local<v8::String> source,
                                              const v8::ScriptOrigin &origin, size_t nparams,
                                              v8::Local<v8::String> *params,
                                              shim_code_cache *cc);
}  // namespace shim

extern "C" int shim_compile_function(shim_isolate *iso, const char *name, const char *src,
                                     size_t len, const char *const *params, int nparams,
                                     shim_code_cache *cc, shim_global **out,
                                     shim_exception *exc) {
  SHIM_ENTER(iso);
  *out = nullptr;
  v8::TryCatch tc(isolate);
  v8::Local<v8::String> source, resource;
  if (!shim::new_source_string(iso, src, len, &source) ||
      !v8::String::NewFromUtf8(isolate, name ? name : "").ToLocal(&resource)) {
    if (!tc.HasCaught()) {
      isolate->ThrowException(v8::Exception::RangeError(
          v8::String::NewFromUtf8Literal(isolate, "source is too long")));
    }
    shim::exception_from_trycatch(iso, context, tc, exc);
    return -1;
  }
  v8::Local<v8::String> args[8];
  if (nparams < 0 || nparams > 8) nparams = 0;
  for (int i = 0; i < nparams; i++) {
    args[i] = v8::String::NewFromUtf8(isolate, params[i], v8::NewStringType::kInternalized)
                  .ToLocalChecked();
  }
  v8::ScriptOrigin origin(isolate, resource);
  v8::Local<v8::Function> fn;
  uint64_t t0 = shim::now_ns();
  bool compiled = shim::compile_function(context, source, origin, static_cast<size_t>(nparams),
                                         args, cc)
                      .ToLocal(&fn);
  iso->times.compile_ns = shim::now_ns() - t0;
  if (!compiled) {
    shim::exception_from_trycatch(iso, context, tc, exc);
    return -1;
  }
  *out = shim::make_global(isolate, fn);
  return *out ? 0 : -1;
}
