/* net_addr.c: see net_addr.h. */
#include "ext/net_addr.h"

#include <stdio.h>
#include <string.h>

int rt_addr_parse(const char *host, int port, struct sockaddr_storage *ss) {
  if (uv_ip4_addr(host, port, (struct sockaddr_in *)ss) == 0) return 0;
  if (uv_ip6_addr(host, port, (struct sockaddr_in6 *)ss) == 0) return 0;
  return UV_EINVAL;
}

int rt_addr_resolve(uv_loop_t *uv, const char *host, int port, struct sockaddr_storage *ss) {
  if (rt_addr_parse(host, port, ss) == 0) return 0;
  uv_getaddrinfo_t req;
  struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM};
  int rc = uv_getaddrinfo(uv, &req, NULL, host, NULL, &hints);
  if (rc != 0) return rc;
  memset(ss, 0, sizeof *ss);
  memcpy(ss, req.addrinfo->ai_addr, req.addrinfo->ai_addrlen);
  uv_freeaddrinfo(req.addrinfo);
  if (ss->ss_family == AF_INET) ((struct sockaddr_in *)ss)->sin_port = htons((uint16_t)port);
  else ((struct sockaddr_in6 *)ss)->sin6_port = htons((uint16_t)port);
  return 0;
}

int rt_addr_format(const struct sockaddr_storage *ss, char *out, size_t n) {
  char ip[64] = "";
  int port = 0;
  if (ss->ss_family == AF_INET) {
    const struct sockaddr_in *a = (const struct sockaddr_in *)ss;
    uv_ip4_name(a, ip, sizeof ip);
    port = ntohs(a->sin_port);
  } else if (ss->ss_family == AF_INET6) {
    const struct sockaddr_in6 *a = (const struct sockaddr_in6 *)ss;
    uv_ip6_name(a, ip, sizeof ip);
    port = ntohs(a->sin6_port);
  } else {
    return -1;
  }
  return snprintf(out, n, "%s %d", ip, port);
}
