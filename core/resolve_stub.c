/* resolve_stub.c: TEMP stand-in for core/resolve.c (the resolve branch) so the CommonJS
 * work builds and runs alone: relative and absolute specifiers, CommonJS extension and
 * index probing, bare names through node_modules with package.json "main", and the format
 * from the extension and the nearest package.json "type". No exports, no cache. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "modules_internal.h"
#include "resolve.h"

static int is_file(const char *p) {
  struct stat st;
  return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

static char *read_small(const char *p) {
  FILE *f = fopen(p, "rb");
  if (!f) return NULL;
  char *buf = malloc(1 << 16);
  size_t n = buf ? fread(buf, 1, (1 << 16) - 1, f) : 0;
  fclose(f);
  if (buf) buf[n] = '\0';
  return buf;
}

/* The string value of "key" in a small JSON text (no nesting awareness: a stub). */
static char *json_string(const char *json, const char *key) {
  char pat[64];
  snprintf(pat, sizeof pat, "\"%s\"", key);
  const char *p = json ? strstr(json, pat) : NULL;
  if (!p) return NULL;
  p += strlen(pat);
  while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == ':') p++;
  if (*p != '"') return NULL;
  const char *e = strchr(++p, '"');
  if (!e) return NULL;
  char *s = malloc((size_t)(e - p) + 1);
  memcpy(s, p, (size_t)(e - p));
  s[e - p] = '\0';
  return s;
}

static char *try_file(const char *base, const char *suffix) {
  char buf[PATH_MAX];
  if (snprintf(buf, sizeof buf, "%s%s", base, suffix) >= (int)sizeof buf) return NULL;
  return is_file(buf) ? realpath(buf, NULL) : NULL;
}

static char *try_dir(const char *dir);

/* X, X.js, X.json, X.node, then X as a directory. */
static char *try_cjs(const char *x) {
  static const char *const exts[] = {"", ".js", ".json", ".node"};
  for (size_t i = 0; i < 4; i++) {
    char *r = try_file(x, exts[i]);
    if (r) return r;
  }
  return try_dir(x);
}

static char *try_dir(const char *dir) {
  char buf[PATH_MAX];
  snprintf(buf, sizeof buf, "%s/package.json", dir);
  char *pkg = read_small(buf);
  char *main = json_string(pkg, "main");
  free(pkg);
  if (main) {
    snprintf(buf, sizeof buf, "%s/%s", dir, main);
    free(main);
    char *r = try_file(buf, "");
    if (!r) r = try_file(buf, ".js");
    if (!r) r = try_file(buf, ".json");
    if (!r) r = try_file(buf, "/index.js");
    if (r) return r;
  }
  snprintf(buf, sizeof buf, "%s/index", dir);
  char *r = try_file(buf, ".js");
  if (!r) r = try_file(buf, ".json");
  return r;
}

char *rt_resolve(mrt_runtime *rt, const char *spec, const char *referrer, int mode, char **msg,
                 const char **code) {
  (void)rt;
  *msg = NULL;
  *code = NULL;
  if (strncmp(spec, "node:", 5) == 0) return strdup(spec);
  char *base = referrer ? mod_path_from_url(referrer) : NULL;
  if (!base) {
    char cwd[PATH_MAX];
    base = malloc(PATH_MAX + 2);
    snprintf(base, PATH_MAX + 2, "%s/", getcwd(cwd, sizeof cwd) ? cwd : "");
  }
  char *slash = strrchr(base, '/');
  if (slash) slash[1] = '\0';
  char *found = NULL;
  char buf[PATH_MAX];
  if (strncmp(spec, "file:", 5) == 0 || spec[0] == '/' || mod_is_relative(spec)) {
    char *path = strncmp(spec, "file:", 5) == 0 ? mod_path_from_url(spec) : NULL;
    if (path) snprintf(buf, sizeof buf, "%s", path);
    else if (spec[0] == '/') snprintf(buf, sizeof buf, "%s", spec);
    else snprintf(buf, sizeof buf, "%s%s", base, spec);
    free(path);
    size_t n = strlen(buf);
    if (n && buf[n - 1] == '/') buf[n - 1] = '\0';
    found = mode == RT_RESOLVE_REQUIRE ? try_cjs(buf) : try_file(buf, "");
  } else {
    /* A bare name: each node_modules from the referrer's directory up. */
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", base);
    for (;;) {
      size_t n = strlen(dir);
      while (n > 1 && dir[n - 1] == '/') dir[--n] = '\0';
      snprintf(buf, sizeof buf, "%s/node_modules/%s", n > 1 ? dir : "", spec);
      found = try_cjs(buf);
      if (found || n <= 1) break;
      char *s = strrchr(dir, '/');
      if (!s) break;
      if (s == dir) s[1] = '\0';
      else *s = '\0';
    }
  }
  free(base);
  if (!found) {
    *code = mode == RT_RESOLVE_REQUIRE ? "MODULE_NOT_FOUND" : "ERR_MODULE_NOT_FOUND";
    size_t n = strlen(spec) + 32;
    *msg = malloc(n);
    snprintf(*msg, n, "Cannot find module '%s'", spec);
    return NULL;
  }
  char *url = mod_url_from_path(found);
  free(found);
  return url;
}

static int ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), k = strlen(suffix);
  return n >= k && strcmp(s + n - k, suffix) == 0;
}

int rt_module_format(mrt_runtime *rt, const char *url) {
  (void)rt;
  if (strncmp(url, "node:", 5) == 0) return RT_FORMAT_BUILTIN;
  if (ends_with(url, ".mjs")) return RT_FORMAT_ESM;
  if (ends_with(url, ".cjs")) return RT_FORMAT_COMMONJS;
  if (ends_with(url, ".json")) return RT_FORMAT_JSON;
  char *decoded = mod_path_from_url(url);
  if (!decoded) return RT_FORMAT_UNKNOWN;
  char path[PATH_MAX + 16];
  snprintf(path, PATH_MAX, "%s", decoded);
  free(decoded);
  int format = RT_FORMAT_UNKNOWN;
  for (char *s = strrchr(path, '/'); s; s = strrchr(path, '/')) {
    strcpy(s, "/package.json");
    char *pkg = is_file(path) ? read_small(path) : NULL;
    *s = '\0';
    if (!pkg) continue;
    char *type = json_string(pkg, "type");
    free(pkg);
    if (type && strcmp(type, "module") == 0) format = RT_FORMAT_ESM;
    else if (type && strcmp(type, "commonjs") == 0) format = RT_FORMAT_COMMONJS;
    free(type);
    break;
  }
  return format;
}
