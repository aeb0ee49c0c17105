/* inspector_internal.h: the inspector's hooks for the rest of the kernel and for its server
 * (core/inspector.c). Not installed. */
#ifndef MRT_INSPECTOR_INTERNAL_H
#define MRT_INSPECTOR_INTERNAL_H

#include <stddef.h>

#include "mrt.h"

typedef struct rt_inspector rt_inspector;
typedef struct insp_conn insp_conn;

/* The runtime's: a pending MRT_INSPECT_BREAK makes the next JS function called pause at its
 * first statement (called right before a main script, CommonJS main or module evaluation
 * runs); whether one is pending. */
void rt_inspector_before_main(mrt_runtime *rt);
int rt_inspector_break_pending(mrt_runtime *rt);
/* mrt_runtime_free: sessions, server and V8's inspector end before the isolate goes
 * (close); the rest after the loop is freed (free). Nothing without an inspector. */
void rt_inspector_close(mrt_runtime *rt);
void rt_inspector_free(mrt_runtime *rt);

/* The server's thread: a WebSocket connection opened, sent a message, closed. Each is queued
 * for the runtime's thread, which connects a session for c, dispatches, and disconnects it
 * then hands c back (insp_server_conn_done). */
void rt_inspector_remote_open(rt_inspector *ins, insp_conn *c);
void rt_inspector_remote_message(rt_inspector *ins, insp_conn *c, const char *msg, size_t len);
void rt_inspector_remote_close(rt_inspector *ins, insp_conn *c);

#endif /* MRT_INSPECTOR_INTERNAL_H */
