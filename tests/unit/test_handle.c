/* test_handle.c: the runtime's handle and the thread model. Tasks posted from many threads
 * (all run, in order per thread), termination of a busy script from another thread, waking
 * an idle loop, a handle outliving its runtime (calls dropped and counted, posted data
 * released), cancel hooks of ops in flight at free, calls from the wrong thread, the rule
 * for a termination requested while nothing runs, a module loader completing from a
 * thread. Run under TSan too (tools/test.sh --tsan). */
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <unistd.h>

#include "test_helpers.h"

/* A hang is a failure, not a stuck test run. */
static void on_alarm(int sig) {
  (void)sig;
  static const char msg[] = "test_handle: timed out\n";
  if (write(2, msg, sizeof msg - 1) < 0) _exit(3);
  _exit(3);
}

static void guard(unsigned seconds) {
  signal(SIGALRM, on_alarm);
  alarm(seconds);
}

/* ---------------------------------------------------------------- posts from many threads */

#define POSTERS 4
#define POSTS_EACH 2000 /* more than the ring holds: the overflow keeps the order too */

typedef struct post_log {
  int last[POSTERS]; /* the last sequence number run, per thread */
  int out_of_order;
  int ran;
  int dropped;
  mrt_runtime *rt;
} post_log;

typedef struct post_item {
  post_log *log;
  int thread, seq;
} post_item;

static void record_post(mrt_runtime *rt, void *data, int status) {
  post_item *it = data;
  post_log *log = it->log;
  if (status != MRT_OK) {
    log->dropped++;
    free(it);
    return;
  }
  assert_ptr_equal(rt, log->rt);
  if (it->seq != log->last[it->thread] + 1) log->out_of_order++;
  log->last[it->thread] = it->seq;
  free(it);
  if (++log->ran == POSTERS * POSTS_EACH) mrt_unref(rt); /* every post is in */
}

typedef struct poster {
  mrt_runtime_handle *h;
  post_log *log;
  int thread;
  pthread_t tid;
} poster;

static void *post_many(void *arg) {
  poster *p = arg;
  for (int i = 1; i <= POSTS_EACH; i++) {
    post_item *it = malloc(sizeof *it);
    *it = (post_item){p->log, p->thread, i};
    if (mrt_handle_post(p->h, record_post, it) != MRT_OK) abort();
  }
  return NULL;
}

static void posts_from_many_threads_run_in_order(void **state) {
  (void)state;
  guard(60);
  mrt_runtime *rt = new_runtime();
  post_log log = {.rt = rt};
  mrt_runtime_handle *h = mrt_runtime_get_handle(rt);
  assert_non_null(h);
  assert_int_equal(mrt_ref(rt), MRT_OK); /* the loop waits for the posts */
  poster p[POSTERS];
  for (int i = 0; i < POSTERS; i++) {
    p[i] = (poster){h, &log, i, 0};
    assert_int_equal(pthread_create(&p[i].tid, NULL, post_many, &p[i]), 0);
  }
  assert_int_equal(mrt_run_event_loop(rt), MRT_OK);
  for (int i = 0; i < POSTERS; i++) pthread_join(p[i].tid, NULL);
  assert_int_equal(log.ran, POSTERS * POSTS_EACH);
  assert_int_equal(log.out_of_order, 0);
  for (int i = 0; i < POSTERS; i++) assert_int_equal(log.last[i], POSTS_EACH);
  mrt_handle_stats st;
  assert_int_equal(mrt_handle_get_stats(h, &st), MRT_OK);
  assert_int_equal(st.alive, 1);
  assert_int_equal(st.posts, POSTERS * POSTS_EACH);
  assert_int_equal(st.posts_run, POSTERS * POSTS_EACH);
  assert_int_equal(st.posts_dropped, 0);
  mrt_runtime_free(rt);
  assert_int_equal(mrt_handle_get_stats(h, &st), MRT_OK);
  assert_int_equal(st.alive, 0);
  assert_int_equal(st.posts_dropped, 0);
  mrt_handle_release(h);
}

/* A task is a macrotask on the runtime's thread: it may call JS, and the microtasks that
 * queues run before the next one. */
static void task_calls_js(mrt_runtime *rt, void *data, int status) {
  (void)data;
  assert_int_equal(status, MRT_OK);
  mrt_value *g = mrt_global(rt), *fn = NULL;
  assert_int_equal(mrt_get(rt, g, "fromTask", &fn), MRT_OK);
  assert_int_equal(mrt_call(rt, fn, NULL, 0, NULL, NULL), MRT_OK);
  /* Driving the loop from a task is refused: the loop is running. */
  assert_int_equal(mrt_poll_event_loop(rt), MRT_ESTATE);
  mrt_value_free(rt, fn);
  mrt_value_free(rt, g);
}

static void task_checks_microtasks(mrt_runtime *rt, void *data, int status) {
  (void)data;
  assert_int_equal(status, MRT_OK);
  char *s = eval_string(rt, "log.join()");
  assert_string_equal(s, "task,microtask");
  mrt_free(s);
}

static void task_is_a_macrotask(void **state) {
  (void)state;
  guard(20);
  mrt_runtime *rt = new_runtime();
  assert_int_equal(run(rt, "var log = []; function fromTask() { log.push('task'); "
                           "Promise.resolve().then(() => log.push('microtask')); }"),
                   MRT_OK);
  mrt_runtime_handle *h = mrt_runtime_get_handle(rt);
  assert_int_equal(mrt_handle_post(h, task_calls_js, NULL), MRT_OK);
  assert_int_equal(mrt_handle_post(h, task_checks_microtasks, NULL), MRT_OK);
  assert_int_equal(mrt_run_event_loop(rt), MRT_OK);
  mrt_handle_stats st;
  mrt_handle_get_stats(h, &st);
  assert_int_equal(st.posts_run, 2);
  mrt_handle_release(h);
  mrt_runtime_free(rt);
}

/* ---------------------------------------------------------------- terminate, wake */

typedef struct delayed {
  mrt_runtime_handle *h;
  int delay_ms;
  int rc;
} delayed;

static void *terminate_later(void *arg) {
  delayed *d = arg;
  usleep((useconds_t)d->delay_ms * 1000);
  d->rc = mrt_handle_terminate(d->h);
  return NULL;
}

static void terminate_busy_script_from_thread(void **state) {
  (void)state;
  guard(20);
  mrt_runtime *rt = new_runtime();
  mrt_runtime_handle *h = mrt_runtime_get_handle(rt);
  delayed d = {h, 50, -100};
  pthread_t t;
  assert_int_equal(pthread_create(&t, NULL, terminate_later, &d), 0);
  assert_int_equal(run(rt, "for (;;) {}"), MRT_ETERMINATED);
  pthread_join(t, NULL);
  assert_int_equal(d.rc, MRT_OK);
  /* The runtime stays usable, the termination is spent. */
  assert_int_equal(eval_number(rt, "6 * 7"), 42);
  /* A loop waiting on a timer is ended too. */
  d.rc = -100;
  assert_int_equal(pthread_create(&t, NULL, terminate_later, &d), 0);
  assert_int_equal(run(rt, "setTimeout(() => {}, 10000)"), MRT_OK);
  assert_int_equal(mrt_run_event_loop(rt), MRT_ETERMINATED);
  pthread_join(t, NULL);
  assert_int_equal(d.rc, MRT_OK);
  mrt_handle_release(h);
  mrt_runtime_free(rt);
}

static void *wake_later(void *arg) {
  delayed *d = arg;
  usleep((useconds_t)d->delay_ms * 1000);
  d->rc = mrt_handle_wake(d->h);
  return NULL;
}

static void wake_idle_loop(void **state) {
  (void)state;
  guard(20);
  mrt_runtime *rt = new_runtime();
  mrt_runtime_handle *h = mrt_runtime_get_handle(rt);
  assert_int_equal(mrt_ref(rt), MRT_OK); /* alive, with nothing to do: it would block */
  assert_int_equal(mrt_poll_event_loop(rt), MRT_PENDING);
  assert_int_equal(mrt_backend_timeout(rt), -1);
  delayed d = {h, 30, -100};
  pthread_t t;
  assert_int_equal(pthread_create(&t, NULL, wake_later, &d), 0);
  /* An embedder's own poll loop, blocked on the backend fd, is woken. */
  struct pollfd p = {.fd = mrt_backend_fd(rt), .events = POLLIN};
  assert_int_equal(poll(&p, 1, 10000), 1);
  pthread_join(t, NULL);
  assert_int_equal(d.rc, MRT_OK);
  assert_int_equal(mrt_backend_timeout(rt), 0); /* poll now */
  assert_int_equal(mrt_poll_event_loop(rt), MRT_PENDING);
  assert_int_equal(mrt_backend_timeout(rt), -1); /* the wake-up is taken */
  assert_int_equal(mrt_unref(rt), MRT_OK);
  assert_int_equal(mrt_poll_event_loop(rt), MRT_READY);
  mrt_handle_release(h);
  mrt_runtime_free(rt);
}

/* ---------------------------------------------------------------- after free */

static int dropped_calls;
static void count_drop(mrt_runtime *rt, void *data, int status) {
  assert_null(rt);
  assert_int_equal(status, MRT_ESTATE);
  free(data);
  dropped_calls++;
}

static int bytes_freed;
static void free_counted(void *p) {
  free(p);
  bytes_freed++;
}

static void handle_outlives_runtime(void **state) {
  (void)state;
  guard(20);
  mrt_runtime *rt = new_runtime();
  mrt_runtime_handle *h = mrt_runtime_get_handle(rt);
  mrt_runtime_handle *h2 = mrt_runtime_get_handle(rt);
  assert_ptr_equal(h, h2); /* one handle, two references */
  mrt_handle_release(h2);
  /* Queued, never run: dropped by free, their data released. */
  dropped_calls = 0;
  for (int i = 0; i < 3; i++) assert_int_equal(mrt_handle_post(h, count_drop, malloc(16)), MRT_OK);
  mrt_runtime_free(rt);
  assert_int_equal(dropped_calls, 3);
  mrt_handle_stats st;
  assert_int_equal(mrt_handle_get_stats(h, &st), MRT_OK);
  assert_int_equal(st.alive, 0);
  assert_int_equal(st.posts, 3);
  assert_int_equal(st.posts_run, 0);
  assert_int_equal(st.posts_dropped, 3);
  /* After free: each call is refused, counted, and releases what it was given. */
  assert_int_equal(mrt_handle_post(h, count_drop, malloc(16)), MRT_ESTATE);
  assert_int_equal(dropped_calls, 4);
  bytes_freed = 0;
  char *bytes = malloc(4);
  memcpy(bytes, "late", 4);
  mrt_result res = {.kind = MRT_RESULT_BUFFER, .bytes = bytes, .len = 4, .free_bytes = free_counted};
  assert_int_equal(mrt_handle_complete(h, 1, &res), MRT_ESTATE);
  assert_int_equal(bytes_freed, 1);
  assert_int_equal(mrt_handle_terminate(h), MRT_ESTATE);
  assert_int_equal(mrt_handle_wake(h), MRT_ESTATE);
  assert_int_equal(mrt_handle_get_stats(h, &st), MRT_OK);
  assert_int_equal(st.posts_dropped, 4);
  assert_int_equal(st.completions_dropped, 1);
  assert_int_equal(st.signals_dropped, 2);
  mrt_handle_release(h);
}

/* Threads post while the runtime is freed: every task either runs or is dropped, exactly
 * once, and the counts add up. */
typedef struct racer {
  mrt_runtime_handle *h;
  atomic_int *calls;
  int attempts;
  pthread_t tid;
} racer;

static void race_task(mrt_runtime *rt, void *data, int status) {
  (void)rt;
  (void)status;
  atomic_fetch_add((atomic_int *)data, 1);
}

static void *post_until_refused(void *arg) {
  racer *r = arg;
  for (;;) {
    r->attempts++;
    int rc = mrt_handle_post(r->h, race_task, r->calls);
    if (rc == MRT_ESTATE) break;
    if (rc != MRT_OK) abort();
    mrt_handle_complete(r->h, 0x7ffffff0u, &(mrt_result){.kind = MRT_RESULT_UNDEFINED});
    /* Paced: a producer far faster than the loop only piles up the ring's overflow (whose
     * merge costs grow with its length); a burst, then a trickle until free refuses. */
    if (r->attempts > 256) usleep(1000);
  }
  return NULL;
}

static void free_races_posts(void **state) {
  (void)state;
  guard(30);
  for (int round = 0; round < 5; round++) {
    mrt_runtime *rt = new_runtime();
    mrt_runtime_handle *h = mrt_runtime_get_handle(rt);
    atomic_int calls = 0;
    racer r[3];
    for (int i = 0; i < 3; i++) {
      r[i] = (racer){h, &calls, 0, 0};
      assert_int_equal(pthread_create(&r[i].tid, NULL, post_until_refused, &r[i]), 0);
    }
    for (int i = 0; i < 5; i++) {
      usleep(2000);
      assert_true(mrt_poll_event_loop(rt) >= 0);
    }
    mrt_runtime_free(rt);
    int attempts = 0;
    for (int i = 0; i < 3; i++) {
      pthread_join(r[i].tid, NULL);
      attempts += r[i].attempts;
    }
    mrt_handle_stats st;
    mrt_handle_get_stats(h, &st);
    assert_int_equal(atomic_load(&calls), attempts); /* each task called exactly once */
    assert_int_equal(st.posts_run + st.posts_dropped, (uint64_t)attempts);
    assert_true(st.posts_dropped >= 3); /* at least each thread's refused one */
    mrt_handle_release(h);
  }
}

/* ---------------------------------------------------------------- cancel hooks */

static uint32_t started_ids[8], cancelled_ids[8];
static int nstarted, ncancelled;

static void op_never_done(mrt_op_call *c) { started_ids[nstarted++] = mrt_op_async_id(c); }

static mrt_runtime *cancel_rt;
static void op_cancel(void *data, uint32_t id) {
  assert_ptr_equal(data, &ncancelled);
  cancelled_ids[ncancelled++] = id;
  /* Misuse from the hook: the runtime is being freed. */
  assert_null(mrt_runtime_get_handle(cancel_rt));
  mrt_runtime_free(cancel_rt); /* does nothing (no second free) */
}

static void cancel_hook_on_free(void **state) {
  (void)state;
  guard(20);
  nstarted = ncancelled = 0;
  mrt_runtime *rt = cancel_rt = new_runtime();
  mrt_op_decl d = {.name = "never", .fn = op_never_done, .async = 1, .data = &ncancelled,
                   .cancel = op_cancel};
  assert_int_equal(mrt_register_op(rt, &d), MRT_OK);
  mrt_runtime_handle *h = mrt_runtime_get_handle(rt);
  assert_int_equal(run(rt, "for (let i = 0; i < 3; i++) mrt.ops.never()"), MRT_OK);
  assert_int_equal(nstarted, 3);
  assert_int_equal(mrt_poll_event_loop(rt), MRT_PENDING); /* the calls keep it alive */
  mrt_runtime_free(rt);
  assert_int_equal(ncancelled, 3);
  for (int i = 0; i < 3; i++) {
    int found = 0;
    for (int k = 0; k < 3; k++) found += cancelled_ids[k] == started_ids[i];
    assert_int_equal(found, 1);
  }
  /* Completed afterwards through the handle: dropped (the runtime's memory is gone: no
   * shell waits for these calls, LSan would see it). */
  assert_int_equal(mrt_handle_complete(h, started_ids[0], &(mrt_result){.kind = MRT_RESULT_UNDEFINED}),
                   MRT_ESTATE);
  mrt_handle_stats st;
  mrt_handle_get_stats(h, &st);
  assert_int_equal(st.completions_dropped, 1);
  mrt_handle_release(h);
}

/* ---------------------------------------------------------------- completions, loaders */

typedef struct worker {
  mrt_runtime_handle *h;
  uint32_t id;
  pthread_t tid;
} worker;

static worker op_worker;

static void *complete_from_thread(void *arg) {
  worker *w = arg;
  usleep(20000);
  mrt_result res = {.kind = MRT_RESULT_STRING, .bytes = "from a thread", .len = 13};
  if (mrt_handle_complete(w->h, w->id, &res) != MRT_OK) abort();
  return NULL;
}

static void op_threaded(mrt_op_call *c) {
  op_worker.id = mrt_op_async_id(c);
  if (pthread_create(&op_worker.tid, NULL, complete_from_thread, &op_worker) != 0) abort();
}

static void complete_through_handle(void **state) {
  (void)state;
  guard(20);
  mrt_runtime *rt = new_runtime();
  op_worker.h = mrt_runtime_get_handle(rt);
  mrt_op_decl d = {.name = "threaded", .fn = op_threaded, .async = 1};
  assert_int_equal(mrt_register_op(rt, &d), MRT_OK);
  mrt_value *p = NULL, *v = NULL;
  assert_int_equal(mrt_execute_script(rt, "t.js", "mrt.ops.threaded()", 18, &p), MRT_OK);
  assert_int_equal(mrt_resolve_value(rt, p, &v), MRT_OK);
  char *s = mrt_value_to_string(rt, v, NULL);
  assert_string_equal(s, "from a thread");
  mrt_free(s);
  mrt_value_free(rt, v);
  mrt_value_free(rt, p);
  pthread_join(op_worker.tid, NULL);
  mrt_handle_release(op_worker.h);
  mrt_runtime_free(rt);
}

/* A loader whose load callback hands the request to a thread; the thread completes it
 * through a task posted to the runtime's thread. */
typedef struct load_job {
  mrt_runtime_handle *h;
  mrt_load_request *req;
  char *source;
} load_job;

static void load_task(mrt_runtime *rt, void *data, int status) {
  load_job *j = data;
  if (status == MRT_OK) {
    mrt_load_complete(j->req, j->source, strlen(j->source));
    mrt_unref(rt);
  }
  /* Dropped: the request is gone with the runtime; only the job is released. */
  mrt_handle_release(j->h);
  free(j->source);
  free(j);
}

static void *load_on_thread(void *arg) {
  load_job *j = arg;
  usleep(10000);
  if (mrt_handle_post(j->h, load_task, j) == MRT_EINVAL) abort();
  return NULL;
}

static pthread_t loader_threads[4];
static int nloader_threads;
static mrt_runtime *loader_rt; /* the loader's runtime (the loader data is set before it exists) */

static int thread_resolve(void *data, const char *spec, const char *referrer, char **out) {
  (void)data;
  (void)referrer;
  size_t n = strlen(spec);
  const char *name = strncmp(spec, "./", 2) == 0 ? spec + 2 : spec;
  *out = malloc(n + 8);
  memcpy(*out, "mem:/", 5);
  memcpy(*out + 5, name, strlen(name) + 1);
  return MRT_OK;
}

static void thread_load(void *data, const char *url, mrt_load_request *req) {
  (void)data;
  load_job *j = malloc(sizeof *j);
  j->h = mrt_runtime_get_handle(loader_rt);
  j->req = req;
  j->source = strdup(strcmp(url, "mem:/main.js") == 0
                         ? "import { x } from './dep.js'; globalThis.result = x * 2;"
                         : "export const x = 21;");
  mrt_ref(loader_rt); /* the loop waits for the thread */
  if (pthread_create(&loader_threads[nloader_threads++], NULL, load_on_thread, j) != 0) abort();
}

static void loader_completes_from_thread(void **state) {
  (void)state;
  guard(20);
  nloader_threads = 0;
  static const mrt_module_loader loader = {thread_resolve, thread_load};
  mrt_options opts;
  mrt_options_init(&opts);
  opts.v8_flags = TEST_V8_FLAGS;
  opts.loader = &loader;
  assert_int_equal(mrt_runtime_new(&opts, &loader_rt), MRT_OK);
  int id = -1;
  assert_int_equal(mrt_load_main_module(loader_rt, "./main.js", NULL, 0, &id), MRT_OK);
  mrt_value *p = NULL;
  assert_int_equal(mrt_mod_evaluate(loader_rt, id, &p), MRT_OK);
  assert_int_equal(mrt_resolve_value(loader_rt, p, NULL), MRT_OK);
  mrt_value_free(loader_rt, p);
  assert_int_equal(eval_number(loader_rt, "result"), 42);
  for (int i = 0; i < nloader_threads; i++) pthread_join(loader_threads[i], NULL);
  assert_int_equal(nloader_threads, 2);
  /* A load still out when the runtime is freed: its task is dropped, the job released. */
  nloader_threads = 0;
  assert_int_equal(run(loader_rt, "import('./late.js')"), MRT_OK);
  for (int i = 0; i < 50 && nloader_threads == 0; i++) {
    assert_true(mrt_poll_event_loop(loader_rt) >= 0);
    usleep(1000);
  }
  assert_int_equal(nloader_threads, 1);
  mrt_runtime_free(loader_rt);
  pthread_join(loader_threads[0], NULL);
}

/* ---------------------------------------------------------------- thread rules */

typedef struct foreign {
  mrt_runtime *rt;
  mrt_value *global; /* made by the owner */
  int exec, poll, run, get, set, call, reg, complete, ref, unref, resolve, cancel, exit_code;
  int heap, startup, backend_fd, scope, resource;
  size_t resources;
  double number;
  void *user_data, *global_copy, *string, *handle;
  int err_code;
  char err_message[200];
  int creation_code;
} foreign;

static void nop_op(mrt_op_call *c) { (void)c; }
static void close_nothing(mrt_runtime *rt, void *ptr) {
  (void)rt;
  (void)ptr;
}

static void *call_from_other_thread(void *arg) {
  foreign *f = arg;
  mrt_runtime *rt = f->rt;
  mrt_value *out = (mrt_value *)0x1;
  f->exec = mrt_execute_script(rt, "x.js", "globalThis.touched = 1", 22, NULL);
  const mrt_error *e = mrt_last_error(rt); /* this thread's record, not the runtime's */
  f->err_code = e->code;
  snprintf(f->err_message, sizeof f->err_message, "%s", e->message ? e->message : "");
  f->creation_code = mrt_last_error(NULL)->code;
  f->poll = mrt_poll_event_loop(rt);
  f->run = mrt_run_event_loop(rt);
  f->get = mrt_get(rt, f->global, "Math", &out);
  f->set = mrt_set(rt, f->global, "touched", NULL);
  f->call = mrt_call(rt, f->global, NULL, 0, NULL, NULL);
  mrt_op_decl d = {.name = "late", .fn = nop_op};
  f->reg = mrt_register_op(rt, &d);
  f->complete = mrt_op_complete(rt, 1, &(mrt_result){.kind = MRT_RESULT_UNDEFINED});
  f->ref = mrt_ref(rt);
  f->unref = mrt_unref(rt);
  f->resolve = mrt_resolve_value(rt, f->global, NULL);
  f->cancel = mrt_cancel_terminate(rt);
  f->exit_code = mrt_exit_code(rt);
  mrt_heap_stats hs;
  f->heap = mrt_get_heap_stats(rt, &hs);
  mrt_startup_times st;
  f->startup = mrt_get_startup_times(rt, &st);
  f->scope = mrt_scope_open(rt);
  static const mrt_resource_kind kind = {.name = "x", .close = close_nothing};
  f->resource = mrt_resource_add(rt, &kind, f);
  f->resources = mrt_resource_count(rt);
  f->number = mrt_value_to_number(rt, f->global);
  f->user_data = mrt_get_user_data(rt);
  mrt_set_user_data(rt, (void *)0x2);
  f->global_copy = mrt_value_dup(rt, f->global);
  f->string = mrt_string(rt, "x", 1);
  f->handle = mrt_runtime_get_handle(rt);
  f->backend_fd = mrt_backend_fd(rt); /* any thread */
  mrt_value_free(rt, f->global);     /* refused: the handle stays the owner's */
  mrt_runtime_free(rt);              /* refused: does nothing */
  (void)out;
  return NULL;
}

static void wrong_thread_is_refused(void **state) {
  (void)state;
  guard(20);
  mrt_runtime *rt = new_runtime();
  mrt_set_user_data(rt, (void *)0x1);
  foreign f = {.rt = rt, .global = mrt_global(rt)};
  pthread_t t;
  assert_int_equal(pthread_create(&t, NULL, call_from_other_thread, &f), 0);
  pthread_join(t, NULL);
  assert_int_equal(f.exec, MRT_ESTATE);
  assert_int_equal(f.err_code, MRT_ESTATE);
  assert_non_null(strstr(f.err_message, "mrt_execute_script"));
  assert_non_null(strstr(f.err_message, "thread"));
  assert_int_equal(f.creation_code, MRT_ESTATE);
  int codes[] = {f.poll, f.run, f.get, f.set, f.call, f.reg, f.complete, f.ref, f.unref,
                 f.resolve, f.cancel, f.exit_code, f.heap, f.startup, f.scope, f.resource};
  for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) assert_int_equal(codes[i], MRT_ESTATE);
  assert_true(f.number != f.number); /* NaN */
  assert_null(f.user_data);
  assert_null(f.global_copy);
  assert_null(f.string);
  assert_null(f.handle);
  assert_int_equal(f.resources, 0);
  assert_int_equal(mrt_resource_count(rt), 0);
  assert_int_equal(f.backend_fd, mrt_backend_fd(rt));
  /* The runtime was neither freed nor disturbed: no JS ran, its record is untouched. */
  assert_ptr_equal(mrt_get_user_data(rt), (void *)0x1);
  assert_int_equal(mrt_last_error(rt)->code, 0);
  assert_int_equal(eval_number(rt, "typeof touched === 'undefined' ? 0 : 1"), 0);
  mrt_async_stats as;
  assert_int_equal(mrt_get_async_stats(rt, &as), MRT_OK);
  assert_int_equal(as.refs, 0);
  assert_int_equal(as.rejected_completions, 0);
  assert_int_equal(mrt_value_type(rt, f.global), MRT_TYPE_OBJECT); /* still alive */
  mrt_value_free(rt, f.global);
  mrt_runtime_free(rt);
}

/* ---------------------------------------------------------------- terminate while idle */

static void terminate_while_idle_rule(void **state) {
  (void)state;
  guard(20);
  mrt_runtime *rt = new_runtime();
  /* Pending: calls that run no JS are not affected... */
  mrt_terminate(rt);
  mrt_value *g = mrt_global(rt), *v = NULL;
  assert_non_null(g);
  assert_int_equal(mrt_get(rt, g, "Math", &v), MRT_OK);
  mrt_value_free(rt, v);
  /* ...the next one that runs JS ends with it, and only that one. */
  assert_int_equal(run(rt, "globalThis.ran = 1"), MRT_ETERMINATED);
  assert_int_equal(eval_number(rt, "typeof ran === 'undefined' ? 0 : 1"), 0);
  assert_int_equal(eval_number(rt, "2"), 2);
  /* The loop counts as such a call. */
  mrt_terminate(rt);
  assert_int_equal(mrt_poll_event_loop(rt), MRT_ETERMINATED);
  assert_int_equal(mrt_poll_event_loop(rt), MRT_READY);
  /* Cancelled: the next calls are not touched (nor by its queued wake-up). */
  mrt_terminate(rt);
  assert_int_equal(mrt_cancel_terminate(rt), MRT_OK);
  assert_int_equal(eval_number(rt, "3"), 3);
  assert_int_equal(mrt_poll_event_loop(rt), MRT_READY);
  mrt_terminate(rt);
  assert_int_equal(mrt_cancel_terminate(rt), MRT_OK);
  assert_int_equal(mrt_poll_event_loop(rt), MRT_READY);
  assert_int_equal(eval_number(rt, "4"), 4);
  /* Nothing pending: a no-op. */
  assert_int_equal(mrt_cancel_terminate(rt), MRT_OK);
  assert_int_equal(mrt_cancel_terminate(NULL), MRT_EINVAL);
  mrt_value_free(rt, g);
  mrt_runtime_free(rt);
}

/* ---------------------------------------------------------------- misuse */

static void noop_task(mrt_runtime *rt, void *data, int status) {
  (void)rt;
  (void)data;
  (void)status;
}

static void null_and_bad_arguments(void **state) {
  (void)state;
  mrt_handle_stats st;
  mrt_result ok = {.kind = MRT_RESULT_UNDEFINED};
  assert_null(mrt_runtime_get_handle(NULL));
  mrt_handle_release(NULL);
  assert_int_equal(mrt_handle_terminate(NULL), MRT_EINVAL);
  assert_int_equal(mrt_handle_wake(NULL), MRT_EINVAL);
  assert_int_equal(mrt_handle_post(NULL, noop_task, NULL), MRT_EINVAL);
  assert_int_equal(mrt_handle_complete(NULL, 1, &ok), MRT_EINVAL);
  assert_int_equal(mrt_handle_get_stats(NULL, &st), MRT_EINVAL);
  mrt_runtime *rt = new_runtime();
  mrt_runtime_handle *h = mrt_runtime_get_handle(rt);
  assert_int_equal(mrt_handle_post(h, NULL, NULL), MRT_EINVAL);
  assert_int_equal(mrt_handle_get_stats(h, NULL), MRT_EINVAL);
  assert_int_equal(mrt_handle_complete(h, 1, NULL), MRT_EINVAL);
  mrt_result bad = {.kind = (mrt_result_kind)99};
  assert_int_equal(mrt_handle_complete(h, 1, &bad), MRT_EINVAL);
  mrt_result nobytes = {.kind = MRT_RESULT_STRING, .len = 3};
  assert_int_equal(mrt_handle_complete(h, 1, &nobytes), MRT_EINVAL);
  /* An id not in flight: queued, refused at delivery and counted there. */
  assert_int_equal(mrt_handle_complete(h, 12345, &ok), MRT_OK);
  assert_int_equal(mrt_poll_event_loop(rt), MRT_READY);
  mrt_async_stats as;
  mrt_get_async_stats(rt, &as);
  assert_int_equal(as.rejected_completions, 1);
  mrt_handle_release(h);
  mrt_runtime_free(rt);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(posts_from_many_threads_run_in_order),
      cmocka_unit_test(task_is_a_macrotask),
      cmocka_unit_test(terminate_busy_script_from_thread),
      cmocka_unit_test(wake_idle_loop),
      cmocka_unit_test(handle_outlives_runtime),
      cmocka_unit_test(free_races_posts),
      cmocka_unit_test(cancel_hook_on_free),
      cmocka_unit_test(complete_through_handle),
      cmocka_unit_test(loader_completes_from_thread),
      cmocka_unit_test(wrong_thread_is_refused),
      cmocka_unit_test(terminate_while_idle_rule),
      cmocka_unit_test(null_and_bad_arguments),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
