/* error.c: the last-error record, error codes and the report format of uncaught errors. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "syntax_hint.h"
#include "error.h"
#include "heap.h"
#include "runtime_internal.h"
#include "source_transform.h"
#include "str.h"

const char *mrt_strerror(int code) {
  switch (code) {
    case MRT_OK:
      return "success";
#define MRT_STRERROR_CASE(name, value, text) \
  case MRT_E##name:                          \
    return text;
    MRT_ERRNO_MAP(MRT_STRERROR_CASE)
#undef MRT_STRERROR_CASE
  }
  return "unknown error";
}

void mrt_free(void *ptr) { free(ptr); }

static void free_error_strings(mrt_error *e) {
  free((char *)e->name);
  free((char *)e->message);
  free((char *)e->stack);
  free((char *)e->file);
  free((char *)e->source_line);
  free((char *)e->inspected);
  memset(e, 0, sizeof *e);
}

void rt_clear_error(mrt_runtime *rt) { free_error_strings(&rt->err); }

int rt_error_recode(mrt_runtime *rt, int code) {
  rt->err.code = code;
  return code;
}

/* Failures of mrt_runtime_new, which has no runtime to hold them. */
static _Thread_local mrt_error creation_error;
static _Thread_local char creation_message[256];

/* Another thread's view of a runtime is its own record: the runtime's belongs to its owner. */
const mrt_error *mrt_last_error(mrt_runtime *rt) {
  return rt && rt_on_owner(rt) ? &rt->err : &creation_error;
}

int rt_thread_error(const char *fn) {
  snprintf(creation_message, sizeof creation_message,
           "%s: called from a thread that is not the runtime's (use its handle: "
           "mrt_runtime_get_handle)", fn);
  memset(&creation_error, 0, sizeof creation_error);
  creation_error.code = MRT_ESTATE;
  creation_error.name = "Error";
  creation_error.message = creation_message;
  return MRT_ESTATE;
}

int rt_creation_error(int code, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(creation_message, sizeof creation_message, fmt, ap);
  va_end(ap);
  memset(&creation_error, 0, sizeof creation_error);
  creation_error.code = code;
  creation_error.name = code ? "RangeError" : NULL;
  creation_error.message = code ? creation_message : NULL;
  return code;
}

int rt_creation_error_from(mrt_runtime *rt, int code) {
  return rt_creation_error(code, "%s", rt->err.message ? rt->err.message : mrt_strerror(code));
}

int rt_exception_code(mrt_runtime *rt, const shim_exception *exc) {
  if (!exc->terminated) return MRT_EEXCEPTION;
  return rt_heap_limit_hit(rt) ? MRT_EHEAPLIMIT : MRT_ETERMINATED;
}

static char *vformat(const char *fmt, va_list ap) {
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap2);
  va_end(ap2);
  if (n < 0) return NULL;
  char *s = malloc((size_t)n + 1);
  if (s) vsnprintf(s, (size_t)n + 1, fmt, ap);
  return s;
}

int rt_set_error(mrt_runtime *rt, int code, const char *name, const char *fmt, ...) {
  rt_clear_error(rt);
  va_list ap;
  va_start(ap, fmt);
  rt->err.message = vformat(fmt, ap);
  va_end(ap);
  rt->err.code = code;
  rt->err.name = rt_strdup(name);
  return code;
}

/* The string P[fn](value) returns, or NULL (not a string, or it threw). */
static char *call_describer(mrt_runtime *rt, const char *fn, const shim_global *value) {
  shim_exception exc = {0};
  shim_global *inspect = NULL, *out = NULL;
  char *s = NULL;
  if (shim_get(rt->iso, rt->P, fn, &inspect, &exc) == 0 &&
      shim_type(rt->iso, inspect) == SHIM_FUNCTION) {
    shim_global *argv[1] = {(shim_global *)value};
    if (shim_call_function(rt->iso, inspect, NULL, 1, argv, &out, &exc) == 0 &&
        shim_type(rt->iso, out) == SHIM_STRING) {
      s = shim_to_string(rt->iso, out, NULL, &exc);
    }
  }
  shim_release(inspect);
  shim_release(out);
  shim_exception_clear(&exc);
  return s;
}

/* Non-Error values are described with the console's inspect (`Uncaught { a: 1 }`). */
static char *inspect_value(mrt_runtime *rt, const shim_global *value) {
  if (!rt->P || !value) return NULL;
  int t = shim_type(rt->iso, value);
  if (t != SHIM_OBJECT && t != SHIM_ARRAY && t != SHIM_STRING && t != SHIM_SYMBOL &&
      t != SHIM_FUNCTION && t != SHIM_BIGINT) {
    return NULL;
  }
  return call_describer(rt, "inspect", value);
}

int rt_set_error_from_exception(mrt_runtime *rt, shim_exception *exc) {
  int code = rt_exception_code(rt, exc);
  rt_clear_error(rt);
  mrt_error *e = &rt->err;
  e->code = code;
  if (code == MRT_EHEAPLIMIT) {
    e->name = rt_strdup("RangeError");
    char buf[96];
    snprintf(buf, sizeof buf, "heap limit exceeded (%zu MB)", rt_heap_limit_mb(rt));
    e->message = rt_strdup(buf);
  } else if (code == MRT_ETERMINATED) {
    e->name = rt_strdup("Error");
    e->message = rt_strdup("execution terminated");
  } else {
    if (!exc->name) {
      char *described = inspect_value(rt, exc->value);
      if (described) {
        free(exc->message);
        exc->message = described;
      }
    }
    if (exc->name && rt->P && exc->value) e->inspected = call_describer(rt, "describeError", exc->value);
    rt_source_map_location(rt, exc); /* a place in TypeScript the stripper rewrote */
    rt_syntax_hint(exc);             /* syntax newer than V8 10.2: which feature */
    e->name = exc->name;
    e->message = exc->message;
    e->stack = exc->stack;
    e->file = exc->file;
    e->source_line = exc->source_line;
    e->line = exc->line;
    e->column = exc->column;
    exc->name = exc->message = exc->stack = exc->file = exc->source_line = NULL;
  }
  shim_exception_clear(exc);
  /* The outermost call a termination ended: JS may run again, the next hit is new. */
  if ((code == MRT_EHEAPLIMIT || code == MRT_ETERMINATED) && !rt_in_js(rt)) {
    shim_cancel_terminate(rt->iso);
    rt_heap_limit_reported(rt);
  }
  return code;
}

typedef struct strbuf {
  char *s;
  size_t len, cap;
} strbuf;

static void sb_add(strbuf *b, const char *s, size_t n) {
  if (b->len + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap * 2 : 256;
    while (cap < b->len + n + 1) cap *= 2;
    char *p = realloc(b->s, cap);
    if (!p) return;
    b->s = p;
    b->cap = cap;
  }
  memcpy(b->s + b->len, s, n);
  b->len += n;
  b->s[b->len] = '\0';
}

static void sb_str(strbuf *b, const char *s) { sb_add(b, s, strlen(s)); }

/* Source lines wider than this are shown as a window around the caret (minified code has
 * lines of megabytes). */
#define FRAME_WIDTH 80

/* Byte offsets of UTF-8 code points: next after i, and the count up to a UTF-16 column. */
static size_t utf8_next(const char *s, size_t i) {
  do i++;
  while (((unsigned char)s[i] & 0xC0) == 0x80);
  return i;
}

/* The source line (a window of it) and a caret under 1-based UTF-16 column `column`. */
static void code_frame(strbuf *b, const char *line, int column) {
  size_t len = strlen(line), caret = 0, units = 0, n = 0;
  /* caret: the code point index of the column; n: code points in the line */
  for (size_t i = 0; i < len; i = utf8_next(line, i), n++) {
    if (units < (size_t)(column > 0 ? column - 1 : 0)) {
      units += (unsigned char)line[i] >= 0xF0 ? 2 : 1; /* outside the BMP: two units */
      caret = n + 1;
    }
  }
  size_t first = 0, last = n; /* code points shown: [first, last) */
  if (n > FRAME_WIDTH) {
    first = caret > FRAME_WIDTH / 2 ? caret - FRAME_WIDTH / 2 : 0;
    last = first + FRAME_WIDTH < n ? first + FRAME_WIDTH : n;
    if (last - first < FRAME_WIDTH) first = last - FRAME_WIDTH;
  }
  size_t from = 0, to = len, k = 0;
  for (size_t i = 0; i <= len; i = i < len ? utf8_next(line, i) : len + 1, k++) {
    if (k == first) from = i;
    if (k == last) to = i;
  }
  if (first > 0) sb_str(b, "...");
  sb_add(b, line + from, to - from);
  if (last < n) sb_str(b, "...");
  sb_str(b, "\n");
  if (first > 0) sb_str(b, "   ");
  k = first;
  for (size_t i = from; k < caret && i < len; i = utf8_next(line, i), k++) {
    sb_add(b, line[i] == '\t' ? "\t" : " ", 1); /* tabs kept: the caret lines up */
  }
  sb_str(b, "^\n");
}

char *mrt_error_format(const mrt_error *e) {
  strbuf b = {0};
  if (!e) return NULL;
  char num[64];
  /* The place it was thrown (or, for a rejection, made), with the source line and a caret,
   * as Node shows it; not inside the runtime's own JS (its stack names the user's frames). */
  if (e->file && e->line > 0 && strncmp(e->file, "mrt:", 4) != 0) {
    sb_str(&b, e->file);
    snprintf(num, sizeof num, ":%d:%d\n", e->line, e->column);
    sb_str(&b, num);
    if (e->source_line) code_frame(&b, e->source_line, e->column);
    sb_str(&b, "\n");
  }
  sb_str(&b, e->code == MRT_EUNHANDLED ? "Uncaught (in promise) " : "Uncaught ");
  if (e->inspected) {
    sb_str(&b, e->inspected);
  } else if (e->stack && e->name) {
    sb_str(&b, e->stack);
  } else if (e->name && e->message && *e->message) {
    sb_str(&b, e->name);
    sb_str(&b, ": ");
    sb_str(&b, e->message);
  } else if (e->name) {
    sb_str(&b, e->name);
  } else {
    sb_str(&b, e->message ? e->message : "unknown error");
  }
  sb_str(&b, "\n");
  return b.s;
}
