/* Unit tests of Node's resolution in the kernel (core/resolve.c): require mode's probing,
 * conditions, built-ins, native addons, symlinks, errors, formats; and import maps
 * (core/import_map.c). Expected messages and codes are node 20's for the same trees. */
#define _GNU_SOURCE
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "import_map.h"
#include "mrt.h"
#include "resolve.h"

static char root[PATH_MAX + 1]; /* the real path of the temporary tree */

static void put(const char *rel, const char *text) {
  char path[2 * PATH_MAX];
  snprintf(path, sizeof path, "%s/%s", root, rel);
  for (char *p = path + strlen(root) + 1; *p; p++) {
    if (*p == '/') {
      *p = '\0';
      mkdir(path, 0755);
      *p = '/';
    }
  }
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fputs(text, f);
  fclose(f);
}

static int setup(void **state) {
  (void)state;
  char tmpl[] = "/tmp/mrt-resolve-XXXXXX";
  assert_non_null(mkdtemp(tmpl));
  assert_non_null(realpath(tmpl, root));
  put("main.js", "");
  put("a.js", "");
  put("data.json", "{}");
  put("dir/index.js", "");
  put("pdir/package.json", "{\"main\": \"lib/m\"}");
  put("pdir/lib/m.js", "");
  put("addon.node", "");
  put("node_modules/cjs-pkg/package.json", "{\"main\": \"main.js\"}");
  put("node_modules/cjs-pkg/main.js", "");
  put("node_modules/cjs-pkg/extra.js", "");
  put("node_modules/cond/package.json",
      "{\"exports\": {\"import\": \"./i.mjs\", \"require\": \"./r.cjs\"}}");
  put("node_modules/cond/i.mjs", "");
  put("node_modules/cond/r.cjs", "");
  put("node_modules/mrtcond/package.json",
      "{\"exports\": {\"mrt\": \"./m.js\", \"node\": \"./n.js\"}}");
  put("node_modules/mrtcond/m.js", "");
  put("node_modules/mrtcond/n.js", "");
  put("node_modules/broken/package.json", "{ not json");
  put("node_modules/broken/index.js", "");
  put("real/index.js", "");
  char link[2 * PATH_MAX];
  snprintf(link, sizeof link, "%s/node_modules/ln", root);
  assert_int_equal(symlink("../real", link), 0);
  /* real_of's shortcut (a file that is not a link: its directory's real path + its name)
   * must agree with realpath: a linked file, files below a linked directory. */
  put("real/deep/f.js", "");
  snprintf(link, sizeof link, "%s/linked-file.js", root);
  assert_int_equal(symlink("real/deep/f.js", link), 0);
  snprintf(link, sizeof link, "%s/linked-dir", root);
  assert_int_equal(symlink("real", link), 0);
  put("esm/package.json", "{\"type\": \"module\"}");
  put("esm/x.js", "");
  put("esm/x.ts", "");
  put("cjs/package.json", "{\"type\": \"commonjs\"}");
  put("cjs/x.js", "");
  put("cjs/x.ts", "");
  return 0;
}

static int teardown(void **state) {
  (void)state;
  char cmd[PATH_MAX + 16];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
  return system(cmd) == 0 ? 0 : -1;
}

static char referrer[2 * PATH_MAX];

/* Resolves and checks the result ("file://<root>/<rel>" for rel without a scheme). */
static void expect(mrt_runtime *rt, int mode, const char *spec, const char *rel) {
  char *msg = NULL;
  const char *code = NULL;
  char *url = rt_resolve(rt, spec, referrer, mode, &msg, &code);
  if (!url) fail_msg("%s: %s (%s)", spec, msg, code);
  char want[2 * PATH_MAX];
  if (strchr(rel, ':')) snprintf(want, sizeof want, "%s", rel);
  else snprintf(want, sizeof want, "file://%s/%s", root, rel);
  assert_string_equal(url, want);
  free(url);
}

static void expect_error(mrt_runtime *rt, int mode, const char *spec, const char *want_code,
                         const char *want_msg) {
  char *msg = NULL;
  const char *code = NULL;
  char *url = rt_resolve(rt, spec, referrer, mode, &msg, &code);
  if (url) fail_msg("%s resolved to %s", spec, url);
  assert_string_equal(code, want_code);
  /* want_msg: %s stands for the root */
  char want[4 * PATH_MAX];
  snprintf(want, sizeof want, want_msg, root, root, root);
  assert_string_equal(msg, want);
  free(msg);
}

static mrt_runtime *new_rt(void) {
  mrt_runtime *rt = NULL;
  mrt_options o;
  mrt_options_init(&o);
  assert_int_equal(mrt_runtime_new(&o, &rt), MRT_OK);
  snprintf(referrer, sizeof referrer, "file://%s/main.js", root);
  return rt;
}

static void test_require_mode(void **state) {
  (void)state;
  mrt_runtime *rt = new_rt();
  const int R = RT_RESOLVE_REQUIRE;
  expect(rt, R, "./a", "a.js");
  expect(rt, R, "./a.js", "a.js");
  expect(rt, R, "./data", "data.json");
  expect(rt, R, "./dir", "dir/index.js");
  expect(rt, R, "./pdir", "pdir/lib/m.js");
  expect(rt, R, "cjs-pkg", "node_modules/cjs-pkg/main.js");
  expect(rt, R, "cjs-pkg/extra", "node_modules/cjs-pkg/extra.js");
  expect(rt, R, "cond", "node_modules/cond/r.cjs");
  expect(rt, R, "mrtcond", "node_modules/mrtcond/m.js");
  expect(rt, R, "ln", "real/index.js"); /* a symlinked package: its real path */
  expect(rt, R, "./linked-file.js", "real/deep/f.js");
  expect(rt, R, "./linked-dir/deep/f.js", "real/deep/f.js");
  expect(rt, R, "./linked-dir/index.js", "real/index.js");
  expect(rt, R, "./real/deep/f.js", "real/deep/f.js");
  expect(rt, R, "fs", "node:fs");
  expect(rt, R, "node:fs/promises", "node:fs/promises");
  expect_error(rt, R, "missing", "MODULE_NOT_FOUND",
               "Cannot find module 'missing'\nRequire stack:\n- %s/main.js");
  expect_error(rt, R, "./nope", "MODULE_NOT_FOUND",
               "Cannot find module './nope'\nRequire stack:\n- %s/main.js");
  expect_error(rt, R, "./addon", "ERR_DLOPEN_FAILED",
               "native addons are not supported: %s/addon.node");
  expect_error(rt, R, "node:nope", "ERR_UNKNOWN_BUILTIN_MODULE",
               "No such built-in module: node:nope");
  expect_error(rt, R, "broken", "ERR_INVALID_PACKAGE_CONFIG",
               "Invalid package config %s/node_modules/broken/package.json.");
  /* Cached: the same answer again. */
  expect(rt, R, "./a", "a.js");
  mrt_runtime_free(rt);
}

static void test_import_mode(void **state) {
  (void)state;
  mrt_runtime *rt = new_rt();
  const int I = RT_RESOLVE_IMPORT;
  expect(rt, I, "./a.js", "a.js");
  expect(rt, I, "cond", "node_modules/cond/i.mjs");
  expect(rt, I, "mrtcond", "node_modules/mrtcond/m.js");
  expect(rt, I, "cjs-pkg", "node_modules/cjs-pkg/main.js");
  expect(rt, I, "path", "node:path");
  /* No extension probing for relative specifiers in ESM (as node). */
  expect_error(rt, I, "./a", "ERR_MODULE_NOT_FOUND",
               "Cannot find module '%s/a' imported from %s/main.js");
  expect_error(rt, I, "./addon.node", "ERR_UNKNOWN_FILE_EXTENSION",
               "native addons are not supported: %s/addon.node");
  expect_error(rt, I, "cjs-pkg/extra", "ERR_MODULE_NOT_FOUND",
               "Cannot find module '%s/node_modules/cjs-pkg/extra' imported from %s/main.js");
  /* A file made after a failed attempt is found (misses are not trusted). */
  expect_error(rt, I, "./later.js", "ERR_MODULE_NOT_FOUND",
               "Cannot find module '%s/later.js' imported from %s/main.js");
  put("later.js", "");
  expect(rt, I, "./later.js", "later.js");
  /* A package installed after a failed import is found. */
  expect_error(rt, I, "late-pkg", "ERR_MODULE_NOT_FOUND",
               "Cannot find package 'late-pkg' imported from %s/main.js");
  put("node_modules/late-pkg/package.json", "{\"exports\": \"./x.js\"}");
  put("node_modules/late-pkg/x.js", "");
  expect(rt, I, "late-pkg", "node_modules/late-pkg/x.js");
  /* The error class of each code. */
  assert_string_equal(rt_resolve_error_name("ERR_INVALID_MODULE_SPECIFIER"), "TypeError");
  assert_string_equal(rt_resolve_error_name("ERR_MODULE_NOT_FOUND"), "Error");
  mrt_runtime_free(rt);
}

static void test_formats(void **state) {
  (void)state;
  mrt_runtime *rt = new_rt();
  char u[2 * PATH_MAX];
#define FMT(rel) (snprintf(u, sizeof u, "file://%s/%s", root, rel), rt_module_format(rt, u))
  assert_int_equal(rt_module_format(rt, "node:fs"), RT_FORMAT_BUILTIN);
  assert_int_equal(FMT("x.mjs"), RT_FORMAT_ESM);
  assert_int_equal(FMT("x.cjs"), RT_FORMAT_COMMONJS);
  assert_int_equal(FMT("data.json"), RT_FORMAT_JSON);
  assert_int_equal(FMT("x.mts"), RT_FORMAT_TS_ESM);
  assert_int_equal(FMT("x.cts"), RT_FORMAT_TS_COMMONJS);
  assert_int_equal(FMT("a.js"), RT_FORMAT_UNKNOWN); /* no package.json type: detect */
  assert_int_equal(FMT("esm/x.js"), RT_FORMAT_ESM);
  assert_int_equal(FMT("esm/x.ts"), RT_FORMAT_TS_ESM);
  assert_int_equal(FMT("cjs/x.js"), RT_FORMAT_COMMONJS);
  assert_int_equal(FMT("cjs/x.ts"), RT_FORMAT_TS_COMMONJS);
  assert_int_equal(FMT("x.ts"), RT_FORMAT_TS_UNKNOWN);
  assert_int_equal(FMT("x.wasm"), RT_FORMAT_UNKNOWN);
#undef FMT
  mrt_runtime_free(rt);
}

static int warnings;
static void count_warning(void *data, const char *m) {
  (void)data;
  (void)m;
  warnings++;
}

static void expect_map(const rt_import_map *m, const char *spec, const char *from, int rc,
                       const char *want) {
  char *out = NULL;
  assert_int_equal(rt_import_map_resolve(m, spec, from, &out), rc);
  if (rc > 0) assert_string_equal(out, want);
  free(out);
}

static void test_import_map(void **state) {
  (void)state;
  const char *json =
      "{\"imports\": {\"a\": \"/x/a.mjs\", \"a/\": \"/x/a/\", \"moment\": \"./m.mjs\","
      " \"https://cdn/\": \"/cdn/\", \"n\": null, \"bad\": 3, \"up/\": \"/up/\"},"
      " \"scopes\": {\"/s/\": {\"a\": \"/s/a.mjs\"}, \"/s/deep/\": {\"a\": \"/deep/a.mjs\"},"
      " \"/s/exact.mjs\": {\"a\": \"/exact/a.mjs\"}}}";
  char *err = NULL;
  warnings = 0;
  rt_import_map *m =
      rt_import_map_parse(json, strlen(json), "file:///app/map.json", count_warning, NULL, &err);
  assert_non_null(m);
  assert_int_equal(warnings, 1); /* "bad": not a string (null blocks silently) */
  expect_map(m, "a", "file:///app/main.mjs", 1, "file:///x/a.mjs");
  expect_map(m, "a/b/c.mjs", "file:///app/main.mjs", 1, "file:///x/a/b/c.mjs");
  expect_map(m, "moment", "file:///app/main.mjs", 1, "file:///app/m.mjs");
  expect_map(m, "https://cdn/lib.mjs", "file:///app/main.mjs", 1, "file:///cdn/lib.mjs");
  expect_map(m, "other", "file:///app/main.mjs", 0, NULL);
  expect_map(m, "./rel.mjs", "file:///app/main.mjs", 0, NULL);
  expect_map(m, "n", "file:///app/main.mjs", -1, NULL);
  expect_map(m, "bad", "file:///app/main.mjs", -1, NULL);
  expect_map(m, "up/../../etc.mjs", "file:///app/main.mjs", -1, NULL); /* backtracking */
  expect_map(m, "a", "file:///s/main.mjs", 1, "file:///s/a.mjs");
  expect_map(m, "a", "file:///s/deep/main.mjs", 1, "file:///deep/a.mjs");
  expect_map(m, "a", "file:///s/exact.mjs", 1, "file:///exact/a.mjs");
  expect_map(m, "a/b.mjs", "file:///s/main.mjs", 1, "file:///x/a/b.mjs"); /* falls through */
  rt_import_map_free(m);
  /* Fatal shapes. */
  const char *bad[] = {"[]", "{\"imports\": []}", "{\"scopes\": {\"/s/\": 1}}", "nope"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    err = NULL;
    assert_null(rt_import_map_parse(bad[i], strlen(bad[i]), "file:///", NULL, NULL, &err));
    assert_non_null(err);
    free(err);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_require_mode),
      cmocka_unit_test(test_import_mode),
      cmocka_unit_test(test_formats),
      cmocka_unit_test(test_import_map),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
