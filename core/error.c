/* error.c: the last-error record, error codes and the report format of uncaught errors. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime_internal.h"

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
  memset(e, 0, sizeof *e);
}

void rt_clear_error(mrt_runtime *rt) { free_error_strings(&rt->err); }

/* Failures of mrt_runtime_new, which has no runtime to hold them. */
static _Thread_local mrt_error creation_error;
static _Thread_local char creation_message[256];

const mrt_error *mrt_last_error(mrt_runtime *rt) { return rt ? &rt->err : &creation_error; }

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

int rt_exception_code(mrt_runtime *rt, const shim_exception *exc) {
  if (!exc->terminated) return MRT_EEXCEPTION;
  return rt->heap_limit_hit ? MRT_EHEAPLIMIT : MRT_ETERMINATED;
}

static char *xstrdup(const char *s) {
  if (!s) return NULL;
  size_t n = strlen(s) + 1;
  char *d = malloc(n);
  if (d) memcpy(d, s, n);
  return d;
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
  rt->err.name = xstrdup(name);
  return code;
}

/* Non-Error values are described with the console's inspect (`Uncaught { a: 1 }`). */
static char *inspect_value(mrt_runtime *rt, const shim_global *value) {
  if (!rt->P || !value) return NULL;
  int t = shim_type(rt->iso, value);
  if (t != SHIM_OBJECT && t != SHIM_ARRAY && t != SHIM_STRING && t != SHIM_SYMBOL &&
      t != SHIM_FUNCTION && t != SHIM_BIGINT) {
    return NULL;
  }
  shim_exception exc = {0};
  shim_global *inspect = NULL, *out = NULL;
  char *s = NULL;
  if (shim_get(rt->iso, rt->P, "inspect", &inspect, &exc) == 0 &&
      shim_type(rt->iso, inspect) == SHIM_FUNCTION) {
    shim_global *argv[1] = {(shim_global *)value};
    if (shim_call_function(rt->iso, inspect, NULL, 1, argv, &out, &exc) == 0) {
      s = shim_to_string(rt->iso, out, NULL, &exc);
    }
  }
  shim_release(inspect);
  shim_release(out);
  shim_exception_clear(&exc);
  return s;
}

int rt_set_error_from_exception(mrt_runtime *rt, shim_exception *exc) {
  int code = rt_exception_code(rt, exc);
  rt_clear_error(rt);
  mrt_error *e = &rt->err;
  e->code = code;
  if (code == MRT_EHEAPLIMIT) {
    e->name = xstrdup("RangeError");
    char buf[96];
    snprintf(buf, sizeof buf, "heap limit exceeded (%zu MB)", rt->heap_limit_mb);
    e->message = xstrdup(buf);
  } else if (code == MRT_ETERMINATED) {
    e->name = xstrdup("Error");
    e->message = xstrdup("execution terminated");
  } else {
    if (!exc->name) {
      char *described = inspect_value(rt, exc->value);
      if (described) {
        free(exc->message);
        exc->message = described;
      }
    }
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
  if ((code == MRT_EHEAPLIMIT || code == MRT_ETERMINATED) && rt->depth == 0) {
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

char *mrt_error_format(const mrt_error *e) {
  strbuf b = {0};
  if (!e) return NULL;
  char num[64];
  /* Errors whose stack names no frame (syntax errors, thrown primitives) get a location
   * header with the source line and a caret, so the place is always named. */
  int has_frames = e->stack && strstr(e->stack, "\n    at ") != NULL;
  if (e->file && e->line > 0 && !has_frames) {
    sb_str(&b, e->file);
    snprintf(num, sizeof num, ":%d:%d\n", e->line, e->column);
    sb_str(&b, num);
    if (e->source_line) {
      sb_str(&b, e->source_line);
      sb_str(&b, "\n");
      for (int i = 1; i < e->column; i++) {
        sb_add(&b, e->source_line[i - 1] == '\t' ? "\t" : " ", 1);
        if (!e->source_line[i - 1]) break;
      }
      sb_str(&b, "^\n");
    }
    sb_str(&b, "\n");
  }
  sb_str(&b, e->code == MRT_EUNHANDLED ? "Uncaught (in promise) " : "Uncaught ");
  if (e->stack && e->name) {
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
