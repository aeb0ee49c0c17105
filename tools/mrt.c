/* mrt.c: the mrt command. Runs a script or module with the host API, reports uncaught errors
 * with file:line:column, and exits 0 on success, 1 on an error, 2 on a usage error. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "mrt.h"
#include "inspect_cmd.h"
#include "perm_flags.h"
#include "prof_cmd.h"
#include "repl.h"
#include "serve_cmd.h"
#include "serve_fresh.h"

enum { EXIT_USAGE = 2 };
enum { MODE_AUTO, MODE_MODULE, MODE_SCRIPT };

static const char usage_text[] =
    "Usage: mrt [options] [run] FILE [args...]\n"
    "       mrt [options] eval CODE\n"
    "       mrt [options] -p CODE   (or --print, or eval -p: print CODE's result)\n"
    "       mrt [options] [-]       (a REPL on a terminal; else the program on stdin)\n"
    "       mrt [options] bench [--json] [--filter=PATTERN] [--histogram] [--time-limit=MS]\n"
    "                          FILE...\n"
    "       mrt [options] serve [--port N] [--host H] [--workers N|auto] [--fresh-runtime] FILE\n"
    "\n"
    "Runs a JavaScript file with timers, microtasks, console, modules, files and TCP.\n"
    "\n"
    "Options:\n"
    "  --max-heap-size=MB    maximum V8 heap size, at least 8 (default: V8's choice)\n"
    "  --initial-heap-size=MB  initial old-generation size, at most --max-heap-size\n"
    "  --v8-flags=FLAGS      V8 flags, e.g. --v8-flags=\"--no-opt --stack-size=2000\"\n"
    "  --module              run FILE (or CODE) as an ES module\n"
    "  --script              run FILE (or CODE) as a classic script\n"
    "                        (default: as Node: .mjs is a module, .cjs CommonJS, .js as the\n"
    "                        nearest package.json \"type\" says, else a module when it uses\n"
    "                        module syntax and CommonJS otherwise; eval code is a module\n"
    "                        when it uses module syntax, else a classic script;\n"
    "                        .ts/.mts/.cts as .js/.mjs/.cjs, types stripped)\n"
    "  --enable-source-maps  stack traces of JS files with a //# sourceMappingURL= comment\n"
    "                        point at the original sources\n"
    "  --timeout=MS          stop with an error when the program runs longer than MS\n"
    "  --import-map=FILE     apply the import map in FILE (JSON: \"imports\", \"scopes\")\n"
    "                        to every import of the program\n"
    "  --cache-dir=DIR       keep V8's compiled code of the script and its modules in DIR\n"
    "                        (created if missing) and reuse it on later runs; an unusable\n"
    "                        DIR is ignored silently (--trace-startup says why)\n"
    "  --trace-startup[=json]  print the start-up phases (microseconds) on stderr; for\n"
    "                        modules also resolve, read, compile, instantiate and evaluate,\n"
    "                        and the slowest modules\n"
    "  --cpu-prof[=FILE]     write a CPU profile (.cpuprofile, for Chrome DevTools or\n"
    "                        speedscope) when the program ends; default name as node's,\n"
    "                        CPU.<date>.<time>.<pid>.<tid>.<seq>.cpuprofile. With mrt bench:\n"
    "                        one profile of each benchmark's measured iterations\n"
    "  --cpu-prof-dir=DIR    where profiles go (made if missing; default: the working dir)\n"
    "  --cpu-prof-interval=US  sampling interval in microseconds (default 1000)\n"
    "  --heap-snapshot-on-exit  write Heap.<date>.<time>.<pid>.<tid>.<seq>.heapsnapshot\n"
    "                        (Chrome DevTools' Memory panel) when the program ends\n"
    "  --heap-snapshot-signal=SIG  write one each time SIG (e.g. SIGUSR2) comes\n"
    "  --expose-gc           define gc() (a full collection), as node --expose-gc\n"
    "  -p, --print           print the result of CODE (a classic script), as node -p\n"
    "  --sandbox             deny every file, network, environment and child-process access\n"
    "                        the flags below do not grant (any --allow-* turns it on too);\n"
    "                        a denied op throws NotCapable\n"
    "  --allow-read[=PATHS]  allow reading (PATHS: comma-separated files or directories)\n"
    "  --allow-write[=PATHS] allow writing\n"
    "  --allow-net[=HOSTS]   allow network access (HOST[:PORT],...; localhost is 127.0.0.1\n"
    "                        and ::1; 0.0.0.0 must be named to listen on it)\n"
    "  --allow-env[=NAMES]   allow reading and setting environment variables\n"
    "  --allow-run[=PROGRAMS]  allow child processes (and signals to other processes)\n"
    "  --allow-ffi           allow native libraries (reserved: mrt has no FFI yet)\n"
    "  -A, --allow-all       allow everything (the sandbox on, nothing denied)\n"
    "  --inspect[=[HOST:]PORT]  serve the Chrome DevTools Protocol (default 127.0.0.1:9229)\n"
    "  --inspect-brk[=[HOST:]PORT]  the same, waiting for a debugger, paused at the start\n"
    "  --inspect-wait[=[HOST:]PORT]  the same, waiting for a debugger before running\n"
    "  -v, --version         print mrt's and V8's versions\n"
    "\n"
    "mrt serve FILE answers HTTP requests with FILE's default export { fetch(request, env,\n"
    "ctx) }. Its options: --port N (default 8000; 0: any free port), --host H (default\n"
    "0.0.0.0), --workers N|auto (processes sharing the port), --max-body-size BYTES\n"
    "(default 128 MiB: 413 above), --header-timeout MS (10000: 408), --idle-timeout MS\n"
    "(5000), --request-timeout MS (300000: 503), --trace-startup (when it listened, and\n"
    "when the first request came and its response went), --fresh-runtime (each request in\n"
    "a new runtime made from a snapshot, as isolate-based platforms do; its times in a\n"
    "Server-Timing header, and per request on stderr with --trace-startup;\n"
    "=builtin-snapshot: from the built-in snapshot, not one with fetch's classes loaded;\n"
    "=prewarm: each made once the previous response is out, before its request comes).\n"
    "  -h, --help            print this help\n"
    "\n"
    "mrt with no FILE on a terminal starts a REPL: line editing and history\n"
    "(~/.mrt_repl_history, or $MRT_REPL_HISTORY; empty: none), multi-line input, top-level\n"
    "await, _ and _error, .help, .exit, Ctrl-C (twice to exit), Ctrl-D.\n";

typedef struct cli {
  mrt_options opts;
  const char *command; /* "run", "eval", "bench" or "serve" */
  serve_opts serve;    /* serve's flags */
  const char *target;  /* file or code */
  int mode;            /* MODE_AUTO, MODE_MODULE (--module) or MODE_SCRIPT (--script) */
  long timeout_ms;     /* --timeout, 0 for none */
  int trace;           /* --trace-startup: 1 text, 2 JSON */
  int bench_json;      /* bench --json */
  const char *bench_filter;
  int bench_histogram;         /* bench --histogram */
  double bench_time_limit;     /* bench --time-limit=MS, 0 for none */
  prof_opts prof;              /* --cpu-prof, heap snapshots, --expose-gc */
  const char *import_map_file; /* --import-map */
  inspect_opts inspect;        /* --inspect, --inspect-brk, --inspect-wait */
  int print;      /* -p, --print */
  int repl;       /* no FILE, stdin a terminal */
  int from_stdin; /* the program (or -p's code) is stdin: `mrt -`, or piped */
  int argc;
  char **argv;
} cli;

/* The sandbox's grants (--sandbox, --allow-*): mrt_options.permissions; NULL: none. */
static char *perm_spec;

static int usage_error(const char *fmt, const char *arg) {
  fprintf(stderr, "mrt: ");
  fprintf(stderr, fmt, arg);
  fprintf(stderr, "\nRun 'mrt --help' for usage.\n");
  return EXIT_USAGE;
}

/* Parses a positive size in MB; -1 when malformed. */
static long parse_mb(const char *s) {
  char *end;
  errno = 0;
  long v = strtol(s, &end, 10);
  if (errno || end == s || *end || v <= 0 || v > 1024L * 1024) return -1;
  return v;
}

static const char *flag_value(const char *arg, const char *name) {
  size_t n = strlen(name);
  return strncmp(arg, name, n) == 0 && arg[n] == '=' ? arg + n + 1 : NULL;
}

/* Returns -1 to go on, or an exit code. */
/* Options come before the file, and may follow the command word (`mrt run --flag file`). */
static int parse_args(int argc, char **argv, cli *c) {
  mrt_options_init(&c->opts);
  c->command = NULL;
  c->mode = MODE_AUTO;
  serve_opts_init(&c->serve);
  int i = 1;
  for (; i < argc; i++) {
    const char *a = argv[i], *v;
    int pr;
    if (!c->command &&
        (strcmp(a, "run") == 0 || strcmp(a, "eval") == 0 || strcmp(a, "bench") == 0 ||
         strcmp(a, "serve") == 0)) {
      c->command = a;
      continue;
    }
    if (a[0] != '-' || strcmp(a, "-") == 0) break;
    if (strcmp(a, "--") == 0) {
      i++;
      break;
    }
    if (c->command && strcmp(c->command, "serve") == 0) {
      char err[256];
      int used_next = 0;
      int r = serve_parse_flag(&c->serve, a, i + 1 < argc ? argv[i + 1] : NULL, &used_next, err,
                               sizeof err);
      if (r < 0) return usage_error("%s", err);
      if (r > 0) {
        i += used_next;
        continue;
      }
    }
    if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
      fputs(usage_text, stdout);
      return 0;
    }
    if (strcmp(a, "-v") == 0 || strcmp(a, "--version") == 0) {
      printf("mrt %s\nv8 %s\n", mrt_version(), mrt_v8_version());
      return 0;
    }
    if (strcmp(a, "-p") == 0 || strcmp(a, "--print") == 0) {
      c->print = 1;
    } else if (strcmp(a, "--module") == 0 || strcmp(a, "--script") == 0) {
      c->mode = a[2] == 'm' ? MODE_MODULE : MODE_SCRIPT;
    } else if (strcmp(a, "--enable-source-maps") == 0) {
      c->opts.flags |= MRT_RUNTIME_SOURCE_MAPS;
    } else if ((v = flag_value(a, "--max-heap-size"))) {
      long mb = parse_mb(v);
      if (mb < 0) return usage_error("invalid --max-heap-size '%s': expected megabytes", v);
      c->opts.max_heap_mb = (size_t)mb;
    } else if ((v = flag_value(a, "--initial-heap-size"))) {
      long mb = parse_mb(v);
      if (mb < 0) return usage_error("invalid --initial-heap-size '%s': expected megabytes", v);
      c->opts.initial_heap_mb = (size_t)mb;
    } else if ((v = flag_value(a, "--v8-flags"))) {
      c->opts.v8_flags = v;
    } else if ((v = flag_value(a, "--cache-dir"))) {
      if (!*v) return usage_error("%s", "--cache-dir needs a directory");
      c->opts.cache_dir = v;
    } else if ((v = flag_value(a, "--import-map"))) {
      if (!*v) return usage_error("%s", "--import-map needs a file");
      c->import_map_file = v;
    } else if ((v = flag_value(a, "--timeout"))) {
      char *end;
      errno = 0;
      c->timeout_ms = strtol(v, &end, 10);
      if (errno || end == v || *end || c->timeout_ms <= 0) {
        return usage_error("invalid --timeout '%s': expected milliseconds", v);
      }
    } else if (strncmp(a, "--inspect", 9) == 0 && (a[9] == '\0' || a[9] == '=' || a[9] == '-')) {
      if (inspect_parse_flag(&c->inspect, a) != 0) {
        return usage_error("invalid '%s': expected --inspect[-brk|-wait][=[host:]port]", a);
      }
    } else if (strcmp(a, "--trace-startup") == 0) {
      c->trace = 1;
    } else if ((v = flag_value(a, "--trace-startup"))) {
      if (strcmp(v, "json") != 0) return usage_error("invalid --trace-startup '%s': only =json", v);
      c->trace = 2;
    } else if (c->command && strcmp(c->command, "bench") == 0 && strcmp(a, "--json") == 0) {
      c->bench_json = 1;
    } else if (c->command && strcmp(c->command, "bench") == 0 &&
               (v = flag_value(a, "--filter"))) {
      c->bench_filter = v;
    } else if (c->command && strcmp(c->command, "bench") == 0 &&
               strcmp(a, "--histogram") == 0) {
      c->bench_histogram = 1;
    } else if (c->command && strcmp(c->command, "bench") == 0 &&
               (v = flag_value(a, "--time-limit"))) {
      char *end;
      c->bench_time_limit = strtod(v, &end);
      if (end == v || *end || !(c->bench_time_limit > 0 && c->bench_time_limit < 1e12)) {
        return usage_error("invalid --time-limit '%s': expected milliseconds", v);
      }
    } else if ((pr = perm_flag(a, &perm_spec)) != 0) {
      if (pr < 0) return usage_error("%s", "out of memory");
      c->opts.permissions = perm_spec;
    } else {
      char err[256];
      int r = prof_parse_flag(&c->prof, a, err, sizeof err);
      if (r < 0) return usage_error("%s", err);
      if (r == 0) return usage_error("unknown option '%s'", a);
    }
  }
  {
    char err[256];
    if (prof_check(&c->prof, c->opts.v8_flags, &c->opts.v8_flags, err, sizeof err) != 0) {
      return usage_error("%s", err);
    }
  }
  /* What V8 cannot start with (mrt_runtime_new refuses the same). */
  if (c->opts.max_heap_mb && c->opts.max_heap_mb < MRT_MIN_HEAP_MB) {
    char minimum[64];
    snprintf(minimum, sizeof minimum, "%d", MRT_MIN_HEAP_MB);
    return usage_error("invalid --max-heap-size: the minimum is %s (MB)", minimum);
  }
  if (c->opts.max_heap_mb && c->opts.initial_heap_mb > c->opts.max_heap_mb) {
    return usage_error("%s", "invalid --initial-heap-size: above --max-heap-size");
  }
  /* No FILE: a REPL on a terminal, else the program on stdin (as node); `-` is stdin. */
  int stdin_ok = (!c->command || strcmp(c->command, "run") == 0 || c->print) &&
                 (i >= argc ? !c->command || c->print : strcmp(argv[i], "-") == 0);
  if (stdin_ok) {
    if (c->print && i >= argc && isatty(0)) return usage_error("%s", "-p needs code");
    c->repl = i >= argc && !c->print && isatty(0);
    c->from_stdin = !c->repl;
    c->command = "eval";
    c->argc = i < argc ? argc - i - 1 : 0;
    c->argv = argv + (i < argc ? i + 1 : argc);
    return -1;
  }
  if (c->print && !c->command) c->command = "eval";
  if (!c->command) c->command = "run";
  if (strcmp(c->command, "serve") == 0) {
    c->serve.trace = c->trace != 0;
    c->mode = MODE_MODULE;
    if (c->serve.workers > 1 && c->serve.port == 0) {
      return usage_error("%s", "--workers needs a fixed --port (they share it)");
    }
  }
  if (i >= argc) {
    return usage_error("%s", strcmp(c->command, "eval") == 0 ? "eval needs code"
                                                              : "no script file given");
  }
  c->target = argv[i];
  c->argc = argc - i - 1;
  c->argv = argv + i + 1;
  if (strcmp(c->command, "serve") == 0) {
    /* `mrt serve app.js --port 8080`: serve's flags may follow the file too. */
    for (int k = i + 1; k < argc; k++) {
      char err[256];
      int used_next = 0;
      if (strcmp(argv[k], "--trace-startup") == 0) {
        c->trace = c->serve.trace = 1;
        continue;
      }
      int r = serve_parse_flag(&c->serve, argv[k], k + 1 < argc ? argv[k + 1] : NULL,
                               &used_next, err, sizeof err);
      if (r < 0) return usage_error("%s", err);
      if (r == 0) return usage_error("unknown serve option '%s'", argv[k]);
      k += used_next;
    }
    c->argc = 0;
    if (c->serve.workers > 1 && c->serve.port == 0) {
      return usage_error("%s", "--workers needs a fixed --port (they share it)");
    }
    if (c->serve.workers > 1 && c->inspect.on) { /* each worker would take the same port */
      return usage_error("%s", "--inspect debugs one process: not with --workers");
    }
  }
  return -1;
}

/* Reads a whole script; NULL with errno set on failure (EISDIR, EFBIG above
 * MRT_MAX_SOURCE_BYTES, ENODEV for files that are not regular: a FIFO or a device would
 * block or never end, and the --timeout watchdog is not running yet). */
static char *read_file(const char *path, size_t *len) {
  int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return NULL;
  struct stat st;
  int err = fstat(fd, &st) != 0        ? errno
            : S_ISDIR(st.st_mode)      ? EISDIR
            : !S_ISREG(st.st_mode)     ? ENODEV
            : (uint64_t)st.st_size > MRT_MAX_SOURCE_BYTES ? EFBIG
                                       : 0;
  size_t cap = st.st_size > 0 ? (size_t)st.st_size + 1 : 4096, n = 0;
  char *buf = err ? NULL : malloc(cap);
  if (!err && !buf) err = ENOMEM;
  while (!err) { /* size 0 (/proc) may still have content: read until EOF */
    size_t want = cap - n - 1 > (1 << 20) ? (1 << 20) : cap - n - 1;
    ssize_t r = read(fd, buf + n, want);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) err = errno;
    if (r <= 0) break;
    n += (size_t)r;
    if (n > MRT_MAX_SOURCE_BYTES) err = EFBIG;
    else if (n + 1 == cap) {
      char *grown = realloc(buf, cap * 2);
      if (!grown) err = ENOMEM;
      else buf = grown, cap *= 2;
    }
  }
  close(fd);
  if (err) {
    free(buf);
    errno = err;
    return NULL;
  }
  buf[n] = '\0';
  *len = n;
  return buf;
}

/* Why read_file failed, for "mrt: cannot read 'x': ..." */
static const char *read_error(int err) {
  static char too_large[64];
  if (err == ENODEV) return "not a regular file";
  if (err != EFBIG) return strerror(err);
  snprintf(too_large, sizeof too_large, "file too large (the limit is %zu MiB)",
           MRT_MAX_SOURCE_BYTES >> 20);
  return too_large;
}

/* ---- modules ---- */

static int ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), k = strlen(suffix);
  return n >= k && strcmp(s + n - k, suffix) == 0;
}

enum { RUN_SCRIPT, RUN_MODULE, RUN_COMMONJS };

/* How the main runs: --module and --script force; `mrt run FILE` follows Node
 * (mrt_main_format: .mjs, .cjs, package.json "type", else module syntax: an ES module or
 * CommonJS); eval code and bench files are modules when they use module syntax, else
 * classic scripts. */
static int main_kind(const cli *c, mrt_runtime *rt, const char *name, const char *src,
                     size_t len) {
  if (c->mode == MODE_MODULE) return RUN_MODULE;
  if (c->mode == MODE_SCRIPT) return RUN_SCRIPT;
  int run = strcmp(c->command, "run") == 0 && name[0] == '/';
  if (mrt_main_format(rt, run ? name : NULL, src, len) == MRT_MAIN_ESM) return RUN_MODULE;
  return run ? RUN_COMMONJS : RUN_SCRIPT;
}

/* The syntax errors V8 gives a classic script that uses module syntax. Only a compile
 * error of the script itself counts (no stack frames: nothing ran). */
static int is_module_syntax_error(const mrt_error *e) {
  static const char *const messages[] = {
      "Cannot use import statement outside a module",
      "Unexpected token 'export'",
      "Cannot use 'import.meta' outside a module",
      "await is only valid in async functions and the top level bodies of modules",
      "Unexpected reserved word",
  };
  if (!e->name || strcmp(e->name, "SyntaxError") != 0 || !e->message) return 0;
  if (e->stack && strstr(e->stack, "\n    at ")) return 0;
  for (size_t i = 0; i < sizeof messages / sizeof messages[0]; i++) {
    if (strcmp(e->message, messages[i]) == 0) return 1;
  }
  return 0;
}

/* Loads, evaluates and waits for the main module (its top-level await included): MRT_OK,
 * an error, or MRT_ESTALLED when the loop ran dry with the evaluation still pending. */
static int run_module(mrt_runtime *rt, const char *name, const char *source, size_t len) {
  int id;
  int rc = mrt_load_main_module(rt, name, source, len, &id);
  if (rc) return rc;
  mrt_value *promise = NULL;
  rc = mrt_mod_evaluate(rt, id, &promise);
  if (rc) return rc;
  rc = mrt_resolve_value(rt, promise, NULL);
  mrt_value_free(rt, promise);
  return rc;
}

static int report(mrt_runtime *rt, int rc) {
  if (rc == MRT_ETERMINATED && mrt_exit_code(rt) >= 0) return mrt_exit_code(rt);
  mrt_flush(rt);
  char *msg = mrt_error_format(mrt_last_error(rt));
  fputs(msg ? msg : "Uncaught error\n", stderr);
  mrt_free(msg);
  return 1;
}

/* ---------------------------------------------------------------- --timeout */

/* After mrt_terminate, the program has this long to end (flush and exit) before the watchdog
 * ends the process itself: something termination cannot reach (a write to a stdout pipe
 * nobody reads once the termination was reported) must not outlive --timeout. */
#define WATCHDOG_GRACE_MS 1000

typedef struct watchdog {
  pthread_t thread;
  pthread_mutex_t lock;
  pthread_cond_t done_cond;
  int done, fired, finished;
  atomic_int reported; /* the "timed out" message was printed (by main or the watchdog) */
  long ms;
  mrt_runtime *rt;
} watchdog;

static struct timespec deadline_in(long ms) {
  struct timespec until;
  clock_gettime(CLOCK_REALTIME, &until);
  until.tv_sec += ms / 1000;
  until.tv_nsec += (ms % 1000) * 1000000L;
  if (until.tv_nsec >= 1000000000L) {
    until.tv_sec++;
    until.tv_nsec -= 1000000000L;
  }
  return until;
}

static void timed_out_message(watchdog *w) {
  if (!atomic_exchange(&w->reported, 1)) {
    fprintf(stderr, "mrt: execution timed out after %ld ms\n", w->ms);
  }
}

static void *watchdog_main(void *arg) {
  watchdog *w = arg;
  struct timespec until = deadline_in(w->ms);
  pthread_mutex_lock(&w->lock);
  while (!w->done) {
    if (pthread_cond_timedwait(&w->done_cond, &w->lock, &until) == ETIMEDOUT) {
      if (!w->done) {
        w->fired = 1;
        mrt_terminate(w->rt);
      }
      break;
    }
  }
  if (w->fired) {
    until = deadline_in(WATCHDOG_GRACE_MS);
    while (!w->finished) {
      if (pthread_cond_timedwait(&w->done_cond, &w->lock, &until) == ETIMEDOUT) {
        if (w->finished) break;
        timed_out_message(w);
        _exit(1);
      }
    }
  }
  pthread_mutex_unlock(&w->lock);
  return NULL;
}

static void watchdog_start(watchdog *w, mrt_runtime *rt, long ms) {
  memset(w, 0, sizeof *w);
  w->rt = rt;
  w->ms = ms;
  atomic_init(&w->reported, 0);
  pthread_mutex_init(&w->lock, NULL);
  pthread_cond_init(&w->done_cond, NULL);
  pthread_create(&w->thread, NULL, watchdog_main, w);
}

/* The program ran to its end (or was terminated): 1 if the watchdog fired. After firing it
 * still watches, until watchdog_finish, that the program ends. */
static int watchdog_stop(watchdog *w) {
  pthread_mutex_lock(&w->lock);
  w->done = 1;
  pthread_cond_signal(&w->done_cond);
  int fired = w->fired;
  pthread_mutex_unlock(&w->lock);
  return fired;
}

/* Everything is written: the watchdog ends. */
static void watchdog_finish(watchdog *w) {
  pthread_mutex_lock(&w->lock);
  w->done = w->finished = 1;
  pthread_cond_signal(&w->done_cond);
  pthread_mutex_unlock(&w->lock);
  pthread_join(w->thread, NULL);
  pthread_mutex_destroy(&w->lock);
  pthread_cond_destroy(&w->done_cond);
}

/* ---------------------------------------------------------------- --trace-startup */

static uint64_t now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

enum { TRACE_SLOWEST = 10 }; /* modules listed by --trace-startup */

typedef struct phase {
  const char *name;
  uint64_t ns;
} phase;

typedef struct trace {
  phase phases[16];
  int n;
  uint64_t pre_main_cpu_ns; /* CPU time before main: dynamic loading, constructors */
  uint64_t loaded_cpu_ns;   /* ... of which until the libraries were loaded and relocated */
  uint64_t main_ns;         /* when main started */
  /* Minor page faults (getrusage): before main, and after the runtime was made. Each costs
   * ~1.5 us on the VMs we measure on (anonymous: zeroing, memcg; file: mapping, or copying
   * a page relocations write), so they explain much of the time the phases take. */
  long faults_main, faults_runtime;
  int from_snapshot;
  int cache_on;             /* --cache-dir */
  mrt_startup_times cache;  /* its counters at the end; cache.cache: the script's result */
  unsigned builtin_hits, builtin_rejected; /* lazy built-in files: from their code cache, not */
  mrt_module_times mods;    /* the module graphs' phases */
  mrt_module_time slowest[TRACE_SLOWEST];
  char *slowest_url[TRACE_SLOWEST]; /* copies: printed after the runtime may be freed */
  size_t nslowest;
} trace;

/* The process's CPU time when the dynamic linker had mapped and relocated every library and
 * was about to run their static constructors: an executable's .preinit_array runs before
 * any of them. --trace-startup splits "process start -> main" there. */
static uint64_t loaded_cpu_ns;
static void mark_loaded(void) {
  struct timespec ts;
  if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) == 0)
    loaded_cpu_ns = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}
__attribute__((section(".preinit_array"), used)) static void (*const mark_loaded_at)(void) = mark_loaded;

static long minor_faults(void) {
  struct rusage ru;
  return getrusage(RUSAGE_SELF, &ru) == 0 ? ru.ru_minflt : 0;
}

static void trace_add(trace *t, const char *name, uint64_t ns) {
  if (t->n < (int)(sizeof t->phases / sizeof t->phases[0])) t->phases[t->n++] = (phase){name, ns};
}

static const char *cache_state_name(int state) {
  static const char *const names[] = {"off", "miss", "hit", "rejected", "invalid"};
  return state >= 0 && state <= 4 ? names[state] : "?";
}

/* A JS (and JSON) string literal of s (malloc'd), defined below. */
static char *js_string_literal(const char *s);

static void trace_print(const trace *t, int json) {
  uint64_t total = now_ns() - t->main_ns;
  const mrt_startup_times *c = &t->cache;
  if (json) {
    fprintf(stderr, "{\"pre_main_cpu_us\":%.1f,\"loaded_cpu_us\":%.1f,\"from_snapshot\":%s,"
            "\"phases\":[", t->pre_main_cpu_ns / 1e3, t->loaded_cpu_ns / 1e3,
            t->from_snapshot ? "true" : "false");
    for (int i = 0; i < t->n; i++) {
      fprintf(stderr, "%s{\"name\":\"%s\",\"us\":%.1f}", i ? "," : "", t->phases[i].name,
              t->phases[i].ns / 1e3);
    }
    fprintf(stderr, "],\"main_to_exit_us\":%.1f", total / 1e3);
    fprintf(stderr, ",\"page_faults\":{\"before_main\":%ld,\"runtime\":%ld,\"rest\":%ld}",
            t->faults_main, t->faults_runtime - t->faults_main, minor_faults() - t->faults_runtime);
    fprintf(stderr, ",\"builtin_cache\":{\"hits\":%u,\"rejected\":%u}", t->builtin_hits,
            t->builtin_rejected);
    const mrt_module_times *m = &t->mods;
    fprintf(stderr,
            ",\"modules\":{\"count\":%zu,\"resolve_us\":%.1f,\"read_us\":%.1f,"
            "\"compile_us\":%.1f,\"instantiate_us\":%.1f,\"evaluate_us\":%.1f,\"slowest\":[",
            m->modules, m->resolve_ns / 1e3, m->read_ns / 1e3, m->compile_ns / 1e3,
            m->instantiate_ns / 1e3, m->evaluate_ns / 1e3);
    for (size_t i = 0; i < t->nslowest; i++) {
      char *url = js_string_literal(t->slowest_url[i] ? t->slowest_url[i] : "");
      const mrt_module_time *s = &t->slowest[i];
      fprintf(stderr, "%s{\"url\":%s,\"total_us\":%.1f,\"read_us\":%.1f,\"compile_us\":%.1f,"
              "\"resolve_us\":%.1f}", i ? "," : "", url ? url : "\"\"", s->total_ns / 1e3,
              s->read_ns / 1e3, s->compile_ns / 1e3, s->resolve_ns / 1e3);
      free(url);
    }
    fputs("]}", stderr);
    if (t->cache_on) {
      fprintf(stderr,
              ",\"cache\":{\"script\":%s%s%s,\"read_us\":%.1f,\"hits\":%u,\"misses\":%u,"
              "\"rejected\":%u,\"invalid\":%u,\"writes\":%u,\"write_errors\":%u,"
              "\"write_us\":%.1f,\"error\":\"%s\"}",
              c->cache ? "\"" : "", c->cache ? cache_state_name(c->cache) : "null",
              c->cache ? "\"" : "", c->cache_read_ns / 1e3, c->cache_hits, c->cache_misses,
              c->cache_rejected, c->cache_invalid, c->cache_writes, c->cache_write_errors,
              c->cache_write_ns / 1e3,
              c->cache_error ? strerror(c->cache_error) : "");
    }
    fputs("}\n", stderr);
    return;
  }
  fprintf(stderr, "mrt startup (us)%s\n", t->from_snapshot ? ", from snapshot" : "");
  fprintf(stderr, "  %-22s %10.1f  (CPU time before main)\n", "process start -> main",
          t->pre_main_cpu_ns / 1e3);
  if (t->loaded_cpu_ns && t->loaded_cpu_ns <= t->pre_main_cpu_ns) {
    fprintf(stderr, "    %-20s %10.1f  (exec, mapping and relocating the libraries)\n",
            "loading", t->loaded_cpu_ns / 1e3);
    fprintf(stderr, "    %-20s %10.1f  (the libraries' static constructors)\n", "constructors",
            (t->pre_main_cpu_ns - t->loaded_cpu_ns) / 1e3);
  }
  uint64_t covered = 0;
  for (int i = 0; i < t->n; i++) {
    fprintf(stderr, "  %-22s %10.1f\n", t->phases[i].name, t->phases[i].ns / 1e3);
    covered += t->phases[i].ns;
  }
  /* Arguments, output flushing, the trace's own reading: so the lines add up. */
  fprintf(stderr, "  %-22s %10.1f\n", "between phases",
          total > covered ? (total - covered) / 1e3 : 0.0);
  fprintf(stderr, "  %-22s %10.1f\n", "main -> exit", total / 1e3);
  fprintf(stderr, "  page faults: %ld before main, %ld making the runtime (V8 init to bootstrap), "
          "%ld after\n", t->faults_main, t->faults_runtime - t->faults_main,
          minor_faults() - t->faults_runtime);
  if (t->mods.modules) {
    const mrt_module_times *m = &t->mods;
    fprintf(stderr,
            "  modules: %zu; resolve %.1f, read %.1f, compile %.1f, instantiate %.1f, "
            "evaluate %.1f\n", m->modules, m->resolve_ns / 1e3, m->read_ns / 1e3,
            m->compile_ns / 1e3, m->instantiate_ns / 1e3, m->evaluate_ns / 1e3);
    fprintf(stderr, "  slowest modules (read + compile + resolving imports):\n");
    for (size_t i = 0; i < t->nslowest; i++) {
      const mrt_module_time *s = &t->slowest[i];
      fprintf(stderr, "  %10.1f  %s (read %.1f, compile %.1f, resolve %.1f)\n", s->total_ns / 1e3,
              t->slowest_url[i] ? t->slowest_url[i] : "?", s->read_ns / 1e3,
              s->compile_ns / 1e3, s->resolve_ns / 1e3);
    }
  }
  if (t->builtin_hits || t->builtin_rejected) {
    fprintf(stderr, "  built-in files: %u from their code cache, %u rejected by V8 (compiled)\n",
            t->builtin_hits, t->builtin_rejected);
  }
  if (t->cache_on) {
    fputs("  cache:", stderr);
    if (c->cache) {
      fprintf(stderr, " script %s (look-up %.1f us, part of compile);",
              cache_state_name(c->cache), c->cache_read_ns / 1e3);
    }
    fprintf(stderr, " %u hit, %u miss, %u rejected, %u invalid; %u written (%.1f us)",
            c->cache_hits, c->cache_misses, c->cache_rejected, c->cache_invalid,
            c->cache_writes, c->cache_write_ns / 1e3);
    if (c->cache_error) {
      fprintf(stderr, "; %u failed write(s); last error: %s", c->cache_write_errors,
              strerror(c->cache_error));
    }
    fputc('\n', stderr);
  }
}

/* The caches' counters for the trace. */
static void trace_cache(trace *t, mrt_runtime *rt) {
  int script = t->cache.cache; /* 0 when the file ran as a module */
  mrt_startup_times st;
  mrt_get_startup_times(rt, &st);
  t->builtin_hits = st.builtin_cache_hits;
  t->builtin_rejected = st.builtin_cache_rejected;
  if (mrt_get_module_times(rt, &t->mods, t->slowest, TRACE_SLOWEST, &t->nslowest) != MRT_OK) {
    t->nslowest = 0;
  }
  for (size_t i = 0; i < t->nslowest; i++) {
    t->slowest_url[i] = t->slowest[i].url ? strdup(t->slowest[i].url) : NULL;
  }
  if (!t->cache_on) return;
  t->cache = st;
  t->cache.cache = script;
}

/* ---------------------------------------------------------------- running */

/* Loads the file or code as a script or a module (the mode rules above): MRT_OK or an error;
 * a module's evaluation has settled when it returns. */
static int run_main(cli *c, mrt_runtime *rt, const char *name, const char *source, size_t len,
                    trace *t, int *status) {
  uint64_t t0 = now_ns();
  int kind = main_kind(c, rt, name, source, len);
  uint64_t kind_ns = now_ns() - t0; /* package.json's "type", or a scan for module syntax */
  trace_add(t, "main's format", kind_ns);
  int module = kind == RUN_MODULE;
  int rc = MRT_OK;
  if (!module) {
    rc = kind == RUN_COMMONJS ? mrt_run_commonjs_main(rt, name, source, len)
                              : mrt_execute_script(rt, name, source, len, NULL);
    /* Auto mode: a compile that failed on module syntax the scan missed runs as a module. */
    if (rc == MRT_EEXCEPTION && c->mode == MODE_AUTO && !ends_with(name, ".cjs") &&
        is_module_syntax_error(mrt_last_error(rt))) {
      module = 1;
    } else {
      mrt_startup_times st;
      mrt_get_startup_times(rt, &st);
      trace_add(t, "compile", st.compile_ns);
      /* The run, with what surrounds it: a CommonJS main's module and require first. */
      uint64_t ran = now_ns() - t0 - kind_ns;
      trace_add(t, "evaluate", ran > st.compile_ns + st.cache_write_ns
                                   ? ran - st.compile_ns - st.cache_write_ns
                                   : st.run_ns);
      if (st.cache) t->cache.cache = st.cache;
      if (st.cache_write_ns) trace_add(t, "cache write", st.cache_write_ns);
    }
  }
  if (module) {
    rc = run_module(rt, name, source, len);
    trace_add(t, "module load+evaluate", now_ns() - t0 - kind_ns);
    if (rc == MRT_ESTALLED) {
      mrt_flush(rt);
      fprintf(stderr, "error: Top-level await promise never resolved (%s)\n",
              mrt_last_error(rt)->file ? mrt_last_error(rt)->file : name);
      *status = 1;
      rc = MRT_OK;
    }
  }
  return rc;
}

/* A JS string literal of s (malloc'd): quotes, backslashes and control characters escaped. */
static char *js_string_literal(const char *s) {
  char *out = malloc(strlen(s) * 6 + 3), *o = out;
  if (!out) return NULL;
  *o++ = '"';
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (*p == '"' || *p == '\\') {
      *o++ = '\\';
      *o++ = (char)*p;
    } else if (*p < 0x20) {
      o += sprintf(o, "\\u%04x", *p);
    } else {
      *o++ = (char)*p;
    }
  }
  *o++ = '"';
  *o = '\0';
  return out;
}

/* Runs fmt % arg (a call of the bench runner) and waits for the number it settles with. */
static int run_bench_code(mrt_runtime *rt, const char *fmt, const char *arg, double *result) {
  size_t n = strlen(fmt) + strlen(arg) + 1;
  char *code = malloc(n);
  if (!code) return MRT_ENOMEM;
  snprintf(code, n, fmt, arg);
  mrt_value *promise = NULL, *value = NULL;
  int rc = mrt_execute_script(rt, "[bench]", code, strlen(code), &promise);
  if (!rc) rc = mrt_resolve_value(rt, promise, &value);
  if (!rc) *result = mrt_value_to_number(rt, value);
  mrt_value_free(rt, promise);
  mrt_value_free(rt, value);
  free(code);
  return rc;
}

/* The CPU's name from /proc/cpuinfo ("model name"), as a JS string literal (malloc'd), or
 * NULL where there is none. */
static char *cpu_model_literal(void) {
  FILE *f = fopen("/proc/cpuinfo", "re");
  if (!f) return NULL;
  char line[512], *out = NULL;
  while (!out && fgets(line, sizeof line, f)) {
    if (strncmp(line, "model name", 10) != 0) continue;
    char *v = strchr(line, ':');
    if (!v) continue;
    v++;
    while (*v == ' ' || *v == '\t') v++;
    v[strcspn(v, "\n")] = '\0';
    out = js_string_literal(v);
  }
  fclose(f);
  return out;
}

/* mrt bench: every file registers its benchmarks, then the runner (core/ext/bench/bench.js). A
 * filter the runner refuses (a bad regular expression) is a usage error, found first. */
static int run_bench(cli *c, mrt_runtime *rt, int *status) {
  /* Passed as a string: the runner takes "/re/flags" or a substring. */
  char *filter = c->bench_filter ? js_string_literal(c->bench_filter) : strdup("undefined");
  if (!filter) return MRT_ENOMEM;
  double failed = 0;
  /* checkFilter also tells bench() that `mrt bench` will run what it registers. */
  int rc = run_bench_code(rt, "Promise.resolve(mrt.runBenchmarks.checkFilter(%s))", filter,
                          &failed);
  if (rc == MRT_EEXCEPTION) {
    const mrt_error *e = mrt_last_error(rt);
    *status = usage_error("%s", e->message ? e->message : "invalid --filter");
    rc = MRT_OK;
  }
  if (rc || *status) {
    free(filter);
    return rc;
  }
  char *files[256];
  int nfiles = 0;
  files[nfiles++] = (char *)c->target;
  for (int i = 0; i < c->argc && nfiles < 256; i++) files[nfiles++] = c->argv[i];
  trace t = {0};
  for (int i = 0; i < nfiles; i++) {
    size_t len;
    char *source = read_file(files[i], &len);
    if (!source) {
      fprintf(stderr, "mrt: cannot read '%s': %s\n", files[i], read_error(errno));
      *status = 1;
      free(filter);
      return MRT_OK;
    }
    char *name = realpath(files[i], NULL);
    rc = run_main(c, rt, name ? name : files[i], source, len, &t, status);
    free(source);
    free(name);
    if (rc || *status) {
      free(filter);
      return rc;
    }
  }
  char *cpu = cpu_model_literal();
  size_t n = strlen(filter) + (cpu ? strlen(cpu) : 0) + 256;
  char *options = malloc(n);
  if (!options) {
    free(filter);
    free(cpu);
    return MRT_ENOMEM;
  }
  snprintf(options, n,
           "{ filter: %s, json: %s, histogram: %s, timeLimit: %.17g, cpu: %s, cpuProfile: %s }",
           filter, c->bench_json ? "true" : "false", c->bench_histogram ? "true" : "false",
           c->bench_time_limit, cpu ? cpu : "undefined",
           c->prof.cpu ? "mrt.ops.benchCpuProfile" : "undefined");
  rc = run_bench_code(rt, "mrt.runBenchmarks(%s).then(r => r.failed)", options, &failed);
  free(options);
  free(cpu);
  free(filter);
  if (!rc && failed > 0) *status = 1;
  return rc;
}

/* Tearing a runtime down costs milliseconds the process does not need when it ends anyway:
 * after flushing, exit at once, except where leaks are checked (sanitizer builds,
 * MRT_FULL_TEARDOWN=1). */
static int full_teardown(void) {
  /* Sanitizer builds tear down: LeakSanitizer wants the runtime freed, ThreadSanitizer the
   * worker threads joined (freeing the runtime joins them). */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  return 1;
#else
  const char *v = getenv("MRT_FULL_TEARDOWN");
  return v && *v && strcmp(v, "0") != 0;
#endif
}

/* main's command line: static, so what it holds stays reachable on every exit path. */
static cli c;

int main(int argc, char **argv) {
  trace t = {0};
  t.main_ns = now_ns();
  struct timespec cpu;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu);
  t.pre_main_cpu_ns = (uint64_t)cpu.tv_sec * 1000000000u + (uint64_t)cpu.tv_nsec;

  int rc = parse_args(argc, argv, &c);
  if (rc >= 0) {
    prof_free(&c.prof);
    return rc;
  }
  if (c.trace) {
    t.faults_main = minor_faults();
    t.loaded_cpu_ns = loaded_cpu_ns;
  }
  c.opts.argc = c.argc;
  c.opts.argv = c.argv;
  int bench = strcmp(c.command, "bench") == 0;
  int serve = strcmp(c.command, "serve") == 0;
  if (serve) {
    /* Workers are forked before anything is made: each builds its own runtime. */
    int workers_status = serve_fork_workers(&c.serve);
    if (workers_status >= 0) return workers_status;
  }
  t.cache_on = c.opts.cache_dir != NULL;

  char *source = NULL, *name = NULL;
  size_t len = 0;
  uint64_t t0 = now_ns();
  if (c.repl) {
    /* nothing to read: lines come at the prompt */
  } else if (c.from_stdin) {
    source = repl_read_stdin(&len);
    if (!source) {
      fprintf(stderr, "mrt: cannot read stdin: %s\n", read_error(errno));
      return 1;
    }
    name = strdup("[stdin]");
  } else if (strcmp(c.command, "eval") == 0) {
    name = strdup("[eval]");
    source = strdup(c.target);
    len = strlen(source);
  } else if (!bench) {
    source = read_file(c.target, &len);
    if (!source) {
      fprintf(stderr, "mrt: cannot read '%s': %s\n", c.target, read_error(errno));
      return 1;
    }
    name = realpath(c.target, NULL);
    if (!name) name = strdup(c.target);
  }
  if (serve && source) {
    /* The main module is one that imports FILE and serves its default export. */
    free(source);
    c.serve.pre_main_ns = t.pre_main_cpu_ns;
    source = serve_main_source(&c.serve, name, t.main_ns, &len);
    size_t n = strlen(name) + sizeof ".mrt-serve.mjs";
    char *main_name = malloc(n);
    if (!source || !main_name) {
      fprintf(stderr, "mrt: out of memory\n");
      return 1;
    }
    snprintf(main_name, n, "%s.mrt-serve.mjs", name);
    /* Sandboxed, the server still loads FILE and listens where it was told. */
    char where[300];
    snprintf(where, sizeof where, "%s%s%s:%d", strchr(c.serve.host, ':') ? "[" : "",
             c.serve.host, strchr(c.serve.host, ':') ? "]" : "", c.serve.port);
    if (perm_grant(&perm_spec, "read", name) || perm_grant(&perm_spec, "net", where)) {
      fprintf(stderr, "mrt: out of memory\n");
      return 1;
    }
    c.opts.permissions = perm_spec;
    free(name);
    name = main_name;
  }
  uint64_t read_ns = now_ns() - t0;
  char *import_map = NULL, *import_map_path = NULL;
  if (c.import_map_file) {
    size_t map_len;
    import_map = read_file(c.import_map_file, &map_len);
    if (!import_map) {
      fprintf(stderr, "mrt: cannot read the import map '%s': %s\n", c.import_map_file,
              read_error(errno));
      free(source);
      free(name);
      return 1;
    }
    import_map_path = realpath(c.import_map_file, NULL);
    c.opts.import_map = import_map;
    c.opts.import_map_url = import_map_path; /* a path: its file: URL */
  }

  /* --fresh-runtime: the per-request runtimes take the same options. */
  serve_fresh *fresh = NULL;
  if (serve && c.serve.fresh) {
    double timeout = c.serve.request_timeout >= 0 ? c.serve.request_timeout
                                                  : 300000; /* mrt.serve's default */
    fresh = serve_fresh_new(&c.opts, c.target, c.trace, c.serve.fresh_mode, timeout);
  }
  c.prof.bench = bench;
  prof_before_runtime(&c.prof);
  mrt_runtime *rt;
  uint64_t runtime_t0 = now_ns();
  rc = mrt_runtime_new(&c.opts, &rt);
  uint64_t runtime_ns = now_ns() - runtime_t0;
  free(import_map); /* read at creation */
  free(import_map_path);
  if (rc) {
    const mrt_error *e = mrt_last_error(NULL);
    free(source);
    free(name);
    serve_fresh_free(fresh);
    if (rc == MRT_EINVAL && c.import_map_file) {
      fprintf(stderr, "mrt: %s (%s)\n", e->message ? e->message : "invalid import map",
              c.import_map_file);
      return 1;
    }
    /* The options were refused (--v8-flags; the heap sizes are checked above). */
    if (rc == MRT_EINVAL) return usage_error("invalid option: %s", e->message ? e->message : "");
    fprintf(stderr, "mrt: cannot create the runtime: %s\n",
            e->message ? e->message : mrt_strerror(rc));
    return 1;
  }
  if (serve && c.serve.fresh && (!fresh || serve_fresh_attach(fresh, rt) != MRT_OK)) {
    fprintf(stderr, "mrt: out of memory\n");
    return 1;
  }
  if (c.trace) t.faults_runtime = minor_faults();
  mrt_startup_times st;
  mrt_get_startup_times(rt, &st);
  t.from_snapshot = st.from_snapshot;
  trace_add(&t, "V8 init", st.v8_init_ns);
  trace_add(&t, "isolate", st.isolate_ns);
  trace_add(&t, "context", st.context_ns);
  trace_add(&t, "bootstrap", st.bootstrap_ns);
  /* What mrt_runtime_new does around V8's phases: loop, ops, extensions, heap policy. */
  uint64_t v8_phases = st.v8_init_ns + st.isolate_ns + st.context_ns + st.bootstrap_ns;
  trace_add(&t, "runtime (mrt's part)", runtime_ns > v8_phases ? runtime_ns - v8_phases : 0);
  trace_add(&t, "read file", read_ns);

  watchdog wd;
  if (c.timeout_ms) watchdog_start(&wd, rt, c.timeout_ms);
  int status = 0;
  if (c.trace) mrt_module_trace(rt, 1);
  if (prof_start(&c.prof, rt) != 0) status = 1;
  if (!status && c.inspect.on) status = inspect_start(&c.inspect, rt);
  if (status) {
    rc = MRT_OK;
  } else if (c.repl) {
    status = repl_run(rt);
  } else if (c.print) {
    rc = repl_eval_print(rt, name, source, len);
  } else if (bench) {
    rc = run_bench(&c, rt, &status);
  } else {
    rc = run_main(&c, rt, name, source, len, &t, &status);
  }
  t0 = now_ns();
  if (rc == MRT_OK && !status && !c.repl) rc = mrt_run_event_loop(rt);
  trace_add(&t, "event loop", now_ns() - t0);
  int timed_out = c.timeout_ms && watchdog_stop(&wd);
  if (rc == MRT_ETERMINATED && timed_out) {
    mrt_flush(rt);
    timed_out_message(&wd);
    status = 1;
  } else if (rc != MRT_OK) {
    status = report(rt, rc);
  } else if (mrt_exit_code(rt) >= 0) {
    status = mrt_exit_code(rt);
  }
  prof_finish(&c.prof, rt);
  mrt_flush(rt);
  if (c.inspect.on) mrt_inspector_finish(rt); /* waits for debuggers to disconnect */
  if (c.timeout_ms) watchdog_finish(&wd);
  if (c.trace) trace_cache(&t, rt);
  if (!full_teardown()) {
    if (c.trace) trace_print(&t, c.trace == 2);
    fflush(NULL);
    _exit(status);
  }
  prof_free(&c.prof);
  t0 = now_ns();
  mrt_runtime_free(rt);
  serve_fresh_free(fresh);
  trace_add(&t, "teardown", now_ns() - t0);
  if (c.trace) trace_print(&t, c.trace == 2);
  for (size_t i = 0; i < t.nslowest; i++) free(t.slowest_url[i]);
  free(source);
  free(name);
  return status;
}
