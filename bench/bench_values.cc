// bench_values.cc: value handles: a property read and its release, one by one or by a scope.
#include "bench_util.h"

static mrt_value *bench_object(mrt_runtime *rt) {
  mrt_value *o = nullptr;
  if (mrt_execute_script(rt, "bench.js", "({a: 1})", 8, &o) != MRT_OK) std::abort();
  return o;
}

// mrt_get + mrt_value_free, per iteration.
static void BM_ValueGetFree(benchmark::State &state) {
  mrt_runtime *rt = bench_runtime();
  mrt_value *o = bench_object(rt);
  for (auto _ : state) {
    mrt_value *v = nullptr;
    mrt_get(rt, o, "a", &v);
    mrt_value_free(rt, v);
  }
  mrt_value_free(rt, o);
  mrt_runtime_free(rt);
}
BENCHMARK(BM_ValueGetFree);

// 1000 mrt_get results released together by closing their scope (per handle: items/s).
static void BM_ValueGetScoped1k(benchmark::State &state) {
  mrt_runtime *rt = bench_runtime();
  mrt_value *o = bench_object(rt);
  for (auto _ : state) {
    mrt_scope_open(rt);
    for (int i = 0; i < 1000; i++) {
      mrt_value *v = nullptr;
      mrt_get(rt, o, "a", &v);
    }
    mrt_scope_close(rt);
  }
  state.SetItemsProcessed(state.iterations() * 1000);
  mrt_value_free(rt, o);
  mrt_runtime_free(rt);
}
BENCHMARK(BM_ValueGetScoped1k)->Unit(benchmark::kMicrosecond);
