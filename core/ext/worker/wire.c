/* wire.c: messages between runtimes on different threads: made from an op's arguments,
 * freed, handed to JS (see wire.h). */
#include <stdlib.h>
#include <string.h>

#include "wire.h"

/* The extension's index in the table (builtin.c), found once. */
static atomic_size_t state_index;

wk_state *wk_state_of(mrt_runtime *rt) {
  size_t i = atomic_load_explicit(&state_index, memory_order_relaxed);
  if (!i) {
    while (i < rt_builtin_nexts && strcmp(rt_builtin_exts[i].name, "worker") != 0) i++;
    atomic_store_explicit(&state_index, i, memory_order_relaxed);
  }
  return rt->builtin_state[i];
}

void wk_msg_free(wk_msg *m) {
  for (size_t i = 0; i < m->nbufs; i++) shim_store_release(m->bufs[i]);
  for (size_t i = 0; i < m->nshared; i++) shim_store_release(m->shared[i]);
  for (size_t i = 0; i < m->nports; i++) {
    if (m->ports[i]) mp_close_loose(m->ports[i]);
  }
  free(m->ports);
  free(m->shared);
  free(m->bytes);
  free(m);
}

void wk_msgs_free(wk_msg *m) {
  for (wk_msg *next; m; m = next) {
    next = m->next;
    wk_msg_free(m);
  }
}

wk_msg *wk_msgs_append(wk_msg *a, wk_msg *b) {
  if (!a) return b;
  wk_msg *last = a;
  while (last->next) last = last->next;
  last->next = b;
  return a;
}

wk_msg *wk_take_message(mrt_op_call *c, int from) {
  int argc = mrt_op_argc(c);
  double np = mrt_op_arg_number(c, from + 2);
  size_t nports = np >= 1 && np <= 64 ? (size_t)np : 0;
  size_t nbufs = argc > from + 3 + (int)nports ? (size_t)(argc - from - 3 - (int)nports) : 0;
  if (nbufs > 64) {
    mrt_op_throw(c, "ERR_INVALID_ARG_VALUE", "at most 64 ArrayBuffers can be transferred at once");
    return NULL;
  }
  wk_msg *m = calloc(1, sizeof *m + nbufs * sizeof(shim_store *));
  if (!m) goto nomem;
  void *data;
  size_t len;
  if (mrt_op_arg_buffer(c, from, &data, &len) != MRT_OK) {
    free(m);
    mrt_op_throw(c, "ERR_INVALID_ARG_TYPE", "message bytes expected");
    return NULL;
  }
  m->kind = WK_MESSAGE;
  m->len = len;
  if (!(m->bytes = malloc(len ? len : 1))) goto nomem;
  memcpy(m->bytes, data, len);
  if (mrt_op_arg_type(c, from + 1) != MRT_TYPE_UNDEFINED &&
      shim_call_take_shared(rt_op_shim_call(c), from + 1, &m->shared, &m->nshared) != 0) {
    wk_msg_free(m);
    mrt_op_throw(c, "ERR_INVALID_ARG_TYPE", "SharedArrayBuffers expected");
    return NULL;
  }
  for (size_t i = 0; i < nbufs; i++) { /* the serializer's moved buffers: their memory */
    m->bufs[i] = shim_call_take_store(rt_op_shim_call(c), from + 3 + (int)(nports + i), &len);
    m->nbufs = i + 1;
    if (!m->bufs[i]) {
      wk_msg_free(m);
      mrt_op_throw(c, "ERR_INVALID_ARG_TYPE", "a detachable ArrayBuffer expected");
      return NULL;
    }
  }
  /* The ports last: once detached from this runtime only the message holds them. */
  if (nports) {
    mrt_runtime *rt = mrt_op_runtime(c);
    if (!(m->ports = calloc(nports, sizeof *m->ports))) goto nomem;
    for (size_t i = 0; i < nports; i++) {
      m->ports[i] = mp_detach(rt, mrt_op_arg_number(c, from + 3 + (int)i));
      m->nports = i + 1;
    }
  }
  return m;
nomem:
  if (m) wk_msg_free(m);
  mrt_op_throw(c, "ENOMEM", "out of memory");
  return NULL;
}

void wk_deliver(mrt_runtime *rt, shim_global *dispatch, wk_msg *list, double id) {
  size_t n = 0;
  for (wk_msg *m = list; m; m = m->next) {
    n += m->kind == WK_MESSAGE ? 5 + m->nbufs + m->nshared + m->nports
                               : m->kind == WK_ERROR ? 7 : 1;
  }
  shim_batch_item small[64];
  shim_batch_item *items = n <= 64 ? small : malloc(n * sizeof *items);
  if (!items || !dispatch) {
    if (items != small) free(items);
    wk_msgs_free(list);
    return;
  }
  size_t k = 0;
#define NUM(v) items[k++] = (shim_batch_item){.kind = SHIM_BATCH_NUMBER, .number = (v)}
  for (wk_msg *m = list; m; m = m->next) {
    NUM(m->kind);
    if (m->kind == WK_MESSAGE) {
      NUM((double)m->nbufs);
      NUM((double)m->nshared);
      NUM((double)m->nports);
      items[k++] = (shim_batch_item){.kind = SHIM_BATCH_BUFFER, .bytes = m->bytes, .len = m->len};
      m->bytes = NULL;
      for (size_t i = 0; i < m->nbufs; i++) {
        items[k++] = (shim_batch_item){.kind = SHIM_BATCH_STORE, .bytes = m->bufs[i]};
        m->bufs[i] = NULL;
      }
      for (size_t i = 0; i < m->nshared; i++) {
        items[k++] = (shim_batch_item){.kind = SHIM_BATCH_SHARED, .bytes = m->shared[i]};
        m->shared[i] = NULL;
      }
      for (size_t i = 0; i < m->nports; i++) {
        NUM(m->ports[i] ? mp_attach(rt, m->ports[i]) : -1);
        m->ports[i] = NULL; /* attached (or closed by mp_attach) */
      }
    } else if (m->kind == WK_ERROR) {
      const char *p = m->bytes;
      for (int f = 0; f < 4; f++) { /* name, message, file, stack */
        size_t len = strlen(p);
        items[k++] = (shim_batch_item){.kind = SHIM_BATCH_STRING, .bytes = (void *)p, .len = len};
        p += len + 1;
      }
      NUM(m->line);
      NUM(m->column);
    }
  }
#undef NUM
  shim_global *args[2] = {shim_number(rt->iso, id), shim_batch_array(rt->iso, items, k)};
  for (size_t i = 0; i < k; i++) { /* buffers not taken (out of memory) */
    if (items[i].kind == SHIM_BATCH_BUFFER) free(items[i].bytes);
    if (items[i].kind == SHIM_BATCH_STORE || items[i].kind == SHIM_BATCH_SHARED) {
      shim_store_release(items[i].bytes);
    }
  }
  if (items != small) free(items);
  wk_msgs_free(list);
  shim_exception exc = {0};
  int rc = args[0] && args[1] ? shim_call_function(rt->iso, dispatch, NULL, 2, args, NULL, &exc)
                              : 0;
  shim_release(args[0]);
  shim_release(args[1]);
  if (rc != 0) rt_raise(rt, &exc);
}
