/*
 * server.h: the inspector's WebSocket server (`mrt --inspect`), as node's: HTTP discovery
 * (/json/list, /json, /json/version) and one WebSocket per debugger session, on a thread of
 * its own with its own libuv loop, so debuggers are heard while JS runs or is paused.
 * WebSocket framing is libwslay's, HTTP framing http-parser's (ext/http/h1.c), the handshake's
 * SHA-1 libcrypto's: each dlopen()ed when a server starts.
 *
 * Messages from a debugger go to the runtime through core/inspector.c (rt_inspector_remote_*);
 * the runtime's answers come back through insp_server_send, queued for the server's thread.
 */
#ifndef MRT_EXT_INSPECTOR_SERVER_H
#define MRT_EXT_INSPECTOR_SERVER_H

#include <stddef.h>

#include "inspector_internal.h"

typedef struct insp_server insp_server;

/* Listens on host:port (0: any free port) and starts the thread. NULL with the reason in
 * err (the address is taken, a library is missing...). */
insp_server *insp_server_start(rt_inspector *ins, const char *host, int port, char *err,
                               size_t n);
int insp_server_port(const insp_server *s);
/* "ws://host:port/<id>" */
const char *insp_server_ws_url(const insp_server *s);
/* Stops the thread, closes every connection and frees it (runtime's thread). */
void insp_server_stop(insp_server *s);

/* Runtime's thread: the session of connection c (set when it opened), a message for c's
 * debugger, and c handed back after its close was handled (c is freed once both sides are
 * done with it). */
void insp_server_conn_set_session(insp_conn *c, mrt_inspector_session *s);
mrt_inspector_session *insp_server_conn_session(insp_conn *c);
void insp_server_send(insp_conn *c, const char *msg, size_t len);
void insp_server_conn_done(insp_conn *c);

#endif /* MRT_EXT_INSPECTOR_SERVER_H */
