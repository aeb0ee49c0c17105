// bare_v8.cc: the same V8 10.2 as mrt with nothing else: an isolate, a context, explicit
// microtask checkpoints, and the three natives the workloads here need (print, now,
// queueMicrotask). Running a script here and under mrt measures what mrt adds on top of V8.
//   bare_v8 FILE.js
#include <libplatform/libplatform.h>
#include <v8.h>

#include <time.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

static void Print(const v8::FunctionCallbackInfo<v8::Value> &info) {
  v8::String::Utf8Value s(info.GetIsolate(), info[0]);
  std::printf("%s\n", *s ? *s : "");
}

static void Now(const v8::FunctionCallbackInfo<v8::Value> &info) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  info.GetReturnValue().Set(ts.tv_sec * 1e3 + ts.tv_nsec / 1e6);
}

static void QueueMicrotask(const v8::FunctionCallbackInfo<v8::Value> &info) {
  info.GetIsolate()->EnqueueMicrotask(info[0].As<v8::Function>());
}

int main(int argc, char **argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: bare_v8 FILE.js\n");
    return 2;
  }
  std::ifstream in(argv[1]);
  std::stringstream buf;
  buf << in.rdbuf();
  std::string source = buf.str();

  // The same V8 flags mrt sets by default.
  v8::V8::SetFlagsFromString("--no-lazy-feedback-allocation");
  std::unique_ptr<v8::Platform> platform = v8::platform::NewDefaultPlatform(1);
  v8::V8::InitializePlatform(platform.get());
  v8::V8::Initialize();
  v8::Isolate::CreateParams params;
  params.array_buffer_allocator = v8::ArrayBuffer::Allocator::NewDefaultAllocator();
  v8::Isolate *isolate = v8::Isolate::New(params);
  int rc = 0;
  {
    v8::Isolate::Scope isolate_scope(isolate);
    isolate->SetMicrotasksPolicy(v8::MicrotasksPolicy::kExplicit);
    v8::HandleScope handle_scope(isolate);
    v8::Local<v8::Context> context = v8::Context::New(isolate);
    v8::Context::Scope context_scope(context);
    v8::Local<v8::Object> global = context->Global();
    auto set = [&](const char *name, v8::FunctionCallback cb) {
      global->Set(context, v8::String::NewFromUtf8(isolate, name).ToLocalChecked(),
                  v8::Function::New(context, cb).ToLocalChecked())
          .Check();
    };
    set("print", Print);
    set("now", Now);
    set("queueMicrotask", QueueMicrotask);
    v8::TryCatch tc(isolate);
    v8::Local<v8::Script> script;
    if (!v8::Script::Compile(context, v8::String::NewFromUtf8(isolate, source.c_str()).ToLocalChecked())
             .ToLocal(&script) ||
        script->Run(context).IsEmpty()) {
      v8::String::Utf8Value e(isolate, tc.Exception());
      std::fprintf(stderr, "error: %s\n", *e);
      rc = 1;
    }
    isolate->PerformMicrotaskCheckpoint();
  }
  isolate->Dispose();
  delete params.array_buffer_allocator;
  return rc;
}
