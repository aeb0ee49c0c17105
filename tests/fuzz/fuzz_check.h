/* fuzz_check.h: FUZZ_CHECK, a harness's invariant check. A failed check prints what differed
 * and aborts, which both libFuzzer and the replay runner report as a crash with the input.
 * Apart from fuzz_common.h so that harnesses built without libmrt (fuzz_h1) share it. */
#ifndef MRT_FUZZ_CHECK_H
#define MRT_FUZZ_CHECK_H

#include <stdio.h>
#include <stdlib.h>

#define FUZZ_CHECK(cond, ...)                                                 \
  do {                                                                        \
    if (!(cond)) {                                                            \
      fprintf(stderr, "fuzz check failed at %s:%d: %s\n  ", __FILE__, __LINE__, #cond); \
      fprintf(stderr, __VA_ARGS__);                                           \
      fputc('\n', stderr);                                                    \
      abort();                                                                \
    }                                                                         \
  } while (0)

#endif /* MRT_FUZZ_CHECK_H */
