// inspector.cc: V8's inspector (the Chrome DevTools Protocol) behind plain C.
//
// One shim_inspector per isolate, made on demand (nothing of it exists without --inspect or
// the embedder's mrt_inspector_* calls). Messages cross as UTF-8 JSON: V8 takes UTF-16 (an
// 8-bit view would be read as Latin-1) and answers in UTF-8 (its JSON writer's 8-bit
// output). When V8 pauses (a breakpoint, a step, `debugger`), it calls runMessageLoopOnPause
// and expects the embedder to dispatch messages until quitMessageLoopOnPause: the owner's
// host callbacks do that (core/inspector.c).

#include <v8-inspector.h>

#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "shim_internal.h"

namespace {

constexpr int kContextGroupId = 1;

// UTF-8 to UTF-16 (malformed bytes become U+FFFD).
std::vector<uint16_t> utf16_of(const char *s, size_t len) {
  std::vector<uint16_t> out;
  out.reserve(len);
  const unsigned char *p = reinterpret_cast<const unsigned char *>(s), *end = p + len;
  while (p < end) {
    uint32_t c = *p++;
    int more = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
    if (more < 0) {
      out.push_back(0xFFFD);
      continue;
    }
    if (more) c &= 0x3F >> more;
    int ok = 1;
    for (int i = 0; i < more; i++) {
      if (p >= end || (*p & 0xC0) != 0x80) {
        ok = 0;
        break;
      }
      c = (c << 6) | (*p++ & 0x3F);
    }
    if (!ok || c > 0x10FFFF) {
      out.push_back(0xFFFD);
    } else if (c >= 0x10000) {
      c -= 0x10000;
      out.push_back(static_cast<uint16_t>(0xD800 + (c >> 10)));
      out.push_back(static_cast<uint16_t>(0xDC00 + (c & 0x3FF)));
    } else {
      out.push_back(static_cast<uint16_t>(c));
    }
  }
  return out;
}

// A StringView as UTF-8: V8's 8-bit protocol output is UTF-8 already; 16-bit is converted.
std::string utf8_of(const v8_inspector::StringView &v) {
  if (v.is8Bit()) return std::string(reinterpret_cast<const char *>(v.characters8()), v.length());
  std::string out;
  out.reserve(v.length());
  const uint16_t *u = v.characters16();
  for (size_t i = 0; i < v.length(); i++) {
    uint32_t c = u[i];
    if (c >= 0xD800 && c <= 0xDBFF && i + 1 < v.length() && u[i + 1] >= 0xDC00 &&
        u[i + 1] <= 0xDFFF) {
      c = 0x10000 + ((c - 0xD800) << 10) + (u[++i] - 0xDC00);
    } else if (c >= 0xD800 && c <= 0xDFFF) {
      c = 0xFFFD;
    }
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (c >> 18));
      out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

v8_inspector::StringView view_of(const std::string &s) {
  return v8_inspector::StringView(reinterpret_cast<const uint8_t *>(s.data()), s.size());
}

// An absolute path as a file: URL (what node reports and DevTools matches breakpoints by).
std::string file_url(const std::string &path) {
  static const char hex[] = "0123456789ABCDEF";
  std::string url = "file://";
  for (unsigned char c : path) {
    if (std::isalnum(c) || std::strchr("/-._~!$&'()*+,;=:@", c)) {
      url += static_cast<char>(c);
    } else {
      url += '%';
      url += hex[c >> 4];
      url += hex[c & 15];
    }
  }
  return url;
}

class Client;

class Channel final : public v8_inspector::V8Inspector::Channel {
 public:
  Channel(void (*send)(void *, const char *, size_t), void *data) : send_(send), data_(data) {}
  void sendResponse(int, std::unique_ptr<v8_inspector::StringBuffer> message) override {
    deliver(message->string());
  }
  void sendNotification(std::unique_ptr<v8_inspector::StringBuffer> message) override {
    deliver(message->string());
  }
  void flushProtocolNotifications() override {}
  bool closed = false;

 private:
  void deliver(const v8_inspector::StringView &v) {
    if (closed) return;
    std::string s = utf8_of(v);
    send_(data_, s.data(), s.size());
  }
  void (*send_)(void *, const char *, size_t);
  void *data_;
};

}  // namespace

struct shim_inspector_session {
  shim_inspector *owner;
  Channel channel;
  std::unique_ptr<v8_inspector::V8InspectorSession> session;
  int depth = 0;         // dispatches of this session on the stack
  bool closing = false;  // disconnected inside its own dispatch: freed when that returns
  shim_inspector_session(shim_inspector *o, void (*send)(void *, const char *, size_t), void *d)
      : owner(o), channel(send, d) {}
};

namespace {

class Client final : public v8_inspector::V8InspectorClient {
 public:
  Client(shim_isolate *iso, const shim_inspector_host &host) : iso_(iso), host_(host) {}
  void runMessageLoopOnPause(int) override {
    if (host_.run_paused) host_.run_paused(host_.data);
  }
  void quitMessageLoopOnPause() override {
    if (host_.quit_paused) host_.quit_paused(host_.data);
  }
  void runIfWaitingForDebugger(int) override {
    if (host_.run_if_waiting) host_.run_if_waiting(host_.data);
  }
  double currentTimeMS() override {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
  }
  v8::Local<v8::Context> ensureDefaultContextInGroup(int) override {
    return iso_->context.Get(iso_->isolate);
  }
  std::unique_ptr<v8_inspector::StringBuffer> resourceNameToUrl(
      const v8_inspector::StringView &name) override {
    std::string s = utf8_of(name);
    if (s.empty() || s[0] != '/') return nullptr;  // a URL already, or an internal name
    std::string url = file_url(s);
    return v8_inspector::StringBuffer::create(view_of(url));
  }

 private:
  shim_isolate *iso_;
  shim_inspector_host host_;
};

}  // namespace

struct shim_inspector {
  shim_isolate *iso;
  std::unique_ptr<Client> client;
  std::unique_ptr<v8_inspector::V8Inspector> inspector;
  std::vector<shim_inspector_session *> sessions;
};

namespace {

void session_delete(shim_inspector_session *s) {
  auto &list = s->owner->sessions;
  for (size_t i = 0; i < list.size(); i++) {
    if (list[i] == s) {
      list.erase(list.begin() + static_cast<long>(i));
      break;
    }
  }
  SHIM_ENTER(s->owner->iso);
  (void)context;
  s->session.reset();  // ends a pause this session held (V8 resumes)
  delete s;
}

// Node's consoleCall: the inspector's console method (V8's own console, which reports to
// the inspector), then the runtime's. A native, so the message's stack starts at the caller.
void console_call(const v8::FunctionCallbackInfo<v8::Value> &info) {
  v8::Isolate *isolate = info.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  v8::Local<v8::Array> pair = info.Data().As<v8::Array>();
  v8::Local<v8::Value> vm, own;
  if (!pair->Get(context, 0).ToLocal(&vm) || !pair->Get(context, 1).ToLocal(&own)) return;
  std::vector<v8::Local<v8::Value>> args(static_cast<size_t>(info.Length()));
  for (int i = 0; i < info.Length(); i++) args[static_cast<size_t>(i)] = info[i];
  v8::Local<v8::Value> ignored;
  if (vm->IsFunction() &&
      !vm.As<v8::Function>()
           ->Call(context, info.This(), info.Length(), args.data())
           .ToLocal(&ignored)) {
    return;
  }
  v8::Local<v8::Value> result;
  if (own.As<v8::Function>()
          ->Call(context, info.This(), info.Length(), args.data())
          .ToLocal(&result)) {
    info.GetReturnValue().Set(result);
  }
}

}  // namespace

extern "C" {

shim_inspector *shim_inspector_new(shim_isolate *iso, const char *context_name,
                                   const shim_inspector_host *host) {
  shim_inspector *ins = new (std::nothrow) shim_inspector();
  if (!ins) return nullptr;
  ins->iso = iso;
  iso->inspecting = true;  // entry points catch verbosely from now on (EntryCatch)
  ins->client.reset(new Client(iso, *host));
  SHIM_ENTER(iso);
  ins->inspector = v8_inspector::V8Inspector::create(isolate, ins->client.get());
  std::string name = context_name ? context_name : "mrt";
  v8_inspector::V8ContextInfo info(context, kContextGroupId, view_of(name));
  // As node: the default context of its group (DevTools' console evaluates there).
  static const char aux[] = "{\"isDefault\":true}";
  info.auxData = v8_inspector::StringView(reinterpret_cast<const uint8_t *>(aux), sizeof aux - 1);
  ins->inspector->contextCreated(info);
  return ins;
}

void shim_inspector_exception_thrown(shim_inspector *ins, const char *text, const char *url,
                                     int line, int column) {
  if (!ins || !ins->inspector) return;
  SHIM_ENTER(ins->iso);
  // V8 takes 1-based lines and columns here and reports them 0-based.
  std::string t = text ? text : "Uncaught", u = url ? url : "";
  if (!u.empty() && u[0] == '/') u = file_url(u);
  static const std::string uncaught = "Uncaught";
  ins->inspector->exceptionThrown(context, view_of(uncaught), v8::Local<v8::Value>(), view_of(t),
                                  view_of(u), line > 0 ? static_cast<unsigned>(line) : 0,
                                  column > 0 ? static_cast<unsigned>(column) : 0, nullptr, 0);
}

void shim_inspector_context_destroyed(shim_inspector *ins) {
  if (!ins || !ins->inspector) return;
  SHIM_ENTER(ins->iso);
  ins->inspector->contextDestroyed(context);
}

void shim_inspector_free(shim_inspector *ins) {
  if (!ins) return;
  ins->iso->inspecting = false;
  while (!ins->sessions.empty()) session_delete(ins->sessions.back());
  {
    SHIM_ENTER(ins->iso);
    (void)context;
    ins->inspector.reset();
  }
  delete ins;
}

shim_inspector_session *shim_inspector_connect(shim_inspector *ins,
                                               void (*send)(void *, const char *, size_t),
                                               void *data) {
  shim_inspector_session *s = new (std::nothrow) shim_inspector_session(ins, send, data);
  if (!s) return nullptr;
  SHIM_ENTER(ins->iso);
  (void)context;
  s->session = ins->inspector->connect(kContextGroupId, &s->channel, v8_inspector::StringView());
  ins->sessions.push_back(s);
  return s;
}

void shim_inspector_dispatch(shim_inspector_session *s, const char *msg, size_t len) {
  if (!s || s->closing) return;
  std::vector<uint16_t> units = utf16_of(msg, len);
  {
    SHIM_ENTER(s->owner->iso);
    (void)context;
    s->depth++;
    s->session->dispatchProtocolMessage(v8_inspector::StringView(units.data(), units.size()));
    s->depth--;
  }
  if (s->closing && s->depth == 0) session_delete(s);
}

void shim_inspector_disconnect(shim_inspector_session *s) {
  if (!s) return;
  s->channel.closed = true;  // nothing more reaches the owner's send
  if (s->depth > 0) {
    s->closing = true;  // inside its own dispatch: freed when that returns
    return;
  }
  session_delete(s);
}

void shim_inspector_pause_on_next_call(shim_inspector *ins, const char *reason) {
  if (!ins) return;
  SHIM_ENTER(ins->iso);
  (void)context;
  std::string r = reason ? reason : "other";
  for (shim_inspector_session *s : ins->sessions) {
    if (!s->closing) s->session->schedulePauseOnNextStatement(view_of(r), view_of("{}"));
  }
}

int shim_inspector_wrap_console(shim_inspector *ins, const shim_global *console,
                                const shim_global *vm_console) {
  SHIM_ENTER(ins->iso);
  v8::Local<v8::Value> c = shim::local(isolate, console), vm = shim::local(isolate, vm_console);
  if (!c->IsObject() || !vm->IsObject()) return -1;
  v8::Local<v8::Object> own = c.As<v8::Object>(), from_vm = vm.As<v8::Object>();
  v8::Local<v8::Array> keys;
  if (!from_vm->GetOwnPropertyNames(context).ToLocal(&keys)) return -1;
  for (uint32_t i = 0; i < keys->Length(); i++) {
    v8::Local<v8::Value> key, vm_fn, own_fn;
    if (!keys->Get(context, i).ToLocal(&key) || !key->IsString()) continue;
    if (!from_vm->Get(context, key).ToLocal(&vm_fn) || !vm_fn->IsFunction()) continue;
    if (!own->Get(context, key).ToLocal(&own_fn) || !own_fn->IsFunction()) continue;
    v8::Local<v8::Array> pair = v8::Array::New(isolate, 2);
    if (pair->Set(context, 0, vm_fn).IsNothing() || pair->Set(context, 1, own_fn).IsNothing()) {
      return -1;
    }
    v8::Local<v8::Function> fn;
    if (!v8::Function::New(context, console_call, pair, 0, v8::ConstructorBehavior::kThrow)
             .ToLocal(&fn)) {
      return -1;
    }
    fn->SetName(key.As<v8::String>());
    if (own->Set(context, key, fn).IsNothing()) return -1;
  }
  return 0;
}

int shim_inspector_has_sessions(shim_inspector *ins) {
  if (!ins) return 0;
  for (shim_inspector_session *s : ins->sessions) {
    if (!s->closing) return 1;
  }
  return 0;
}

static void run_interrupt(v8::Isolate *, void *data) {
  shim_interrupt *i = static_cast<shim_interrupt *>(data);
  i->fn(i->data);
}

void shim_request_interrupt(shim_isolate *iso, shim_interrupt *i) {
  iso->isolate->RequestInterrupt(run_interrupt, i);
}

}  // extern "C"
