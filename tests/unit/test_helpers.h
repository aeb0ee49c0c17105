/* test_helpers.h: shared set-up for the libmrt unit tests. */
#ifndef MRT_TEST_HELPERS_H
#define MRT_TEST_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "mrt.h"

/* Every test process uses the same V8 flags (they are process-wide). */
#define TEST_V8_FLAGS "--expose-gc"

static inline mrt_runtime *new_runtime(void) {
  mrt_options opts;
  mrt_options_init(&opts);
  opts.v8_flags = TEST_V8_FLAGS;
  mrt_runtime *rt = NULL;
  assert_int_equal(mrt_runtime_new(&opts, &rt), MRT_OK);
  assert_non_null(rt);
  return rt;
}

static inline int run(mrt_runtime *rt, const char *src) {
  return mrt_execute_script(rt, "test.js", src, strlen(src), NULL);
}

/* Evaluates src and returns String(result) (caller frees). */
static inline char *eval_string(mrt_runtime *rt, const char *src) {
  mrt_value *v = NULL;
  int rc = mrt_execute_script(rt, "test.js", src, strlen(src), &v);
  if (rc != MRT_OK) {
    fprintf(stderr, "eval failed: %s\n", mrt_last_error(rt)->message);
    return NULL;
  }
  char *s = mrt_value_to_string(rt, v, NULL);
  mrt_value_free(rt, v);
  return s;
}

static inline double eval_number(mrt_runtime *rt, const char *src) {
  mrt_value *v = NULL;
  assert_int_equal(mrt_execute_script(rt, "test.js", src, strlen(src), &v), MRT_OK);
  double d = mrt_value_to_number(rt, v);
  mrt_value_free(rt, v);
  return d;
}

/* Resident set size in KiB, from /proc. */
static inline long rss_kib(void) {
  FILE *f = fopen("/proc/self/statm", "r");
  long pages = 0, resident = 0;
  if (f) {
    if (fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
    fclose(f);
  }
  return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

#endif
