/*
 * resources.h: the runtime's resource table (the public side is in mrt.h: mrt_resource_*),
 * one for every I/O kind (files, listeners, connections, ...). Not installed.
 */
#ifndef MRT_RESOURCES_H
#define MRT_RESOURCES_H

#include "mrt.h"

/* mrt_runtime_free: closes every resource still open, in one loop (rid order), then no more
 * can be added. */
void rt_resources_close_all(mrt_runtime *rt);
/* Frees the table (after rt_resources_close_all). */
void rt_resources_free(mrt_runtime *rt);

#endif /* MRT_RESOURCES_H */
