/*
 * resolve.h: Node's module resolution (ESM and CommonJS) and module format classification,
 * for the file-system loader, import.meta.resolve and require. Internal (not installed).
 *
 * Specifiers resolve as Node 20 resolves them (nodejs.org/api/esm.html#resolution-algorithm-
 * specification, nodejs.org/api/modules.html#all-together): relative and absolute URLs,
 * bare package names from node_modules upwards with package.json "exports" (subpaths,
 * patterns, nested conditions, arrays, null), "imports" (#x), self-reference, "main" (the
 * legacy main resolution when there are no exports), Node's built-in module names (-> the
 * URL "node:x"), and, for require, CommonJS's extension and index probing. Condition sets:
 * ["mrt", "import", "node", "default"] for import, ["mrt", "require", "node", "default"] for
 * require. Results are real paths (symlinks resolved, as Node does by default).
 *
 * One cache per runtime (stat and realpath results, parsed package.json files, and
 * resolutions by referrer directory and specifier), made at the first call and freed with
 * the runtime (rt_resolver_free). package.json files are parsed with cJSON, dlopen()ed at the
 * first one (cjson_loader.h). Runtime's thread.
 */
#ifndef MRT_RESOLVE_H
#define MRT_RESOLVE_H

#include "mrt.h"

enum { RT_RESOLVE_IMPORT = 0, RT_RESOLVE_REQUIRE = 1 };
enum {
  RT_FORMAT_UNKNOWN = 0,
  RT_FORMAT_ESM,
  RT_FORMAT_COMMONJS,
  RT_FORMAT_JSON,
  RT_FORMAT_BUILTIN,
  RT_FORMAT_TS_ESM,
  RT_FORMAT_TS_COMMONJS,
  RT_FORMAT_TS_UNKNOWN
};

/* spec from referrer (a URL, or NULL: the current directory) as Node resolves it in mode; a
 * malloc'd URL ("file:///…" or "node:fs"), or NULL with *msg (malloc'd) and *code (static,
 * e.g. "ERR_MODULE_NOT_FOUND"). Cached per runtime. */
char *rt_resolve(mrt_runtime *rt, const char *spec, const char *referrer, int mode, char **msg,
                 const char **code);

/* The format of a resolved URL (extension, then nearest package.json "type"):
 * node: -> BUILTIN; .mjs ESM; .cjs COMMONJS; .json JSON; .ts/.mts/.cts the TS_ ones by the
 * same rules; .js and extensionless files by "type" ("module" ESM, "commonjs" COMMONJS,
 * absent UNKNOWN: the caller detects the syntax, as Node 22 does); anything else UNKNOWN. */
int rt_module_format(mrt_runtime *rt, const char *url);

/* The error class Node gives an error of this code ("TypeError" or "Error"). */
const char *rt_resolve_error_name(const char *code);

/* The real path of a file: URL as a file: URL (query and fragment kept), or a copy of url
 * when it is not a file that exists; malloc'd (NULL: out of memory). Cached. */
char *rt_resolve_real_url(mrt_runtime *rt, const char *url);

/* Frees the runtime's resolution cache (NULL-safe; rt_modules_free calls it). */
void rt_resolver_free(mrt_runtime *rt);

#endif /* MRT_RESOLVE_H */
