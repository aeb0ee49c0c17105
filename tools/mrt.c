/* mrt.c: the mrt command. Runs a script or module with the host API, reports uncaught errors
 * with file:line:column, and exits 0 on success, 1 on an error, 2 on a usage error. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mrt.h"

enum { EXIT_USAGE = 2 };

static const char usage_text[] =
    "Usage: mrt [options] [run] FILE [args...]\n"
    "       mrt [options] eval CODE\n"
    "\n"
    "Runs a JavaScript file with timers, microtasks, console, modules, files and TCP.\n"
    "\n"
    "Options:\n"
    "  --max-heap-size=MB    maximum V8 heap size (default: V8's choice)\n"
    "  --initial-heap-size=MB  initial old-generation size\n"
    "  --v8-flags=FLAGS      V8 flags, e.g. --v8-flags=\"--no-opt --stack-size=2000\"\n"
    "  -v, --version         print mrt's and V8's versions\n"
    "  -h, --help            print this help\n";

typedef struct cli {
  mrt_options opts;
  const char *command; /* "run" or "eval" */
  const char *target;  /* file or code */
  int argc;
  char **argv;
} cli;

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
  int i = 1;
  for (; i < argc; i++) {
    const char *a = argv[i], *v;
    if (!c->command && (strcmp(a, "run") == 0 || strcmp(a, "eval") == 0)) {
      c->command = a;
      continue;
    }
    if (a[0] != '-' || strcmp(a, "-") == 0) break;
    if (strcmp(a, "--") == 0) {
      i++;
      break;
    }
    if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
      fputs(usage_text, stdout);
      return 0;
    }
    if (strcmp(a, "-v") == 0 || strcmp(a, "--version") == 0) {
      printf("mrt %s\nv8 %s\n", mrt_version(), mrt_v8_version());
      return 0;
    }
    if ((v = flag_value(a, "--max-heap-size"))) {
      long mb = parse_mb(v);
      if (mb < 0) return usage_error("invalid --max-heap-size '%s': expected megabytes", v);
      c->opts.max_heap_mb = (size_t)mb;
    } else if ((v = flag_value(a, "--initial-heap-size"))) {
      long mb = parse_mb(v);
      if (mb < 0) return usage_error("invalid --initial-heap-size '%s': expected megabytes", v);
      c->opts.initial_heap_mb = (size_t)mb;
    } else if ((v = flag_value(a, "--v8-flags"))) {
      c->opts.v8_flags = v;
    } else {
      return usage_error("unknown option '%s'", a);
    }
  }
  if (!c->command) c->command = "run";
  if (i >= argc) {
    return usage_error("%s", strcmp(c->command, "eval") == 0 ? "eval needs code"
                                                              : "no script file given");
  }
  c->target = argv[i];
  c->argc = argc - i - 1;
  c->argv = argv + i + 1;
  return -1;
}

/* Reads a whole file; NULL with errno set on failure. */
static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  struct stat st;
  if (fstat(fileno(f), &st) != 0 || S_ISDIR(st.st_mode)) {
    if (S_ISDIR(st.st_mode)) errno = EISDIR;
    fclose(f);
    return NULL;
  }
  size_t cap = st.st_size > 0 ? (size_t)st.st_size + 1 : 4096, n = 0;
  char *buf = malloc(cap);
  while (buf) {
    size_t r = fread(buf + n, 1, cap - n - 1, f);
    n += r;
    if (r == 0) break;
    if (n + 1 == cap) {
      char *grown = realloc(buf, cap * 2);
      if (!grown) {
        free(buf);
        buf = NULL;
        errno = ENOMEM;
        break;
      }
      buf = grown;
      cap *= 2;
    }
  }
  int err = ferror(f) ? errno : 0;
  fclose(f);
  if (buf && err) {
    free(buf);
    errno = err;
    return NULL;
  }
  if (buf) buf[n] = '\0';
  *len = n;
  return buf;
}

static int report(mrt_runtime *rt, int rc) {
  if (rc == MRT_ETERMINATED && mrt_exit_code(rt) >= 0) return mrt_exit_code(rt);
  mrt_flush(rt);
  char *msg = mrt_error_format(mrt_last_error(rt));
  fputs(msg ? msg : "Uncaught error\n", stderr);
  mrt_free(msg);
  return 1;
}

int main(int argc, char **argv) {
  cli c;
  int rc = parse_args(argc, argv, &c);
  if (rc >= 0) return rc;
  c.opts.argc = c.argc;
  c.opts.argv = c.argv;

  char *source = NULL, *name = NULL;
  size_t len = 0;
  if (strcmp(c.command, "eval") == 0) {
    name = strdup("[eval]");
    source = strdup(c.target);
    len = strlen(source);
  } else {
    source = read_file(c.target, &len);
    if (!source) {
      fprintf(stderr, "mrt: cannot read '%s': %s\n", c.target, strerror(errno));
      return 1;
    }
    name = realpath(c.target, NULL);
    if (!name) name = strdup(c.target);
  }

  mrt_runtime *rt;
  rc = mrt_runtime_new(&c.opts, &rt);
  if (rc) {
    fprintf(stderr, "mrt: cannot create the runtime: %s\n", mrt_strerror(rc));
    free(source);
    free(name);
    return 1;
  }
  int status = 0;
  rc = mrt_execute_script(rt, name, source, len, NULL);
  if (rc == MRT_OK) rc = mrt_run_event_loop(rt);
  if (rc != MRT_OK) status = report(rt, rc);
  else if (mrt_exit_code(rt) >= 0) status = mrt_exit_code(rt);
  mrt_runtime_free(rt);
  free(source);
  free(name);
  return status;
}
