// code_cache.cc: V8's code cache. Compiling classic scripts and modules with cached data
// (ScriptCompiler::kConsumeCodeCache) and making the cache after the code has run, so that
// the functions compiled lazily while it ran are in it. The bytes come from and go to the
// caller (core/code_cache.c keeps them on disk); V8 checks them again before use (its
// version, the flag hash, the source length) and marks them rejected when they do not fit.
#include <climits>
#include <cstdlib>
#include <cstring>

#include "shim_internal.h"

namespace shim {

// The cached data of cc to consume, or nullptr (no data, or more than V8 takes).
static v8::ScriptCompiler::CachedData *cache_input(const shim_code_cache *cc) {
  if (!cc || !cc->data || cc->len == 0 || cc->len > static_cast<size_t>(INT_MAX)) return nullptr;
  return new (std::nothrow) v8::ScriptCompiler::CachedData(
      static_cast<const uint8_t *>(cc->data), static_cast<int>(cc->len),
      v8::ScriptCompiler::CachedData::BufferNotOwned);
}

// After a compile of src: whether its cached data was used.
static void cache_result(shim_code_cache *cc, const v8::ScriptCompiler::Source &src) {
  if (!cc) return;
  const v8::ScriptCompiler::CachedData *cd = src.GetCachedData();
  cc->result = !cd ? SHIM_CACHE_NONE : cd->rejected ? SHIM_CACHE_REJECTED : SHIM_CACHE_HIT;
}

// Whether cc asks for a new cache: it had none, or V8 rejected it.
static bool wants_cache(const shim_code_cache *cc) {
  return cc && cc->produce && cc->result != SHIM_CACHE_HIT;
}

// Hands a cache V8 made to cc (cc owns it until shim_code_cache_release).
static void cache_output(shim_code_cache *cc, v8::ScriptCompiler::CachedData *cd,
                         uint64_t t0) {
  cc->produce_ns += now_ns() - t0;
  if (!cd) return;
  if (cd->length <= 0 || !cd->data) {
    delete cd;
    return;
  }
  cc->out = cd->data;
  cc->out_len = static_cast<size_t>(cd->length);
  cc->handle_ = cd;
}

// CompileModule, consuming cc's data when there is some (cc may be NULL). module.cc.
v8::MaybeLocal<v8::Module> compile_module(v8::Isolate *isolate, v8::Local<v8::String> source,
                                          const v8::ScriptOrigin &origin,
                                          shim_code_cache *cc) {
  v8::ScriptCompiler::CachedData *in = cache_input(cc);
  v8::ScriptCompiler::Source sc(source, origin, in);
  v8::MaybeLocal<v8::Module> m = v8::ScriptCompiler::CompileModule(
      isolate, &sc,
      in ? v8::ScriptCompiler::kConsumeCodeCache : v8::ScriptCompiler::kNoCompileOptions);
  cache_result(cc, sc);
  if (cc) cc->compiled = !m.IsEmpty();
  return m;
}

// CompileFunction, consuming cc's data when there is some (cc may be NULL). function.cc.
v8::MaybeLocal<v8::Function> compile_function(v8::Local<v8::Context> context,
                                              v8::Local<v8::String> source,
                                              const v8::ScriptOrigin &origin, size_t nparams,
                                              v8::Local<v8::String> *params,
                                              shim_code_cache *cc) {
  v8::ScriptCompiler::CachedData *in = cache_input(cc);
  v8::ScriptCompiler::Source sc(source, origin, in);
  v8::MaybeLocal<v8::Function> fn = v8::ScriptCompiler::CompileFunction(
      context, &sc, nparams, params, 0, nullptr,
      in ? v8::ScriptCompiler::kConsumeCodeCache : v8::ScriptCompiler::kNoCompileOptions);
  cache_result(cc, sc);
  if (cc) cc->compiled = !fn.IsEmpty();
  return fn;
}

// Compile of a built-in file (script.cc), consuming cc's data when there is some (cc may be
// NULL); with cc->keep, the script is kept for shim_builtin_code_cache.
v8::MaybeLocal<v8::Script> compile_builtin(v8::Local<v8::Context> context,
                                           v8::Local<v8::String> source,
                                           const v8::ScriptOrigin &origin, shim_code_cache *cc) {
  v8::ScriptCompiler::CachedData *in = cache_input(cc);
  v8::ScriptCompiler::Source sc(source, origin, in);
  v8::Local<v8::Script> script;
  bool compiled = v8::ScriptCompiler::Compile(context, &sc,
                                              in ? v8::ScriptCompiler::kConsumeCodeCache
                                                 : v8::ScriptCompiler::kNoCompileOptions)
                      .ToLocal(&script);
  cache_result(cc, sc);
  if (cc) cc->compiled = compiled;
  if (compiled && cc && cc->keep && !cc->script_) {
    cc->script_ = new (std::nothrow)
        v8::Global<v8::UnboundScript>(context->GetIsolate(), script->GetUnboundScript());
  }
  return compiled ? v8::MaybeLocal<v8::Script>(script) : v8::MaybeLocal<v8::Script>();
}

// The code cache of a module that has run (module.cc).
int module_code_cache(v8::Local<v8::Module> m, shim_code_cache *cc) {
  if (!m->IsSourceTextModule() || m->GetStatus() == v8::Module::kErrored) return -1;
  uint64_t t0 = now_ns();
  cache_output(cc, v8::ScriptCompiler::CreateCodeCache(m->GetUnboundModuleScript()), t0);
  return cc->out ? 0 : -1;
}

}  // namespace shim

extern "C" {

uint32_t shim_code_cache_tag(void) { return v8::ScriptCompiler::CachedDataVersionTag(); }

void shim_code_cache_release(shim_code_cache *cc) {
  if (!cc) return;
  delete static_cast<v8::Global<v8::UnboundScript> *>(cc->script_);
  cc->script_ = nullptr;
  delete static_cast<v8::ScriptCompiler::CachedData *>(cc->handle_);
  cc->handle_ = nullptr;
  cc->out = nullptr;
  cc->out_len = 0;
}

int shim_function_code_cache(shim_isolate *iso, const shim_global *fn, shim_code_cache *cc) {
  SHIM_ENTER(iso);
  v8::Local<v8::Value> v = shim::local(isolate, fn);
  if (!v->IsFunction() || !shim::wants_cache(cc) || isolate->IsExecutionTerminating()) return -1;
  uint64_t t0 = shim::now_ns();
  shim::cache_output(cc, v8::ScriptCompiler::CreateCodeCacheForFunction(v.As<v8::Function>()),
                     t0);
  return cc->out ? 0 : -1;
}

int shim_builtin_code_cache(shim_isolate *iso, shim_code_cache *cc) {
  if (!cc || !cc->script_) return -1;
  SHIM_ENTER(iso);
  auto *script = static_cast<v8::Global<v8::UnboundScript> *>(cc->script_);
  uint64_t t0 = shim::now_ns();
  shim::cache_output(cc, v8::ScriptCompiler::CreateCodeCache(script->Get(isolate)), t0);
  return cc->out ? 0 : -1;
}

int shim_run_script_cached(shim_isolate *iso, const char *name, const char *src, size_t len,
                           shim_code_cache *cc, shim_global **out, shim_exception *exc) {
  SHIM_ENTER(iso);
  v8::TryCatch tc(isolate);
  shim::EntryCatch entry(iso, tc);
  v8::Local<v8::String> source, resource;
  if (!shim::new_source_string(iso, src, len, &source) ||
      !v8::String::NewFromUtf8(isolate, name ? name : "<anonymous>").ToLocal(&resource)) {
    isolate->ThrowException(v8::Exception::RangeError(
        v8::String::NewFromUtf8Literal(isolate, "source is too long")));
    shim::exception_from_trycatch(iso, context, tc, exc);
    return -1;
  }
  v8::ScriptOrigin origin(isolate, resource);
  v8::ScriptCompiler::CachedData *in = shim::cache_input(cc);
  v8::ScriptCompiler::Source sc(source, origin, in);
  v8::Local<v8::Script> script;
  v8::Local<v8::Value> result;
  uint64_t t0 = shim::now_ns();
  bool compiled =
      v8::ScriptCompiler::Compile(context, &sc,
                                  in ? v8::ScriptCompiler::kConsumeCodeCache
                                     : v8::ScriptCompiler::kNoCompileOptions)
          .ToLocal(&script);
  uint64_t t1 = shim::now_ns();
  iso->times.compile_ns = t1 - t0;
  iso->times.run_ns = 0;
  shim::cache_result(cc, sc);
  if (cc) cc->compiled = compiled;
  if (!compiled) {
    shim::exception_from_trycatch(iso, context, tc, exc);
    return -1;
  }
  bool ran = script->Run(context).ToLocal(&result);
  uint64_t t2 = shim::now_ns();
  iso->times.run_ns = t2 - t1;
  // After the run, with the functions it compiled (not after a termination: V8 is unwinding).
  if (shim::wants_cache(cc) && !isolate->IsExecutionTerminating()) {
    shim::cache_output(cc, v8::ScriptCompiler::CreateCodeCache(script->GetUnboundScript()), t2);
  }
  if (!ran) {
    shim::exception_from_trycatch(iso, context, tc, exc);
    return -1;
  }
  if (out) *out = shim::make_global(isolate, result);
  return 0;
}

}  // extern "C"
