/* resolve.c: Node's ESM and CommonJS resolution, format classification, and their per-runtime
 * cache (see resolve.h).
 *
 * Paths are worked on as decoded file-system paths; URLs come in (specifiers, referrers) and
 * go out (results) through module_loaders.c's URL helpers. Error messages follow Node 20's
 * wording and codes, so programs that test e.code or print e.message see the same thing. */
#define _GNU_SOURCE
#include "resolve.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cjson_loader.h"
#include "modules_internal.h"
#include "permissions.h"
#include "runtime_internal.h"
#include "str.h"

/* ---------------------------------------------------------------- string map */

/* Open addressing, string keys (owned), pointer values (owned by the user of the map). */
typedef struct smap_ent {
  char *key;
  size_t hash;
  void *val;
} smap_ent;

typedef struct smap {
  smap_ent *e;
  size_t cap, n;
} smap;

static size_t hash_bytes(const char *s, size_t n) {
  size_t h = 1469598103934665603ull;
  for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
  return h;
}

static smap_ent *smap_find(const smap *m, const char *key, size_t h) {
  if (!m->cap) return NULL;
  size_t mask = m->cap - 1;
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    smap_ent *e = &m->e[i];
    if (!e->key) return NULL;
    if (e->hash == h && strcmp(e->key, key) == 0) return e;
  }
}

static void *smap_get(const smap *m, const char *key, int *found) {
  smap_ent *e = smap_find(m, key, hash_bytes(key, strlen(key)));
  *found = e != NULL;
  return e ? e->val : NULL;
}

/* Adds key (copied) -> val; 0, or -1 when out of memory. The key must not be there. */
static int smap_put(smap *m, const char *key, void *val) {
  if ((m->n + 1) * 2 > m->cap) {
    size_t cap = m->cap ? m->cap * 2 : 64;
    smap_ent *t = calloc(cap, sizeof *t);
    if (!t) return -1;
    for (size_t k = 0; k < m->cap; k++) {
      if (!m->e[k].key) continue;
      size_t i = m->e[k].hash & (cap - 1);
      while (t[i].key) i = (i + 1) & (cap - 1);
      t[i] = m->e[k];
    }
    free(m->e);
    m->e = t;
    m->cap = cap;
  }
  size_t n = strlen(key);
  char *k = malloc(n + 1);
  if (!k) return -1;
  memcpy(k, key, n + 1);
  size_t h = hash_bytes(key, n);
  size_t i = h & (m->cap - 1);
  while (m->e[i].key) i = (i + 1) & (m->cap - 1);
  m->e[i].key = k;
  m->e[i].hash = h;
  m->e[i].val = val;
  m->n++;
  return 0;
}

static void smap_free(smap *m, void (*free_val)(void *)) {
  for (size_t i = 0; i < m->cap; i++) {
    if (!m->e[i].key) continue;
    free(m->e[i].key);
    if (free_val) free_val(m->e[i].val);
  }
  free(m->e);
  m->e = NULL;
  m->cap = m->n = 0;
}

/* ---------------------------------------------------------------- strings */

static int starts_with(const char *s, const char *p) { return strncmp(s, p, strlen(p)) == 0; }

static int ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

/* a + "/" + b with "." and ".." segments of b (and of a) removed; a is absolute. */
static char *path_join(const char *a, const char *b) {
  size_t na = strlen(a), nb = strlen(b);
  char *s = malloc(na + nb + 2);
  if (!s) return NULL;
  memcpy(s, a, na);
  s[na] = '/';
  memcpy(s + na + 1, b, nb + 1);
  /* Normalise in place: collapse //, drop ./, pop on ../ */
  char *out = s;
  size_t o = 0;
  const char *p = s;
  while (*p) {
    while (*p == '/') p++;
    if (!*p) break;
    const char *q = p;
    while (*q && *q != '/') q++;
    size_t len = (size_t)(q - p);
    if (len == 1 && p[0] == '.') {
      /* skip */
    } else if (len == 2 && p[0] == '.' && p[1] == '.') {
      while (o > 0 && out[o - 1] != '/') o--;
      if (o > 0) o--;
    } else {
      out[o++] = '/';
      memmove(out + o, p, len);
      o += len;
    }
    p = q;
  }
  if (o == 0) out[o++] = '/';
  out[o] = '\0';
  return out;
}

/* The directory of an absolute path ("/a/b" -> "/a", "/a" -> "/"). */
static char *path_dir(const char *p) {
  const char *slash = strrchr(p, '/');
  if (!slash || slash == p) return rt_strdup("/");
  return rt_strndup(p, (size_t)(slash - p));
}

/* ---------------------------------------------------------------- the cache */

enum { KIND_NONE = 1, KIND_FILE, KIND_DIR };
/* With a kind in the cache: lstat saw that the path itself is not a symbolic link. */
#define KIND_NOT_LINK 8
#define KIND_MASK 7

typedef struct pkg {
  char *dir;  /* the package's directory, no trailing slash ("/" for the root) */
  char *json_path;
  cJSON *root;
  int invalid; /* not JSON, or not an object */
  const char *name, *main, *type;
  const cJSON *exports; /* NULL when absent or null */
  const cJSON *imports;
} pkg;

typedef struct rt_resolver {
  smap kinds;   /* path -> (void *)(KIND_* | KIND_NOT_LINK?) */
  smap reals;   /* path -> realpath (char *) */
  smap pkgs;    /* directory -> pkg * (NULL: no package.json) */
  smap scopes;  /* directory -> pkg * of the nearest package.json (NULL: none) */
  smap results; /* mode, referrer directory, specifier -> URL (char *) */
  char *cwd;
  const struct rt_perms *perms; /* the sandbox (rt->perms), or NULL */
} rt_resolver;

static void pkg_free(void *p) {
  pkg *k = p;
  if (!k) return;
  if (k->root) CJSON(cJSON_Delete)(k->root);
  free(k->dir);
  free(k->json_path);
  free(k);
}

void rt_resolver_free(mrt_runtime *rt) {
  rt_resolver *R = rt ? rt->resolver : NULL;
  if (!R) return;
  smap_free(&R->kinds, NULL);
  smap_free(&R->reals, free);
  smap_free(&R->pkgs, pkg_free);
  smap_free(&R->scopes, NULL);
  smap_free(&R->results, free);
  free(R->cwd);
  free(R);
  rt->resolver = NULL;
}

static rt_resolver *resolver_of(mrt_runtime *rt) {
  if (rt->resolver) return rt->resolver;
  rt_resolver *R = calloc(1, sizeof *R);
  if (!R) return NULL;
  char cwd[PATH_MAX];
  R->cwd = rt_strdup(getcwd(cwd, sizeof cwd) ? cwd : "/");
  if (!R->cwd) {
    free(R);
    return NULL;
  }
  R->perms = rt->perms;
  rt->resolver = R;
  return R;
}

/* The sandbox: a path not granted for reading is neither probed nor read. It answers "a
 * file", so resolution goes on to load it and the load is refused (NotCapable) whether it
 * exists or not: no probe tells a script what exists outside its grants. */
static int probe_denied(rt_resolver *R, const char *path) {
  char *denied = NULL;
  if (!R->perms || rt_perm_path(R->perms, RT_PERM_READ, path, 1, &denied) == 0) return 0;
  free(denied);
  return 1;
}

/* The kind, plus KIND_NOT_LINK when the path itself is not a symbolic link: lstat first, and
 * stat only for a link, so that real_of needs no readlink for the usual file. */
static int stat_kind(rt_resolver *R, const char *path) {
  struct stat st;
  if (probe_denied(R, path)) return KIND_FILE;
  if (lstat(path, &st) != 0) return KIND_NONE;
  if (!S_ISLNK(st.st_mode)) return (S_ISDIR(st.st_mode) ? KIND_DIR : KIND_FILE) | KIND_NOT_LINK;
  return stat(path, &st) != 0 ? KIND_NONE : S_ISDIR(st.st_mode) ? KIND_DIR : KIND_FILE;
}

static int path_kind(rt_resolver *R, const char *path) {
  int found;
  void *v = smap_get(&R->kinds, path, &found);
  if (found) return (int)(intptr_t)v & KIND_MASK;
  int kind = stat_kind(R, path);
  smap_put(&R->kinds, path, (void *)(intptr_t)kind);
  return kind & KIND_MASK;
}

/* path_kind without the cache's answer (which is then updated). */
static int path_kind_fresh(rt_resolver *R, const char *path) {
  int kind = stat_kind(R, path);
  smap_ent *e = smap_find(&R->kinds, path, hash_bytes(path, strlen(path)));
  if (e) e->val = (void *)(intptr_t)kind;
  return kind & KIND_MASK;
}

/* The real path of an existing path (cached; owned by the cache), or path itself. A path that
 * is not a symbolic link (KIND_NOT_LINK) is its directory's real path plus its name: one
 * realpath per directory, not a readlink per component of every file (3 syscalls a module
 * in /tmp/x/). Paths are normalised (no "." or ".."), so the two agree. */
static const char *real_of(rt_resolver *R, const char *path) {
  int found;
  char *v = smap_get(&R->reals, path, &found);
  if (found) return v ? v : path;
  char *r = NULL;
  void *kind = smap_get(&R->kinds, path, &found);
  const char *slash = strrchr(path, '/');
  if (found && ((intptr_t)kind & KIND_NOT_LINK) && slash && slash != path && slash[1]) {
    char *dir = rt_strndup(path, (size_t)(slash - path));
    const char *real_dir = dir ? real_of(R, dir) : NULL;
    if (!real_dir) {
      r = realpath(path, NULL);
    } else if (real_dir != dir) { /* the directory, or one above it, is a link */
      r = strcmp(real_dir, "/") == 0 ? rt_strdup(slash) : rt_asprintf("%s%s", real_dir, slash);
    }
    free(dir);
  } else {
    r = realpath(path, NULL);
  }
  if (r && strcmp(r, path) == 0) {
    free(r);
    r = NULL;
  }
  if (smap_put(&R->reals, path, r) != 0) {
    free(r);
    return path;
  }
  return r ? r : path;
}

static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 4096, n = 0;
  char *b = malloc(cap);
  while (b) {
    size_t r = fread(b + n, 1, cap - n - 1, f);
    n += r;
    if (r == 0) break;
    if (n + 1 == cap) {
      if (cap > ((size_t)64 << 20)) { /* a package.json is not this large */
        free(b);
        b = NULL;
        break;
      }
      char *g = realloc(b, cap * 2);
      if (!g) free(b);
      b = g;
      cap *= 2;
    }
  }
  fclose(f);
  if (b) {
    b[n] = '\0';
    *len = n;
  }
  return b;
}

/* The package.json of directory dir, parsed and cached; NULL when there is none. */
static pkg *pkg_at(rt_resolver *R, const char *dir) {
  int found;
  pkg *k = smap_get(&R->pkgs, dir, &found);
  if (found) return k;
  char *json_path = path_join(dir, "package.json");
  k = NULL;
  size_t len = 0;
  char *text = json_path && !probe_denied(R, json_path) && path_kind(R, json_path) == KIND_FILE
                   ? read_file(json_path, &len)
                                                                 : NULL;
  if (text) k = calloc(1, sizeof *k);
  if (k) {
    k->dir = rt_strdup(dir);
    k->json_path = json_path;
    json_path = NULL;
    if (rt_cjson_load(NULL, 0) == 0) {
      size_t bom = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
      k->root = CJSON(cJSON_ParseWithLength)(text + bom, len - bom);
    }
    if (!k->root || (k->root->type & 0xff) != cJSON_Object) {
      k->invalid = 1;
    } else {
      k->name = rt_json_str(rt_json_get(k->root, "name"));
      k->main = rt_json_str(rt_json_get(k->root, "main"));
      k->type = rt_json_str(rt_json_get(k->root, "type"));
      k->exports = rt_json_get(k->root, "exports");
      if (k->exports && (k->exports->type & 0xff) == cJSON_NULL) k->exports = NULL;
      k->imports = rt_json_get(k->root, "imports");
    }
  }
  free(text);
  free(json_path);
  if (smap_put(&R->pkgs, dir, k) != 0) {
    pkg_free(k);
    return NULL;
  }
  return k;
}

/* The nearest package.json from directory dir upwards, not past a node_modules directory. */
static pkg *pkg_scope(rt_resolver *R, const char *dir) {
  int found;
  pkg *k = smap_get(&R->scopes, dir, &found);
  if (found) return k;
  const char *base = strrchr(dir, '/');
  if (base && strcmp(base + 1, "node_modules") == 0) {
    k = NULL;
  } else {
    k = pkg_at(R, dir);
    if (!k && strcmp(dir, "/") != 0) {
      char *up = path_dir(dir);
      if (up) k = pkg_scope(R, up);
      free(up);
    }
  }
  smap_put(&R->scopes, dir, k);
  return k;
}

/* ---------------------------------------------------------------- errors */

typedef struct ctx {
  rt_resolver *R;
  int mode;
  const char *spec;
  const char *from; /* the referrer as messages name it (a path for file: URLs), or NULL */
  const char *const *conditions;
  char *msg;
  const char *code;
  int exact; /* the path came from "exports"/"imports": require names it when missing */
} ctx;

static const char *const import_conditions[] = {"mrt", "import", "node", "default", NULL};
static const char *const require_conditions[] = {"mrt", "require", "node", "default", NULL};

/* " imported from X" in import mode (empty in require mode, where Node names no importer). */
static const char *imported_from(ctx *c, char *buf, size_t n) {
  if (c->mode == RT_RESOLVE_IMPORT && c->from) snprintf(buf, n, " imported from %s", c->from);
  else buf[0] = '\0';
  return buf;
}

static void fail(ctx *c, const char *code, char *msg) {
  if (c->msg) {
    free(msg);
    return;
  }
  c->code = code;
  c->msg = msg ? msg : rt_strdup("out of memory");
}

#define FROM (imported_from(c, from_buf, sizeof from_buf))

static void fail_not_found(ctx *c, const char *what, const char *tried) {
  char from_buf[PATH_MAX + 32];
  if (c->mode == RT_RESOLVE_REQUIRE) {
    fail(c, "MODULE_NOT_FOUND",
         c->from ? rt_asprintf("Cannot find module '%s'\nRequire stack:\n- %s", tried, c->from)
                 : rt_asprintf("Cannot find module '%s'", tried));
  } else {
    fail(c, "ERR_MODULE_NOT_FOUND", rt_asprintf("Cannot find %s '%s'%s", what, tried, FROM));
  }
}

static void fail_invalid_spec(ctx *c, const char *request, const char *reason) {
  char from_buf[PATH_MAX + 32];
  fail(c, "ERR_INVALID_MODULE_SPECIFIER",
       rt_asprintf("Invalid module \"%s\" %s%s", request, reason, FROM));
}

static void fail_invalid_config(ctx *c, const pkg *k, const char *why) {
  char from_buf[PATH_MAX + 32];
  fail(c, "ERR_INVALID_PACKAGE_CONFIG",
       rt_asprintf("Invalid package config %s%s%s%s", k->json_path, FROM, why ? ". " : ".",
                 why ? why : ""));
}

static void fail_invalid_target(ctx *c, const pkg *k, const char *key, const cJSON *target,
                                int is_imports) {
  char from_buf[PATH_MAX + 32];
  char *t = target ? CJSON(cJSON_PrintUnformatted)((cJSON *)target) : NULL;
  const char *ts = rt_json_str(target);
  int rel_error = ts && !is_imports && ts[0] && !starts_with(ts, "./");
  const char *hint = rel_error ? "; targets must start with \"./\"" : "";
  if (strcmp(key, ".") == 0) {
    fail(c, "ERR_INVALID_PACKAGE_TARGET",
         rt_asprintf("Invalid \"exports\" main target %s defined in the package config %s%s%s",
                   t ? t : "?", k->json_path, FROM, hint));
  } else {
    fail(c, "ERR_INVALID_PACKAGE_TARGET",
         rt_asprintf("Invalid \"%s\" target %s defined for '%s' in the package config %s%s%s",
                   is_imports ? "imports" : "exports", t ? t : "?", key, k->json_path, FROM,
                   hint));
  }
  if (t) CJSON(cJSON_free)(t);
}

static void fail_native(ctx *c, const char *path) {
  fail(c, c->mode == RT_RESOLVE_REQUIRE ? "ERR_DLOPEN_FAILED" : "ERR_UNKNOWN_FILE_EXTENSION",
       rt_asprintf("native addons are not supported: %s", path));
}

/* ---------------------------------------------------------------- built-ins */

/* Node 20's builtinModules; the second list only with the node: prefix. */
static const char *const builtins[] = {
    "_http_agent", "_http_client", "_http_common", "_http_incoming", "_http_outgoing",
    "_http_server", "_stream_duplex", "_stream_passthrough", "_stream_readable",
    "_stream_transform", "_stream_wrap", "_stream_writable", "_tls_common", "_tls_wrap",
    "assert", "assert/strict", "async_hooks", "buffer", "child_process", "cluster", "console",
    "constants", "crypto", "dgram", "diagnostics_channel", "dns", "dns/promises", "domain",
    "events", "fs", "fs/promises", "http", "http2", "https", "inspector",
    "inspector/promises", "module", "net", "os", "path", "path/posix", "path/win32",
    "perf_hooks", "process", "punycode", "querystring", "readline", "readline/promises",
    "repl", "stream", "stream/consumers", "stream/promises", "stream/web", "string_decoder",
    "sys", "timers", "timers/promises", "tls", "trace_events", "tty", "url", "util",
    "util/types", "v8", "vm", "wasi", "worker_threads", "zlib", NULL};
static const char *const prefixed_builtins[] = {"test", "test/reporters", "sea", "sqlite", NULL};

static int in_list(const char *const *l, const char *s) {
  for (; *l; l++)
    if (strcmp(*l, s) == 0) return 1;
  return 0;
}

/* ---------------------------------------------------------------- exports and imports */

enum { T_UNDEF, T_NULL, T_FOUND, T_ERR };

static int package_resolve(ctx *c, const char *spec, const char *dir, char **out);

/* Node's invalid-segment test on a target or pattern match: a ".", ".." or "node_modules"
 * segment (also percent-encoded, any case). Empty segments pass (a deprecation in Node). */
static int has_invalid_segment(const char *s) {
  const char *p = s;
  while (1) {
    const char *q = p;
    while (*q && *q != '/' && *q != '\\') q++;
    size_t n = (size_t)(q - p);
    char seg[64];
    size_t k = 0;
    /* Decode %2e etc. for the comparison only. */
    for (size_t i = 0; i < n && k + 1 < sizeof seg; i++) {
      char ch = p[i];
      if (ch == '%' && i + 2 < n) {
        char hx[3] = {p[i + 1], p[i + 2], 0};
        char *end;
        long v = strtol(hx, &end, 16);
        if (!*end) {
          ch = (char)v;
          i += 2;
        }
      }
      seg[k++] = (char)((ch >= 'A' && ch <= 'Z') ? ch - 'A' + 'a' : ch);
    }
    seg[k] = '\0';
    if (n < 40 && (strcmp(seg, ".") == 0 || strcmp(seg, "..") == 0 ||
                   strcmp(seg, "node_modules") == 0))
      return 1;
    if (!*q) return 0;
    p = q + 1;
  }
}

static char *replace_stars(const char *s, const char *with) {
  size_t stars = 0, ns = strlen(s), nw = strlen(with);
  for (const char *p = s; *p; p++) stars += *p == '*';
  char *o = malloc(ns + stars * nw + 1), *w = o;
  if (!o) return NULL;
  for (const char *p = s; *p; p++) {
    if (*p == '*') {
      memcpy(w, with, nw);
      w += nw;
    } else {
      *w++ = *p;
    }
  }
  *w = '\0';
  return o;
}

static int target_resolve(ctx *c, const pkg *k, const char *key, const cJSON *target,
                          const char *pattern, int is_imports, char **out);

static int target_string(ctx *c, const pkg *k, const char *key, const cJSON *target,
                         const char *pattern, int is_imports, char **out) {
  const char *t = target->valuestring;
  if (!starts_with(t, "./")) {
    if (is_imports && !starts_with(t, "../") && !starts_with(t, "/") && !mod_scheme_len(t)) {
      char *s = pattern ? replace_stars(t, pattern) : rt_strdup(t);
      if (!s) return fail(c, NULL, NULL), T_ERR;
      int rc = package_resolve(c, s, k->dir, out);
      free(s);
      return rc;
    }
    fail_invalid_target(c, k, key, target, is_imports);
    return T_ERR;
  }
  if (has_invalid_segment(t + 2)) {
    fail_invalid_target(c, k, key, target, is_imports);
    return T_ERR;
  }
  char *resolved = path_join(k->dir, t + 2);
  if (!resolved) return fail(c, NULL, NULL), T_ERR;
  /* The target must stay inside the package. */
  size_t nd = strlen(k->dir);
  if (strcmp(k->dir, "/") != 0 &&
      !(strncmp(resolved, k->dir, nd) == 0 && (resolved[nd] == '/' || resolved[nd] == '\0'))) {
    free(resolved);
    fail_invalid_target(c, k, key, target, is_imports);
    return T_ERR;
  }
  c->exact = 1;
  if (!pattern) {
    *out = resolved;
    return T_FOUND;
  }
  if (has_invalid_segment(pattern)) {
    char *req = rt_asprintf("%s", key);
    char *reason = rt_asprintf("request is not a valid match in pattern \"%s\" for the \"%s\" "
                             "resolution of %s",
                             key, is_imports ? "imports" : "exports", k->json_path);
    fail_invalid_spec(c, req ? req : "?", reason ? reason : "");
    free(req);
    free(reason);
    free(resolved);
    return T_ERR;
  }
  /* Substitute in the target before joining (a * may be anywhere in it). */
  free(resolved);
  char *sub = replace_stars(t + 2, pattern);
  *out = sub ? path_join(k->dir, sub) : NULL;
  free(sub);
  if (!*out) return fail(c, NULL, NULL), T_ERR;
  return T_FOUND;
}

static int target_resolve(ctx *c, const pkg *k, const char *key, const cJSON *target,
                          const char *pattern, int is_imports, char **out) {
  int type = target ? (target->type & 0xff) : cJSON_NULL;
  if (type == cJSON_String) return target_string(c, k, key, target, pattern, is_imports, out);
  if (type == cJSON_Array) {
    if (!target->child) return T_NULL;
    int last = T_UNDEF; /* T_UNDEF none yet, T_NULL a null, T_ERR an invalid target */
    char *last_msg = NULL;
    const char *last_code = NULL;
    for (const cJSON *v = target->child; v; v = v->next) {
      int rc = target_resolve(c, k, key, v, pattern, is_imports, out);
      if (rc == T_ERR) {
        if (!c->code || strcmp(c->code, "ERR_INVALID_PACKAGE_TARGET") != 0) {
          free(last_msg);
          return T_ERR;
        }
        free(last_msg);
        last_msg = c->msg;
        last_code = c->code;
        c->msg = NULL;
        c->code = NULL;
        last = T_ERR;
        continue;
      }
      if (rc == T_UNDEF) continue;
      if (rc == T_NULL) {
        free(last_msg);
        last_msg = NULL;
        last = T_NULL;
        continue;
      }
      free(last_msg);
      return T_FOUND;
    }
    if (last == T_ERR) {
      c->msg = last_msg;
      c->code = last_code;
      return T_ERR;
    }
    return last;
  }
  if (type == cJSON_Object) {
    for (const cJSON *v = target->child; v; v = v->next) {
      const char *ck = v->string ? v->string : "";
      /* Array-index keys are not allowed (Node). */
      int numeric = ck[0] != '\0';
      for (const char *p = ck; *p; p++) numeric &= *p >= '0' && *p <= '9';
      if (numeric) {
        fail_invalid_config(c, k, "\"exports\" cannot contain numeric property keys.");
        return T_ERR;
      }
      if (strcmp(ck, "default") == 0 || in_list(c->conditions, ck)) {
        int rc = target_resolve(c, k, key, v, pattern, is_imports, out);
        if (rc == T_UNDEF) continue;
        return rc;
      }
    }
    return T_UNDEF;
  }
  if (type == cJSON_NULL) return T_NULL;
  fail_invalid_target(c, k, key, target, is_imports);
  return T_ERR;
}

/* Node's PATTERN_KEY_COMPARE as a "more specific first" order: 1 when a goes after b. */
static int pattern_after(const char *a, const char *b) {
  const char *sa = strchr(a, '*'), *sb = strchr(b, '*');
  size_t ba = sa ? (size_t)(sa - a) + 1 : strlen(a) + 1;
  size_t bb = sb ? (size_t)(sb - b) + 1 : strlen(b) + 1;
  if (ba != bb) return ba < bb;
  if (!sa) return 1;
  if (!sb) return 0;
  return strlen(a) < strlen(b);
}

static int imports_exports_resolve(ctx *c, const pkg *k, const char *match_key,
                                   const cJSON *obj, int is_imports, char **out) {
  if (!strchr(match_key, '*')) {
    const cJSON *t = rt_json_get(obj, match_key);
    if (t) return target_resolve(c, k, match_key, t, NULL, is_imports, out);
  }
  /* The most specific pattern key that matches. */
  const char *best = NULL;
  const cJSON *best_target = NULL;
  size_t nm = strlen(match_key);
  for (const cJSON *v = obj->child; v; v = v->next) {
    const char *key = v->string;
    if (!key) continue;
    const char *star = strchr(key, '*');
    if (!star || strchr(star + 1, '*')) continue;
    size_t nb = (size_t)(star - key);
    if (strncmp(match_key, key, nb) != 0 || nm == nb) continue;
    const char *trailer = star + 1;
    size_t nt = strlen(trailer);
    if (nt && !(nm >= strlen(key) && memcmp(match_key + nm - nt, trailer, nt) == 0)) continue;
    if (!best || pattern_after(best, key)) {
      best = key;
      best_target = v;
    }
  }
  if (!best) return T_UNDEF;
  size_t nb = (size_t)(strchr(best, '*') - best), nt = strlen(strchr(best, '*') + 1);
  char *pattern = rt_strndup(match_key + nb, nm - nb - nt);
  if (!pattern) return fail(c, NULL, NULL), T_ERR;
  int rc = target_resolve(c, k, best, best_target, pattern, is_imports, out);
  free(pattern);
  return rc;
}

static int exports_resolve(ctx *c, const pkg *k, const char *subpath, char **out) {
  const cJSON *ex = k->exports;
  char from_buf[PATH_MAX + 32];
  int type = ex->type & 0xff;
  int dot_keys = 0, other_keys = 0;
  if (type == cJSON_Object) {
    for (const cJSON *v = ex->child; v; v = v->next) {
      if (v->string && v->string[0] == '.') dot_keys++;
      else other_keys++;
    }
    if (dot_keys && other_keys) {
      fail_invalid_config(c, k,
                          "\"exports\" cannot contain some keys starting with '.' and some not. "
                          "The exports object must either be an object of package subpath "
                          "keys or an object of main entry condition name keys only.");
      return T_ERR;
    }
  }
  int rc = T_UNDEF;
  if (strcmp(subpath, ".") == 0) {
    const cJSON *main = type != cJSON_Object || !dot_keys ? ex : rt_json_get(ex, ".");
    if (main) rc = target_resolve(c, k, ".", main, NULL, 0, out);
  } else if (type == cJSON_Object && dot_keys) {
    rc = imports_exports_resolve(c, k, subpath, ex, 0, out);
  }
  if (rc == T_FOUND || rc == T_ERR) return rc;
  if (strcmp(subpath, ".") == 0) {
    fail(c, "ERR_PACKAGE_PATH_NOT_EXPORTED",
         rt_asprintf("No \"exports\" main defined in %s%s", k->json_path, FROM));
  } else {
    fail(c, "ERR_PACKAGE_PATH_NOT_EXPORTED",
         rt_asprintf("Package subpath '%s' is not defined by \"exports\" in %s%s", subpath,
                   k->json_path, FROM));
  }
  return T_ERR;
}

static int imports_resolve(ctx *c, const char *spec, const char *dir, char **out) {
  char from_buf[PATH_MAX + 32];
  if (strcmp(spec, "#") == 0 || starts_with(spec, "#/")) {
    fail_invalid_spec(c, spec, "is not a valid internal imports specifier name");
    return T_ERR;
  }
  pkg *k = pkg_scope(c->R, dir);
  if (k && k->invalid) {
    fail_invalid_config(c, k, NULL);
    return T_ERR;
  }
  if (k && k->imports && (k->imports->type & 0xff) == cJSON_Object) {
    int rc = imports_exports_resolve(c, k, spec, k->imports, 1, out);
    if (rc == T_FOUND || rc == T_ERR) return rc;
  }
  if (k) {
    fail(c, "ERR_PACKAGE_IMPORT_NOT_DEFINED",
         rt_asprintf("Package import specifier \"%s\" is not defined in package %s%s", spec,
                   k->json_path, FROM));
  } else {
    fail(c, "ERR_PACKAGE_IMPORT_NOT_DEFINED",
         rt_asprintf("Package import specifier \"%s\" is not defined%s", spec, FROM));
  }
  return T_ERR;
}

/* ---------------------------------------------------------------- files */

/* CommonJS's LOAD_AS_FILE: X, X.js, X.json, X.node. */
static char *probe_file(ctx *c, const char *x) {
  static const char *const exts[] = {"", ".js", ".json", ".node"};
  for (size_t i = 0; i < 4; i++) {
    char *p = rt_asprintf("%s%s", x, exts[i]);
    if (p && path_kind(c->R, p) == KIND_FILE) return p;
    free(p);
  }
  return NULL;
}

/* LOAD_INDEX: X/index.js, X/index.json, X/index.node. */
static char *probe_index(ctx *c, const char *x) {
  static const char *const names[] = {"index.js", "index.json", "index.node"};
  for (size_t i = 0; i < 3; i++) {
    char *p = path_join(x, names[i]);
    if (p && path_kind(c->R, p) == KIND_FILE) return p;
    free(p);
  }
  return NULL;
}

/* LOAD_AS_DIRECTORY (CommonJS), also Node's legacy main resolution for ESM (the same
 * probes: main, main.js/.json/.node, main/index.*, then index.*). */
static char *probe_dir(ctx *c, const char *x) {
  if (path_kind(c->R, x) != KIND_DIR) return NULL;
  pkg *k = pkg_at(c->R, x);
  if (k && k->main && k->main[0]) {
    char *m = path_join(x, k->main);
    char *f = m ? probe_file(c, m) : NULL;
    if (!f && m) f = probe_index(c, m);
    free(m);
    if (f) return f;
  }
  return probe_index(c, x);
}

/* ---------------------------------------------------------------- packages */

static int package_resolve(ctx *c, const char *spec, const char *dir, char **out) {
  char from_buf[PATH_MAX + 32];
  if (in_list(builtins, spec)) {
    *out = rt_asprintf("node:%s", spec);
    return *out ? T_FOUND : (fail(c, NULL, NULL), T_ERR);
  }
  /* The package name and the subpath. */
  const char *slash = strchr(spec, '/');
  int valid = spec[0] != '\0';
  if (spec[0] == '@') {
    if (!slash || slash == spec + 1) valid = 0;
    else slash = strchr(slash + 1, '/');
  }
  size_t nname = slash ? (size_t)(slash - spec) : strlen(spec);
  char *name = rt_strndup(spec, nname);
  if (!name) return fail(c, NULL, NULL), T_ERR;
  if (name[0] == '.' || strchr(name, '\\') || strchr(name, '%')) valid = 0;
  if (!valid) {
    free(name);
    fail_invalid_spec(c, spec, "is not a valid package name");
    return T_ERR;
  }
  char *subpath = rt_asprintf(".%s", spec + nname);
  if (!subpath) {
    free(name);
    return fail(c, NULL, NULL), T_ERR;
  }
  int rc = T_UNDEF;
  /* Self-reference: the nearest package.json names this package and has exports. */
  pkg *self = pkg_scope(c->R, dir);
  if (self && !self->invalid && self->name && self->exports && strcmp(self->name, name) == 0) {
    rc = exports_resolve(c, self, subpath, out);
  }
  /* node_modules, from dir upwards. */
  char *d = rc == T_UNDEF ? rt_strdup(dir) : NULL;
  while (d && rc == T_UNDEF) {
    const char *base = strrchr(d, '/');
    int is_nm = base && strcmp(base + 1, "node_modules") == 0;
    char *nm = is_nm ? NULL : rt_asprintf("%s%snode_modules", d, strcmp(d, "/") == 0 ? "" : "/");
    char *pdir = nm ? path_join(nm, name) : NULL;
    free(nm);
    if (pdir && path_kind(c->R, pdir) == KIND_DIR) {
      pkg *k = pkg_at(c->R, pdir);
      if (k && k->invalid) {
        fail_invalid_config(c, k, NULL);
        rc = T_ERR;
      } else if (k && k->exports) {
        rc = exports_resolve(c, k, subpath, out);
      } else if (strcmp(subpath, ".") == 0) {
        /* No exports: "main" (legacy) or index.js. */
        char *f = c->mode == RT_RESOLVE_REQUIRE ? NULL : probe_dir(c, pdir);
        if (c->mode == RT_RESOLVE_REQUIRE) {
          f = probe_file(c, pdir);
          if (!f) f = probe_dir(c, pdir);
        }
        if (f) {
          *out = f;
          rc = T_FOUND;
        } else if (c->mode == RT_RESOLVE_IMPORT) {
          char *tried = rt_asprintf("%s/index.js", pdir); /* Node 20 names this path */
          fail(c, "ERR_MODULE_NOT_FOUND",
               rt_asprintf("Cannot find package '%s' imported from %s", tried ? tried : pdir,
                         c->from ? c->from : "?"));
          free(tried);
          rc = T_ERR;
        }
      } else {
        char *p = path_join(pdir, subpath + 2);
        if (c->mode == RT_RESOLVE_REQUIRE && p) {
          char *f = probe_file(c, p);
          if (!f) f = probe_dir(c, p);
          free(p);
          p = f;
          if (f) rc = T_FOUND;
          if (f) *out = f;
        } else {
          *out = p;
          rc = p ? T_FOUND : (fail(c, NULL, NULL), T_ERR);
        }
      }
    } else if (pdir && c->mode == RT_RESOLVE_REQUIRE) {
      /* require('name/file') where name/file.js exists without a directory name/. */
      char *f = probe_file(c, pdir);
      if (f) {
        *out = f;
        rc = T_FOUND;
      }
    }
    free(pdir);
    if (strcmp(d, "/") == 0) break;
    char *up = path_dir(d);
    free(d);
    d = up;
  }
  free(d);
  if (rc == T_UNDEF) {
    if (c->mode == RT_RESOLVE_REQUIRE) fail_not_found(c, "module", c->spec);
    else fail(c, "ERR_MODULE_NOT_FOUND", rt_asprintf("Cannot find package '%s'%s", name, FROM));
    rc = T_ERR;
  }
  free(name);
  free(subpath);
  return rc;
}

/* ---------------------------------------------------------------- the entry points */

static int has_encoded_separator(const char *s) {
  for (; *s; s++) {
    if (s[0] == '%' && s[1] &&
        ((s[1] == '2' && (s[2] == 'f' || s[2] == 'F')) ||
         (s[1] == '5' && (s[2] == 'c' || s[2] == 'C'))))
      return 1;
  }
  return 0;
}

/* Checks a resolved file path (existence, directory, .node) and makes its real URL. */
static char *finalize(ctx *c, const char *path, const char *suffix) {
  int kind = path_kind(c->R, path);
  char from_buf[PATH_MAX + 32];
  if (kind == KIND_DIR && c->mode == RT_RESOLVE_IMPORT) {
    fail(c, "ERR_UNSUPPORTED_DIR_IMPORT",
         rt_asprintf("Directory import '%s' is not supported resolving ES modules%s", path, FROM));
    return NULL;
  }
  if (kind == KIND_NONE) kind = path_kind_fresh(c->R, path); /* made since it was asked */
  if (kind != KIND_FILE) {
    if (c->mode == RT_RESOLVE_REQUIRE && c->exact)
      fail(c, "MODULE_NOT_FOUND", rt_asprintf("Cannot find module '%s'", path));
    else fail_not_found(c, "module", c->mode == RT_RESOLVE_REQUIRE ? c->spec : path);
    return NULL;
  }
  if (ends_with(path, ".node")) {
    fail_native(c, path);
    return NULL;
  }
  const char *real = real_of(c->R, path);
  char *url = mod_url_from_path(real);
  if (url && suffix && *suffix) {
    char *u = rt_asprintf("%s%s", url, suffix);
    free(url);
    url = u;
  }
  if (!url) fail(c, NULL, NULL);
  return url;
}

static char *resolve_uncached(ctx *c, const char *spec, const char *ref_url, const char *dir) {
  char *path = NULL;
  const char *suffix = NULL;
  char *url = NULL;
  size_t sl = mod_scheme_len(spec);
  if (sl == 4 && strncmp(spec, "node", 4) == 0) {
    if (in_list(builtins, spec + 5) || in_list(prefixed_builtins, spec + 5)) return rt_strdup(spec);
    fail(c, "ERR_UNKNOWN_BUILTIN_MODULE", rt_asprintf("No such built-in module: %s", spec));
    return NULL;
  }
  if (sl > 1 || (c->mode == RT_RESOLVE_IMPORT && mod_is_relative(spec))) {
    if (sl > 1 && !(sl == 4 && strncmp(spec, "file", 4) == 0)) {
      fail(c, "ERR_UNSUPPORTED_ESM_URL_SCHEME",
           rt_asprintf("Unsupported URL scheme \"%.*s:\": only file: and node: URLs can be loaded",
                     (int)(sl < 30 ? sl : 30), spec));
      return NULL;
    }
    url = mod_url_join(spec, ref_url);
    if (!url) {
      fail_invalid_spec(c, spec, "is not a valid URL");
      return NULL;
    }
    if (has_encoded_separator(url)) {
      /* Node names the path with its escapes kept. */
      const char *p = starts_with(url, "file://") ? url + 7 : url;
      fail_invalid_spec(c, p, "must not include encoded \"/\" or \"\\\" characters");
      free(url);
      return NULL;
    }
    path = mod_path_from_url(url);
    if (!path) {
      fail_invalid_spec(c, spec, "is not a local file URL");
      free(url);
      return NULL;
    }
    suffix = url + strcspn(url, "?#");
    if (c->mode == RT_RESOLVE_REQUIRE) {
      char *f = probe_file(c, path);
      if (!f) f = probe_dir(c, path);
      if (f) {
        free(path);
        path = f;
      }
    }
  } else if (mod_is_relative(spec)) { /* require: a path */
    path = spec[0] == '/' ? path_join("/", spec) : path_join(dir, spec);
    if (path) {
      char *f = probe_file(c, path);
      if (!f) f = probe_dir(c, path);
      if (f) {
        free(path);
        path = f;
      }
    }
  } else if (spec[0] == '#') {
    if (imports_resolve(c, spec, dir, &path) != T_FOUND) return NULL;
    if (starts_with(path, "node:")) return path;
  } else {
    if (package_resolve(c, spec, dir, &path) != T_FOUND) return NULL;
    if (starts_with(path, "node:")) return path;
  }
  if (!path) {
    free(url);
    fail(c, NULL, NULL);
    return NULL;
  }
  char *out = finalize(c, path, suffix);
  free(path);
  free(url);
  return out;
}

char *rt_resolve(mrt_runtime *rt, const char *spec, const char *referrer, int mode, char **msg,
                 const char **code) {
  *msg = NULL;
  *code = NULL;
  rt_resolver *R = rt ? resolver_of(rt) : NULL;
  if (!R || !spec) {
    *msg = rt_strdup(R ? "no specifier" : "out of memory");
    *code = "ERR_INVALID_ARG_VALUE";
    return NULL;
  }
  /* The referrer's directory, and its name in messages (a path for file: URLs). */
  char *ref_path = referrer ? mod_path_from_url(referrer) : NULL;
  char *ref_url = referrer ? rt_strdup(referrer) : mod_cwd_url();
  char *dir = ref_path ? path_dir(ref_path) : rt_strdup(R->cwd);
  ctx c = {R, mode, spec, ref_path ? ref_path : referrer, NULL, NULL, NULL, 0};
  c.conditions = mode == RT_RESOLVE_REQUIRE ? require_conditions : import_conditions;
  /* The key: mode, directory and specifier ("\n" cannot be in a directory name that
   * matters here, nor in a specifier that resolves: URLs escape it). */
  char *key = dir ? rt_asprintf("%c%s\n%s", mode == RT_RESOLVE_REQUIRE ? 'r' : 'i', dir, spec)
                  : NULL;
  char *out = NULL;
  int found = 0;
  char *cached = key ? smap_get(&R->results, key, &found) : NULL;
  /* A file: referrer's URL only matters for "?query#hash" specifiers, which the key holds. */
  if (found) {
    out = rt_strdup(cached);
  } else if (dir && ref_url) {
    out = resolve_uncached(&c, spec, ref_url, dir);
    if (out && key) {
      char *copy = rt_strdup(out);
      if (copy && smap_put(&R->results, key, copy) != 0) free(copy);
    }
  } else {
    fail(&c, NULL, NULL);
  }
  if (!out && !c.msg) fail(&c, NULL, NULL);
  if (!out) {
    /* What was missing may be made before the program tries again (a package installed, a
     * file written): a failure forgets the cached misses and package.json files. */
    smap_free(&R->scopes, NULL);
    smap_free(&R->pkgs, pkg_free);
    smap_free(&R->kinds, NULL);
    *msg = c.msg;
    *code = c.code ? c.code : "ERR_MODULE_NOT_FOUND";
  }
  free(key);
  free(dir);
  free(ref_path);
  free(ref_url);
  return out;
}

char *rt_resolve_real_url(mrt_runtime *rt, const char *url) {
  rt_resolver *R = rt ? resolver_of(rt) : NULL;
  char *path = R ? mod_path_from_url(url) : NULL;
  if (!path || path_kind(R, path) != KIND_FILE) {
    free(path);
    return rt_strdup(url);
  }
  const char *real = real_of(R, path);
  char *out = real == path ? rt_strdup(url) : mod_url_from_path(real);
  if (out && real != path) {
    const char *suffix = url + strcspn(url, "?#");
    if (*suffix) {
      char *u = rt_asprintf("%s%s", out, suffix);
      free(out);
      out = u;
    }
  }
  free(path);
  return out;
}

const char *rt_resolve_error_name(const char *code) {
  if (!code) return "Error";
  static const char *const type_errors[] = {"ERR_INVALID_MODULE_SPECIFIER",
                                            "ERR_PACKAGE_IMPORT_NOT_DEFINED",
                                            "ERR_INVALID_ARG_VALUE", NULL};
  return in_list(type_errors, code) ? "TypeError" : "Error";
}

/* ---------------------------------------------------------------- formats */

int rt_module_format(mrt_runtime *rt, const char *url) {
  if (!url) return RT_FORMAT_UNKNOWN;
  if (starts_with(url, "node:")) return RT_FORMAT_BUILTIN;
  char *path = mod_path_from_url(url);
  if (!path) return RT_FORMAT_UNKNOWN;
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  const char *dot = strrchr(base, '.');
  const char *ext = dot ? dot : "";
  int ts = 0, fmt = RT_FORMAT_UNKNOWN;
  if (strcmp(ext, ".mjs") == 0) fmt = RT_FORMAT_ESM;
  else if (strcmp(ext, ".cjs") == 0) fmt = RT_FORMAT_COMMONJS;
  else if (strcmp(ext, ".json") == 0) fmt = RT_FORMAT_JSON;
  else if (strcmp(ext, ".mts") == 0) fmt = RT_FORMAT_TS_ESM;
  else if (strcmp(ext, ".cts") == 0) fmt = RT_FORMAT_TS_COMMONJS;
  else if (strcmp(ext, ".ts") == 0) ts = 1;
  else if (strcmp(ext, ".js") != 0 && dot) fmt = -1; /* another extension: unknown */
  if (fmt == RT_FORMAT_UNKNOWN) {
    /* .js, .ts, extensionless: the nearest package.json's "type". */
    rt_resolver *R = rt ? resolver_of(rt) : NULL;
    char *dir = R ? path_dir(path) : NULL;
    pkg *k = dir ? pkg_scope(R, dir) : NULL;
    free(dir);
    const char *type = k && !k->invalid ? k->type : NULL;
    if (type && strcmp(type, "module") == 0) fmt = ts ? RT_FORMAT_TS_ESM : RT_FORMAT_ESM;
    else if (type && strcmp(type, "commonjs") == 0)
      fmt = ts ? RT_FORMAT_TS_COMMONJS : RT_FORMAT_COMMONJS;
    else fmt = ts ? RT_FORMAT_TS_UNKNOWN : RT_FORMAT_UNKNOWN;
  }
  free(path);
  return fmt < 0 ? RT_FORMAT_UNKNOWN : fmt;
}
