/* module_loaders.c: module URLs and the two built-in loaders, the file-system loader (the
 * default) and the in-memory loader.
 *
 * The runtime resolves for the file-system loader itself, with Node's rules (core/resolve.c);
 * these are the in-memory loader's rules, and the file-system loader's own resolve callback
 * (an embedder wrapping it) keeps them too (Deno's, the browser's without import maps):
 *  - "./x", "../x", "/x" resolve against the referrer's URL;
 *  - absolute URLs ("file:///x.mjs") stand for themselves;
 *  - anything else is a bare specifier and an error ("Relative import path ... not prefixed
 *    with / or ./ or ../");
 *  - the main module (no referrer) may also be a file path, absolute or relative to the
 *    current directory;
 *  - URLs are parsed and joined by the WHATWG URL parser (core/ext/url/url_parse.c, the one
 *    behind URL), so a module's URL is `new URL(spec, referrer).href`.
 * The file-system loader reads file: URLs only, synchronously (module files are small and
 * page-cached; the read happens inside a loader call the runtime schedules, never in the
 * middle of JS). */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ext/url/url_parse.h"
#include "modules_internal.h"
#include "permissions.h"
#include "runtime_internal.h"
#include "str.h"

/* ---------------------------------------------------------------- strings */

typedef struct buf {
  char *s;
  size_t len, cap;
  int oom;
} buf;

static void b_add(buf *b, const char *s, size_t n) {
  if (b->oom || n > ((size_t)-1) / 4) {
    b->oom = 1;
    return;
  }
  if (b->len + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + n + 1) cap *= 2;
    char *p = realloc(b->s, cap);
    if (!p) {
      b->oom = 1;
      return;
    }
    b->s = p;
    b->cap = cap;
  }
  memcpy(b->s + b->len, s, n);
  b->len += n;
  b->s[b->len] = '\0';
}

static void b_str(buf *b, const char *s) { b_add(b, s, strlen(s)); }
static void b_chr(buf *b, char c) { b_add(b, &c, 1); }

static char *b_done(buf *b) {
  if (b->oom) {
    free(b->s);
    return NULL;
  }
  if (!b->s) {
    b->s = malloc(1);
    if (b->s) b->s[0] = '\0';
  }
  return b->s;
}

static char *fmt_msg(const char *a, const char *b, const char *c) {
  buf o = {0};
  b_str(&o, a);
  b_str(&o, b);
  b_str(&o, c);
  return b_done(&o);
}

/* ---------------------------------------------------------------- URLs */

static int is_alpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

size_t mod_scheme_len(const char *s) {
  if (!is_alpha((unsigned char)s[0])) return 0;
  size_t i = 1;
  while (is_alpha((unsigned char)s[i]) || (s[i] >= '0' && s[i] <= '9') || s[i] == '+' ||
         s[i] == '-' || s[i] == '.') {
    i++;
  }
  return s[i] == ':' ? i : 0;
}

int mod_is_relative(const char *s) {
  return s[0] == '/' || (s[0] == '.' && (s[1] == '/' || s[1] == '\0')) ||
         (s[0] == '.' && s[1] == '.' && (s[2] == '/' || s[2] == '\0'));
}

/* Bytes a URL parser percent-encodes in a path (C0, space, " < > ` { } and non-ASCII). */
static int path_escapes(unsigned char c) {
  return c <= 0x20 || c >= 0x7f || c == '"' || c == '<' || c == '>' || c == '`' || c == '{' ||
         c == '}';
}

static void b_escaped(buf *b, const char *s, size_t n, int file_path) {
  static const char hex[] = "0123456789ABCDEF";
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    /* A file path may hold '%', '?', '#' literally: they must not read as URL syntax. */
    if (path_escapes(c) || (file_path && (c == '%' || c == '?' || c == '#' || c == '\\'))) {
      char e[3] = {'%', hex[c >> 4], hex[c & 15]};
      b_add(b, e, 3);
    } else {
      b_chr(b, (char)c);
    }
  }
}

/* Splits an absolute URL: [0, *path) scheme and authority, [*path, *rest) the path,
 * [*rest, end) query and fragment. */
static void split(const char *u, size_t *path, size_t *rest) {
  size_t i = mod_scheme_len(u) + 1;
  if (u[i] == '/' && u[i + 1] == '/') {
    i += 2;
    while (u[i] && u[i] != '/' && u[i] != '?' && u[i] != '#') i++;
  }
  *path = i;
  while (u[i] && u[i] != '?' && u[i] != '#') i++;
  *rest = i;
}

/* prefix + the path [p, p + n) with dot segments removed and unsafe bytes escaped + rest. */
static char *assemble(const char *prefix, size_t prefix_len, const char *p, size_t n,
                      const char *rest) {
  /* Segments as (start, length) pairs, a stack for "..". */
  size_t cap = 16, nseg = 0;
  size_t *seg = malloc(cap * 2 * sizeof *seg);
  if (!seg) return NULL;
  size_t i = 0;
  int absolute = n > 0 && p[0] == '/';
  int trailing = 0;
  if (absolute) i = 1;
  while (i <= n) {
    size_t j = i;
    while (j < n && p[j] != '/') j++;
    size_t len = j - i;
    const char *s = p + i;
    int last = j >= n;
    if (len == 1 && s[0] == '.') {
      trailing = last;
    } else if (len == 2 && s[0] == '.' && s[1] == '.') {
      if (nseg) nseg--;
      trailing = last;
    } else {
      if (nseg == cap) {
        cap *= 2;
        size_t *g = realloc(seg, cap * 2 * sizeof *seg);
        if (!g) {
          free(seg);
          return NULL;
        }
        seg = g;
      }
      seg[nseg * 2] = i;
      seg[nseg * 2 + 1] = len;
      nseg++;
      trailing = 0;
    }
    i = j + 1;
  }
  buf o = {0};
  b_add(&o, prefix, prefix_len);
  for (size_t k = 0; k < nseg; k++) {
    if (k > 0 || absolute) b_chr(&o, '/');
    b_escaped(&o, p + seg[k * 2], seg[k * 2 + 1], 0);
  }
  if (trailing || (nseg == 0 && absolute)) b_chr(&o, '/');
  free(seg);
  b_str(&o, rest);
  return b_done(&o);
}

static char *normalize(const char *url) {
  size_t path, rest;
  split(url, &path, &rest);
  /* Lower-case scheme; backslashes are slashes in file: URLs. */
  char *prefix = malloc(path + 1);
  if (!prefix) return NULL;
  memcpy(prefix, url, path);
  prefix[path] = '\0';
  for (size_t i = 0; prefix[i] && prefix[i] != ':'; i++) {
    if (prefix[i] >= 'A' && prefix[i] <= 'Z') prefix[i] = (char)(prefix[i] - 'A' + 'a');
  }
  char *p = malloc(rest - path + 1);
  if (!p) {
    free(prefix);
    return NULL;
  }
  memcpy(p, url + path, rest - path);
  p[rest - path] = '\0';
  if (strncmp(prefix, "file:", 5) == 0) {
    for (char *c = p; *c; c++)
      if (*c == '\\') *c = '/';
  }
  char *out = assemble(prefix, path, p, rest - path, url + rest);
  free(prefix);
  free(p);
  return out;
}

/* spec resolved against base (NULL: none) by the WHATWG URL parser, the one behind URL
 * (core/ext/url): module URLs are what `new URL(spec, base).href` gives, as in node and
 * browsers. NULL when it is not a valid URL (or out of memory), and for the one href whose
 * parse is not its own spelling (a non-special URL without host whose path starts with an
 * empty segment: "sc:/.//x"), which the module map must not hold under two keys. */
static char *whatwg_href(const char *spec, const char *base) {
  url_scratch sc = {0};
  url_rec u, b;
  url_rec_init(&u);
  url_rec_init(&b);
  url_sb out = {0};
  int32_t off[URL_O_COUNT];
  char *res = NULL;
  const url_rec *bp = NULL;
  if (base) {
    if (url_parse(&sc, base, strlen(base), NULL, &b, 0) != URL_OK) goto done;
    bp = &b;
  }
  if (url_parse(&sc, spec, strlen(spec), bp, &u, 0) != URL_OK) goto done;
  if (url_serialize(&u, &out, off) != URL_OK) goto done;
  if (!(off[URL_O_FLAGS] & (URL_F_HOST | URL_F_OPAQUE)) &&
      off[URL_O_PATH_START] != off[URL_O_PROTOCOL_END])
    goto done;
  if (memchr(out.p, '\0', out.n)) goto done;
  res = malloc(out.n + 1);
  if (res) {
    memcpy(res, out.p, out.n);
    res[out.n] = '\0';
  }
done:
  url_scratch_free(&sc);
  url_rec_free(&u);
  url_rec_free(&b);
  url_sb_free(&out);
  return res;
}

char *mod_url_join(const char *spec, const char *base) {
  if (!base || !mod_scheme_len(base)) return mod_scheme_len(spec) ? whatwg_href(spec, NULL) : NULL;
  return whatwg_href(spec, base);
}

char *mod_url_from_path(const char *path) {
  buf o = {0};
  b_str(&o, "file://");
  if (path[0] != '/') {
    char cwd[4096];
    if (!getcwd(cwd, sizeof cwd)) {
      free(o.s);
      return NULL;
    }
    b_escaped(&o, cwd, strlen(cwd), 1);
    b_chr(&o, '/');
  }
  b_escaped(&o, path, strlen(path), 1);
  char *u = b_done(&o);
  if (!u) return NULL;
  char *out = whatwg_href(u, NULL);
  if (!out) out = normalize(u);
  free(u);
  return out;
}

static int hexval(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

char *mod_path_from_url(const char *url) {
  if (strncmp(url, "file:", 5) != 0) return NULL;
  const char *p = url + 5;
  if (p[0] == '/' && p[1] == '/') {
    p += 2;
    if (strncmp(p, "localhost/", 10) == 0) p += 9;
    else if (p[0] != '/') return NULL; /* a host: not a local file */
  }
  buf o = {0};
  for (; *p && *p != '?' && *p != '#'; p++) {
    int h, l;
    if (p[0] == '%' && (h = hexval((unsigned char)p[1])) >= 0 &&
        (l = hexval((unsigned char)p[2])) >= 0) {
      char c = (char)(h * 16 + l);
      if (c == '\0') {
        free(o.s);
        return NULL;
      }
      b_chr(&o, c);
      p += 2;
    } else {
      b_chr(&o, *p);
    }
  }
  return b_done(&o);
}

char *mod_cwd_url(void) {
  char cwd[4096];
  if (!getcwd(cwd, sizeof cwd)) return rt_strdup("file:///");
  size_t n = strlen(cwd);
  if (n + 2 > sizeof cwd) return rt_strdup("file:///");
  if (cwd[n - 1] != '/') {
    cwd[n] = '/';
    cwd[n + 1] = '\0';
  }
  return mod_url_from_path(cwd);
}

int mod_is_json_url(const char *url) {
  size_t path, rest;
  split(url, &path, &rest);
  return rest - path >= 5 && memcmp(url + rest - 5, ".json", 5) == 0;
}

/* ---------------------------------------------------------------- shared resolution */

static int resolve_common(const char *spec, const char *referrer, int any_scheme,
                          char **out) {
  *out = NULL;
  size_t sl = mod_scheme_len(spec);
  if (sl) {
    if (!any_scheme && !(sl == 4 && strncmp(spec, "file", 4) == 0)) {
      char scheme[32];
      snprintf(scheme, sizeof scheme, "%.*s:", (int)(sl < 30 ? sl : 30), spec);
      *out = fmt_msg("Unsupported URL scheme \"", scheme, "\": only file: URLs can be loaded");
      return MRT_EMODULE;
    }
    *out = whatwg_href(spec, NULL);
    if (!*out) {
      *out = fmt_msg("Invalid module specifier \"", spec, "\"");
      return MRT_EMODULE;
    }
    return MRT_OK;
  }
  if (!referrer) { /* the main module: a path */
    *out = mod_url_from_path(spec);
    return *out ? MRT_OK : MRT_ENOMEM;
  }
  if (!mod_is_relative(spec)) {
    *out = fmt_msg("Relative import path \"", spec,
                   "\" not prefixed with / or ./ or ../");
    return MRT_EMODULE;
  }
  *out = mod_url_join(spec, referrer);
  if (!*out) {
    *out = fmt_msg("Invalid module specifier \"", spec, "\"");
    return MRT_EMODULE;
  }
  return MRT_OK;
}

/* ---------------------------------------------------------------- file-system loader */

int mod_fs_resolve_main(const char *spec, char **out) { return resolve_common(spec, NULL, 0, out); }

static int fs_resolve(void *data, const char *spec, const char *referrer, char **out) {
  (void)data;
  return resolve_common(spec, referrer, 0, out);
}

char *mod_read_source(const char *path, size_t *len, int *err) {
  return mod_read_source_checked(NULL, path, len, err, NULL);
}

char *mod_read_source_checked(const struct rt_perms *perms, const char *path, size_t *len,
                              int *err, char **denied) {
  /* O_NONBLOCK: a FIFO must not block the open (it is refused below). */
  int fd;
  if (perms) { /* checked on what is opened: a symlink swapped in between cannot escape */
    rt_perm_kind kind;
    fd = rt_perm_open(perms, path, O_RDONLY | O_NONBLOCK, 0, denied, &kind);
    if (fd == RT_PERM_DENIED) {
      *err = EACCES;
      return NULL;
    }
    if (fd < 0) errno = -fd;
  } else {
    fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  }
  if (fd < 0) {
    *err = errno;
    return NULL;
  }
  struct stat st;
  int e = fstat(fd, &st) != 0                            ? errno
          : S_ISDIR(st.st_mode)                          ? EISDIR
          : !S_ISREG(st.st_mode)                         ? ENODEV
          : (uint64_t)st.st_size > MRT_MAX_SOURCE_BYTES ? EFBIG
                                                         : 0;
  /* Files of size 0 may still have content (/proc): read until EOF, up to the limit. */
  size_t cap = !e && st.st_size > 0 ? (size_t)st.st_size + 1 : 4096, n = 0;
  char *buf = e ? NULL : malloc(cap);
  if (!e && !buf) e = ENOMEM;
  while (!e) { /* the file may grow or shrink while it is read */
    size_t want = cap - n - 1;
    if (want > (1 << 20)) want = 1 << 20;
    ssize_t r = read(fd, buf + n, want);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) e = errno;
    if (r <= 0) break;
    n += (size_t)r;
    /* All fstat said: done, without a read that only finds the end (as node's readFile). */
    if (st.st_size > 0 && n == (size_t)st.st_size) break;
    if (n > MRT_MAX_SOURCE_BYTES) {
      e = EFBIG;
    } else if (n + 1 == cap) {
      char *grown = realloc(buf, cap * 2);
      if (!grown) e = ENOMEM;
      else buf = grown, cap *= 2;
    }
  }
  close(fd);
  if (e) {
    free(buf);
    *err = e;
    return NULL;
  }
  buf[n] = '\0';
  *len = n;
  return buf;
}

static void fs_load(void *data, const char *url, mrt_load_request *req) {
  mrt_runtime *rt = data; /* modules.c gives this loader its runtime */
  char *path = mod_path_from_url(url);
  if (!path) {
    mrt_load_fail(req, "not a local file: URL");
    return;
  }
  size_t n = 0;
  int err = 0;
  char *denied = NULL;
  char *src = mod_read_source_checked(rt ? rt->perms : NULL, path, &n, &err, &denied);
  free(path);
  if (src) {
    mod_load_complete_owned(req, src, n);
    return;
  }
  if (denied) { /* module files are reads (Deno's rule) */
    char *m = rt_perm_message(RT_PERM_READ, denied);
    mod_load_fail_denied(req, m ? m : "Requires read access");
    free(m);
    free(denied);
    return;
  }
  switch (err) {
    case ENOENT:
    case ENOTDIR: mrt_load_fail(req, NULL); break;
    case EISDIR: mrt_load_fail(req, "is a directory"); break;
    case ENODEV: mrt_load_fail(req, "not a regular file"); break;
    case EFBIG: mrt_load_fail(req, "file too large"); break;
    case ENOMEM: mrt_load_fail(req, "out of memory"); break;
    default: mrt_load_fail(req, strerror(err)); break;
  }
}

static const mrt_module_loader fs_loader = {fs_resolve, fs_load};

const mrt_module_loader *mrt_fs_loader(void) { return &fs_loader; }

/* ---------------------------------------------------------------- in-memory loader */

static int mem_resolve(void *data, const char *spec, const char *referrer, char **out) {
  (void)data;
  return resolve_common(spec, referrer, 1, out);
}

static void mem_load(void *data, const char *url, mrt_load_request *req) {
  const char *(*map)[2] = (const char *(*)[2])data;
  for (size_t i = 0; map && map[i][0]; i++) {
    if (strcmp(map[i][0], url) == 0) {
      mrt_load_complete(req, map[i][1], strlen(map[i][1]));
      return;
    }
  }
  /* Keys written in another spelling ("FILE:///a/./b.js"). */
  for (size_t i = 0; map && map[i][0]; i++) {
    if (!mod_scheme_len(map[i][0])) continue;
    char *n = normalize(map[i][0]);
    int same = n && strcmp(n, url) == 0;
    free(n);
    if (same) {
      mrt_load_complete(req, map[i][1], strlen(map[i][1]));
      return;
    }
  }
  mrt_load_fail(req, NULL);
}

static const mrt_module_loader memory_loader = {mem_resolve, mem_load};

const mrt_module_loader *mrt_memory_loader(void) { return &memory_loader; }
