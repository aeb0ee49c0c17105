/*
 * parse_bench.c: nanoseconds to parse one request head, http-parser 2.9 versus
 * picohttpparser (phr_parse_request from libh2o.so), the median of RUNS runs of ITERS parses.
 * Both produce what a server needs: method, target, and every header's name and value as
 * slices (http-parser through its callbacks, which record them; phr fills an array).
 *
 * Usage: parse_bench [RUNS]   (pin it to one CPU: taskset -c 0)
 */
#include <http_parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "phr.h"

#define ITERS 200000
#define MAX_HEADERS 64

static const char WRK_REQUEST[] = "GET / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n";

static const char BROWSER_REQUEST[] =
    "GET /static/app.js?v=3 HTTP/1.1\r\n"
    "Host: www.example.com\r\n"
    "Connection: keep-alive\r\n"
    "Cache-Control: max-age=0\r\n"
    "Upgrade-Insecure-Requests: 1\r\n"
    "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Safari/537.36\r\n"
    "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,"
    "*/*;q=0.8\r\n"
    "Sec-Fetch-Site: same-origin\r\n"
    "Sec-Fetch-Mode: navigate\r\n"
    "Sec-Fetch-Dest: document\r\n"
    "Referer: https://www.example.com/index.html\r\n"
    "Accept-Encoding: gzip, deflate, br\r\n"
    "Accept-Language: en-US,en;q=0.9,fr;q=0.8\r\n"
    "Cookie: session=3f9a1c0e7b2d4e58a6c1; theme=dark; _ga=GA1.2.1234567890.1700000000\r\n"
    "\r\n";

/* What the http-parser callbacks collect: the same slices phr returns. */
typedef struct collected {
  const char *url;
  size_t url_len;
  struct phr_header headers[MAX_HEADERS];
  size_t n;
  int complete;
} collected;

static int on_url(http_parser *p, const char *at, size_t len) {
  collected *c = p->data;
  c->url = at;
  c->url_len = len;
  return 0;
}

static int on_header_field(http_parser *p, const char *at, size_t len) {
  collected *c = p->data;
  if (c->n == MAX_HEADERS) return 1;
  c->headers[c->n].name = at;
  c->headers[c->n].name_len = len;
  return 0;
}

static int on_header_value(http_parser *p, const char *at, size_t len) {
  collected *c = p->data;
  c->headers[c->n].value = at;
  c->headers[c->n].value_len = len;
  c->n++;
  return 0;
}

static int on_headers_complete(http_parser *p) {
  ((collected *)p->data)->complete = 1;
  return 0;
}

static http_parser_settings settings;
static volatile size_t sink;

static double now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static double run_http_parser(const char *req, size_t len) {
  http_parser p;
  collected c;
  double t0 = now_ns();
  for (int i = 0; i < ITERS; i++) {
    c.n = 0;
    c.complete = 0;
    http_parser_init(&p, HTTP_REQUEST);
    p.data = &c;
    size_t used = http_parser_execute(&p, &settings, req, len);
    if (used != len || !c.complete) {
      fprintf(stderr, "http-parser failed: %s\n", http_errno_name(HTTP_PARSER_ERRNO(&p)));
      exit(1);
    }
    sink += c.n + c.url_len;
  }
  return (now_ns() - t0) / ITERS;
}

static double run_phr(const char *req, size_t len) {
  struct phr_header headers[MAX_HEADERS];
  const char *method, *path;
  size_t method_len, path_len, n;
  int minor;
  double t0 = now_ns();
  for (int i = 0; i < ITERS; i++) {
    n = MAX_HEADERS;
    int r = phr_parse_request(req, len, &method, &method_len, &path, &path_len, &minor, headers,
                              &n, 0);
    if (r != (int)len) {
      fprintf(stderr, "phr_parse_request failed: %d\n", r);
      exit(1);
    }
    sink += n + path_len;
  }
  return (now_ns() - t0) / ITERS;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static double median(double *v, int n) {
  qsort(v, (size_t)n, sizeof *v, cmp_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int main(int argc, char **argv) {
  int runs = argc > 1 ? atoi(argv[1]) : 15;
  if (runs < 1 || runs > 1000) runs = 15;
  http_parser_settings_init(&settings);
  settings.on_url = on_url;
  settings.on_header_field = on_header_field;
  settings.on_header_value = on_header_value;
  settings.on_headers_complete = on_headers_complete;

  struct {
    const char *name;
    const char *req;
    size_t len;
  } reqs[] = {{"wrk GET (1 header)", WRK_REQUEST, sizeof WRK_REQUEST - 1},
              {"browser GET (13 headers)", BROWSER_REQUEST, sizeof BROWSER_REQUEST - 1}};

  printf("| request | bytes | http-parser ns | phr_parse_request ns | ratio |\n");
  printf("|---|---|---|---|---|\n");
  for (size_t r = 0; r < sizeof reqs / sizeof reqs[0]; r++) {
    double *hp = malloc(sizeof(double) * (size_t)runs), *ph = malloc(sizeof(double) * (size_t)runs);
    for (int i = 0; i < runs; i++) { /* interleaved, so drift hits both alike */
      hp[i] = run_http_parser(reqs[r].req, reqs[r].len);
      ph[i] = run_phr(reqs[r].req, reqs[r].len);
    }
    double a = median(hp, runs), b = median(ph, runs);
    printf("| %s | %zu | %.0f | %.0f | %.1fx |\n", reqs[r].name, reqs[r].len, a, b, a / b);
    free(hp);
    free(ph);
  }
  return 0;
}
