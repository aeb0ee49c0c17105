/* value.c: value handles of the public API and the scopes that release them in groups.
 * A handle sits on the list of the scope that was innermost when it was made (the root list
 * when none was open), so closing a scope, or freeing the runtime, finds every handle its
 * embedder did not free. */
#include <math.h>
#include <stdlib.h>

#include "runtime_internal.h"

/* (struct rt_scope is in runtime_internal.h: rt_owns reads its owner inline.) */

static rt_scope *scope_or_root(mrt_runtime *rt, rt_scope *s) { return s ? s : &rt->root_scope; }
static void scope_make_due(mrt_runtime *rt);

void rt_values_init(mrt_runtime *rt) {
  rt->root_scope.head.next = rt->root_scope.head.prev = &rt->root_scope.head;
  rt->root_scope.parent = NULL;
  rt->root_scope.rt = rt;
}

static void link_value(mrt_value *head, mrt_value *v) {
  v->next = head->next;
  v->prev = head;
  head->next->prev = v;
  head->next = v;
}

static void unlink_value(mrt_value *v) {
  v->prev->next = v->next;
  v->next->prev = v->prev;
}

mrt_value *rt_wrap(mrt_runtime *rt, shim_global *g) {
  if (!g) return NULL;
  mrt_value *v = malloc(sizeof *v);
  if (!v) {
    shim_release(g);
    return NULL;
  }
  v->g = g;
  scope_make_due(rt);
  v->scope = scope_or_root(rt, rt->scope);
  link_value(&v->scope->head, v);
  return v;
}

void mrt_value_free(mrt_runtime *rt, mrt_value *v) {
  RT_OWNER_ONLY(rt, );
  /* Another runtime's handle is left to its owner (freed with it at the latest). */
  if (!rt || !rt_owns(rt, v)) return;
  unlink_value(v);
  shim_release(v->g);
  free(v);
}

static void release_list(mrt_runtime *rt, mrt_value *head) {
  while (head->next != head) mrt_value_free(rt, head->next);
}

/* Opens a scope (implicit: the runtime's own, which the embedder cannot close). NULL when out
 * of memory: the handles then go to the scope around, released later, never lost. */
static rt_scope *scope_push(mrt_runtime *rt, int implicit) {
  rt_scope *s = rt->scope_cache;
  if (s) {
    rt->scope_cache = s->parent;
  } else if (!(s = malloc(sizeof *s))) {
    return NULL;
  }
  s->head.next = s->head.prev = &s->head;
  s->parent = rt->scope;
  s->rt = rt;
  s->implicit = implicit;
  rt->scope = s;
  return s;
}

/* The implicit scope that is due (rt_implicit_enter) is made before anything goes on top. */
static void scope_make_due(mrt_runtime *rt) {
  if (rt->scope_wanted) {
    rt->scope_wanted = 0;
    scope_push(rt, 1);
  }
}

/* Closes the innermost scope: its handles are released, the record kept for reuse. */
static void scope_pop(mrt_runtime *rt) {
  rt_scope *s = rt->scope;
  release_list(rt, &s->head);
  rt->scope = s->parent;
  s->parent = rt->scope_cache;
  rt->scope_cache = s;
}

void rt_implicit_close(mrt_runtime *rt, rt_scope_mark m) {
  /* The implicit scope, and the scopes the callback opened and left open inside it. */
  while (rt->scope && rt->scope != m.outer) scope_pop(rt);
}

void rt_release_values(mrt_runtime *rt) {
  while (rt->scope) scope_pop(rt);
  release_list(rt, &rt->root_scope.head);
  while (rt->scope_cache) {
    rt_scope *s = rt->scope_cache;
    rt->scope_cache = s->parent;
    free(s);
  }
}

int mrt_scope_open(mrt_runtime *rt) {
  RT_OWNER_ONLY(rt, MRT_ESTATE);
  if (!rt) return MRT_EINVAL;
  scope_make_due(rt); /* the callback's implicit scope stays around the embedder's */
  if (!scope_push(rt, 0)) return rt_set_error(rt, MRT_ENOMEM, NULL, "out of memory");
  rt_ok(rt);
  return MRT_OK;
}

int mrt_scope_close(mrt_runtime *rt) {
  RT_OWNER_ONLY(rt, MRT_ESTATE);
  if (!rt) return MRT_EINVAL;
  if (rt->scope_wanted || !rt->scope || rt->scope->implicit) {
    return rt_set_error(rt, MRT_ESTATE, "Error",
                        "mrt_scope_close: no scope opened with mrt_scope_open is open here");
  }
  scope_pop(rt);
  rt_ok(rt);
  return MRT_OK;
}

int mrt_scope_escape(mrt_runtime *rt, mrt_value *v) {
  RT_OWNER_ONLY(rt, MRT_ESTATE);
  if (!rt) return MRT_EINVAL;
  if (!v) return rt_set_error(rt, MRT_EINVAL, "TypeError", "mrt_scope_escape: NULL value");
  if (!rt_owns(rt, v)) {
    return rt_set_error(rt, MRT_EINVAL, "TypeError",
                        "mrt_scope_escape: the value belongs to another runtime");
  }
  if (v->scope != &rt->root_scope) { /* in the root scope already: it lives until freed */
    rt_scope *to = scope_or_root(rt, v->scope->parent);
    unlink_value(v);
    v->scope = to;
    link_value(&to->head, v);
  }
  rt_ok(rt);
  return MRT_OK;
}

static const mrt_type type_map[] = {
    [SHIM_UNDEFINED] = MRT_TYPE_UNDEFINED,     [SHIM_NULL] = MRT_TYPE_NULL,
    [SHIM_BOOLEAN] = MRT_TYPE_BOOLEAN,         [SHIM_NUMBER] = MRT_TYPE_NUMBER,
    [SHIM_BIGINT] = MRT_TYPE_BIGINT,           [SHIM_STRING] = MRT_TYPE_STRING,
    [SHIM_SYMBOL] = MRT_TYPE_SYMBOL,           [SHIM_FUNCTION] = MRT_TYPE_FUNCTION,
    [SHIM_ARRAY] = MRT_TYPE_ARRAY,             [SHIM_PROMISE] = MRT_TYPE_PROMISE,
    [SHIM_ERROR] = MRT_TYPE_ERROR,             [SHIM_ARRAYBUFFER] = MRT_TYPE_ARRAYBUFFER,
    [SHIM_TYPEDARRAY] = MRT_TYPE_TYPEDARRAY,   [SHIM_OBJECT] = MRT_TYPE_OBJECT,
};

/* Value arguments: NULL, or a handle of another runtime, is refused. */
int rt_bad_value(mrt_runtime *rt, const mrt_value *v, const char *fn) {
  if (rt_owns(rt, v)) return 0;
  rt_set_error(rt, MRT_EINVAL, "TypeError",
               v ? "%s: the value belongs to another runtime" : "%s: NULL value", fn);
  return 1;
}

mrt_type mrt_value_type(mrt_runtime *rt, const mrt_value *v) {
  RT_OWNER_ONLY(rt, MRT_TYPE_UNDEFINED);
  return rt && rt_owns(rt, v) ? type_map[shim_type(rt->iso, v->g)] : MRT_TYPE_UNDEFINED;
}

mrt_value *mrt_value_dup(mrt_runtime *rt, const mrt_value *v) {
  RT_OWNER_ONLY(rt, NULL);
  return rt && rt_owns(rt, v) ? rt_wrap(rt, shim_dup(rt->iso, v->g)) : NULL;
}

mrt_value *mrt_undefined(mrt_runtime *rt) {
  RT_OWNER_ONLY(rt, NULL);
  return rt ? rt_wrap(rt, shim_undefined(rt->iso)) : NULL;
}
mrt_value *mrt_null(mrt_runtime *rt) {
  RT_OWNER_ONLY(rt, NULL);
  return rt ? rt_wrap(rt, shim_null(rt->iso)) : NULL;
}
mrt_value *mrt_boolean(mrt_runtime *rt, int b) {
  RT_OWNER_ONLY(rt, NULL);
  return rt ? rt_wrap(rt, shim_boolean(rt->iso, b)) : NULL;
}
mrt_value *mrt_number(mrt_runtime *rt, double d) {
  RT_OWNER_ONLY(rt, NULL);
  return rt ? rt_wrap(rt, shim_number(rt->iso, d)) : NULL;
}
mrt_value *mrt_object(mrt_runtime *rt) {
  RT_OWNER_ONLY(rt, NULL);
  return rt ? rt_wrap(rt, shim_object(rt->iso)) : NULL;
}
mrt_value *mrt_global(mrt_runtime *rt) {
  RT_OWNER_ONLY(rt, NULL);
  return rt ? rt_wrap(rt, shim_global_object(rt->iso)) : NULL;
}

mrt_value *mrt_string(mrt_runtime *rt, const char *utf8, size_t len) {
  RT_OWNER_ONLY(rt, NULL);
  if (!rt) return NULL;
  if (!utf8 && len) {
    rt_set_error(rt, MRT_EINVAL, "TypeError", "mrt_string: NULL bytes");
    return NULL;
  }
  shim_global *g = shim_string(rt->iso, utf8 ? utf8 : "", len);
  if (!g && rt_heap_limit_hit(rt) && !rt_in_js(rt)) { /* refused for the heap limit */
    shim_exception exc = {.terminated = 1};
    rt_set_error_from_exception(rt, &exc);
  }
  return rt_wrap(rt, g);
}

double mrt_value_to_number(mrt_runtime *rt, const mrt_value *v) {
  RT_OWNER_ONLY(rt, NAN);
  return rt && rt_owns(rt, v) ? shim_to_number(rt->iso, v->g) : NAN;
}

int mrt_value_to_boolean(mrt_runtime *rt, const mrt_value *v) {
  RT_OWNER_ONLY(rt, 0);
  return rt && rt_owns(rt, v) ? shim_to_boolean(rt->iso, v->g) : 0;
}

char *mrt_value_to_string(mrt_runtime *rt, const mrt_value *v, size_t *len) {
  RT_OWNER_ONLY(rt, NULL);
  if (!rt || rt_bad_value(rt, v, "mrt_value_to_string")) return NULL;
  shim_exception exc = {0};
  rt_enter(rt); /* toString() may run JS */
  char *s = shim_to_string(rt->iso, v->g, len, &exc);
  if (rt_leave(rt, s ? NULL : &exc) != 0) {
    free(s);
    return NULL;
  }
  rt_ok(rt);
  return s;
}

char *mrt_value_to_json(mrt_runtime *rt, const mrt_value *v, size_t *len) {
  RT_OWNER_ONLY(rt, NULL);
  if (!rt || rt_bad_value(rt, v, "mrt_value_to_json")) return NULL;
  shim_exception exc = {0};
  rt_enter(rt); /* toJSON() may run JS */
  char *s = shim_to_json(rt->iso, v->g, len, &exc);
  /* No string and no exception: a value JSON leaves out (undefined, a function). */
  int rc = rt_leave(rt, !s && (exc.message || exc.terminated) ? &exc : NULL);
  shim_exception_clear(&exc);
  if (rc != 0) {
    free(s);
    return NULL;
  }
  rt_ok(rt);
  return s;
}

int mrt_get(mrt_runtime *rt, const mrt_value *obj, const char *key, mrt_value **out) {
  RT_OWNER_ONLY(rt, MRT_ESTATE);
  shim_exception exc = {0};
  shim_global *g = NULL;
  if (!rt) return MRT_EINVAL;
  if (out) *out = NULL;
  if (!key || !out) return rt_set_error(rt, MRT_EINVAL, "TypeError", "mrt_get: NULL argument");
  if (rt_bad_value(rt, obj, "mrt_get")) return MRT_EINVAL;
  rt_enter(rt); /* a getter may run JS */
  int rc = shim_get(rt->iso, obj->g, key, &g, &exc);
  if ((rc = rt_leave(rt, rc ? &exc : NULL)) != 0) {
    shim_release(g);
    return rc;
  }
  *out = rt_wrap(rt, g);
  rt_ok(rt);
  return MRT_OK;
}

int mrt_set(mrt_runtime *rt, const mrt_value *obj, const char *key, const mrt_value *val) {
  RT_OWNER_ONLY(rt, MRT_ESTATE);
  shim_exception exc = {0};
  if (!rt) return MRT_EINVAL;
  if (!key) return rt_set_error(rt, MRT_EINVAL, "TypeError", "mrt_set: NULL key");
  if (rt_bad_value(rt, obj, "mrt_set")) return MRT_EINVAL;
  if (val && rt_bad_value(rt, val, "mrt_set")) return MRT_EINVAL; /* NULL sets undefined */
  rt_enter(rt); /* a setter may run JS */
  int rc = shim_set(rt->iso, obj->g, key, val ? val->g : NULL, &exc);
  if ((rc = rt_leave(rt, rc ? &exc : NULL)) != 0) return rc;
  rt_ok(rt);
  return MRT_OK;
}

int mrt_call(mrt_runtime *rt, const mrt_value *fn, const mrt_value *recv, int argc,
             mrt_value *const *argv, mrt_value **out) {
  RT_OWNER_ONLY(rt, MRT_ESTATE);
  shim_exception exc = {0};
  shim_global *stack_args[8];
  if (!rt) return MRT_EINVAL;
  if (out) *out = NULL;
  if (argc < 0 || (argc > 0 && !argv)) {
    return rt_set_error(rt, MRT_EINVAL, "TypeError", "mrt_call: bad arguments");
  }
  if (rt_bad_value(rt, fn, "mrt_call") || (recv && rt_bad_value(rt, recv, "mrt_call"))) return MRT_EINVAL;
  for (int i = 0; i < argc; i++) {
    if (argv[i] && rt_bad_value(rt, argv[i], "mrt_call")) return MRT_EINVAL; /* NULL: undefined */
  }
  shim_global **args = argc <= 8 ? stack_args : malloc(sizeof *args * (size_t)argc);
  if (!args) return rt_set_error(rt, MRT_ENOMEM, NULL, "out of memory");
  for (int i = 0; i < argc; i++) args[i] = argv[i] ? argv[i]->g : NULL;
  shim_global *result = NULL;
  rt_enter(rt);
  int rc = shim_call_function(rt->iso, fn->g, recv ? recv->g : NULL, argc, args,
                              out ? &result : NULL, &exc);
  /* A heap-limit hit whose termination did not land fails the call all the same. */
  rc = rt_leave(rt, rc != 0 ? &exc : NULL);
  if (args != stack_args) free(args);
  if (rc != 0) {
    shim_release(result);
    return rc;
  }
  if (out) *out = rt_wrap(rt, result);
  rt_ok(rt);
  return MRT_OK;
}
