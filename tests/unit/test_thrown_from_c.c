/* test_thrown_from_c.c: errors the runtime throws from C rather than from JS (calling a value
 * that is not a function) are reported with their stack, and the runtime stays usable. Such
 * an exception stayed pending while its `stack` was read, so V8 refused to run the stack
 * formatter and aborted the process (Check failed: has_pending_exception). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "mrt.h"

static mrt_value *eval(mrt_runtime *rt, const char *src) {
  mrt_value *v = NULL;
  assert_int_equal(mrt_execute_script(rt, "t.js", src, strlen(src), &v), MRT_OK);
  return v;
}

static void calling_a_number_is_a_type_error(void **state) {
  (void)state;
  mrt_runtime *rt = NULL;
  assert_int_equal(mrt_runtime_new(NULL, &rt), MRT_OK);
  mrt_value *number = eval(rt, "1");
  mrt_value *out = NULL;
  for (int round = 0; round < 2; round++) { /* the second: nothing left pending by the first */
    assert_int_equal(mrt_call(rt, number, NULL, 0, NULL, &out), MRT_EEXCEPTION);
    const mrt_error *e = mrt_last_error(rt);
    assert_non_null(e);
    assert_string_equal(e->name, "TypeError");
    assert_non_null(e->stack);
    assert_non_null(strstr(e->stack, "TypeError: not a function"));
  }
  mrt_value *fn = eval(rt, "(() => 40 + 2)");
  assert_int_equal(mrt_call(rt, fn, NULL, 0, NULL, &out), MRT_OK);
  assert_true(mrt_value_to_number(rt, out) == 42);
  mrt_value_free(rt, out);
  mrt_value_free(rt, fn);
  mrt_value_free(rt, number);
  mrt_runtime_free(rt);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(calling_a_number_is_a_type_error),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
