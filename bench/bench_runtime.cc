// bench_runtime.cc: runtime lifecycle and script execution.
#include "bench_util.h"

// Runtime creation with the bootstrap done (isolate, context, host API): the in-process part
// of cold start.
static void BM_RuntimeCreate(benchmark::State &state) {
  for (auto _ : state) {
    mrt_runtime *rt = bench_runtime();
    state.PauseTiming();
    mrt_runtime_free(rt);
    state.ResumeTiming();
  }
}
BENCHMARK(BM_RuntimeCreate)->Unit(benchmark::kMicrosecond);

static void BM_RuntimeCreateDestroy(benchmark::State &state) {
  for (auto _ : state) mrt_runtime_free(bench_runtime());
}
BENCHMARK(BM_RuntimeCreateDestroy)->Unit(benchmark::kMicrosecond);

// Create -> first statement of user code runs.
static void BM_RuntimeCreateToFirstStatement(benchmark::State &state) {
  for (auto _ : state) {
    mrt_runtime *rt = bench_runtime();
    bench_run(rt, "globalThis.started = 1");
    state.PauseTiming();
    mrt_runtime_free(rt);
    state.ResumeTiming();
  }
}
BENCHMARK(BM_RuntimeCreateToFirstStatement)->Unit(benchmark::kMicrosecond);

static void BM_ExecuteScriptOneLine(benchmark::State &state) {
  mrt_runtime *rt = bench_runtime();
  for (auto _ : state) bench_run(rt, "globalThis.x = 1 + 1");
  mrt_runtime_free(rt);
}
BENCHMARK(BM_ExecuteScriptOneLine);
