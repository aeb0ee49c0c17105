/* handle_thread.c: other threads reach a runtime through its handle (mrt_runtime_handle), a
 * refcounted token that stays valid after the runtime is freed:
 *  - a producer thread posts C tasks to the runtime's thread (mrt_handle_post), which call
 *    into JS there;
 *  - an async op's worker thread completes it through the handle (mrt_handle_complete);
 *  - a watchdog thread stops a runaway script (mrt_handle_terminate);
 *  - after mrt_runtime_free, a post is refused and its task still called once, to release
 *    its data.
 *   cc handle_thread.c $(pkg-config --cflags --libs libmrt) -lpthread -o handle_thread */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <mrt.h>

static mrt_runtime_handle *handle;
static pthread_t producer, worker, watchdog;
static int worker_started;

/* A task: runs on the runtime's thread with status MRT_OK, or is called with MRT_ESTATE
 * (rt NULL) when the runtime is gone; either way it owns data. */
static void reading_task(mrt_runtime *rt, void *data, int status) {
  int n = *(int *)data;
  free(data);
  if (status != MRT_OK) {
    printf("task %d dropped: the runtime is gone\n", n);
    return;
  }
  mrt_value *global = mrt_global(rt), *fn = NULL, *arg = mrt_number(rt, n);
  if (mrt_get(rt, global, "onReading", &fn) == MRT_OK) mrt_call(rt, fn, NULL, 1, &arg, NULL);
  mrt_value_free(rt, fn);
  mrt_value_free(rt, arg);
  mrt_value_free(rt, global);
  if (n == 3) mrt_unref(rt); /* the last reading: the producer's hold on the loop ends */
}

static int post_reading(int n) {
  int *data = malloc(sizeof *data);
  if (!data) return MRT_ENOMEM;
  *data = n;
  return mrt_handle_post(handle, reading_task, data); /* on MRT_ESTATE the task freed it */
}

static void *produce(void *arg) {
  (void)arg;
  for (int n = 1; n <= 3; n++) {
    usleep(5000);
    post_reading(n);
  }
  return NULL;
}

/* The async op's worker: the call's id and a handle reference of its own, released when
 * done (completing through the handle is safe even if the runtime was freed meanwhile). */
typedef struct sum_job {
  mrt_runtime_handle *h;
  uint32_t id;
} sum_job;
static sum_job job;

static void *sum_up(void *arg) {
  sum_job *j = arg;
  usleep(5000);
  mrt_result res = {.kind = MRT_RESULT_NUMBER, .number = 1 + 2 + 3};
  mrt_handle_complete(j->h, j->id, &res);
  mrt_handle_release(j->h);
  return NULL;
}

static void op_sum(mrt_op_call *c) {
  job.id = mrt_op_async_id(c);
  job.h = mrt_runtime_get_handle(mrt_op_runtime(c));
  if (!job.h || pthread_create(&worker, NULL, sum_up, &job) != 0) {
    mrt_handle_release(job.h);
    mrt_op_throw(c, "ERR_THREAD", "cannot start the worker");
    return;
  }
  worker_started = 1;
}

static void *watch(void *arg) {
  (void)arg;
  usleep(50000);
  mrt_handle_terminate(handle); /* any thread */
  return NULL;
}

static int run(mrt_runtime *rt, const char *src, mrt_value **out) {
  return mrt_execute_script(rt, "handle_thread.js", src, strlen(src), out);
}

int main(void) {
  mrt_runtime *rt;
  if (mrt_runtime_new(NULL, &rt) != MRT_OK) return 1;
  mrt_op_decl op = {.name = "sum", .fn = op_sum, .async = 1};
  mrt_register_op(rt, &op);
  handle = mrt_runtime_get_handle(rt); /* runtime's thread */

  int rc = run(rt,
               "globalThis.onReading = (n) => {\n"
               "  console.log('reading', n);\n"
               "  if (n === 3) mrt.ops.sum().then((s) => console.log('sum from the worker:', s));\n"
               "};\n",
               NULL);
  /* The loop cannot see the producer: hold it alive until the last reading (see the task). */
  mrt_ref(rt);
  pthread_create(&producer, NULL, produce, NULL);
  if (rc == MRT_OK) rc = mrt_run_event_loop(rt);
  pthread_join(producer, NULL);
  if (worker_started) pthread_join(worker, NULL);
  mrt_flush(rt);
  printf("loop: %s\n", mrt_strerror(rc));

  /* A runaway script, ended by the watchdog; the runtime stays usable. */
  pthread_create(&watchdog, NULL, watch, NULL);
  rc = run(rt, "for (;;) {}", NULL);
  pthread_join(watchdog, NULL);
  printf("runaway script: %s\n", mrt_strerror(rc));
  mrt_value *v = NULL;
  rc = run(rt, "6 * 7", &v);
  printf("next script: %g\n", rc == MRT_OK ? mrt_value_to_number(rt, v) : -1.0);
  mrt_value_free(rt, v);

  mrt_runtime_free(rt);
  /* The handle outlives the runtime: a post now is refused, and its task told so. */
  printf("post after free: %s\n", mrt_strerror(post_reading(4)));
  mrt_handle_stats st;
  mrt_handle_get_stats(handle, &st);
  printf("posts %llu, run %llu, dropped %llu, alive %d\n", (unsigned long long)st.posts,
         (unsigned long long)st.posts_run, (unsigned long long)st.posts_dropped, st.alive);
  mrt_handle_release(handle);
  return 0;
}
