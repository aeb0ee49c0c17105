/* node.c: the natives of Node's CommonJS modules (core/ext/node/cjs_impl.js): reading and
 * compiling a module file, Node's resolution and formats (core/resolve.h), require() of an ES
 * module; and the mrt command's entries for its main file (mrt_main_format,
 * mrt_run_commonjs_main). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "code_cache.h"
#include "eventloop.h"
#include "inspector_internal.h"
#include "ext/ext.h"
#include "modules_internal.h"
#include "resolve.h"
#include "permissions.h"
#include "runtime_internal.h"
#include "shim.h"
#include "source_transform.h"

#define SC(c) rt_op_shim_call(c)

/* A CommonJS module is the body of this function (Node's wrapper, without its text). */
static const char *const cjs_params[] = {"exports", "require", "module", "__filename",
                                         "__dirname"};

/* Node's message for a failed read: "ENOENT: no such file or directory, open '/x'". */
static void throw_read_error(mrt_op_call *c, int err, const char *path) {
  static const struct { int err; const char *code, *text; } known[] = {
      {ENOENT, "ENOENT", "no such file or directory"},
      {EACCES, "EACCES", "permission denied"},
      {EISDIR, "EISDIR", "illegal operation on a directory"},
      {ENODEV, "ENODEV", "not a regular file"},
      {EFBIG, "EFBIG", "file too large"},
      {ENOMEM, "ENOMEM", "out of memory"},
  };
  const char *code = "EIO", *text = strerror(err);
  for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
    if (known[i].err == err) code = known[i].code, text = known[i].text;
  }
  char msg[512];
  snprintf(msg, sizeof msg, "%s: %s, open '%s'", code, text, path);
  shim_call_throw_sys(SC(c), code, "open", path, msg);
}

/* A module file's text through the sandbox (a require is a read); NULL after throwing. */
static char *read_module(mrt_op_call *c, const char *path, size_t *len) {
  int err = 0;
  char *denied = NULL;
  char *src = mod_read_source_checked(mrt_op_runtime(c)->perms, path, len, &err, &denied);
  if (denied) {
    rt_perm_throw(c, RT_PERM_READ, denied);
    free(denied);
  } else if (!src) {
    throw_read_error(c, err, path);
  }
  return src;
}

/* Node's treatment of a module's text: a UTF-8 byte-order mark is dropped, and a "#!" line
 * becomes a comment (the same length: lines and columns stay the file's). */
static const char *strip_bom_shebang(char *src, size_t *len) {
  if (*len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0) {
    src += 3;
    *len -= 3;
  }
  if (*len >= 2 && src[0] == '#' && src[1] == '!') src[0] = src[1] = '/';
  return src;
}

/* The source of op argument 1 when it is a string, else the file `path`'s; NULL when it threw. */
static char *op_source(mrt_op_call *c, const char *path, size_t *len) {
  if (mrt_op_arg_type(c, 1) == MRT_TYPE_STRING) {
    const char *s = mrt_op_arg_string(c, 1, len);
    char *copy = s ? malloc(*len + 1) : NULL;
    if (copy) {
      memcpy(copy, s, *len);
      copy[*len] = '\0';
    } else if (s) {
      throw_read_error(c, ENOMEM, path);
    }
    return copy;
  }
  return read_module(c, path, len);
}

static char *arg_dup(mrt_op_call *c, int i) {
  size_t n;
  const char *s = mrt_op_arg_string(c, i, &n);
  char *d = s ? malloc(n + 1) : NULL;
  if (d) {
    memcpy(d, s, n);
    d[n] = '\0';
  }
  return d;
}

/* compile(filename, source?, detect?): the module's function (exports, require, module,
 * __filename, __dirname), its text read from filename unless given; with detect, undefined
 * when the text uses ES module syntax (Node 22's detection for a .js without "type"). */
static void op_compile(mrt_op_call *c) {
  mrt_runtime *rt = mrt_op_runtime(c);
  char *path = arg_dup(c, 0);
  if (!path) return;
  size_t len = 0;
  char *src = op_source(c, path, &len);
  if (src) {
    const char *text = strip_bom_shebang(src, &len);
    /* TypeScript (.cts, or .ts in a CommonJS package): its types stripped first. */
    char *js = NULL;
    size_t js_len = 0;
    shim_exception texc = {0};
    if (rt_source_format(path) && rt_source_transform(rt, path, text, len, &js, &js_len, &texc) != 0) {
      if (texc.value) shim_call_throw_value(SC(c), texc.value);
      shim_exception_clear(&texc);
      free(src);
      free(path);
      return;
    }
    if (js) {
      text = js;
      len = js_len;
    }
    if (!(mrt_op_argc(c) > 2 && mrt_op_arg_boolean(c, 2) && mod_has_module_syntax(text, len))) {
      shim_global *fn = NULL;
      shim_exception exc = {0};
      rt_cache_key key;
      int write = 0;
      /* Through --cache-dir: the entry is written at once (the module's top level; its
       * functions compiled lazily while it runs are not in it, unlike the main's). */
      int rc = rt->cache ? rt_cache_function_compile(rt, path, text, len, cjs_params, 5, 0, &fn,
                                                     &key, &write, &exc)
                         : shim_compile_function(rt->iso, path, text, len, cjs_params, 5, NULL,
                                                 &fn, &exc);
      if (rc == 0) {
        if (write) rt_cache_function_ran(rt, &key, fn);
        shim_call_return_value(SC(c), fn);
      } else if (exc.value) {
        shim_call_throw_value(SC(c), exc.value);
      } else if (!exc.terminated) {
        shim_call_throw(SC(c), "Error", "ENOMEM", "cannot compile a module");
      }
      shim_release(fn);
      shim_exception_clear(&exc);
    }
    free(js);
  }
  free(src);
  free(path);
}

/* readSource(path): a file's text as a string (UTF-8, without a byte-order mark). */
static void op_read_source(mrt_op_call *c) {
  char *path = arg_dup(c, 0);
  if (!path) return;
  size_t len = 0;
  char *src = read_module(c, path, &len);
  if (src) {
    const char *text = len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0 ? src + 3 : src;
    mrt_op_return_string(c, text, len - (size_t)(text - src));
  }
  free(src);
  free(path);
}

/* resolve(specifier, referrerURL | undefined, require?): the URL Node resolves it to
 * ("file:///..." or "node:fs"); throws Node's error with its code. */
static void op_resolve(mrt_op_call *c) {
  mrt_runtime *rt = mrt_op_runtime(c);
  char *spec = arg_dup(c, 0);
  char *referrer = mrt_op_arg_type(c, 1) == MRT_TYPE_STRING ? arg_dup(c, 1) : NULL;
  int mode = mrt_op_arg_boolean(c, 2) ? RT_RESOLVE_REQUIRE : RT_RESOLVE_IMPORT;
  if (spec) {
    char *msg = NULL;
    const char *code = NULL;
    char *url = rt_resolve(rt, spec, referrer, mode, &msg, &code);
    if (url) mrt_op_return_string(c, url, strlen(url));
    else shim_call_throw(SC(c), "Error", code, msg ? msg : "cannot resolve module");
    free(url);
    free(msg);
  }
  free(spec);
  free(referrer);
}

/* format(url): RT_FORMAT_* of a resolved URL. */
static void op_format(mrt_op_call *c) {
  char *url = arg_dup(c, 0);
  if (!url) return;
  mrt_op_return_number(c, rt_module_format(mrt_op_runtime(c), url));
  free(url);
}

/* requireModule(url, source?): require() of an ES module: its graph loaded, linked and
 * evaluated now; the namespace. With source, the module's text (cjs_impl.js's facade). */
static void op_require_module(mrt_op_call *c) {
  mrt_runtime *rt = mrt_op_runtime(c);
  char *url = arg_dup(c, 0);
  if (!url) return;
  char *source = mrt_op_arg_type(c, 1) == MRT_TYPE_STRING ? arg_dup(c, 1) : NULL;
  shim_global *ns = NULL;
  shim_exception exc = {0};
  char *code = NULL, *msg = NULL;
  int rc = rt_modules_require(rt, url, source, &ns, &exc, &code, &msg);
  free(source);
  if (rc == 0) shim_call_return_value(SC(c), ns);
  else if (msg) shim_call_throw(SC(c), "Error", code, msg);
  else if (exc.value) shim_call_throw_value(SC(c), exc.value);
  else if (!exc.terminated)
    shim_call_throw(SC(c), exc.name ? exc.name : "Error", code,
                    exc.message ? exc.message : "cannot load the module");
  shim_release(ns);
  shim_exception_clear(&exc);
  free(msg);
  free(code);
  free(url);
}

/* cwd(): the current directory (relative requires of createRequire'd and top-level code). */
static void op_cwd(mrt_op_call *c) {
  char buf[4096];
  if (!getcwd(buf, sizeof buf)) {
    shim_call_throw_sys(SC(c), "ENOENT", "uv_cwd", NULL, "ENOENT: process.cwd failed");
    return;
  }
  mrt_op_return_string(c, buf, strlen(buf));
}

const mrt_op_decl rt_node_ops[RT_NODE_NOPS] = {
    {.name = "cjsCwd", .fn = op_cwd},
    {.name = "cjsCompile", .fn = op_compile},
    {.name = "cjsReadSource", .fn = op_read_source},
    {.name = "nodeResolve", .fn = op_resolve},
    {.name = "nodeModuleFormat", .fn = op_format},
    {.name = "requireModule", .fn = op_require_module},
};

/* ---------------------------------------------------------------- the mrt command's main */

static int ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), k = strlen(suffix);
  return n >= k && strcmp(s + n - k, suffix) == 0;
}

int mrt_main_format(mrt_runtime *rt, const char *path, const char *source, size_t len) {
  if (path && (ends_with(path, ".mjs") || ends_with(path, ".mts"))) return MRT_MAIN_ESM;
  if (path && (ends_with(path, ".cjs") || ends_with(path, ".cts"))) return MRT_MAIN_COMMONJS;
  int format = RT_FORMAT_UNKNOWN;
  if (rt && path && path[0] == '/' && (ends_with(path, ".js") || ends_with(path, ".ts"))) {
    char *url = mod_url_from_path(path);
    if (url) format = rt_module_format(rt, url);
    free(url);
  }
  if (format == RT_FORMAT_ESM || format == RT_FORMAT_TS_ESM) return MRT_MAIN_ESM;
  if (format == RT_FORMAT_COMMONJS || format == RT_FORMAT_TS_COMMONJS) return MRT_MAIN_COMMONJS;
  return source && mod_has_module_syntax(source, len) ? MRT_MAIN_ESM : MRT_MAIN_COMMONJS;
}

/* Node: process's uncaughtException listeners take the main's own throw, and the program
 * goes on (P.nodeMainThrew, lib/process.js, there once the program used process). Caught here,
 * after the throw, rather than by a catch in JS, whose rethrow would move the error's place.
 * 1 when taken (exc cleared); a listener that throws replaces exc. */
static int main_throw_taken(mrt_runtime *rt, shim_exception *exc) {
  shim_global *hook = NULL, *taken = NULL;
  shim_exception hexc = {0};
  int rc = 0;
  if (shim_get(rt->iso, rt->P, "nodeMainThrew", &hook, &hexc) == 0 &&
      shim_type(rt->iso, hook) == MRT_TYPE_FUNCTION) {
    if (shim_call_function(rt->iso, hook, NULL, 1, &exc->value, &taken, &hexc) != 0) {
      shim_exception_clear(exc);
      *exc = hexc;
      hexc = (shim_exception){0};
    } else if (shim_to_boolean(rt->iso, taken)) {
      shim_exception_clear(exc);
      rc = 1;
    }
  }
  shim_exception_clear(&hexc);
  shim_release(hook);
  shim_release(taken);
  return rc;
}

static void break_on_start(void *rt, shim_call *call) {
  (void)call;
  rt_inspector_before_main(rt);
}

int mrt_run_commonjs_main(mrt_runtime *rt, const char *filename, const char *source, size_t len) {
  RT_OWNER_ONLY(rt, MRT_ESTATE);
  if (!rt) return MRT_EINVAL;
  if (!filename || !source) {
    return rt_set_error(rt, MRT_EINVAL, "TypeError", "mrt_run_commonjs_main: NULL argument");
  }
  /* Node's process.argv[1], as for a script or a main module. */
  if (!rt->entry_name && !rt_in_js(rt)) rt->entry_name = strdup(filename);
  /* A "#!" line or a byte-order mark: a private copy to edit. */
  char *copy = NULL;
  if (len >= 2 && ((source[0] == '#' && source[1] == '!') || (unsigned char)source[0] == 0xEF)) {
    copy = malloc(len + 1);
    if (!copy) return rt_set_error(rt, MRT_ENOMEM, NULL, "out of memory");
    memcpy(copy, source, len);
    copy[len] = '\0';
    source = strip_bom_shebang(copy, &len);
  }
  shim_exception exc = {0};
  /* A TypeScript main (.cts): its types stripped first. */
  char *js = NULL;
  size_t js_len = 0;
  if (rt_source_format(filename)) {
    rt_enter(rt);
    int bad = rt_source_transform(rt, filename, source, len, &js, &js_len, &exc) != 0;
    int rc = rt_leave(rt, bad ? &exc : NULL);
    if (bad || rc) {
      free(copy);
      return rc ? rc : MRT_EEXCEPTION;
    }
    if (js) {
      source = js;
      len = js_len;
    }
  }
  shim_global *fn = NULL, *hook = NULL, *name = NULL, *out = NULL;
  rt_cache_key key;
  int write = 0;
  rt_enter(rt);
  int failed =
      (rt->cache ? rt_cache_function_compile(rt, filename, source, len, cjs_params, 5, 1, &fn,
                                             &key, &write, &exc)
                 : shim_compile_function(rt->iso, filename, source, len, cjs_params, 5, NULL,
                                         &fn, &exc)) != 0 ||
      shim_get(rt->iso, rt->P, "cjsRunMain", &hook, &exc) != 0;
  if (!failed) {
    name = shim_string(rt->iso, filename, strlen(filename));
    /* --inspect-brk: cjsRunMain calls it right before the main's function, the next call. */
    shim_global *brk = rt_inspector_break_pending(rt)
                           ? shim_function_new(rt->iso, "breakOnStart", break_on_start, rt, NULL)
                           : NULL;
    shim_global *argv[3] = {fn, name, brk};
    failed = shim_call_function(rt->iso, hook, NULL, brk ? 3 : 2, argv, &out, &exc) != 0;
    shim_release(brk);
    if (failed && exc.value) failed = !main_throw_taken(rt, &exc);
    /* After the run, with the functions it compiled lazily (as scripts' entries). */
    if (write) rt_cache_function_ran(rt, &key, fn);
  }
  int rc = rt_leave(rt, failed ? &exc : NULL);
  shim_release(fn);
  shim_release(hook);
  shim_release(name);
  shim_release(out);
  free(copy);
  free(js);
  if (!rc) rt_ok(rt);
  return rc;
}
