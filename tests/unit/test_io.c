/* test_io.c: async files and TCP through the public API: results settle through
 * mrt_resolve_value, and freeing a runtime with sockets, files and jobs in flight neither
 * hangs, crashes nor leaks (run under ASan/LSan and valgrind). */
#include <unistd.h>

#include "test_helpers.h"

/* Runs src (which sets globalThis.result to a promise) and resolves it to a string. */
static char *resolve_string(mrt_runtime *rt, const char *src) {
  mrt_value *p = NULL, *v = NULL;
  assert_int_equal(mrt_execute_script(rt, "io.js", src, strlen(src), &p), MRT_OK);
  int rc = mrt_resolve_value(rt, p, &v);
  if (rc != MRT_OK) fprintf(stderr, "rejected: %s\n", mrt_last_error(rt)->message);
  assert_int_equal(rc, MRT_OK);
  char *s = mrt_value_to_string(rt, v, NULL);
  mrt_value_free(rt, p);
  mrt_value_free(rt, v);
  return s;
}

static void test_file_roundtrip(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  char *s = resolve_string(rt,
      "(async () => {"
      "  const d = await mrt.makeTempDir();"
      "  const b = new Uint8Array(256); for (let i = 0; i < 256; i++) b[i] = i;"
      "  await mrt.writeFile(d + '/x', b);"
      "  const r = await mrt.readFile(d + '/x');"
      "  await mrt.remove(d, { recursive: true });"
      "  return r.length + ':' + r.every((v, i) => v === i);"
      "})()");
  assert_string_equal(s, "256:true");
  mrt_free(s);
  mrt_runtime_free(rt);
}

static void test_error_shape(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  char *s = resolve_string(rt,
      "mrt.readFile('/nonexistent/mrt-test').catch((e) => [e.code, e.syscall, e.path, e.message].join('|'))");
  assert_string_equal(s, "ENOENT|open|/nonexistent/mrt-test|"
                         "ENOENT: no such file or directory, open '/nonexistent/mrt-test'");
  mrt_free(s);
  mrt_runtime_free(rt);
}

/* 100 reads in flight at once all settle (delivered in batches). */
static void test_many_in_flight(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  char *s = resolve_string(rt,
      "Promise.all(Array.from({ length: 100 }, () => mrt.readFile('/proc/self/stat')))"
      "  .then((a) => a.length)");
  assert_string_equal(s, "100");
  mrt_free(s);
  mrt_runtime_free(rt);
}

static void test_tcp_echo(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  char *s = resolve_string(rt,
      "(async () => {"
      "  const l = mrt.listen({ port: 0 });"
      "  const a = l.accept();"
      "  const c = await mrt.connect({ port: l.addr.port });"
      "  const s = await a;"
      "  await c.write(new Uint8Array([1, 2, 3]));"
      "  const b = new Uint8Array(8);"
      "  const n = await s.read(b);"
      "  c.close(); s.close(); l.close();"
      "  return n + ':' + b[2];"
      "})()");
  assert_string_equal(s, "3:3");
  mrt_free(s);
  mrt_runtime_free(rt);
}

/* Free a runtime while a listener waits in accept, a read waits, writes are queued (the
 * peer doesn't read), a connect is in flight and file jobs are in the pool. */
static void test_free_with_everything_open(void **state) {
  (void)state;
  for (int round = 0; round < 3; round++) {
    mrt_runtime *rt = new_runtime();
    char *s = resolve_string(rt,
        "(async () => {"
        "  const l = mrt.listen({ port: 0 });"
        "  const a = l.accept();"
        "  const c = await mrt.connect({ port: l.addr.port });"
        "  const s = await a;"
        "  s.read(new Uint8Array(16));"      /* pending forever */
        "  l.accept();"                      /* pending forever */
        "  mrt.connect({ port: l.addr.port });" /* in flight */
        "  const big = new Uint8Array(1 << 20);"
        "  for (let i = 0; i < 16; i++) c.write(big);" /* fills the socket: queued writes */
        "  for (let i = 0; i < 32; i++) mrt.readFile('/proc/self/status');"
        "  globalThis.keep = [l, c, s];"
        "  return 'ok';"
        "})()");
    assert_string_equal(s, "ok");
    mrt_free(s);
    /* One more turn so some of the work gets going, then free with all of it pending. */
    mrt_poll_event_loop(rt);
    mrt_runtime_free(rt);
  }
}

/* Two runtimes on one thread talk to each other through their own loops. */
static void test_two_runtimes(void **state) {
  (void)state;
  mrt_runtime *a = new_runtime(), *b = new_runtime();
  char *port = eval_string(a, "globalThis.l = mrt.listen({ port: 0 }); String(l.addr.port)");
  assert_non_null(port);
  char src[256];
  snprintf(src, sizeof src, "globalThis.p = mrt.connect({ port: %s }); p", port);
  mrt_value *pa = NULL, *pb = NULL, *va = NULL, *vb = NULL;
  const char *acc = "l.accept()";
  assert_int_equal(mrt_execute_script(a, "a.js", acc, strlen(acc), &pa), MRT_OK);
  assert_int_equal(mrt_execute_script(b, "b.js", src, strlen(src), &pb), MRT_OK);
  /* Drive both until both settle. */
  int done_a = 0, done_b = 0;
  for (int i = 0; i < 100000 && !(done_a && done_b); i++) {
    if (!done_a) done_a = mrt_poll_value(a, pa, &va) == MRT_PROMISE_FULFILLED;
    if (!done_b) done_b = mrt_poll_value(b, pb, &vb) == MRT_PROMISE_FULFILLED;
  }
  assert_true(done_a && done_b);
  mrt_value_free(a, pa);
  mrt_value_free(a, va);
  mrt_value_free(b, pb);
  mrt_value_free(b, vb);
  mrt_free(port);
  mrt_runtime_free(b);
  mrt_runtime_free(a);
}

/* File buffers handed to V8 without a copy are released: by the GC while the runtime runs,
 * and at teardown. 30 runtimes x 50 reads of 64 KiB garbage would leak ~94 MB otherwise. */
static void test_buffers_released(void **state) {
  (void)state;
  char path[] = "/tmp/mrt-test-io-XXXXXX";
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  static char block[65536];
  memset(block, 1, sizeof block);
  assert_int_equal(write(fd, block, sizeof block), (ssize_t)sizeof block);
  close(fd);
  char src[256];
  snprintf(src, sizeof src,
           "(async () => { let n = 0; for (let i = 0; i < 50; i++) n += (await mrt.readFile('%s')).length;"
           " return String(n); })()", path);
  long before = 0;
  for (int round = 0; round < 30; round++) {
    mrt_runtime *rt = new_runtime();
    char *s = resolve_string(rt, src);
    assert_string_equal(s, "3276800");
    mrt_free(s);
    mrt_runtime_free(rt);
    if (round == 4) before = rss_kib();
  }
  long grown = rss_kib() - before;
  unlink(path);
  if (grown > 40 * 1024) fprintf(stderr, "RSS grew by %ld KiB\n", grown);
#ifndef __SANITIZE_ADDRESS__ /* ASan's quarantine keeps freed memory resident */
  assert_true(grown < 40 * 1024);
#endif
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_file_roundtrip),
      cmocka_unit_test(test_error_shape),
      cmocka_unit_test(test_many_in_flight),
      cmocka_unit_test(test_tcp_echo),
      cmocka_unit_test(test_free_with_everything_open),
      cmocka_unit_test(test_two_runtimes),
      cmocka_unit_test(test_buffers_released),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
