/* open_bench.c: the sandbox's check alone, without V8 or the worker pool around it: what
 * readFile does at the OS (open, fstat, read 4 KiB, close) with open(2), and with
 * rt_perm_open under --allow-read=DIR (the openat2 RESOLVE_BENEATH path), in rounds of
 * A B B A (unchecked, checked, checked, unchecked: a drift of the machine's load cancels);
 * prints the medians of each side's ns per read and of the rounds' ratios. run.sh builds it
 * against core/permissions.c and libmrt:
 *   open_bench DIR   (DIR holds data-4k.txt) */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "permissions.h"

enum { ROUNDS = 21, N = 20000 };

static double now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static void read_once(int fd) {
  char buf[4097];
  struct stat st;
  if (fd < 0 || fstat(fd, &st) != 0 || read(fd, buf, sizeof buf) != 4096) abort();
  close(fd);
}

int main(int argc, char **argv) {
  if (argc != 2) return 2;
  char path[4096], spec[4200], *err = NULL, *denied = NULL;
  snprintf(path, sizeof path, "%s/data-4k.txt", argv[1]);
  snprintf(spec, sizeof spec, "read=%s", argv[1]);
  rt_perms *p;
  if (rt_perms_parse(spec, &p, &err) != 0) return 1;
  double plain[ROUNDS], checked[ROUNDS], ratio[ROUNDS];
  rt_perm_kind kind;
  for (int r = 0; r < ROUNDS; r++) {
    double t[5];
    t[0] = now_ns();
    for (int i = 0; i < N; i++) read_once(open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC));
    t[1] = now_ns();
    for (int i = 0; i < 2 * N; i++) {
      read_once(rt_perm_open(p, path, O_RDONLY | O_NONBLOCK, 0, &denied, &kind));
    }
    t[2] = now_ns();
    for (int i = 0; i < N; i++) read_once(open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC));
    t[3] = now_ns();
    plain[r] = (t[1] - t[0] + t[3] - t[2]) / (2 * N);
    checked[r] = (t[2] - t[1]) / (2 * N);
    ratio[r] = checked[r] / plain[r];
  }
  qsort(plain, ROUNDS, sizeof(double), cmp);
  qsort(checked, ROUNDS, sizeof(double), cmp);
  qsort(ratio, ROUNDS, sizeof(double), cmp);
  printf("open+fstat+read+close of 4 KiB: unchecked %.0f ns, checked %.0f ns; "
         "checked/unchecked %.3fx (median of %d rounds, quartiles %.3f-%.3f)\n",
         plain[ROUNDS / 2], checked[ROUNDS / 2], ratio[ROUNDS / 2], ROUNDS, ratio[ROUNDS / 4],
         ratio[3 * ROUNDS / 4]);
  rt_perms_free(p);
  return 0;
}
