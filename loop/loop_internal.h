/*
 * loop_internal.h: knobs and introspection of loop/ for its own unit tests. Not part of
 * the layer's contract (core/ uses loop.h only).
 */
#ifndef MRT_LOOP_INTERNAL_H
#define MRT_LOOP_INTERNAL_H

#include "loop.h"

#ifdef __cplusplus
extern "C" {
#endif

/* loop_new with a given completion ring capacity (rounded up to a power of two). */
int loop_new_ex(const loop_hooks *hooks, size_t ring_capacity, loop_t **out);

size_t loop_timer_slab_capacity(loop_t *loop);
size_t loop_timer_heap_capacity(loop_t *loop);
size_t loop_ring_capacity(loop_t *loop);

/* pool.c's state in the loop (NULL until the first loop_work_submit), and whether
 * loop_free has begun. */
struct loop_pool;
struct loop_pool **loop_pool_slot(loop_t *loop);
int loop_closing(loop_t *loop);

#ifdef __cplusplus
}
#endif
#endif /* MRT_LOOP_INTERNAL_H */
