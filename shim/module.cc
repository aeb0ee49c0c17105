// module.cc: ES modules. Compiling source text and JSON modules, instantiation with the
// owner's resolution, evaluation (top-level await: a promise), import() and import.meta.
#include <cstdlib>
#include <cstring>
#include <unordered_map>
#include <vector>

#include "shim_internal.h"
#include "shim_module.h"

namespace {

// Per-isolate module state, in isolate data slot kSlot (slot 0 is the shim_isolate).
constexpr uint32_t kSlot = 1;

struct ModState {
  shim_module_host host;
  std::vector<v8::Global<v8::Module>> mods;  // by id
  std::vector<v8::Global<v8::Value>> json;   // the parsed value of a JSON module, by id
  std::unordered_multimap<int, int> by_hash; // identity hash -> ids
};

ModState *state_of(v8::Isolate *isolate) {
  if (isolate->GetNumberOfDataSlots() <= kSlot) return nullptr;
  return static_cast<ModState *>(isolate->GetData(kSlot));
}

int id_of(ModState *s, v8::Local<v8::Module> m) {
  auto range = s->by_hash.equal_range(m->GetIdentityHash());
  for (auto it = range.first; it != range.second; ++it) {
    if (s->mods[it->second] == m) return it->second;
  }
  return -1;
}

v8::Local<v8::Module> module_of(ModState *s, v8::Isolate *isolate, int id) {
  if (!s || id < 0 || static_cast<size_t>(id) >= s->mods.size() || s->mods[id].IsEmpty()) {
    return v8::Local<v8::Module>();
  }
  return s->mods[id].Get(isolate);
}

void remember(ModState *s, v8::Isolate *isolate, int id, v8::Local<v8::Module> m) {
  if (static_cast<size_t>(id) >= s->mods.size()) {
    s->mods.resize(id + 1);
    s->json.resize(id + 1);
  }
  s->mods[id].Reset(isolate, m);
  s->by_hash.emplace(m->GetIdentityHash(), id);
}

v8::Local<v8::String> str(v8::Isolate *isolate, const char *s) {
  return v8::String::NewFromUtf8(isolate, s ? s : "").ToLocalChecked();
}

// --- V8 callbacks -----------------------------------------------------------------------

v8::MaybeLocal<v8::Module> resolve_static(v8::Local<v8::Context> context,
                                          v8::Local<v8::String> specifier,
                                          v8::Local<v8::FixedArray> /*assertions*/,
                                          v8::Local<v8::Module> referrer) {
  v8::Isolate *isolate = context->GetIsolate();
  ModState *s = state_of(isolate);
  int from = s ? id_of(s, referrer) : -1;
  char *spec = shim::utf8_dup(isolate, specifier, nullptr);
  int to = from >= 0 && spec ? s->host.resolve(s->host.data, from, spec) : -1;
  std::free(spec);
  v8::Local<v8::Module> m = module_of(s, isolate, to);
  if (m.IsEmpty()) {
    isolate->ThrowException(v8::Exception::Error(
        v8::String::Concat(isolate, str(isolate, "Cannot resolve module "), specifier)));
    return v8::MaybeLocal<v8::Module>();
  }
  return m;
}

v8::MaybeLocal<v8::Promise> import_dynamic(v8::Local<v8::Context> context,
                                           v8::Local<v8::Data> /*host_defined_options*/,
                                           v8::Local<v8::Value> resource_name,
                                           v8::Local<v8::String> specifier,
                                           v8::Local<v8::FixedArray> assertions) {
  v8::Isolate *isolate = context->GetIsolate();
  v8::Local<v8::Promise::Resolver> resolver;
  if (!v8::Promise::Resolver::New(context).ToLocal(&resolver)) return {};
  ModState *s = state_of(isolate);
  if (!s) {
    resolver->Reject(context, v8::Exception::Error(str(isolate, "import() is not available")))
        .Check();
    return resolver->GetPromise();
  }
  char *referrer = nullptr, *type = nullptr;
  if (!resource_name.IsEmpty() && resource_name->IsString()) {
    referrer = shim::utf8_dup(isolate, resource_name.As<v8::String>(), nullptr);
  }
  // [key, value, key, value, ...] (no source positions for import()).
  for (int i = 0; i + 1 < assertions->Length(); i += 2) {
    v8::Local<v8::Data> k = assertions->Get(context, i), v = assertions->Get(context, i + 1);
    if (!k->IsValue() || !v->IsValue()) continue;
    v8::Local<v8::Value> kv = k.As<v8::Value>(), vv = v.As<v8::Value>();
    if (kv->IsString() && vv->IsString() && kv.As<v8::String>()->StringEquals(str(isolate, "type"))) {
      std::free(type);
      type = shim::utf8_dup(isolate, vv.As<v8::String>(), nullptr);
    }
  }
  char *spec = shim::utf8_dup(isolate, specifier, nullptr);
  s->host.dynamic_import(s->host.data, referrer, spec ? spec : "", type,
                         shim::make_global(isolate, resolver));
  std::free(spec);
  std::free(referrer);
  std::free(type);
  return resolver->GetPromise();
}

void meta_resolve(const v8::FunctionCallbackInfo<v8::Value> &info) {
  v8::Isolate *isolate = info.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  ModState *s = state_of(isolate);
  v8::Local<v8::String> spec;
  if (!s || !info[0]->ToString(context).ToLocal(&spec)) return;
  char *referrer = shim::utf8_dup(isolate, info.Data().As<v8::String>(), nullptr);
  char *specifier = shim::utf8_dup(isolate, spec, nullptr);
  char *error = nullptr;
  const char *name = "TypeError", *code = nullptr;
  char *url = referrer && specifier ? s->host.meta_resolve(s->host.data, referrer, specifier,
                                                           &error, &name, &code)
                                    : nullptr;
  if (url) {
    info.GetReturnValue().Set(str(isolate, url));
  } else {
    v8::Local<v8::String> msg = str(isolate, error ? error : "cannot resolve module");
    v8::Local<v8::Value> e = name && std::strcmp(name, "TypeError") == 0
                                 ? v8::Exception::TypeError(msg)
                                 : v8::Exception::Error(msg);
    if (code) e.As<v8::Object>()->Set(context, str(isolate, "code"), str(isolate, code)).Check();
    isolate->ThrowException(e);
  }
  std::free(url);
  std::free(error);
  std::free(referrer);
  std::free(specifier);
}

void init_meta(v8::Local<v8::Context> context, v8::Local<v8::Module> module,
               v8::Local<v8::Object> meta) {
  v8::Isolate *isolate = context->GetIsolate();
  ModState *s = state_of(isolate);
  int id = s ? id_of(s, module) : -1;
  if (id < 0) return;
  const char *url = nullptr;
  int is_main = 0;
  char *filename = nullptr, *dirname = nullptr;
  s->host.import_meta(s->host.data, id, &url, &is_main, &filename, &dirname);
  v8::Local<v8::String> u = str(isolate, url);
  meta->CreateDataProperty(context, str(isolate, "url"), u).Check();
  meta->CreateDataProperty(context, str(isolate, "main"), v8::Boolean::New(isolate, is_main != 0))
      .Check();
  // Node 20.11's: the path and directory of a file: module.
  if (filename && dirname) {
    meta->CreateDataProperty(context, str(isolate, "dirname"), str(isolate, dirname)).Check();
    meta->CreateDataProperty(context, str(isolate, "filename"), str(isolate, filename)).Check();
  }
  std::free(filename);
  std::free(dirname);
  v8::Local<v8::Function> fn;
  if (v8::Function::New(context, meta_resolve, u, 1).ToLocal(&fn)) {
    fn->SetName(str(isolate, "resolve"));
    meta->CreateDataProperty(context, str(isolate, "resolve"), fn).Check();
  }
}

v8::MaybeLocal<v8::Value> json_steps(v8::Local<v8::Context> context,
                                     v8::Local<v8::Module> module) {
  v8::Isolate *isolate = context->GetIsolate();
  ModState *s = state_of(isolate);
  int id = s ? id_of(s, module) : -1;
  v8::Local<v8::Value> value = v8::Undefined(isolate);
  if (id >= 0 && !s->json[id].IsEmpty()) {
    value = s->json[id].Get(isolate);
    s->json[id].Reset();
  }
  if (module->SetSyntheticModuleExport(isolate, str(isolate, "default"), value).IsNothing()) {
    return {};
  }
  v8::Local<v8::Promise::Resolver> r;
  if (!v8::Promise::Resolver::New(context).ToLocal(&r)) return {};
  r->Resolve(context, v8::Undefined(isolate)).Check();
  return r->GetPromise();
}

// A module made from an object: each export is the object's property of that name.
v8::MaybeLocal<v8::Value> object_steps(v8::Local<v8::Context> context,
                                       v8::Local<v8::Module> module) {
  v8::Isolate *isolate = context->GetIsolate();
  ModState *s = state_of(isolate);
  int id = s ? id_of(s, module) : -1;
  if (id >= 0 && !s->json[id].IsEmpty()) {
    v8::Local<v8::Object> obj = s->json[id].Get(isolate).As<v8::Object>();
    s->json[id].Reset();
    v8::Local<v8::Array> keys;
    if (!obj->GetOwnPropertyNames(context).ToLocal(&keys)) return {};
    for (uint32_t i = 0; i < keys->Length(); i++) {
      v8::Local<v8::Value> k, v;
      if (!keys->Get(context, i).ToLocal(&k) || !k->IsString() ||
          !obj->Get(context, k).ToLocal(&v) ||
          module->SetSyntheticModuleExport(isolate, k.As<v8::String>(), v).IsNothing()) {
        return {};
      }
    }
  }
  v8::Local<v8::Promise::Resolver> r;
  if (!v8::Promise::Resolver::New(context).ToLocal(&r)) return {};
  r->Resolve(context, v8::Undefined(isolate)).Check();
  return r->GetPromise();
}

// A module whose evaluation calls a JS function: s->json[id] holds [fn, arg, names]; fn(arg)
// returns an object, and each export takes that object's property of its name.
v8::MaybeLocal<v8::Value> call_steps(v8::Local<v8::Context> context,
                                     v8::Local<v8::Module> module) {
  v8::Isolate *isolate = context->GetIsolate();
  ModState *s = state_of(isolate);
  int id = s ? id_of(s, module) : -1;
  // What fn throws must be pending when the steps return empty (as Node's steps do it): a
  // scheduled exception from a callback deeper down is not, and V8 checks.
  v8::TryCatch tc(isolate);
  if (id >= 0 && !s->json[id].IsEmpty()) {
    v8::Local<v8::Array> data = s->json[id].Get(isolate).As<v8::Array>();
    s->json[id].Reset();
    v8::Local<v8::Value> fn, arg, names, result;
    if (!data->Get(context, 0).ToLocal(&fn) || !data->Get(context, 1).ToLocal(&arg) ||
        !data->Get(context, 2).ToLocal(&names) || !fn->IsFunction() || !names->IsArray() ||
        !fn.As<v8::Function>()->Call(context, v8::Undefined(isolate), 1, &arg).ToLocal(&result)) {
      if (tc.HasCaught() && !tc.HasTerminated()) tc.ReThrow();
      return {};
    }
    v8::Local<v8::Array> list = names.As<v8::Array>();
    for (uint32_t i = 0; i < list->Length(); i++) {
      v8::Local<v8::Value> k, v = v8::Undefined(isolate);
      if (!list->Get(context, i).ToLocal(&k) || !k->IsString() ||
          (result->IsObject() && !result.As<v8::Object>()->Get(context, k).ToLocal(&v)) ||
          module->SetSyntheticModuleExport(isolate, k.As<v8::String>(), v).IsNothing()) {
        if (tc.HasCaught() && !tc.HasTerminated()) tc.ReThrow();
        return {};
      }
    }
  }
  v8::Local<v8::Promise::Resolver> r;
  if (!v8::Promise::Resolver::New(context).ToLocal(&r)) return {};
  r->Resolve(context, v8::Undefined(isolate)).Check();
  return r->GetPromise();
}

// import(): the evaluation promise settles the import's promise. data = [resolver, namespace].
void import_fulfilled(const v8::FunctionCallbackInfo<v8::Value> &info) {
  v8::Isolate *isolate = info.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  v8::Local<v8::Array> data = info.Data().As<v8::Array>();
  v8::Local<v8::Value> r, ns;
  if (!data->Get(context, 0).ToLocal(&r) || !data->Get(context, 1).ToLocal(&ns)) return;
  r.As<v8::Promise::Resolver>()->Resolve(context, ns).Check();
}

void import_rejected(const v8::FunctionCallbackInfo<v8::Value> &info) {
  v8::Isolate *isolate = info.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  v8::Local<v8::Array> data = info.Data().As<v8::Array>();
  v8::Local<v8::Value> r;
  if (!data->Get(context, 0).ToLocal(&r)) return;
  r.As<v8::Promise::Resolver>()->Reject(context, info[0]).Check();
}

// A watched evaluation promise rejected. data = the module id.
void eval_rejected(const v8::FunctionCallbackInfo<v8::Value> &info) {
  v8::Isolate *isolate = info.GetIsolate();
  ModState *s = state_of(isolate);
  if (!s || !s->host.eval_rejected) return;
  int id = info.Data().As<v8::Integer>()->Value();
  s->host.eval_rejected(s->host.data, id, shim::make_global(isolate, info[0]));
}

// "Unexpected token } in JSON at position 12" -> the offset, or -1.
int json_error_position(const char *message) {
  const char *p = message ? std::strstr(message, " at position ") : nullptr;
  if (!p) return -1;
  return std::atoi(p + std::strlen(" at position "));
}

}  // namespace

namespace shim {
// code_cache.cc: CompileModule consuming cc's cached data (cc may be NULL), and a module's
// code cache.
v8::MaybeLocal<v8::Module> compile_module(v8::Isolate *isolate, v8::Local<v8::String> source,
                                          const v8::ScriptOrigin &origin, shim_code_cache *cc);
int module_code_cache(v8::Local<v8::Module> m, shim_code_cache *cc);
}  // namespace shim

extern "C" {

void shim_modules_platform_init(void) {
  // Import attributes: `with { type: "json" }` (ES2025) beside the older `assert { ... }`
  // (V8 10.2 as node 18 ships it has both, the first behind its flag; both reach the host
  // through the same import-assertions API). One call: each costs ~7k instructions at start.
  // A newer V8 has them on by default, and ignores flags it no longer knows.
  static const char flags[] = "--harmony-import-assertions --harmony-import-attributes";
  v8::V8::SetFlagsFromString(flags, sizeof flags - 1);
}

int shim_modules_init(shim_isolate *iso, const shim_module_host *host) {
  v8::Isolate *isolate = iso->isolate;
  if (isolate->GetNumberOfDataSlots() <= kSlot) return -1;
  ModState *s = new (std::nothrow) ModState();
  if (!s) return -1;
  s->host = *host;
  isolate->SetData(kSlot, s);
  isolate->SetHostImportModuleDynamicallyCallback(import_dynamic);
  isolate->SetHostInitializeImportMetaObjectCallback(init_meta);
  return 0;
}

void shim_modules_free(shim_isolate *iso) {
  v8::Isolate *isolate = iso->isolate;
  ModState *s = state_of(isolate);
  if (!s) return;
  isolate->SetData(kSlot, nullptr);
  for (auto &g : s->mods) g.Reset();
  for (auto &g : s->json) g.Reset();
  delete s;
}

int shim_module_compile(shim_isolate *iso, int id, const char *url, const char *src, size_t len,
                        shim_module_request **reqs_out, size_t *nreqs_out,
                        shim_exception *exc) {
  return shim_module_compile_cached(iso, id, url, src, len, nullptr, reqs_out, nreqs_out, exc);
}

int shim_module_compile_cached(shim_isolate *iso, int id, const char *url, const char *src,
                               size_t len, shim_code_cache *cc, shim_module_request **reqs_out,
                               size_t *nreqs_out, shim_exception *exc) {
  SHIM_ENTER(iso);
  ModState *s = state_of(isolate);
  *reqs_out = nullptr;
  *nreqs_out = 0;
  v8::TryCatch tc(isolate);
  v8::Local<v8::String> source;
  if (!shim::new_source_string(iso, src, len, &source)) {
    isolate->ThrowException(v8::Exception::RangeError(str(isolate, "source is too long")));
    shim::exception_from_trycatch(iso, context, tc, exc);
    return -1;
  }
  v8::ScriptOrigin origin(isolate, str(isolate, url), 0, 0, false, -1, v8::Local<v8::Value>(),
                          false, false, true);
  v8::Local<v8::Module> mod;
  if (!shim::compile_module(isolate, source, origin, cc).ToLocal(&mod)) {
    shim::exception_from_trycatch(iso, context, tc, exc);
    return -1;
  }
  remember(s, isolate, id, mod);

  v8::Local<v8::FixedArray> requests = mod->GetModuleRequests();
  int n = requests->Length();
  if (n == 0) return 0;
  shim_module_request *reqs =
      static_cast<shim_module_request *>(std::calloc(n, sizeof(shim_module_request)));
  if (!reqs) return 0;
  v8::Local<v8::String> type_key = str(isolate, "type");
  for (int i = 0; i < n; i++) {
    v8::Local<v8::ModuleRequest> r = requests->Get(context, i).As<v8::ModuleRequest>();
    reqs[i].specifier = shim::utf8_dup(isolate, r->GetSpecifier(), nullptr);
    v8::Location loc = mod->SourceOffsetToLocation(r->GetSourceOffset());
    reqs[i].line = loc.GetLineNumber() + 1;
    reqs[i].column = loc.GetColumnNumber() + 1;
    // [key, value, source offset, ...]
    v8::Local<v8::FixedArray> a = r->GetImportAssertions();
    for (int k = 0; k + 1 < a->Length(); k += 3) {
      v8::Local<v8::Value> key = a->Get(context, k).As<v8::Value>();
      v8::Local<v8::Value> val = a->Get(context, k + 1).As<v8::Value>();
      if (key->IsString() && val->IsString() && key.As<v8::String>()->StringEquals(type_key)) {
        reqs[i].type = shim::utf8_dup(isolate, val.As<v8::String>(), nullptr);
      }
    }
  }
  *reqs_out = reqs;
  *nreqs_out = static_cast<size_t>(n);
  return 0;
}

void shim_module_requests_free(shim_module_request *reqs, size_t n) {
  for (size_t i = 0; i < n; i++) {
    std::free(reqs[i].specifier);
    std::free(reqs[i].type);
  }
  std::free(reqs);
}

int shim_module_from_object(shim_isolate *iso, int id, const char *url, const shim_global *obj,
                            shim_exception *exc) {
  SHIM_ENTER(iso);
  ModState *s = state_of(isolate);
  v8::TryCatch tc(isolate);
  v8::Local<v8::Value> v = obj ? shim::local(isolate, obj) : v8::Local<v8::Value>();
  v8::Local<v8::Array> keys;
  if (!v.IsEmpty() && v->IsObject() &&
      v.As<v8::Object>()->GetOwnPropertyNames(context).ToLocal(&keys)) {
    std::vector<v8::Local<v8::String>> names;
    for (uint32_t i = 0; i < keys->Length(); i++) {
      v8::Local<v8::Value> k;
      if (keys->Get(context, i).ToLocal(&k) && k->IsString()) names.push_back(k.As<v8::String>());
    }
    v8::Local<v8::Module> mod =
        v8::Module::CreateSyntheticModule(isolate, str(isolate, url), names, object_steps);
    remember(s, isolate, id, mod);
    s->json[id].Reset(isolate, v);
    return 0;
  }
  if (!tc.HasCaught()) {
    isolate->ThrowException(v8::Exception::Error(str(isolate, "no ops object for this module")));
  }
  shim::exception_from_trycatch(iso, context, tc, exc);
  return -1;
}

int shim_module_synthetic(shim_isolate *iso, int id, const char *url, const shim_global *names,
                          const shim_global *fn, const shim_global *arg, shim_exception *exc) {
  SHIM_ENTER(iso);
  ModState *s = state_of(isolate);
  v8::TryCatch tc(isolate);
  v8::Local<v8::Value> list = shim::local(isolate, names);
  std::vector<v8::Local<v8::String>> exports;
  bool ok = list->IsArray() && shim::local(isolate, fn)->IsFunction();
  if (ok) {
    v8::Local<v8::Array> a = list.As<v8::Array>();
    for (uint32_t i = 0; ok && i < a->Length(); i++) {
      v8::Local<v8::Value> k;
      ok = a->Get(context, i).ToLocal(&k) && k->IsString();
      if (ok) exports.push_back(k.As<v8::String>());
    }
  }
  if (ok) {
    v8::Local<v8::Array> data = v8::Array::New(isolate, 3);
    ok = data->Set(context, 0, shim::local(isolate, fn)).IsJust() &&
         data->Set(context, 1, shim::local(isolate, arg)).IsJust() &&
         data->Set(context, 2, list).IsJust();
    if (ok) {
      v8::Local<v8::Module> mod =
          v8::Module::CreateSyntheticModule(isolate, str(isolate, url), exports, call_steps);
      remember(s, isolate, id, mod);
      s->json[id].Reset(isolate, data);
      return 0;
    }
  }
  if (!tc.HasCaught()) {
    isolate->ThrowException(
        v8::Exception::TypeError(str(isolate, "a synthetic module needs names and a function")));
  }
  shim::exception_from_trycatch(iso, context, tc, exc);
  return -1;
}

int shim_module_json(shim_isolate *iso, int id, const char *url, const char *src, size_t len,
                     shim_exception *exc) {
  SHIM_ENTER(iso);
  ModState *s = state_of(isolate);
  v8::TryCatch tc(isolate);
  v8::Local<v8::String> source;
  v8::Local<v8::Value> value;
  if (!shim::new_utf8_string(isolate, src, len, &source)) { // parsed once, then garbage
    isolate->ThrowException(v8::Exception::RangeError(str(isolate, "source is too long")));
  } else if (v8::JSON::Parse(context, source).ToLocal(&value)) {
    std::vector<v8::Local<v8::String>> names = {str(isolate, "default")};
    v8::Local<v8::Module> mod =
        v8::Module::CreateSyntheticModule(isolate, str(isolate, url), names, json_steps);
    remember(s, isolate, id, mod);
    s->json[id].Reset(isolate, value);
    return 0;
  }
  shim::exception_from_trycatch(iso, context, tc, exc);
  if (exc->terminated) return -1;
  // JSON.parse names no file: point at the module and, when V8 says, the offending place.
  std::free(exc->file);
  exc->file = shim::cstr_dup(url);
  std::free(exc->source_line);
  exc->source_line = nullptr;
  exc->line = exc->column = 0;
  int pos = json_error_position(exc->message);
  if (pos >= 0 && static_cast<size_t>(pos) <= len) {
    int line = 1;
    size_t start = 0;
    for (size_t i = 0; i < static_cast<size_t>(pos); i++) {
      if (src[i] == '\n') {
        line++;
        start = i + 1;
      }
    }
    size_t end = start;
    while (end < len && src[end] != '\n' && src[end] != '\r') end++;
    exc->line = line;
    exc->column = static_cast<int>(pos - start) + 1;
    exc->source_line = static_cast<char *>(std::malloc(end - start + 1));
    if (exc->source_line) {
      std::memcpy(exc->source_line, src + start, end - start);
      exc->source_line[end - start] = '\0';
    }
  }
  return -1;
}

void shim_module_drop(shim_isolate *iso, int id) {
  SHIM_ENTER(iso);
  ModState *s = state_of(isolate);
  v8::Local<v8::Module> m = module_of(s, isolate, id);
  if (m.IsEmpty()) return;
  auto range = s->by_hash.equal_range(m->GetIdentityHash());
  for (auto it = range.first; it != range.second; ++it) {
    if (it->second == id) {
      s->by_hash.erase(it);
      break;
    }
  }
  s->mods[id].Reset();
  s->json[id].Reset();
}

int shim_module_status(shim_isolate *iso, int id) {
  SHIM_ENTER(iso);
  v8::Local<v8::Module> m = module_of(state_of(isolate), isolate, id);
  if (m.IsEmpty()) return SHIM_MOD_NONE;
  switch (m->GetStatus()) {
    case v8::Module::kUninstantiated: return SHIM_MOD_UNINSTANTIATED;
    case v8::Module::kInstantiating: return SHIM_MOD_INSTANTIATING;
    case v8::Module::kInstantiated: return SHIM_MOD_INSTANTIATED;
    case v8::Module::kEvaluating: return SHIM_MOD_EVALUATING;
    case v8::Module::kEvaluated: return SHIM_MOD_EVALUATED;
    case v8::Module::kErrored: return SHIM_MOD_ERRORED;
  }
  return SHIM_MOD_NONE;
}

int shim_module_instantiate(shim_isolate *iso, int id, shim_exception *exc) {
  SHIM_ENTER(iso);
  v8::Local<v8::Module> m = module_of(state_of(isolate), isolate, id);
  if (m.IsEmpty()) return -1;
  if (m->GetStatus() != v8::Module::kUninstantiated) return 0;
  v8::TryCatch tc(isolate);
  if (m->InstantiateModule(context, resolve_static).IsNothing()) {
    shim::exception_from_trycatch(iso, context, tc, exc);
    return -1;
  }
  return 0;
}

static int evaluate(shim_isolate *iso, v8::Isolate *isolate, v8::Local<v8::Context> context,
                    v8::Local<v8::Module> m, bool mark_handled, v8::Local<v8::Promise> *out,
                    shim_exception *exc) {
  v8::TryCatch tc(isolate);
  v8::Local<v8::Value> result;
  if (!m->Evaluate(context).ToLocal(&result)) {
    shim::exception_from_trycatch(iso, context, tc, exc);
    if (exc->terminated) return -1;
    // Not expected with top-level await on: turn a throw into a rejected promise.
    v8::Local<v8::Promise::Resolver> r;
    if (!v8::Promise::Resolver::New(context).ToLocal(&r)) return -1;
    r->Reject(context, shim::local(isolate, exc->value)).Check();
    shim_exception_clear(exc);
    result = r->GetPromise();
  }
  if (!result->IsPromise()) {  // an engine without top-level await
    v8::Local<v8::Promise::Resolver> r;
    if (!v8::Promise::Resolver::New(context).ToLocal(&r)) return -1;
    r->Resolve(context, v8::Undefined(isolate)).Check();
    result = r->GetPromise();
  }
  *out = result.As<v8::Promise>();
  // (Not for import(): the reactions it attaches are the handler, and V8 reports "handler
  // added after reject" only for a promise not marked.)
  if (mark_handled) (*out)->MarkAsHandled();
  return 0;
}

int shim_module_evaluate(shim_isolate *iso, int id, int watch, shim_global **promise,
                         shim_exception *exc) {
  SHIM_ENTER(iso);
  v8::Local<v8::Module> m = module_of(state_of(isolate), isolate, id);
  if (m.IsEmpty()) return -1;
  v8::Local<v8::Promise> p;
  if (evaluate(iso, isolate, context, m, true, &p, exc) != 0) return -1;
  v8::Local<v8::Function> on_reject;
  if (watch && v8::Function::New(context, eval_rejected, v8::Integer::New(isolate, id), 1)
                   .ToLocal(&on_reject)) {
    v8::Local<v8::Promise> derived;
    if (p->Catch(context, on_reject).ToLocal(&derived)) derived->MarkAsHandled();
  }
  *promise = shim::make_global(isolate, p);
  return 0;
}

int shim_module_code_cache(shim_isolate *iso, int id, shim_code_cache *cc) {
  SHIM_ENTER(iso);
  v8::Local<v8::Module> m = module_of(state_of(isolate), isolate, id);
  return m.IsEmpty() ? -1 : shim::module_code_cache(m, cc);
}

shim_global *shim_module_namespace(shim_isolate *iso, int id) {
  SHIM_ENTER(iso);
  v8::Local<v8::Module> m = module_of(state_of(isolate), isolate, id);
  if (m.IsEmpty() || m->GetStatus() < v8::Module::kInstantiated) return nullptr;
  return shim::make_global(isolate, m->GetModuleNamespace());
}

int shim_module_import_settle(shim_isolate *iso, int id, const shim_global *resolver,
                              shim_exception *exc) {
  SHIM_ENTER(iso);
  v8::Local<v8::Module> m = module_of(state_of(isolate), isolate, id);
  if (m.IsEmpty()) return -1;
  v8::Local<v8::Promise> p;
  if (evaluate(iso, isolate, context, m, false, &p, exc) != 0) return -1;
  v8::Local<v8::Array> data = v8::Array::New(isolate, 2);
  data->Set(context, 0, shim::local(isolate, resolver)).Check();
  data->Set(context, 1, m->GetModuleNamespace()).Check();
  v8::Local<v8::Function> ok, fail;
  if (!v8::Function::New(context, import_fulfilled, data, 1).ToLocal(&ok) ||
      !v8::Function::New(context, import_rejected, data, 1).ToLocal(&fail)) {
    return -1;
  }
  v8::TryCatch tc(isolate);
  if (p->Then(context, ok, fail).IsEmpty()) {
    shim::exception_from_trycatch(iso, context, tc, exc);
    return -1;
  }
  return 0;
}

void shim_module_import_reject(shim_isolate *iso, const shim_global *resolver,
                               const shim_global *value, const char *name, const char *code,
                               const char *message) {
  SHIM_ENTER(iso);
  v8::Local<v8::Value> reason;
  if (value) {
    reason = shim::local(isolate, value);
  } else {
    v8::Local<v8::String> msg = str(isolate, message);
    if (name && std::strcmp(name, "TypeError") == 0) reason = v8::Exception::TypeError(msg);
    else if (name && std::strcmp(name, "SyntaxError") == 0) reason = v8::Exception::SyntaxError(msg);
    else if (name && std::strcmp(name, "RangeError") == 0) reason = v8::Exception::RangeError(msg);
    else reason = v8::Exception::Error(msg);
    if (name && std::strcmp(name, "Error") != 0 && std::strcmp(name, "TypeError") != 0 &&
        std::strcmp(name, "SyntaxError") != 0 && std::strcmp(name, "RangeError") != 0) {
      /* Another class name (the sandbox's "NotCapable"): an Error whose own name says so. */
      reason.As<v8::Object>()->Set(context, str(isolate, "name"), str(isolate, name)).Check();
    }
    if (code) {
      reason.As<v8::Object>()->Set(context, str(isolate, "code"), str(isolate, code)).Check();
    }
  }
  v8::Local<v8::Value> r = shim::local(isolate, resolver);
  r.As<v8::Promise::Resolver>()->Reject(context, reason).Check();
}

}  // extern "C"
