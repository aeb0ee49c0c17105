/*
 * eventloop.h: the event-loop glue (eventloop.c), the one owner of the loop's state: how deep
 * the calls into JS are nested, the error pending for the caller of the current API call, the
 * promises rejected without a handler, and the loop turn. Other files reach that state only
 * through the functions below. Not installed.
 *
 * Every call into JS is bracketed:
 *     rt_enter(rt);
 *     rc = shim_...(..., &exc);
 *     rc = rt_leave(rt, rc ? &exc : NULL);  -- the pending status, reported once
 * Thread rule: all of these run on the runtime's thread.
 */
#ifndef MRT_EVENTLOOP_H
#define MRT_EVENTLOOP_H

#include <stddef.h>

#include "mrt.h"
#include "shim.h"

/* The loop state's storage inside struct mrt_runtime: opaque bytes, laid out and owned by
 * eventloop.c (a static assert there checks that they fit). Zero bytes are the initial state,
 * so a calloc'd runtime needs no set-up before rt_loop_init. */
#define RT_LOOP_STATE_SIZE 384
typedef union rt_loop_state {
  unsigned char opaque[RT_LOOP_STATE_SIZE];
  long double align_;
  void *align_ptr_;
} rt_loop_state;

/* ---- calls into JS */

/* A call into JS (or into code that may run JS: a checkpoint, an op's settle) begins. */
void rt_enter(mrt_runtime *rt);
/* ... and ends; every rt_enter has exactly one rt_leave. exc (NULL: none) is what the call
 * threw: it becomes the pending error unless one is pending already (the first wins) and is
 * cleared. Returns the pending status and clears it, filling the last-error record: 0, or
 * MRT_EEXCEPTION, MRT_EUNHANDLED, MRT_ETERMINATED (also after mrt.exit()), MRT_EHEAPLIMIT. A
 * termination is cancelled when the outermost call ends, so JS may run again. At any depth: a
 * nested API call (from an op) reports the error pending when it returns, as the outer call's
 * caller would have. */
int rt_leave(mrt_runtime *rt, shim_exception *exc);
/* Inside a call into JS (or a loop turn): the runtime's JS or a callback of it is running. */
int rt_in_js(const mrt_runtime *rt);
/* The code of the error pending for the current API call, 0 if none (the error stops the
 * loop's run; later phases skip their JS). */
int rt_pending(const mrt_runtime *rt);
/* Calls that drive the event loop are refused from inside JS or a callback of the same
 * runtime (an op, a loader, a heap-limit callback): the loop is already running there.
 * MRT_ESTATE with the last error set, or 0. */
int rt_refuse_reentry(mrt_runtime *rt, const char *fn);

/* ---- errors raised inside a call */

/* Records an error for the caller of the current API call (exc is moved) and stops the loop.
 * The first error wins: later ones are dropped. */
void rt_raise(mrt_runtime *rt, shim_exception *exc);
/* The same for an error that ends everything (an uncaught microtask error, the main module's
 * rejected evaluation): the first also terminates the running JS. Also shim_host.uncaught. */
/* shim_host.uncaught (a microtask threw): offered to the uncaught hook, else reported. */
void rt_on_uncaught(void *data, shim_exception *exc);
/* An uncaught error that nothing may cancel any more: raised (the first error wins) and the
 * running JS terminated, as in Node where the process ends. */
void rt_report_uncaught(mrt_runtime *rt, shim_exception *exc);

/* ---- the global error events (core/ext/events): hooks into JS, set only while a listener
 * exists, so the kernel makes no JS call per error or rejection otherwise. Each takes over
 * its handle (NULL: none).
 *   uncaught(error) -> true when a listener cancelled it (not reported);
 *   rejection(0, promise, reason) -> true when cancelled (not reported as unhandled);
 *   rejection(1, promise) when a handler came later to a promise the hook was offered;
 *   rejection(2, promise) when one came during its own event (it is not outstanding). */
void rt_set_event_hooks(mrt_runtime *rt, shim_global *uncaught, shim_global *rejection);
/* The uncaught hook's verdict on an error (0 when no hook, or on a termination). */
int rt_uncaught_handled(mrt_runtime *rt, const shim_exception *exc);

/* ---- microtasks and unhandled rejections */

/* A microtask checkpoint, then the unhandled-rejection check. Returns the pending code. */
int rt_checkpoint(mrt_runtime *rt);
/* V8's microtasks only (no ticks, no rejection check). Returns the pending code. */
int rt_run_microtasks(mrt_runtime *rt);

/* ---- Node's process (core/ext/node): hooks into JS, set only once a program uses them.
 * Each takes over its handle (NULL: none).
 *   tick(): runs process.nextTick's queue and the microtasks it makes until both are empty;
 *     checkpoints call it (before the microtasks) while ticks are pending;
 *   loop_end(0) when mrt_run_event_loop's loop ran dry (it may add work: the loop goes on),
 *     loop_end(1) once, when it stays dry; loop_end(2) when an uncaught error ends the run
 *     (mrt_run_event_loop still returns that error; only when a loop_end error replaces it). */
void rt_set_tick_hook(mrt_runtime *rt, shim_global *tick);
void rt_set_ticks_pending(mrt_runtime *rt, int pending);
int rt_ticks_queued(const mrt_runtime *rt);
void rt_set_loop_end_hook(mrt_runtime *rt, shim_global *loop_end);

/* The unhandled-rejection check that ends a checkpoint (for callers that ran it in V8). */
int rt_check_rejections(mrt_runtime *rt);
/* A promise whose rejection is handled after all (the caller owns it): forgotten, keeping the
 * order of the others (the check reports the earliest one still unhandled, as Node does). */
void rt_forget_rejection(mrt_runtime *rt, const shim_global *promise);
/* shim_host.promise_reject: event 0 rejected without a handler, 1 a handler came later. */
void rt_on_promise_reject(void *data, int event, shim_global *promise, shim_global *reason);

/* ---- the loop turn: the only place the event loop runs */

enum {
  RT_TURN_WAIT = 0,   /* until the loop has no more work, is stopped, or `until` holds */
  RT_TURN_NOWAIT = 1, /* one iteration that does not wait for the OS */
};
/* Checked once per loop iteration, before the loop waits: nonzero ends the turn. */
typedef int (*rt_until_fn)(mrt_runtime *rt, const void *arg);
/* A microtask checkpoint for what the caller's JS queued, then the loop's phases (timers,
 * I/O, immediates, each followed by a checkpoint, in Node's order). until (NULL: none) ends a
 * waiting turn early. *alive: work remains. Returns the pending status (as rt_leave). Must not
 * be called from inside JS (asserted; public entry points refuse that with
 * rt_refuse_reentry first). */
int rt_turn(mrt_runtime *rt, int flags, rt_until_fn until, const void *arg, int *alive);
/* The loop or V8's background work still has something to do. */
int rt_loop_alive(mrt_runtime *rt);

/* ---- lifecycle */

int rt_loop_init(mrt_runtime *rt);
/* The loop's JS entry points on the bootstrap's private object P. A fresh bootstrap calls
 * rt_loop_js_prepare after core.js, before the JS that uses it (it makes the timer-id buffer,
 * P.timerIds); after the JS ran, or when P comes from the snapshot, rt_loop_js_bind picks
 * P.runTimers, P.runImmediates and P.timerIds. MRT_OK, or an error code with the last error set. */
int rt_loop_js_prepare(mrt_runtime *rt, shim_global *P);
int rt_loop_js_bind(mrt_runtime *rt, shim_global *P);
/* Releases the JS handles the loop state holds (before V8 is disposed of or serialized). */
void rt_loop_release_js(mrt_runtime *rt);
/* Frees what the loop state owns (after rt_loop_release_js). */
void rt_loop_state_free(mrt_runtime *rt);

#endif /* MRT_EVENTLOOP_H */
