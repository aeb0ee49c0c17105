/* test_permissions.c: mrt_options.permissions for embedders: a bad grant fails the
 * creation, NULL checks nothing, "" denies all, grants open what they name, a refusal is an
 * Error named NotCapable with Deno's message, and nothing is done before it. */
#include <fcntl.h>
#include <sys/stat.h>

#include "test_helpers.h"

static mrt_runtime *sandboxed(const char *spec) {
  mrt_options opts;
  mrt_options_init(&opts);
  opts.v8_flags = TEST_V8_FLAGS;
  opts.permissions = spec;
  mrt_runtime *rt = NULL;
  assert_int_equal(mrt_runtime_new(&opts, &rt), MRT_OK);
  return rt;
}

/* The thrown error as "name|message", or "ok". */
static char *outcome(mrt_runtime *rt, const char *expr) {
  char src[1024];
  snprintf(src, sizeof src, "(() => { try { %s; return 'ok'; } catch (e) { return e.name + '|' + e.message; } })()", expr);
  return eval_string(rt, src);
}

static void test_bad_spec(void **state) {
  (void)state;
  mrt_options opts;
  mrt_options_init(&opts);
  opts.v8_flags = TEST_V8_FLAGS;
  mrt_runtime *rt = NULL;
  const char *bad[] = {"bogus", "read=/x\nnet=host:99999", "all=x", "net=[::1", "env\nrunx"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    opts.permissions = bad[i];
    assert_int_equal(mrt_runtime_new(&opts, &rt), MRT_EINVAL);
    assert_null(rt);
    assert_non_null(strstr(mrt_last_error(NULL)->message, "invalid permission"));
  }
}

static void test_off_by_default(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  char *s = outcome(rt, "mrt.readTextFileSync('/proc/self/stat'); mrt.env.toObject()");
  assert_string_equal(s, "ok");
  mrt_free(s);
  s = eval_string(rt, "mrt.permissions.querySync({ name: 'write', path: '/' }).state");
  assert_string_equal(s, "granted");
  mrt_free(s);
  mrt_runtime_free(rt);
}

static void test_deny_all(void **state) {
  (void)state;
  mrt_runtime *rt = sandboxed("");
  char *s = outcome(rt, "mrt.readTextFileSync('/nonexistent-mrt/x')");
  assert_string_equal(s, "NotCapable|Requires read access to \"/nonexistent-mrt/x\", run again with the --allow-read flag");
  mrt_free(s);
  s = outcome(rt, "mrt.env.get('HOME')");
  assert_string_equal(s, "NotCapable|Requires env access to \"HOME\", run again with the --allow-env flag");
  mrt_free(s);
  s = outcome(rt, "mrt.listen({ hostname: '127.0.0.1', port: 0 })");
  assert_string_equal(s, "NotCapable|Requires net access to \"127.0.0.1:0\", run again with the --allow-net flag");
  mrt_free(s);
  s = eval_string(rt, "String(mrt.errors.NotCapable !== undefined)");
  assert_string_equal(s, "true");
  mrt_free(s);
  mrt_runtime_free(rt);
}

/* A grant opens what it names; a refused write creates nothing. */
static void test_grants(void **state) {
  (void)state;
  char dir[] = "/tmp/mrt-perm-unit-XXXXXX";
  assert_non_null(mkdtemp(dir));
  char spec[256], path[300], src[700];
  snprintf(spec, sizeof spec, "read=%s\nwrite=%s/out\nenv=MRT_UNIT_OK", dir, dir);
  snprintf(path, sizeof path, "%s/out", dir);
  assert_int_equal(mkdir(path, 0700), 0);
  setenv("MRT_UNIT_OK", "yes", 1);
  mrt_runtime *rt = sandboxed(spec);
  snprintf(src, sizeof src, "mrt.writeTextFileSync('%s/out/a.txt', 'hi'); if (mrt.readTextFileSync('%s/out/a.txt') !== 'hi') throw 0", dir, dir);
  char *s = outcome(rt, src);
  assert_string_equal(s, "ok");
  mrt_free(s);
  snprintf(src, sizeof src, "mrt.writeTextFileSync('%s/b.txt', 'hi')", dir);
  s = outcome(rt, src);
  assert_non_null(strstr(s, "NotCapable|Requires write access to"));
  mrt_free(s);
  snprintf(path, sizeof path, "%s/b.txt", dir);
  assert_int_equal(access(path, F_OK), -1); /* nothing created */
  s = outcome(rt, "if (mrt.env.get('MRT_UNIT_OK') !== 'yes') throw 0");
  assert_string_equal(s, "ok");
  mrt_free(s);
  mrt_runtime_free(rt);
  snprintf(path, sizeof path, "%s/out/a.txt", dir);
  unlink(path);
  snprintf(path, sizeof path, "%s/out", dir);
  rmdir(path);
  rmdir(dir);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_bad_spec),
      cmocka_unit_test(test_off_by_default),
      cmocka_unit_test(test_deny_all),
      cmocka_unit_test(test_grants),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
