// Runs core/ext/console/console.js on the project's V8 10.2 (libnode) with a minimal
// P.ops (print, hrtime, promiseState) and then a driver script; used by
// v8check.mjs to compare V8 10.2 output with Node 20's. Also reports the
// compile and init times of console.js. Built by v8check.mjs.
#include <v8.h>
#include <libplatform/libplatform.h>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <chrono>
static std::string readf(const char *p){std::ifstream f(p);std::stringstream s;s<<f.rdbuf();return s.str();}
static void Print(const v8::FunctionCallbackInfo<v8::Value>& a){
  v8::String::Utf8Value s(a.GetIsolate(), a[1]); int fd=a[0]->Int32Value(a.GetIsolate()->GetCurrentContext()).FromJust();
  fwrite(*s, 1, s.length(), fd==2?stderr:stdout);
}
static void Hr(const v8::FunctionCallbackInfo<v8::Value>& a){
  a.GetReturnValue().Set((double)std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count());
}
static void PS(const v8::FunctionCallbackInfo<v8::Value>& a){
  auto iso=a.GetIsolate(); auto ctx=iso->GetCurrentContext();
  if(!a[0]->IsPromise()) return; auto p=a[0].As<v8::Promise>();
  auto arr=v8::Array::New(iso,2); int st=p->State(); arr->Set(ctx,0,v8::Integer::New(iso,st==v8::Promise::kPending?0:st==v8::Promise::kFulfilled?1:2)).Check();
  if(st!=v8::Promise::kPending) arr->Set(ctx,1,p->Result()).Check();
  a.GetReturnValue().Set(arr);
}
int main(int argc,char**argv){
  v8::V8::InitializeICUDefaultLocation(argv[0]);
  auto plat=v8::platform::NewDefaultPlatform(); v8::V8::InitializePlatform(plat.get()); v8::V8::Initialize();
  v8::Isolate::CreateParams cp; cp.array_buffer_allocator=v8::ArrayBuffer::Allocator::NewDefaultAllocator();
  auto iso=v8::Isolate::New(cp);
  { v8::Isolate::Scope is(iso); v8::HandleScope hs(iso); auto ctx=v8::Context::New(iso); v8::Context::Scope cs(ctx);
    auto run=[&](const std::string& src,const char*name)->v8::Local<v8::Value>{
      v8::TryCatch tc(iso);
      v8::ScriptOrigin o(iso, v8::String::NewFromUtf8(iso,name).ToLocalChecked());
      auto sc=v8::Script::Compile(ctx,v8::String::NewFromUtf8(iso,src.c_str()).ToLocalChecked(),&o);
      v8::Local<v8::Value> r; if(sc.IsEmpty()||!sc.ToLocalChecked()->Run(ctx).ToLocal(&r)){ v8::String::Utf8Value e(iso,tc.Exception()); fprintf(stderr,"EXC %s: %s\n",name,*e); exit(1);} return r; };
    auto t0=std::chrono::steady_clock::now();
    auto fn=run(readf(argv[1]),"console.js").As<v8::Function>();
    auto ops=v8::Object::New(iso);
    ops->Set(ctx,v8::String::NewFromUtf8Literal(iso,"print"),v8::Function::New(ctx,Print).ToLocalChecked()).Check();
    ops->Set(ctx,v8::String::NewFromUtf8Literal(iso,"hrtime"),v8::Function::New(ctx,Hr).ToLocalChecked()).Check();
    ops->Set(ctx,v8::String::NewFromUtf8Literal(iso,"promiseState"),v8::Function::New(ctx,PS).ToLocalChecked()).Check();
    auto P=v8::Object::New(iso); P->Set(ctx,v8::String::NewFromUtf8Literal(iso,"ops"),ops).Check();
    v8::Local<v8::Value> args[]={P}; if(fn->Call(ctx,ctx->Global(),1,args).IsEmpty()){fprintf(stderr,"init failed\n");return 1;}
    fprintf(stderr,"console.js compile+init: %.0f us\n", std::chrono::duration<double,std::micro>(std::chrono::steady_clock::now()-t0).count());
    run(readf(argv[2]),"cases.js");
    run(readf(argv[3]),"driver.js");
  }
  return 0;
}
