/* test_std_fds.c: a runtime made in a process whose descriptors 0, 1 or 2 are closed (each
 * case in a child process). libuv's own descriptors used to land there: its epoll fd on 0,
 * stdout writes into it, and mrt_runtime_free aborting on libuv's `fd > STDERR_FILENO`. */
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test_helpers.h"

/* The child's verdict as its exit status: 0 fine, else the step that failed. */
static int child(const int *closed, size_t n) {
  for (size_t i = 0; i < n; i++) close(closed[i]);
  mrt_runtime *rt = NULL;
  mrt_options opts;
  mrt_options_init(&opts);
  opts.v8_flags = TEST_V8_FLAGS;
  if (mrt_runtime_new(&opts, &rt) != MRT_OK) return 10;
  /* Each closed one is open again, on /dev/null. */
  struct stat null_st, st;
  if (stat("/dev/null", &null_st) != 0) return 11;
  for (size_t i = 0; i < n; i++) {
    if (fstat(closed[i], &st) != 0) return 12;
    if (st.st_rdev != null_st.st_rdev || !S_ISCHR(st.st_mode)) return 13;
  }
  if (mrt_backend_fd(rt) <= 2) return 14;
  const char *src = "console.log('out'); console.error('err');"
                    "setTimeout(() => console.log('timer'), 1);"
                    "Promise.resolve().then(() => console.log('micro'));";
  if (mrt_execute_script(rt, "t.js", src, strlen(src), NULL) != MRT_OK) return 15;
  if (mrt_run_event_loop(rt) != MRT_OK) return 16;
  mrt_runtime_free(rt); /* used to abort here */
  /* And a second runtime in the same process. */
  if (mrt_runtime_new(&opts, &rt) != MRT_OK) return 17;
  if (mrt_execute_script(rt, "t.js", src, strlen(src), NULL) != MRT_OK) return 18;
  if (mrt_run_event_loop(rt) != MRT_OK) return 19;
  mrt_runtime_free(rt);
  return 0;
}

static void run_closed(const int *closed, size_t n) {
  fflush(NULL);
  pid_t pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) _exit(child(closed, n));
  int status = 0;
  assert_int_equal(waitpid(pid, &status, 0), pid);
  if (WIFSIGNALED(status)) fail_msg("child died of signal %d", WTERMSIG(status));
  assert_true(WIFEXITED(status));
  assert_int_equal(WEXITSTATUS(status), 0);
}

static void stdin_closed(void **state) {
  (void)state;
  static const int fds[] = {0};
  run_closed(fds, 1);
}

static void stdout_closed(void **state) {
  (void)state;
  static const int fds[] = {1};
  run_closed(fds, 1);
}

static void stdin_stdout_closed(void **state) {
  (void)state;
  static const int fds[] = {0, 1};
  run_closed(fds, 2);
}

static void all_closed(void **state) {
  (void)state;
  static const int fds[] = {0, 1, 2};
  run_closed(fds, 3);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(stdin_closed),
      cmocka_unit_test(stdout_closed),
      cmocka_unit_test(stdin_stdout_closed),
      cmocka_unit_test(all_closed),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
