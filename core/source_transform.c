/* source_transform.c: the kernel's side of source transforms (see source_transform.h): which
 * files need one, the call of the extension's JS function, the code cache of its output,
 * and where its errors are reported. The JS is called as the error reports call P.inspect
 * (error.c): directly, not as an API call (rt_enter/rt_leave), whose end would take, and
 * report, an error pending for the caller; what the transform throws is the file's error. */
#define _GNU_SOURCE /* memmem */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "code_cache.h"
#include "js_files.h"
#include "modules_internal.h"
#include "permissions.h"
#include "runtime_internal.h"
#include "source_transform.h"

/* s ends with suffix before any query or fragment ("/a/b.ts?x" ends with ".ts"). */
static int path_ends_with(const char *s, const char *suffix) {
  size_t n = strcspn(s, "?#"), m = strlen(suffix);
  return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

const char *rt_source_format(const char *url) {
  if (!url) return NULL;
  if (path_ends_with(url, ".ts") || path_ends_with(url, ".mts") || path_ends_with(url, ".cts")) {
    return "typescript";
  }
  return NULL;
}

/* The cache key's name: the format, a digest of the runtime's embedded JS (the transform's
 * code, bundled libraries included: a new stripper makes new entries even when mrt's version
 * is unchanged), and the URL. Malloc'd. */
static char *cache_name(const char *format, const char *url) {
  /* Computed once per process (under 1 ms for 4 MB); runtimes on other threads may compute
   * it too, to the same value. */
  static _Atomic uint64_t cached;
  uint64_t digest = atomic_load_explicit(&cached, memory_order_relaxed);
  if (!digest) {
    uint64_t h = 1;
    for (size_t i = 0; i < rt_js_nfiles; i++) {
      h ^= rt_cache_hash64(rt_js_files[i].source, rt_js_files[i].len, h);
    }
    digest = h ? h : 1;
    atomic_store_explicit(&cached, digest, memory_order_relaxed);
  }
  size_t n = strlen(format) + strlen(url) + 20;
  char *name = malloc(n);
  if (name) snprintf(name, n, "%s %016llx %s", format, (unsigned long long)digest, url);
  return name;
}

static char *line_of(const char *src, size_t len, int line) {
  const char *p = src, *end = src + len;
  for (int l = 1; l < line && p < end; l++) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    if (!nl) return NULL;
    p = nl + 1;
  }
  const char *e = memchr(p, '\n', (size_t)(end - p));
  size_t n = e ? (size_t)(e - p) : (size_t)(end - p);
  if (n && p[n - 1] == '\r') n--;
  char *s = malloc(n + 1);
  if (s) {
    memcpy(s, p, n);
    s[n] = '\0';
  }
  return s;
}

/* An error that says where in the source it is (tsPosition) is reported there, as V8
 * reports a syntax error of JavaScript: file, line, column and the line's text. */
static void place_error(mrt_runtime *rt, const char *url, const char *src, size_t len,
                        shim_exception *exc) {
  shim_exception ignored = {0};
  shim_global *pos = NULL, *v = NULL;
  int type = exc->value ? shim_type(rt->iso, exc->value) : SHIM_UNDEFINED;
  if ((type != SHIM_ERROR && type != SHIM_OBJECT) ||
      shim_get(rt->iso, exc->value, "tsPosition", &pos, &ignored) != 0) {
    shim_exception_clear(&ignored);
    return;
  }
  int at[2] = {0, 0};
  for (uint32_t i = 0; i < 2 && shim_type(rt->iso, pos) == SHIM_ARRAY; i++) {
    if (shim_get_index(rt->iso, pos, i, &v, &ignored) == 0) {
      double d = shim_to_number(rt->iso, v);
      if (d >= 1 && d < 1e9) at[i] = (int)d;
    }
    shim_exception_clear(&ignored);
    shim_release(v);
    v = NULL;
  }
  shim_release(pos);
  char *file = at[0] ? strdup(url) : NULL;
  if (!file) return;
  free(exc->file);
  free(exc->source_line);
  exc->file = file;
  exc->line = at[0];
  exc->column = at[1];
  exc->source_line = line_of(src, len, at[0]);
}

/* P.loadBuiltin(name)[key] into *fn (the file's result into *file). -1 with exc set when
 * loading throws; 0 otherwise (*fn NULL or not a function when the file has no such key). */
static int builtin_export(mrt_runtime *rt, shim_global *name, const char *key, shim_global **file,
                          shim_global **fn, shim_exception *exc) {
  shim_exception ignored = {0};
  shim_global *load = NULL;
  int rc = 0;
  if (shim_get(rt->iso, rt->P, "loadBuiltin", &load, &ignored) == 0 &&
      shim_type(rt->iso, load) == SHIM_FUNCTION) {
    if (shim_call_function(rt->iso, load, NULL, 1, &name, file, exc) != 0) rc = -1;
    else if (shim_type(rt->iso, *file) == SHIM_OBJECT) shim_get(rt->iso, *file, key, fn, &ignored);
  }
  shim_release(load);
  shim_exception_clear(&ignored);
  return rc;
}

/* --enable-source-maps: a JavaScript file naming its source map is noted by
 * core/ext/source_maps (fromComment), which reads the map; one that cannot be read is
 * ignored. The lazy file is loaded here, so the startup snapshot holds none of it. */
static void note_source_map(mrt_runtime *rt, const char *url, const char *src, size_t len) {
  static const char key[] = "sourceMappingURL=", file[] = "core/ext/source_maps/source_maps_impl.js";
  if (!memmem(src, len, key, sizeof key - 1)) return;
  shim_exception ignored = {0};
  shim_global *maps = NULL, *fn = NULL, *out = NULL;
  shim_global *name = shim_string(rt->iso, file, sizeof file - 1);
  shim_global *args[2] = {shim_string(rt->iso, url, strlen(url)), shim_string(rt->iso, src, len)};
  if (name && args[0] && args[1] &&
      builtin_export(rt, name, "fromComment", &maps, &fn, &ignored) == 0 &&
      fn && shim_type(rt->iso, fn) == SHIM_FUNCTION) {
    shim_call_function(rt->iso, fn, NULL, 2, args, &out, &ignored);
  }
  shim_global *all[] = {name, maps, fn, out, args[0], args[1]};
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) shim_release(all[i]);
  shim_exception_clear(&ignored);
}

int rt_source_transform(mrt_runtime *rt, const char *url, const char *src, size_t len,
                        char **out, size_t *out_len, shim_exception *exc) {
  *out = NULL;
  *out_len = 0;
  const char *format = rt_source_format(url);
  if (!rt->P) return 0;
  if (!format) {
    if (rt->opts.flags & MRT_RUNTIME_SOURCE_MAPS) note_source_map(rt, url, src, len);
    return 0;
  }
  char *name = rt->cache ? cache_name(format, url) : NULL;
  if (name && rt_cache_transform_get(rt, name, src, len, out, out_len)) {
    free(name);
    return 0;
  }
  shim_exception ignored = {0};
  shim_global *table = NULL, *fn = NULL, *result = NULL, *code = NULL;
  shim_global *args[2] = {shim_string(rt->iso, src, len), shim_string(rt->iso, url, strlen(url))};
  int rc = 0, cacheable = 0;
  if (shim_get(rt->iso, rt->P, "sourceTransforms", &table, &ignored) == 0 &&
      shim_type(rt->iso, table) == SHIM_OBJECT &&
      shim_get(rt->iso, table, format, &fn, &ignored) == 0 &&
      shim_type(rt->iso, fn) == SHIM_STRING) {
    /* The name of a lazy builtin: its `transform`. Compiling it may throw (as the call). */
    shim_global *name = fn, *file = NULL;
    fn = NULL;
    rc = builtin_export(rt, name, "transform", &file, &fn, exc);
    shim_release(name);
    shim_release(file);
  }
  if (rc == 0 && fn && shim_type(rt->iso, fn) == SHIM_FUNCTION) {
    if (!args[0] || !args[1]) {
      exc->name = strdup("RangeError");
      exc->message = strdup("the source is too long to transform");
      rc = -1;
    } else {
      rc = shim_call_function(rt->iso, fn, NULL, 2, args, &result, exc) != 0 ? -1 : 0;
    }
    if (rc == 0) {
      cacheable = shim_type(rt->iso, result) == SHIM_STRING;
      if (!cacheable && shim_type(rt->iso, result) == SHIM_OBJECT &&
          shim_get(rt->iso, result, "code", &code, &ignored) == 0 &&
          shim_type(rt->iso, code) == SHIM_STRING) {
        *out = shim_to_string(rt->iso, code, out_len, exc);
      } else if (cacheable) {
        *out = shim_to_string(rt->iso, result, out_len, exc);
      }
      if (!*out) {
        if (!exc->message && !exc->terminated) {
          exc->name = strdup("TypeError");
          exc->message = strdup("a source transform returned neither a string nor { code }");
        }
        rc = -1;
      }
    } else {
      place_error(rt, url, src, len, exc);
    }
  }
  if (rc != 0 && !exc->message && !exc->value && !exc->terminated) {
    exc->name = strdup("Error");
    exc->message = strdup("the source transform failed");
  }
  shim_exception_clear(&ignored);
  shim_release(table);
  shim_release(fn);
  shim_release(result);
  shim_release(code);
  shim_release(args[0]);
  shim_release(args[1]);
  if (rc == 0 && cacheable && name) rt_cache_transform_put(rt, name, src, len, *out, *out_len);
  free(name);
  return rc;
}

/* Length in UTF-16 units (V8's columns) of UTF-8 text. */
static size_t utf16_len(const char *s) {
  size_t n = 0;
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if ((*p & 0xC0) != 0x80) n++;  /* a lead or ASCII byte starts a code point */
    if ((*p & 0xF8) == 0xF0) n++;  /* beyond the BMP: a surrogate pair */
  }
  return n;
}

/* The report of an error in stripped TypeScript shows the line as written (types and all),
 * as Deno does: read again from the file, and used only when it has the stripped line's
 * length (stripping keeps every position; a file changed since is left alone). */
static void written_line(mrt_runtime *rt, shim_exception *exc) {
  if (!exc->source_line || !rt_source_format(exc->file)) return;
  char *path = mod_scheme_len(exc->file) ? mod_path_from_url(exc->file) : strdup(exc->file);
  char *denied = NULL;
  /* The sandbox: a file name can be any text (//# sourceURL=): read only what is granted. */
  if (path && rt->perms && rt_perm_path(rt->perms, RT_PERM_READ, path, 1, &denied) != 0) {
    free(denied);
    free(path);
    return;
  }
  FILE *f = path ? fopen(path, "r") : NULL;
  free(path);
  if (!f) return;
  char *line = NULL;
  size_t cap = 0;
  ssize_t n = -1;
  for (int i = 0; i < exc->line && (n = getline(&line, &cap, f)) >= 0; i++) {
  }
  fclose(f);
  if (n >= 0) {
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = '\0';
    if (utf16_len(line) == utf16_len(exc->source_line)) {
      free(exc->source_line);
      exc->source_line = line;
      line = NULL;
    }
  }
  free(line);
}

void rt_source_map_location(mrt_runtime *rt, shim_exception *exc) {
  if (!rt->P || !exc->file || exc->line <= 0 || exc->column <= 0) return;
  int mapped = 0;
  shim_exception ignored = {0};
  shim_global *fn = NULL, *pos = NULL, *v = NULL;
  if (shim_get(rt->iso, rt->P, "mapStackPosition", &fn, &ignored) == 0 &&
      shim_type(rt->iso, fn) == SHIM_FUNCTION) {
    shim_global *args[3] = {shim_string(rt->iso, exc->file, strlen(exc->file)),
                            shim_number(rt->iso, exc->line), shim_number(rt->iso, exc->column)};
    int got = args[0] && args[1] && args[2] &&
              shim_call_function(rt->iso, fn, NULL, 3, args, &pos, &ignored) == 0;
    if (got && shim_type(rt->iso, pos) == SHIM_NULL) mapped = 1; /* a map, not for here */
    if (got && shim_type(rt->iso, pos) == SHIM_ARRAY) {
      double at[2] = {0, 0};
      for (uint32_t i = 0; i < 2; i++) {
        if (shim_get_index(rt->iso, pos, i, &v, &ignored) == 0) at[i] = shim_to_number(rt->iso, v);
        shim_release(v);
        v = NULL;
      }
      if (at[0] >= 1 && at[0] < 1e9 && at[1] >= 1 && at[1] < 1e9) {
        mapped = 1;
        exc->line = (int)at[0];
        exc->column = (int)at[1];
        free(exc->source_line);
        exc->source_line = NULL;
        if (shim_get_index(rt->iso, pos, 2, &v, &ignored) == 0 &&
            shim_type(rt->iso, v) == SHIM_STRING) {
          exc->source_line = shim_to_string(rt->iso, v, NULL, &ignored);
        }
        shim_release(v);
        v = NULL;
        char *source = NULL; /* the original file's name, when the map names another */
        if (shim_get_index(rt->iso, pos, 3, &v, &ignored) == 0 &&
            shim_type(rt->iso, v) == SHIM_STRING &&
            (source = shim_to_string(rt->iso, v, NULL, &ignored))) {
          free(exc->file);
          exc->file = source;
        }
        shim_release(v);
      }
    }
    for (int i = 0; i < 3; i++) shim_release(args[i]);
  }
  shim_release(fn);
  shim_release(pos);
  shim_exception_clear(&ignored);
  if (!mapped) written_line(rt, exc);
}
