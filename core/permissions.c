/* permissions.c: the sandbox's one checker (permissions.h).
 *
 * Grants are kept canonical: paths absolute with symlinks resolved (as far as they exist),
 * hosts lower-case with IP literals in one spelling (IPv4-mapped IPv6 as IPv4). A check
 * canonicalises what the op will touch the same way and compares. Revocation only sets
 * flags (atomics): fs jobs on the worker pool read the grants while JS may revoke.
 *
 * Opens are checked on what the kernel actually opened, not on a name looked at earlier:
 * the parent directory is opened (O_PATH) and its real name read back from /proc/self/fd,
 * then the last component is opened beneath that fd with O_NOFOLLOW. A symlink there is
 * read (readlinkat) and its target walked again the same way. So no symlink swapped in
 * between, no "..", no /proc/self/root or /proc/self/fd/N magic link gets outside: each
 * step is checked on the directory the kernel holds. Hard links are the exception by nature
 * (a file's hard link inside an allowed directory is a name inside it; Deno is the same).
 */
#define _GNU_SOURCE
#include "permissions.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#if __has_include(<linux/openat2.h>)
#include <linux/openat2.h>
#define HAVE_OPENAT2 1
#endif

#include "ext/ext.h"

typedef struct perm_entry {
  char *value; /* canonical path, host, variable or program */
  int port;    /* net: -1 any */
  int dir_fd;  /* read, write: the granted directory held open (O_PATH), or -1 */
  atomic_int revoked;
} perm_entry;

typedef struct perm_set {
  atomic_int all; /* every value granted (until revoked) */
  perm_entry *e;
  size_t n;
} perm_set;

struct rt_perms {
  perm_set set[RT_PERM_KINDS];
  unsigned char *fds; /* node:fs fds the script opened (the runtime's thread only) */
  size_t nfds;
};

static const char *const kind_names[RT_PERM_KINDS] = {"read", "write", "net", "env", "run", "ffi"};

const char *rt_perm_name(rt_perm_kind k) { return k < RT_PERM_KINDS ? kind_names[k] : "?"; }

int rt_perm_kind_of(const char *name) {
  for (int k = 0; k < RT_PERM_KINDS; k++) {
    if (name && strcmp(name, kind_names[k]) == 0) return k;
  }
  return -1;
}

char *rt_perm_message(rt_perm_kind k, const char *what) {
  const char *name = rt_perm_name(k);
  size_t n = strlen(name) * 2 + (what ? strlen(what) : 0) + 80;
  char *m = malloc(n);
  if (!m) return NULL;
  if (what) {
    snprintf(m, n, "Requires %s access to \"%s\", run again with the --allow-%s flag", name,
             what, name);
  } else {
    snprintf(m, n, "Requires %s access, run again with the --allow-%s flag", name, name);
  }
  return m;
}

void rt_perm_throw(mrt_op_call *c, rt_perm_kind k, const char *what) {
  char *m = rt_perm_message(k, what);
  rt_op_error(c, "NotCapable", NULL, m ? m : "Requires more permissions");
  free(m);
}

static void net_what(char *out, size_t n, const char *host, int port) {
  int v6 = strchr(host, ':') && host[0] != '[';
  snprintf(out, n, "%s%s%s:%d", v6 ? "[" : "", host, v6 ? "]" : "", port);
}

void rt_perm_throw_net(mrt_op_call *c, const char *host, int port) {
  char what[300];
  net_what(what, sizeof what, host, port);
  rt_perm_throw(c, RT_PERM_NET, what);
}

void rt_perm_complete_net(mrt_runtime *rt, unsigned id, const char *host, int port) {
  char what[300];
  net_what(what, sizeof what, host, port);
  char *m = rt_perm_message(RT_PERM_NET, what);
  mrt_result res = {.kind = MRT_RESULT_ERROR, .name = "NotCapable",
                    .message = m ? m : "Requires net access"};
  mrt_op_complete(rt, id, &res);
  free(m);
}

/* ---------------------------------------------------------------- paths */

/* path made absolute against the current directory and normalised lexically (".", "..",
 * "//" collapsed). malloc'd or NULL. Used for grants and for names in messages. */
static char *abs_lexical(const char *path) {
  char cwd[PATH_MAX];
  const char *base = "";
  if (path[0] != '/') {
    if (!getcwd(cwd, sizeof cwd)) return NULL;
    base = cwd;
  }
  size_t n = strlen(base) + strlen(path) + 3;
  char *in = malloc(n), *out = malloc(n);
  if (!in || !out) {
    free(in);
    free(out);
    return NULL;
  }
  snprintf(in, n, "%s/%s", base, path);
  size_t o = 0;
  for (char *s = in; *s;) {
    while (*s == '/') s++;
    char *e = s;
    while (*e && *e != '/') e++;
    size_t len = (size_t)(e - s);
    if (len == 0 || (len == 1 && s[0] == '.')) {
    } else if (len == 2 && s[0] == '.' && s[1] == '.') {
      while (o > 0 && out[o - 1] != '/') o--;
      if (o > 0) o--;
    } else {
      out[o++] = '/';
      memcpy(out + o, s, len);
      o += len;
    }
    s = e;
  }
  if (o == 0) out[o++] = '/';
  out[o] = '\0';
  free(in);
  return out;
}

/* path made absolute against the current directory, as written (nothing normalised). */
static char *abs_raw(const char *path) {
  if (path[0] == '/') return strdup(path);
  char cwd[PATH_MAX];
  if (!getcwd(cwd, sizeof cwd)) return NULL;
  size_t n = strlen(cwd) + strlen(path) + 2;
  char *out = malloc(n);
  if (out) snprintf(out, n, "%s/%s", cwd, path);
  return out;
}

/* The real name of a path that may not exist yet: the kernel's realpath of the longest
 * prefix that exists (so "link/.." goes where the kernel goes), then the rest, normalised
 * (a rest that does not exist cannot hold a symlink; ".." after a missing name fails in the
 * kernel anyway). malloc'd or NULL. */
static char *canonical(const char *path, int follow) {
  char *abs = abs_raw(path);
  if (!abs) return NULL;
  char *r = follow ? realpath(abs, NULL) : NULL;
  if (r) {
    free(abs);
    return r;
  }
  char *cut = abs + strlen(abs);
  for (;;) {
    do cut--; while (cut > abs && *cut != '/');
    if (cut <= abs) break;
    *cut = '\0';
    r = realpath(abs, NULL);
    *cut = '/';
    if (r) break;
  }
  char *joined;
  if (r) {
    size_t n = strlen(r) + strlen(cut) + 2;
    joined = malloc(n);
    if (joined) snprintf(joined, n, "%s/%s", r, cut);
    free(r);
  } else {
    joined = strdup(abs);
  }
  free(abs);
  if (!joined) return NULL;
  char *out = abs_lexical(joined);
  free(joined);
  return out;
}

/* When path was not absolute in a way the lexical form keeps, the parent is asked of the
 * kernel: realpath(dirname) + "/" + basename. */
static char *canonical_nofollow(const char *path) {
  size_t n = strlen(path);
  while (n > 1 && path[n - 1] == '/') n--;
  const char *slash = NULL;
  for (size_t i = n; i > 0; i--) {
    if (path[i - 1] == '/') {
      slash = path + i - 1;
      break;
    }
  }
  const char *base = slash ? slash + 1 : path;
  size_t blen = n - (size_t)(base - path);
  if (blen == 0 || (blen == 1 && base[0] == '.') || (blen == 2 && base[0] == '.' && base[1] == '.')) {
    return canonical(path, 1);
  }
  char *dir = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path)) : strdup(".");
  if (!dir) return NULL;
  char *rdir = canonical(dir, 1);
  free(dir);
  if (!rdir) return NULL;
  size_t m = strlen(rdir) + blen + 2;
  char *out = malloc(m);
  if (out) snprintf(out, m, "%s/%.*s", strcmp(rdir, "/") == 0 ? "" : rdir, (int)blen, base);
  free(rdir);
  return out;
}

/* target (canonical, absolute) equals a granted path or lies beneath one. */
static int path_granted(const perm_set *s, const char *target) {
  if (atomic_load_explicit(&s->all, memory_order_relaxed)) return 1;
  size_t tl = strlen(target);
  for (size_t i = 0; i < s->n; i++) {
    const perm_entry *e = &s->e[i];
    if (atomic_load_explicit(&e->revoked, memory_order_relaxed)) continue;
    size_t el = strlen(e->value);
    if (el == 1 && e->value[0] == '/') return 1;
    if (tl >= el && memcmp(target, e->value, el) == 0 && (tl == el || target[el] == '/')) {
      return 1;
    }
  }
  return 0;
}

int rt_perm_all(const rt_perms *p, rt_perm_kind k) {
  return !p || atomic_load_explicit(&p->set[k].all, memory_order_relaxed);
}

int rt_perm_path(const rt_perms *p, rt_perm_kind k, const char *path, int follow, char **denied) {
  *denied = NULL;
  if (rt_perm_all(p, k)) return 0;
  char *c = follow ? canonical(path, 1) : canonical_nofollow(path);
  if (c && path_granted(&p->set[k], c)) {
    free(c);
    return 0;
  }
  *denied = c ? c : strdup(path);
  return RT_PERM_DENIED;
}

/* The name the kernel holds for fd (/proc/self/fd), or, without /proc, NULL. */
/* a + "/" + b (a "/" alone adds no second slash), malloc'd; the walk's hot path (snprintf
 * would cost more than the rest of the check). */
static char *join(const char *a, const char *b) {
  size_t al = strlen(a), bl = strlen(b);
  if (al == 1 && a[0] == '/') al = 0;
  char *out = malloc(al + bl + 2);
  if (!out) return NULL;
  memcpy(out, a, al);
  out[al] = '/';
  memcpy(out + al + 1, b, bl + 1);
  return out;
}

static char *fd_name(int fd) {
  char link[32] = "/proc/self/fd/", buf[PATH_MAX], digits[12];
  int nd = 0;
  for (unsigned v = (unsigned)fd; nd == 0 || v; v /= 10) digits[nd++] = (char)('0' + v % 10);
  size_t at = 14;
  while (nd) link[at++] = digits[--nd];
  link[at] = '\0';
  ssize_t n = readlink(link, buf, sizeof buf - 1);
  /* Not a path (a deleted file, "anon_inode:"), or perhaps cut short: no answer. */
  if (n <= 0 || n >= (ssize_t)sizeof buf - 1 || buf[0] != '/') return NULL;
  buf[n] = '\0';
  if (n > 10 && strcmp(buf + n - 10, " (deleted)") == 0) return NULL;
  return strdup(buf);
}

static int granted_for(const rt_perms *p, int need_read, int need_write, const char *target) {
  return (!need_read || path_granted(&p->set[RT_PERM_READ], target)) &&
         (!need_write || path_granted(&p->set[RT_PERM_WRITE], target));
}

/* The fast check: an absolute path under a granted directory opened with openat2 from the
 * directory's fd, RESOLVE_BENEATH (the kernel refuses "..", absolute symlinks and magic
 * links that would leave it, atomically): the same one syscall as an unchecked open. An fd,
 * -errno for an answer, or RT_PERM_DENIED when the walk must decide (not under a granted
 * directory, left it through a symlink, no openat2). */
static int open_beneath(const perm_set *s, const char *path, int flags, int mode) {
#ifdef HAVE_OPENAT2
  static atomic_int unsupported;
  if (path[0] != '/' || atomic_load_explicit(&unsupported, memory_order_relaxed)) {
    return RT_PERM_DENIED;
  }
  size_t pl = strlen(path);
  for (size_t i = 0; i < s->n; i++) {
    const perm_entry *e = &s->e[i];
    if (e->dir_fd < 0 || atomic_load_explicit(&e->revoked, memory_order_relaxed)) continue;
    size_t el = strlen(e->value);
    const char *rel;
    if (el == 1) rel = path + 1; /* "/" */
    else if (pl > el && memcmp(path, e->value, el) == 0 && path[el] == '/') rel = path + el + 1;
    else continue;
    while (*rel == '/') rel++;
    if (!*rel) rel = ".";
    struct open_how how = {.flags = (uint64_t)(flags | O_CLOEXEC),
                           .mode = (flags & (O_CREAT | O_TMPFILE)) ? (uint64_t)mode : 0,
                           .resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS};
    long fd;
    do fd = syscall(SYS_openat2, e->dir_fd, rel, &how, sizeof how);
    while (fd < 0 && errno == EINTR);
    if (fd >= 0) return (int)fd;
    if (errno == ENOSYS) atomic_store(&unsupported, 1);
    if (errno == EXDEV || errno == ELOOP || errno == ENOSYS || errno == EAGAIN ||
        errno == EPERM || errno == E2BIG || errno == EINVAL) {
      return RT_PERM_DENIED; /* left the directory, or cannot tell: the walk decides */
    }
    return -errno;
  }
#else
  (void)s, (void)path, (void)flags, (void)mode;
#endif
  return RT_PERM_DENIED;
}

int rt_perm_open(const rt_perms *p, const char *path, int flags, int mode, char **denied,
                 rt_perm_kind *kind) {
  *denied = NULL;
  int acc = flags & O_ACCMODE;
  int need_read = acc == O_RDONLY || acc == O_RDWR;
  int need_write = acc != O_RDONLY || (flags & (O_CREAT | O_TRUNC | O_APPEND));
  if ((!need_read || rt_perm_all(p, RT_PERM_READ)) && (!need_write || rt_perm_all(p, RT_PERM_WRITE))) {
    int fd = open(path, flags | O_CLOEXEC, mode);
    return fd < 0 ? -errno : fd;
  }
  if (need_read != need_write || rt_perm_all(p, need_read ? RT_PERM_WRITE : RT_PERM_READ)) {
    int fd = open_beneath(&p->set[need_read && !rt_perm_all(p, RT_PERM_READ) ? RT_PERM_READ
                                                                             : RT_PERM_WRITE],
                          path, flags, mode);
    if (fd != RT_PERM_DENIED) return fd;
  }
  /* The walk: cur is absolute (not normalised: the kernel resolves "..", through symlinks). */
  char cwd[PATH_MAX];
  char *cur;
  if (path[0] == '/') {
    cur = strdup(path);
  } else {
    if (!getcwd(cwd, sizeof cwd)) return -errno;
    cur = join(cwd, path);
  }
  if (!cur) return -ENOMEM;
  int result = -ELOOP;
  for (int hop = 0; hop < 40; hop++) {
    size_t n = strlen(cur);
    while (n > 1 && cur[n - 1] == '/') cur[--n] = '\0';
    char *slash = strrchr(cur, '/');
    const char *base = slash + 1;
    int dot = !*base || strcmp(base, ".") == 0 || strcmp(base, "..") == 0;
    int dfd;
    if (dot) {
      dfd = open(cur, O_PATH | O_CLOEXEC); /* the directory itself */
    } else {
      *slash = '\0';
      dfd = open(slash == cur ? "/" : cur, O_PATH | O_DIRECTORY | O_CLOEXEC);
      *slash = '/';
    }
    if (dfd < 0) {
      /* Missing (or not a directory): whether it exists is itself an answer about the
       * file system, refused when the name is not granted. */
      int err = errno;
      char *c = canonical(cur, 1);
      if (c && granted_for(p, need_read, need_write, c)) {
        free(c);
        result = -err;
      } else {
        *kind = need_read && !(c && path_granted(&p->set[RT_PERM_READ], c)) ? RT_PERM_READ
                                                                            : RT_PERM_WRITE;
        *denied = c ? c : strdup(cur);
        result = RT_PERM_DENIED;
      }
      break;
    }
    char *dir = fd_name(dfd);
    if (!dir) { /* no /proc: the kernel's name by realpath (a race is possible then) */
      if (dot) {
        dir = realpath(cur, NULL);
      } else {
        *slash = '\0';
        dir = realpath(slash == cur ? "/" : cur, NULL);
        *slash = '/';
      }
    }
    if (!dir) {
      close(dfd);
      result = -ENOENT;
      break;
    }
    char *target;
    if (dot) {
      target = dir;
    } else {
      target = join(dir, base);
      free(dir);
    }
    if (!target) {
      close(dfd);
      result = -ENOMEM;
      break;
    }
    if (!granted_for(p, need_read, need_write, target)) {
      *kind = need_read && !path_granted(&p->set[RT_PERM_READ], target) ? RT_PERM_READ
                                                                        : RT_PERM_WRITE;
      close(dfd);
      *denied = target;
      result = RT_PERM_DENIED;
      break;
    }
    int fd = openat(dfd, dot ? "." : base, flags | O_NOFOLLOW | O_CLOEXEC, mode);
    if (fd >= 0 || errno != ELOOP || (flags & O_NOFOLLOW) || dot) {
      result = fd >= 0 ? fd : -errno;
      close(dfd);
      free(target);
      break;
    }
    /* The last component is a symlink: walk its target (relative to the directory held). */
    char link[PATH_MAX];
    ssize_t ln = readlinkat(dfd, base, link, sizeof link - 1);
    close(dfd);
    if (ln <= 0) { /* swapped for something else meanwhile: look again */
      free(target);
      continue;
    }
    link[ln] = '\0';
    char *next;
    if (link[0] == '/') {
      next = strdup(link);
    } else {
      char *ts = strrchr(target, '/');
      *ts = '\0';
      next = join(*target ? target : "/", link);
    }
    free(target);
    free(cur);
    cur = next;
    if (!cur) return -ENOMEM;
  }
  free(cur);
  return result;
}

/* ---------------------------------------------------------------- network */

/* host lower-cased, brackets off, an IP literal in one form (::ffff:a.b.c.d as a.b.c.d);
 * into out (n bytes). */
static void host_canonical(const char *host, char *out, size_t n) {
  size_t len = strlen(host);
  if (len >= 2 && host[0] == '[' && host[len - 1] == ']') host++, len -= 2;
  if (len >= n) len = n - 1;
  for (size_t i = 0; i < len; i++) {
    char ch = host[i];
    out[i] = ch >= 'A' && ch <= 'Z' ? (char)(ch + 32) : ch;
  }
  out[len] = '\0';
  while (len > 1 && out[len - 1] == '.') out[--len] = '\0'; /* "localhost." */
  struct in_addr a4;
  struct in6_addr a6;
  if (inet_pton(AF_INET, out, &a4) == 1) {
    inet_ntop(AF_INET, &a4, out, (socklen_t)n);
  } else if (inet_pton(AF_INET6, out, &a6) == 1) {
    if (IN6_IS_ADDR_V4MAPPED(&a6)) inet_ntop(AF_INET, &a6.s6_addr[12], out, (socklen_t)n);
    else inet_ntop(AF_INET6, &a6, out, (socklen_t)n);
  }
}

/* The granted host value matches the canonical host h. */
static int host_matches(const char *grant, const char *h) {
  if (strcmp(grant, h) == 0) return 1;
  /* localhost names the loopback addresses. */
  return strcmp(grant, "localhost") == 0 && (strcmp(h, "127.0.0.1") == 0 || strcmp(h, "::1") == 0);
}

int rt_perm_net(const rt_perms *p, const char *host, int port) {
  if (rt_perm_all(p, RT_PERM_NET)) return 1;
  char h[256];
  host_canonical(host, h, sizeof h);
  const perm_set *s = &p->set[RT_PERM_NET];
  for (size_t i = 0; i < s->n; i++) {
    const perm_entry *e = &s->e[i];
    if (atomic_load_explicit(&e->revoked, memory_order_relaxed)) continue;
    if ((e->port < 0 || e->port == port) && host_matches(e->value, h)) return 1;
  }
  return 0;
}

int rt_perm_net_addr(const rt_perms *p, const struct sockaddr *sa) {
  if (rt_perm_all(p, RT_PERM_NET)) return 1;
  char h[INET6_ADDRSTRLEN];
  int port;
  int special;
  if (sa->sa_family == AF_INET) {
    const struct sockaddr_in *in = (const struct sockaddr_in *)sa;
    uint32_t a = ntohl(in->sin_addr.s_addr);
    special = (a >> 24) == 127 || a == 0;
    inet_ntop(AF_INET, &in->sin_addr, h, sizeof h);
    port = ntohs(in->sin_port);
  } else if (sa->sa_family == AF_INET6) {
    const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)sa;
    const struct in6_addr *a = &in6->sin6_addr;
    port = ntohs(in6->sin6_port);
    if (IN6_IS_ADDR_V4MAPPED(a)) {
      inet_ntop(AF_INET, &a->s6_addr[12], h, sizeof h);
      special = a->s6_addr[12] == 127 ||
                (a->s6_addr[12] | a->s6_addr[13] | a->s6_addr[14] | a->s6_addr[15]) == 0;
    } else {
      inet_ntop(AF_INET6, a, h, sizeof h);
      special = IN6_IS_ADDR_LOOPBACK(a) || IN6_IS_ADDR_UNSPECIFIED(a);
    }
  } else {
    return 0;
  }
  /* A public address reached through a granted name is that name's business; the local
   * machine is reached only when granted by address (or localhost). */
  return !special || rt_perm_net(p, h, port);
}

/* ---------------------------------------------------------------- env, run */

int rt_perm_env(const rt_perms *p, const char *name) {
  if (rt_perm_all(p, RT_PERM_ENV)) return 1;
  if (!name) return 0;
  const perm_set *s = &p->set[RT_PERM_ENV];
  for (size_t i = 0; i < s->n; i++) {
    if (!atomic_load_explicit(&s->e[i].revoked, memory_order_relaxed) &&
        strcmp(s->e[i].value, name) == 0) {
      return 1;
    }
  }
  return 0;
}

int rt_perm_run(const rt_perms *p, const char *program) {
  if (rt_perm_all(p, RT_PERM_RUN)) return 1;
  const perm_set *s = &p->set[RT_PERM_RUN];
  for (size_t i = 0; program && i < s->n; i++) {
    if (!atomic_load_explicit(&s->e[i].revoked, memory_order_relaxed) &&
        strcmp(s->e[i].value, program) == 0) {
      return 1;
    }
  }
  return 0;
}

/* ---------------------------------------------------------------- query, revoke */

const char *rt_perm_query(const rt_perms *p, rt_perm_kind k, const char *value) {
  int ok;
  if (!p || rt_perm_all(p, k)) {
    ok = 1;
  } else if (!value) {
    ok = 0;
  } else if (k == RT_PERM_READ || k == RT_PERM_WRITE) {
    char *c = canonical(value, 1);
    ok = c && path_granted(&p->set[k], c);
    free(c);
  } else if (k == RT_PERM_NET) {
    char host[256];
    snprintf(host, sizeof host, "%s", value);
    int port = -1;
    char *colon = strrchr(host, ':');
    if (colon && (host[0] != '[' || colon[-1] == ']') && strchr(host, ':') == colon) {
      *colon = '\0';
      port = atoi(colon + 1);
    } else if (colon && host[0] == '[' && colon[-1] == ']') {
      *colon = '\0';
      port = atoi(colon + 1);
    }
    if (port < 0) { /* a host without port: granted for every port */
      char h[256];
      host_canonical(host, h, sizeof h);
      ok = 0;
      const perm_set *s = &p->set[RT_PERM_NET];
      for (size_t i = 0; i < s->n; i++) {
        ok |= !atomic_load_explicit(&s->e[i].revoked, memory_order_relaxed) && s->e[i].port < 0 &&
              host_matches(s->e[i].value, h);
      }
    } else {
      ok = rt_perm_net(p, host, port);
    }
  } else if (k == RT_PERM_ENV) {
    ok = rt_perm_env(p, value);
  } else if (k == RT_PERM_RUN) {
    ok = rt_perm_run(p, value);
  } else {
    ok = 0;
  }
  return ok ? "granted" : "prompt";
}

void rt_perm_revoke(rt_perms *p, rt_perm_kind k, const char *value) {
  if (!p || k >= RT_PERM_KINDS) return;
  perm_set *s = &p->set[k];
  if (!value) {
    atomic_store(&s->all, 0);
    for (size_t i = 0; i < s->n; i++) atomic_store(&s->e[i].revoked, 1);
    return;
  }
  /* Deno: revoking a path revokes the grants it covers; "all" of the kind goes too (a grant
   * that would still cover the value cannot stay). */
  char *c = k == RT_PERM_READ || k == RT_PERM_WRITE ? canonical(value, 1) : NULL;
  char h[256] = "";
  if (k == RT_PERM_NET) host_canonical(value, h, sizeof h);
  atomic_store(&s->all, 0);
  for (size_t i = 0; i < s->n; i++) {
    perm_entry *e = &s->e[i];
    int hit;
    if (c) {
      size_t el = strlen(e->value), cl = strlen(c);
      hit = (el <= cl && memcmp(c, e->value, el) == 0 && (el == cl || c[el] == '/' || el == 1)) ||
            (cl <= el && memcmp(c, e->value, cl) == 0 && (el == cl || e->value[cl] == '/'));
    } else if (k == RT_PERM_NET) {
      hit = host_matches(e->value, h) || strncmp(value, e->value, strlen(e->value)) == 0;
    } else {
      hit = strcmp(e->value, value) == 0;
    }
    if (hit) atomic_store(&e->revoked, 1);
  }
  free(c);
}

/* ---------------------------------------------------------------- node:fs fds */

void rt_perm_fd_opened(rt_perms *p, int fd) {
  if (!p || fd < 0) return;
  if ((size_t)fd >= p->nfds) {
    size_t n = (size_t)fd + 64;
    unsigned char *f = realloc(p->fds, n);
    if (!f) return; /* not recorded: refused later, never wrongly allowed */
    memset(f + p->nfds, 0, n - p->nfds);
    p->fds = f;
    p->nfds = n;
  }
  p->fds[fd] = 1;
}

void rt_perm_fd_closed(rt_perms *p, int fd) {
  if (p && fd >= 0 && (size_t)fd < p->nfds) p->fds[fd] = 0;
}

int rt_perm_fd_ok(const rt_perms *p, int fd) {
  if (!p || (rt_perm_all(p, RT_PERM_READ) && rt_perm_all(p, RT_PERM_WRITE))) return 1;
  if (fd >= 0 && fd <= 2) return 1;
  return fd >= 0 && (size_t)fd < p->nfds && p->fds[fd];
}

/* ---------------------------------------------------------------- parse */

static int add_entry(perm_set *s, char *value, int port) {
  perm_entry *e = realloc(s->e, (s->n + 1) * sizeof *e);
  if (!e) return -1;
  s->e = e;
  e[s->n].value = value;
  e[s->n].port = port;
  e[s->n].dir_fd = -1;
  atomic_init(&e[s->n].revoked, 0);
  s->n++;
  return 0;
}

/* "host", "host:port", "[v6]:port", "v6" (several colons, no brackets: no port). */
static int parse_net(perm_set *s, const char *v) {
  char host[256];
  int port = -1;
  size_t len = strlen(v);
  if (len == 0 || len >= sizeof host) return -1;
  const char *colon = strrchr(v, ':');
  if (v[0] == '[') {
    const char *close = strchr(v, ']');
    if (!close) return -1;
    snprintf(host, sizeof host, "%.*s", (int)(close - v - 1), v + 1);
    if (close[1] == ':') colon = close + 1;
    else if (close[1]) return -1;
    else colon = NULL;
  } else if (colon && strchr(v, ':') == colon) {
    snprintf(host, sizeof host, "%.*s", (int)(colon - v), v);
  } else {
    snprintf(host, sizeof host, "%s", v);
    colon = NULL;
  }
  if (colon) {
    char *end;
    long n = strtol(colon + 1, &end, 10);
    if (*end || end == colon + 1 || n < 0 || n > 65535) return -1;
    port = (int)n;
  }
  char h[256];
  host_canonical(host, h, sizeof h);
  if (!h[0]) return -1;
  char *value = strdup(h);
  if (!value || add_entry(s, value, port) != 0) {
    free(value);
    return -1;
  }
  return 0;
}

static int parse_line(rt_perms *p, const char *line, size_t len) {
  const char *eq = memchr(line, '=', len);
  size_t klen = eq ? (size_t)(eq - line) : len;
  char kind[8];
  if (klen == 0 || klen >= sizeof kind) return -1;
  memcpy(kind, line, klen);
  kind[klen] = '\0';
  if (strcmp(kind, "all") == 0) {
    if (eq) return -1;
    for (int k = 0; k < RT_PERM_KINDS; k++) atomic_store(&p->set[k].all, 1);
    return 0;
  }
  int k = rt_perm_kind_of(kind);
  if (k < 0) return -1;
  perm_set *s = &p->set[k];
  if (!eq) {
    atomic_store(&s->all, 1);
    return 0;
  }
  char *v = strndup(eq + 1, len - klen - 1);
  if (!v) return -1;
  if (!*v) { /* "--allow-read=": nothing granted */
    free(v);
    return 0;
  }
  int rc = 0;
  if (k == RT_PERM_READ || k == RT_PERM_WRITE) {
    char *c = canonical(v, 1);
    rc = c && add_entry(s, c, -1) == 0 ? 0 : -1;
    if (rc) free(c);
    /* A directory is held open for the fast check (open_beneath). */
    else s->e[s->n - 1].dir_fd = open(c, O_PATH | O_DIRECTORY | O_CLOEXEC);
  } else if (k == RT_PERM_NET) {
    rc = parse_net(s, v);
  } else {
    rc = add_entry(s, v, -1);
    if (rc == 0) v = NULL;
  }
  free(v);
  return rc;
}

int rt_perms_parse(const char *spec, rt_perms **out, char **err) {
  *out = NULL;
  if (err) *err = NULL;
  if (!spec) return 0;
  rt_perms *p = calloc(1, sizeof *p);
  if (!p) return -1;
  for (const char *s = spec; *s;) {
    const char *e = strchr(s, '\n');
    size_t len = e ? (size_t)(e - s) : strlen(s);
    if (len && parse_line(p, s, len) != 0) {
      if (err && (*err = malloc(len + 64))) {
        snprintf(*err, len + 64, "invalid permission \"%.*s\"", (int)len, s);
      }
      rt_perms_free(p);
      return -1;
    }
    s += len;
    if (*s) s++;
  }
  *out = p;
  return 0;
}

void rt_perms_free(rt_perms *p) {
  if (!p) return;
  for (int k = 0; k < RT_PERM_KINDS; k++) {
    for (size_t i = 0; i < p->set[k].n; i++) {
      free(p->set[k].e[i].value);
      if (p->set[k].e[i].dir_fd >= 0) close(p->set[k].e[i].dir_fd);
    }
    free(p->set[k].e);
  }
  free(p->fds);
  free(p);
}

char *rt_perms_spec(const rt_perms *p) {
  if (!p) return NULL;
  size_t cap = 64, len = 0;
  for (int k = 0; k < RT_PERM_KINDS; k++) {
    for (size_t i = 0; i < p->set[k].n; i++) cap += strlen(p->set[k].e[i].value) + 24;
  }
  char *out = malloc(cap);
  if (!out) return NULL;
  out[0] = '\0';
  for (int k = 0; k < RT_PERM_KINDS; k++) {
    const perm_set *s = &p->set[k];
    if (atomic_load(&s->all)) {
      len += (size_t)snprintf(out + len, cap - len, "%s\n", kind_names[k]);
      continue;
    }
    for (size_t i = 0; i < s->n; i++) {
      if (atomic_load(&s->e[i].revoked)) continue;
      int v6 = k == RT_PERM_NET && strchr(s->e[i].value, ':');
      if (k == RT_PERM_NET && s->e[i].port >= 0) {
        len += (size_t)snprintf(out + len, cap - len, "net=%s%s%s:%d\n", v6 ? "[" : "",
                                s->e[i].value, v6 ? "]" : "", s->e[i].port);
      } else {
        len += (size_t)snprintf(out + len, cap - len, "%s=%s\n", kind_names[k], s->e[i].value);
      }
    }
  }
  return out;
}
