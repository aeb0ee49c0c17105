/* eventloop.c: the runtime's side of the event loop. The loop layer hands ready work over in
 * batches; each macrotask (a timer callback, an immediate, a batch of op results) is followed
 * by a microtask checkpoint, then the unhandled-rejection check, as in Node.
 *
 * The loop state (eventloop.h) is this file's alone: it lives in the runtime's opaque
 * rt_loop_state bytes and only the functions here read or write it. */
#include <assert.h>
#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "eventloop.h"
#include "heap.h"
#include "runtime_internal.h"

typedef struct rejection {
  shim_global *promise;
  shim_global *reason;
} rejection;

typedef struct loop_state {
  /* An error raised inside a call or a loop phase, reported when control returns to the
   * caller of the API call (rt_leave). */
  shim_exception pending;
  int pending_code; /* 0: none */
  int depth;        /* nesting of calls into JS (rt_enter/rt_leave) */
#ifndef NDEBUG
  int in_turn; /* inside rt_turn: a turn is never re-entered (checked in debug builds) */
#endif
  int in_loop;      /* inside loop_run: errors stop the loop */
  int v8_hold;      /* a loop ref while V8's background work runs */
  int v8_wake_deferred; /* V8's tasks were due while an error ended the run */
  /* The embedder's mrt_ref count, kept apart from the async ops' refs so neither can
   * cancel the other, and the unrefs refused for want of a ref. */
  uint64_t embedder_refs, rejected_unrefs;
  rt_until_fn until; /* ends a waiting turn (mrt_resolve_value, a module load); else NULL */
  const void *until_arg;
  /* The JS the loop calls: P.runTimers(n) with the ids in timer_ids (P.timerIds, a
   * Float64Array shared with JS), P.runImmediates() -> immediates still queued. */
  shim_global *js_run_timers, *js_run_immediates, *timer_ids_array;
  double *timer_ids;
  size_t timer_ids_cap;
  rejection *rejections; /* rejected without a handler since the last check */
  size_t nrejections, cap_rejections;
  /* The global error events' hooks (rt_set_event_hooks), and promises rejected earlier that
   * got a handler since the last check, kept only while the rejection hook is set. */
  shim_global *uncaught_hook, *rejection_hook;
  shim_global **handled;
  size_t nhandled, cap_handled;
  /* The promise whose `unhandledrejection` is being fired, and whether a handler was
   * attached to it meanwhile (then it is no longer outstanding: no `rejectionhandled`). */
  const shim_global *offering;
  int offering_handled;
  /* Node's process.nextTick queue (core/ext/node): tick_hook() runs the queued ticks and
   * the microtasks they make until both are empty; called by checkpoints while
   * ticks_pending. loop_end_hook(0) when the loop ran dry (`beforeExit`: it may add work),
   * loop_end_hook(1) when it stays dry (`exit`). NULL until a program uses them. */
  shim_global *tick_hook, *loop_end_hook;
  int ticks_pending;
  uv_prepare_t before_poll; /* flush stdout, check `until` */
} loop_state;

static_assert(sizeof(loop_state) <= sizeof(rt_loop_state), "RT_LOOP_STATE_SIZE too small");
static_assert(alignof(loop_state) <= alignof(rt_loop_state), "rt_loop_state under-aligned");

static inline loop_state *LS(mrt_runtime *rt) { return (loop_state *)(void *)&rt->loop_state; }
static inline const loop_state *CLS(const mrt_runtime *rt) {
  return (const loop_state *)(const void *)&rt->loop_state;
}

/* ---------------------------------------------------------------- calls into JS */

void rt_enter(mrt_runtime *rt) { LS(rt)->depth++; }

int rt_in_js(const mrt_runtime *rt) { return CLS(rt)->depth > 0; }

int rt_pending(const mrt_runtime *rt) { return CLS(rt)->pending_code; }

int rt_refuse_reentry(mrt_runtime *rt, const char *fn) {
  if (LS(rt)->depth == 0) return MRT_OK;
  return rt_set_error(rt, MRT_ESTATE, "Error",
                      "%s: called from inside the runtime's own JS or callback (the event loop "
                      "cannot be driven re-entrantly)", fn);
}

/* ---------------------------------------------------------------- errors raised in calls */

void rt_raise(mrt_runtime *rt, shim_exception *exc) {
  loop_state *ls = LS(rt);
  if (ls->pending_code) { /* the first error wins, as in Node */
    shim_exception_clear(exc);
    return;
  }
  ls->pending = *exc;
  memset(exc, 0, sizeof *exc);
  ls->pending_code = rt_exception_code(rt, &ls->pending);
  /* Only a running loop may be stopped: a stop requested outside uv_run would stay set and
   * end the next run (even loop_free's closing run) before it starts. */
  if (ls->in_loop) loop_stop(rt->loop);
}

void rt_report_uncaught(mrt_runtime *rt, shim_exception *exc) {
  int first = LS(rt)->pending_code == 0;
  rt_raise(rt, exc);
  /* Nothing after it may run, as in Node where the process ends. */
  if (first) shim_terminate(rt->iso);
}

int rt_uncaught_handled(mrt_runtime *rt, const shim_exception *exc) {
  loop_state *ls = LS(rt);
  if (!ls->uncaught_hook || exc->terminated || !exc->value || ls->pending_code) return 0;
  shim_global *hook = shim_dup(rt->iso, ls->uncaught_hook); /* a listener may unset it */
  shim_global *out = NULL;
  shim_exception err = {0};
  int rc = shim_call_function(rt->iso, hook, NULL, 1, &exc->value, &out, &err);
  shim_release(hook);
  int handled = rc == 0 && shim_to_boolean(rt->iso, out);
  shim_release(out);
  /* The hook reports its listeners' errors itself (an error pending now wins); it throws
   * nothing else. */
  shim_exception_clear(&err);
  return handled || ls->pending_code;
}

void rt_on_uncaught(void *data, shim_exception *exc) {
  mrt_runtime *rt = data;
  if (rt_uncaught_handled(rt, exc)) {
    shim_exception_clear(exc);
    return;
  }
  rt_report_uncaught(rt, exc);
}

static void clear_handled(loop_state *ls) {
  for (size_t i = 0; i < ls->nhandled; i++) shim_release(ls->handled[i]);
  ls->nhandled = 0;
}

void rt_set_event_hooks(mrt_runtime *rt, shim_global *uncaught, shim_global *rejection) {
  loop_state *ls = LS(rt);
  shim_release(ls->uncaught_hook);
  shim_release(ls->rejection_hook);
  ls->uncaught_hook = uncaught;
  ls->rejection_hook = rejection;
  if (!rejection) clear_handled(ls);
}

/* Turns the pending error into the return code and the last-error record (0 if none). */
static int take_pending(mrt_runtime *rt) {
  loop_state *ls = LS(rt);
  /* The heap limit was hit but the call ended before the termination landed: it fails all
   * the same (a termination left pending would end the next call instead). */
  if (!ls->pending_code && ls->depth == 0 && rt_heap_limit_hit(rt)) {
    shim_exception exc = {.terminated = 1};
    rt_raise(rt, &exc);
  }
  if (!ls->pending_code) return MRT_OK;
  int code = ls->pending_code;
  if (code == MRT_ETERMINATED || code == MRT_EHEAPLIMIT) {
    atomic_store(&rt->terminate_requested, 0); /* reported: its wake-up, if any, is moot */
  }
  int set = rt_set_error_from_exception(rt, &ls->pending);
  /* An unhandled rejection is reported as such, whatever the reason it carries. */
  code = code == MRT_EUNHANDLED || set == MRT_EEXCEPTION ? rt_error_recode(rt, code) : set;
  ls->pending_code = 0;
  /* Termination (ours, after an uncaught error) ends with the outermost call. */
  if (ls->depth == 0) shim_cancel_terminate(rt->iso);
  return code;
}

int rt_leave(mrt_runtime *rt, shim_exception *exc) {
  loop_state *ls = LS(rt);
  assert(ls->depth > 0 && "rt_leave without rt_enter");
  ls->depth--;
  if (exc) rt_raise(rt, exc);
  return take_pending(rt);
}

/* ---------------------------------------------------------------- unhandled rejections */

static void rejection_release(rejection *r) {
  shim_release(r->promise);
  shim_release(r->reason);
}

/* 1 when the promise was in the list. */
static int forget_rejection(mrt_runtime *rt, const shim_global *promise) {
  loop_state *ls = LS(rt);
  size_t kept = 0, n = ls->nrejections;
  for (size_t i = 0; i < ls->nrejections; i++) {
    if (shim_strict_equals(rt->iso, ls->rejections[i].promise, promise)) {
      rejection_release(&ls->rejections[i]);
    } else {
      ls->rejections[kept++] = ls->rejections[i];
    }
  }
  ls->nrejections = kept;
  return kept != n;
}

void rt_forget_rejection(mrt_runtime *rt, const shim_global *promise) {
  forget_rejection(rt, promise);
}

void rt_on_promise_reject(void *data, int event, shim_global *promise, shim_global *reason) {
  mrt_runtime *rt = data;
  loop_state *ls = LS(rt);
  if (event == 0) { /* rejected with no handler: remember until the next check */
    if (ls->nrejections == ls->cap_rejections) {
      size_t cap = ls->cap_rejections ? ls->cap_rejections * 2 : 8;
      rejection *r = realloc(ls->rejections, cap * sizeof *r);
      if (!r) goto drop;
      ls->rejections = r;
      ls->cap_rejections = cap;
    }
    ls->rejections[ls->nrejections++] = (rejection){promise, reason};
    return;
  }
  /* A handler came later: to a rejection not checked yet (forgotten), or to one the
   * rejection hook was offered (it fires `rejectionhandled` at the next check). */
  if (event == 1 && ls->offering && shim_strict_equals(rt->iso, promise, ls->offering)) {
    ls->offering_handled = 1;
    goto drop;
  }
  if (event == 1 && !forget_rejection(rt, promise) && ls->rejection_hook) {
    if (ls->nhandled == ls->cap_handled) {
      size_t cap = ls->cap_handled ? ls->cap_handled * 2 : 8;
      shim_global **h = realloc(ls->handled, cap * sizeof *h);
      if (!h) goto drop;
      ls->handled = h;
      ls->cap_handled = cap;
    }
    ls->handled[ls->nhandled++] = promise;
    shim_release(reason);
    return;
  }
drop:
  shim_release(promise);
  shim_release(reason);
}

static void clear_rejections(loop_state *ls) {
  for (size_t i = 0; i < ls->nrejections; i++) rejection_release(&ls->rejections[i]);
  ls->nrejections = 0;
}

/* V8's microtasks alone. A termination (heap limit, mrt.exit, mrt_terminate) inside a
 * microtask ends the checkpoint and is reported nowhere else. */
int rt_run_microtasks(mrt_runtime *rt) {
  if (shim_microtask_checkpoint(rt->iso) && !LS(rt)->pending_code) {
    shim_exception exc = {.terminated = 1};
    rt_raise(rt, &exc);
  }
  return LS(rt)->pending_code;
}

/* Node's order: queued ticks run before the microtasks; ticks queued by microtasks run once
 * those are drained (the hook loops over both). A tick's error is an uncaught error: when a
 * listener handles it, the ticks left run. */
static void run_ticks(mrt_runtime *rt) {
  loop_state *ls = LS(rt);
  while (ls->ticks_pending && ls->tick_hook && !ls->pending_code) {
    shim_global *hook = shim_dup(rt->iso, ls->tick_hook);
    shim_global *out = NULL;
    shim_exception exc = {0};
    int rc = shim_call_function(rt->iso, hook, NULL, 0, NULL, &out, &exc);
    shim_release(hook);
    shim_release(out);
    if (rc != 0) rt_on_uncaught(rt, &exc);
  }
}

/* Microtasks with Node's ticks: ticks first when queued, else microtasks then the ticks they
 * queued. With no tick ever queued this is V8's checkpoint and one load. */
static void run_jobs(mrt_runtime *rt) {
  if (!LS(rt)->ticks_pending) rt_run_microtasks(rt);
  if (LS(rt)->ticks_pending) run_ticks(rt);
}

int rt_checkpoint(mrt_runtime *rt) {
  run_jobs(rt);
  return rt_check_rejections(rt);
}

void rt_set_tick_hook(mrt_runtime *rt, shim_global *hook) {
  shim_release(LS(rt)->tick_hook);
  LS(rt)->tick_hook = hook;
}

void rt_set_ticks_pending(mrt_runtime *rt, int pending) { LS(rt)->ticks_pending = pending; }

int rt_ticks_queued(const mrt_runtime *rt) { return CLS(rt)->ticks_pending; }

void rt_set_loop_end_hook(mrt_runtime *rt, shim_global *hook) {
  shim_release(LS(rt)->loop_end_hook);
  LS(rt)->loop_end_hook = hook;
}

/* rejection(kind, promise, reason): its boolean result, 0 if it threw (its listeners'
 * errors are reported by the hook itself). */
static int call_rejection_hook(mrt_runtime *rt, int kind, shim_global *promise,
                               shim_global *reason) {
  loop_state *ls = LS(rt);
  shim_global *hook = shim_dup(rt->iso, ls->rejection_hook);
  shim_global *argv[3] = {shim_number(rt->iso, kind), promise, reason};
  shim_global *out = NULL;
  shim_exception err = {0};
  int rc = shim_call_function(rt->iso, hook, NULL, reason ? 3 : 2, argv, &out, &err);
  shim_release(hook);
  shim_release(argv[0]);
  int r = rc == 0 && shim_to_boolean(rt->iso, out);
  shim_release(out);
  if (rc != 0 && !ls->pending_code) rt_raise(rt, &err);
  shim_exception_clear(&err);
  return r;
}

/* The rejection hook's turn: `rejectionhandled` for late handlers, then `unhandledrejection`
 * for each rejection in order; the cancelled ones are dropped, the first that is not stays
 * (first in the list) to be reported. The listeners' microtasks run after; what they reject
 * is checked in the next round (a bounded number, then left to the next check). */
static void offer_rejections(mrt_runtime *rt) {
  loop_state *ls = LS(rt);
  for (int round = 0; round < 64; round++) {
    if (!ls->rejection_hook || ls->pending_code || (!ls->nrejections && !ls->nhandled)) return;
    shim_global **handled = ls->handled;
    size_t nhandled = ls->nhandled;
    ls->handled = NULL;
    ls->nhandled = ls->cap_handled = 0;
    for (size_t i = 0; i < nhandled; i++) {
      if (ls->rejection_hook && !ls->pending_code) call_rejection_hook(rt, 1, handled[i], NULL);
      shim_release(handled[i]);
    }
    free(handled);
    rejection *list = ls->rejections;
    size_t n = ls->nrejections, cap = ls->cap_rejections, i = 0;
    ls->rejections = NULL;
    ls->nrejections = ls->cap_rejections = 0;
    for (; i < n && ls->rejection_hook && !ls->pending_code; i++) {
      ls->offering = list[i].promise;
      ls->offering_handled = 0;
      int cancelled = call_rejection_hook(rt, 0, list[i].promise, list[i].reason);
      ls->offering = NULL;
      /* kind 2: handled during its own event, the promise is not outstanding. */
      if (ls->offering_handled && ls->rejection_hook && !ls->pending_code) {
        call_rejection_hook(rt, 2, list[i].promise, NULL);
      }
      if (!cancelled) break;
      rejection_release(&list[i]);
    }
    /* The rest (from the one not cancelled) go back ahead of what the listeners rejected. */
    if (i < n) {
      size_t more = ls->nrejections;
      rejection *r = realloc(list, (n - i + more) * sizeof *r);
      if (!r) {
        for (size_t k = i; k < n; k++) rejection_release(&list[k]);
        free(list);
      } else {
        memmove(r, r + i, (n - i) * sizeof *r);
        if (more) memcpy(r + (n - i), ls->rejections, more * sizeof *r);
        free(ls->rejections);
        ls->rejections = r;
        ls->nrejections = n - i + more;
        ls->cap_rejections = n - i + more;
      }
      return;
    }
    free(list);
    (void)cap;
    run_jobs(rt);
  }
}

int rt_check_rejections(mrt_runtime *rt) {
  loop_state *ls = LS(rt);
  if (ls->rejection_hook) offer_rejections(rt);
  if (ls->nrejections && !ls->pending_code) {
    /* Keep insertion order: the first rejection that stayed unhandled is reported. */
    shim_exception exc = {0};
    shim_exception_from_value(rt->iso, ls->rejections[0].reason, &exc);
    rt_raise(rt, &exc);
    ls->pending_code = MRT_EUNHANDLED;
  }
  clear_rejections(ls);
  return ls->pending_code;
}

int rt_loop_js_prepare(mrt_runtime *rt, shim_global *P) {
  loop_state *ls = LS(rt);
  shim_exception exc = {0};
  ls->timer_ids_cap = 1024;
  ls->timer_ids_array = shim_float64_array(rt->iso, ls->timer_ids_cap, &ls->timer_ids);
  if (!ls->timer_ids_array) return rt_set_error(rt, MRT_ENOMEM, NULL, "out of memory");
  if (shim_set(rt->iso, P, "timerIds", ls->timer_ids_array, &exc) != 0) {
    return rt_set_error_from_exception(rt, &exc);
  }
  return MRT_OK;
}

static shim_global *get_js(mrt_runtime *rt, shim_global *P, const char *key) {
  shim_exception exc = {0};
  shim_global *g = NULL;
  if (shim_get(rt->iso, P, key, &g, &exc) != 0) shim_exception_clear(&exc);
  return g;
}

int rt_loop_js_bind(mrt_runtime *rt, shim_global *P) {
  loop_state *ls = LS(rt);
  shim_release(ls->js_run_timers);
  shim_release(ls->js_run_immediates);
  shim_release(ls->timer_ids_array);
  ls->js_run_timers = get_js(rt, P, "runTimers");
  ls->js_run_immediates = get_js(rt, P, "runImmediates");
  ls->timer_ids_array = get_js(rt, P, "timerIds");
  size_t bytes = 0;
  ls->timer_ids = ls->timer_ids_array
                      ? shim_typed_array_data(rt->iso, ls->timer_ids_array, &bytes)
                      : NULL;
  ls->timer_ids_cap = bytes / sizeof(double);
  if (!ls->js_run_timers || !ls->js_run_immediates || !ls->timer_ids || !ls->timer_ids_cap) {
    return rt_set_error(rt, MRT_EV8INIT, NULL, "bootstrap JS is incomplete (timers)");
  }
  return MRT_OK;
}

void rt_loop_release_js(mrt_runtime *rt) {
  loop_state *ls = LS(rt);
  shim_global **globals[] = {&ls->js_run_timers, &ls->js_run_immediates, &ls->timer_ids_array};
  for (size_t i = 0; i < sizeof globals / sizeof globals[0]; i++) {
    shim_release(*globals[i]);
    *globals[i] = NULL;
  }
  ls->timer_ids = NULL;
  ls->timer_ids_cap = 0;
  rt_set_event_hooks(rt, NULL, NULL);
  rt_set_tick_hook(rt, NULL);
  rt_set_loop_end_hook(rt, NULL);
  ls->ticks_pending = 0;
  clear_rejections(ls);
  shim_exception_clear(&ls->pending);
  ls->pending_code = 0;
}

void rt_loop_state_free(mrt_runtime *rt) {
  loop_state *ls = LS(rt);
  clear_rejections(ls);
  free(ls->rejections);
  ls->rejections = NULL;
  ls->cap_rejections = 0;
  clear_handled(ls);
  free(ls->handled);
  ls->handled = NULL;
  ls->cap_handled = 0;
}

/* ---------------------------------------------------------------- loop hooks */

/* A hook that finds an error pending (raised outside the loop's run, e.g. by a delivery just
 * before it) stops the run: otherwise a live interval would keep it turning forever. */
static int stop_if_pending(mrt_runtime *rt) {
  if (!LS(rt)->pending_code) return 0;
  loop_stop(rt->loop);
  return 1;
}

static void on_timers(void *data, const double *ids, size_t n) {
  mrt_runtime *rt = data;
  loop_state *ls = LS(rt);
  if (stop_if_pending(rt)) return;
  for (size_t off = 0; off < n && !ls->pending_code;) {
    size_t k = n - off < ls->timer_ids_cap ? n - off : ls->timer_ids_cap;
    memcpy(ls->timer_ids, ids + off, k * sizeof *ids);
    double count = (double)k;
    shim_exception exc = {0};
    if (shim_call_numbers(rt->iso, ls->js_run_timers, &count, 1, NULL, &exc) != 0) {
      rt_raise(rt, &exc);
      return;
    }
    off += k;
  }
}

static void on_immediates(void *data) {
  mrt_runtime *rt = data;
  if (stop_if_pending(rt)) return;
  double left = 0;
  shim_exception exc = {0};
  if (shim_call_numbers(rt->iso, LS(rt)->js_run_immediates, NULL, 0, &left, &exc) != 0) {
    rt_raise(rt, &exc);
    return;
  }
  loop_set_immediates(rt->loop, left > 0 ? (size_t)left : 0, 1);
}

/* ---------------------------------------------------------------- V8's own tasks */

/* The platform (shim/platform.cc) calls this from any thread when V8 posted a task for the
 * isolate or its background work ended. */
static void wake_for_v8(void *data) { loop_wake(((mrt_runtime *)data)->loop); }

/* Background work V8 started (a WebAssembly compile) keeps the loop alive until it has
 * ended: its end may post the task that settles a promise. When it ends the platform wakes
 * the loop, and on_wake lets go. Asked first, then the loop: a task posted by that work
 * before it ended is then seen as a pending wake-up. */
static int v8_keeps_alive(mrt_runtime *rt) {
  loop_state *ls = LS(rt);
  int busy = shim_tasks_busy(rt->iso);
  if (busy != ls->v8_hold) {
    if (busy) loop_ref(rt->loop);
    else loop_unref(rt->loop);
    ls->v8_hold = busy;
  }
  return busy;
}

/* V8's foreground tasks, a macrotask of their own: a checkpoint follows. A delayed task arms
 * the loop's wake-up timer, which keeps nothing alive (as in node). */
static void on_wake(void *data) {
  mrt_runtime *rt = data;
  loop_state *ls = LS(rt);
  if (ls->pending_code) { /* the run is ending: the tasks wait for the next one */
    ls->v8_wake_deferred = 1;
    return;
  }
  int64_t next_ms = -1;
  int ran = shim_run_tasks(rt->iso, &next_ms);
  loop_wake_after(rt->loop, next_ms);
  if (ran) {
    if (rt_heap_limit_hit(rt) || shim_is_terminating(rt->iso)) {
      shim_exception exc = {.terminated = 1}; /* a task's JS was ended: end the run */
      rt_raise(rt, &exc);
    } else {
      rt_checkpoint(rt);
    }
  }
  if (ls->v8_hold) v8_keeps_alive(rt);
}

/* Once per loop iteration, before polling: flush stdout (the process may now wait) and end
 * the turn when what its caller waits for has happened. */
static void before_poll(uv_prepare_t *h) {
  mrt_runtime *rt = h->data;
  loop_state *ls = LS(rt);
  mrt_flush(rt);
  if (ls->until && ls->until(rt, ls->until_arg)) loop_stop(rt->loop);
}

int rt_loop_init(mrt_runtime *rt) {
  loop_hooks hooks = {rt, on_timers, on_immediates, rt_deliver_messages, on_wake};
  if (loop_new(&hooks, &rt->loop) != 0) return MRT_ENOMEM;
  loop_state *ls = LS(rt);
  uv_prepare_init(loop_uv(rt->loop), &ls->before_poll);
  ls->before_poll.data = rt;
  uv_prepare_start(&ls->before_poll, before_poll);
  uv_unref((uv_handle_t *)&ls->before_poll);
  shim_isolate_set_waker(rt->iso, wake_for_v8, rt);
  return MRT_OK;
}

/* ---------------------------------------------------------------- polling API */

int rt_loop_alive(mrt_runtime *rt) { return v8_keeps_alive(rt) || loop_alive(rt->loop); }

/* The one loop turn. Never UV_RUN_ONCE: libuv 1.44 runs timers again at the end of such an
 * iteration, after the check phase, which lets a new setTimeout(0) overtake a setImmediate
 * (not Node's order). A waiting turn runs UV_RUN_DEFAULT until done, stopped, or `until`. */
int rt_turn(mrt_runtime *rt, int flags, rt_until_fn until, const void *arg, int *alive) {
  loop_state *ls = LS(rt);
#ifndef NDEBUG
  assert(ls->depth == 0 && !ls->in_turn && "a loop turn entered from inside JS");
  ls->in_turn = 1;
#endif
  if (until) { /* NULL outside turns that wait for something: before_poll reads it */
    ls->until = until;
    ls->until_arg = arg;
  }
  *alive = 0;
  rt_enter(rt);
  if (rt_checkpoint(rt) == 0) {
    /* Fast lane: results of ops that completed on this thread go to JS without polling the
     * OS; bounded, so timers and I/O still get their turn. */
    for (int i = 0; i < 64 && !ls->pending_code && loop_deliver_local(rt->loop); i++) {
    }
    if (ls->v8_wake_deferred) {
      ls->v8_wake_deferred = 0;
      loop_wake(rt->loop);
    }
    /* An error those deliveries raised (an unhandled rejection, mrt_terminate's wake-up)
     * ends the turn before the loop runs: nothing would stop that run. */
    if (!ls->pending_code && !(until && until(rt, arg))) {
      ls->in_loop = 1;
      *alive = loop_run(rt->loop, (flags & RT_TURN_NOWAIT) ? UV_RUN_NOWAIT : UV_RUN_DEFAULT);
      ls->in_loop = 0;
    }
    if (ls->pending_code || !*alive) *alive = rt_loop_alive(rt);
  }
  if (until) ls->until = NULL;
#ifndef NDEBUG
  ls->in_turn = 0;
#endif
  return rt_leave(rt, NULL);
}

int mrt_poll_event_loop(mrt_runtime *rt) {
  RT_OWNER_ONLY(rt, MRT_ESTATE);
  int alive = 0;
  if (!rt) return MRT_EINVAL;
  int rc = rt_refuse_reentry(rt, "mrt_poll_event_loop");
  if (!rc) rc = rt_turn(rt, RT_TURN_NOWAIT, NULL, NULL, &alive);
  if (rc) return rc;
  rt_ok(rt);
  return alive ? MRT_PENDING : MRT_READY;
}

/* loop_end_hook(phase), then (phase 0) its microtasks: the pending status. */
static int call_loop_end_hook(mrt_runtime *rt, int phase) {
  rt_enter(rt);
  shim_global *hook = shim_dup(rt->iso, LS(rt)->loop_end_hook);
  shim_global *arg = shim_number(rt->iso, phase);
  shim_global *out = NULL;
  shim_exception exc = {0};
  int rc = shim_call_function(rt->iso, hook, NULL, 1, &arg, &out, &exc);
  shim_release(hook);
  shim_release(arg);
  shim_release(out);
  if (rc != 0) rt_on_uncaught(rt, &exc);
  if (phase == 0) rt_checkpoint(rt); /* after `exit` nothing more runs, as in Node */
  return rt_leave(rt, NULL);
}

int mrt_run_event_loop(mrt_runtime *rt) {
  RT_OWNER_ONLY(rt, MRT_ESTATE);
  int alive = 1;
  if (!rt) return MRT_EINVAL;
  int rc = rt_refuse_reentry(rt, "mrt_run_event_loop");
  if (rc) return rc;
  for (int phase = 0;;) {
    while (alive) { /* a run ends early only when stopped */
      rc = rt_turn(rt, RT_TURN_WAIT, NULL, NULL, &alive);
      if (rc) {
        /* An uncaught error ends the program: Node runs the `exit` listeners (phase 2). */
        if ((rc == MRT_EEXCEPTION || rc == MRT_EUNHANDLED) && LS(rt)->loop_end_hook) {
          int rc2 = call_loop_end_hook(rt, 2);
          if (rc2) return rc2; /* a listener's own error is the one reported */
        }
        return rc;
      }
    }
    /* Dry: the loop-end hook (Node's `beforeExit`, then `exit` once it stays dry). */
    if (!LS(rt)->loop_end_hook) break;
    rc = call_loop_end_hook(rt, phase);
    if (rc) return rc;
    if (phase == 1) break; /* what `exit` listeners start does not run, as in Node */
    alive = rt_loop_alive(rt);
    if (!alive) phase = 1;
  }
  mrt_flush(rt);
  rt_ok(rt);
  return MRT_OK;
}

int mrt_backend_fd(mrt_runtime *rt) { return rt ? loop_backend_fd(rt->loop) : MRT_EINVAL; }
int mrt_backend_timeout(mrt_runtime *rt) {
  RT_OWNER_ONLY(rt, MRT_ESTATE);
  return rt ? loop_backend_timeout(rt->loop) : MRT_EINVAL;
}

/* The embedder's refs are counted apart from the ops': an extra unref is refused instead of
 * releasing the ref of an op in flight. */
int mrt_ref(mrt_runtime *rt) {
  RT_OWNER_ONLY(rt, MRT_ESTATE);
  if (!rt) return MRT_EINVAL;
  LS(rt)->embedder_refs++;
  loop_ref(rt->loop);
  return MRT_OK;
}

int mrt_unref(mrt_runtime *rt) {
  RT_OWNER_ONLY(rt, MRT_ESTATE);
  if (!rt) return MRT_EINVAL;
  loop_state *ls = LS(rt);
  if (ls->embedder_refs == 0) {
    ls->rejected_unrefs++;
    return rt_set_error(rt, MRT_ESTATE, "Error", "mrt_unref without a matching mrt_ref");
  }
  ls->embedder_refs--;
  loop_unref(rt->loop);
  rt_ok(rt);
  return MRT_OK;
}

int mrt_get_async_stats(mrt_runtime *rt, mrt_async_stats *out) {
  RT_OWNER_ONLY(rt, MRT_ESTATE);
  if (!rt) return MRT_EINVAL;
  if (!out) return rt_set_error(rt, MRT_EINVAL, "TypeError", "mrt_get_async_stats: NULL out");
  out->in_flight = rt->inflight.count;
  out->refs = LS(rt)->embedder_refs;
  out->rejected_completions = rt->rejected_completions;
  out->rejected_unrefs = LS(rt)->rejected_unrefs;
  return MRT_OK;
}

static int settled(mrt_runtime *rt, const mrt_value *value, mrt_value **result, int state,
                   shim_global *out) {
  if (state == 1) {
    if (result) *result = rt_wrap(rt, out);
    else shim_release(out);
    return MRT_PROMISE_FULFILLED;
  }
  /* Rejected: the reason is the error; the caller handled it by asking. */
  shim_promise_mark_handled(rt->iso, value->g);
  shim_exception exc = {0};
  shim_exception_from_value(rt->iso, out, &exc);
  int code = rt_set_error_from_exception(rt, &exc);
  if (result) *result = rt_wrap(rt, out);
  else shim_release(out);
  return code;
}

static int promise_settled(mrt_runtime *rt, const void *promise) {
  return shim_promise_state(rt->iso, promise, NULL) != 0;
}

/* The caller is waiting on this promise: its rejection is not "unhandled". */
static void watch(mrt_runtime *rt, const mrt_value *value) {
  shim_promise_mark_handled(rt->iso, value->g);
  rt_forget_rejection(rt, value->g);
}

/* A value argument: present and owned by rt. */
static int check_value(mrt_runtime *rt, const mrt_value *v, const char *fn) {
  if (!v) return rt_set_error(rt, MRT_EINVAL, "TypeError", "%s: NULL value", fn);
  if (!rt_owns(rt, v)) {
    return rt_set_error(rt, MRT_EINVAL, "TypeError", "%s: the value belongs to another runtime",
                        fn);
  }
  return MRT_OK;
}

int mrt_poll_value(mrt_runtime *rt, const mrt_value *value, mrt_value **result) {
  RT_OWNER_ONLY(rt, MRT_ESTATE);
  if (!rt) return MRT_EINVAL;
  if (result) *result = NULL;
  int rc = check_value(rt, value, "mrt_poll_value");
  if (rc) return rc;
  shim_global *out = NULL;
  int state = shim_promise_state(rt->iso, value->g, &out); /* out is set only when settled */
  if (state < 0) {
    if (result) *result = mrt_value_dup(rt, value);
    rt_ok(rt);
    return MRT_PROMISE_FULFILLED;
  }
  watch(rt, value);
  if (state == 0) {
    rc = mrt_poll_event_loop(rt);
    if (rc < 0) return rc;
    state = shim_promise_state(rt->iso, value->g, &out);
    /* Nothing left that could settle it: waiting would be for ever (deno_core's "the event
     * loop has already resolved"). */
    if (state == 0 && rc == MRT_READY) {
      return rt_set_error(rt, MRT_ESTALLED, "Error",
                          "mrt_poll_value: the event loop has already resolved (no work is "
                          "left) and the promise is still pending: it will never settle");
    }
    if (state == 0) return MRT_PROMISE_PENDING;
  }
  rc = settled(rt, value, result, state, out);
  if (rc == MRT_PROMISE_FULFILLED) rt_ok(rt);
  /* Rejected: a status, not a failure of the call; mrt_last_error describes the reason. */
  return state == 2 ? MRT_PROMISE_REJECTED : rc;
}

int mrt_resolve_value(mrt_runtime *rt, const mrt_value *value, mrt_value **result) {
  RT_OWNER_ONLY(rt, MRT_ESTATE);
  if (!rt) return MRT_EINVAL;
  if (result) *result = NULL;
  int rc = check_value(rt, value, "mrt_resolve_value");
  if (rc) return rc;
  shim_global *out = NULL;
  int state = shim_promise_state(rt->iso, value->g, NULL);
  if (state < 0) {
    if (result) *result = mrt_value_dup(rt, value);
    rt_ok(rt);
    return MRT_OK;
  }
  if ((rc = rt_refuse_reentry(rt, "mrt_resolve_value")) != 0) return rc;
  watch(rt, value);
  for (;;) {
    /* Microtasks first: the promise may settle without the loop. */
    rt_enter(rt);
    rt_checkpoint(rt);
    rc = rt_leave(rt, NULL);
    if (rc) return rc;
    state = shim_promise_state(rt->iso, value->g, &out); /* out is set only when settled */
    if (state != 0) break;
    if (!rt_loop_alive(rt)) {
      return rt_set_error(rt, MRT_ESTALLED, "Error",
                          "promise will never settle: the event loop has no more work");
    }
    /* Until the loop is done or, checked once per iteration, the promise has settled. */
    int alive = 0;
    rc = rt_turn(rt, RT_TURN_WAIT, promise_settled, value->g, &alive);
    if (rc) return rc;
  }
  rc = settled(rt, value, result, state, out);
  if (rc != MRT_PROMISE_FULFILLED) return rc;
  rt_ok(rt);
  return MRT_OK;
}
