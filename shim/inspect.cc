// inspect.cc: what the console's inspect needs from V8 and JS can't see: promise state,
// proxy internals, the entries of collections and iterators.
#include "shim_internal.h"

struct shim_call;  // defined in native.cc; only its info is needed here
namespace shim {
const v8::FunctionCallbackInfo<v8::Value> &call_info(shim_call *call);
v8::Local<v8::Value> call_arg(shim_call *call, int i);
}  // namespace shim

extern "C" {

void shim_call_return_promise_state(shim_call *call, int i) {
  const v8::FunctionCallbackInfo<v8::Value> &info = shim::call_info(call);
  v8::Local<v8::Value> v = shim::call_arg(call, i);
  if (!v->IsPromise()) return;
  v8::Isolate *isolate = info.GetIsolate();
  v8::Local<v8::Promise> p = v.As<v8::Promise>();
  int state = p->State() == v8::Promise::kPending ? 0
              : p->State() == v8::Promise::kFulfilled ? 1 : 2;
  v8::Local<v8::Value> items[2] = {v8::Integer::New(isolate, state),
                                   state ? p->Result() : v8::Undefined(isolate).As<v8::Value>()};
  info.GetReturnValue().Set(v8::Array::New(isolate, items, 2));
}

void shim_call_return_proxy_details(shim_call *call, int i) {
  const v8::FunctionCallbackInfo<v8::Value> &info = shim::call_info(call);
  v8::Local<v8::Value> v = shim::call_arg(call, i);
  if (!v->IsProxy()) return;
  v8::Local<v8::Proxy> p = v.As<v8::Proxy>();
  v8::Local<v8::Value> items[2] = {p->GetTarget(), p->GetHandler()};
  info.GetReturnValue().Set(v8::Array::New(info.GetIsolate(), items, 2));
}

void shim_call_return_preview_entries(shim_call *call, int i, int is_iterator) {
  const v8::FunctionCallbackInfo<v8::Value> &info = shim::call_info(call);
  v8::Local<v8::Value> v = shim::call_arg(call, i);
  if (!v->IsObject()) return;
  v8::Isolate *isolate = info.GetIsolate();
  bool is_key_value = false;
  v8::Local<v8::Array> entries;
  if (!v.As<v8::Object>()->PreviewEntries(&is_key_value).ToLocal(&entries)) return;
  if (!is_iterator) {
    info.GetReturnValue().Set(entries);
    return;
  }
  v8::Local<v8::Value> items[2] = {entries, v8::Boolean::New(isolate, is_key_value)};
  info.GetReturnValue().Set(v8::Array::New(isolate, items, 2));
}

}  // extern "C"
