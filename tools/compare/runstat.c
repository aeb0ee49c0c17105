/*
 * runstat — run a command several times and report wall time, peak RSS and exit status as JSON.
 *
 *   runstat [options] -- CMD ARGS...
 *
 *   -n RUNS          measured runs (default 10)
 *   -w WARMUP        unmeasured runs first (default 1)
 *   --env K=V        set a variable in the command's environment (repeatable)
 *   --unset K        remove a variable from the command's environment (repeatable)
 *   --capture        capture the command's stdout; the last lines of each run go into the JSON
 *   --lines K        how many last lines to keep with --capture (default 1)
 *   --show           let the command's stdout and stderr through (not with --capture for stdout)
 *   --timeout SEC    kill a run (its whole process group) after SEC seconds (default 0 = none)
 *   --cwd DIR        run the command in DIR
 *   -o FILE          write the JSON to FILE instead of stdout
 *
 * Each run: clock_gettime(CLOCK_MONOTONIC) just before fork(), the child execvp()s the command,
 * the parent reaps it with wait4() and reads the clock again; rusage.ru_maxrss is the run's
 * peak RSS (KiB). stdout goes to /dev/null (or a pipe with --capture), stderr to a pipe whose
 * tail is kept and reported if the run fails. Any run that exits non-zero, dies by a signal or
 * times out makes runstat print its JSON anyway (with "failures" > 0) and exit 1.
 *
 * JSON: {"cmd":[...],"runs":N,"warmup":W,"failures":F,
 *        "wall_ms":{"median","min","max","p25","p75","mean"},
 *        "rss_kib":{"median","max","min"},"cpu_ms":{"median"},
 *        "samples":[{"wall_ms","rss_kib","user_ms","sys_ms","exit","signal","timeout",
 *                    "lines":[...] (with --capture), "stderr":"..." (failed runs)}]}
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define ERR_TAIL 4096
#define MAX_LINES 64

typedef struct {
  double wall_ms, user_ms, sys_ms;
  long rss_kib;
  int exit_code, signo, timed_out, exec_failed;
  char *out;      /* captured stdout (whole), NULL if not captured */
  size_t out_len;
  char err[ERR_TAIL + 1]; /* stderr tail */
} sample_t;

static volatile sig_atomic_t g_child = 0, g_timed_out = 0;

static void on_alarm(int sig) {
  (void)sig;
  if (g_child > 0) {
    g_timed_out = 1;
    kill(-g_child, SIGKILL);
    kill(g_child, SIGKILL);
  }
}

static void die(const char *msg) {
  fprintf(stderr, "runstat: %s\n", msg);
  exit(2);
}

static void usage(void) {
  fprintf(stderr,
          "usage: runstat [-n RUNS] [-w WARMUP] [--env K=V]... [--unset K]... [--capture] [--lines K]\n"
          "               [--show] [--timeout SEC] [--cwd DIR] [-o FILE] -- CMD ARGS...\n");
  exit(2);
}

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double tv_ms(struct timeval tv) { return tv.tv_sec * 1e3 + tv.tv_usec / 1e3; }

/* Keep the last ERR_TAIL bytes written to the stderr pipe. */
static void tail_append(char *tail, size_t *len, const char *buf, size_t n) {
  if (n >= ERR_TAIL) {
    memcpy(tail, buf + n - ERR_TAIL, ERR_TAIL);
    *len = ERR_TAIL;
  } else if (*len + n > ERR_TAIL) {
    size_t drop = *len + n - ERR_TAIL;
    memmove(tail, tail + drop, *len - drop);
    *len -= drop;
    memcpy(tail + *len, buf, n);
    *len += n;
  } else {
    memcpy(tail + *len, buf, n);
    *len += n;
  }
  tail[*len] = 0;
}

static void run_once(char **argv, const char *cwd, int capture, int show, double timeout_s, sample_t *s) {
  int outp[2] = {-1, -1}, errp[2] = {-1, -1}, execp[2];
  memset(s, 0, sizeof *s);
  if (capture && pipe2(outp, O_CLOEXEC) < 0) die("pipe");
  if (!show && pipe2(errp, O_CLOEXEC) < 0) die("pipe");
  if (pipe2(execp, O_CLOEXEC) < 0) die("pipe"); /* reports an exec failure to the parent */

  g_timed_out = 0;
  double t0 = now_ms();
  pid_t pid = fork();
  if (pid < 0) die("fork failed");
  if (pid == 0) {
    setpgid(0, 0);
    int devnull = open("/dev/null", O_RDWR);
    if (devnull >= 0) dup2(devnull, 0);
    if (capture) dup2(outp[1], 1);
    else if (!show && devnull >= 0) dup2(devnull, 1);
    if (!show) dup2(errp[1], 2);
    if (cwd && chdir(cwd) < 0) {
      int e = errno;
      (void)!write(execp[1], &e, sizeof e);
      _exit(127);
    }
    execvp(argv[0], argv);
    int e = errno;
    (void)!write(execp[1], &e, sizeof e);
    _exit(127);
  }
  g_child = pid;
  setpgid(pid, pid); /* also in the parent, so the group exists before any kill */
  if (timeout_s > 0) {
    struct itimerval it = {{0, 0}, {(time_t)timeout_s, (suseconds_t)((timeout_s - (time_t)timeout_s) * 1e6)}};
    setitimer(ITIMER_REAL, &it, NULL);
  }
  close(execp[1]);
  if (capture) close(outp[1]);
  if (!show) close(errp[1]);

  /* Drain the pipes until both reach EOF (or the run is killed and we give up on stragglers). */
  size_t cap = 0, errlen = 0;
  struct pollfd fds[2];
  int nfds;
  for (;;) {
    nfds = 0;
    if (capture && outp[0] >= 0) fds[nfds++] = (struct pollfd){outp[0], POLLIN, 0};
    if (!show && errp[0] >= 0) fds[nfds++] = (struct pollfd){errp[0], POLLIN, 0};
    if (nfds == 0) break;
    int r = poll(fds, nfds, g_timed_out ? 200 : -1);
    if (r < 0) {
      if (errno == EINTR) continue;
      die("poll");
    }
    if (r == 0) break; /* killed, but a grandchild still holds a pipe: stop reading */
    for (int i = 0; i < nfds; i++) {
      if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      char buf[65536];
      ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        close(fds[i].fd);
        if (capture && fds[i].fd == outp[0]) outp[0] = -1;
        else errp[0] = -1;
        continue;
      }
      if (capture && fds[i].fd == outp[0]) {
        if (s->out_len + n + 1 > cap) {
          cap = (s->out_len + n + 1) * 2;
          s->out = realloc(s->out, cap);
          if (!s->out) die("out of memory");
        }
        memcpy(s->out + s->out_len, buf, n);
        s->out_len += n;
        s->out[s->out_len] = 0;
      } else {
        tail_append(s->err, &errlen, buf, n);
      }
    }
  }

  int status = 0;
  struct rusage ru;
  pid_t w;
  while ((w = wait4(pid, &status, 0, &ru)) < 0 && errno == EINTR) {}
  double t1 = now_ms();
  if (timeout_s > 0) {
    struct itimerval off = {{0, 0}, {0, 0}};
    setitimer(ITIMER_REAL, &off, NULL);
  }
  g_child = 0;
  if (w < 0) die("wait4");
  if (outp[0] >= 0) close(outp[0]);
  if (errp[0] >= 0) close(errp[0]);

  int e = 0;
  if (read(execp[0], &e, sizeof e) == (ssize_t)sizeof e) {
    s->exec_failed = 1;
    snprintf(s->err, sizeof s->err, "cannot run %s: %s", argv[0], strerror(e));
  }
  close(execp[0]);

  s->wall_ms = t1 - t0;
  s->rss_kib = ru.ru_maxrss;
  s->user_ms = tv_ms(ru.ru_utime);
  s->sys_ms = tv_ms(ru.ru_stime);
  s->timed_out = g_timed_out;
  if (WIFEXITED(status)) s->exit_code = WEXITSTATUS(status);
  else if (WIFSIGNALED(status)) s->signo = WTERMSIG(status);
  if (s->out == NULL && capture) s->out = calloc(1, 1);
}

static int failed(const sample_t *s) { return s->exec_failed || s->exit_code || s->signo || s->timed_out; }

static int cmp_d(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* Percentile with linear interpolation between closest ranks (p in [0,1]); v sorted. */
static double pct(const double *v, int n, double p) {
  if (n == 0) return 0;
  double pos = p * (n - 1);
  int lo = (int)pos;
  if (lo >= n - 1) return v[n - 1];
  return v[lo] + (pos - lo) * (v[lo + 1] - v[lo]);
}

static void json_str(FILE *f, const char *s, size_t n) {
  fputc('"', f);
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '"') fputs("\\\"", f);
    else if (c == '\\') fputs("\\\\", f);
    else if (c == '\n') fputs("\\n", f);
    else if (c == '\r') fputs("\\r", f);
    else if (c == '\t') fputs("\\t", f);
    else if (c < 0x20 || c == 0x7f) fprintf(f, "\\u%04x", c);
    else fputc(c, f);
  }
  fputc('"', f);
}

/* Print the last k non-empty lines of buf as a JSON array. */
static void json_last_lines(FILE *f, const char *buf, size_t len, int k) {
  const char *starts[MAX_LINES];
  size_t lens[MAX_LINES];
  int found = 0;
  size_t end = len;
  while (found < k && end > 0) {
    while (end > 0 && (buf[end - 1] == '\n' || buf[end - 1] == '\r')) end--;
    if (end == 0) break;
    size_t b = end;
    while (b > 0 && buf[b - 1] != '\n') b--;
    starts[found] = buf + b;
    lens[found] = end - b;
    found++;
    end = b;
  }
  fputc('[', f);
  for (int i = found - 1; i >= 0; i--) {
    json_str(f, starts[i], lens[i]);
    if (i) fputc(',', f);
  }
  fputc(']', f);
}

int main(int argc, char **argv) {
  int runs = 10, warmup = 1, capture = 0, show = 0, nlines = 1;
  double timeout_s = 0;
  const char *cwd = NULL, *outfile = NULL;
  int i = 1;
  for (; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--")) { i++; break; }
    else if (!strcmp(a, "-n") && i + 1 < argc) runs = atoi(argv[++i]);
    else if (!strcmp(a, "-w") && i + 1 < argc) warmup = atoi(argv[++i]);
    else if (!strcmp(a, "--env") && i + 1 < argc) {
      char *kv = argv[++i];
      char *eq = strchr(kv, '=');
      if (!eq) usage();
      *eq = 0;
      setenv(kv, eq + 1, 1);
      *eq = '=';
    } else if (!strcmp(a, "--unset") && i + 1 < argc) unsetenv(argv[++i]);
    else if (!strcmp(a, "--capture")) capture = 1;
    else if (!strcmp(a, "--lines") && i + 1 < argc) nlines = atoi(argv[++i]);
    else if (!strcmp(a, "--show")) show = 1;
    else if (!strcmp(a, "--timeout") && i + 1 < argc) timeout_s = atof(argv[++i]);
    else if (!strcmp(a, "--cwd") && i + 1 < argc) cwd = argv[++i];
    else if (!strcmp(a, "-o") && i + 1 < argc) outfile = argv[++i];
    else if (!strcmp(a, "-h") || !strcmp(a, "--help")) usage();
    else if (a[0] == '-') usage();
    else break; /* first non-option: the command (the "--" is optional) */
  }
  if (i >= argc || runs < 1 || warmup < 0) usage();
  if (nlines < 1) nlines = 1;
  if (nlines > MAX_LINES) nlines = MAX_LINES;
  char **cmd = argv + i;
  int ncmd = argc - i;

  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_alarm; /* no SA_RESTART: poll/wait4 see EINTR */
  sigaction(SIGALRM, &sa, NULL);
  signal(SIGPIPE, SIG_IGN);

  sample_t *samples = calloc(runs, sizeof *samples);
  if (!samples) die("out of memory");
  int failures = 0;
  for (int r = 0; r < warmup; r++) {
    sample_t s;
    run_once(cmd, cwd, capture, show, timeout_s, &s);
    free(s.out);
    if (s.exec_failed) { fprintf(stderr, "runstat: %s\n", s.err); return 1; }
  }
  for (int r = 0; r < runs; r++) {
    run_once(cmd, cwd, capture, show, timeout_s, &samples[r]);
    if (failed(&samples[r])) {
      failures++;
      sample_t *s = &samples[r];
      fprintf(stderr, "runstat: run %d of", r + 1);
      for (int k = 0; k < ncmd; k++) fprintf(stderr, " %s", cmd[k]);
      if (s->timed_out) fprintf(stderr, ": timed out after %.1f s\n", timeout_s);
      else if (s->signo) fprintf(stderr, ": killed by signal %d\n", s->signo);
      else fprintf(stderr, ": exit status %d\n", s->exit_code);
      if (s->err[0]) fprintf(stderr, "%s%s", s->err, s->err[strlen(s->err) - 1] == '\n' ? "" : "\n");
      if (s->exec_failed) break;
    }
  }
  int done = runs;
  for (int r = 0; r < runs; r++)
    if (samples[r].exec_failed) { done = r + 1; break; }

  double *wall = malloc(done * sizeof *wall), *rss = malloc(done * sizeof *rss), *cpu = malloc(done * sizeof *cpu);
  double wsum = 0;
  for (int r = 0; r < done; r++) {
    wall[r] = samples[r].wall_ms;
    rss[r] = (double)samples[r].rss_kib;
    cpu[r] = samples[r].user_ms + samples[r].sys_ms;
    wsum += wall[r];
  }
  qsort(wall, done, sizeof *wall, cmp_d);
  qsort(rss, done, sizeof *rss, cmp_d);
  qsort(cpu, done, sizeof *cpu, cmp_d);

  FILE *f = stdout;
  if (outfile && !(f = fopen(outfile, "w"))) die("cannot open output file");
  fputs("{\"cmd\":[", f);
  for (int k = 0; k < ncmd; k++) {
    json_str(f, cmd[k], strlen(cmd[k]));
    if (k + 1 < ncmd) fputc(',', f);
  }
  fprintf(f, "],\"runs\":%d,\"warmup\":%d,\"failures\":%d,", done, warmup, failures);
  fprintf(f, "\"wall_ms\":{\"median\":%.3f,\"min\":%.3f,\"max\":%.3f,\"p25\":%.3f,\"p75\":%.3f,\"mean\":%.3f},",
          pct(wall, done, 0.5), wall[0], wall[done - 1], pct(wall, done, 0.25), pct(wall, done, 0.75), wsum / done);
  fprintf(f, "\"rss_kib\":{\"median\":%.0f,\"min\":%.0f,\"max\":%.0f},", pct(rss, done, 0.5), rss[0], rss[done - 1]);
  fprintf(f, "\"cpu_ms\":{\"median\":%.3f},", pct(cpu, done, 0.5));
  fputs("\"samples\":[", f);
  for (int r = 0; r < done; r++) {
    sample_t *s = &samples[r];
    fprintf(f, "{\"wall_ms\":%.3f,\"rss_kib\":%ld,\"user_ms\":%.3f,\"sys_ms\":%.3f,\"exit\":%d,\"signal\":%d,\"timeout\":%s",
            s->wall_ms, s->rss_kib, s->user_ms, s->sys_ms, s->exit_code, s->signo, s->timed_out ? "true" : "false");
    if (capture) {
      fputs(",\"lines\":", f);
      json_last_lines(f, s->out ? s->out : "", s->out_len, nlines);
    }
    if (failed(s) && s->err[0]) {
      fputs(",\"stderr\":", f);
      json_str(f, s->err, strlen(s->err));
    }
    fputc('}', f);
    if (r + 1 < done) fputc(',', f);
  }
  fputs("]}\n", f);
  if (f != stdout) fclose(f);
  return failures ? 1 : 0;
}
