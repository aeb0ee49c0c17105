/* modules.c: ES modules. The module map, graph loading through an mrt_module_loader,
 * instantiation, evaluation, import() and import.meta.
 *
 * The module map holds one record per resolved URL (its id is the module id of the API): a
 * module is fetched, compiled and instantiated once. A record is FETCHING while its loader
 * request is out, FETCHED once compiled (its static imports resolved to child records), or
 * FAILED (then a later load fetches it again).
 *
 * A load is one walk over a static graph from a root: the main or a side module
 * (mrt_load_*_module) or an import(). It visits each record once, waits on the records still
 * FETCHING (each record lists the loads waiting on it) and finishes when none is left, or
 * fails with the first record that failed. Loaders may complete synchronously, from inside
 * their load callback, or later on the loop thread: completions are queued and processed by
 * one pump, so neither recursion depth nor re-entrancy depends on the graph or the loader.
 *
 * mrt_load_*_module drives the event loop until its load finishes (an asynchronous loader
 * completes while the loop runs) and fails with MRT_ESTALLED when the loop runs out of work
 * first. import() never settles synchronously: the V8 callback only queues a job; an idle
 * handle runs the jobs in a later loop turn (one macrotask each, followed by a microtask
 * checkpoint), starting their loads and, when a load finishes, evaluating the module and
 * settling the import's promise from the evaluation promise. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "code_cache.h"
#include "import_map.h"
#include "modules_internal.h"
#include "resolve.h"
#include "runtime_internal.h"
#include "shim_module.h"
#include "source_transform.h"
#include "str.h"

enum { REC_NEW, REC_FETCHING, REC_FETCHED, REC_FAILED };
enum { LOAD_STATIC, LOAD_DYNAMIC };

/* A failure: an exception record (strings, location, and the JS value when there is one)
 * plus Node's error code when it has one. */
typedef struct mod_error {
  shim_exception e;
  char *code;
} mod_error;

typedef struct mod_req {
  char *spec;
  char *type;
  int line, column;
  int child; /* record id, -1 until resolved */
} mod_req;

typedef struct mod_rec {
  char *url;
  int state;
  int json;
  int is_main;
  int compiled;     /* the shim holds a module under this id */
  int given;        /* its source came from mrt_load_*_module: an ES module, not detected */
  int cjs;          /* a CommonJS file made into a synthetic module */
  char *source;     /* kept until instantiated, for error lines */
  size_t len;
  mod_req *reqs;
  size_t nreqs;
  int importer, importer_req; /* who asked first (error messages), -1 for a root */
  char *root_spec, *root_from; /* a root's specifier and referrer, when import() asked */
  int fail_pending;           /* the request failed: err is set, FAILED when processed */
  mod_error err;              /* FAILED */
  int *waiters;               /* ids of loads waiting on this record */
  size_t nwaiters, cap_waiters;
  /* mrt_module_trace: when its read began; its read, its compile, resolving its imports. */
  uint64_t fetch_start_ns, read_ns, compile_ns, resolve_ns;
} mod_rec;

typedef struct mod_load {
  int kind;
  int root;
  int pending; /* records waited on */
  int status;  /* 0 pending, 1 done, -1 failed */
  int refs;    /* waiter entries, plus one while its owner holds it */
  mod_error err;
  unsigned char *visited;
  size_t cap_visited;
  shim_global *resolver; /* import(): the promise to settle */
} mod_load;

struct mrt_load_request {
  mrt_runtime *rt;
  int rec;
  struct mrt_load_request *prev, *next;
};

typedef struct dyn_job {
  char *referrer, *spec, *type;
  shim_global *resolver;
} dyn_job;

typedef struct intq {
  int *v;
  size_t head, n, cap;
} intq;

typedef struct rt_modules {
  mrt_runtime *rt;
  const mrt_module_loader *loader;
  void *loader_data;
  int node_resolution; /* the file-system loader: Node's resolution (resolve.c) */
  rt_import_map *import_map; /* mrt_options.import_map, or NULL */
  char *cwd_url;

  mod_rec *recs;
  size_t nrecs, cap_recs;
  int *table; /* open addressing: record id + 1, 0 empty */
  size_t table_cap;

  mod_load **loads; /* by load id; NULL = free slot */
  size_t nloads;

  intq ready;    /* records whose request completed, to process */
  intq finished; /* dynamic loads that finished, to settle */
  int busy;

  dyn_job *jobs;
  size_t njobs, cap_jobs;

  struct mrt_load_request requests; /* sentinel of outstanding requests */
  int main_id;
  int idle_on;
  /* mrt_module_trace: on, and the graph-wide phases (static loads: instantiate, evaluate). */
  int trace;
  uint64_t resolve_roots_ns, instantiate_ns, evaluate_ns;
} rt_modules;

/* For mrt_module_trace only: no clock is read unless it is on. */
static uint64_t trace_now(const rt_modules *M) {
  if (!M->trace) return 0;
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* ---------------------------------------------------------------- small helpers */

static int grow(void **p, size_t *cap, size_t need, size_t size) {
  if (need <= *cap) return 0;
  size_t c = *cap ? *cap * 2 : 8;
  while (c < need) c *= 2;
  void *q = realloc(*p, c * size);
  if (!q) return -1;
  *p = q;
  *cap = c;
  return 0;
}

/* grow() for a byte array whose new bytes are zero. */
static int grow_zeroed(unsigned char **p, size_t *cap, size_t need) {
  size_t old = *cap;
  if (grow((void **)p, cap, need, 1) != 0) return -1;
  if (*cap > old) memset(*p + old, 0, *cap - old);
  return 0;
}

static int q_push(intq *q, int v) {
  if (q->head + q->n == q->cap) {
    if (q->head) {
      memmove(q->v, q->v + q->head, q->n * sizeof *q->v);
      q->head = 0;
    } else if (grow((void **)&q->v, &q->cap, q->n + 1, sizeof *q->v) != 0) {
      return -1;
    }
  }
  q->v[q->head + q->n++] = v;
  return 0;
}

static int q_pop(intq *q, int *v) {
  if (!q->n) return 0;
  *v = q->v[q->head++];
  if (--q->n == 0) q->head = 0;
  return 1;
}

static void err_clear(mod_error *e) {
  shim_exception_clear(&e->e);
  free(e->code);
  e->code = NULL;
}

static void err_copy(mrt_runtime *rt, mod_error *dst, const mod_error *src) {
  err_clear(dst);
  dst->e.name = rt_strdup(src->e.name);
  dst->e.message = rt_strdup(src->e.message);
  dst->e.stack = rt_strdup(src->e.stack);
  dst->e.file = rt_strdup(src->e.file);
  dst->e.source_line = rt_strdup(src->e.source_line);
  dst->e.line = src->e.line;
  dst->e.column = src->e.column;
  dst->e.terminated = src->e.terminated;
  dst->e.value = src->e.value ? shim_dup(rt->iso, src->e.value) : NULL;
  dst->code = rt_strdup(src->code);
}

/* The text of line `line` (1-based) of src, malloc'd. */
static char *line_of(const char *src, size_t len, int line) {
  if (!src || line < 1) return NULL;
  size_t i = 0;
  for (int l = 1; l < line && i < len; i++) {
    if (src[i] == '\n') l++;
  }
  size_t end = i;
  while (end < len && src[end] != '\n' && src[end] != '\r') end++;
  char *s = malloc(end - i + 1);
  if (s) {
    memcpy(s, src + i, end - i);
    s[end - i] = '\0';
  }
  return s;
}

/* An error located at request `r` of record `at` (or nowhere when at < 0). Takes message. */
static void err_at(rt_modules *M, mod_error *e, int at, int r, const char *name,
                   const char *code, char *message) {
  err_clear(e);
  e->e.name = rt_strdup(name);
  e->e.message = message;
  e->e.stack = rt_asprintf("%s: %s", name, message ? message : "");
  e->code = rt_strdup(code);
  if (at >= 0) {
    mod_rec *rec = &M->recs[at];
    e->e.file = rt_strdup(rec->url);
    if (r >= 0 && (size_t)r < rec->nreqs) {
      e->e.line = rec->reqs[r].line;
      e->e.column = rec->reqs[r].column;
      e->e.source_line = line_of(rec->source, rec->len, e->e.line);
    }
  }
}

/* ---------------------------------------------------------------- the module map */

static size_t hash_str(const char *s) {
  size_t h = 1469598103934665603ull;
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ull;
  return h;
}

static int map_find(rt_modules *M, const char *url) {
  if (!M->table_cap) return -1;
  size_t mask = M->table_cap - 1;
  for (size_t i = hash_str(url) & mask;; i = (i + 1) & mask) {
    int v = M->table[i];
    if (!v) return -1;
    if (strcmp(M->recs[v - 1].url, url) == 0) return v - 1;
  }
}

static int map_insert(rt_modules *M, int id) {
  if ((M->nrecs + 1) * 2 > M->table_cap) {
    size_t cap = M->table_cap ? M->table_cap * 2 : 64;
    int *t = calloc(cap, sizeof *t);
    if (!t) return -1;
    for (size_t k = 0; k < M->table_cap; k++) {
      int v = M->table[k];
      if (!v) continue;
      size_t i = hash_str(M->recs[v - 1].url) & (cap - 1);
      while (t[i]) i = (i + 1) & (cap - 1);
      t[i] = v;
    }
    free(M->table);
    M->table = t;
    M->table_cap = cap;
  }
  size_t mask = M->table_cap - 1;
  size_t i = hash_str(M->recs[id].url) & mask;
  while (M->table[i]) i = (i + 1) & mask;
  M->table[i] = id + 1;
  return 0;
}

/* The record of url, created (REC_NEW) if there is none; -1 when out of memory. */
static int record_for(rt_modules *M, const char *url) {
  int id = map_find(M, url);
  if (id >= 0) return id;
  if (grow((void **)&M->recs, &M->cap_recs, M->nrecs + 1, sizeof *M->recs) != 0) return -1;
  mod_rec *r = &M->recs[M->nrecs];
  memset(r, 0, sizeof *r);
  r->url = rt_strdup(url);
  if (!r->url) return -1;
  r->json = mod_is_json_url(url);
  r->importer = r->importer_req = -1;
  id = (int)M->nrecs;
  if (map_insert(M, id) != 0) {
    free(r->url);
    return -1;
  }
  M->nrecs++;
  return id;
}

/* Back to REC_NEW, forgetting a previous attempt. */
static void record_reset(rt_modules *M, int id) {
  mod_rec *r = &M->recs[id];
  if (r->compiled) shim_module_drop(M->rt->iso, id);
  r->compiled = 0;
  free(r->source);
  r->source = NULL;
  r->len = 0;
  for (size_t i = 0; i < r->nreqs; i++) {
    free(r->reqs[i].spec);
    free(r->reqs[i].type);
  }
  free(r->reqs);
  r->reqs = NULL;
  r->nreqs = 0;
  err_clear(&r->err);
  r->fail_pending = 0;
  r->given = 0;
  r->cjs = 0;
  r->state = REC_NEW;
}

/* Marks record id as the root of a load (no importer); import() passes what it asked. */
static void record_root(rt_modules *M, int id, const char *spec, const char *from) {
  mod_rec *r = &M->recs[id];
  if (r->state != REC_NEW && r->state != REC_FAILED) return;
  r->importer = r->importer_req = -1;
  free(r->root_spec);
  free(r->root_from);
  r->root_spec = rt_strdup(spec);
  r->root_from = rt_strdup(from);
}

/* V8's "The requested module './x.cjs' does not provide an export named 'y'" for a CommonJS
 * module: Node's message, which says why and how to import it instead (from the import's
 * line: `import { a, b as c } from ...` -> `const { a, b: c } = pkg;`). */
static void cjs_named_export_hint(rt_modules *M, shim_exception *exc) {
  static const char head[] = "The requested module '";
  static const char mid[] = "' does not provide an export named '";
  const char *m = exc->message;
  if (!m || strncmp(m, head, sizeof head - 1) != 0 || !exc->file) return;
  const char *spec = m + sizeof head - 1, *q = strstr(spec, mid);
  if (!q) return;
  const char *name = q + sizeof mid - 1;
  size_t spec_len = (size_t)(q - spec), name_len = strlen(name);
  if (!name_len || name[name_len - 1] != '\'') return;
  name_len--;
  int from = map_find(M, exc->file), child = -1;
  for (size_t i = 0; from >= 0 && i < M->recs[from].nreqs; i++) {
    const mod_req *rq = &M->recs[from].reqs[i];
    if (strlen(rq->spec) == spec_len && memcmp(rq->spec, spec, spec_len) == 0) child = rq->child;
  }
  if (child < 0 || !M->recs[child].cjs) return;
  /* The named imports of the import's line, with `as` as `:`. */
  char names[512] = "";
  const char *line = exc->source_line, *open = line ? strchr(line, '{') : NULL;
  const char *close = open ? strchr(open, '}') : NULL;
  if (close) {
    size_t n = 0;
    for (const char *p = open; p <= close && n + 2 < sizeof names; p++) {
      if (strncmp(p, " as ", 4) == 0) {
        names[n++] = ':';
        names[n++] = ' ';
        p += 3;
      } else if (*p == '\t' || *p == ' ') {
        if (n && names[n - 1] != ' ') names[n++] = ' ';
      } else {
        names[n++] = *p;
      }
    }
    names[n] = '\0';
  }
  char *text = rt_asprintf(
      "Named export '%.*s' not found. The requested module '%.*s' is a CommonJS module, which "
      "may not support all module.exports as named exports.\nCommonJS modules can always be "
      "imported via the default export, for example using:\n\nimport pkg from '%.*s';\n%s%s%s",
      (int)name_len, name, (int)spec_len, spec, (int)spec_len, spec, *names ? "const " : "",
      names, *names ? " = pkg;\n" : "");
  char *stack = text ? rt_asprintf("SyntaxError: %s", text) : NULL;
  if (!stack) {
    free(text);
    return;
  }
  if (exc->value) { /* the error object import() rejects with */
    shim_global *s = shim_string(M->rt->iso, text, strlen(text));
    shim_global *st = shim_string(M->rt->iso, stack, strlen(stack));
    shim_exception ignored = {0};
    if (s) shim_set(M->rt->iso, exc->value, "message", s, &ignored);
    if (st) shim_set(M->rt->iso, exc->value, "stack", st, &ignored);
    shim_exception_clear(&ignored);
    shim_release(s);
    shim_release(st);
  }
  free(exc->message);
  exc->message = text;
  free(exc->stack);
  exc->stack = stack;
}

/* ---------------------------------------------------------------- loads */

static mod_load *load_get(rt_modules *M, int lid) { return M->loads[lid]; }

static void load_unref(rt_modules *M, int lid) {
  mod_load *L = M->loads[lid];
  if (--L->refs > 0) return;
  err_clear(&L->err);
  free(L->visited);
  shim_release(L->resolver);
  free(L);
  M->loads[lid] = NULL;
}

static int load_new(rt_modules *M, int kind, int root, shim_global *resolver) {
  size_t lid = 0;
  while (lid < M->nloads && M->loads[lid]) lid++;
  if (lid == M->nloads) {
    mod_load **l = realloc(M->loads, (M->nloads + 1) * sizeof *l);
    if (!l) return -1;
    M->loads = l;
    M->loads[M->nloads++] = NULL;
  }
  mod_load *L = calloc(1, sizeof *L);
  if (!L) return -1;
  L->kind = kind;
  L->root = root;
  L->refs = 1;
  L->resolver = resolver;
  M->loads[lid] = L;
  return (int)lid;
}

static void load_finished(rt_modules *M, int lid) {
  mod_load *L = load_get(M, lid);
  if (L->kind == LOAD_DYNAMIC) {
    L->refs++; /* held by the finished queue */
    if (q_push(&M->finished, lid) != 0) L->refs--;
  }
}

static void load_fail(rt_modules *M, int lid, const mod_error *e) {
  mod_load *L = load_get(M, lid);
  if (L->status != 0) return;
  L->status = -1;
  err_copy(M->rt, &L->err, e);
  load_finished(M, lid);
}

static void fetch(rt_modules *M, int id);

/* Visits record `start` and, through the records already fetched, its static graph. */
static void visit(rt_modules *M, int lid, int start) {
  mod_load *L = load_get(M, lid);
  intq stack = {0};
  q_push(&stack, start);
  int id;
  while (L->status == 0 && stack.n) {
    id = stack.v[--stack.n];
    if (grow_zeroed(&L->visited, &L->cap_visited, (size_t)id + 1) != 0) continue;
    if (L->visited[id]) continue;
    L->visited[id] = 1;
    mod_rec *r = &M->recs[id];
    if (r->state == REC_FAILED || r->state == REC_NEW) {
      if (r->state == REC_FAILED) record_reset(M, id);
      fetch(M, id);
    }
    if (r->state == REC_FETCHING) {
      if (grow((void **)&r->waiters, &r->cap_waiters, r->nwaiters + 1, sizeof(int)) == 0) {
        r->waiters[r->nwaiters++] = lid;
        L->refs++;
        L->pending++;
      }
      continue;
    }
    /* FETCHED: its children. */
    for (size_t i = r->nreqs; i-- > 0;) {
      int c = r->reqs[i].child;
      if (c < 0 || ((size_t)c < L->cap_visited && L->visited[c])) continue;
      if (M->recs[c].state == REC_NEW || M->recs[c].state == REC_FAILED) {
        M->recs[c].importer = id;
        M->recs[c].importer_req = (int)i;
      }
      q_push(&stack, c);
    }
  }
  free(stack.v);
}

static void check_done(rt_modules *M, int lid) {
  mod_load *L = load_get(M, lid);
  if (L->status == 0 && L->pending == 0) {
    L->status = 1;
    load_finished(M, lid);
  }
}

/* ---------------------------------------------------------------- fetching */

/* ---------------------------------------------------------------- node: builtins */

/* "node:fs": a Node core module. The node extension (core/ext/node/node.js) provides each
 * as an object through P.nodeBuiltinModule(name) -> { default, ...named exports }, made into
 * a synthetic module; without that extension (an embedder's runtime) none exists. */
static int is_node_builtin_url(const char *url) { return strncmp(url, "node:", 5) == 0; }

static int node_builtin_compile(mrt_runtime *rt, int id, const char *url, shim_exception *exc) {
  shim_global *fn = NULL, *name = NULL, *ns = NULL;
  int rc = -1;
  if (shim_get(rt->iso, rt->P, "nodeBuiltinModule", &fn, exc) != 0) return -1;
  if (shim_type(rt->iso, fn) != MRT_TYPE_FUNCTION) {
    exc->name = rt_strdup("Error");
    exc->message = rt_asprintf("No such built-in module: %s", url);
  } else if ((name = shim_string(rt->iso, url + 5, strlen(url + 5))) != NULL &&
             shim_call_function(rt->iso, fn, NULL, 1, &name, &ns, exc) == 0) {
    rc = shim_module_from_object(rt->iso, id, url, ns, exc);
  }
  shim_release(fn);
  shim_release(name);
  shim_release(ns);
  return rc;
}

/* ---------------------------------------------------------------- CommonJS */

/* A file: URL whose format is CommonJS, or a .js with no package.json "type" and no module
 * syntax (Node 22's detection). Only with the file-system loader: the CommonJS loader reads
 * files itself, where an embedder's loader may serve sources that are not on disk. */
static int is_commonjs(mrt_runtime *rt, const mod_rec *r) {
  if (r->given || r->json || strncmp(r->url, "file:", 5) != 0) return 0;
  if (rt->mod->loader != mrt_fs_loader()) return 0;
  int format = rt_module_format(rt, r->url);
  return format == RT_FORMAT_COMMONJS || format == RT_FORMAT_TS_COMMONJS ||
         ((format == RT_FORMAT_UNKNOWN || format == RT_FORMAT_TS_UNKNOWN) &&
          !mod_has_module_syntax(r->source, r->len));
}

/* A CommonJS module imported by an ES module becomes a synthetic module (as in Node): its
 * exports are `default` (module.exports) and the names cjs-module-lexer finds in its source,
 * P.cjsExportNames(url, source) -> string[]; evaluating it runs the module through the
 * CommonJS loader, P.cjsEvaluate(url) -> { default, ...names } (core/ext/node/node.js).
 * -1 with exc->message NULL when the node extension is not there (an ES module then). */
static int commonjs_compile(mrt_runtime *rt, int id, const mod_rec *r, shim_exception *exc) {
  shim_global *names_fn = NULL, *eval_fn = NULL, *url = NULL, *src = NULL, *names = NULL;
  int rc = -1;
  if (shim_get(rt->iso, rt->P, "cjsExportNames", &names_fn, exc) == 0 &&
      shim_get(rt->iso, rt->P, "cjsEvaluate", &eval_fn, exc) == 0 &&
      shim_type(rt->iso, names_fn) == MRT_TYPE_FUNCTION &&
      (url = shim_string(rt->iso, r->url, strlen(r->url))) != NULL &&
      (src = shim_string(rt->iso, r->source, r->len)) != NULL) {
    if (shim_type(rt->iso, eval_fn) != MRT_TYPE_FUNCTION) goto out;
    shim_global *argv[2] = {url, src};
    if (shim_call_function(rt->iso, names_fn, NULL, 2, argv, &names, exc) == 0) {
      rc = shim_module_synthetic(rt->iso, id, r->url, names, eval_fn, url, exc);
    }
  }
out:
  if (rc != 0 && !exc->message && !exc->value && !exc->terminated) {
    exc->name = rt_strdup("Error");
    exc->message = rt_asprintf("%s is a CommonJS module: running it needs the node extension",
                             r->url);
  }
  shim_release(names_fn);
  shim_release(eval_fn);
  shim_release(url);
  shim_release(src);
  shim_release(names);
  return rc;
}

static void fetch(rt_modules *M, int id) {
  mod_rec *r = &M->recs[id];
  struct mrt_load_request *req = calloc(1, sizeof *req);
  if (!req) {
    r->state = REC_FAILED;
    err_at(M, &r->err, -1, -1, "Error", NULL, rt_strdup("out of memory"));
    return;
  }
  r->state = REC_FETCHING;
  r->fetch_start_ns = trace_now(M);
  req->rt = M->rt;
  req->rec = id;
  req->next = M->requests.next;
  req->prev = &M->requests;
  M->requests.next->prev = req;
  M->requests.next = req;
  M->busy++; /* completions inside load() are queued, not processed here */
  if (is_node_builtin_url(r->url)) {
    mrt_load_complete(req, "", 0); /* made from the node extension's object in compile */
  } else if (rt_ext_is_url(r->url)) {
    /* An extension's module, or "ext:core/ops" (made from the ops object in compile). */
    size_t len = 0;
    const char *src = rt_ext_is_ops_url(r->url) ? "" : rt_ext_source(M->rt, r->url, &len);
    if (src) mrt_load_complete(req, src, len);
    else mrt_load_fail(req, NULL);
  } else {
    rt_scope_mark scope = rt_implicit_enter(M->rt);
    M->loader->load(M->loader_data, r->url, req);
    rt_implicit_leave(M->rt, scope);
  }
  M->busy--;
}

static void pump(rt_modules *M);

/* A request is done: source (owned) or failure (message NULL: not found). */
static void request_done(mrt_load_request *req, char *source, size_t len, int failed,
                         const char *message, const char *name) {
  mrt_runtime *rt = req->rt;
  rt_modules *M = rt->mod;
  mod_rec *r = &M->recs[req->rec];
  int id = req->rec;
  req->prev->next = req->next;
  req->next->prev = req->prev;
  free(req);
  if (failed) {
    int imp = r->importer, ir = r->importer_req;
    const char *spec = imp >= 0 && ir >= 0 ? M->recs[imp].reqs[ir].spec
                       : r->root_spec      ? r->root_spec
                                           : r->url;
    const char *from = imp >= 0 ? M->recs[imp].url : r->root_from;
    char *msg;
    if (!message) {
      msg = from ? rt_asprintf("Cannot find module '%s' imported from %s", spec, from)
                 : rt_asprintf("Cannot find module '%s'", spec);
    } else {
      msg = from ? rt_asprintf("Cannot load module '%s' imported from %s: %s", spec, from, message)
                 : rt_asprintf("Cannot load module '%s': %s", spec, message);
    }
    err_at(M, &r->err, imp, ir, name ? name : "Error",
           message ? "ERR_MODULE_LOAD_FAILED" : "ERR_MODULE_NOT_FOUND", msg);
    r->fail_pending = 1; /* FAILED when processed, so loads visiting it now wait for it */
    free(source);
  } else {
    r->source = source;
    r->len = len;
  }
  if (M->trace && r->fetch_start_ns) r->read_ns = trace_now(M) - r->fetch_start_ns;
  q_push(&M->ready, id);
  pump(M);
}

void mod_load_complete_owned(mrt_load_request *req, char *source, size_t len) {
  if (!req) return;
  if (!source) {
    request_done(req, NULL, 0, 1, "out of memory", NULL);
    return;
  }
  request_done(req, source, len, 0, NULL, NULL);
}

void mrt_load_complete(mrt_load_request *req, const char *source, size_t len) {
  if (!req) return;
  RT_OWNER_ONLY(req->rt, );
  if (!source && len) {
    mrt_load_fail(req, "mrt_load_complete: NULL source");
    return;
  }
  char *copy = malloc(len + 1);
  if (copy) {
    if (len) memcpy(copy, source, len);
    copy[len] = '\0';
  }
  mod_load_complete_owned(req, copy, len);
}

void mrt_load_fail(mrt_load_request *req, const char *message) {
  if (!req) return;
  RT_OWNER_ONLY(req->rt, );
  request_done(req, NULL, 0, 1, message, NULL);
}

void mod_load_fail_denied(mrt_load_request *req, const char *message) {
  request_done(req, NULL, 0, 1, message, "NotCapable");
}

/* Checks an import's `assert { type }` against the module it resolved to. NULL if fine,
 * else the message (malloc'd) and *code. */
static char *check_type(const char *url, const char *type, const char **code) {
  int json = mod_is_json_url(url);
  if (type && strcmp(type, "json") != 0) {
    *code = "ERR_IMPORT_ASSERTION_TYPE_UNSUPPORTED";
    return rt_asprintf("Import assertion type \"%s\" is unsupported", type);
  }
  if (json && !type) {
    *code = "ERR_IMPORT_ASSERTION_TYPE_MISSING";
    return rt_asprintf("Module \"%s\" needs an import assertion of type \"json\"", url);
  }
  if (!json && type) {
    *code = "ERR_IMPORT_ASSERTION_TYPE_FAILED";
    return rt_asprintf("Module \"%s\" is not of type \"json\"", url);
  }
  return NULL;
}

/* Resolves spec from referrer (NULL: the main module): the import map first, then Node's
 * resolution for the file-system loader, else the loader's own. On failure *msg is the whole
 * message (it names the referrer) and *code Node's error code (NULL for a loader's error). */
static char *resolve(rt_modules *M, const char *spec, const char *referrer, char **msg,
                     const char **code) {
  char *out = NULL;
  *msg = NULL;
  *code = NULL;
  if (rt_ext_is_url(spec)) {
    char *url = rt_ext_resolve(M->rt, spec, referrer, msg);
    if (!url && *msg && referrer) {
      char *m = rt_asprintf("%s imported from %s", *msg, referrer);
      free(*msg);
      *msg = m;
    }
    return url;
  }
  char *mapped = NULL;
  if (M->import_map && referrer) {
    int m = rt_import_map_resolve(M->import_map, spec, referrer, &mapped);
    if (m < 0) {
      char *from = mod_path_from_url(referrer);
      *msg = mapped ? rt_asprintf("%s (imported from %s)", mapped, from ? from : referrer) : NULL;
      free(from);
      free(mapped);
      return NULL;
    }
    if (m > 0) spec = mapped;
    /* A URL the map gives that is not a file (https:, data:) is the resolution: the loader
     * decides whether it can load it, as a browser would. */
    if (m > 0 && M->node_resolution && strncmp(mapped, "file:", 5) != 0) return mapped;
  }
  if (M->node_resolution) {
    if (referrer) {
      out = rt_resolve(M->rt, spec, referrer, RT_RESOLVE_IMPORT, msg, code);
    } else if (mod_fs_resolve_main(spec, &out) != MRT_OK) {
      *msg = out;
      out = NULL;
    } else if (out) {
      /* The main module is a path or a URL: its real path, as Node's. */
      char *real = rt_resolve_real_url(M->rt, out);
      free(out);
      out = real;
    }
    free(mapped);
    return out;
  }
  if (is_node_builtin_url(spec)) { /* other loaders: node: URLs still name the builtins */
    out = rt_strdup(spec);
    free(mapped);
    return out;
  }
  rt_scope_mark scope = rt_implicit_enter(M->rt);
  int rc = M->loader->resolve(M->loader_data, spec, referrer, &out);
  rt_implicit_leave(M->rt, scope);
  free(mapped);
  if (rc == MRT_OK && out) return out;
  char *m = out ? out : rt_asprintf("Cannot resolve module '%s'", spec);
  *msg = m && referrer ? rt_asprintf("%s imported from %s", m, referrer) : m;
  if (*msg != m) free(m);
  return NULL;
}

/* Compiles a fetched record and resolves its static imports. */
static void compile_resolve(rt_modules *M, int id);
static void compile(rt_modules *M, int id) {
  uint64_t t0 = trace_now(M);
  compile_resolve(M, id);
  if (M->trace) {
    mod_rec *r = &M->recs[id];
    r->compile_ns = trace_now(M) - t0 - r->resolve_ns;
  }
}

/* Compiles (compile_ns) then resolves the imports (resolve_ns). */
static void compile_resolve(rt_modules *M, int id) {
  mrt_runtime *rt = M->rt;
  mod_rec *r = &M->recs[id];
  shim_exception exc = {0};
  shim_module_request *reqs = NULL;
  size_t n = 0;
  /* A source that becomes JavaScript first (TypeScript: its types stripped by an
   * extension, core/source_transform.h): the record keeps the JavaScript, which error lines
   * then show. The one step between a fetch and its compile; other formats (CommonJS) may
   * hook here too. (JavaScript passes through; --enable-source-maps notes its map.) */
  if (!r->json && !rt_ext_is_url(r->url)) {
    char *js = NULL;
    size_t js_len = 0;
    if (rt_source_transform(rt, r->url, r->source, r->len, &js, &js_len, &exc) != 0) {
      err_clear(&r->err);
      r->err.e = exc;
      r->state = REC_FAILED;
      return;
    }
    r = &M->recs[id]; /* the transform ran JS, which may have added records */
    if (js) {
      free(r->source);
      r->source = js;
      r->len = js_len;
    }
  }
  /* A JSON module may start with a UTF-8 byte-order mark, which JSON.parse refuses: Node
   * strips it first. */
  size_t bom = r->json && r->len >= 3 && memcmp(r->source, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
  r->cjs = is_commonjs(rt, r);
  int rc = is_node_builtin_url(r->url) ? node_builtin_compile(rt, id, r->url, &exc)
           : r->cjs                   ? commonjs_compile(rt, id, r, &exc)
           : rt_ext_is_ops_url(r->url)
               ? shim_module_from_object(rt->iso, id, r->url, rt_exts_ops(rt), &exc)
           : r->json    ? shim_module_json(rt->iso, id, r->url, r->source + bom, r->len - bom, &exc)
           : rt->cache ? rt_cache_module_compile(rt, id, r->url, r->source, r->len, &reqs, &n, &exc)
                       : shim_module_compile(rt->iso, id, r->url, r->source, r->len, &reqs, &n, &exc);
  if (rc != 0) {
    err_clear(&r->err);
    r->err.e = exc;
    r->state = REC_FAILED;
    return;
  }
  r->compiled = 1;
  r->reqs = n ? calloc(n, sizeof *r->reqs) : NULL;
  if (n && !r->reqs) {
    shim_module_requests_free(reqs, n);
    r->state = REC_FAILED;
    err_at(M, &r->err, -1, -1, "Error", NULL, rt_strdup("out of memory"));
    return;
  }
  r->nreqs = n;
  for (size_t i = 0; i < n; i++) {
    r->reqs[i].spec = reqs[i].specifier;
    r->reqs[i].type = reqs[i].type;
    r->reqs[i].line = reqs[i].line;
    r->reqs[i].column = reqs[i].column;
    r->reqs[i].child = -1;
    reqs[i].specifier = reqs[i].type = NULL;
  }
  shim_module_requests_free(reqs, n);
  r->state = REC_FETCHED;
  for (size_t i = 0; i < n; i++) {
    mod_req *q = &r->reqs[i];
    char *msg = NULL;
    const char *code = NULL;
    uint64_t t0 = trace_now(M);
    char *url = resolve(M, q->spec, r->url, &msg, &code);
    char *bad = url ? check_type(url, q->type, &code) : NULL;
    int child = url && !bad ? record_for(M, url) : -1;
    free(url);
    if (M->trace) M->recs[id].resolve_ns += trace_now(M) - t0;
    if (child < 0) {
      /* The record's graph cannot load: the record fails, with the place of the import. */
      r = &M->recs[id];
      const char *name = bad || !code ? "TypeError" : rt_resolve_error_name(code);
      char *text = bad ? bad : msg ? msg : rt_strdup("out of memory");
      if (bad) free(msg);
      err_at(M, &r->err, id, (int)i, name, code, text);
      r->state = REC_FAILED;
      return;
    }
    r = &M->recs[id]; /* record_for may move the array */
    r->reqs[i].child = child;
  }
}

static void process(rt_modules *M, int id) {
  mod_rec *r = &M->recs[id];
  if (r->state == REC_FETCHING) {
    if (r->fail_pending) {
      r->fail_pending = 0;
      r->state = REC_FAILED;
    } else {
      compile(M, id);
    }
  }
  r = &M->recs[id];
  int *waiters = r->waiters;
  size_t nw = r->nwaiters;
  r->waiters = NULL;
  r->nwaiters = r->cap_waiters = 0;
  for (size_t k = 0; k < nw; k++) {
    int lid = waiters[k];
    mod_load *L = load_get(M, lid);
    if (L->status == 0) {
      L->pending--;
      if (M->recs[id].state == REC_FAILED) {
        load_fail(M, lid, &M->recs[id].err);
      } else {
        /* Its children, now known (the record itself is already marked visited). */
        mod_rec *rr = &M->recs[id];
        for (size_t i = 0; i < rr->nreqs && L->status == 0; i++) {
          int c = rr->reqs[i].child;
          if (c < 0 || ((size_t)c < L->cap_visited && L->visited[c])) continue;
          if (M->recs[c].state == REC_NEW || M->recs[c].state == REC_FAILED) {
            M->recs[c].importer = id;
            M->recs[c].importer_req = (int)i;
          }
          visit(M, lid, c);
          rr = &M->recs[id];
        }
        check_done(M, lid);
      }
    }
    load_unref(M, lid);
  }
  free(waiters);
}

static void idle_start(rt_modules *M);

static void pump(rt_modules *M) {
  if (M->busy) return;
  M->busy = 1;
  int id;
  while (q_pop(&M->ready, &id)) process(M, id);
  M->busy = 0;
  if (M->finished.n || M->njobs) idle_start(M);
}

/* Starts a load of record root; returns its id (status may already be final). */
static int load_start(rt_modules *M, int kind, int root, shim_global *resolver) {
  int lid = load_new(M, kind, root, resolver);
  if (lid < 0) {
    shim_release(resolver);
    return -1;
  }
  M->busy++;
  visit(M, lid, root);
  M->busy--;
  check_done(M, lid);
  pump(M);
  return lid;
}

/* Frees the sources of a load's records once they are instantiated. */
static void release_sources(rt_modules *M, mod_load *L) {
  for (size_t i = 0; i < L->cap_visited && i < M->nrecs; i++) {
    if (!L->visited[i] || !M->recs[i].source) continue;
    int st = shim_module_status(M->rt->iso, (int)i);
    if (st >= SHIM_MOD_INSTANTIATED) {
      free(M->recs[i].source);
      M->recs[i].source = NULL;
    }
  }
}

/* ---------------------------------------------------------------- V8's callbacks */

static int on_resolve(void *data, int referrer, const char *specifier) {
  mrt_runtime *rt = data;
  rt_modules *M = rt->mod;
  if (referrer < 0 || (size_t)referrer >= M->nrecs) return -1;
  mod_rec *r = &M->recs[referrer];
  for (size_t i = 0; i < r->nreqs; i++) {
    if (strcmp(r->reqs[i].spec, specifier) == 0) return r->reqs[i].child;
  }
  return -1;
}

static void on_dynamic_import(void *data, const char *referrer, const char *specifier,
                              const char *type, shim_global *resolver) {
  mrt_runtime *rt = data;
  rt_modules *M = rt->mod;
  if (grow((void **)&M->jobs, &M->cap_jobs, M->njobs + 1, sizeof *M->jobs) != 0) {
    shim_module_import_reject(rt->iso, resolver, NULL, "Error", NULL, "out of memory");
    shim_release(resolver);
    return;
  }
  dyn_job *j = &M->jobs[M->njobs++];
  j->referrer = rt_strdup(referrer);
  j->spec = rt_strdup(specifier);
  j->type = rt_strdup(type);
  j->resolver = resolver;
  idle_start(M);
}

static void on_import_meta(void *data, int id, const char **url, int *is_main, char **filename,
                           char **dirname) {
  mrt_runtime *rt = data;
  rt_modules *M = rt->mod;
  if (id < 0 || (size_t)id >= M->nrecs) return;
  *url = M->recs[id].url;
  *is_main = M->recs[id].is_main;
  char *path = mod_path_from_url(*url);
  if (!path) return;
  char *slash = strrchr(path, '/');
  *dirname = slash ? rt_asprintf("%.*s", slash == path ? 1 : (int)(slash - path), path) : NULL;
  *filename = *dirname ? path : NULL;
  if (!*dirname) free(path);
}

static char *on_meta_resolve(void *data, const char *referrer, const char *specifier,
                             char **error, const char **name, const char **code_out) {
  mrt_runtime *rt = data;
  char *msg = NULL;
  const char *code = NULL;
  char *url = resolve(rt->mod, specifier, referrer, &msg, &code);
  /* As Node's import.meta.resolve: a file that is not there, or a node: name it does not
   * have, still resolves to its URL (the import is what fails). */
  if (!url && code && strcmp(code, "ERR_UNSUPPORTED_ESM_URL_SCHEME") == 0) {
    url = mod_url_join(specifier, NULL); /* another scheme: the URL itself, as Node's */
  } else if (!url && code && (strcmp(code, "ERR_UNKNOWN_BUILTIN_MODULE") == 0 ||
                       (strcmp(code, "ERR_MODULE_NOT_FOUND") == 0 &&
                        (mod_is_relative(specifier) || mod_scheme_len(specifier))))) {
    url = strncmp(specifier, "node:", 5) == 0 ? rt_strdup(specifier) : mod_url_join(specifier, referrer);
  }
  if (!url) {
    *error = msg;
    *code_out = code;
    *name = code ? rt_resolve_error_name(code) : "TypeError";
  } else {
    free(msg);
  }
  return url;
}

/* The main module's evaluation rejected: as in Node, where this ends the process at once,
 * nothing else runs (no later microtask, no later macrotask of the batch); the loop call
 * that is running returns the error (MRT_EEXCEPTION, not an unhandled rejection). */
static void on_eval_rejected(void *data, int id, shim_global *reason) {
  mrt_runtime *rt = data;
  (void)id;
  shim_exception exc = {0};
  shim_exception_from_value(rt->iso, reason, &exc);
  shim_release(reason);
  rt_report_uncaught(rt, &exc); /* not an `error` event (as in Deno) */
}

/* ---------------------------------------------------------------- import() jobs */

/* The base URL of a script or module resource name: URLs stand for themselves, absolute
 * paths become file: URLs, anything else ("[eval]", no name) is the current directory. */
static char *referrer_url(rt_modules *M, const char *name) {
  if (name && mod_scheme_len(name) > 1) return rt_strdup(name);
  if (name && name[0] == '/') return mod_url_from_path(name);
  return rt_strdup(M->cwd_url);
}

static void reject_error(mrt_runtime *rt, const shim_global *resolver, const mod_error *e) {
  shim_module_import_reject(rt->iso, resolver, e->e.value, e->e.name ? e->e.name : "Error",
                            e->code, e->e.message ? e->e.message : "module error");
}

static void start_job(rt_modules *M, dyn_job *j) {
  mrt_runtime *rt = M->rt;
  char *base = referrer_url(M, j->referrer);
  char *msg = NULL;
  const char *code = NULL;
  char *url = base ? resolve(M, j->spec, base, &msg, &code) : NULL;
  char *bad = url ? check_type(url, j->type, &code) : NULL;
  if (!url || bad) {
    const char *name = bad || !code ? "TypeError" : rt_resolve_error_name(code);
    char *text = bad ? bad : msg ? msg : rt_strdup("out of memory");
    shim_module_import_reject(rt->iso, j->resolver, NULL, name, code, text);
    shim_release(j->resolver);
    free(text);
    if (bad) free(msg);
  } else {
    int id = record_for(M, url);
    if (id < 0) {
      shim_module_import_reject(rt->iso, j->resolver, NULL, "Error", NULL, "out of memory");
      shim_release(j->resolver);
    } else {
      record_root(M, id, j->spec, base);
      int lid = load_start(M, LOAD_DYNAMIC, id, j->resolver);
      if (lid >= 0) load_unref(M, lid); /* the finished queue or the waiters hold it */
    }
  }
  j->resolver = NULL;
  free(url);
  free(base);
  free(j->referrer);
  free(j->spec);
  free(j->type);
}

static void settle(rt_modules *M, int lid) {
  mrt_runtime *rt = M->rt;
  mod_load *L = load_get(M, lid);
  if (L->status < 0) {
    if (L->err.e.terminated) { /* a source transform (JS) was stopped: --timeout, heap limit */
      shim_exception stop = {.terminated = 1};
      rt_raise(rt, &stop);
      return;
    }
    reject_error(rt, L->resolver, &L->err);
    return;
  }
  shim_exception exc = {0};
  if (shim_module_instantiate(rt->iso, L->root, &exc) != 0) {
    cjs_named_export_hint(M, &exc);
    if (exc.terminated) {
      rt_raise(rt, &exc);
      return;
    }
    mod_error e = {exc, NULL};
    reject_error(rt, L->resolver, &e);
    err_clear(&e);
    return;
  }
  release_sources(M, L);
  if (shim_module_import_settle(rt->iso, L->root, L->resolver, &exc) != 0) {
    if (exc.terminated || exc.message) rt_raise(rt, &exc);
    else shim_exception_clear(&exc);
  }
  rt_cache_modules_ran(rt);
}

static void on_idle(uv_idle_t *h) {
  mrt_runtime *rt = h->data;
  rt_modules *M = rt->mod;
  if (rt_pending(rt)) return;
  /* Jobs queued so far; jobs their code queues wait for the next turn. */
  size_t n = M->njobs;
  dyn_job *jobs = M->jobs;
  M->jobs = NULL;
  M->njobs = M->cap_jobs = 0;
  for (size_t i = 0; i < n; i++) {
    start_job(M, &jobs[i]);
    /* Settled at once (a bad specifier) or not: a checkpoint after each macrotask. */
    if (!rt_pending(rt)) rt_checkpoint(rt);
  }
  free(jobs);
  int lid;
  while (!rt_pending(rt) && q_pop(&M->finished, &lid)) {
    settle(M, lid);
    load_unref(M, lid);
    rt_checkpoint(rt);
  }
  if (!M->njobs && !M->finished.n) {
    uv_idle_stop(&rt->mod_idle);
    M->idle_on = 0;
  }
}

static void idle_start(rt_modules *M) {
  if (M->idle_on) return;
  M->idle_on = 1;
  uv_idle_start(&M->rt->mod_idle, on_idle);
}

/* ---------------------------------------------------------------- lifecycle */

/* An import map's invalid entry: a warning on stderr (or the embedder's capture). */
static void import_map_warn(void *data, const char *message) {
  mrt_runtime *rt = data;
  char *line = rt_asprintf("mrt: warning: %s\n", message);
  if (!line) return;
  if (rt->opts.write) rt->opts.write(rt->opts.write_data, 2, line, strlen(line));
  else fputs(line, stderr);
  free(line);
}

int rt_modules_init(mrt_runtime *rt) {
  rt_modules *M = calloc(1, sizeof *M);
  if (!M) return MRT_ENOMEM;
  M->rt = rt;
  M->loader = rt->opts.loader ? rt->opts.loader : mrt_fs_loader();
  /* The file-system loader's data is the runtime (its sandbox, rt->perms). */
  M->loader_data = M->loader == mrt_fs_loader() ? (void *)rt : rt->opts.loader_data;
  M->node_resolution = M->loader == mrt_fs_loader();
  M->cwd_url = mod_cwd_url();
  M->requests.next = M->requests.prev = &M->requests;
  M->main_id = -1;
  rt->mod = M;
  uv_idle_init(loop_uv(rt->loop), &rt->mod_idle);
  rt->mod_idle.data = rt;
  shim_module_host host = {rt, on_resolve, on_dynamic_import, on_import_meta,
                           on_meta_resolve, on_eval_rejected};
  if (!M->cwd_url || shim_modules_init(rt->iso, &host) != 0) return MRT_ENOMEM;
  if (rt->opts.import_map) {
    char *err = NULL;
    const char *u = rt->opts.import_map_url;
    char *base = !u ? rt_strdup(M->cwd_url) : mod_scheme_len(u) > 1 ? rt_strdup(u)
                                                                  : mod_url_from_path(u);
    M->import_map = base ? rt_import_map_parse(rt->opts.import_map, strlen(rt->opts.import_map),
                                               base, import_map_warn, rt, &err)
                         : NULL;
    free(base);
    if (!M->import_map) {
      rt_set_error(rt, MRT_EINVAL, "TypeError", "%s", err ? err : "out of memory");
      free(err);
      return MRT_EINVAL;
    }
  }
  rt->opts.import_map = rt->opts.import_map_url = NULL; /* not kept */
  return MRT_OK;
}

void rt_modules_free(mrt_runtime *rt) {
  rt_modules *M = rt->mod;
  if (!M) return;
  if (M->idle_on) uv_idle_stop(&rt->mod_idle);
  for (size_t i = 0; i < M->njobs; i++) {
    free(M->jobs[i].referrer);
    free(M->jobs[i].spec);
    free(M->jobs[i].type);
    shim_release(M->jobs[i].resolver);
  }
  free(M->jobs);
  for (size_t i = 0; i < M->nloads; i++) {
    mod_load *L = M->loads[i];
    if (!L) continue;
    err_clear(&L->err);
    free(L->visited);
    shim_release(L->resolver);
    free(L);
  }
  free(M->loads);
  for (size_t i = 0; i < M->nrecs; i++) {
    mod_rec *r = &M->recs[i];
    r->compiled = 0; /* the shim drops every module at once below */
    record_reset(M, (int)i);
    free(r->url);
    free(r->root_spec);
    free(r->root_from);
    free(r->waiters);
  }
  free(M->recs);
  free(M->table);
  free(M->ready.v);
  free(M->finished.v);
  /* Requests still out: the embedder must not complete them after this. */
  while (M->requests.next != &M->requests) {
    struct mrt_load_request *q = M->requests.next;
    q->prev->next = q->next;
    q->next->prev = q->prev;
    free(q);
  }
  free(M->cwd_url);
  rt_import_map_free(M->import_map);
  rt_resolver_free(rt);
  shim_modules_free(rt->iso);
  free(M);
  rt->mod = NULL;
}

/* ---------------------------------------------------------------- the C API */

/* A module load waits in the loop's turn until it has ended (or the loop has no work). */
static int load_ended(mrt_runtime *rt, const void *load) {
  (void)rt;
  return ((const mod_load *)load)->status != 0;
}

static int set_error(mrt_runtime *rt, const mod_error *src) {
  mod_error e = {0};
  err_copy(rt, &e, src);
  int code = rt_set_error_from_exception(rt, &e.e);
  free(e.code);
  /* A source transform (JS) stopped by --timeout or the heap limit stays that. */
  if (code == MRT_ETERMINATED || code == MRT_EHEAPLIMIT) return code;
  return rt_error_recode(rt, MRT_EMODULE);
}

static int load_module(mrt_runtime *rt, const char *specifier, const char *source, size_t len,
                       int *id_out, int main) {
  if (!rt) return MRT_EINVAL;
  if (!specifier) return rt_set_error(rt, MRT_EINVAL, "TypeError", "NULL module specifier");
  if (!source && len) return rt_set_error(rt, MRT_EINVAL, "TypeError", "NULL module source");
  int rc0 = rt_refuse_reentry(rt, main ? "mrt_load_main_module" : "mrt_load_side_module");
  if (rc0) return rc0;
  rt_modules *M = rt->mod;
  if (id_out) *id_out = -1;
  if (main && M->main_id >= 0) {
    return rt_set_error(rt, MRT_EEXIST, "Error", "a main module is already loaded: %s",
                        M->recs[M->main_id].url);
  }
  char *msg = NULL;
  const char *code = NULL;
  uint64_t t0 = trace_now(M);
  char *url = resolve(M, specifier, NULL, &msg, &code);
  if (M->trace) M->resolve_roots_ns += trace_now(M) - t0;
  if (!url) {
    rt_set_error(rt, MRT_EMODULE, "TypeError", "%s", msg ? msg : "cannot resolve module");
    free(msg);
    return MRT_EMODULE;
  }
  int id = record_for(M, url);
  free(url);
  if (id < 0) return rt_set_error(rt, MRT_ENOMEM, NULL, "out of memory");
  mod_rec *r = &M->recs[id];
  record_root(M, id, NULL, NULL);
  if (source) {
    if (r->state == REC_FETCHING || r->state == REC_FETCHED) {
      return rt_set_error(rt, MRT_EEXIST, "Error", "module already loaded: %s", r->url);
    }
    record_reset(M, id);
    char *copy = malloc(len + 1);
    if (!copy) return rt_set_error(rt, MRT_ENOMEM, NULL, "out of memory");
    memcpy(copy, source, len);
    copy[len] = '\0';
    r->source = copy;
    r->len = len;
    r->given = 1;
    r->state = REC_FETCHING; /* compiled by the pump when the load visits it */
    q_push(&M->ready, id);
  }
  int lid = load_start(M, LOAD_STATIC, id, NULL);
  if (lid < 0) return rt_set_error(rt, MRT_ENOMEM, NULL, "out of memory");
  mod_load *L = load_get(M, lid);
  int rc = MRT_OK;
  while (L->status == 0) {
    if (!loop_alive(rt->loop) && !M->ready.n) {
      rc = rt_set_error(rt, MRT_ESTALLED, "Error",
                        "loading module %s stalled: the loader never completed (the event "
                        "loop has no more work)",
                        M->recs[id].url);
      break;
    }
    int alive;
    rc = rt_turn(rt, RT_TURN_WAIT, load_ended, L, &alive);
    if (rc) break;
    L = load_get(M, lid);
  }
  if (!rc && L->status < 0) rc = set_error(rt, &L->err);
  if (!rc) {
    shim_exception exc = {0};
    rt_enter(rt);
    uint64_t t1 = trace_now(M);
    int failed = shim_module_instantiate(rt->iso, id, &exc) != 0;
    if (M->trace) M->instantiate_ns += trace_now(M) - t1;
    if (failed) cjs_named_export_hint(M, &exc);
    /* A termination ends the call; an exception is the module's (MRT_EMODULE). */
    rc = rt_leave(rt, failed && exc.terminated ? &exc : NULL);
    if (!rc && failed) {
      rt_set_error_from_exception(rt, &exc);
      rc = rt_error_recode(rt, MRT_EMODULE);
    } else if (failed) {
      shim_exception_clear(&exc);
    }
  }
  if (!rc) {
    release_sources(M, L);
    if (main) {
      M->recs[id].is_main = 1;
      M->main_id = id;
    }
    if (id_out) *id_out = id;
    rt_ok(rt);
  }
  load_unref(M, lid);
  return rc;
}

int mrt_load_main_module(mrt_runtime *rt, const char *specifier, const char *source, size_t len,
                         int *id) {
  RT_OWNER_ONLY(rt, MRT_ESTATE);
  if (rt && specifier && !rt->entry_name) rt->entry_name = strdup(specifier);
  return load_module(rt, specifier, source, len, id, 1);
}

int mrt_load_side_module(mrt_runtime *rt, const char *specifier, const char *source, size_t len,
                         int *id) {
  RT_OWNER_ONLY(rt, MRT_ESTATE);
  return load_module(rt, specifier, source, len, id, 0);
}

static int check_id(mrt_runtime *rt, int id) {
  if (!rt) return MRT_EINVAL;
  if (id < 0 || (size_t)id >= rt->mod->nrecs) {
    return rt_set_error(rt, MRT_EINVAL, NULL, "no module with id %d", id);
  }
  if (shim_module_status(rt->iso, id) < SHIM_MOD_INSTANTIATED) {
    return rt_set_error(rt, MRT_ESTATE, "Error", "module %s is not instantiated",
                        rt->mod->recs[id].url);
  }
  return MRT_OK;
}

int mrt_mod_evaluate(mrt_runtime *rt, int id, mrt_value **promise) {
  RT_OWNER_ONLY(rt, MRT_ESTATE);
  int rc = check_id(rt, id);
  if (rc) return rc;
  shim_exception exc = {0};
  shim_global *p = NULL;
  rt_enter(rt);
  uint64_t t0 = trace_now(rt->mod);
  int failed = shim_module_evaluate(rt->iso, id, id == rt->mod->main_id, &p, &exc) != 0;
  if (rt->mod->trace) rt->mod->evaluate_ns += trace_now(rt->mod) - t0;
  /* Node evaluates ES modules inside a microtask: the microtasks the top level queued run
   * before its process.nextTick callbacks (ticks come after the microtask queue drains). */
  if (!failed && rt_ticks_queued(rt)) rt_run_microtasks(rt);
  /* The caller owns the evaluation promise: its rejection is theirs, not "unhandled". */
  if (p) rt_forget_rejection(rt, p);
  rc = rt_leave(rt, failed ? &exc : NULL);
  rt_cache_modules_ran(rt); /* the graph's entries, now that it ran (up to a top-level await) */
  if (rc) {
    shim_release(p);
    return rc;
  }
  if (promise) *promise = rt_wrap(rt, p);
  else shim_release(p);
  rt_ok(rt);
  return MRT_OK;
}

/* Whether a module of the linked graph of id is being evaluated (a require(esm) from inside
 * that evaluation: evaluating the graph again is a cycle V8 must not see). */
static int graph_evaluating(rt_modules *M, int id) {
  unsigned char *seen = calloc(M->nrecs, 1);
  intq stack = {0};
  int found = 0;
  if (!seen) return 0;
  q_push(&stack, id);
  while (!found && stack.n) {
    int i = stack.v[--stack.n];
    if (seen[i]) continue;
    seen[i] = 1;
    if (!M->recs[i].compiled) continue;
    if (shim_module_status(M->rt->iso, i) == SHIM_MOD_EVALUATING) found = 1;
    for (size_t k = 0; k < M->recs[i].nreqs; k++) {
      int c = M->recs[i].reqs[k].child;
      if (c >= 0 && !seen[c]) q_push(&stack, c);
    }
  }
  free(stack.v);
  free(seen);
  return found;
}

int rt_modules_require(mrt_runtime *rt, const char *url, const char *source,
                       shim_global **ns, shim_exception *exc, char **code, char **msg) {
  rt_modules *M = rt->mod;
  *ns = NULL;
  *code = *msg = NULL;
  int id = record_for(M, url);
  if (id < 0) {
    *msg = rt_strdup("out of memory");
    return -1;
  }
  if (!M->recs[id].compiled || shim_module_status(rt->iso, id) < SHIM_MOD_INSTANTIATED) {
    record_root(M, id, NULL, NULL);
    mod_rec *r = &M->recs[id];
    if (source && r->state != REC_FETCHING) { /* given source: compiled by the pump */
      record_reset(M, id);
      r->source = rt_strdup(source);
      if (!r->source) {
        *msg = rt_strdup("out of memory");
        return -1;
      }
      r->len = strlen(source);
      r->given = 1;
      r->state = REC_FETCHING;
      q_push(&M->ready, id);
    }
    int lid = load_start(M, LOAD_STATIC, id, NULL);
    if (lid < 0) {
      *msg = rt_strdup("out of memory");
      return -1;
    }
    mod_load *L = load_get(M, lid);
    int status = L->status;
    if (status < 0) {
      mod_error e = {0};
      err_copy(rt, &e, &L->err);
      *exc = e.e;
      *code = e.code;
    }
    load_unref(M, lid);
    if (status == 0) {
      /* The loader answers later: require() cannot wait for it. */
      *code = rt_strdup("ERR_REQUIRE_ESM");
      *msg = rt_asprintf("require() of ES module %s: its loader does not complete synchronously",
                       url);
      return -1;
    }
    if (status < 0) return -1;
    if (shim_module_instantiate(rt->iso, id, exc) != 0) {
      cjs_named_export_hint(M, exc);
      return -1;
    }
    for (size_t i = 0; i < M->nrecs; i++) { /* sources of the graph now linked */
      if (M->recs[i].source && M->recs[i].compiled &&
          shim_module_status(rt->iso, (int)i) >= SHIM_MOD_INSTANTIATED) {
        free(M->recs[i].source);
        M->recs[i].source = NULL;
      }
    }
  }
  if (graph_evaluating(M, id)) {
    char *path = mod_path_from_url(url);
    *code = rt_strdup("ERR_REQUIRE_CYCLE_MODULE");
    *msg = rt_asprintf("Cannot require() ES Module %s in a cycle.", path ? path : url);
    free(path);
    return -1;
  }
  shim_global *promise = NULL, *result = NULL;
  if (shim_module_evaluate(rt->iso, id, 0, &promise, exc) != 0) return -1;
  /* Its rejection is thrown by require(), not an unhandled rejection. */
  if (promise) rt_forget_rejection(rt, promise);
  rt_cache_modules_ran(rt);
  int state = shim_promise_state(rt->iso, promise, &result);
  shim_release(promise);
  if (state == 2) {
    shim_exception_from_value(rt->iso, result, exc);
    shim_release(result);
    return -1;
  }
  shim_release(result);
  if (state == 0) {
    *code = rt_strdup("ERR_REQUIRE_ASYNC_MODULE");
    *msg = rt_strdup("require() cannot be used on an ESM graph with top-level await. Use "
                   "import() instead. To see where the top-level await comes from, use "
                   "--experimental-print-required-tla.");
    return -1;
  }
  *ns = shim_module_namespace(rt->iso, id);
  if (!*ns) {
    *msg = rt_strdup("out of memory");
    return -1;
  }
  return 0;
}

int mrt_module_namespace(mrt_runtime *rt, int id, mrt_value **out) {
  RT_OWNER_ONLY(rt, MRT_ESTATE);
  int rc = check_id(rt, id);
  if (rc) return rc;
  if (!out) return rt_set_error(rt, MRT_EINVAL, "TypeError", "mrt_module_namespace: NULL out");
  shim_global *ns = shim_module_namespace(rt->iso, id);
  if (!ns) return rt_set_error(rt, MRT_ENOMEM, NULL, "out of memory");
  *out = rt_wrap(rt, ns);
  rt_ok(rt);
  return MRT_OK;
}

/* ---------------------------------------------------------------- mrt_module_trace */

int mrt_module_trace(mrt_runtime *rt, int on) {
  RT_OWNER_ONLY(rt, MRT_ESTATE);
  if (!rt) return MRT_EINVAL;
  rt->mod->trace = on != 0;
  rt_ok(rt);
  return MRT_OK;
}

static uint64_t rec_total(const mod_rec *r) { return r->read_ns + r->compile_ns + r->resolve_ns; }

int mrt_get_module_times(mrt_runtime *rt, mrt_module_times *sum, mrt_module_time *slowest,
                         size_t n, size_t *count) {
  RT_OWNER_ONLY(rt, MRT_ESTATE);
  if (!rt) return MRT_EINVAL;
  if (!sum || (n && (!slowest || !count))) {
    return rt_set_error(rt, MRT_EINVAL, "TypeError", "mrt_get_module_times: NULL out");
  }
  rt_modules *M = rt->mod;
  memset(sum, 0, sizeof *sum);
  sum->resolve_ns = M->resolve_roots_ns;
  sum->instantiate_ns = M->instantiate_ns;
  sum->evaluate_ns = M->evaluate_ns;
  size_t k = 0;
  for (size_t i = 0; i < M->nrecs; i++) {
    const mod_rec *r = &M->recs[i];
    if (!r->fetch_start_ns && !r->compile_ns) continue; /* not loaded while tracing */
    sum->modules++;
    sum->read_ns += r->read_ns;
    sum->compile_ns += r->compile_ns;
    sum->resolve_ns += r->resolve_ns;
    /* Insertion into the n slowest so far, slowest first. */
    size_t at = k;
    while (at > 0 && slowest[at - 1].total_ns < rec_total(r)) at--;
    if (at >= n) continue;
    if (k < n) k++;
    memmove(&slowest[at + 1], &slowest[at], (k - 1 - at) * sizeof *slowest);
    slowest[at] = (mrt_module_time){r->url, r->read_ns, r->compile_ns, r->resolve_ns,
                                    rec_total(r)};
  }
  if (count) *count = k;
  rt_ok(rt);
  return MRT_OK;
}
