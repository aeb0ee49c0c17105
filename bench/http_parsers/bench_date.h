/*
 * bench_date.h: the Date header value, formatted once per second of loop time, as h2o does
 * (it adds Date to every response), so the three servers send the same work per request.
 */
#ifndef BENCH_DATE_H
#define BENCH_DATE_H

#include <time.h>
#include <uv.h>

static const char *bench_date(uv_loop_t *loop) {
  static char buf[64];
  static uint64_t formatted_at = (uint64_t)-1;
  uint64_t sec = uv_now(loop) / 1000;
  if (sec != formatted_at) {
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    formatted_at = sec;
  }
  return buf;
}

#endif
