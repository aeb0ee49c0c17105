/* inspector.c: the runtime's side of V8's inspector (mrt_inspector_* in mrt.h): sessions, the
 * queue of messages other threads post, and the waits V8 asks for (paused at a breakpoint,
 * waiting for a debugger).
 *
 * Made on first use (rt->inspector stays NULL otherwise). Messages from other threads (the
 * WebSocket server's, core/ext/inspector/server.c, or the embedder's mrt_inspector_post) go
 * into one locked queue; three things drain it on the runtime's thread, whichever comes
 * first: a V8 interrupt (JS is running), a task on the event loop (the loop waits), and the
 * pump that blocks on the queue's condition variable while V8 is paused or the runtime waits
 * for a debugger (node's design: an I/O thread, interrupts, a blocking wait when paused). */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ext/inspector/server.h"
#include "inspector_internal.h"
#include "runtime_internal.h"

typedef struct insp_item {
  struct insp_item *next;
  void (*run)(rt_inspector *ins, void *arg, char *msg, size_t len);
  void *arg;
  char *msg;
  size_t len;
} insp_item;

struct mrt_inspector_session {
  rt_inspector *ins;
  shim_inspector_session *shim;
  mrt_inspector_send_fn send;
  void *data;
  mrt_inspector_session *next;
};

struct rt_inspector {
  mrt_runtime *rt;
  shim_inspector *shim;
  mrt_runtime_handle *handle;
  shim_interrupt interrupt;
  pthread_mutex_t lock;
  pthread_cond_t cond;
  insp_item *head, *tail; /* under lock */
  atomic_int interrupt_pending, loop_pending;
  /* Runtime's thread only: */
  mrt_inspector_session *sessions;
  int paused;         /* inside runMessageLoopOnPause */
  int waiting;        /* for Runtime.runIfWaitingForDebugger */
  int break_pending;  /* MRT_INSPECT_BREAK: the next main pauses at its start */
  int dispatching;    /* dispatches on the stack */
  int remote;         /* the server's connected sessions */
  int closed;
  insp_server *server;
};

static void free_item(insp_item *it) {
  free(it->msg);
  free(it);
}

/* Takes and runs every queued item (also those queued meanwhile). */
static void drain(rt_inspector *ins) {
  for (;;) {
    pthread_mutex_lock(&ins->lock);
    insp_item *it = ins->head;
    if (it) {
      ins->head = it->next;
      if (!ins->head) ins->tail = NULL;
    }
    pthread_mutex_unlock(&ins->lock);
    if (!it) return;
    it->run(ins, it->arg, it->msg, it->len);
    free_item(it);
  }
}

static void on_interrupt(void *data) {
  rt_inspector *ins = data;
  atomic_store(&ins->interrupt_pending, 0);
  /* Inside a dispatch (an evaluation running JS) the message waits for the loop or a pause:
   * V8 does not take a dispatch nested in another. */
  if (!ins->closed && !ins->dispatching) drain(ins);
}

static void on_loop_task(mrt_runtime *rt, void *data, int status) {
  (void)rt;
  if (status != MRT_OK) return; /* the runtime is being freed: rt_inspector_free frees */
  rt_inspector *ins = data;
  atomic_store(&ins->loop_pending, 0);
  if (!ins->closed) drain(ins);
}

/* Any thread: queues run(ins, arg, copy of msg) for the runtime's thread. */
static int post(rt_inspector *ins, void (*run)(rt_inspector *, void *, char *, size_t),
                void *arg, const char *msg, size_t len) {
  insp_item *it = calloc(1, sizeof *it);
  if (!it) return MRT_ENOMEM;
  if (msg) {
    it->msg = malloc(len + 1);
    if (!it->msg) {
      free(it);
      return MRT_ENOMEM;
    }
    memcpy(it->msg, msg, len);
    it->msg[len] = '\0';
    it->len = len;
  }
  it->run = run;
  it->arg = arg;
  pthread_mutex_lock(&ins->lock);
  if (ins->tail) ins->tail->next = it;
  else ins->head = it;
  ins->tail = it;
  pthread_cond_broadcast(&ins->cond);
  pthread_mutex_unlock(&ins->lock);
  /* Cleared before each drain: a post after a drain's last look asks again. */
  if (!atomic_exchange(&ins->interrupt_pending, 1)) {
    shim_request_interrupt(ins->rt->iso, &ins->interrupt);
  }
  if (!atomic_exchange(&ins->loop_pending, 1) &&
      mrt_handle_post(ins->handle, on_loop_task, ins) != MRT_OK) {
    atomic_store(&ins->loop_pending, 0);
  }
  return MRT_OK;
}

/* Runs queued items until *flag is 0 (set by one of them), blocking while the queue is empty;
 * a termination (mrt_terminate, --timeout) ends the wait too. With checkpoint (no JS on the
 * stack: waiting for a debugger, or after the program), microtasks run after each batch, so
 * an evaluation's promise (awaitPromise) settles; paused, they wait for the program. */
static void pump_while(rt_inspector *ins, const int *flag, int checkpoint) {
  while (*flag && !atomic_load(&ins->rt->terminate_requested)) {
    drain(ins);
    if (checkpoint) shim_microtask_checkpoint(ins->rt->iso);
    if (!*flag) break;
    pthread_mutex_lock(&ins->lock);
    if (!ins->head) {
      struct timespec until;
      clock_gettime(CLOCK_REALTIME, &until);
      until.tv_nsec += 100 * 1000000L; /* looks at the termination flag now and then */
      if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
      }
      pthread_cond_timedwait(&ins->cond, &ins->lock, &until);
    }
    pthread_mutex_unlock(&ins->lock);
  }
}

static void on_run_paused(void *data) {
  rt_inspector *ins = data;
  if (ins->paused) return;
  ins->paused = 1;
  mrt_flush(ins->rt); /* what the program printed so far is seen while it is paused */
  pump_while(ins, &ins->paused, 0);
  ins->paused = 0;
}

static void on_quit_paused(void *data) { ((rt_inspector *)data)->paused = 0; }

static void on_run_if_waiting(void *data) { ((rt_inspector *)data)->waiting = 0; }

/* Makes the inspector on first use: V8's, the console reporting to it. */
static rt_inspector *ensure(mrt_runtime *rt) {
  if (rt->inspector) return rt->inspector;
  rt_inspector *ins = calloc(1, sizeof *ins);
  if (!ins) return NULL;
  ins->rt = rt;
  ins->handle = mrt_runtime_get_handle(rt);
  if (!ins->handle) {
    free(ins);
    return NULL;
  }
  ins->interrupt = (shim_interrupt){on_interrupt, ins};
  pthread_mutex_init(&ins->lock, NULL);
  pthread_cond_init(&ins->cond, NULL);
  shim_inspector_host host = {ins, on_run_paused, on_quit_paused, on_run_if_waiting};
  char name[64];
  snprintf(name, sizeof name, "mrt[%d]", (int)getpid());
  ins->shim = shim_inspector_new(rt->iso, name, &host);
  if (!ins->shim) {
    mrt_handle_release(ins->handle);
    pthread_mutex_destroy(&ins->lock);
    pthread_cond_destroy(&ins->cond);
    free(ins);
    return NULL;
  }
  /* console.* also reaches the inspector (Runtime.consoleAPICalled), through V8's own
   * console, which console.js kept as P.v8Console before putting mrt's in its place. */
  if (rt->P) {
    shim_global *global = shim_global_object(rt->iso), *console = NULL, *vm = NULL;
    shim_exception exc = {0};
    if (shim_get(rt->iso, global, "console", &console, &exc) == 0 &&
        shim_get(rt->iso, rt->P, "v8Console", &vm, &exc) == 0) {
      shim_inspector_wrap_console(ins->shim, console, vm);
    }
    shim_exception_clear(&exc);
    shim_release(global);
    shim_release(console);
    shim_release(vm);
  }
  rt->inspector = ins;
  return ins;
}

/* ---------------------------------------------------------------- sessions */

static void session_send(void *data, const char *msg, size_t len) {
  mrt_inspector_session *s = data;
  s->send(s->data, msg, len);
}

mrt_inspector_session *mrt_inspector_connect(mrt_runtime *rt, mrt_inspector_send_fn send,
                                             void *data) {
  RT_OWNER_ONLY(rt, NULL);
  if (!rt) return NULL;
  if (!send) {
    rt_set_error(rt, MRT_EINVAL, "TypeError", "mrt_inspector_connect: NULL send");
    return NULL;
  }
  rt_inspector *ins = ensure(rt);
  mrt_inspector_session *s = ins ? calloc(1, sizeof *s) : NULL;
  if (s) s->shim = shim_inspector_connect(ins->shim, session_send, s);
  if (!s || !s->shim) {
    free(s);
    rt_set_error(rt, MRT_ENOMEM, NULL, "out of memory");
    return NULL;
  }
  s->ins = ins;
  s->send = send;
  s->data = data;
  s->next = ins->sessions;
  ins->sessions = s;
  rt_ok(rt);
  return s;
}

int mrt_inspector_dispatch(mrt_inspector_session *s, const char *msg, size_t len) {
  if (!s || !msg) return MRT_EINVAL;
  RT_OWNER_ONLY(s->ins->rt, MRT_ESTATE);
  rt_inspector *ins = s->ins;
  ins->dispatching++;
  shim_inspector_dispatch(s->shim, msg, len);
  ins->dispatching--;
  return MRT_OK;
}

static void run_posted(rt_inspector *ins, void *arg, char *msg, size_t len) {
  (void)ins;
  mrt_inspector_dispatch(arg, msg, len);
}

/* Takes the queued items KEEP_OUT says (with ARG) out of the queue and frees them. */
static void drop_queued(rt_inspector *ins, int (*keep_out)(const insp_item *, const void *),
                        const void *arg) {
  pthread_mutex_lock(&ins->lock);
  insp_item **link = &ins->head, *last = NULL;
  while (*link) {
    insp_item *it = *link;
    if (keep_out(it, arg)) {
      *link = it->next;
      free_item(it);
    } else {
      last = it;
      link = &it->next;
    }
  }
  ins->tail = last;
  pthread_mutex_unlock(&ins->lock);
}

static int queued_for_session(const insp_item *it, const void *s) {
  return it->run == run_posted && it->arg == s;
}

int mrt_inspector_post(mrt_inspector_session *s, const char *msg, size_t len) {
  if (!s || !msg) return MRT_EINVAL;
  return post(s->ins, run_posted, s, msg, len);
}

void mrt_inspector_disconnect(mrt_inspector_session *s) {
  if (!s) return;
  RT_OWNER_ONLY(s->ins->rt, );
  rt_inspector *ins = s->ins;
  /* Messages still queued for it go. */
  drop_queued(ins, queued_for_session, s);
  for (mrt_inspector_session **p = &ins->sessions; *p; p = &(*p)->next) {
    if (*p == s) {
      *p = s->next;
      break;
    }
  }
  shim_inspector_disconnect(s->shim);
  free(s);
}

/* ---------------------------------------------------------------- the server's sessions */

static void remote_send(void *data, const char *msg, size_t len) {
  insp_server_send(data, msg, len);
}

static void run_remote_open(rt_inspector *ins, void *arg, char *msg, size_t len) {
  (void)msg, (void)len;
  mrt_inspector_session *s = mrt_inspector_connect(ins->rt, remote_send, arg);
  insp_server_conn_set_session(arg, s);
  if (!s) return;
  ins->remote++;
  mrt_flush(ins->rt);
  fprintf(stderr, "Debugger attached.\n"); /* as node */
}

static void run_remote_message(rt_inspector *ins, void *arg, char *msg, size_t len) {
  (void)ins;
  mrt_inspector_session *s = insp_server_conn_session(arg);
  if (s) mrt_inspector_dispatch(s, msg, len);
}

static void run_remote_close(rt_inspector *ins, void *arg, char *msg, size_t len) {
  (void)msg, (void)len;
  mrt_inspector_session *s = insp_server_conn_session(arg);
  if (s) {
    mrt_inspector_disconnect(s);
    ins->remote--;
  }
  insp_server_conn_done(arg);
}

void rt_inspector_remote_open(rt_inspector *ins, insp_conn *c) {
  post(ins, run_remote_open, c, NULL, 0);
}
void rt_inspector_remote_message(rt_inspector *ins, insp_conn *c, const char *msg, size_t len) {
  post(ins, run_remote_message, c, msg, len);
}
void rt_inspector_remote_close(rt_inspector *ins, insp_conn *c) {
  post(ins, run_remote_close, c, NULL, 0);
}

int mrt_inspector_start(mrt_runtime *rt, const char *host, int port, int flags) {
  RT_OWNER_ONLY(rt, MRT_ESTATE);
  if (!rt) return MRT_EINVAL;
  if (port < 0 || port > 65535 || (flags & ~(MRT_INSPECT_WAIT | MRT_INSPECT_BREAK))) {
    return rt_set_error(rt, MRT_EINVAL, "RangeError", "mrt_inspector_start: bad port or flags");
  }
  if (rt->inspector && rt->inspector->server) {
    return rt_set_error(rt, MRT_EEXIST, "Error", "the inspector's server runs already");
  }
  rt_inspector *ins = ensure(rt);
  if (!ins) return rt_set_error(rt, MRT_ENOMEM, NULL, "out of memory");
  char err[256] = "";
  ins->server = insp_server_start(ins, host ? host : "127.0.0.1", port, err, sizeof err);
  if (!ins->server) return rt_set_error(rt, MRT_EIO, "Error", "%s", err);
  fprintf(stderr, "Debugger listening on %s\nFor help, see: %s\n",
          insp_server_ws_url(ins->server), "https://nodejs.org/en/docs/inspector");
  if (flags & (MRT_INSPECT_WAIT | MRT_INSPECT_BREAK)) {
    ins->waiting = 1;
    pump_while(ins, &ins->waiting, 1);
    ins->waiting = 0;
    if (flags & MRT_INSPECT_BREAK) ins->break_pending = 1;
  }
  rt_ok(rt);
  return MRT_OK;
}

int mrt_inspector_port(mrt_runtime *rt) {
  RT_OWNER_ONLY(rt, -1);
  return rt && rt->inspector && rt->inspector->server ? insp_server_port(rt->inspector->server)
                                                      : -1;
}

/* What the server's thread posted (connections opened, messages, closes). */
static int queued_from_server(const insp_item *it, const void *unused) {
  (void)unused;
  return it->run == run_remote_open || it->run == run_remote_message ||
         it->run == run_remote_close;
}

/* Ends the server: its sessions first (their send reaches it), then its thread (nothing
 * more is posted), then what it had posted and was not run. */
static void stop_server(rt_inspector *ins) {
  if (!ins->server) return;
  for (mrt_inspector_session **p = &ins->sessions; *p;) {
    if ((*p)->send == remote_send) mrt_inspector_disconnect(*p); /* unlinks *p */
    else p = &(*p)->next;
  }
  ins->remote = 0;
  insp_server_stop(ins->server); /* frees every connection */
  ins->server = NULL;
  drop_queued(ins, queued_from_server, NULL);
}

void mrt_inspector_finish(mrt_runtime *rt) {
  RT_OWNER_ONLY(rt, );
  if (!rt || !rt->inspector || rt->inspector->closed) return;
  rt_inspector *ins = rt->inspector;
  drain(ins);
  /* The error that ended the program, for the debugger's console: "Uncaught Error: x" and
   * its stack, as node reports it there. */
  const mrt_error *e = &rt->err;
  if (e->code == MRT_EEXCEPTION || e->code == MRT_EUNHANDLED || e->code == MRT_EHEAPLIMIT) {
    const char *what = e->stack ? e->stack : e->message ? e->message : "";
    const char *name = !e->stack && e->name ? e->name : NULL;
    size_t n = strlen(what) + (name ? strlen(name) : 0) + 32;
    char *text = malloc(n);
    if (text) {
      snprintf(text, n, "%s%s%s%s",
               e->code == MRT_EUNHANDLED ? "Uncaught (in promise) " : "Uncaught ",
               name ? name : "", name ? ": " : "", what);
      shim_inspector_exception_thrown(ins->shim, text, e->file, e->line, e->column);
      free(text);
    }
  }
  shim_inspector_context_destroyed(ins->shim);
  if (ins->server && ins->remote > 0) {
    mrt_flush(rt);
    fprintf(stderr, "Waiting for the debugger to disconnect...\n");
    pump_while(ins, &ins->remote, 1);
  }
  stop_server(ins);
}

/* ---------------------------------------------------------------- the runtime's hooks */

void rt_inspector_before_main(mrt_runtime *rt) {
  rt_inspector *ins = rt->inspector;
  if (!ins || !ins->break_pending) return;
  ins->break_pending = 0;
  shim_inspector_pause_on_next_call(ins->shim, "Break on start");
}

int rt_inspector_break_pending(mrt_runtime *rt) {
  return rt->inspector && rt->inspector->break_pending;
}

void rt_inspector_close(mrt_runtime *rt) {
  rt_inspector *ins = rt->inspector;
  if (!ins || ins->closed) return;
  stop_server(ins);
  ins->closed = 1;
  while (ins->sessions) mrt_inspector_disconnect(ins->sessions);
  pthread_mutex_lock(&ins->lock);
  while (ins->head) {
    insp_item *it = ins->head;
    ins->head = it->next;
    free_item(it);
  }
  ins->tail = NULL;
  pthread_mutex_unlock(&ins->lock);
  shim_inspector_free(ins->shim);
  ins->shim = NULL;
}

void rt_inspector_free(mrt_runtime *rt) {
  rt_inspector *ins = rt->inspector;
  if (!ins) return;
  rt->inspector = NULL;
  mrt_handle_release(ins->handle);
  pthread_mutex_destroy(&ins->lock);
  pthread_cond_destroy(&ins->cond);
  free(ins);
}
