/* resources.c: the resource table (mrt.h: mrt_resource_*). rid -> {kind, pointer}; free rids
 * are reused last-freed first (the table stays as small as the most ever open at once). The
 * table is made by the first mrt_resource_add: nothing costs until used. */
#include "resources.h"

#include <stdlib.h>

#include "runtime_internal.h"

typedef struct res_entry {
  const mrt_resource_kind *kind; /* NULL: free; next_free chains it */
  union {
    void *ptr;
    int next_free;
  } u;
} res_entry;

struct rt_resources {
  res_entry *e;
  int n, cap, free_head, count;
  int closed; /* rt_resources_close_all ran */
};

int mrt_resource_add(mrt_runtime *rt, const mrt_resource_kind *kind, void *ptr) {
  RT_OWNER_ONLY(rt, MRT_ESTATE);
  if (!rt) return MRT_EINVAL;
  if (!kind || !kind->close || !ptr) {
    return rt_set_error(rt, MRT_EINVAL, "TypeError", "mrt_resource_add: NULL kind, close or ptr");
  }
  struct rt_resources *t = rt->resources;
  if (!t) {
    t = calloc(1, sizeof *t);
    if (!t) return rt_set_error(rt, MRT_ENOMEM, NULL, "out of memory");
    t->free_head = -1;
    rt->resources = t;
  }
  if (t->closed) {
    return rt_set_error(rt, MRT_ESTATE, "Error", "mrt_resource_add: the runtime is being freed");
  }
  int rid = t->free_head;
  if (rid >= 0) {
    t->free_head = t->e[rid].u.next_free;
  } else {
    if (t->n == t->cap) {
      if (t->cap > (1 << 29)) return rt_set_error(rt, MRT_ENOMEM, NULL, "too many resources");
      int cap = t->cap ? t->cap * 2 : 16;
      res_entry *e = realloc(t->e, (size_t)cap * sizeof *e);
      if (!e) return rt_set_error(rt, MRT_ENOMEM, NULL, "out of memory");
      t->e = e;
      t->cap = cap;
    }
    rid = t->n++;
  }
  t->e[rid].kind = kind;
  t->e[rid].u.ptr = ptr;
  t->count++;
  rt_ok(rt);
  return rid;
}

/* The entry of rid if it holds a resource of kind (NULL: any). */
static res_entry *lookup(mrt_runtime *rt, double rid, const mrt_resource_kind *kind) {
  struct rt_resources *t = rt ? rt->resources : NULL;
  if (!t || !(rid >= 0 && rid < t->n)) return NULL; /* also NaN; before the cast */
  int i = (int)rid;
  if ((double)i != rid) return NULL;
  res_entry *e = &t->e[i];
  if (!e->kind || (kind && e->kind != kind)) return NULL;
  return e;
}

void *mrt_resource_get(mrt_runtime *rt, double rid, const mrt_resource_kind *kind) {
  RT_OWNER_ONLY(rt, NULL);
  res_entry *e = lookup(rt, rid, kind);
  return e ? e->u.ptr : NULL;
}

static void release(struct rt_resources *t, res_entry *e) {
  e->kind = NULL;
  e->u.next_free = t->free_head;
  t->free_head = (int)(e - t->e);
  t->count--;
}

int mrt_resource_take(mrt_runtime *rt, double rid, const mrt_resource_kind *kind, void **ptr) {
  RT_OWNER_ONLY(rt, MRT_ESTATE);
  if (!rt) return MRT_EINVAL;
  res_entry *e = lookup(rt, rid, kind);
  if (!e) return rt_set_error(rt, MRT_ENOTFOUND, "Error", "Bad resource ID");
  if (ptr) *ptr = e->u.ptr;
  release(rt->resources, e);
  rt_ok(rt);
  return MRT_OK;
}

int mrt_resource_close(mrt_runtime *rt, double rid, const mrt_resource_kind *kind) {
  RT_OWNER_ONLY(rt, MRT_ESTATE);
  if (!rt) return MRT_EINVAL;
  res_entry *e = lookup(rt, rid, kind);
  if (!e) return rt_set_error(rt, MRT_ENOTFOUND, "Error", "Bad resource ID");
  const mrt_resource_kind *k = e->kind;
  void *ptr = e->u.ptr;
  release(rt->resources, e); /* first: close may add resources, which may move the table */
  k->close(rt, ptr);
  rt_ok(rt);
  return MRT_OK;
}

size_t mrt_resource_count(mrt_runtime *rt) {
  RT_OWNER_ONLY(rt, 0);
  return rt && rt->resources ? (size_t)rt->resources->count : 0;
}

void rt_resources_close_all(mrt_runtime *rt) {
  struct rt_resources *t = rt->resources;
  if (!t) return;
  t->closed = 1; /* a close function can't add more (the loop below would miss them) */
  for (int i = 0; i < t->n; i++) {
    res_entry *e = &t->e[i];
    if (!e->kind) continue;
    const mrt_resource_kind *k = e->kind;
    void *ptr = e->u.ptr;
    release(t, e);
    k->close(rt, ptr);
  }
}

void rt_resources_free(mrt_runtime *rt) {
  if (!rt->resources) return;
  free(rt->resources->e);
  free(rt->resources);
  rt->resources = NULL;
}
