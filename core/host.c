/* host.c: the kernel's host ops behind the `mrt` object (exit, args, env, pid, versions,
 * memory usage, op stats). Console and timer ops are their extensions' (core/ext/). The
 * bootstrap JS reaches them as P.ops.*. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "builtin_cache.h"
#include "js_files.h"
#include "permissions.h"
#include "runtime_internal.h"

extern char **environ;
shim_call *rt_op_shim_call(mrt_op_call *c);
void rt_op_stats_js(mrt_op_call *c);

#define RT(c) mrt_op_runtime(c)

static void op_exit(mrt_op_call *c) {
  mrt_runtime *rt = RT(c);
  double code = mrt_op_arg_number(c, 0);
  rt->exit_code = code == code ? (int)code & 0xff : 0;
  mrt_flush(rt);
  shim_terminate_now(rt->iso); /* nothing after mrt.exit() runs, not even an op */
}

static void op_argc(mrt_op_call *c) { mrt_op_return_number(c, RT(c)->opts.argc); }

static void op_arg(mrt_op_call *c) {
  mrt_runtime *rt = RT(c);
  int i = (int)mrt_op_arg_number(c, 0);
  if (i >= 0 && i < rt->opts.argc && rt->opts.argv[i]) {
    mrt_op_return_string(c, rt->opts.argv[i], strlen(rt->opts.argv[i]));
  }
}

/* An environment key (argument 0): not empty, no "=", no NUL (a C string would end there
 * and name another variable). NULL after throwing. host.js checks first, with Deno's
 * messages; this guards the C side. */
static const char *env_key(mrt_op_call *c) {
  size_t n;
  const char *k = mrt_op_arg_string(c, 0, &n);
  if (!k) return NULL;
  if (n == 0 || memchr(k, '=', n) || memchr(k, '\0', n)) {
    shim_call_throw(rt_op_shim_call(c), "TypeError", "EINVAL", "invalid environment key");
    return NULL;
  }
  return k;
}

/* The sandbox: the variable k (NULL: all of them) refused, after throwing NotCapable. */
static int env_denied(mrt_op_call *c, const char *k) {
  rt_perms *p = RT(c)->perms;
  if (!p || rt_perm_env(p, k)) return 0;
  rt_perm_throw(c, RT_PERM_ENV, k);
  return 1;
}

static void op_env_get(mrt_op_call *c) {
  const char *k = env_key(c);
  if (k && env_denied(c, k)) return;
  const char *v = k ? getenv(k) : NULL;
  if (v) mrt_op_return_string(c, v, strlen(v));
}

static void op_env_set(mrt_op_call *c) {
  const char *k = env_key(c);
  if (k && env_denied(c, k)) return;
  size_t vlen;
  const char *v = k ? mrt_op_arg_string(c, 1, &vlen) : NULL;
  if (!v) return;
  if (memchr(v, '\0', vlen)) {
    shim_call_throw(rt_op_shim_call(c), "TypeError", "EINVAL", "invalid environment value");
    return;
  }
  setenv(k, v, 1);
}

static void op_env_delete(mrt_op_call *c) {
  const char *k = env_key(c);
  if (k && !env_denied(c, k)) unsetenv(k);
}

/* Every NAME=VALUE joined with NULs: one call for the whole environment. */
static void op_env_all(mrt_op_call *c) {
  if (env_denied(c, NULL)) return; /* Deno: the whole environment needs all of it */
  size_t n = 0;
  for (char **e = environ; *e; e++) n += strlen(*e) + 1;
  char *buf = malloc(n ? n : 1);
  if (!buf) return;
  size_t off = 0;
  for (char **e = environ; *e; e++) {
    size_t k = strlen(*e);
    memcpy(buf + off, *e, k);
    off += k;
    buf[off++] = '\0';
  }
  mrt_op_return_string(c, buf, off ? off - 1 : 0);
  free(buf);
}

static void op_pid(mrt_op_call *c) { mrt_op_return_number(c, (double)getpid()); }

/* Fills a Float64Array: rss, heapTotal, heapUsed, external, arrayBuffers. */
static void op_memory_usage(mrt_op_call *c) {
  mrt_runtime *rt = RT(c);
  void *data;
  size_t len;
  if (mrt_op_arg_buffer(c, 0, &data, &len) != MRT_OK || len < 5 * sizeof(double)) return;
  double *out = data;
  size_t rss = 0;
  uv_resident_set_memory(&rss);
  shim_heap_stats hs;
  shim_heap_stats_get(rt->iso, &hs);
  out[0] = (double)rss;
  out[1] = (double)hs.total;
  out[2] = (double)hs.used;
  out[3] = (double)hs.external;
  out[4] = (double)atomic_load(&rt->array_buffers->live_bytes);
}
static void op_versions(mrt_op_call *c) {
  char buf[128];
  int n = snprintf(buf, sizeof buf, "%s %s", MRT_VERSION_STRING, shim_v8_version());
  mrt_op_return_string(c, buf, (size_t)n);
}

/* compileBuiltin(name): the function an embedded file (core/...) evaluates to, compiled now
 * from the binary's copy. The files of lazy APIs (MRT_JS_LAZY) come here on first use instead
 * of running at bootstrap, so neither their source nor their code is in the snapshot; their
 * code cache made at build time (builtin_cache.h) spares the parse and compile, and when V8
 * rejects it (other V8 flags: --v8-flags) the file compiles from source. Errors are thrown as
 * the JS exception they are. P.loadBuiltin (core.js) calls it once per file. */
static void op_compile_builtin(mrt_op_call *c) {
  mrt_runtime *rt = RT(c);
  shim_call *call = rt_op_shim_call(c);
  size_t n;
  const char *name = mrt_op_arg_string(c, 0, &n);
  if (!name) return;
  size_t index = rt_js_nfiles;
  for (size_t i = 0; i < rt_js_nfiles && index == rt_js_nfiles; i++) {
    if (strlen(rt_js_files[i].name) == n && memcmp(rt_js_files[i].name, name, n) == 0) index = i;
  }
  if (index == rt_js_nfiles) {
    shim_call_throw(call, "Error", "ENOENT", "no such built-in file");
    return;
  }
  const rt_js_file *f = &rt_js_files[index];
  char res[160];
  snprintf(res, sizeof res, "mrt:%s", f->name);
  shim_code_cache own = {0};
  shim_code_cache *cc = rt->builtin_compiles ? &rt->builtin_compiles[index] : &own;
  cc->keep = rt->builtin_compiles != NULL;
  cc->data = rt_builtin_cache_find(f->name, n, &cc->len);
  shim_global *fn = NULL;
  shim_exception exc = {0};
  int rc = shim_run_builtin(rt->iso, res, f->source, f->len, cc, &fn, &exc);
  if (cc->result == SHIM_CACHE_HIT) rt->builtin_cache_hits++;
  else if (cc->result == SHIM_CACHE_REJECTED) rt->builtin_cache_rejected++;
  if (rc == 0) {
    shim_call_return_value(call, fn);
  } else if (exc.value) {
    shim_call_throw_value(call, exc.value);
  } else if (!exc.terminated) {
    shim_call_throw(call, "Error", "ENOMEM", "cannot compile a built-in file");
  }
  shim_release(fn);
  shim_exception_clear(&exc);
}

/* permission(verb, name, value?) -> state: mrt.permissions (core/js/permissions_impl.js).
 * verb 0 query, 1 revoke (then query), 2 request (no prompt: granted or denied). Without a
 * sandbox everything is granted. */
static void op_permission(mrt_op_call *c) {
  rt_perms *p = RT(c)->perms;
  int verb = (int)mrt_op_arg_number(c, 0);
  size_t n = 0, vn = 0;
  const char *name = mrt_op_arg_string(c, 1, &n);
  char kind_name[8];
  if (!name || n >= sizeof kind_name) return;
  memcpy(kind_name, name, n);
  kind_name[n] = '\0';
  int kind = rt_perm_kind_of(kind_name);
  if (kind < 0) return;
  char *value = NULL;
  if (mrt_op_arg_type(c, 2) == MRT_TYPE_STRING) {
    const char *v = mrt_op_arg_string(c, 2, &vn);
    if (!v || memchr(v, '\0', vn) || !(value = strndup(v, vn))) return;
  }
  if (verb == 1) rt_perm_revoke(p, (rt_perm_kind)kind, value);
  const char *state = rt_perm_query(p, (rt_perm_kind)kind, value);
  if (verb == 2 && strcmp(state, "granted") != 0) state = "denied";
  free(value);
  mrt_op_return_string(c, state, strlen(state));
}

static const mrt_op_decl builtin_ops[] = {
    {.name = "exit", .fn = op_exit},
    {.name = "argc", .fn = op_argc},
    {.name = "arg", .fn = op_arg},
    {.name = "envGet", .fn = op_env_get},
    {.name = "envSet", .fn = op_env_set},
    {.name = "envDelete", .fn = op_env_delete},
    {.name = "envAll", .fn = op_env_all},
    {.name = "pid", .fn = op_pid},
    {.name = "memoryUsage", .fn = op_memory_usage},
    {.name = "versions", .fn = op_versions},
    {.name = "opStats", .fn = rt_op_stats_js},
    {.name = "compileBuiltin", .fn = op_compile_builtin},
    {.name = "permission", .fn = op_permission},
};

int rt_host_init(mrt_runtime *rt) {
  /* From the snapshot it exists already (it is not in the op table). */
  if (!rt->restoring && shim_install_queue_microtask(rt->iso, rt->private_ops, "queueMicrotask")) {
    return rt_set_error(rt, MRT_EV8INIT, NULL, "cannot install queueMicrotask");
  }
  for (size_t i = 0; i < sizeof builtin_ops / sizeof builtin_ops[0]; i++) {
    int rc = rt_register_builtin(rt, &builtin_ops[i]);
    if (rc) return rc;
  }
  return MRT_OK;
}
