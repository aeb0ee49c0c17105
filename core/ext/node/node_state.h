/* node_state.h: the node extension's state (core/ext/node): what process.c's functions share
 * with signals.c and child_process.c. Not installed. */
#ifndef MRT_NODE_STATE_H
#define MRT_NODE_STATE_H

#include <uv.h>

#include "mrt.h"
#include "shim.h"

#define RT_NODE_NSIG 65

struct rt_child;

typedef struct rt_node_state {
  mrt_runtime_handle *handle;           /* to post signal tasks; made at the first watch */
  shim_global *signal_hook;             /* JS: (signo) => process.emit(name) */
  uv_signal_t *signals[RT_NODE_NSIG];   /* the signals watched, by number */
  shim_global *child_hook;              /* JS: (id, event, a, b) for child processes */
  struct rt_child *children;            /* spawned and not yet closed (child_process.c) */
  double next_child_id;
  struct rt_node_v8 *v8;                /* node:v8's serializer handles (v8.c), or NULL */
} rt_node_state;

void rt_node_set_signal_hook(mrt_op_call *c);
void rt_node_watch_signal(mrt_op_call *c);
void rt_node_signals_close(mrt_runtime *rt, rt_node_state *st);
/* The runtime's handle (to post tasks), made at first use; NULL: out of memory. */
mrt_runtime_handle *rt_node_handle(mrt_runtime *rt, rt_node_state *st);
void rt_node_children_close(mrt_runtime *rt, rt_node_state *st);
/* v8.c: node:v8's functions (nodeBinding("v8")); close frees the handles left. */
const mrt_op_decl *rt_node_v8_functions(size_t *n);
void rt_node_v8_close(mrt_runtime *rt, rt_node_state *st);

#endif
