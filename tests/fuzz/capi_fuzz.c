/* capi_fuzz.c: the C-API sequence fuzzer. Random sequences of mrt_* calls over several
 * runtimes (scripts, values, ops sync and async, completions on the loop thread and from
 * other threads, polling, refs, terminate, free and re-create), with misuse mixed in. Run it
 * under ASan+UBSan: memory errors end it there; the checks below end it otherwise.
 *
 *   capi_fuzz [--seed S] [--iterations N] [--seconds T] [--steps K] [-v]
 *
 * Each iteration is one sequence, reproducible from its seed (printed on failure:
 * `capi_fuzz --seed <seed> --iterations 1 -v` replays it with a trace).
 *
 * Oracle: besides "no crash, no sanitizer report", every async op JS started must settle
 * exactly once by the time the fuzzer has completed everything it holds and the loop is
 * drained (JS counts settlements; the op callback counts starts), every API result is one
 * the header allows, and values round-trip (numbers, strings).
 *
 * Misuse exercised always (handled today): NULL results and arguments where the header
 * allows them, mrt_value_free(NULL), mrt_op_complete with a NULL result, scripts that throw
 * or fail to compile, uncaught errors in timers, unhandled rejections, mrt_terminate from
 * another thread, freeing a runtime with ops, timers, handles and refs outstanding.
 *
 * Misuse whose fixes are pending (issue #11, "Embedding API defects"), on with
 * -DMRT_FUZZ_PENDING_MISUSE=ON or --pending (the classes P_* below): completing an op twice,
 * completing an id never handed out, one mrt_unref too many, a value handle of one runtime
 * passed to another, re-entrant loop calls from inside an op (must be MRT_ESTATE),
 * mrt_op_complete_threadsafe after mrt_runtime_free, mrt_backend_timeout when idle (-1),
 * a duplicate op name and an op on a MRT_RUNTIME_BARE runtime (must fail); and
 * mrt_terminate mixed in (a run that never returns: tools/fuzz/FINDINGS.md). */
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "mrt.h"

#ifndef MRT_FUZZ_PENDING_MISUSE
#define MRT_FUZZ_PENDING_MISUSE 0
#endif

/* The misuse classes whose fixes are pending. Built with MRT_FUZZ_PENDING_MISUSE they are all
 * on; --pending LIST (names below, comma-separated, or "all" / "none") picks them at run time
 * in any build. */
enum {
  P_DOUBLE_COMPLETION = 1 << 0, /* mrt_op_complete of an id already completed: an error */
  P_BOGUS_ID = 1 << 1,          /* ... of an id never handed out: an error */
  P_EXTRA_UNREF = 1 << 2,       /* one mrt_unref too many must not lose an op in flight */
  P_FOREIGN_HANDLE = 1 << 3,    /* a value of another runtime: MRT_EINVAL */
  P_REENTRANT = 1 << 4,         /* poll/run from inside an op: MRT_ESTATE */
  P_COMPLETE_AFTER_FREE = 1 << 5, /* mrt_op_complete_threadsafe after mrt_runtime_free */
  P_BACKEND_TIMEOUT = 1 << 6,   /* mrt_backend_timeout of an idle runtime: -1 */
  P_DUPLICATE_OP = 1 << 7,      /* a second op with the same name: refused */
  P_BARE_OPS = 1 << 8,          /* an op on a MRT_RUNTIME_BARE runtime: refused */
  P_TERMINATE = 1 << 9,         /* mrt_terminate mixed in (a run that never returns) */
};
static const struct {
  const char *name;
  unsigned bit;
} pending_names[] = {
    {"double_completion", P_DOUBLE_COMPLETION}, {"bogus_id", P_BOGUS_ID},
    {"extra_unref", P_EXTRA_UNREF},             {"foreign_handle", P_FOREIGN_HANDLE},
    {"reentrant", P_REENTRANT},                 {"complete_after_free", P_COMPLETE_AFTER_FREE},
    {"backend_timeout", P_BACKEND_TIMEOUT},     {"duplicate_op", P_DUPLICATE_OP},
    {"bare_ops", P_BARE_OPS},                   {"terminate", P_TERMINATE},
};
static unsigned pending = MRT_FUZZ_PENDING_MISUSE ? ~0u : 0u;
#define PENDING(bit) (pending & (bit))

static uint64_t rng_state;
static int verbose;
static uint64_t current_seed;
static int trace_rt; /* which runtime slot the trace lines are about */

static uint64_t rnd(void) { /* splitmix64 */
  uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}
static unsigned pick(unsigned n) { return (unsigned)(rnd() % n); }

#define TRACE(...)                                   \
  do {                                               \
    if (verbose) {                                   \
      fprintf(stderr, "  [rt%d] ", trace_rt);        \
      fprintf(stderr, __VA_ARGS__);                  \
      fputc('\n', stderr);                           \
    }                                                \
  } while (0)

#define CHECK(cond, ...)                                                              \
  do {                                                                                \
    if (!(cond)) {                                                                    \
      fprintf(stderr, "capi_fuzz: check failed (seed %llu) at %s:%d: %s\n  ",         \
              (unsigned long long)current_seed, __FILE__, __LINE__, #cond);           \
      fprintf(stderr, __VA_ARGS__);                                                   \
      fprintf(stderr, "\n  replay: capi_fuzz --seed %llu --iterations 1 -v\n",        \
              (unsigned long long)current_seed);                                      \
      abort();                                                                        \
    }                                                                                 \
  } while (0)

/* ---------------------------------------------------------------- per-runtime state */

#define MAX_RT 3
#define MAX_VALUES 64
#define MAX_HELD 256
#define MAX_THREADS 16

typedef struct completer {
  pthread_t thread;
  mrt_runtime *rt;
  uint32_t id;
  unsigned delay_us;
  int kind;
} completer;

typedef struct fz_rt {
  mrt_runtime *rt;
  int bare;
  mrt_value *values[MAX_VALUES];
  int nvalues;
  uint32_t held[MAX_HELD]; /* async ids the fuzzer will complete on the loop thread */
  int nheld;
  uint32_t done[MAX_HELD]; /* ids already completed (for the double-completion class) */
  int ndone;
  completer threads[MAX_THREADS];
  int nthreads;
  int refs;               /* mrt_ref calls not yet matched */
  long async_started;     /* async op calls that did not throw */
  int in_op;              /* inside an op callback (re-entrancy class) */
  int quiescing;          /* draining: ops started now are completed at once */
} fz_rt;

static fz_rt rts[MAX_RT];

static fz_rt *fz_of(mrt_runtime *rt) {
  for (int i = 0; i < MAX_RT; i++)
    if (rts[i].rt == rt) return &rts[i];
  return NULL;
}

/* ---------------------------------------------------------------- ops */

static void op_sync(mrt_op_call *c) {
  mrt_runtime *rt = mrt_op_runtime(c);
  fz_rt *f = fz_of(rt);
  CHECK(f != NULL, "op called with an unknown runtime");
  double x = mrt_op_arg_number(c, 0);
  int mode = mrt_op_argc(c) > 1 ? (int)mrt_op_arg_number(c, 1) : 0;
  if (mode == 1) {
    mrt_op_throw(c, "EFUZZ", "thrown by op");
    return;
  }
  if (mode == 2) {
    size_t len;
    const char *s = mrt_op_arg_string(c, 0, &len);
    mrt_op_return_string(c, s, len);
    return;
  }
  if (mode == 3 && PENDING(P_REENTRANT)) { /* loop calls from inside an op */
    f->in_op++;
    int rc = pick(2) ? mrt_poll_event_loop(rt) : mrt_run_event_loop(rt);
    CHECK(rc == MRT_ESTATE, "reentrant: loop call from an op returned %d (%s), want MRT_ESTATE",
          rc, mrt_strerror(rc));
    f->in_op--;
  }
  mrt_op_return_number(c, x + 1);
}

static void op_async(mrt_op_call *c) {
  fz_rt *f = fz_of(mrt_op_runtime(c));
  CHECK(f != NULL, "op called with an unknown runtime");
  uint32_t id = mrt_op_async_id(c);
  if (mrt_op_argc(c) > 0 && mrt_op_arg_number(c, 0) < 0) {
    mrt_op_throw(c, NULL, "async op refused");
    return;
  }
  f->async_started++;
  if (f->nheld < MAX_HELD && !f->quiescing) {
    f->held[f->nheld++] = id;
  } else { /* complete at once (synchronous completion is allowed) */
    mrt_result r = {.kind = MRT_RESULT_NUMBER, .number = 1};
    CHECK(mrt_op_complete(mrt_op_runtime(c), id, &r) == MRT_OK, "inline completion");
  }
}

static void register_ops(fz_rt *f) {
  mrt_op_decl s = {.name = "sync", .fn = op_sync};
  mrt_op_decl a = {.name = "async", .fn = op_async, .async = 1};
  int rc1 = mrt_register_op(f->rt, &s), rc2 = mrt_register_op(f->rt, &a);
  if (f->bare) {
    if (PENDING(P_BARE_OPS))
      CHECK(rc1 != MRT_OK && rc2 != MRT_OK, "bare_ops: ops accepted on a bare runtime");
    return;
  }
  CHECK(rc1 == MRT_OK && rc2 == MRT_OK, "register_op: %d %d", rc1, rc2);
  if (PENDING(P_DUPLICATE_OP)) {
    int dup = mrt_register_op(f->rt, &s);
    CHECK(dup != MRT_OK, "duplicate_op: a second op named 'sync' was accepted");
  }
}

/* ---------------------------------------------------------------- results */

static void free_bytes(void *p) { free(p); }

static mrt_result random_result(int *owned_out) {
  static char text[] = "fuzz \xc3\xa9\xf0\x9f\x98\x80 text";
  mrt_result r = {0};
  *owned_out = 0;
  switch (pick(6)) {
    case 0: r.kind = MRT_RESULT_UNDEFINED; break;
    case 1: r.kind = MRT_RESULT_NUMBER; r.number = (double)pick(1000) - 500; break;
    case 2: r.kind = MRT_RESULT_BOOLEAN; r.number = pick(2); break;
    case 3:
    case 4: {
      r.kind = pick(2) ? MRT_RESULT_STRING : MRT_RESULT_BUFFER;
      size_t n = pick(sizeof text);
      if (pick(2)) { /* ownership passes to the runtime */
        char *b = malloc(n ? n : 1);
        memcpy(b, text, n);
        r.bytes = b;
        r.free_bytes = free_bytes;
        *owned_out = 1;
      } else {
        r.bytes = text;
      }
      r.len = n;
      break;
    }
    default:
      r.kind = MRT_RESULT_ERROR;
      if (pick(2)) r.uv_errno = -2; /* ENOENT */
      else r.code = "EFUZZ";
      r.syscall = pick(2) ? "open" : NULL;
      r.path = pick(2) ? "/fuzz" : NULL;
      r.message = pick(2) ? "fuzz failure" : NULL;
      break;
  }
  return r;
}

static void *complete_later(void *arg) {
  completer *c = arg;
  if (c->delay_us) usleep(c->delay_us);
  mrt_result r = {.kind = c->kind ? MRT_RESULT_NUMBER : MRT_RESULT_UNDEFINED, .number = 7};
  int rc = mrt_op_complete_threadsafe(c->rt, c->id, &r);
  CHECK(rc == MRT_OK, "mrt_op_complete_threadsafe: %s", mrt_strerror(rc));
  return NULL;
}

static void join_threads(fz_rt *f) {
  for (int i = 0; i < f->nthreads; i++) pthread_join(f->threads[i].thread, NULL);
  f->nthreads = 0;
}

/* ---------------------------------------------------------------- scripts */

static const char *const scripts[] = {
    "globalThis.__settled = globalThis.__settled || 0; globalThis.__n = (globalThis.__n || 0) + 1; __n",
    "mrt.ops.async(1).then(() => __settled++, () => __settled++); 1",
    "for (let i = 0; i < 3; i++) mrt.ops.async(i).then(() => __settled++, () => __settled++)",
    "(async () => { try { await mrt.ops.async(2); } catch {} __settled++; "
    "  return mrt.ops.sync(41); })()",
    "setTimeout(() => { mrt.ops.async(0).then(() => __settled++, () => __settled++); }, 1)",
    "setImmediate(() => Promise.resolve().then(() => mrt.ops.sync(1)))",
    "queueMicrotask(() => { if (mrt.ops.sync(1) !== 2) throw new Error('sync op broke'); })",
    "if (mrt.ops.sync(10) !== 11) throw new Error('sync op broke'); 'ok'",
    "mrt.ops.sync('x\\u00e9', 2)",
    "try { mrt.ops.sync(0, 1) } catch (e) { if (e.code !== 'EFUZZ') throw e }",
    "try { mrt.ops.async(-1) } catch (e) {}",
    "throw new TypeError('fuzz throw')",
    "let = ;",
    "setTimeout(() => { throw new Error('in a timer') }, 0)",
    "Promise.reject(new Error('unhandled'))",
    "new Promise(r => setTimeout(r, 2)).then(() => 5)",
    /* The counter first: a termination between the two statements must not leave an
     * interval that never stops. */
    "globalThis.__ivn = 0; { const iv = setInterval(() => { if (++globalThis.__ivn >= 3) "
    "clearInterval(iv) }, 1); }",
    "const t = setTimeout(() => { throw new Error('cleared') }, 1); clearTimeout(t)",
    "({a: [1, 'two', {three: 3}], b: null})",
    "Symbol('s')",
    "new Uint8Array([1, 2, 3])",
    "(function f(n) { return n ? f(n - 1) : 0 })(1000)",
    "(function f() { f() })()", /* RangeError: stack overflow */
    "[new Error('e', {cause: 1})].map(String)",
    "mrt.ops.sync(1, 3)",       /* re-entrant loop call (mode 3 only acts with the class) */
    "globalThis.__keep = []; for (let i = 0; i < 1000; i++) __keep.push({i}); __keep.length",
};
#define NSCRIPTS (sizeof scripts / sizeof scripts[0])

/* ---------------------------------------------------------------- runtime lifecycle */

static void drop_value_slot(fz_rt *f, int i) {
  mrt_value_free(f->rt, f->values[i]);
  f->values[i] = f->values[--f->nvalues];
}

static void keep_value(fz_rt *f, mrt_value *v) {
  if (!v) return;
  if (f->nvalues == MAX_VALUES) drop_value_slot(f, (int)pick(MAX_VALUES));
  f->values[f->nvalues++] = v;
}

static void rt_create(fz_rt *f) {
  mrt_options o;
  mrt_options_init(&o);
  f->bare = pick(8) == 0;
  if (f->bare) o.flags = MRT_RUNTIME_BARE;
  if (pick(4) == 0) o.max_heap_mb = 16 + pick(64);
  int rc = mrt_runtime_new(&o, &f->rt);
  CHECK(rc == MRT_OK && f->rt, "mrt_runtime_new: %s", mrt_strerror(rc));
  f->nvalues = f->nheld = f->ndone = f->nthreads = f->refs = 0;
  f->async_started = 0;
  f->quiescing = 0;
  register_ops(f);
  TRACE("new runtime %p%s", (void *)f->rt, f->bare ? " (bare)" : "");
  if (!f->bare) {
    const char *init = "globalThis.__settled = 0";
    CHECK(mrt_execute_script(f->rt, "init.js", init, strlen(init), NULL) == MRT_OK, "init");
  }
}

static void rt_destroy(fz_rt *f) {
  /* Threads completing ops hold the runtime: they must be done before it goes (the
   * after-free class below is the exception). */
  join_threads(f);
  for (int i = 0; i < f->refs; i++) mrt_unref(f->rt);
  /* Values are released with the runtime: free only some of them first. */
  while (f->nvalues && pick(2)) drop_value_slot(f, f->nvalues - 1);
  TRACE("free runtime %p (%d values, %d held ops, %d refs left)", (void *)f->rt, f->nvalues,
        f->nheld, f->refs);
  mrt_runtime *old = f->rt;
  mrt_runtime_free(f->rt);
  f->rt = NULL;
  /* The contract: completing an op that was in flight at free is safe (dropped, MRT_ESTATE);
   * the last such completion releases what free kept. Any other use of `old` is not. */
  if (PENDING(P_COMPLETE_AFTER_FREE) && f->nheld && pick(2) == 0) {
    for (int i = 0; i < f->nheld; i++) {
      mrt_result r = {.kind = MRT_RESULT_UNDEFINED};
      TRACE("complete_threadsafe %u after free", f->held[i]);
      CHECK(mrt_op_complete_threadsafe(old, f->held[i], &r) == MRT_ESTATE,
            "completion after free not refused");
    }
  }
  f->nvalues = f->nheld = f->refs = 0;
}

/* Completes everything held, drains the loop and checks that every async op JS started
 * settled exactly once. */
static void quiesce(fz_rt *f) {
  trace_rt = (int)(f - rts);
  if (f->bare) return;
  /* Half the time, threads still completing ops run while the loop drains: an op in flight
   * must keep it alive whichever thread completes it. */
  if (pick(2)) join_threads(f);
  for (int i = 0; i < f->refs; i++) mrt_unref(f->rt);
  f->refs = 0;
  f->quiescing = 1;
  for (int round = 0; round < 50; round++) {
    while (f->nheld) {
      uint32_t id = f->held[--f->nheld];
      int owned;
      mrt_result r = random_result(&owned);
      CHECK(mrt_op_complete(f->rt, id, &r) == MRT_OK, "complete");
    }
    TRACE("quiesce %p: run_event_loop (%ld async started)", (void *)f->rt, f->async_started);
    int rc = mrt_run_event_loop(f->rt);
    TRACE("  -> %d", rc);
    if (rc == MRT_OK && f->nheld == 0) break;
    /* Uncaught errors, unhandled rejections, a pending terminate: run again. */
    CHECK(rc == MRT_OK || rc == MRT_EEXCEPTION || rc == MRT_EUNHANDLED ||
              rc == MRT_ETERMINATED || rc == MRT_EHEAPLIMIT,
          "run_event_loop: %d %s", rc, mrt_strerror(rc));
  }
  f->quiescing = 0;
  join_threads(f);
  const char *q = "globalThis.__settled";
  mrt_value *v = NULL;
  int rc = mrt_execute_script(f->rt, "q.js", q, strlen(q), &v);
  if (rc == MRT_ETERMINATED) rc = mrt_execute_script(f->rt, "q.js", q, strlen(q), &v);
  CHECK(rc == MRT_OK, "reading __settled: %s", mrt_strerror(rc));
  double settled = mrt_value_to_number(f->rt, v);
  mrt_value_free(f->rt, v);
  /* Scripts that failed part-way may have started ops whose handlers were never attached
   * (a throw between the call and .then): those settle unobserved, so JS can count fewer. */
  CHECK(!(settled > (double)f->async_started),
        "more settlements (%g) than async ops started (%ld)", settled, f->async_started);
  mrt_op_stats st;
  CHECK(mrt_op_get_stats(f->rt, "async", &st) == MRT_OK, "op stats");
  CHECK(st.completions == (uint64_t)f->async_started,
        "async op: %ld started, %llu completions delivered (an op was lost or doubled)",
        f->async_started, (unsigned long long)st.completions);
  int bt = mrt_backend_timeout(f->rt);
  if (PENDING(P_BACKEND_TIMEOUT))
    CHECK(bt == -1, "backend_timeout: idle runtime reports timeout %d, want -1", bt);
}

/* ---------------------------------------------------------------- one step */

static int is_code(int rc) { return rc <= 0 && rc >= MRT_ENOTFOUND; }

static void step(void) {
  trace_rt = (int)pick(MAX_RT);
  fz_rt *f = &rts[trace_rt];
  if (!f->rt) {
    rt_create(f);
    return;
  }
  mrt_runtime *rt = f->rt;
  unsigned what = pick(26);
  switch (what) {
    case 0:
    case 1:
    case 2:
    case 3: { /* a script */
      const char *s = scripts[pick(NSCRIPTS)];
      if (f->bare) s = pick(2) ? "1 + 1" : "throw 1";
      mrt_value *v = NULL;
      int rc = mrt_execute_script(rt, pick(2) ? "s.js" : "", s, strlen(s), pick(2) ? &v : NULL);
      TRACE("execute '%.40s' -> %d", s, rc);
      CHECK(is_code(rc), "execute_script returned %d", rc);
      if (rc != MRT_OK) {
        const mrt_error *e = mrt_last_error(rt);
        CHECK(e && e->code == rc, "last_error code %d, call returned %d", e ? e->code : 0, rc);
        if (pick(4) == 0) mrt_free(mrt_error_format(e));
      }
      keep_value(f, v);
      break;
    }
    case 4: { /* make a value */
      mrt_value *v = NULL;
      switch (pick(8)) {
        case 0: v = mrt_undefined(rt); break;
        case 1: v = mrt_null(rt); break;
        case 2: v = mrt_boolean(rt, pick(2)); break;
        case 3: {
          double d = (double)(int64_t)rnd() / 1e6;
          v = mrt_number(rt, d);
          CHECK(mrt_value_to_number(rt, v) == d, "number round trip");
          break;
        }
        case 4: {
          static const char s[] = "a\0b\xc3\xa9\xff";
          size_t n = pick(sizeof s);
          v = mrt_string(rt, s, n);
          CHECK(v, "mrt_string");
          break;
        }
        case 5: v = mrt_object(rt); break;
        case 6: v = mrt_global(rt); break;
        default: v = f->nvalues ? mrt_value_dup(rt, f->values[pick(f->nvalues)]) : NULL; break;
      }
      keep_value(f, v);
      break;
    }
    case 5:
    case 6: { /* inspect a value */
      if (!f->nvalues) break;
      mrt_value *v = f->values[pick(f->nvalues)];
      mrt_type t = mrt_value_type(rt, v);
      CHECK(t <= MRT_TYPE_OBJECT, "type %d", t);
      size_t len;
      char *s;
      switch (pick(5)) {
        case 0: s = mrt_value_to_string(rt, v, pick(2) ? &len : NULL); mrt_free(s); break;
        case 1: s = mrt_value_to_json(rt, v, &len); mrt_free(s); break;
        case 2: (void)mrt_value_to_number(rt, v); break;
        case 3: (void)mrt_value_to_boolean(rt, v); break;
        default: {
          mrt_value *out = NULL;
          int rc = mrt_get(rt, v, pick(2) ? "a" : "length", &out);
          CHECK(is_code(rc), "mrt_get %d", rc);
          keep_value(f, out);
        }
      }
      break;
    }
    case 7: { /* set / call */
      if (f->nvalues < 2) break;
      mrt_value *a = f->values[pick(f->nvalues)], *b = f->values[pick(f->nvalues)];
      if (pick(2)) {
        int rc = mrt_set(rt, a, "k", b);
        CHECK(is_code(rc), "mrt_set %d", rc);
      } else {
        mrt_value *out = NULL;
        mrt_value *args[2] = {b, a};
        int rc = mrt_call(rt, a, pick(2) ? b : NULL, (int)pick(3), args, &out);
        CHECK(is_code(rc), "mrt_call %d", rc);
        keep_value(f, out);
      }
      break;
    }
    case 8: /* free a value */
      if (f->nvalues) drop_value_slot(f, (int)pick(f->nvalues));
      break;
    case 9:
    case 10:
    case 11: { /* poll */
      int rc = mrt_poll_event_loop(rt);
      TRACE("poll -> %d", rc);
      CHECK(rc == MRT_READY || rc == MRT_PENDING || is_code(rc), "poll %d", rc);
      break;
    }
    case 12:
    case 13: { /* complete a held op on the loop thread */
      if (!f->nheld) break;
      int i = (int)pick(f->nheld);
      uint32_t id = f->held[i];
      f->held[i] = f->held[--f->nheld];
      int owned;
      mrt_result r = random_result(&owned);
      int rc = mrt_op_complete(rt, id, &r);
      TRACE("complete %u kind %d -> %d", id, r.kind, rc);
      CHECK(rc == MRT_OK, "complete: %s", mrt_strerror(rc));
      if (f->ndone < MAX_HELD) f->done[f->ndone++] = id;
      break;
    }
    case 14: { /* complete a held op from another thread */
      if (!f->nheld || f->nthreads == MAX_THREADS) break;
      completer *c = &f->threads[f->nthreads++];
      c->rt = rt;
      c->id = f->held[--f->nheld];
      c->delay_us = pick(3) ? 0 : pick(2000);
      c->kind = (int)pick(2);
      TRACE("complete %u from a thread", c->id);
      CHECK(pthread_create(&c->thread, NULL, complete_later, c) == 0, "pthread_create");
      break;
    }
    case 15: /* refs, balanced */
      if (f->refs && pick(2)) {
        mrt_unref(rt);
        f->refs--;
      } else if (f->refs < 4) {
        mrt_ref(rt);
        f->refs++;
      }
      break;
    case 16: { /* a promise: resolve_value when nothing the fuzzer holds blocks it */
      if (f->bare || f->nheld || f->refs || f->nthreads) break;
      const char *s = "new Promise(r => setTimeout(() => r(mrt.ops.sync(1)), 1))";
      mrt_value *p = NULL, *out = NULL;
      if (mrt_execute_script(rt, "p.js", s, strlen(s), &p) != MRT_OK) break;
      int rc = mrt_resolve_value(rt, p, &out);
      TRACE("resolve_value -> %d", rc);
      CHECK(is_code(rc), "resolve_value %d", rc);
      if (rc == MRT_OK) CHECK(mrt_value_to_number(rt, out) == 2, "resolved value");
      if (rc == MRT_OK) mrt_value_free(rt, out);
      mrt_value_free(rt, p);
      break;
    }
    case 17: { /* poll_value on any value */
      if (!f->nvalues) break;
      mrt_value *out = NULL;
      int rc = mrt_poll_value(rt, f->values[pick(f->nvalues)], &out);
      CHECK(rc >= MRT_ENOTFOUND && rc <= MRT_PROMISE_REJECTED, "poll_value %d", rc);
      keep_value(f, out);
      break;
    }
    case 18: { /* introspection */
      mrt_heap_stats hs;
      mrt_startup_times st;
      mrt_op_stats os;
      CHECK(mrt_get_heap_stats(rt, &hs) == MRT_OK, "heap stats");
      CHECK(mrt_get_startup_times(rt, &st) == MRT_OK, "startup times");
      int rc = mrt_op_get_stats(rt, pick(2) ? "sync" : "nope", &os);
      CHECK(is_code(rc), "op stats %d", rc);
      CHECK(mrt_backend_fd(rt) >= 0, "backend fd");
      CHECK(mrt_backend_timeout(rt) >= -1, "backend timeout");
      mrt_set_user_data(rt, f);
      CHECK(mrt_get_user_data(rt) == f, "user data");
      mrt_flush(rt);
      CHECK(mrt_exit_code(rt) >= -1, "exit code");
      break;
    }
    case 19: /* mrt_terminate, observed by a later call */
      if (!PENDING(P_TERMINATE)) break;
      mrt_terminate(rt);
      TRACE("terminate");
      break;
    case 20: /* NULL arguments the header allows */
      mrt_value_free(rt, NULL);
      CHECK(mrt_op_complete(rt, 1, NULL) == MRT_EINVAL, "complete(NULL result)");
      CHECK(mrt_op_complete_threadsafe(rt, 1, NULL) == MRT_EINVAL, "complete_ts(NULL)");
      mrt_free(NULL);
      CHECK(mrt_last_error(rt) != NULL, "last_error");
      break;
    case 21:
      if (pick(3) == 0) {
        quiesce(f);
        rt_destroy(f);
      }
      break;
    case 22:
      quiesce(f);
      break;
    case 23: { /* a second completion of a done id, or an id never handed out */
      int dbl = f->ndone && pick(2);
      if (!PENDING(dbl ? P_DOUBLE_COMPLETION : P_BOGUS_ID)) break;
      mrt_result r = {.kind = MRT_RESULT_UNDEFINED};
      /* Ids are handed out counting up from 1: one with the top bit set was never used. */
      uint32_t id = dbl ? f->done[pick(f->ndone)] : (uint32_t)rnd() | 0x80000000u;
      int rc = mrt_op_complete(rt, id, &r);
      TRACE("%s completion of %u -> %d", dbl ? "double" : "bogus", id, rc);
      CHECK(rc != MRT_OK, "%s: completing id %u was accepted",
            dbl ? "double_completion" : "bogus_id", id);
      break;
    }
    case 24: /* one mrt_unref too many */
      if (!PENDING(P_EXTRA_UNREF)) break;
      TRACE("extra unref");
      mrt_unref(rt);
      break;
    case 25: { /* a value handle of another runtime */
      fz_rt *g = &rts[pick(MAX_RT)];
      if (!PENDING(P_FOREIGN_HANDLE) || g == f || !g->rt || !g->nvalues) break;
      mrt_value *v = g->values[pick(g->nvalues)];
      TRACE("foreign handle");
      mrt_value *out = NULL;
      int rc = mrt_get(rt, v, "a", &out);
      CHECK(rc == MRT_EINVAL, "foreign_handle: mrt_get with another runtime's value: %d", rc);
      break;
    }
    default:
      break;
  }
}

/* A sequence that runs this long is a hang (a loop that never returns): report its seed. */
#define SEQUENCE_TIMEOUT_S 30

static void on_alarm(int sig) {
  (void)sig;
  static const char msg[] = "capi_fuzz: sequence hung (no progress for 30 s); replay: capi_fuzz --seed ";
  char num[24];
  int n = 0;
  uint64_t s = current_seed;
  do num[sizeof num - 1 - n++] = (char)('0' + s % 10); while ((s /= 10) && n < 20);
  (void)!write(2, msg, sizeof msg - 1);
  (void)!write(2, num + sizeof num - n, (size_t)n);
  (void)!write(2, " --iterations 1 -v\n", 19);
  abort();
}

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  uint64_t seed = 1;
  long iterations = 100, steps = 200;
  double seconds = 0;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--seed") && i + 1 < argc) seed = strtoull(argv[++i], NULL, 0);
    else if (!strcmp(argv[i], "--iterations") && i + 1 < argc) iterations = atol(argv[++i]);
    else if (!strcmp(argv[i], "--seconds") && i + 1 < argc) seconds = atof(argv[++i]);
    else if (!strcmp(argv[i], "--steps") && i + 1 < argc) steps = atol(argv[++i]);
    else if (!strcmp(argv[i], "-v")) verbose = 1;
    else if (!strcmp(argv[i], "--pending") && i + 1 < argc) {
      const char *list = argv[++i];
      pending = !strcmp(list, "all") ? ~0u : 0u;
      for (size_t k = 0; k < sizeof pending_names / sizeof pending_names[0]; k++)
        if (strstr(list, pending_names[k].name)) pending |= pending_names[k].bit;
    }
    else {
      fprintf(stderr,
              "usage: capi_fuzz [--seed S] [--iterations N (0: no limit)] [--seconds T] "
              "[--steps K] [--pending all|none|class,...] [-v]\n");
      return 2;
    }
  }
  signal(SIGALRM, on_alarm);
  double start = now_s();
  long it;
  for (it = 0; iterations == 0 || it < iterations; it++) {
    if (seconds > 0 && now_s() - start > seconds) break;
    current_seed = seed + (uint64_t)it;
    rng_state = current_seed;
    if (verbose) fprintf(stderr, "sequence seed %llu\n", (unsigned long long)current_seed);
    alarm(SEQUENCE_TIMEOUT_S);
    long n = 1 + (long)pick((unsigned)steps);
    for (long s = 0; s < n; s++) step();
    for (int i = 0; i < MAX_RT; i++) {
      if (!rts[i].rt) continue;
      quiesce(&rts[i]);
      rt_destroy(&rts[i]);
    }
  }
  printf("capi_fuzz: %ld sequences from seed %llu in %.1f s, pending classes 0x%x, no failure\n",
         it, (unsigned long long)seed, now_s() - start, pending);
  return 0;
}
