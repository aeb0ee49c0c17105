/* serve_cmd.c: `mrt serve FILE`: the module's default export { fetch(request, env, ctx) }
 * (the shape deno, bun and workerd share) answers HTTP requests through mrt.serve. Its flags,
 * the main module that wires the two, and --workers (processes sharing the port with
 * SO_REUSEPORT). */
#include "serve_cmd.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static int parse_num(const char *v, double lo, double hi, double *out) {
  char *end;
  errno = 0;
  double d = strtod(v, &end);
  if (errno || end == v || *end || !(d >= lo && d <= hi)) return -1;
  *out = d;
  return 0;
}

static const char *value_of(const char *arg, const char *name) {
  size_t n = strlen(name);
  return strncmp(arg, name, n) == 0 && arg[n] == '=' ? arg + n + 1 : NULL;
}

void serve_opts_init(serve_opts *o) {
  memset(o, 0, sizeof *o);
  o->port = 8000;
  o->host = "0.0.0.0";
  o->workers = 1;
  o->max_body = -1;
  o->header_timeout = -1;
  o->idle_timeout = -1;
  o->request_timeout = -1;
}

int serve_parse_flag(serve_opts *o, const char *a, const char *next, int *used_next,
                     char *err, size_t errlen) {
  static const char *const names[] = {"--port", "--host", "--workers", "--max-body-size",
                                      "--header-timeout", "--idle-timeout",
                                      "--request-timeout"};
  *used_next = 0;
  if (strncmp(a, "--fresh-runtime", 15) == 0 && (a[15] == '\0' || a[15] == '=')) {
    /* =prewarm and =builtin-snapshot, alone or both (comma-separated) */
    o->fresh = 1;
    o->fresh_mode = 0;
    for (const char *p = a[15] ? a + 16 : ""; *p;) {
      size_t len = strcspn(p, ",");
      if (len == 7 && strncmp(p, "prewarm", 7) == 0) o->fresh_mode |= 2u;
      else if (len == 16 && strncmp(p, "builtin-snapshot", 16) == 0) o->fresh_mode |= 1u;
      else {
        snprintf(err, errlen, "invalid --fresh-runtime '%s': expected prewarm, "
                 "builtin-snapshot or both", a + 16);
        return -1;
      }
      p += len + (p[len] == ',');
    }
    return 1;
  }
  const char *v = NULL;
  size_t k = 0;
  for (; k < sizeof names / sizeof names[0]; k++) {
    if ((v = value_of(a, names[k]))) break;
    if (strcmp(a, names[k]) == 0) {
      if (!next) {
        snprintf(err, errlen, "%s needs a value", names[k]);
        return -1;
      }
      v = next;
      *used_next = 1;
      break;
    }
  }
  if (k == sizeof names / sizeof names[0]) return 0;
  double d;
  switch (k) {
    case 0:
      if (parse_num(v, 0, 65535, &d) || d != (int)d) goto bad;
      o->port = (int)d;
      return 1;
    case 1:
      if (!*v) goto bad;
      o->host = v;
      return 1;
    case 2:
      if (strcmp(v, "auto") == 0) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        o->workers = n > 0 ? (int)n : 1;
        return 1;
      }
      if (parse_num(v, 1, 1024, &d) || d != (int)d) goto bad;
      o->workers = (int)d;
      return 1;
    case 3:
      if (parse_num(v, 0, 9007199254740991.0, &d)) goto bad;
      o->max_body = d;
      return 1;
    default:
      if (parse_num(v, 0, 1e12, &d)) goto bad;
      if (k == 4) o->header_timeout = d;
      else if (k == 5) o->idle_timeout = d;
      else o->request_timeout = d;
      return 1;
  }
bad:
  snprintf(err, errlen, "invalid %s '%s'", names[k], v);
  return -1;
}

void serve_put_js_string(FILE *f, const char *s) {
  fputc('"', f);
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (*p == '"' || *p == '\\') fprintf(f, "\\%c", *p);
    else if (*p < 0x20 || *p == 0x7f) fprintf(f, "\\u%04x", *p);
    else fputc(*p, f);
  }
  fputc('"', f);
}

static void put_option(FILE *f, const char *name, double v) {
  if (v >= 0) fprintf(f, "%s: %.0f, ", name, v);
}

/* --fresh-runtime's handler: the request's method, URL, header lines and body bytes go to
 * mrt.ops.freshFetch (tools/serve_fresh.c), which answers it in a new runtime; its Response
 * comes back with what the new runtime took (Server-Timing). The app is not imported here:
 * its state must not live in this runtime. */
static void put_fresh_main(FILE *f) {
  fputs("const freshFetch = mrt.ops.freshFetch;\n"
        "async function freshHandler(request) {\n"
        "  const body = request.body === null ? null : await request.arrayBuffer();\n"
        "  let head = \"\";\n"
        "  for (const [name, value] of request.headers) head += name + \": \" + value + \"\\r\\n\";\n"
        "  const r = freshFetch(request.method, request.url, head, body);\n"
        "  const timing = `runtime;dur=${r[4].toFixed(3)}, load;dur=${r[5].toFixed(3)}, "
        "handler;dur=${r[6].toFixed(3)}`;\n"
        "  if (r[0] === 0) {\n"
        "    console.error(r[1]);\n"
        "    return new Response(r[2] === 503 ? \"Service Unavailable\" : \"Internal Server "
        "Error\", { status: r[2], headers: { \"server-timing\": timing } });\n"
        "  }\n"
        "  const headers = new Headers();\n"
        "  const h = r[2];\n"
        "  for (let i = 0; i < h.length;) {\n"
        "    const colon = h.indexOf(\": \", i), end = h.indexOf(\"\\r\\n\", colon);\n"
        "    headers.append(h.slice(i, colon), h.slice(colon + 2, end));\n"
        "    i = end + 2;\n"
        "  }\n"
        "  headers.append(\"server-timing\", timing);\n"
        "  return new Response(r[3], { status: r[0], statusText: r[1], headers });\n"
        "}\n"
        "mrt.serve({ ",
        f);
}

/* The handler of `mrt serve FILE`: FILE's default export's fetch. */
static void put_app_main(FILE *f, const char *path) {
  /* A static import: the app's own errors (syntax, a missing module) are reported as for
   * `mrt run`. The URL is a file: path, percent-encoded where needed by URL itself. */
  fputs("import * as appModule from ", f);
  serve_put_js_string(f, path);
  fputs(";\nconst file = ", f);
  serve_put_js_string(f, path);
  fputs(";\n"
        "const app = appModule.default;\n"
        "if (app === null || (typeof app !== \"object\" && typeof app !== \"function\") ||\n"
        "    typeof app.fetch !== \"function\") {\n"
        "  console.error(`mrt serve: ${file} needs a default export with a fetch(request, env, "
        "ctx) method, e.g.\\n  export default { fetch(request) { return new Response(\"hi\"); "
        "} };`);\n"
        "  mrt.exit(1);\n"
        "}\n"
        "const env = {};\n"
        "const ctx = {\n"
        "  waitUntil(p) { Promise.resolve(p).catch((e) => console.error(e)); },\n"
        "  passThroughOnException() {},\n"
        "};\n"
        "mrt.serve({ ",
        f);
}

char *serve_main_source(const serve_opts *o, const char *path, uint64_t main_ns,
                        size_t *len) {
  char *buf = NULL;
  size_t n = 0;
  FILE *f = open_memstream(&buf, &n);
  if (!f) return NULL;
  if (o->fresh) put_fresh_main(f);
  else put_app_main(f, path);
  fprintf(f, "port: %d, hostname: ", o->port);
  serve_put_js_string(f, o->host);
  fputs(", ", f);
  if (o->workers > 1) fputs("reusePort: true, ", f);
  put_option(f, "maxRequestBodySize", o->max_body);
  put_option(f, "headersTimeout", o->header_timeout);
  put_option(f, "keepAliveTimeout", o->idle_timeout);
  put_option(f, "requestTimeout", o->request_timeout);
  if (o->trace) {
    fprintf(f, "traceStartup: [%llu, %llu], ", (unsigned long long)main_ns,
            (unsigned long long)o->pre_main_ns);
  }
  if (o->worker_index > 0) fputs("onListen() {}, ", f); /* one line for all workers */
  fputs(o->fresh ? "}, freshHandler);\n" : "}, (request, info) => app.fetch(request, env, ctx));\n",
        f);
  if (fclose(f) != 0) {
    free(buf);
    return NULL;
  }
  *len = n;
  return buf;
}

/* ---------------------------------------------------------------- --workers */

static volatile sig_atomic_t forwarded_signal;
static void remember_signal(int sig) { forwarded_signal = sig; }

int serve_fork_workers(serve_opts *o) {
  if (o->workers <= 1) return -1;
  pid_t pids[1024];
  int n = 0;
  struct sigaction sa = {0};
  sa.sa_handler = remember_signal;
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
  fflush(NULL);
  for (int i = 0; i < o->workers; i++) {
    pid_t pid = fork();
    if (pid == 0) {
      signal(SIGINT, SIG_DFL);
      signal(SIGTERM, SIG_DFL);
      o->worker_index = i;
      return -1; /* the child serves */
    }
    if (pid < 0) {
      fprintf(stderr, "mrt serve: cannot start worker %d: %s\n", i + 1, strerror(errno));
      break;
    }
    pids[n++] = pid;
  }
  /* The parent waits, passing SIGINT/SIGTERM on (each worker shuts down gracefully). */
  int status = n == o->workers ? 0 : 1, left = n, sent = 0;
  while (left > 0) {
    int ws;
    pid_t p = waitpid(-1, &ws, 0);
    if (p < 0) {
      if (errno == EINTR) {
        if (forwarded_signal && !sent) {
          for (int i = 0; i < n; i++) kill(pids[i], forwarded_signal);
          sent = 1;
        }
        continue;
      }
      break;
    }
    left--;
    int code = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
    if (code != 0 && status == 0) status = code;
    if (code != 0 && !sent) { /* one failed (a bad app, a port in use): stop the rest */
      for (int i = 0; i < n; i++) kill(pids[i], SIGTERM);
      sent = 1;
    }
  }
  return status;
}
