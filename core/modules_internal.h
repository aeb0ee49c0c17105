/*
 * modules_internal.h: what core/modules.c and core/module_loaders.c share (URLs and the
 * built-in loaders' helpers). Not installed.
 */
#ifndef MRT_MODULES_INTERNAL_H
#define MRT_MODULES_INTERNAL_H

#include <stddef.h>

#include "mrt.h"

struct shim_global;
struct shim_exception;

/* URLs. Every function returns a malloc'd string, or NULL (invalid input, out of memory). */

/* Length of the scheme of s ("file" -> 4) when s starts with "scheme:", else 0. */
size_t mod_scheme_len(const char *s);
/* Resolves a URL reference (absolute URL, "//host/p", "/p", "./p", "../p", "p") against an
 * absolute base URL; removes dot segments and percent-encodes what a URL parser would. */
char *mod_url_join(const char *spec, const char *base);
/* "file://" URL of a path (relative paths are taken from the current directory). */
char *mod_url_from_path(const char *path);
/* The decoded path of a file: URL (without query and fragment); NULL for other schemes. */
char *mod_path_from_url(const char *url);
/* "file:///cwd/" (with the trailing slash): the base of scripts without a URL. */
char *mod_cwd_url(void);
/* 1 when the URL's path ends in ".json". */
int mod_is_json_url(const char *url);
/* 1 for "./x", "../x", "/x", "." and "..": the specifiers the built-in loaders resolve
 * against the referrer. */
int mod_is_relative(const char *spec);

/* The file-system loader's resolution of the main module (a path or a file: URL). */
int mod_fs_resolve_main(const char *spec, char **out);

/* 1 when source text uses ES module syntax: a top-level import/export declaration or
 * import.meta, outside comments, strings, templates and (heuristically) regular expressions
 * (module_syntax.c). */
int mod_has_module_syntax(const char *s, size_t n);

/* require() of an ES module (Node 22's require(esm)): loads the graph of url (source: its
 * text, an ES module, instead of the loader's; NULL: the loader's), which must complete
 * synchronously, links and evaluates it. 0 with *ns its namespace; -1 with *exc the
 * exception, or with *msg; *code (both malloc'd, may be NULL) is Node's code, as for
 * ERR_REQUIRE_ASYNC_MODULE (a top-level await), ERR_REQUIRE_CYCLE_MODULE (the graph is being
 * evaluated) and ERR_REQUIRE_ESM (a loader that answers later). */
int rt_modules_require(mrt_runtime *rt, const char *url, const char *source,
                       struct shim_global **ns, struct shim_exception *exc, char **code,
                       char **msg);

/* Reads regular file `path` whole (malloc'd, NUL-terminated, *len bytes), as the file-system
 * loader does: NULL with *err an errno on failure (EISDIR a directory; ENODEV not a regular
 * file, which could block or never end; EFBIG above MRT_MAX_SOURCE_BYTES). */
char *mod_read_source(const char *path, size_t *len, int *err);
/* The same through the sandbox (permissions.h; perms NULL: none): a refused read is NULL with
 * *err EACCES and *denied (malloc'd) the path refused. */
struct rt_perms;
char *mod_read_source_checked(const struct rt_perms *perms, const char *path, size_t *len,
                              int *err, char **denied);
/* A load refused by the sandbox: the import fails with an Error named NotCapable. */
void mod_load_fail_denied(mrt_load_request *req, const char *message);

/* Completes a load request with a malloc'd buffer whose ownership passes to the runtime. */
void mod_load_complete_owned(mrt_load_request *req, char *source, size_t len);

#endif /* MRT_MODULES_INTERNAL_H */
