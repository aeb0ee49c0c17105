// test_v8_escape.cc: the V8 escape hatch from C++ (mrt_v8_isolate / mrt_v8_context): V8's
// own API on the runtime's isolate and context, seen from JS and from mrt's API.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <v8.h>

extern "C" {
#include <cmocka.h>
}

#include "mrt.h"

static void isolate_and_context(void **) {
  mrt_options opts;
  mrt_options_init(&opts);
  opts.v8_flags = "--expose-gc";
  mrt_runtime *rt = nullptr;
  assert_int_equal(mrt_runtime_new(&opts, &rt), MRT_OK);
  v8::Isolate *isolate = static_cast<v8::Isolate *>(mrt_v8_isolate(rt));
  auto *global_ctx = static_cast<v8::Global<v8::Context> *>(mrt_v8_context(rt));
  assert_non_null(isolate);
  assert_non_null(global_ctx);
  {
    v8::Isolate::Scope isolate_scope(isolate);
    v8::HandleScope handle_scope(isolate);
    v8::Local<v8::Context> ctx = global_ctx->Get(isolate);
    v8::Context::Scope context_scope(ctx);
    // A value made with V8 directly, visible to JS.
    ctx->Global()
        ->Set(ctx, v8::String::NewFromUtf8Literal(isolate, "fromV8"),
              v8::Number::New(isolate, 41))
        .Check();
  }
  mrt_value *v = nullptr;
  const char *src = "fromV8 + 1";
  assert_int_equal(mrt_execute_script(rt, "t.js", src, strlen(src), &v), MRT_OK);
  assert_true(mrt_value_to_number(rt, v) == 42);
  mrt_value_free(rt, v);
  {
    // What JS made, read with V8 directly.
    v8::Isolate::Scope isolate_scope(isolate);
    v8::HandleScope handle_scope(isolate);
    v8::Local<v8::Context> ctx = global_ctx->Get(isolate);
    v8::Context::Scope context_scope(ctx);
    v8::Local<v8::Value> x;
    assert_int_equal(mrt_execute_script(rt, "t.js", "globalThis.fromJs = 'hi'", 24, nullptr),
                     MRT_OK);
    assert_true(ctx->Global()->Get(ctx, v8::String::NewFromUtf8Literal(isolate, "fromJs"))
                    .ToLocal(&x));
    v8::String::Utf8Value s(isolate, x);
    assert_string_equal(*s, "hi");
  }
  // Misuse: a NULL runtime.
  assert_null(mrt_v8_isolate(nullptr));
  assert_null(mrt_v8_context(nullptr));
  mrt_runtime_free(rt);
}

int main() {
  const struct CMUnitTest tests[] = {cmocka_unit_test(isolate_and_context)};
  return cmocka_run_group_tests(tests, nullptr, nullptr);
}
