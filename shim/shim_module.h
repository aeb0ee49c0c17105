/*
 * shim_module.h: ES modules through plain C (the V8 side of core/modules.c).
 *
 * The owner (core/) keeps the module map and assigns module ids (small non-negative ints);
 * the shim keeps one v8::Global<v8::Module> per id and maps V8's callbacks (static import
 * resolution during instantiation, import(), import.meta) back to ids and plain strings.
 */
#ifndef MRT_SHIM_MODULE_H
#define MRT_SHIM_MODULE_H

#include <stddef.h>

#include "shim.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct shim_module_host {
  void *data;
  /* Instantiation: module `referrer` imports `specifier` statically. Return the id of the
   * module it resolved to (already compiled), or -1 (the shim throws a generic error). */
  int (*resolve)(void *data, int referrer, const char *specifier);
  /* import(specifier): referrer is the resource name of the importing script or module
   * (NULL when unknown), type the `assert { type }` value (NULL if none). resolver is a new
   * handle to a v8::Promise::Resolver the callee owns; the shim returns its promise. */
  void (*dynamic_import)(void *data, const char *referrer, const char *specifier,
                         const char *type, shim_global *resolver);
  /* First access to import.meta of module id: its URL, whether it is the main module, and
   * for a file: module its path and directory (malloc'd, the shim frees them; else NULL). */
  void (*import_meta)(void *data, int id, const char **url, int *is_main, char **filename,
                      char **dirname);
  /* import.meta.resolve(specifier) in the module at `referrer`: a malloc'd URL, or NULL with
   * *error a malloc'd message, thrown as an error of class *name ("TypeError", "Error")
   * with *code (Node's error code, or NULL: none); name and code are static strings. */
  char *(*meta_resolve)(void *data, const char *referrer, const char *specifier, char **error,
                        const char **name, const char **code);
  /* The evaluation promise of a module evaluated with watch = 1 rejected (runs in the
   * microtask of the rejection). reason is a new handle the callee owns. */
  void (*eval_rejected)(void *data, int id, shim_global *reason);
} shim_module_host;

/* Process-wide V8 flags modules need (`assert { type: 'json' }`); called by
 * shim_platform_init before V8 is initialised and before the embedder's flags. */
void shim_modules_platform_init(void);

/* Registers the module callbacks on the isolate (dynamic import, import.meta). */
int shim_modules_init(shim_isolate *iso, const shim_module_host *host);
/* Releases every module handle; call before shim_isolate_free. */
void shim_modules_free(shim_isolate *iso);

/* One static import of a compiled module. */
typedef struct shim_module_request {
  char *specifier; /* as written */
  char *type;      /* the `assert { type: ... }` value, NULL if none */
  int line, column; /* 1-based position of the specifier in the source */
} shim_module_request;

/* Compiles source text as module `id` with resource name url. 0, or -1 with *exc. On success
 * *reqs (malloc'd, free with shim_module_requests_free) receives its static imports. */
int shim_module_compile(shim_isolate *iso, int id, const char *url, const char *src, size_t len,
                        shim_module_request **reqs, size_t *nreqs, shim_exception *exc);
void shim_module_requests_free(shim_module_request *reqs, size_t n);
/* Parses JSON text into a synthetic module `id` whose default export is the value. */
int shim_module_json(shim_isolate *iso, int id, const char *url, const char *src, size_t len,
                     shim_exception *exc);
/* A synthetic module `id` whose exports are obj's own enumerable string keys, with their
 * values at evaluation (the ops of "ext:core/ops"). */
int shim_module_from_object(shim_isolate *iso, int id, const char *url, const shim_global *obj,
                            shim_exception *exc);
/* A synthetic module `id` exporting the strings of the array `names`; its evaluation calls
 * fn(arg), which returns an object, and sets each export from that object's property of the
 * same name (Node's CommonJS modules imported from ES modules; fn may throw). */
int shim_module_synthetic(shim_isolate *iso, int id, const char *url, const shim_global *names,
                          const shim_global *fn, const shim_global *arg, shim_exception *exc);
/* Forgets module id (its handle is released). */
void shim_module_drop(shim_isolate *iso, int id);

enum {
  SHIM_MOD_UNINSTANTIATED, SHIM_MOD_INSTANTIATING, SHIM_MOD_INSTANTIATED, SHIM_MOD_EVALUATING,
  SHIM_MOD_EVALUATED, SHIM_MOD_ERRORED, SHIM_MOD_NONE = -1
};
int shim_module_status(shim_isolate *iso, int id);

/* Links module id and its graph (resolve callbacks run). 0, or -1 with *exc. */
int shim_module_instantiate(shim_isolate *iso, int id, shim_exception *exc);
/* Evaluates: *promise receives the evaluation promise, marked as handled. watch: call
 * host->eval_rejected if it rejects. 0, or -1 with *exc (termination). */
int shim_module_evaluate(shim_isolate *iso, int id, int watch, shim_global **promise,
                         shim_exception *exc);
/* The namespace object (NULL before instantiation). */
shim_global *shim_module_namespace(shim_isolate *iso, int id);

/* import(): evaluates module id and settles resolver with its namespace when the evaluation
 * promise fulfils, or with its rejection. 0, or -1 with *exc (termination). */
int shim_module_import_settle(shim_isolate *iso, int id, const shim_global *resolver,
                              shim_exception *exc);
/* Rejects resolver with value, or (value NULL) with a new error `name` ("Error",
 * "TypeError", "SyntaxError") with message and, when code is non-NULL, .code. */
void shim_module_import_reject(shim_isolate *iso, const shim_global *resolver,
                               const shim_global *value, const char *name, const char *code,
                               const char *message);

#ifdef __cplusplus
}
#endif
#endif /* MRT_SHIM_MODULE_H */
