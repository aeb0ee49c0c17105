/* extension.c: the embedder's extensions (mrt_extension, mrt.h). Each one's ops go on one
 * object, ext_ops, which ES modules of extensions import as the module "ext:core/ops" and
 * classic scripts get as their parameter `ops`; its modules are served for "ext:<name>/<file>"
 * specifiers before the embedder's loader is asked. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eventloop.h"
#include "ext/ext.h"
#include "runtime_internal.h"

struct rt_exts {
  shim_global *ops; /* the ops of every extension: "ext:core/ops" */
  size_t n;         /* opts.nextensions */
  void **states;    /* state_init's *state, by extension */
  unsigned char *inited; /* state_init succeeded: state_free is owed */
};

#define EXT_OPS_URL "ext:core/ops"
#define EXT_PREFIX "ext:"

static int builtin_named(const char *name) {
  for (size_t i = 0; i < rt_builtin_nexts; i++) {
    if (strcmp(rt_builtin_exts[i].name, name) == 0) return 1;
  }
  return 0;
}

/* Everything the runtime will read of the extensions, before any of it is made. */
int rt_exts_check(const mrt_options *o) {
  if (o->nextensions && !o->extensions) {
    return rt_creation_error(MRT_EINVAL, "nextensions is %zu but extensions is NULL",
                             o->nextensions);
  }
  int bare = (o->flags & MRT_RUNTIME_BARE) != 0;
  for (size_t i = 0; i < o->nextensions; i++) {
    const mrt_extension *e = &o->extensions[i];
    if (!e->name || !*e->name) {
      return rt_creation_error(MRT_EINVAL, "extension %zu has no name", i);
    }
    if (strchr(e->name, '/') || strcmp(e->name, "core") == 0) {
      return rt_creation_error(MRT_EINVAL, "extension name '%s' is reserved or has a '/'",
                               e->name);
    }
    if (!bare && builtin_named(e->name)) {
      return rt_creation_error(MRT_EINVAL, "extension '%s': a built-in extension has that name",
                               e->name);
    }
    for (size_t j = 0; j < i; j++) {
      if (strcmp(o->extensions[j].name, e->name) == 0) {
        return rt_creation_error(MRT_EINVAL, "extension '%s' is given twice", e->name);
      }
    }
    if ((e->nops && !e->ops) || (e->nmodules && !e->modules) || (e->ndeps && !e->deps) ||
        (e->script_len && !e->script)) {
      return rt_creation_error(MRT_EINVAL, "extension '%s': a count is set but its array is NULL",
                               e->name);
    }
    for (size_t k = 0; k < e->nops; k++) {
      const mrt_op_decl *d = &e->ops[k];
      if (!d->name || !d->fn || d->fast_argc < 0 || d->fast_argc > MRT_OP_MAX_ARGS) {
        return rt_creation_error(MRT_EINVAL, "extension '%s': op %zu needs a name and a function "
                                 "(and fast_argc in 0..%d)", e->name, k, MRT_OP_MAX_ARGS);
      }
    }
    for (size_t k = 0; k < e->nmodules; k++) {
      const mrt_ext_module *m = &e->modules[k];
      if (!m->file || !*m->file || (!m->source && m->len)) {
        return rt_creation_error(MRT_EINVAL, "extension '%s': module %zu needs a file name and "
                                 "a source", e->name, k);
      }
    }
    for (size_t k = 0; k < e->ndeps; k++) {
      const char *d = e->deps[k];
      int found = d && !bare && builtin_named(d);
      for (size_t j = 0; d && !found && j < i; j++) found = strcmp(o->extensions[j].name, d) == 0;
      if (!found) {
        return rt_creation_error(MRT_EINVAL, "extension '%s' depends on '%s', which is not "
                                 "loaded before it", e->name, d ? d : "(NULL)");
      }
    }
  }
  return MRT_OK;
}

static int has_async_ops(const mrt_options *o) {
  for (size_t i = 0; i < o->nextensions; i++) {
    for (size_t k = 0; k < o->extensions[i].nops; k++) {
      if (o->extensions[i].ops[k].async) return 1;
    }
  }
  return 0;
}

/* The classic script, called as `function (ops)`. */
static int run_script(mrt_runtime *rt, const mrt_extension *e) {
  static const char head[] = "(function (ops) {", tail[] = "\n})";
  size_t n = sizeof head - 1 + e->script_len + sizeof tail - 1;
  char *src = malloc(n);
  char name[256];
  if (!src) return rt_set_error(rt, MRT_ENOMEM, NULL, "out of memory");
  memcpy(src, head, sizeof head - 1);
  if (e->script_len) memcpy(src + sizeof head - 1, e->script, e->script_len);
  memcpy(src + sizeof head - 1 + e->script_len, tail, sizeof tail - 1);
  snprintf(name, sizeof name, "ext:%s/%s", e->name, e->script_name ? e->script_name : "init.js");
  shim_exception exc = {0};
  shim_global *fn = NULL;
  rt_enter(rt);
  int rc = shim_run_script(rt->iso, name, src, n, &fn, &exc);
  if (rc == 0) rc = shim_call_function(rt->iso, fn, NULL, 1, &rt->exts->ops, NULL, &exc);
  rc = rt_leave(rt, rc != 0 ? &exc : NULL);
  free(src);
  shim_release(fn);
  return rc;
}

int rt_exts_init(mrt_runtime *rt, shim_global *restored_ops) {
  const mrt_options *o = &rt->opts;
  if (!o->nextensions) return MRT_OK;
  struct rt_exts *x = calloc(1, sizeof *x);
  if (!x) return rt_set_error(rt, MRT_ENOMEM, NULL, "out of memory");
  rt->exts = x;
  x->n = o->nextensions;
  x->states = calloc(x->n, sizeof *x->states);
  x->inited = calloc(x->n, 1);
  x->ops = restored_ops ? restored_ops : shim_object(rt->iso);
  if (!x->states || !x->inited || !x->ops) return rt_set_error(rt, MRT_ENOMEM, NULL, "out of memory");
  /* Async ops are wrapped by core.js, which a bare runtime has not run. */
  if (!rt->js_async_op && has_async_ops(o)) {
    int rc = rt_bootstrap_core(rt);
    if (rc) return rc;
  }
  if (restored_ops) rt->restoring = 1;
  int rc = MRT_OK;
  for (size_t i = 0; i < x->n && !rc; i++) {
    const mrt_extension *e = &o->extensions[i];
    if (e->state_init) {
      rc = e->state_init(rt, e->data, &x->states[i]);
      if (rc) {
        if (rc > 0 || rc < MRT_ENOTFOUND) rc = MRT_EINVAL;
        rt_set_error(rt, rc, "Error", "extension '%s': state_init failed (%s)", e->name,
                     mrt_strerror(rc));
        break;
      }
      x->inited[i] = 1;
    }
    for (size_t k = 0; k < e->nops && !rc; k++) rc = rt_register_ext_op(rt, x->ops, &e->ops[k]);
    if (!rc && e->script && !restored_ops) rc = run_script(rt, e);
  }
  rt->restoring = 0;
  return rc;
}

void rt_exts_close(mrt_runtime *rt) {
  if (!rt->exts) return;
  shim_release(rt->exts->ops);
  rt->exts->ops = NULL;
}

void rt_exts_free(mrt_runtime *rt) {
  struct rt_exts *x = rt->exts;
  if (!x) return;
  for (size_t i = x->n; i-- > 0;) {
    const mrt_extension *e = &rt->opts.extensions[i];
    if (x->inited && x->inited[i] && e->state_free) e->state_free(e->data, x->states[i]);
  }
  free(x->states);
  free(x->inited);
  free(x);
  rt->exts = NULL;
}

int rt_ext_fast_in_snapshot(const mrt_op_decl *d) {
  if (!d->fast || d->async || d->fast_argc < 0 || d->fast_argc > MRT_OP_MAX_ARGS) return 0;
  if (d->fast_ret == MRT_CTYPE_INT64 || d->fast_ret == MRT_CTYPE_UINT64 ||
      d->fast_ret == MRT_CTYPE_UINT8_ARRAY || (unsigned)d->fast_ret > MRT_CTYPE_UINT8_ARRAY) {
    return 0;
  }
  for (int i = 0; i < d->fast_argc; i++) {
    if (d->fast_args[i] == MRT_CTYPE_VOID || d->fast_args[i] == MRT_CTYPE_UINT8_ARRAY ||
        (unsigned)d->fast_args[i] > MRT_CTYPE_UINT8_ARRAY) {
      return 0;
    }
  }
  return 1;
}

shim_fast_sig *rt_exts_fast_sigs(const mrt_options *o, size_t *n) {
  size_t count = 0;
  *n = 0;
  for (size_t i = 0; i < o->nextensions; i++) {
    for (size_t k = 0; k < o->extensions[i].nops; k++) {
      count += (size_t)rt_ext_fast_in_snapshot(&o->extensions[i].ops[k]);
    }
  }
  shim_fast_sig *sigs = count ? calloc(count, sizeof *sigs) : NULL;
  if (!sigs) return NULL;
  for (size_t i = 0; i < o->nextensions; i++) {
    for (size_t k = 0; k < o->extensions[i].nops; k++) {
      const mrt_op_decl *d = &o->extensions[i].ops[k];
      if (!rt_ext_fast_in_snapshot(d)) continue;
      shim_fast_sig *s = &sigs[(*n)++];
      s->fn = d->fast;
      s->ret = (shim_ctype)d->fast_ret;
      s->argc = d->fast_argc;
      for (int a = 0; a < d->fast_argc; a++) s->args[a] = (shim_ctype)d->fast_args[a];
    }
  }
  return sigs;
}

shim_global *rt_exts_ops(mrt_runtime *rt) { return rt->exts ? rt->exts->ops : NULL; }

void *mrt_extension_state(mrt_runtime *rt, const char *name) {
  RT_OWNER_ONLY(rt, NULL);
  if (!rt || !name || !rt->exts) return NULL;
  for (size_t i = 0; i < rt->exts->n; i++) {
    if (strcmp(rt->opts.extensions[i].name, name) == 0) return rt->exts->states[i];
  }
  return NULL;
}

/* ---------------------------------------------------------------- ext: modules */

static const mrt_ext_module *find_module(mrt_runtime *rt, const char *url) {
  const char *p = url + strlen(EXT_PREFIX);
  const char *slash = strchr(p, '/');
  if (!slash) return NULL;
  size_t nlen = (size_t)(slash - p);
  for (size_t i = 0; i < rt->opts.nextensions; i++) {
    const mrt_extension *e = &rt->opts.extensions[i];
    if (strlen(e->name) != nlen || strncmp(e->name, p, nlen) != 0) continue;
    for (size_t k = 0; k < e->nmodules; k++) {
      if (strcmp(e->modules[k].file, slash + 1) == 0) return &e->modules[k];
    }
  }
  return NULL;
}

int rt_ext_is_url(const char *s) { return s && strncmp(s, EXT_PREFIX, strlen(EXT_PREFIX)) == 0; }

int rt_ext_is_ops_url(const char *url) { return url && strcmp(url, EXT_OPS_URL) == 0; }

/* An "ext:" specifier stands for itself: known modules only, "ext:core/ops" from ext:
 * modules only. NULL with *msg (malloc'd) when refused. */
char *rt_ext_resolve(mrt_runtime *rt, const char *spec, const char *referrer, char **msg) {
  int ok = rt_ext_is_ops_url(spec) ? rt->exts && rt_ext_is_url(referrer)
                                   : find_module(rt, spec) != NULL;
  char *out = ok ? strdup(spec) : NULL;
  if (!out) {
    size_t n = strlen(spec) + 64;
    *msg = malloc(n);
    if (*msg) snprintf(*msg, n, "Cannot resolve module '%s'", spec);
  }
  return out;
}

/* The source of an "ext:" module (not copied), or NULL. */
const char *rt_ext_source(mrt_runtime *rt, const char *url, size_t *len) {
  const mrt_ext_module *m = find_module(rt, url);
  if (!m) return NULL;
  *len = m->len;
  return m->source ? m->source : "";
}
