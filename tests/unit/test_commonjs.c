/* Unit tests of Node's CommonJS through mrt.h: what the main file is (mrt_main_format) and a
 * CommonJS main (mrt_run_commonjs_main): its module scope, require, and its errors' places. */
#include <sys/stat.h>

#include "test_helpers.h"

static char dir[64];

static void write_file(const char *name, const char *text) {
  char path[128];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fputs(text, f);
  fclose(f);
}

static void remove_file(const char *name) {
  char path[128];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  remove(path);
}

static int setup(void **state) {
  (void)state;
  snprintf(dir, sizeof dir, "/tmp/mrt_cjs_XXXXXX");
  return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  rmdir(dir);
  return 0;
}

static void test_main_format(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  const char *esm = "import x from './x.js';\n", *cjs = "const x = require('./x');\n";
  assert_int_equal(mrt_main_format(rt, "/a/b.mjs", cjs, strlen(cjs)), MRT_MAIN_ESM);
  assert_int_equal(mrt_main_format(rt, "/a/b.cjs", esm, strlen(esm)), MRT_MAIN_COMMONJS);
  assert_int_equal(mrt_main_format(rt, NULL, esm, strlen(esm)), MRT_MAIN_ESM);
  assert_int_equal(mrt_main_format(rt, NULL, cjs, strlen(cjs)), MRT_MAIN_COMMONJS);
  /* A .js file: the nearest package.json "type" first, then the syntax. */
  char path[128];
  snprintf(path, sizeof path, "%s/main.js", dir);
  assert_int_equal(mrt_main_format(rt, path, cjs, strlen(cjs)), MRT_MAIN_COMMONJS);
  assert_int_equal(mrt_main_format(rt, path, esm, strlen(esm)), MRT_MAIN_ESM);
  /* package.json files are read once per runtime (as Node caches them): a new runtime each. */
  mrt_runtime_free(rt);
  write_file("package.json", "{ \"type\": \"module\" }\n");
  rt = new_runtime();
  assert_int_equal(mrt_main_format(rt, path, cjs, strlen(cjs)), MRT_MAIN_ESM);
  mrt_runtime_free(rt);
  write_file("package.json", "{ \"type\": \"commonjs\" }\n");
  rt = new_runtime();
  assert_int_equal(mrt_main_format(rt, path, esm, strlen(esm)), MRT_MAIN_COMMONJS);
  remove_file("package.json");
  mrt_runtime_free(rt);
}

static void test_commonjs_main(void **state) {
  (void)state;
  write_file("dep.js", "exports.x = 42;\nexports.parentIsMain = module.parent === require.main;\n");
  char path[128];
  snprintf(path, sizeof path, "%s/main.js", dir);
  mrt_runtime *rt = new_runtime();
  const char *src =
      "#!/usr/bin/env mrt\n"
      "const dep = require('./dep');\n"
      "globalThis.out = [this === module.exports, typeof exports, dep.x, dep.parentIsMain,\n"
      "  require.main === module, module.id, __filename === module.filename,\n"
      "  __dirname === module.path, Object.keys(require.cache).length].join();\n";
  assert_int_equal(mrt_run_commonjs_main(rt, path, src, strlen(src)), MRT_OK);
  char *out = eval_string(rt, "globalThis.out");
  assert_string_equal(out, "true,object,42,true,true,.,true,true,2");
  free(out);
  mrt_runtime_free(rt);
  remove_file("dep.js");
}

static void test_commonjs_main_errors(void **state) {
  (void)state;
  char path[128];
  snprintf(path, sizeof path, "%s/main.js", dir);
  mrt_runtime *rt = new_runtime();
  /* A syntax error: the file's own line and column (no wrapper text before it). */
  const char *bad = "const a = 1;\nconst b = ;\n";
  assert_int_equal(mrt_run_commonjs_main(rt, path, bad, strlen(bad)), MRT_EEXCEPTION);
  const mrt_error *e = mrt_last_error(rt);
  assert_string_equal(e->name, "SyntaxError");
  assert_string_equal(e->file, path);
  assert_int_equal(e->line, 2);
  assert_int_equal(e->column, 11);
  /* A thrown error: its stack names the file. */
  const char *throws = "\n\nthrow new TypeError('nope');\n";
  assert_int_equal(mrt_run_commonjs_main(rt, path, throws, strlen(throws)), MRT_EEXCEPTION);
  e = mrt_last_error(rt);
  assert_string_equal(e->name, "TypeError");
  assert_int_equal(e->line, 3);
  assert_non_null(strstr(e->stack, path));
  /* A missing module: Node's code and message. */
  const char *missing = "try { require('./nope') } catch (e) { globalThis.code = e.code + ' ' + "
                        "e.message.split('\\n')[0] }";
  assert_int_equal(mrt_run_commonjs_main(rt, path, missing, strlen(missing)), MRT_OK);
  char *code = eval_string(rt, "globalThis.code");
  assert_string_equal(code, "MODULE_NOT_FOUND Cannot find module './nope'");
  free(code);
  assert_int_equal(mrt_run_commonjs_main(rt, NULL, "", 0), MRT_EINVAL);
  assert_int_equal(mrt_run_commonjs_main(rt, path, NULL, 0), MRT_EINVAL);
  mrt_runtime_free(rt);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_main_format),
      cmocka_unit_test(test_commonjs_main),
      cmocka_unit_test(test_commonjs_main_errors),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
