/* test_snapshot.c: a runtime started from the startup snapshot is the same as one that ran
 * its bootstrap itself: same globals, same host API, same behaviour of the bootstrap JS
 * (which runs at build time inside V8's snapshot creator, where some builtins are missing). */
#include "test_helpers.h"

/* Describes the global surface: names, types and arities, recursively for the host API. */
static const char surface[] =
    "(() => { const out = [];"
    "  const walk = (o, path, depth) => {"
    "    for (const k of Object.getOwnPropertyNames(o).sort()) {"
    "      const d = Object.getOwnPropertyDescriptor(o, k); const v = d.value;"
    "      out.push(`${path}.${k}:${typeof v}:${typeof v === 'function' ? v.length : ''}:"
    "${d.enumerable}`);"
    "      if (depth > 0 && v && typeof v === 'object' && v !== o) walk(v, `${path}.${k}`, depth - 1);"
    "    } };"
    "  walk(globalThis, 'globalThis', 0); walk(mrt, 'mrt', 1); walk(console, 'console', 0);"
    "  out.push(JSON.stringify([typeof Object.hasOwn, [1, 2].at(-1), performance.now() >= 0]));"
    "  out.push(console.log.name, String(new Map([[1, {a: [1, 2]}]])));"
    "  return out.join('\\n') })()";

static char *describe(int use_snapshot) {
  if (use_snapshot) unsetenv("MRT_NO_SNAPSHOT");
  else setenv("MRT_NO_SNAPSHOT", "1", 1);
  mrt_runtime *rt = new_runtime();
  char *s = eval_string(rt, surface);
  assert_non_null(s);
  mrt_runtime_free(rt);
  unsetenv("MRT_NO_SNAPSHOT");
  return s;
}

static void same_surface(void **state) {
  (void)state;
  char *with = describe(1), *without = describe(0);
  if (strcmp(with, without) != 0) {
    print_message("with snapshot:\n%s\n\nwithout:\n%s\n", with, without);
  }
  assert_string_equal(with, without);
  mrt_free(with);
  mrt_free(without);
}

/* Per-process state is set at each start, not frozen into the snapshot. */
static void fresh_per_start_state(void **state) {
  (void)state;
  mrt_runtime *a = new_runtime(), *b = new_runtime();
  char *ra = eval_string(a, "String(Math.random())"), *rb = eval_string(b, "String(Math.random())");
  assert_string_not_equal(ra, rb);
  assert_true(eval_number(a, "performance.now()") < 60000);
  assert_true(eval_number(a, "Math.abs(performance.timeOrigin - Date.now())") < 60000);
  assert_true(eval_number(a, "mrt.pid") > 0);
  mrt_free(ra);
  mrt_free(rb);
  mrt_runtime_free(a);
  mrt_runtime_free(b);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(same_surface),
      cmocka_unit_test(fresh_per_start_state),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
