// bench_ops.cc: the cost of calling ops from JS, and of an async op's round trip through
// the loop.
#include "bench_util.h"

static void op_add(mrt_op_call *c) {
  mrt_op_return_number(c, mrt_op_arg_number(c, 0) + mrt_op_arg_number(c, 1));
}

static double fast_add(void *receiver, double a, double b) {
  (void)receiver;
  return a + b;
}

static void op_complete_now(mrt_op_call *c) {
  mrt_result res = {};
  res.kind = MRT_RESULT_NUMBER;
  res.number = 1;
  mrt_op_complete(mrt_op_runtime(c), mrt_op_async_id(c), &res);
}

static mrt_runtime *ops_runtime() {
  mrt_runtime *rt = bench_runtime();
  mrt_op_decl slow = {};
  slow.name = "addSlow";
  slow.fn = op_add;
  mrt_op_decl fast = {};
  fast.name = "addFast";
  fast.fn = op_add;
  fast.fast = reinterpret_cast<const void *>(fast_add);
  fast.fast_ret = MRT_CTYPE_FLOAT64;
  fast.fast_argc = 2;
  fast.fast_args[0] = MRT_CTYPE_FLOAT64;
  fast.fast_args[1] = MRT_CTYPE_FLOAT64;
  mrt_op_decl async_op = {};
  async_op.name = "completeNow";
  async_op.fn = op_complete_now;
  async_op.async = 1;
  mrt_register_op(rt, &slow);
  mrt_register_op(rt, &fast);
  mrt_register_op(rt, &async_op);
  return rt;
}

// Per-call cost of a sync op from a hot JS loop (10M calls per iteration).
static void op_loop(benchmark::State &state, const char *name) {
  mrt_runtime *rt = ops_runtime();
  char src[256];
  std::snprintf(src, sizeof src,
                "(async () => { const f = mrt.ops.%s; let s = 0;"
                " for (let i = 0; i < 1e7; i++) s = f(s, 1); return s })()",
                name);
  for (auto _ : state) benchmark::DoNotOptimize(bench_resolve(rt, src));
  state.SetItemsProcessed(state.iterations() * 10000000);
  mrt_runtime_free(rt);
}

static void BM_OpCall_Slow(benchmark::State &state) { op_loop(state, "addSlow"); }
BENCHMARK(BM_OpCall_Slow)->Unit(benchmark::kMillisecond);

static void BM_OpCall_Fast(benchmark::State &state) { op_loop(state, "addFast"); }
BENCHMARK(BM_OpCall_Fast)->Unit(benchmark::kMillisecond);

// An async op completed at once on the loop thread: call -> promise settles -> await resumes.
static void BM_AsyncOp_RoundTrip(benchmark::State &state) {
  mrt_runtime *rt = ops_runtime();
  const char *src =
      "(async () => { const f = mrt.ops.completeNow; for (let i = 0; i < 1e5; i++) await f();"
      " return 1 })()";
  for (auto _ : state) benchmark::DoNotOptimize(bench_resolve(rt, src));
  state.SetItemsProcessed(state.iterations() * 100000);
  mrt_runtime_free(rt);
}
BENCHMARK(BM_AsyncOp_RoundTrip)->Unit(benchmark::kMillisecond);

// Many async ops in flight: one batch settles them all.
static void BM_AsyncOp_Batch1k(benchmark::State &state) {
  mrt_runtime *rt = ops_runtime();
  const char *src =
      "(async () => { const f = mrt.ops.completeNow; for (let r = 0; r < 100; r++) {"
      " const ps = []; for (let i = 0; i < 1000; i++) ps.push(f()); await Promise.all(ps) }"
      " return 1 })()";
  for (auto _ : state) benchmark::DoNotOptimize(bench_resolve(rt, src));
  state.SetItemsProcessed(state.iterations() * 100000);
  mrt_runtime_free(rt);
}
BENCHMARK(BM_AsyncOp_Batch1k)->Unit(benchmark::kMillisecond);
