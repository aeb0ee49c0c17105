// floor: the least a program on this V8 (Debian's libnode 10.2, the relinked copy mrt loads)
// can do at start, to compare `mrt hi.js` with (floor.sh runs them side by side).
//
//   floor load      loads libnode and returns: exec, the dynamic loader, static constructors
//   floor isolate   also V8's platform (one worker thread, as mrt), an isolate from V8's own
//                   built-in snapshot and a context; then prints "hi" and leaves with _exit
//                   (no teardown, as mrt's CLI)
//
// Nothing of mrt is linked: the difference between `floor isolate` and `mrt hi.js` is what
// mrt adds (its larger snapshot with the web APIs, its bootstrap, reading and compiling the
// script, the event loop).
#include <libplatform/libplatform.h>
#include <unistd.h>
#include <v8.h>

#include <cstdio>
#include <cstring>

int main(int argc, char **argv) {
  if (argc < 2 || std::strcmp(argv[1], "isolate") != 0) {
    // Keeps the DT_NEEDED entry: the address of a V8 function, stored but not called.
    static void *volatile keep;
    keep = reinterpret_cast<void *>(&v8::V8::GetVersion);
    return keep == nullptr;
  }
  // As mrt: V8 does not checksum the snapshot it has just mapped (shim/isolate.cc says why).
  static const char no_verify[] = "--no-verify-snapshot-checksum";
  v8::V8::SetFlagsFromString(no_verify, sizeof no_verify - 1);
  std::unique_ptr<v8::Platform> platform = v8::platform::NewDefaultPlatform(1);
  v8::V8::InitializePlatform(platform.get());
  v8::V8::Initialize();
  v8::Isolate::CreateParams params;
  params.array_buffer_allocator = v8::ArrayBuffer::Allocator::NewDefaultAllocator();
  v8::Isolate *isolate = v8::Isolate::New(params);
  {
    v8::Isolate::Scope isolate_scope(isolate);
    v8::HandleScope handle_scope(isolate);
    v8::Local<v8::Context> context = v8::Context::New(isolate);
    if (context.IsEmpty()) return 1;
  }
  std::fputs("hi\n", stdout);
  std::fflush(stdout);
  _exit(0);
}
