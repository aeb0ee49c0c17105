/* net_addr.h: socket addresses for the network extensions (tcp, http): IP literals, a
 * blocking lookup for listen, and the "ip port" form their JS parses (net_addr.c). */
#ifndef MRT_EXT_NET_ADDR_H
#define MRT_EXT_NET_ADDR_H

#include <stddef.h>
#include <sys/socket.h>
#include <uv.h>

/* An IP literal (v4 or v6) with port; 0 or UV_EINVAL. */
int rt_addr_parse(const char *host, int port, struct sockaddr_storage *ss);
/* An IP literal or, failing that, getaddrinfo on the loop's thread (listen is synchronous);
 * 0 or a uv error. */
int rt_addr_resolve(uv_loop_t *uv, const char *host, int port, struct sockaddr_storage *ss);
/* "ip port" into out (n bytes); its length, or -1 for a family that is not IP. */
int rt_addr_format(const struct sockaddr_storage *ss, char *out, size_t n);

#endif /* MRT_EXT_NET_ADDR_H */
