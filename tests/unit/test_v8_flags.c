/* mrt_options.v8_flags: an unknown flag or a bad value fails mrt_runtime_new with MRT_EINVAL
 * naming it (V8's own parser ignores unknown flags silently); V8 is then not initialised, so
 * a later creation with good flags works. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "mrt.h"

static void expect_refused(const char *flags, const char *named) {
  mrt_options opts = {0};
  mrt_runtime *rt = (mrt_runtime *)1;
  opts.v8_flags = flags;
  assert_int_equal(mrt_runtime_new(&opts, &rt), MRT_EINVAL);
  assert_null(rt);
  const mrt_error *e = mrt_last_error(NULL);
  assert_int_equal(e->code, MRT_EINVAL);
  assert_non_null(e->message);
  assert_non_null(strstr(e->message, named));
}

static void test_bad_flags_then_good(void **state) {
  (void)state;
  expect_refused("--no-such-flag", "'--no-such-flag'");
  expect_refused("--no-opt --also-bogus", "'--also-bogus'");
  expect_refused("--stack-size=abc", "'--stack-size=abc'");
  expect_refused("not-a-flag", "'not-a-flag'");

  mrt_options opts = {0};
  mrt_runtime *rt = NULL;
  opts.v8_flags = "  --no-opt\t--stack-size 900 ";
  assert_int_equal(mrt_runtime_new(&opts, &rt), MRT_OK);
  mrt_value *v = NULL;
  assert_int_equal(mrt_execute_script(rt, "t.js", "6 * 7", 5, &v), MRT_OK);
  assert_true(mrt_value_to_number(rt, v) == 42);
  mrt_value_free(rt, v);
  mrt_runtime_free(rt);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_bad_flags_then_good),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
