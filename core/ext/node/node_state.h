/* node_state.h: the node extension's state (core/ext/node): what process.c's functions share
 * with signals.c. Not installed. */
#ifndef MRT_NODE_STATE_H
#define MRT_NODE_STATE_H

#include <uv.h>

#include "mrt.h"
#include "shim.h"

#define RT_NODE_NSIG 65

typedef struct rt_node_state {
  mrt_runtime_handle *handle;           /* to post signal tasks; made at the first watch */
  shim_global *signal_hook;             /* JS: (signo) => process.emit(name) */
  uv_signal_t *signals[RT_NODE_NSIG];   /* the signals watched, by number */
} rt_node_state;

void rt_node_set_signal_hook(mrt_op_call *c);
void rt_node_watch_signal(mrt_op_call *c);
void rt_node_signals_close(mrt_runtime *rt, rt_node_state *st);

#endif
