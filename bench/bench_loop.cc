// bench_loop.cc: event-loop overhead: idle polls, timers, promises, microtasks, completion
// latency from another thread.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "bench_util.h"

static void BM_PollIdle(benchmark::State &state) {
  mrt_runtime *rt = bench_runtime();
  for (auto _ : state) benchmark::DoNotOptimize(mrt_poll_event_loop(rt));
  mrt_runtime_free(rt);
}
BENCHMARK(BM_PollIdle);

// A pending far-away timer: the loop is alive but nothing is ready.
static void BM_PollIdleWithTimer(benchmark::State &state) {
  mrt_runtime *rt = bench_runtime();
  bench_run(rt, "globalThis.t = setTimeout(() => {}, 1e9)");
  for (auto _ : state) benchmark::DoNotOptimize(mrt_poll_event_loop(rt));
  bench_run(rt, "clearTimeout(t)");
  mrt_runtime_free(rt);
}
BENCHMARK(BM_PollIdleWithTimer);

// JS loops timed by JS itself: items/s is the workload's throughput.
static void js_throughput(benchmark::State &state, const char *src, double items) {
  mrt_runtime *rt = bench_runtime();
  for (auto _ : state) benchmark::DoNotOptimize(bench_resolve(rt, src));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * items));
  mrt_runtime_free(rt);
}

static void BM_Timers_Fanout100k(benchmark::State &state) {
  js_throughput(state,
                "new Promise(r => { let n = 0; for (let i = 0; i < 1e5; i++)"
                " setTimeout(() => { if (++n === 1e5) r(n) }, 0) })",
                1e5);
}
BENCHMARK(BM_Timers_Fanout100k)->Unit(benchmark::kMillisecond);

static void BM_Timers_CreateClear1M(benchmark::State &state) {
  js_throughput(state,
                "(async () => { for (let i = 0; i < 1e6; i++) clearTimeout(setTimeout(() => {}, 1000));"
                " return 1 })()",
                1e6);
}
BENCHMARK(BM_Timers_CreateClear1M)->Unit(benchmark::kMillisecond);

static void BM_Promises_Await1M(benchmark::State &state) {
  js_throughput(state, "(async () => { for (let i = 0; i < 1e6; i++) await i; return 1 })()",
                1e6);
}
BENCHMARK(BM_Promises_Await1M)->Unit(benchmark::kMillisecond);

static void BM_Microtasks_Chain1M(benchmark::State &state) {
  js_throughput(state,
                "new Promise(r => { let n = 1e6; const f = () => --n ? queueMicrotask(f) : r(1);"
                " queueMicrotask(f) })",
                1e6);
}
BENCHMARK(BM_Microtasks_Chain1M)->Unit(benchmark::kMillisecond);

// Completion posted from another thread -> its JS callback runs: p50 and p99 latency.
struct LatencyProbe {
  std::atomic<uint64_t> posted_ns{0};
};
static LatencyProbe probe;
static std::vector<double> latencies;

static uint64_t now_ns() {
  return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                   std::chrono::steady_clock::now().time_since_epoch())
                                   .count());
}

static void op_from_thread(mrt_op_call *c) {
  mrt_runtime *rt = mrt_op_runtime(c);
  uint32_t id = mrt_op_async_id(c);
  std::thread([rt, id] {
    probe.posted_ns = now_ns();
    mrt_result res = {};
    res.kind = MRT_RESULT_UNDEFINED;
    mrt_op_complete_threadsafe(rt, id, &res);
  }).detach();
}

static void op_mark(mrt_op_call *c) {
  latencies.push_back(static_cast<double>(now_ns() - probe.posted_ns.load()));
  (void)c;
}

static void BM_CompletionLatencyFromThread(benchmark::State &state) {
  mrt_runtime *rt = bench_runtime();
  mrt_op_decl from_thread = {};
  from_thread.name = "fromThread";
  from_thread.fn = op_from_thread;
  from_thread.async = 1;
  mrt_op_decl mark = {};
  mark.name = "mark";
  mark.fn = op_mark;
  mrt_register_op(rt, &from_thread);
  mrt_register_op(rt, &mark);
  latencies.clear();
  for (auto _ : state) {
    bench_resolve(rt, "mrt.ops.fromThread().then(() => { mrt.ops.mark(); return 1 })");
  }
  std::sort(latencies.begin(), latencies.end());
  if (!latencies.empty()) {
    state.counters["p50_us"] = latencies[latencies.size() / 2] / 1e3;
    state.counters["p99_us"] = latencies[latencies.size() * 99 / 100] / 1e3;
  }
  mrt_runtime_free(rt);
}
BENCHMARK(BM_CompletionLatencyFromThread)->Unit(benchmark::kMicrosecond);
