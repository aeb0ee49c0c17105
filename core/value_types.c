/* value_types.c: values made and read from C beyond the basic ones (value.c): arrays, object
 * keys, JSON, BigInt, ArrayBuffers and typed arrays, JS functions backed by C, and promises
 * settled from C. The V8 side is shim/value_types.cc. */
#include <stdlib.h>

#include "runtime_internal.h"

/* The shim's answers: -1 JS threw (exc), -2 wrong type, -3 out of range. */
static int shim_failed(mrt_runtime *rt, int rc, shim_exception *exc, const char *fn,
                       const char *wanted) {
  if (rc == -1) return rt_set_error_from_exception(rt, exc);
  if (rc == -3) return rt_set_error(rt, MRT_EINVAL, "RangeError", "%s: out of range", fn);
  return rt_set_error(rt, MRT_EINVAL, "TypeError", "%s: not %s", fn, wanted);
}

/* The end of a shim call that may run JS (a getter, a setter, a Proxy trap, a thenable's
 * `then` getter), begun with rt_enter as mrt_get's: an error it threw or left pending is
 * reported as rt_leave reports it, the shim's other answers as shim_failed. */
static int js_done(mrt_runtime *rt, int rc, shim_exception *exc, const char *fn,
                   const char *wanted) {
  int code = rt_leave(rt, rc == -1 ? exc : NULL);
  if (code) return code;
  return rc ? shim_failed(rt, rc, exc, fn, wanted) : MRT_OK;
}

/* Handles the shim could not allocate. */
static mrt_value *wrapped(mrt_runtime *rt, shim_global *g) {
  mrt_value *v = rt_wrap(rt, g);
  if (!v) rt_set_error(rt, MRT_ENOMEM, NULL, "out of memory");
  else rt_ok(rt);
  return v;
}

/* An out argument that is set to the result: required, cleared first. */
#define NEED_OUT(rt, out, fn)                                                      \
  do {                                                                             \
    if (!(out)) return rt_set_error(rt, MRT_EINVAL, "TypeError", fn ": NULL out"); \
  } while (0)

/* ---------------------------------------------------------------- arrays, keys, JSON */

mrt_value *mrt_array(mrt_runtime *rt, uint32_t length) {
  RT_OWNER_ONLY(rt, NULL);
  if (!rt) return NULL;
  if (length > INT32_MAX) {
    rt_set_error(rt, MRT_EINVAL, "RangeError", "mrt_array: length %u above 2^31 - 1", length);
    return NULL;
  }
  return wrapped(rt, shim_array(rt->iso, length));
}

int mrt_array_length(mrt_runtime *rt, const mrt_value *arr, uint32_t *len) {
  RT_OWNER_ONLY(rt, MRT_ESTATE);
  if (!rt) return MRT_EINVAL;
  NEED_OUT(rt, len, "mrt_array_length");
  *len = 0;
  if (rt_bad_value(rt, arr, "mrt_array_length")) return MRT_EINVAL;
  if (shim_array_length(rt->iso, arr->g, len) != 0) {
    return shim_failed(rt, -2, NULL, "mrt_array_length", "an array");
  }
  rt_ok(rt);
  return MRT_OK;
}

int mrt_get_index(mrt_runtime *rt, const mrt_value *obj, uint32_t index, mrt_value **out) {
  RT_OWNER_ONLY(rt, MRT_ESTATE);
  if (!rt) return MRT_EINVAL;
  NEED_OUT(rt, out, "mrt_get_index");
  *out = NULL;
  if (rt_bad_value(rt, obj, "mrt_get_index")) return MRT_EINVAL;
  shim_exception exc = {0};
  shim_global *g = NULL;
  rt_enter(rt); /* a getter may run JS */
  int rc = shim_get_index(rt->iso, obj->g, index, &g, &exc);
  if ((rc = js_done(rt, rc, &exc, "mrt_get_index", "an object")) != 0) {
    shim_release(g);
    return rc;
  }
  *out = rt_wrap(rt, g);
  if (!*out) return rt_set_error(rt, MRT_ENOMEM, NULL, "out of memory");
  rt_ok(rt);
  return MRT_OK;
}

int mrt_set_index(mrt_runtime *rt, const mrt_value *obj, uint32_t index, const mrt_value *val) {
  RT_OWNER_ONLY(rt, MRT_ESTATE);
  if (!rt) return MRT_EINVAL;
  if (rt_bad_value(rt, obj, "mrt_set_index")) return MRT_EINVAL;
  if (val && rt_bad_value(rt, val, "mrt_set_index")) return MRT_EINVAL;
  shim_exception exc = {0};
  rt_enter(rt); /* a setter may run JS */
  int rc = shim_set_index(rt->iso, obj->g, index, val ? val->g : NULL, &exc);
  if ((rc = js_done(rt, rc, &exc, "mrt_set_index", "an object")) != 0) return rc;
  rt_ok(rt);
  return MRT_OK;
}

int mrt_object_keys(mrt_runtime *rt, const mrt_value *obj, mrt_value **out) {
  RT_OWNER_ONLY(rt, MRT_ESTATE);
  if (!rt) return MRT_EINVAL;
  NEED_OUT(rt, out, "mrt_object_keys");
  *out = NULL;
  if (rt_bad_value(rt, obj, "mrt_object_keys")) return MRT_EINVAL;
  shim_exception exc = {0};
  shim_global *g = NULL;
  rt_enter(rt); /* a Proxy's traps may run JS */
  int rc = shim_object_keys(rt->iso, obj->g, &g, &exc);
  if ((rc = js_done(rt, rc, &exc, "mrt_object_keys", "an object")) != 0) {
    shim_release(g);
    return rc;
  }
  *out = rt_wrap(rt, g);
  if (!*out) return rt_set_error(rt, MRT_ENOMEM, NULL, "out of memory");
  rt_ok(rt);
  return MRT_OK;
}

int mrt_json_parse(mrt_runtime *rt, const char *json, size_t len, mrt_value **out) {
  RT_OWNER_ONLY(rt, MRT_ESTATE);
  if (!rt) return MRT_EINVAL;
  NEED_OUT(rt, out, "mrt_json_parse");
  *out = NULL;
  if (!json && len) return rt_set_error(rt, MRT_EINVAL, "TypeError", "mrt_json_parse: NULL text");
  shim_exception exc = {0};
  shim_global *g = NULL;
  int rc = shim_json_parse(rt->iso, json ? json : "", len, &g, &exc);
  if (rc == -2) return rt_set_error(rt, MRT_EINVAL, "RangeError", "mrt_json_parse: text too long");
  if (rc) return shim_failed(rt, rc, &exc, "mrt_json_parse", "JSON");
  *out = rt_wrap(rt, g);
  if (!*out) return rt_set_error(rt, MRT_ENOMEM, NULL, "out of memory");
  rt_ok(rt);
  return MRT_OK;
}

/* ---------------------------------------------------------------- BigInt */

mrt_value *mrt_bigint_from_int64(mrt_runtime *rt, int64_t v) {
  RT_OWNER_ONLY(rt, NULL);
  return rt ? wrapped(rt, shim_bigint_int64(rt->iso, v)) : NULL;
}

mrt_value *mrt_bigint_from_uint64(mrt_runtime *rt, uint64_t v) {
  RT_OWNER_ONLY(rt, NULL);
  return rt ? wrapped(rt, shim_bigint_uint64(rt->iso, v)) : NULL;
}

static int bigint_to(mrt_runtime *rt, const mrt_value *v, int is_signed, int64_t *s, uint64_t *u,
                     int *lossless, const char *fn) {
  if (!rt) return MRT_EINVAL;
  if (lossless) *lossless = 0;
  if (!s && !u) return rt_set_error(rt, MRT_EINVAL, "TypeError", "%s: NULL out", fn);
  if (s) *s = 0;
  if (u) *u = 0;
  if (rt_bad_value(rt, v, fn)) return MRT_EINVAL;
  int exact = 0;
  if (shim_bigint_value(rt->iso, v->g, is_signed, s, u, &exact) != 0) {
    return shim_failed(rt, -2, NULL, fn, "a BigInt");
  }
  if (lossless) *lossless = exact;
  rt_ok(rt);
  return MRT_OK;
}

int mrt_bigint_to_int64(mrt_runtime *rt, const mrt_value *v, int64_t *out, int *lossless) {
  RT_OWNER_ONLY(rt, MRT_ESTATE);
  return bigint_to(rt, v, 1, out, NULL, lossless, "mrt_bigint_to_int64");
}

int mrt_bigint_to_uint64(mrt_runtime *rt, const mrt_value *v, uint64_t *out, int *lossless) {
  RT_OWNER_ONLY(rt, MRT_ESTATE);
  return bigint_to(rt, v, 0, NULL, out, lossless, "mrt_bigint_to_uint64");
}

/* ---------------------------------------------------------------- buffers */

mrt_value *mrt_array_buffer(mrt_runtime *rt, const void *bytes, size_t len, void **data) {
  RT_OWNER_ONLY(rt, NULL);
  if (!rt) return NULL;
  if (data) *data = NULL;
  void *mem = NULL;
  mrt_value *v = rt_wrap(rt, shim_array_buffer(rt->iso, bytes, len, &mem));
  if (!v) {
    rt_set_error(rt, MRT_ENOMEM, "RangeError", "mrt_array_buffer: cannot allocate %zu bytes",
                 len);
    return NULL;
  }
  if (data) *data = mem;
  rt_ok(rt);
  return v;
}

mrt_value *mrt_typed_array(mrt_runtime *rt, mrt_typed_array_type type, const mrt_value *buffer,
                           size_t byte_offset, size_t length) {
  RT_OWNER_ONLY(rt, NULL);
  if (!rt || rt_bad_value(rt, buffer, "mrt_typed_array")) return NULL;
  shim_exception exc = {0};
  shim_global *g = NULL;
  int rc = shim_typed_array(rt->iso, (int)type, buffer->g, byte_offset, length, &g, &exc);
  if (rc) {
    if (rc == -2 && (unsigned)type > MRT_BIGUINT64_ARRAY) {
      rt_set_error(rt, MRT_EINVAL, "TypeError", "mrt_typed_array: unknown type %d", (int)type);
    } else {
      shim_failed(rt, rc, &exc, "mrt_typed_array", "an ArrayBuffer");
    }
    return NULL;
  }
  return wrapped(rt, g);
}

int mrt_typed_array_info(mrt_runtime *rt, const mrt_value *v, mrt_typed_array_type *type,
                         size_t *length, size_t *byte_offset, mrt_value **buffer) {
  RT_OWNER_ONLY(rt, MRT_ESTATE);
  if (!rt) return MRT_EINVAL;
  if (buffer) *buffer = NULL;
  if (rt_bad_value(rt, v, "mrt_typed_array_info")) return MRT_EINVAL;
  int t = 0;
  shim_global *b = NULL;
  if (shim_typed_array_info(rt->iso, v->g, &t, length, byte_offset, buffer ? &b : NULL) != 0) {
    return shim_failed(rt, -2, NULL, "mrt_typed_array_info", "a typed array");
  }
  if (type) *type = (mrt_typed_array_type)t;
  if (buffer && !(*buffer = rt_wrap(rt, b))) {
    return rt_set_error(rt, MRT_ENOMEM, NULL, "out of memory");
  }
  rt_ok(rt);
  return MRT_OK;
}

int mrt_buffer_data(mrt_runtime *rt, const mrt_value *v, void **data, size_t *len) {
  RT_OWNER_ONLY(rt, MRT_ESTATE);
  if (!rt) return MRT_EINVAL;
  if (!data || !len) return rt_set_error(rt, MRT_EINVAL, "TypeError", "mrt_buffer_data: NULL out");
  *data = NULL;
  *len = 0;
  if (rt_bad_value(rt, v, "mrt_buffer_data")) return MRT_EINVAL;
  if (shim_buffer_data(rt->iso, v->g, data, len) != 0) {
    return shim_failed(rt, -2, NULL, "mrt_buffer_data", "an ArrayBuffer or a view of one");
  }
  rt_ok(rt);
  return MRT_OK;
}

/* ---------------------------------------------------------------- functions */

/* What a C function made with mrt_function runs; freed with the function (shim). */
typedef struct c_function {
  mrt_runtime *rt;
  mrt_op_fn fn;
  void *data;
} c_function;

static void c_function_call(void *data, shim_call *call) {
  c_function *f = data;
  rt_call_c_function(f->rt, call, f->fn, f->data);
}

mrt_value *mrt_function(mrt_runtime *rt, const char *name, mrt_op_fn fn, void *data) {
  RT_OWNER_ONLY(rt, NULL);
  if (!rt) return NULL;
  if (!fn) {
    rt_set_error(rt, MRT_EINVAL, "TypeError", "mrt_function: NULL function");
    return NULL;
  }
  if (rt->making_snapshot) { /* V8 aborts serializing a function whose callback data is C */
    rt_set_error(rt, MRT_ESTATE, "Error",
                 "mrt_function: a C function cannot go into a startup snapshot; make it in "
                 "the runtimes started from the snapshot");
    return NULL;
  }
  c_function *f = malloc(sizeof *f);
  if (!f) {
    rt_set_error(rt, MRT_ENOMEM, NULL, "out of memory");
    return NULL;
  }
  *f = (c_function){rt, fn, data};
  shim_global *g = shim_function_new(rt->iso, name, c_function_call, f, free);
  if (!g) { /* the shim released f if it had taken it */
    rt_set_error(rt, MRT_ENOMEM, NULL, "out of memory");
    return NULL;
  }
  return wrapped(rt, g);
}

/* ---------------------------------------------------------------- promises */

mrt_value *mrt_promise_new(mrt_runtime *rt) {
  RT_OWNER_ONLY(rt, NULL);
  return rt ? wrapped(rt, shim_promise_new(rt->iso)) : NULL;
}

static int settle(mrt_runtime *rt, const mrt_value *p, const mrt_value *value, int reject,
                  const char *fn) {
  if (!rt) return MRT_EINVAL;
  if (rt_bad_value(rt, p, fn)) return MRT_EINVAL;
  if (value && rt_bad_value(rt, value, fn)) return MRT_EINVAL; /* NULL: undefined */
  rt_enter(rt); /* resolving with a thenable reads its `then`: a getter may run JS */
  int rc = shim_promise_settle(rt->iso, p->g, value ? value->g : NULL, reject);
  shim_exception exc = {.terminated = 1};
  int code = rt_leave(rt, rc < -2 ? &exc : NULL);
  if (code) return code;
  if (rc == -1) {
    return rt_set_error(rt, MRT_EINVAL, "TypeError", "%s: not a promise made by mrt_promise_new",
                        fn);
  }
  if (rc == -2) return rt_set_error(rt, MRT_ESTATE, "Error", "%s: the promise was settled already", fn);
  rt_ok(rt);
  return MRT_OK;
}

int mrt_promise_resolve(mrt_runtime *rt, const mrt_value *promise, const mrt_value *value) {
  RT_OWNER_ONLY(rt, MRT_ESTATE);
  return settle(rt, promise, value, 0, "mrt_promise_resolve");
}

int mrt_promise_reject(mrt_runtime *rt, const mrt_value *promise, const mrt_value *reason) {
  RT_OWNER_ONLY(rt, MRT_ESTATE);
  return settle(rt, promise, reason, 1, "mrt_promise_reject");
}
