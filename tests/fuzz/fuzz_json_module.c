/* fuzz_json_module.c: JSON modules (`import d from "./x.json" assert {type: "json"}`) with
 * the input as the JSON file's bytes, through an embedder loader that hands over the exact
 * bytes (NULs, invalid UTF-8). The oracle is JSON.parse of the same bytes decoded as UTF-8
 * with a leading BOM stripped (what Node does for JSON modules): the module loads iff
 * JSON.parse succeeds, and its default export is the same value (JSON.stringify-equal);
 * a failure is MRT_EMODULE with a SyntaxError, never a crash. Side modules with fresh URLs
 * share one runtime, replaced every few hundred inputs to bound its module map. */
#include "fuzz_common.h"

static unsigned serial;

static int fz_resolve(void *data, const char *spec, const char *referrer, char **out) {
  return mrt_memory_loader()->resolve(data, spec, referrer, out);
}

static void fz_load(void *data, const char *url, mrt_load_request *req) {
  (void)data;
  size_t n = strlen(url);
  if (n > 5 && strcmp(url + n - 5, ".json") == 0) {
    mrt_load_complete(req, (const char *)fuzz_in_data, fuzz_in_size);
  } else {
    mrt_load_fail(req, NULL);
  }
}

static const mrt_module_loader loader = {fz_resolve, fz_load};

static const char oracle_js[] =
    "(function (ns) {\n"
    "  const u = new Uint8Array(mrt.ops.fuzzLen()); mrt.ops.fuzzIn(u);\n"
    "  let want;\n"
    "  try { want = JSON.stringify(JSON.parse(new TextDecoder().decode(u))); }\n"
    "  catch (e) { want = 'ERR:' + e.name; }\n"
    "  if (ns === undefined) return want;\n"
    "  const got = JSON.stringify(ns.default);\n"
    "  return got === want ? 'same' : 'module ' + got + ' JSON.parse ' + want;\n"
    "})";

static void fresh_runtime(void) {
  fuzz_free_runtime();
  mrt_options o;
  mrt_options_init(&o);
  o.loader = &loader;
  fuzz_rt = fuzz_new_runtime(&o);
  fuzz_fn = fuzz_eval(fuzz_rt, oracle_js);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > 1 << 16) return 0;
  if (!fuzz_rt || serial % 256 == 0) fresh_runtime();
  unsigned k = serial++;
  char url[64], src[128];
  snprintf(url, sizeof url, "file:///m%u.mjs", k);
  snprintf(src, sizeof src,
           "import d from './d%u.json' assert { type: 'json' }; export default d;", k);
  fuzz_in_data = data;
  fuzz_in_size = size;
  int id = -1;
  int rc = mrt_load_side_module(fuzz_rt, url, src, strlen(src), &id);
  const char *err;
  if (rc != MRT_OK) {
    const mrt_error *e = mrt_last_error(fuzz_rt);
    FUZZ_CHECK(rc == MRT_EMODULE, "load: %s (%s)", mrt_strerror(rc), e->message);
    FUZZ_CHECK(e->name && strcmp(e->name, "SyntaxError") == 0, "load failed with %s: %s",
               e->name ? e->name : "(no name)", e->message ? e->message : "");
    mrt_value *want = fuzz_call(fuzz_rt, fuzz_fn, data, size, 0, NULL, &err);
    FUZZ_CHECK(want, "oracle threw: %s", err);
    char *w = mrt_value_to_string(fuzz_rt, want, NULL);
    mrt_value_free(fuzz_rt, want);
    FUZZ_CHECK(strncmp(w, "ERR:", 4) == 0, "module failed (%s) but JSON.parse gives %.200s",
               e->message, w);
    mrt_free(w);
    return 0;
  }
  mrt_value *promise = NULL, *done = NULL, *ns = NULL;
  FUZZ_CHECK(mrt_mod_evaluate(fuzz_rt, id, &promise) == MRT_OK, "evaluate: %s",
             mrt_last_error(fuzz_rt)->message);
  rc = mrt_resolve_value(fuzz_rt, promise, &done);
  FUZZ_CHECK(rc == MRT_OK, "evaluation: %s", mrt_last_error(fuzz_rt)->message);
  FUZZ_CHECK(mrt_module_namespace(fuzz_rt, id, &ns) == MRT_OK, "namespace");
  mrt_value *cmp = fuzz_call(fuzz_rt, fuzz_fn, data, size, 1, &ns, &err);
  FUZZ_CHECK(cmp, "oracle threw: %s", err);
  char *verdict = mrt_value_to_string(fuzz_rt, cmp, NULL);
  FUZZ_CHECK(strcmp(verdict, "same") == 0, "%.400s", verdict);
  mrt_free(verdict);
  mrt_value_free(fuzz_rt, cmp);
  mrt_value_free(fuzz_rt, ns);
  mrt_value_free(fuzz_rt, done);
  mrt_value_free(fuzz_rt, promise);
  return 0;
}
