// bench_util.h: helpers shared by the benchmark files.
#ifndef MRT_BENCH_UTIL_H
#define MRT_BENCH_UTIL_H

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <cstring>

#include "mrt.h"

inline mrt_runtime *bench_runtime() {
  mrt_runtime *rt = nullptr;
  if (mrt_runtime_new(nullptr, &rt) != MRT_OK) std::abort();
  return rt;
}

inline void bench_run(mrt_runtime *rt, const char *src) {
  if (mrt_execute_script(rt, "bench.js", src, std::strlen(src), nullptr) != MRT_OK) {
    std::fprintf(stderr, "bench script failed: %s\n", mrt_last_error(rt)->message);
    std::abort();
  }
}

// Runs an async JS expression to completion and returns its numeric result.
inline double bench_resolve(mrt_runtime *rt, const char *src) {
  mrt_value *p = nullptr, *r = nullptr;
  if (mrt_execute_script(rt, "bench.js", src, std::strlen(src), &p) != MRT_OK ||
      mrt_resolve_value(rt, p, &r) != MRT_OK) {
    std::fprintf(stderr, "bench script failed: %s\n", mrt_last_error(rt)->message);
    std::abort();
  }
  double d = mrt_value_to_number(rt, r);
  mrt_value_free(rt, p);
  mrt_value_free(rt, r);
  return d;
}

#endif
