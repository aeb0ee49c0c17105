/*
 * permissions.h: the sandbox (issue 21). Off unless mrt_options.permissions is set: then
 * every op that reads or writes files, touches the environment, the network or child
 * processes asks here first, in C, before any side effect. One checker for the whole
 * runtime (core/permissions.c); extensions call it through rt->perms (NULL: no checks, one
 * branch). Not installed.
 */
#ifndef MRT_PERMISSIONS_H
#define MRT_PERMISSIONS_H

#include <stddef.h>

struct sockaddr;
struct mrt_op_call;

typedef enum rt_perm_kind {
  RT_PERM_READ,
  RT_PERM_WRITE,
  RT_PERM_NET,
  RT_PERM_ENV,
  RT_PERM_RUN,
  RT_PERM_FFI,
  RT_PERM_KINDS
} rt_perm_kind;

typedef struct rt_perms rt_perms;

/* rt_perm_open's answer when the checker refused (never a -errno). */
#define RT_PERM_DENIED (-100001)

/* The spec: one grant a line, "kind" (all of it) or "kind=value" (one path, host[:port],
 * variable name or program); kinds read write net env run ffi all. "" grants nothing. NULL
 * *out for a NULL spec (no checks). 0, or -1 with *err (malloc'd) naming the bad line. */
int rt_perms_parse(const char *spec, rt_perms **out, char **err);
void rt_perms_free(rt_perms *p);
/* The grants still in force, as a spec (a worker inherits its parent's). malloc'd. */
char *rt_perms_spec(const rt_perms *p);

const char *rt_perm_name(rt_perm_kind k); /* "read" */
/* Deno's message: Requires read access to "/etc/shadow", run again with the --allow-read
 * flag (what NULL: Requires env access, run again ...). malloc'd. */
char *rt_perm_message(rt_perm_kind k, const char *what);
/* Throws (sync op) or rejects with it (async op): an Error named NotCapable. */
void rt_perm_throw(struct mrt_op_call *c, rt_perm_kind k, const char *what);

/* The same for a network access to host:port (v6 hosts in brackets, as Deno words it). */
void rt_perm_throw_net(struct mrt_op_call *c, const char *host, int port);
/* An async op's rejection with NotCapable, from the loop thread (mrt_op_complete). */
struct mrt_runtime;
void rt_perm_complete_net(struct mrt_runtime *rt, unsigned id, const char *host, int port);

/* Everything of kind k granted (and not revoked). */
int rt_perm_all(const rt_perms *p, rt_perm_kind k);

/* A path operation that does not open (stat, mkdir, unlink, rename...): path (relative to the
 * current directory) canonicalised (symlinks and .. resolved; the last component followed
 * when follow) and checked. 0, or RT_PERM_DENIED with *denied (malloc'd) the path refused. */
int rt_perm_path(const rt_perms *p, rt_perm_kind k, const char *path, int follow, char **denied);
/* open(2) of path checked on what is actually opened: each directory is opened and its real
 * name checked, the last component opened O_NOFOLLOW beneath it (a symlink there is read and
 * followed the same way), so a symlink swapped in between cannot escape. The kind comes from
 * flags (read and/or write). An fd, -errno, or RT_PERM_DENIED with *denied and *kind (the
 * access missing). */
int rt_perm_open(const rt_perms *p, const char *path, int flags, int mode, char **denied,
                 rt_perm_kind *kind);

/* Environment variable name (NULL: all of them, as toObject needs). 1 allowed, 0 not. */
int rt_perm_env(const rt_perms *p, const char *name);
/* Network: host as the script gave it (a name or an IP literal, v6 with or without
 * brackets) and port. listen: a bind (0.0.0.0 / :: must be granted as such). 1 or 0. */
int rt_perm_net(const rt_perms *p, const char *host, int port);
/* After resolution: an address of the loopback or unspecified kind is allowed only when
 * granted as such (localhost, 127.0.0.1, ::1, 0.0.0.0 entries), whatever name led to it. */
int rt_perm_net_addr(const rt_perms *p, const struct sockaddr *sa);
/* A child process running program (as given). */
int rt_perm_run(const rt_perms *p, const char *program);

/* mrt.permissions: state of a descriptor (value NULL: the whole kind): "granted", "denied". */
const char *rt_perm_query(const rt_perms *p, rt_perm_kind k, const char *value);
/* Revokes value (NULL: the whole kind, every grant of it). */
void rt_perm_revoke(rt_perms *p, rt_perm_kind k, const char *value);
/* "read" -> RT_PERM_READ, or -1. */
int rt_perm_kind_of(const char *name);

/* node:fs's raw fds: only fds the script opened through a checked open (and 0, 1, 2) may be
 * used; another fd number (inherited, or the runtime's own) is refused. */
void rt_perm_fd_opened(rt_perms *p, int fd);
void rt_perm_fd_closed(rt_perms *p, int fd);
int rt_perm_fd_ok(const rt_perms *p, int fd);

#endif /* MRT_PERMISSIONS_H */
