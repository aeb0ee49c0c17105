/* mod_bench.c: in-process cost of ES module loading through mrt.h. For each run: a fresh
 * runtime (not timed), then mrt_load_main_module (resolve + read + compile + instantiate of
 * the whole static graph, file-system loader), mrt_mod_evaluate + mrt_resolve_value (timed
 * separately). Prints the median over the runs, in ms and in µs per module.
 * Usage: mod_bench MAIN.mjs NMODULES [RUNS] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mrt.h"

static double now_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static double median(double *v, int n) {
  qsort(v, n, sizeof *v, cmp);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s MAIN.mjs NMODULES [RUNS]\n", argv[0]);
    return 2;
  }
  const char *main_path = argv[1];
  double nmod = atof(argv[2]);
  int runs = argc > 3 ? atoi(argv[3]) : 21;
  double *load = calloc(runs, sizeof *load), *eval = calloc(runs, sizeof *eval),
         *total = calloc(runs, sizeof *total);
  for (int r = 0; r < runs; r++) {
    mrt_runtime *rt;
    if (mrt_runtime_new(NULL, &rt) != MRT_OK) return 1;
    int id;
    double t0 = now_us();
    int rc = mrt_load_main_module(rt, main_path, NULL, 0, &id);
    double t1 = now_us();
    mrt_value *p = NULL;
    if (!rc) rc = mrt_mod_evaluate(rt, id, &p);
    if (!rc) rc = mrt_resolve_value(rt, p, NULL);
    double t2 = now_us();
    if (rc) {
      char *m = mrt_error_format(mrt_last_error(rt));
      fprintf(stderr, "%s", m);
      return 1;
    }
    mrt_value_free(rt, p);
    mrt_runtime_free(rt); /* flushes the module's console output */
    load[r] = t1 - t0;
    eval[r] = t2 - t1;
    total[r] = t2 - t0;
  }
  double ml = median(load, runs), me = median(eval, runs), mt = median(total, runs);
  fprintf(stderr, "modules: %.0f, runs: %d (medians)\n", nmod, runs);
  fprintf(stderr, "load+instantiate: %8.2f ms  %6.2f us/module\n", ml / 1e3, ml / nmod);
  fprintf(stderr, "evaluate:         %8.2f ms  %6.2f us/module\n", me / 1e3, me / nmod);
  fprintf(stderr, "total:            %8.2f ms  %6.2f us/module\n", mt / 1e3, mt / nmod);
  return 0;
}
