// script.cc: compiling and running classic scripts. The one implementation takes an optional
// code cache (code_cache.cc: shim_run_script_cached); without one it is the plain compile.
#include <string.h>

#include "shim_internal.h"

extern "C" int shim_run_script(shim_isolate *iso, const char *name, const char *src, size_t len,
                               shim_global **out, shim_exception *exc) {
  return shim_run_script_cached(iso, name, src, len, nullptr, out, exc);
}

namespace shim {
// code_cache.cc: a built-in file's compile, with or without its cached data.
v8::MaybeLocal<v8::Script> compile_builtin(v8::Local<v8::Context> context,
                                           v8::Local<v8::String> source,
                                           const v8::ScriptOrigin &origin, shim_code_cache *cc);
}  // namespace shim

namespace {
// The runtime's own source, embedded in the binary for its lifetime: V8 reads it in place
// rather than copying it into the heap.
class StaticOneByte final : public v8::String::ExternalOneByteStringResource {
 public:
  StaticOneByte(const char *data, size_t len) : data_(data), len_(len) {}
  const char *data() const override { return data_; }
  size_t length() const override { return len_; }

 private:
  const char *data_;
  size_t len_;
};

}  // namespace

// A built-in file compiled on first use (its source static, not in the snapshot). Unlike
// shim_run_script it leaves the isolate's times alone: it runs inside the program's script.
// cc (may be NULL): cached data made at build time to consume (code_cache.cc), or, at build
// time, the request to keep the script for shim_builtin_code_cache.
extern "C" int shim_run_builtin(shim_isolate *iso, const char *name, const char *src, size_t len,
                                shim_code_cache *cc, shim_global **out, shim_exception *exc) {
  SHIM_ENTER(iso);
  v8::TryCatch tc(isolate);
  bool ascii = len <= static_cast<size_t>(v8::String::kMaxLength) && shim::is_ascii(src, len);
  v8::Local<v8::String> source, resource;
  StaticOneByte *r = ascii ? new (std::nothrow) StaticOneByte(src, len) : nullptr;
  bool made = r ? v8::String::NewExternalOneByte(isolate, r).ToLocal(&source)
                : !ascii && shim::new_utf8_string(isolate, src, len, &source);
  if (r && !made) delete r; // V8 took it only on success
  v8::Local<v8::Script> script;
  v8::Local<v8::Value> result;
  if (!made || !v8::String::NewFromUtf8(isolate, name).ToLocal(&resource)) {
    if (!tc.HasCaught()) {
      isolate->ThrowException(v8::Exception::RangeError(
          v8::String::NewFromUtf8Literal(isolate, "cannot make the source string")));
    }
  } else {
    v8::ScriptOrigin origin(isolate, resource);
    if (shim::compile_builtin(context, source, origin, cc).ToLocal(&script) &&
        script->Run(context).ToLocal(&result)) {
      *out = shim::make_global(isolate, result);
      return *out ? 0 : -1;
    }
  }
  shim::exception_from_trycatch(iso, context, tc, exc);
  return -1;
}
