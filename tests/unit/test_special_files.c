/* test_special_files.c: FIFOs and devices under the file ops. A sync op blocked on a FIFO
 * (no writer, no reader) or reading an endless device ends when the runtime is terminated
 * (the --timeout watchdog calls mrt_terminate from another thread), nothing after it runs,
 * and the runtime stays usable; async jobs blocked the same way do not hang mrt_runtime_free;
 * with the other end present, FIFOs read and write as before. */
#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "test_helpers.h"

static char dir[64], fifo[96];

static int setup(void **state) {
  (void)state;
  strcpy(dir, "/tmp/mrt-special-XXXXXX");
  if (!mkdtemp(dir)) return -1;
  snprintf(fifo, sizeof fifo, "%s/fifo", dir);
  return mkfifo(fifo, 0600);
}

static int teardown(void **state) {
  (void)state;
  unlink(fifo);
  rmdir(dir);
  return 0;
}

static double now_s(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* mrt_terminate from another thread after 150 ms, as the watchdog does. */
typedef struct terminator {
  pthread_t thread;
  mrt_runtime *rt;
} terminator;

static void *terminate_later(void *arg) {
  terminator *t = arg;
  usleep(150 * 1000);
  mrt_terminate(t->rt);
  return NULL;
}

static void terminator_start(terminator *t, mrt_runtime *rt) {
  t->rt = rt;
  assert_int_equal(pthread_create(&t->thread, NULL, terminate_later, t), 0);
}

/* The FIFO's other end from a thread: writes text (or reads everything when text is NULL). */
typedef struct peer {
  pthread_t thread;
  const char *text;
  char got[256];
} peer;

static void *peer_main(void *arg) {
  peer *p = arg;
  usleep(100 * 1000);
  FILE *f = fopen(fifo, p->text ? "w" : "r");
  if (!f) return NULL;
  if (p->text) fputs(p->text, f);
  else p->got[fread(p->got, 1, sizeof p->got - 1, f)] = '\0';
  fclose(f);
  return NULL;
}

static void peer_start(peer *p, const char *text) {
  memset(p, 0, sizeof *p);
  p->text = text;
  assert_int_equal(pthread_create(&p->thread, NULL, peer_main, p), 0);
}

/* Runs src with a terminator: it must end terminated, quickly, with nothing after the
 * blocking op run (no catch), and the runtime must be usable afterwards. */
static void expect_terminated(const char *what, const char *src) {
  mrt_runtime *rt = new_runtime();
  terminator t;
  char code[1024];
  snprintf(code, sizeof code, "globalThis.after = 'nothing'; const fifo = '%s';"
                              "try { %s; after = 'returned' } catch (e) { after = 'caught ' + e }",
           fifo, src);
  double t0 = now_s();
  terminator_start(&t, rt);
  int rc = run(rt, code);
  pthread_join(t.thread, NULL);
  double took = now_s() - t0;
  if (rc != MRT_ETERMINATED) fprintf(stderr, "%s: %s\n", what, mrt_strerror(rc));
  assert_int_equal(rc, MRT_ETERMINATED);
  assert_true(took < 5.0);
  char *s = eval_string(rt, "after + ' ' + (1 + 1)");
  assert_non_null(s);
  assert_string_equal(s, "nothing 2");
  mrt_free(s);
  mrt_runtime_free(rt);
}

static void test_sync_fifo_without_writer(void **state) {
  (void)state;
  expect_terminated("readTextFileSync", "mrt.readTextFileSync(fifo)");
  expect_terminated("readFileSync", "mrt.readFileSync(fifo)");
}

static void test_sync_fifo_without_reader(void **state) {
  (void)state;
  expect_terminated("writeTextFileSync", "mrt.writeTextFileSync(fifo, 'x')");
  expect_terminated("openSync write", "mrt.openSync(fifo, { write: true })");
}

/* Opening for reading does not wait; the read does, until terminated. */
static void test_fsfile_fifo_read(void **state) {
  (void)state;
  expect_terminated("FsFile.readSync",
                    "const f = mrt.openSync(fifo); f.readSync(new Uint8Array(8))");
}

/* Endless devices and /proc files: ended between reads. */
static void test_endless_reads(void **state) {
  (void)state;
  expect_terminated("readFileSync /dev/zero", "mrt.readFileSync('/dev/zero')");
  expect_terminated("readTextFileSync /dev/zero", "mrt.readTextFileSync('/dev/zero')");
  expect_terminated("readFileSync /proc/self/pagemap", "mrt.readFileSync('/proc/self/pagemap')");
}

/* With the other end there, FIFOs work as files (sync and async). */
static void test_fifo_with_peer(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  char code[512];
  peer p;

  peer_start(&p, "hello fifo");
  snprintf(code, sizeof code, "mrt.readTextFileSync('%s')", fifo);
  char *s = eval_string(rt, code);
  pthread_join(p.thread, NULL);
  assert_non_null(s);
  assert_string_equal(s, "hello fifo");
  mrt_free(s);

  peer_start(&p, NULL);
  snprintf(code, sizeof code, "mrt.writeTextFileSync('%s', 'to the reader'); 'ok'", fifo);
  s = eval_string(rt, code);
  pthread_join(p.thread, NULL);
  assert_string_equal(s, "ok");
  assert_string_equal(p.got, "to the reader");
  mrt_free(s);

  peer_start(&p, "async");
  snprintf(code, sizeof code, "mrt.readTextFile('%s')", fifo);
  mrt_value *promise = NULL, *v = NULL;
  assert_int_equal(mrt_execute_script(rt, "t.js", code, strlen(code), &promise), MRT_OK);
  assert_int_equal(mrt_resolve_value(rt, promise, &v), MRT_OK);
  pthread_join(p.thread, NULL);
  s = mrt_value_to_string(rt, v, NULL);
  assert_string_equal(s, "async");
  mrt_free(s);
  mrt_value_free(rt, promise);
  mrt_value_free(rt, v);

  /* FsFile: read what the writer wrote, then EOF (null) when it closed. */
  peer_start(&p, "abc");
  snprintf(code, sizeof code,
           "const f = mrt.openSync('%s'); const b = new Uint8Array(16); const r = [];"
           "for (let n; (n = f.readSync(b)) !== null;) r.push(new TextDecoder().decode(b.subarray(0, n)));"
           "f.close(); r.join('') + '|eof'", fifo);
  s = eval_string(rt, code);
  pthread_join(p.thread, NULL);
  assert_string_equal(s, "abc|eof");
  mrt_free(s);
  mrt_runtime_free(rt);
}

/* Async jobs blocked on a FIFO stay pending (they keep the loop alive) and are cancelled by
 * mrt_runtime_free, which must not wait for them. */
static void test_async_fifo_teardown(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  char code[512];
  snprintf(code, sizeof code,
           "mrt.readFile('%s'); mrt.writeFile('%s', new Uint8Array(4));"
           "mrt.open('%s').then((f) => f.read(new Uint8Array(4)))", fifo, fifo, fifo);
  assert_int_equal(run(rt, code), MRT_OK);
  assert_int_equal(mrt_poll_event_loop(rt), MRT_PENDING); /* the jobs wait */
  usleep(100 * 1000);
  assert_int_equal(mrt_poll_event_loop(rt), MRT_PENDING); /* the jobs wait */
  double t0 = now_s();
  mrt_runtime_free(rt);
  assert_true(now_s() - t0 < 5.0);
}

static void test_copy_refuses_special_sources(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  char code[512];
  snprintf(code, sizeof code,
           "const r = [];"
           "for (const src of ['%s', '/dev/zero']) {"
           "  try { mrt.copyFileSync(src, '%s/copy'); r.push('copied') } catch (e) { r.push(e.code + ': ' + e.message) }"
           "}"
           "r.push(String(mrt.statSync('%s').isDirectory)); r.join('\\n')",
           fifo, dir, dir);
  char *s = eval_string(rt, code);
  char want[512];
  snprintf(want, sizeof want,
           "EINVAL: EINVAL: the source is not a regular file, copyfile '%s' -> '%s/copy'\n"
           "EINVAL: EINVAL: the source is not a regular file, copyfile '/dev/zero' -> '%s/copy'\n"
           "true", fifo, dir, dir);
  assert_string_equal(s, want);
  mrt_free(s);
  mrt_runtime_free(rt);
}

/* console.log to a stdout pipe nobody reads: the op waits for room, and mrt_terminate ends
 * the wait (a write(2) would block for ever). */
static void test_stdout_pipe_full(void **state) {
  (void)state;
  int p[2];
  assert_int_equal(pipe(p), 0);
  fflush(stdout);
  int saved = dup(1);
  assert_true(saved >= 0);
  assert_int_equal(dup2(p[1], 1), 1);
  mrt_runtime *rt = new_runtime();
  terminator t;
  double t0 = now_s();
  terminator_start(&t, rt);
  int rc = run(rt, "for (;;) console.log('x'.repeat(100))");
  pthread_join(t.thread, NULL);
  double took = now_s() - t0;
  /* What is still buffered goes to /dev/null at free, not to the test's output. */
  int null = open("/dev/null", O_WRONLY);
  dup2(null, 1);
  close(null);
  mrt_runtime_free(rt);
  dup2(saved, 1);
  close(saved);
  close(p[0]);
  close(p[1]);
  assert_int_equal(rc, MRT_ETERMINATED);
  assert_true(took < 5.0);
}

/* A code-cache entry replaced by a FIFO is a bad entry (ignored), not a hang at start. */
static void test_cache_entry_fifo(void **state) {
  (void)state;
  char cache[128], entry[512];
  snprintf(cache, sizeof cache, "%s/cache", dir);
  assert_int_equal(mkdir(cache, 0700), 0);
  mrt_options opts;
  mrt_options_init(&opts);
  opts.v8_flags = TEST_V8_FLAGS;
  opts.cache_dir = cache;
  const char *src = "globalThis.x = [1, 2, 3].map((v) => v * 2).join()";
  for (int pass = 0; pass < 2; pass++) {
    mrt_runtime *rt = NULL;
    assert_int_equal(mrt_runtime_new(&opts, &rt), MRT_OK);
    double t0 = now_s();
    assert_int_equal(mrt_execute_script(rt, "cached.js", src, strlen(src), NULL), MRT_OK);
    assert_true(now_s() - t0 < 5.0);
    mrt_runtime_free(rt);
    /* After the first run: every entry becomes a FIFO. */
    DIR *d = opendir(cache);
    assert_non_null(d);
    int fifos = 0;
    for (struct dirent *e; (e = readdir(d));) {
      if (e->d_name[0] == '.') continue;
      snprintf(entry, sizeof entry, "%s/%s", cache, e->d_name);
      unlink(entry);
      if (pass == 0 && mkfifo(entry, 0600) == 0) fifos++;
    }
    closedir(d);
    if (pass == 0) assert_true(fifos > 0);
  }
  rmdir(cache);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_sync_fifo_without_writer),
      cmocka_unit_test(test_sync_fifo_without_reader),
      cmocka_unit_test(test_fsfile_fifo_read),
      cmocka_unit_test(test_endless_reads),
      cmocka_unit_test(test_fifo_with_peer),
      cmocka_unit_test(test_async_fifo_teardown),
      cmocka_unit_test(test_copy_refuses_special_sources),
      cmocka_unit_test(test_cache_entry_fifo),
      cmocka_unit_test(test_stdout_pipe_full),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
