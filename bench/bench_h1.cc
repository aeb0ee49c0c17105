// bench_h1.cc: the per-request cost of the HTTP/1.1 request framing (core/ext/http/h1.c), a
// request fed whole to a kept-alive connection, with http-parser alone on the same bytes as
// the baseline (what h1's own checks add). Run: build/bench/bench_h1
#include <benchmark/benchmark.h>
#include <http_parser.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

extern "C" {
#include "ext/http/h1.h"
}

static const char wrk_request[] = "GET / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n";
static const char browser_request[] =
    "GET /articles/2024/index.html?lang=en&page=2 HTTP/1.1\r\n"
    "Host: www.example.com\r\n"
    "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0\r\n"
    "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8\r\n"
    "Accept-Language: en-US,en;q=0.5\r\n"
    "Accept-Encoding: gzip, deflate, br\r\n"
    "Referer: https://www.example.com/articles/2024/\r\n"
    "Connection: keep-alive\r\n"
    "Cookie: session=4f9a8c7e2b1d; theme=dark; _ga=GA1.2.123456789.1700000000\r\n"
    "Upgrade-Insecure-Requests: 1\r\n"
    "Sec-Fetch-Dest: document\r\n"
    "Sec-Fetch-Mode: navigate\r\n"
    "\r\n";
static const char post_request[] =
    "POST /api/items HTTP/1.1\r\nHost: api.example.com\r\nContent-Type: application/json\r\n"
    "Content-Length: 26\r\n\r\n{\"name\":\"widget\",\"qty\":12}";
static const char chunked_request[] =
    "POST /upload HTTP/1.1\r\nHost: api.example.com\r\nTransfer-Encoding: chunked\r\n\r\n"
    "10\r\n0123456789abcdef\r\n10;x=y\r\n0123456789abcdef\r\n0\r\n\r\n";

static size_t sink;
static int on_request(void *, const h1_request *r) {
  sink += r->nheaders;
  return 0;
}
static int on_body(void *, const char *, size_t n) {
  sink += n;
  return 0;
}
static int on_end(void *) { return 0; }
static const h1_callbacks callbacks = {on_request, on_body, on_end};

static void h1_request_whole(benchmark::State &state, const char *req, size_t len) {
  char err[256];
  if (h1_load(err, sizeof err)) {
    state.SkipWithError(err);
    return;
  }
  h1_conn *c = h1_new(nullptr, &callbacks, nullptr);
  for (auto _ : state) {
    ssize_t n = h1_feed(c, req, len);
    if (n != (ssize_t)len || !h1_paused(c)) {
      state.SkipWithError("not parsed");
      break;
    }
    h1_resume(c);
  }
  h1_free(c);
  state.SetBytesProcessed((int64_t)state.iterations() * (int64_t)len);
}

static void BM_h1_wrk(benchmark::State &s) { h1_request_whole(s, wrk_request, sizeof wrk_request - 1); }
static void BM_h1_browser(benchmark::State &s) {
  h1_request_whole(s, browser_request, sizeof browser_request - 1);
}
static void BM_h1_post(benchmark::State &s) { h1_request_whole(s, post_request, sizeof post_request - 1); }
static void BM_h1_chunked(benchmark::State &s) {
  h1_request_whole(s, chunked_request, sizeof chunked_request - 1);
}
BENCHMARK(BM_h1_wrk);
BENCHMARK(BM_h1_browser);
BENCHMARK(BM_h1_post);
BENCHMARK(BM_h1_chunked);

// The baseline: http-parser alone, with callbacks that only note the pieces.
static int hp_data(http_parser *, const char *, size_t n) {
  sink += n;
  return 0;
}
static int hp_note(http_parser *) { return 0; }

static void http_parser_alone(benchmark::State &state, const char *req, size_t len) {
  http_parser_settings s;
  http_parser_settings_init(&s);
  s.on_url = s.on_header_field = s.on_header_value = s.on_body = hp_data;
  s.on_headers_complete = s.on_message_complete = hp_note;
  http_parser p;
  for (auto _ : state) {
    http_parser_init(&p, HTTP_REQUEST);
    size_t n = http_parser_execute(&p, &s, req, len);
    if (n != len) {
      state.SkipWithError("not parsed");
      break;
    }
  }
  state.SetBytesProcessed((int64_t)state.iterations() * (int64_t)len);
}
static void BM_http_parser_wrk(benchmark::State &s) {
  http_parser_alone(s, wrk_request, sizeof wrk_request - 1);
}
static void BM_http_parser_browser(benchmark::State &s) {
  http_parser_alone(s, browser_request, sizeof browser_request - 1);
}
BENCHMARK(BM_http_parser_wrk);
BENCHMARK(BM_http_parser_browser);
