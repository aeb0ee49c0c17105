/* async_thread.c: an async op whose work runs on threads of the embedder's own. The op starts
 * a thread per call and returns at once; the thread completes the op with
 * mrt_op_complete_threadsafe (any thread: the result goes through the loop's lock-free ring
 * and wakes the loop). An op in flight keeps the loop alive, so mrt_run_event_loop waits for
 * every result without anything else to do.
 *   cc async_thread.c $(pkg-config --cflags --libs libmrt) -lpthread -o async_thread */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <mrt.h>

enum { MAX_JOBS = 16 };

typedef struct job {
  mrt_runtime *rt;
  uint32_t id;
  unsigned n;
  pthread_t thread;
} job;

static job jobs[MAX_JOBS];
static int njobs;

/* On the job's thread: slow work, then the result. The runtime pointer is only passed to the
 * thread-safe completion. */
static void *work(void *arg) {
  job *j = arg;
  usleep(1000 * (10 + 5 * (j->n % 4)));
  char *text = malloc(32);
  int len = snprintf(text, 32, "%u squared is %u", j->n, j->n * j->n);
  /* The bytes pass to the runtime, which frees them with free() once delivered. */
  mrt_result res = {.kind = MRT_RESULT_STRING, .bytes = text, .len = (size_t)len,
                    .free_bytes = free};
  mrt_op_complete_threadsafe(j->rt, j->id, &res);
  return NULL;
}

static void square_slowly(mrt_op_call *c) {
  uint32_t id = mrt_op_async_id(c);
  if (njobs == MAX_JOBS) {
    mrt_op_throw(c, "ERR_TOO_MANY", "too many jobs"); /* rejects the call's promise */
    return;
  }
  job *j = &jobs[njobs];
  *j = (job){.rt = mrt_op_runtime(c), .id = id, .n = (unsigned)mrt_op_arg_number(c, 0)};
  if (pthread_create(&j->thread, NULL, work, j) != 0) {
    mrt_op_throw(c, "ERR_THREAD", "cannot start a thread");
    return;
  }
  njobs++;
}

int main(void) {
  mrt_runtime *rt;
  if (mrt_runtime_new(NULL, &rt) != MRT_OK) return 1;
  mrt_op_decl op = {.name = "squareSlowly", .fn = square_slowly, .async = 1};
  if (mrt_register_op(rt, &op) != MRT_OK) return 1;
  const char *src =
      "const started = [1, 2, 3, 4, 5].map((n) => mrt.ops.squareSlowly(n));\n"
      "console.log('started', started.length, 'jobs');\n"
      "Promise.all(started).then((all) => { for (const line of all) console.log(line) });\n";
  int rc = mrt_execute_script(rt, "async_thread.js", src, strlen(src), NULL);
  if (rc == MRT_OK) rc = mrt_run_event_loop(rt);
  if (rc != MRT_OK) fprintf(stderr, "error: %s\n", mrt_strerror(rc));
  for (int i = 0; i < njobs; i++) pthread_join(jobs[i].thread, NULL);
  mrt_async_stats st;
  mrt_get_async_stats(rt, &st);
  mrt_flush(rt);
  printf("in flight after the loop: %llu\n", (unsigned long long)st.in_flight);
  mrt_runtime_free(rt);
  return rc != MRT_OK;
}
