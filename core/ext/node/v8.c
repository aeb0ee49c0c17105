/* v8.c: the native side of node:v8 (core/ext/node/lib/v8.js): heap, heap space and code
 * statistics, cachedDataVersionTag, setFlagsFromString, heap snapshots as bytes (JS writes
 * them through node:fs, so --allow-write applies) and the Serializer / Deserializer handles
 * (shim/v8_serdes.cc). nodeBinding("v8") gives them to JS as functions made at its first
 * call (process.c), so nothing of it exists until a program loads node:v8.
 *
 * A Serializer or Deserializer in JS keeps a handle: a number indexing the runtime's table
 * here. A FinalizationRegistry in JS frees the handle of a collected object; the node
 * extension's close frees those left, while the isolate lives. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ext/ext.h"
#include "node_state.h"
#include "runtime_internal.h"

#define RT(c) mrt_op_runtime(c)
#define SC(c) rt_op_shim_call(c)
#define ST(c) ((rt_node_state *)mrt_op_data(c))

/* heapStatistics(f64[14]): Node's fields in its order (shim.h). */
static void op_heap_statistics(mrt_op_call *c) {
  void *data;
  size_t len;
  if (mrt_op_arg_buffer(c, 0, &data, &len) != MRT_OK || len < SHIM_HEAP_STATS_N * sizeof(double)) {
    return;
  }
  shim_heap_stats_all(RT(c)->iso, data);
}

static void op_heap_space_count(mrt_op_call *c) {
  mrt_op_return_number(c, (double)shim_heap_space_count(RT(c)->iso));
}

/* heapSpace(i, f64[4]): the space's name (its numbers in the array), undefined past the end. */
static void op_heap_space(mrt_op_call *c) {
  void *data;
  size_t len;
  double i = mrt_op_arg_number(c, 0);
  if (mrt_op_arg_buffer(c, 1, &data, &len) != MRT_OK || len < 4 * sizeof(double) || !(i >= 0)) {
    return;
  }
  const char *name = shim_heap_space_stats(RT(c)->iso, (size_t)i, data);
  if (name) mrt_op_return_string(c, name, strlen(name));
}

static void op_heap_code_statistics(mrt_op_call *c) {
  void *data;
  size_t len;
  if (mrt_op_arg_buffer(c, 0, &data, &len) != MRT_OK || len < 4 * sizeof(double)) return;
  shim_heap_code_stats(RT(c)->iso, data);
}

static void op_cached_data_version_tag(mrt_op_call *c) {
  mrt_op_return_number(c, (double)shim_code_cache_tag());
}

/* setFlags(string): JS checked it is one. */
static void op_set_flags(mrt_op_call *c) {
  size_t n = 0;
  const char *flags = mrt_op_arg_string(c, 0, &n);
  if (flags) shim_set_flags_from_string(flags, n);
}

typedef struct {
  char *data;
  size_t len, cap;
} grow_buf;

static int append(void *p, const char *bytes, size_t n) {
  grow_buf *b = p;
  if (n > SIZE_MAX / 2 - b->len) return -1;
  if (b->len + n > b->cap) {
    size_t cap = b->cap ? b->cap : 1 << 16;
    while (cap < b->len + n) cap *= 2;
    char *d = realloc(b->data, cap);
    if (!d) return -1;
    b->data = d;
    b->cap = cap;
  }
  memcpy(b->data + b->len, bytes, n);
  b->len += n;
  return 0;
}

/* heapSnapshot(): the .heapsnapshot JSON as a Uint8Array. */
static void op_heap_snapshot(mrt_op_call *c) {
  grow_buf b = {0};
  if (shim_heap_snapshot(RT(c)->iso, append, &b) != 0) {
    rt_op_error(c, "Error", "ERR_HEAP_SNAPSHOT", "could not take the heap snapshot");
  } else {
    shim_call_return_bytes(SC(c), b.data, b.len);
  }
  free(b.data);
}

/* ------------------------------------------------------------ Serializer / Deserializer */

typedef struct rt_node_v8 {
  shim_serdes **slots; /* slot i is handle i + 1; NULL: free */
  size_t n;
} rt_node_v8;

static double add_handle(mrt_op_call *c, shim_serdes *s) {
  rt_node_state *st = ST(c);
  if (!s) goto oom;
  if (!st->v8 && !(st->v8 = calloc(1, sizeof(rt_node_v8)))) goto oom;
  rt_node_v8 *t = st->v8;
  size_t i = 0;
  while (i < t->n && t->slots[i]) i++;
  if (i == t->n) {
    size_t n = t->n ? t->n * 2 : 8;
    shim_serdes **slots = realloc(t->slots, n * sizeof *slots);
    if (!slots) goto oom;
    memset(slots + t->n, 0, (n - t->n) * sizeof *slots);
    t->slots = slots;
    t->n = n;
  }
  t->slots[i] = s;
  return (double)(i + 1);
oom:
  shim_serdes_free(s);
  rt_op_error(c, "Error", "ENOMEM", "out of memory");
  return 0;
}

static shim_serdes **handle_slot(mrt_op_call *c, int i) {
  rt_node_v8 *t = ST(c)->v8;
  double h = mrt_op_arg_number(c, i);
  if (!t || !(h >= 1 && h <= (double)t->n) || !t->slots[(size_t)h - 1]) return NULL;
  return &t->slots[(size_t)h - 1];
}

static void op_serializer_new(mrt_op_call *c) {
  double h = add_handle(c, shim_serializer_new(RT(c)->iso));
  if (h) mrt_op_return_number(c, h);
}

/* deserializerNew(view): a copy of its bytes is read. */
static void op_deserializer_new(mrt_op_call *c) {
  void *data = NULL;
  size_t len = 0;
  if (mrt_op_arg_buffer(c, 0, &data, &len) != MRT_OK) {
    rt_op_error(c, "TypeError", "ERR_INVALID_ARG_TYPE", "buffer must be a TypedArray or a DataView");
    return;
  }
  double h = add_handle(c, shim_deserializer_new(RT(c)->iso, data, len));
  if (h) mrt_op_return_number(c, h);
}

/* serdes(handle, op, self, a, b): shim_call_serdes. */
static void op_serdes(mrt_op_call *c) {
  shim_serdes **slot = handle_slot(c, 0);
  if (!slot) {
    rt_op_error(c, "Error", "ERR_INVALID_STATE", "the serializer was freed");
    return;
  }
  shim_call_serdes(SC(c), *slot, (int)mrt_op_arg_number(c, 1), 2, 3);
}

static void op_serdes_free(mrt_op_call *c) {
  shim_serdes **slot = handle_slot(c, 0);
  if (!slot) return;
  shim_serdes_free(*slot);
  *slot = NULL;
}

void rt_node_v8_close(mrt_runtime *rt, rt_node_state *st) {
  (void)rt;
  rt_node_v8 *t = st->v8;
  if (!t) return;
  for (size_t i = 0; i < t->n; i++) shim_serdes_free(t->slots[i]);
  free(t->slots);
  free(t);
  st->v8 = NULL;
}

static const mrt_op_decl v8_fns[] = {
    {.name = "heapStatistics", .fn = op_heap_statistics},
    {.name = "heapSpaceCount", .fn = op_heap_space_count},
    {.name = "heapSpace", .fn = op_heap_space},
    {.name = "heapCodeStatistics", .fn = op_heap_code_statistics},
    {.name = "cachedDataVersionTag", .fn = op_cached_data_version_tag},
    {.name = "setFlags", .fn = op_set_flags},
    {.name = "heapSnapshot", .fn = op_heap_snapshot},
    {.name = "serializerNew", .fn = op_serializer_new},
    {.name = "deserializerNew", .fn = op_deserializer_new},
    {.name = "serdes", .fn = op_serdes},
    {.name = "serdesFree", .fn = op_serdes_free},
};

const mrt_op_decl *rt_node_v8_functions(size_t *n) {
  *n = sizeof v8_fns / sizeof v8_fns[0];
  return v8_fns;
}
