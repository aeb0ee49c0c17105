/* prof_cmd.c: --cpu-prof, heap snapshots and --expose-gc for the mrt command (prof_cmd.h).
 * File names follow node's: CPU.<yyyymmdd>.<hhmmss>.<pid>.<tid>.<seq>.cpuprofile and
 * Heap.<...>.heapsnapshot, tid 0 (the main thread), seq counting this process's files. */
#include "prof_cmd.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const struct {
  const char *name;
  int number;
} signal_names[] = {
    {"SIGUSR1", SIGUSR1}, {"SIGUSR2", SIGUSR2}, {"SIGHUP", SIGHUP},   {"SIGQUIT", SIGQUIT},
    {"SIGINT", SIGINT},   {"SIGTERM", SIGTERM}, {"SIGWINCH", SIGWINCH}, {"SIGPWR", SIGPWR},
    {"SIGTTIN", SIGTTIN}, {"SIGTTOU", SIGTTOU}, {"SIGURG", SIGURG},
};

/* "SIGUSR2", "USR2" or a number; 0 when unknown. */
static int parse_signal(const char *s) {
  char *end;
  long n = strtol(s, &end, 10);
  if (end != s && !*end) return n > 0 && n < NSIG && n != SIGKILL && n != SIGSTOP ? (int)n : 0;
  for (size_t i = 0; i < sizeof signal_names / sizeof signal_names[0]; i++) {
    if (strcmp(s, signal_names[i].name) == 0 || strcmp(s, signal_names[i].name + 3) == 0) {
      return signal_names[i].number;
    }
  }
  return 0;
}

static const char *flag_value(const char *arg, const char *name) {
  size_t n = strlen(name);
  return strncmp(arg, name, n) == 0 && arg[n] == '=' ? arg + n + 1 : NULL;
}

int prof_parse_flag(prof_opts *p, const char *a, char *err, size_t err_len) {
  const char *v;
  if (strcmp(a, "--cpu-prof") == 0) {
    p->cpu = 1;
  } else if ((v = flag_value(a, "--cpu-prof")) || (v = flag_value(a, "--cpu-prof-name"))) {
    if (!*v) return snprintf(err, err_len, "%s needs a file name", a), -1;
    if (a[10] == '=') p->cpu = 1; /* --cpu-prof=FILE turns it on; node's -name does not */
    p->cpu_name = v;
  } else if ((v = flag_value(a, "--cpu-prof-dir"))) {
    if (!*v) return snprintf(err, err_len, "--cpu-prof-dir needs a directory"), -1;
    p->cpu_dir = v;
  } else if ((v = flag_value(a, "--cpu-prof-interval"))) {
    char *end;
    errno = 0;
    long us = strtol(v, &end, 10);
    if (errno || end == v || *end || us <= 0 || us > 1000000) {
      return snprintf(err, err_len,
                      "invalid --cpu-prof-interval '%s': expected microseconds (1 to 1000000)",
                      v), -1;
    }
    p->interval_us = (int)us;
  } else if (strcmp(a, "--heap-snapshot-on-exit") == 0) {
    p->heap_on_exit = 1;
  } else if ((v = flag_value(a, "--heap-snapshot-signal")) ||
             (v = flag_value(a, "--heapsnapshot-signal"))) { /* node's spelling */
    p->heap_signal = parse_signal(v);
    if (!p->heap_signal) {
      return snprintf(err, err_len, "invalid --heap-snapshot-signal '%s': expected e.g. SIGUSR2",
                      v), -1;
    }
  } else if (strcmp(a, "--expose-gc") == 0 || strcmp(a, "--expose_gc") == 0) {
    p->expose_gc = 1;
  } else {
    return 0;
  }
  return 1;
}

int prof_check(prof_opts *p, const char *user_flags, const char **v8_flags, char *err,
               size_t err_len) {
  /* As node: the settings without the profile are a mistake, not silently nothing. */
  if (!p->cpu && (p->cpu_dir || p->cpu_name || p->interval_us)) {
    snprintf(err, err_len, "%s must be used with --cpu-prof",
             p->cpu_dir ? "--cpu-prof-dir" : p->cpu_name ? "--cpu-prof-name"
                                                         : "--cpu-prof-interval");
    return -1;
  }
  *v8_flags = user_flags;
  if (p->expose_gc) {
    /* V8's own gc() (node's): gc(), gc({type: 'minor'}), gc({execution: 'async'}). */
    size_t n = (user_flags ? strlen(user_flags) : 0) + sizeof " --expose-gc";
    free(p->v8_flags);
    p->v8_flags = malloc(n); /* the process's whole life on exits that skip prof_free */
    if (!p->v8_flags) return snprintf(err, err_len, "out of memory"), -1;
    snprintf(p->v8_flags, n, "%s%s--expose-gc", user_flags ? user_flags : "",
             user_flags && *user_flags ? " " : "");
    *v8_flags = p->v8_flags;
  }
  return 0;
}

/* dir/name, or name alone when it has a directory of its own or no dir is given. */
static char *join_path(const char *dir, const char *name) {
  if (!dir || name[0] == '/') return strdup(name);
  size_t n = strlen(dir) + strlen(name) + 2;
  char *out = malloc(n);
  if (out) snprintf(out, n, "%s/%s", dir, name);
  return out;
}

static char *default_name(prof_opts *p, const char *kind, const char *ext) {
  time_t now = time(NULL);
  struct tm tm;
  localtime_r(&now, &tm);
  char name[128];
  snprintf(name, sizeof name, "%s.%04d%02d%02d.%02d%02d%02d.%ld.0.%03u.%s", kind,
           tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
           (long)getpid(), ++p->seq, ext);
  return strdup(name);
}

/* mrt bench --cpu-prof=FILE: one file per benchmark, FILE with its number before the
 * extension (b.cpuprofile -> b.001.cpuprofile, b -> b.001). */
static char *numbered_name(const char *name, unsigned seq) {
  const char *slash = strrchr(name, '/'), *dot = strrchr(name, '.');
  size_t stem = dot && (!slash || dot > slash + 1) ? (size_t)(dot - name) : strlen(name);
  size_t n = strlen(name) + 16;
  char *out = malloc(n);
  if (out) snprintf(out, n, "%.*s.%03u%s", (int)stem, name, seq, name + stem);
  return out;
}

/* Ends the CPU profile and writes it: the path written (malloc'd), or NULL after printing
 * why not. */
static char *write_cpu_profile(prof_opts *p, mrt_runtime *rt) {
  char *json = NULL;
  size_t len = 0;
  if (mrt_cpu_profile_stop(rt, &json, &len) != MRT_OK) {
    fprintf(stderr, "mrt: --cpu-prof: %s\n", mrt_last_error(rt)->message);
    return NULL;
  }
  char *name = !p->cpu_name ? default_name(p, "CPU", "cpuprofile")
               : p->bench   ? numbered_name(p->cpu_name, ++p->seq)
                            : strdup(p->cpu_name);
  char *path = name ? join_path(p->cpu_dir, name) : NULL;
  free(name);
  if (p->cpu_dir) mkdir(p->cpu_dir, 0777); /* as node: made when missing */
  FILE *f = path ? fopen(path, "we") : NULL;
  int ok = f && fwrite(json, 1, len, f) == len;
  if (f && fclose(f) != 0) ok = 0;
  if (!ok) {
    fprintf(stderr, "mrt: cannot write the CPU profile '%s': %s\n", path ? path : "?",
            strerror(errno));
    free(path);
    path = NULL;
  }
  mrt_free(json);
  return path;
}

static void write_heap_snapshot(prof_opts *p, mrt_runtime *rt) {
  char *path = default_name(p, "Heap", "heapsnapshot");
  if (path && mrt_heap_snapshot(rt, path) != MRT_OK) {
    fprintf(stderr, "mrt: heap snapshot: %s\n", mrt_last_error(rt)->message);
  }
  free(path);
}

/* mrt.ops.benchCpuProfile(true) starts a profile, (false) ends it and returns its file. */
static void bench_cpu_profile_op(mrt_op_call *call) {
  prof_opts *p = mrt_op_data(call);
  mrt_runtime *rt = mrt_op_runtime(call);
  if (mrt_op_arg_boolean(call, 0)) {
    if (mrt_cpu_profile_start(rt, p->interval_us) != MRT_OK) {
      fprintf(stderr, "mrt: --cpu-prof: %s\n", mrt_last_error(rt)->message);
    }
    return;
  }
  if (!mrt_cpu_profiling(rt)) return;
  char *path = write_cpu_profile(p, rt);
  if (path) mrt_op_return_string(call, path, strlen(path));
  free(path);
}

static void heap_snapshot_task(mrt_runtime *rt, void *data, int status) {
  if (status == MRT_OK) write_heap_snapshot(data, rt);
}

/* Waits for the snapshot signal and asks the runtime's thread for a snapshot each time. */
static void *signal_main(void *data) {
  prof_opts *p = data;
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, p->heap_signal);
  for (;;) {
    int sig;
    if (sigwait(&set, &sig) != 0) continue;
    mrt_handle_post(p->handle, heap_snapshot_task, p);
  }
  return NULL;
}

void prof_before_runtime(prof_opts *p) {
  if (!p->heap_signal) return;
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, p->heap_signal);
  pthread_sigmask(SIG_BLOCK, &set, NULL);
}

int prof_start(prof_opts *p, mrt_runtime *rt) {
  if (p->heap_signal) {
    p->handle = mrt_runtime_get_handle(rt);
    if (!p->handle || pthread_create(&p->signal_thread, NULL, signal_main, p) != 0) {
      fprintf(stderr, "mrt: --heap-snapshot-signal: cannot watch the signal\n");
      return -1;
    }
    p->signal_thread_on = 1;
  }
  if (!p->cpu) return 0;
  if (p->bench) {
    mrt_op_decl op = {.name = "benchCpuProfile", .fn = bench_cpu_profile_op, .data = p};
    if (mrt_register_op(rt, &op) != MRT_OK) {
      fprintf(stderr, "mrt: --cpu-prof: %s\n", mrt_last_error(rt)->message);
      return -1;
    }
    return 0;
  }
  if (mrt_cpu_profile_start(rt, p->interval_us) != MRT_OK) {
    fprintf(stderr, "mrt: --cpu-prof: %s\n", mrt_last_error(rt)->message);
    return -1;
  }
  return 0;
}

void prof_finish(prof_opts *p, mrt_runtime *rt) {
  if (p->cpu && mrt_cpu_profiling(rt)) free(write_cpu_profile(p, rt));
  if (p->heap_on_exit) write_heap_snapshot(p, rt);
}

void prof_free(prof_opts *p) {
  if (p->signal_thread_on) {
    pthread_cancel(p->signal_thread); /* sigwait is a cancellation point */
    pthread_join(p->signal_thread, NULL);
    p->signal_thread_on = 0;
  }
  mrt_handle_release(p->handle);
  p->handle = NULL;
  free(p->v8_flags);
  p->v8_flags = NULL;
}
