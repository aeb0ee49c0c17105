/* test_runtime.c: runtime lifecycle, scripts, values, errors. */
#include "test_helpers.h"

static void create_destroy(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  assert_int_equal(mrt_exit_code(rt), -1);
  mrt_runtime_free(rt);
  mrt_runtime_free(NULL); /* a no-op */
}

/* 1,000 create/destroy cycles must not grow RSS: measured after a warm-up, with a bound
 * far below what leaking one isolate (~1 MiB) per cycle would cost. */
static void many_runtimes_no_growth(void **state) {
  (void)state;
  for (int i = 0; i < 100; i++) {
    mrt_runtime *rt = new_runtime();
    assert_int_equal(run(rt, "globalThis.x = new Array(1000).fill(1).map(String)"), MRT_OK);
    mrt_runtime_free(rt);
  }
  long before = rss_kib();
  for (int i = 0; i < 1000; i++) {
    mrt_runtime *rt = new_runtime();
    assert_int_equal(run(rt, "globalThis.x = new Array(1000).fill(1).map(String)"), MRT_OK);
    mrt_runtime_free(rt);
  }
  long growth = rss_kib() - before;
  print_message("RSS growth over 1000 runtimes: %ld KiB\n", growth);
#ifndef __SANITIZE_ADDRESS__
  /* Under ASan freed memory sits in quarantine, so RSS says nothing; LeakSanitizer checks. */
  assert_true(growth < 20 * 1024);
#endif
}

static void script_values(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  assert_true(eval_number(rt, "6 * 7") == 42);
  char *s = eval_string(rt, "'h\\u00e9llo ' + [1, 2]");
  assert_string_equal(s, "h\xc3\xa9llo 1,2");
  mrt_free(s);

  mrt_value *obj = NULL;
  const char *src = "({a: [1, 'x', null], b: {c: true}})";
  assert_int_equal(mrt_execute_script(rt, "t.js", src, strlen(src), &obj), MRT_OK);
  assert_int_equal(mrt_value_type(rt, obj), MRT_TYPE_OBJECT);
  size_t len = 0;
  char *json = mrt_value_to_json(rt, obj, &len);
  assert_string_equal(json, "{\"a\":[1,\"x\",null],\"b\":{\"c\":true}}");
  assert_int_equal(len, strlen(json));
  mrt_free(json);

  mrt_value *a = NULL;
  assert_int_equal(mrt_get(rt, obj, "a", &a), MRT_OK);
  assert_int_equal(mrt_value_type(rt, a), MRT_TYPE_ARRAY);
  mrt_value *n = mrt_number(rt, 5);
  assert_int_equal(mrt_set(rt, obj, "n", n), MRT_OK);
  assert_true(eval_number(rt, "1") == 1);

  mrt_value *fn = NULL;
  src = "(function (x, y) { return this.k + x * y })";
  assert_int_equal(mrt_execute_script(rt, "f.js", src, strlen(src), &fn), MRT_OK);
  assert_int_equal(mrt_value_type(rt, fn), MRT_TYPE_FUNCTION);
  mrt_value *recv = NULL;
  assert_int_equal(mrt_execute_script(rt, "r.js", "({k: 1})", 8, &recv), MRT_OK);
  mrt_value *args[2] = {mrt_number(rt, 3), mrt_number(rt, 4)};
  mrt_value *out = NULL;
  assert_int_equal(mrt_call(rt, fn, recv, 2, args, &out), MRT_OK);
  assert_true(mrt_value_to_number(rt, out) == 13);

  mrt_value *str = mrt_string(rt, "abc", 3);
  assert_int_equal(mrt_value_type(rt, str), MRT_TYPE_STRING);
  assert_int_equal(mrt_value_type(rt, mrt_undefined(rt)), MRT_TYPE_UNDEFINED);
  assert_int_equal(mrt_value_type(rt, mrt_null(rt)), MRT_TYPE_NULL);
  assert_true(mrt_value_to_boolean(rt, mrt_boolean(rt, 1)));
  assert_null(mrt_value_to_json(rt, mrt_undefined(rt), NULL));
  /* Handles not freed here (the ones above) are released with the runtime. */
  mrt_value_free(rt, obj);
  mrt_runtime_free(rt);
}

static void thrown_error_record(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  const char *src = "function f() {\n  null.x;\n}\nf();";
  assert_int_equal(mrt_execute_script(rt, "/app/t.js", src, strlen(src), NULL), MRT_EEXCEPTION);
  const mrt_error *e = mrt_last_error(rt);
  assert_int_equal(e->code, MRT_EEXCEPTION);
  assert_string_equal(e->name, "TypeError");
  assert_string_equal(e->message, "Cannot read properties of null (reading 'x')");
  assert_string_equal(e->file, "/app/t.js");
  assert_int_equal(e->line, 2);
  assert_int_equal(e->column, 8);
  assert_string_equal(e->source_line, "  null.x;");
  assert_non_null(strstr(e->stack, "at f (/app/t.js:2:8)"));
  char *report = mrt_error_format(e);
  assert_non_null(strstr(report, "Uncaught TypeError: Cannot read properties of null"));
  mrt_free(report);
  /* The runtime stays usable. */
  assert_true(eval_number(rt, "1 + 1") == 2);
  mrt_runtime_free(rt);
}

static void syntax_error_record(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  const char *src = "let a = 1;\nlet b = ;\n";
  assert_int_equal(mrt_execute_script(rt, "bad.js", src, strlen(src), NULL), MRT_EEXCEPTION);
  const mrt_error *e = mrt_last_error(rt);
  assert_string_equal(e->name, "SyntaxError");
  assert_string_equal(e->file, "bad.js");
  assert_int_equal(e->line, 2);
  assert_int_equal(e->column, 9);
  char *report = mrt_error_format(e);
  assert_non_null(strstr(report, "bad.js:2:9\nlet b = ;\n        ^\n"));
  mrt_free(report);
  mrt_runtime_free(rt);
}

static void thrown_non_errors(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  assert_int_equal(run(rt, "throw 42"), MRT_EEXCEPTION);
  assert_null(mrt_last_error(rt)->name);
  assert_string_equal(mrt_last_error(rt)->message, "42");
  assert_int_equal(run(rt, "throw {a: 1}"), MRT_EEXCEPTION);
  assert_string_equal(mrt_last_error(rt)->message, "{ a: 1 }");
  assert_int_equal(run(rt, "throw Symbol('s')"), MRT_EEXCEPTION);
  assert_string_equal(mrt_last_error(rt)->message, "Symbol(s)");
  mrt_runtime_free(rt);
}

static void bare_runtime(void **state) {
  (void)state;
  mrt_options opts;
  mrt_options_init(&opts);
  opts.flags = MRT_RUNTIME_BARE;
  mrt_runtime *rt = NULL;
  assert_int_equal(mrt_runtime_new(&opts, &rt), MRT_OK);
  assert_true(eval_number(rt, "typeof setTimeout === 'undefined' ? 1 : 0") == 1);
  mrt_runtime_free(rt);
}

static void strerror_names(void **state) {
  (void)state;
  assert_string_equal(mrt_strerror(MRT_OK), "success");
  assert_string_equal(mrt_strerror(MRT_ESTALLED),
                      "promise will never settle: the event loop has no more work");
  assert_string_equal(mrt_strerror(12345), "unknown error");
  assert_string_equal(mrt_version(), MRT_VERSION_STRING);
  assert_non_null(strstr(mrt_v8_version(), "10.2"));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(create_destroy),       cmocka_unit_test(script_values),
      cmocka_unit_test(thrown_error_record),  cmocka_unit_test(syntax_error_record),
      cmocka_unit_test(thrown_non_errors),    cmocka_unit_test(bare_runtime),
      cmocka_unit_test(strerror_names),       cmocka_unit_test(many_runtimes_no_growth),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
