/* Unit tests of ES modules through mrt.h: loading with the built-in memory loader and with
 * embedder loaders (synchronous and asynchronous), evaluation promises, namespaces, import(),
 * JSON modules, and the errors. */
#include <unistd.h>

#include "test_helpers.h"

static mrt_runtime *runtime_with(const mrt_module_loader *loader, void *data) {
  mrt_options opts;
  mrt_options_init(&opts);
  opts.v8_flags = TEST_V8_FLAGS;
  opts.loader = loader;
  opts.loader_data = data;
  mrt_runtime *rt = NULL;
  assert_int_equal(mrt_runtime_new(&opts, &rt), MRT_OK);
  return rt;
}

/* Loads, evaluates and resolves the evaluation promise of the main module. */
static int load_and_run(mrt_runtime *rt, const char *spec, int *id) {
  int rc = mrt_load_main_module(rt, spec, NULL, 0, id);
  if (rc) return rc;
  mrt_value *p = NULL;
  rc = mrt_mod_evaluate(rt, *id, &p);
  if (rc) return rc;
  rc = mrt_resolve_value(rt, p, NULL);
  mrt_value_free(rt, p);
  return rc;
}

static char *global_string(mrt_runtime *rt, const char *expr) { return eval_string(rt, expr); }

/* ---------------------------------------------------------------- memory loader */

static const char *app[][2] = {
    {"file:///app/main.js",
     "import { add } from './lib/math.js';\n"
     "import config from './config.json' assert { type: 'json' };\n"
     "import * as again from '/app/lib/../lib/math.js';\n"
     "globalThis.log = (globalThis.log || []).concat('main');\n"
     "export const answer = add(40, 2);\n"
     "export const name = config.name;\n"
     "export const same = again.add === add;\n"
     "export default 'main default';\n"},
    {"file:///app/lib/math.js",
     "globalThis.log = (globalThis.log || []).concat('math');\n"
     "export function add(a, b) { return a + b; }\n"},
    {"file:///app/config.json", "{\"name\": \"app\", \"n\": [1, 2]}"},
    {"file:///app/tla.js",
     "await new Promise((r) => { globalThis.releaseTla = () => setTimeout(r, 5); });\n"
     "export const late = 'after a timer';\n"},
    {"file:///app/missing.js", "import './lib/nope.js';\n"},
    {"file:///app/syntax.js", "export const a = 1;\nexport const b = ;\n"},
    {"file:///app/rejects.js",
     "await null;\nthrow new RangeError('evaluation failed');\n"},
    {"file:///app/dynamic.js",
     "export const p = import('./lib/math.js').then((ns) => ns.add(1, 2));\n"},
    {"file:///app/meta.js",
     "export const url = import.meta.url, main = import.meta.main;\n"
     "export const resolved = import.meta.resolve('./x/../y.js');\n"},
    {NULL, NULL}};

static void test_memory_loader_load_evaluate(void **state) {
  (void)state;
  mrt_runtime *rt = runtime_with(mrt_memory_loader(), app);
  int id = -1;
  assert_int_equal(load_and_run(rt, "file:///app/main.js", &id), MRT_OK);
  assert_true(id >= 0);
  char *log = global_string(rt, "log.join(',')");
  assert_string_equal(log, "math,main");
  mrt_free(log);

  /* Namespace access. */
  mrt_value *ns = NULL, *v = NULL;
  assert_int_equal(mrt_module_namespace(rt, id, &ns), MRT_OK);
  assert_int_equal(mrt_get(rt, ns, "answer", &v), MRT_OK);
  assert_true(mrt_value_to_number(rt, v) == 42);
  mrt_value_free(rt, v);
  assert_int_equal(mrt_get(rt, ns, "name", &v), MRT_OK);
  char *s = mrt_value_to_string(rt, v, NULL);
  assert_string_equal(s, "app");
  mrt_free(s);
  mrt_value_free(rt, v);
  assert_int_equal(mrt_get(rt, ns, "same", &v), MRT_OK);
  assert_true(mrt_value_to_boolean(rt, v));
  mrt_value_free(rt, v);
  assert_int_equal(mrt_get(rt, ns, "default", &v), MRT_OK);
  s = mrt_value_to_string(rt, v, NULL);
  assert_string_equal(s, "main default");
  mrt_free(s);
  mrt_value_free(rt, v);
  mrt_value_free(rt, ns);

  /* One main module per runtime. */
  int id2 = -1;
  assert_int_equal(mrt_load_main_module(rt, "file:///app/tla.js", NULL, 0, &id2), MRT_EEXIST);
  assert_int_equal(mrt_last_error(rt)->code, MRT_EEXIST);
  /* Side modules are fine, and a module already loaded has the same id. */
  int side = -1;
  assert_int_equal(mrt_load_side_module(rt, "file:///app/lib/math.js", NULL, 0, &side), MRT_OK);
  assert_true(side >= 0 && side != id);
  int side2 = -1;
  assert_int_equal(mrt_load_side_module(rt, "file:///app/lib/./math.js", NULL, 0, &side2),
                   MRT_OK);
  assert_int_equal(side, side2);
  assert_int_equal(mrt_run_event_loop(rt), MRT_OK);
  mrt_runtime_free(rt);
}

static void test_tla_promise_resolves(void **state) {
  (void)state;
  mrt_runtime *rt = runtime_with(mrt_memory_loader(), app);
  int id = -1;
  assert_int_equal(mrt_load_main_module(rt, "file:///app/tla.js", NULL, 0, &id), MRT_OK);
  mrt_value *p = NULL, *ns = NULL, *v = NULL;
  assert_int_equal(mrt_mod_evaluate(rt, id, &p), MRT_OK);
  assert_int_equal(mrt_value_type(rt, p), MRT_TYPE_PROMISE);
  /* Still waiting, on a timer not armed yet: the loop has no work that could settle it, so
   * polling says so at once (MRT_ESTALLED, as deno_core's poll_value) rather than PENDING. */
  assert_int_equal(mrt_poll_value(rt, p, NULL), MRT_ESTALLED);
  /* Its timer is armed only now: a slow machine cannot let it fire before the poll above. */
  assert_int_equal(mrt_execute_script(rt, "release.js", "releaseTla()", 12, NULL), MRT_OK);
  assert_int_equal(mrt_resolve_value(rt, p, NULL), MRT_OK);
  assert_int_equal(mrt_module_namespace(rt, id, &ns), MRT_OK);
  assert_int_equal(mrt_get(rt, ns, "late", &v), MRT_OK);
  char *s = mrt_value_to_string(rt, v, NULL);
  assert_string_equal(s, "after a timer");
  mrt_free(s);
  mrt_value_free(rt, v);
  mrt_value_free(rt, ns);
  mrt_value_free(rt, p);
  mrt_runtime_free(rt);
}

static void test_rejected_evaluation_is_the_callers(void **state) {
  (void)state;
  mrt_runtime *rt = runtime_with(mrt_memory_loader(), app);
  int id = -1;
  assert_int_equal(mrt_load_side_module(rt, "file:///app/rejects.js", NULL, 0, &id), MRT_OK);
  mrt_value *p = NULL;
  assert_int_equal(mrt_mod_evaluate(rt, id, &p), MRT_OK);
  /* Not reported as an unhandled rejection by the loop. */
  assert_int_equal(mrt_run_event_loop(rt), MRT_OK);
  assert_int_equal(mrt_resolve_value(rt, p, NULL), MRT_EEXCEPTION);
  assert_string_equal(mrt_last_error(rt)->name, "RangeError");
  assert_string_equal(mrt_last_error(rt)->message, "evaluation failed");
  mrt_value_free(rt, p);
  mrt_runtime_free(rt);
}

static void test_missing_module_error(void **state) {
  (void)state;
  mrt_runtime *rt = runtime_with(mrt_memory_loader(), app);
  int id = 7;
  assert_int_equal(mrt_load_main_module(rt, "file:///app/missing.js", NULL, 0, &id),
                   MRT_EMODULE);
  assert_int_equal(id, -1);
  const mrt_error *e = mrt_last_error(rt);
  assert_int_equal(e->code, MRT_EMODULE);
  assert_string_equal(e->message,
                      "Cannot find module './lib/nope.js' imported from file:///app/missing.js");
  assert_string_equal(e->file, "file:///app/missing.js");
  assert_int_equal(e->line, 1);
  assert_int_equal(e->column, 8);
  assert_string_equal(e->source_line, "import './lib/nope.js';");
  char *report = mrt_error_format(e);
  assert_non_null(strstr(report, "file:///app/missing.js:1:8\n"));
  mrt_free(report);
  /* The main module failed to load: another may still be loaded. */
  assert_int_equal(mrt_load_main_module(rt, "file:///app/main.js", NULL, 0, &id), MRT_OK);
  /* A module that is not in the map at all. */
  int other = -1;
  assert_int_equal(mrt_load_side_module(rt, "file:///app/absent.js", NULL, 0, &other),
                   MRT_EMODULE);
  assert_string_equal(mrt_last_error(rt)->message, "Cannot find module 'file:///app/absent.js'");
  mrt_runtime_free(rt);
}

static void test_syntax_error(void **state) {
  (void)state;
  mrt_runtime *rt = runtime_with(mrt_memory_loader(), app);
  int id = -1;
  assert_int_equal(mrt_load_main_module(rt, "file:///app/syntax.js", NULL, 0, &id), MRT_EMODULE);
  const mrt_error *e = mrt_last_error(rt);
  assert_string_equal(e->name, "SyntaxError");
  assert_string_equal(e->file, "file:///app/syntax.js");
  assert_int_equal(e->line, 2);
  assert_int_equal(e->column, 18);
  assert_string_equal(e->source_line, "export const b = ;");
  mrt_runtime_free(rt);
}

static void test_source_given_and_bad_ids(void **state) {
  (void)state;
  mrt_runtime *rt = runtime_with(mrt_memory_loader(), app);
  const char *src = "import { add } from './lib/math.js'; export const v = add(2, 3);";
  int id = -1;
  assert_int_equal(mrt_load_main_module(rt, "file:///app/given.js", src, strlen(src), &id),
                   MRT_OK);
  mrt_value *p = NULL, *ns = NULL, *v = NULL;
  assert_int_equal(mrt_mod_evaluate(rt, id, &p), MRT_OK);
  assert_int_equal(mrt_resolve_value(rt, p, NULL), MRT_OK);
  assert_int_equal(mrt_module_namespace(rt, id, &ns), MRT_OK);
  assert_int_equal(mrt_get(rt, ns, "v", &v), MRT_OK);
  assert_true(mrt_value_to_number(rt, v) == 5);
  mrt_value_free(rt, v);
  mrt_value_free(rt, ns);
  mrt_value_free(rt, p);
  /* A side module with source for a URL already loaded. */
  int id2;
  assert_int_equal(mrt_load_side_module(rt, "file:///app/given.js", src, strlen(src), &id2),
                   MRT_EEXIST);
  assert_int_equal(mrt_mod_evaluate(rt, 12345, &p), MRT_EINVAL);
  assert_int_equal(mrt_module_namespace(rt, -1, &ns), MRT_EINVAL);
  mrt_runtime_free(rt);
}

static void test_dynamic_import_and_meta(void **state) {
  (void)state;
  mrt_runtime *rt = runtime_with(mrt_memory_loader(), app);
  int id = -1;
  assert_int_equal(load_and_run(rt, "file:///app/dynamic.js", &id), MRT_OK);
  mrt_value *ns = NULL, *p = NULL, *v = NULL;
  assert_int_equal(mrt_module_namespace(rt, id, &ns), MRT_OK);
  assert_int_equal(mrt_get(rt, ns, "p", &p), MRT_OK);
  assert_int_equal(mrt_resolve_value(rt, p, &v), MRT_OK);
  assert_true(mrt_value_to_number(rt, v) == 3);
  mrt_value_free(rt, v);
  mrt_value_free(rt, p);
  mrt_value_free(rt, ns);

  /* import() from a classic script, by absolute URL. */
  assert_int_equal(run(rt, "globalThis.r = import('file:///app/lib/math.js')"
                           ".then((m) => m.add(20, 22))"),
                   MRT_OK);
  mrt_value *r = NULL;
  mrt_value *g = mrt_global(rt);
  assert_int_equal(mrt_get(rt, g, "r", &r), MRT_OK);
  assert_int_equal(mrt_resolve_value(rt, r, &v), MRT_OK);
  assert_true(mrt_value_to_number(rt, v) == 42);
  mrt_value_free(rt, v);
  mrt_value_free(rt, r);
  mrt_value_free(rt, g);

  /* import.meta of a side module. */
  int meta = -1;
  assert_int_equal(mrt_load_side_module(rt, "file:///app/meta.js", NULL, 0, &meta), MRT_OK);
  assert_int_equal(mrt_mod_evaluate(rt, meta, &p), MRT_OK);
  assert_int_equal(mrt_resolve_value(rt, p, NULL), MRT_OK);
  mrt_value_free(rt, p);
  assert_int_equal(mrt_module_namespace(rt, meta, &ns), MRT_OK);
  const char *keys[] = {"url", "main", "resolved"};
  const char *want[] = {"file:///app/meta.js", "false", "file:///app/y.js"};
  for (int i = 0; i < 3; i++) {
    assert_int_equal(mrt_get(rt, ns, keys[i], &v), MRT_OK);
    char *s = mrt_value_to_string(rt, v, NULL);
    assert_string_equal(s, want[i]);
    mrt_free(s);
    mrt_value_free(rt, v);
  }
  mrt_value_free(rt, ns);
  mrt_runtime_free(rt);
}

/* ---------------------------------------------------------------- embedder loaders */

typedef struct counting_loader {
  int resolves, loads;
  char last_referrer[128];
} counting_loader;

/* "virtual:" modules; bare names are this loader's business ("lib" -> "virtual:lib"). */
static int virt_resolve(void *data, const char *spec, const char *referrer, char **out) {
  counting_loader *c = data;
  c->resolves++;
  snprintf(c->last_referrer, sizeof c->last_referrer, "%s", referrer ? referrer : "(null)");
  if (strcmp(spec, "forbidden") == 0) {
    *out = strdup("this loader forbids 'forbidden'");
    return MRT_EMODULE;
  }
  size_t n = strlen(spec) + 16;
  *out = malloc(n);
  snprintf(*out, n, strncmp(spec, "virtual:", 8) == 0 ? "%s" : "virtual:%s", spec);
  return MRT_OK;
}

static void virt_load(void *data, const char *url, mrt_load_request *req) {
  counting_loader *c = data;
  c->loads++;
  const char *src = NULL;
  if (strcmp(url, "virtual:main") == 0) {
    src = "import { two } from 'lib'; import { two as again } from 'virtual:lib';\n"
          "export const four = two + again;";
  } else if (strcmp(url, "virtual:lib") == 0) {
    src = "export const two = 2;";
  } else if (strcmp(url, "virtual:uses-forbidden") == 0) {
    src = "import 'forbidden';";
  } else if (strcmp(url, "virtual:io-error") == 0) {
    mrt_load_fail(req, "disk on fire");
    return;
  }
  if (src) mrt_load_complete(req, src, strlen(src));
  else mrt_load_fail(req, NULL);
}

static const mrt_module_loader virt_loader = {virt_resolve, virt_load};

static void test_embedder_loader(void **state) {
  (void)state;
  counting_loader c = {0};
  mrt_runtime *rt = runtime_with(&virt_loader, &c);
  int id = -1;
  assert_int_equal(load_and_run(rt, "main", &id), MRT_OK);
  assert_string_equal(c.last_referrer, "virtual:main");
  assert_int_equal(c.loads, 2); /* one fetch per URL */
  mrt_value *ns = NULL, *v = NULL;
  assert_int_equal(mrt_module_namespace(rt, id, &ns), MRT_OK);
  assert_int_equal(mrt_get(rt, ns, "four", &v), MRT_OK);
  assert_true(mrt_value_to_number(rt, v) == 4);
  mrt_value_free(rt, v);
  mrt_value_free(rt, ns);

  int side;
  assert_int_equal(mrt_load_side_module(rt, "uses-forbidden", NULL, 0, &side), MRT_EMODULE);
  assert_string_equal(mrt_last_error(rt)->message,
                      "this loader forbids 'forbidden' imported from virtual:uses-forbidden");
  assert_int_equal(mrt_load_side_module(rt, "io-error", NULL, 0, &side), MRT_EMODULE);
  assert_string_equal(mrt_last_error(rt)->message,
                      "Cannot load module 'virtual:io-error': disk on fire");
  mrt_runtime_free(rt);
}

/* An asynchronous loader: requests complete later, from a timer callback (an op called by a
 * setTimeout the loader schedules). */
typedef struct async_loader {
  mrt_runtime *rt;
  mrt_load_request *pending[16];
  char *urls[16];
  int npending;
  int completed;
  int never; /* never complete nor keep the loop alive */
} async_loader;

static async_loader *the_async;

static void op_flush_loads(mrt_op_call *call) {
  (void)call;
  async_loader *a = the_async;
  /* Completing may request more modules (load() runs again): take the list first. */
  int n = a->npending;
  mrt_load_request *reqs[16];
  char *urls[16];
  memcpy(reqs, a->pending, sizeof reqs);
  memcpy(urls, a->urls, sizeof urls);
  a->npending = 0;
  for (int i = 0; i < n; i++) {
    const char *src = strcmp(urls[i], "file:///a/main.js") == 0
                          ? "import { x } from './dep.js'; export const y = x * 2;"
                          : "export const x = 21;";
    mrt_load_complete(reqs[i], src, strlen(src));
    free(urls[i]);
    a->completed++;
  }
}

static void async_load(void *data, const char *url, mrt_load_request *req) {
  async_loader *a = data;
  if (a->never) return;
  a->pending[a->npending] = req;
  a->urls[a->npending++] = strdup(url);
  /* Schedule the completion from the loop: a timer calling our op. */
  const char *js = "setTimeout(() => mrt.ops.flushLoads(), 2)";
  assert_int_equal(mrt_execute_script(a->rt, "loader.js", js, strlen(js), NULL), MRT_OK);
}

static int async_resolve(void *data, const char *spec, const char *referrer, char **out) {
  return mrt_memory_loader()->resolve(data, spec, referrer, out);
}

static const mrt_module_loader async_loader_vt = {async_resolve, async_load};

static void test_async_loader(void **state) {
  (void)state;
  async_loader a = {0};
  the_async = &a;
  mrt_runtime *rt = runtime_with(&async_loader_vt, &a);
  a.rt = rt;
  mrt_op_decl flush = {.name = "flushLoads", .fn = op_flush_loads};
  assert_int_equal(mrt_register_op(rt, &flush), MRT_OK);
  int id = -1;
  assert_int_equal(load_and_run(rt, "file:///a/main.js", &id), MRT_OK);
  assert_int_equal(a.completed, 2);
  mrt_value *ns = NULL, *v = NULL;
  assert_int_equal(mrt_module_namespace(rt, id, &ns), MRT_OK);
  assert_int_equal(mrt_get(rt, ns, "y", &v), MRT_OK);
  assert_true(mrt_value_to_number(rt, v) == 42);
  mrt_value_free(rt, v);
  mrt_value_free(rt, ns);

  /* import() through the asynchronous loader. */
  assert_int_equal(run(rt, "globalThis.d = import('file:///a/other.js').then((m) => m.x)"),
                   MRT_OK);
  mrt_value *g = mrt_global(rt), *d = NULL;
  assert_int_equal(mrt_get(rt, g, "d", &d), MRT_OK);
  assert_int_equal(mrt_resolve_value(rt, d, &v), MRT_OK);
  assert_true(mrt_value_to_number(rt, v) == 21);
  mrt_value_free(rt, v);
  mrt_value_free(rt, d);
  mrt_value_free(rt, g);

  /* A loader that never completes (and keeps nothing alive): a clear error, no hang. */
  a.never = 1;
  int side;
  assert_int_equal(mrt_load_side_module(rt, "file:///a/never.js", NULL, 0, &side), MRT_ESTALLED);
  assert_non_null(strstr(mrt_last_error(rt)->message, "file:///a/never.js"));
  mrt_runtime_free(rt);
}

/* ---------------------------------------------------------------- file-system loader */

static void test_fs_loader_default(void **state) {
  (void)state;
  char dir[] = "/tmp/mrt_modules_XXXXXX";
  assert_non_null(mkdtemp(dir));
  char path[256];
  snprintf(path, sizeof path, "%s/dep with space.mjs", dir);
  FILE *f = fopen(path, "w");
  fputs("export const d = 'dep';\n", f);
  fclose(f);
  snprintf(path, sizeof path, "%s/main.mjs", dir);
  f = fopen(path, "w");
  fputs("import { d } from './dep%20with%20space.mjs';\n"
        "import { d as d2 } from './dep with space.mjs';\n"
        "export const out = d + (d === d2) + import.meta.url.endsWith('/main.mjs');\n",
        f);
  fclose(f);
  mrt_runtime *rt = new_runtime(); /* options.loader NULL: the file-system loader */
  int id = -1;
  assert_int_equal(load_and_run(rt, path, &id), MRT_OK);
  mrt_value *ns = NULL, *v = NULL;
  assert_int_equal(mrt_module_namespace(rt, id, &ns), MRT_OK);
  assert_int_equal(mrt_get(rt, ns, "out", &v), MRT_OK);
  char *s = mrt_value_to_string(rt, v, NULL);
  assert_string_equal(s, "deptruetrue");
  mrt_free(s);
  mrt_value_free(rt, v);
  mrt_value_free(rt, ns);
  /* Bare specifiers resolve as Node's: from node_modules upwards (there is none here). */
  const char *bare = "import 'left-pad';";
  int side;
  assert_int_equal(mrt_load_side_module(rt, "/tmp/bare.mjs", bare, strlen(bare), &side),
                   MRT_EMODULE);
  assert_string_equal(mrt_last_error(rt)->message,
                      "Cannot find package 'left-pad' imported from /tmp/bare.mjs");
  mrt_runtime_free(rt);
  snprintf(path, sizeof path, "%s/dep with space.mjs", dir);
  remove(path);
  snprintf(path, sizeof path, "%s/main.mjs", dir);
  remove(path);
  rmdir(dir);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_memory_loader_load_evaluate),
      cmocka_unit_test(test_tla_promise_resolves),
      cmocka_unit_test(test_rejected_evaluation_is_the_callers),
      cmocka_unit_test(test_missing_module_error),
      cmocka_unit_test(test_syntax_error),
      cmocka_unit_test(test_source_given_and_bad_ids),
      cmocka_unit_test(test_dynamic_import_and_meta),
      cmocka_unit_test(test_embedder_loader),
      cmocka_unit_test(test_async_loader),
      cmocka_unit_test(test_fs_loader_default),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
