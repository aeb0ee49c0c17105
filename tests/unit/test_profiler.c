/* test_profiler.c: the measuring API of mrt.h (core/profiler.c, the module trace of
 * core/modules.c): CPU profiles, heap snapshots, forced collections, module times, and the
 * errors of using them wrong. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "test_helpers.h"

static const char hot[] =
    "function hotProfiledFunction(n) { let s = 0; for (let i = 0; i < n; i++) s += Math.sqrt(i); return s; }"
    "const end = Date.now() + 100; while (Date.now() < end) hotProfiledFunction(10000);";

static void cpu_profile_round_trip(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  assert_int_equal(mrt_cpu_profiling(rt), 0);
  assert_int_equal(mrt_cpu_profile_start(rt, 200), MRT_OK);
  assert_int_equal(mrt_cpu_profiling(rt), 1);
  assert_int_equal(mrt_cpu_profile_start(rt, 200), MRT_EEXIST); /* one at a time */
  assert_int_equal(run(rt, hot), MRT_OK);
  char *json = NULL;
  size_t len = 0;
  assert_int_equal(mrt_cpu_profile_stop(rt, &json, &len), MRT_OK);
  assert_int_equal(mrt_cpu_profiling(rt), 0);
  assert_non_null(json);
  assert_int_equal(strlen(json), len);
  assert_true(strncmp(json, "{\"nodes\":[{\"id\":1,\"callFrame\":{\"functionName\":\"(root)\"", 50) == 0);
  assert_non_null(strstr(json, "\"functionName\":\"hotProfiledFunction\""));
  assert_non_null(strstr(json, "\"timeDeltas\":["));
  /* The JSON parses (JSON.parse in the runtime itself). */
  mrt_value *s = NULL;
  assert_int_equal(mrt_json_parse(rt, json, len, &s), MRT_OK);
  mrt_free(json);
  assert_int_equal(mrt_cpu_profile_stop(rt, &json, &len), MRT_ENOTFOUND);
  /* A second profile after the first. */
  assert_int_equal(mrt_cpu_profile_start(rt, 0), MRT_OK);
  assert_int_equal(mrt_cpu_profile_stop(rt, &json, &len), MRT_OK);
  mrt_free(json);
  mrt_value_free(rt, s);
  mrt_runtime_free(rt);
}

static void cpu_profile_left_running_is_freed(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  assert_int_equal(mrt_cpu_profile_start(rt, 100), MRT_OK);
  assert_int_equal(run(rt, hot), MRT_OK);
  mrt_runtime_free(rt); /* the sanitizer build checks nothing leaks */
}

static void heap_snapshot_to_file(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  assert_int_equal(run(rt, "class SnapshottedThing {}; globalThis.t = new SnapshottedThing();"),
                   MRT_OK);
  char path[] = "/tmp/mrt-test-heap-XXXXXX";
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  close(fd);
  assert_int_equal(mrt_heap_snapshot(rt, path), MRT_OK);
  FILE *f = fopen(path, "r");
  assert_non_null(f);
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *text = malloc((size_t)size + 1);
  assert_int_equal(fread(text, 1, (size_t)size, f), (size_t)size);
  text[size] = '\0';
  fclose(f);
  unlink(path);
  assert_true(strncmp(text, "{\"snapshot\":{\"meta\":", 20) == 0);
  assert_non_null(strstr(text, "\"SnapshottedThing\""));
  free(text);
  assert_int_equal(mrt_heap_snapshot(rt, "/nonexistent-dir/x.heapsnapshot"), MRT_EIO);
  assert_non_null(strstr(mrt_last_error(rt)->message, "No such file or directory"));
  assert_int_equal(mrt_heap_snapshot(rt, NULL), MRT_EINVAL);
  mrt_runtime_free(rt);
}

static void collect_garbage_runs_finalizers(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  assert_int_equal(run(rt, "globalThis.done = 0; const r = new FinalizationRegistry(() => done++);"
                           "(() => { r.register({}, 1); })();"),
                   MRT_OK);
  assert_int_equal(mrt_collect_garbage(rt), MRT_OK);
  assert_int_equal(mrt_run_event_loop(rt), MRT_OK); /* the cleanup task */
  assert_true(eval_number(rt, "done") == 1);
  mrt_runtime_free(rt);
}

static void module_times(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  mrt_module_times sum;
  mrt_module_time slowest[4];
  size_t n = 99;
  assert_int_equal(mrt_get_module_times(rt, &sum, slowest, 4, &n), MRT_OK);
  assert_int_equal(sum.modules, 0);
  assert_int_equal(n, 0);
  assert_int_equal(mrt_module_trace(rt, 1), MRT_OK);
  static const char src[] = "export const x = 1;";
  int id;
  assert_int_equal(mrt_load_main_module(rt, "file:///virtual/main.mjs", src, strlen(src), &id),
                   MRT_OK);
  mrt_value *p = NULL;
  assert_int_equal(mrt_mod_evaluate(rt, id, &p), MRT_OK);
  mrt_value_free(rt, p);
  assert_int_equal(mrt_get_module_times(rt, &sum, slowest, 4, &n), MRT_OK);
  assert_int_equal(sum.modules, 1);
  assert_int_equal(n, 1);
  assert_string_equal(slowest[0].url, "file:///virtual/main.mjs");
  assert_true(slowest[0].compile_ns > 0 && sum.instantiate_ns > 0 && sum.evaluate_ns > 0);
  assert_true(slowest[0].total_ns ==
              slowest[0].read_ns + slowest[0].compile_ns + slowest[0].resolve_ns);
  assert_int_equal(mrt_get_module_times(rt, NULL, NULL, 0, NULL), MRT_EINVAL);
  mrt_runtime_free(rt);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(cpu_profile_round_trip),
      cmocka_unit_test(cpu_profile_left_running_is_freed),
      cmocka_unit_test(heap_snapshot_to_file),
      cmocka_unit_test(collect_garbage_runs_finalizers),
      cmocka_unit_test(module_times),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
