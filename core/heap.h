/*
 * heap.h: the heap-limit policy (heap.c): what happens when V8 nears the heap limit, and
 * whether a hit is waiting to be reported. Not installed. Runtime's thread only.
 */
#ifndef MRT_HEAP_H
#define MRT_HEAP_H

#include <stddef.h>

#include "mrt.h"

/* The heap policy's state inside struct mrt_runtime: opaque bytes laid out and owned by
 * heap.c (checked there by a static assert). Zero bytes are the initial state. */
#define RT_HEAP_STATE_SIZE 64
typedef union rt_heap_state {
  unsigned char opaque[RT_HEAP_STATE_SIZE];
  void *align_;
} rt_heap_state;

/* After the isolate is made: records the heap limit (opts.max_heap_mb or V8's) for reports. */
void rt_heap_init(mrt_runtime *rt);
/* The heap limit in MB that reports of a hit name. */
size_t rt_heap_limit_mb(const mrt_runtime *rt);

/* shim_host.near_heap_limit: the embedder's callback, else terminate and grant room. */
size_t rt_on_near_heap_limit(void *data, size_t current, size_t initial);
/* shim_host.heap_refuse: a large allocation that would pass the limit; 1 refuses it. */
int rt_on_heap_refuse(void *data, size_t bytes);
/* The heap limit was hit and the hit is not reported yet: the running call fails with
 * MRT_EHEAPLIMIT. */
int rt_heap_limit_hit(const mrt_runtime *rt);
/* The outermost call a heap-limit hit ended has returned: reset for the next hit. */
void rt_heap_limit_reported(mrt_runtime *rt);

#endif /* MRT_HEAP_H */
