/* prof_cmd.h: the mrt command's measuring flags: --cpu-prof and its settings, heap snapshots
 * (at exit, on a signal) and --expose-gc. Nothing here runs unless one of them is given. */
#ifndef MRT_PROF_CMD_H
#define MRT_PROF_CMD_H

#include <pthread.h>
#include <stddef.h>

#include "mrt.h"

typedef struct prof_opts {
  int cpu;               /* --cpu-prof */
  const char *cpu_name;  /* --cpu-prof=FILE / --cpu-prof-name=FILE, else node's default name */
  const char *cpu_dir;   /* --cpu-prof-dir=DIR (default: the working directory) */
  int interval_us;       /* --cpu-prof-interval=US (default 1000) */
  int heap_on_exit;      /* --heap-snapshot-on-exit */
  int heap_signal;       /* --heap-snapshot-signal=SIG: its number, or 0 */
  int expose_gc;         /* --expose-gc */
  /* State while running. */
  int bench;             /* mrt bench: profiles per benchmark, made by the runner */
  unsigned seq;          /* files written so far (node's sequence number) */
  char *v8_flags;        /* the V8 flags with --expose-gc added (freed by prof_free) */
  pthread_t signal_thread;
  int signal_thread_on;
  mrt_runtime_handle *handle;
} prof_opts;

/* A measuring flag: 1 when arg is one (taken), 0 when it is not, -1 with err filled when its
 * value is bad. */
int prof_parse_flag(prof_opts *p, const char *arg, char *err, size_t err_len);
/* After all flags: -1 with err filled when they do not fit together. user_flags are the
 * --v8-flags; *v8_flags becomes what the runtime takes. */
int prof_check(prof_opts *p, const char *user_flags, const char **v8_flags, char *err,
               size_t err_len);
/* Before the runtime is made: blocks the snapshot signal in this thread and so in every
 * thread made from now on (the signal thread takes it with sigwait). */
void prof_before_runtime(prof_opts *p);
/* With the runtime made, before the program runs: starts the CPU profile (not for bench,
 * whose runner profiles each benchmark's measured part through mrt.ops.benchCpuProfile),
 * and the signal thread. 0, or -1 after printing why. */
int prof_start(prof_opts *p, mrt_runtime *rt);
/* The program ended (the loop is done): writes the CPU profile and the exit snapshot. */
void prof_finish(prof_opts *p, mrt_runtime *rt);
/* Stops the signal thread; frees what prof_check made. */
void prof_free(prof_opts *p);

#endif
