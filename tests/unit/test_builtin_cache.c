/* Unit tests of the lazy built-in files' code caches made at build time (core/builtin_cache.h):
 * the blob holds the lazy files (not the bootstrap's); a program using lazy APIs compiles
 * them from the caches when V8's flags are the build's, and from source when other flags make
 * V8 reject them, with the same results, errors and stack positions either way; every Node
 * module's cache is accepted. V8's flags are process-wide: each run is a child process. */
#define _GNU_SOURCE
#include <sys/wait.h>
#include <unistd.h>

#include "test_helpers.h"

#include "builtin_cache.h"

/* Uses lazy files (fetch's types, headers and bodies, URL, text, node:fs and node:path, the
 * CommonJS loader): values, an error thrown inside one (its stack), a function's source, and
 * a body read after a loop turn. Leaves globalThis.result. */
static const char WORKLOAD[] =
    "const out = [];\n"
    "const res = new Response('body', { status: 201, headers: { 'x-a': '1' } });\n"
    "out.push(res.status, res.headers.get('x-a'), res.headers.get('content-type'));\n"
    "try { new Response('x', { status: 1 }); } catch (e) {\n"
    "  out.push(e.constructor.name, e.stack.split('\\n').slice(0, 3).join('|'));\n"
    "}\n"
    "const u = new URL('https://a.example/b/../c?d=1#e');\n"
    "out.push(u.href, u.searchParams.get('d'), new URLSearchParams('a=1&b=2').toString());\n"
    "out.push(new TextDecoder().decode(new Uint8Array([104, 105])));\n"
    "out.push(typeof require('node:fs').readFileSync, require('node:path').join('a', '..', 'b'));\n"
    "out.push(String(Headers.prototype.append).slice(0, 40));\n"
    "res.text().then((t) => { out.push(t); globalThis.result = JSON.stringify(out); });\n";

/* Every Node module mrt implements (each its own lazy file, some loading internal ones): how
 * many loaded. */
static const char ALL_NODE_MODULES[] =
    "const { builtinModules } = require('node:module');\n"
    "let loaded = 0;\n"
    "for (const name of builtinModules) {\n"
    "  try { require('node:' + name); loaded++; } catch (e) {\n"
    "    if (!/does not implement/.test(e.message)) throw e;\n"
    "  }\n"
    "}\n"
    "globalThis.result = String(loaded);\n";

typedef struct run_result {
  char text[4096];
  unsigned hits, rejected;
} run_result;

/* Runs src as the CommonJS main /app/main.js in a child process with V8 flags `flags` (NULL:
 * none, as the mrt command) and returns String(globalThis.result) and the cache counters. */
static run_result run_child(const char *flags, const char *src) {
  int fds[2];
  assert_int_equal(pipe(fds), 0);
  pid_t pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) {
    close(fds[0]);
    run_result r = {{0}, 0, 0};
    mrt_options opts;
    mrt_options_init(&opts);
    opts.v8_flags = flags;
    mrt_runtime *rt = NULL;
    if (mrt_runtime_new(&opts, &rt) != MRT_OK) _exit(3);
    int rc = mrt_run_commonjs_main(rt, "/app/main.js", src, strlen(src));
    if (rc == MRT_OK) rc = mrt_run_event_loop(rt);
    if (rc != MRT_OK) {
      snprintf(r.text, sizeof r.text, "error: %s", mrt_last_error(rt)->message);
    } else {
      char *s = eval_string(rt, "String(globalThis.result)");
      snprintf(r.text, sizeof r.text, "%s", s ? s : "(none)");
      free(s);
    }
    mrt_startup_times st;
    mrt_get_startup_times(rt, &st);
    r.hits = st.builtin_cache_hits;
    r.rejected = st.builtin_cache_rejected;
    mrt_runtime_free(rt);
    _exit(write(fds[1], &r, sizeof r) == (ssize_t)sizeof r ? 0 : 4);
  }
  close(fds[1]);
  run_result r;
  size_t got = 0;
  while (got < sizeof r) {
    ssize_t n = read(fds[0], (char *)&r + got, sizeof r - got);
    if (n <= 0) break;
    got += (size_t)n;
  }
  close(fds[0]);
  int status = 0;
  assert_int_equal(waitpid(pid, &status, 0), pid);
  assert_true(WIFEXITED(status));
  assert_int_equal(WEXITSTATUS(status), 0);
  assert_int_equal(got, sizeof r);
  return r;
}

static void test_blob_holds_the_lazy_files(void **state) {
  (void)state;
  static const char *const lazy[] = {
      "core/ext/fetch/types_impl.js", "core/ext/fetch/headers_impl.js",
      "core/ext/fetch/body_impl.js",  "core/ext/url/url_impl.js",
      "core/ext/node/lib/fs.js",      "core/ext/node/cjs_impl.js",
      "core/lib/web_streams.js",      "core/ext/node/internal/errors.js"};
  for (size_t i = 0; i < sizeof lazy / sizeof lazy[0]; i++) {
    size_t len = 0;
    const void *data = rt_builtin_cache_find(lazy[i], strlen(lazy[i]), &len);
    assert_non_null(data);
    assert_true(len > 64);
    assert_int_equal((uintptr_t)data % 8, 0); /* else V8 copies it first */
  }
  /* The bootstrap's files are in the snapshot, not here; nor is anything else. */
  static const char *const absent[] = {"core/js/core.js", "core/ext/fetch/fetch.js",
                                       "core/lib/amaro.wasm", "core/ext/fetch/types_impl",
                                       "core/ext/fetch/types_impl.jsx", ""};
  for (size_t i = 0; i < sizeof absent / sizeof absent[0]; i++) {
    size_t len = 1;
    assert_null(rt_builtin_cache_find(absent[i], strlen(absent[i]), &len));
    assert_int_equal(len, 0);
  }
}

static void test_same_results_with_and_without_the_cache(void **state) {
  (void)state;
  run_result cached = run_child(NULL, WORKLOAD);
  /* Other V8 flags: the flag hash in each cache differs, so V8 rejects it. */
  run_result rejected = run_child("--max-lazy --stack-size=900", WORKLOAD);
  assert_string_equal(cached.text, rejected.text);
  assert_non_null(strstr(cached.text, "\"RangeError\""));
  assert_non_null(strstr(cached.text, "at Object.<anonymous> (/app/main.js:4:7)"));
  assert_non_null(strstr(cached.text, "\"https://a.example/c?d=1#e\""));
  assert_non_null(strstr(cached.text, "\"body\"]"));
  /* Response's files, URL's, text's, node:fs, node:path, the CommonJS loader at least. */
  assert_true(cached.hits >= 8);
  assert_int_equal(cached.rejected, 0);
  assert_int_equal(rejected.hits, 0);
  assert_int_equal(rejected.rejected, cached.hits);
}

static void test_every_node_module_from_its_cache(void **state) {
  (void)state;
  run_result r = run_child(NULL, ALL_NODE_MODULES);
  assert_true(atoi(r.text) > 20);
  assert_int_equal(r.rejected, 0);
  assert_true(r.hits >= (unsigned)atoi(r.text));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_blob_holds_the_lazy_files),
      cmocka_unit_test(test_same_results_with_and_without_the_cache),
      cmocka_unit_test(test_every_node_module_from_its_cache),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
