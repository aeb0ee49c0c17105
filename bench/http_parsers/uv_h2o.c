/*
 * uv_h2o.c: the "hello" server on Debian's libh2o (2.2.5, its libuv build) over mrt-style
 * libuv TCP: we accept on our own uv_tcp_t and hand each connection to h2o with
 * h2o_uv_socket_create + h2o_accept. HTTP/1.1 and cleartext HTTP/2 (prior knowledge, which
 * h2load uses; h2o switches on the "PRI * HTTP/2.0" preface).
 *
 * Usage: uv_h2o PORT
 */
#include <h2o.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <uv.h>

static h2o_globalconf_t config;
static h2o_context_t ctx;
static h2o_accept_ctx_t accept_ctx;

static int on_req(h2o_handler_t *self, h2o_req_t *req) {
  (void)self;
  static h2o_generator_t generator = {NULL, NULL};
  static h2o_iovec_t body = {"hello", 5};
  req->res.status = 200;
  req->res.reason = "OK";
  req->res.content_length = body.len;
  h2o_add_header(&req->pool, &req->res.headers, H2O_TOKEN_CONTENT_TYPE, NULL,
                 H2O_STRLIT("text/plain"));
  h2o_start_response(req, &generator);
  h2o_send(req, &body, 1, H2O_SEND_STATE_FINAL);
  return 0;
}

static void on_connection(uv_stream_t *server, int status) {
  if (status < 0) return;
  uv_tcp_t *tcp = malloc(sizeof *tcp);
  if (!tcp) return;
  uv_tcp_init(server->loop, tcp);
  if (uv_accept(server, (uv_stream_t *)tcp) != 0) {
    uv_close((uv_handle_t *)tcp, (uv_close_cb)free);
    return;
  }
  uv_tcp_nodelay(tcp, 1);
  h2o_socket_t *sock = h2o_uv_socket_create((uv_stream_t *)tcp, (uv_close_cb)free);
  h2o_accept(&accept_ctx, sock);
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s PORT\n", argv[0]);
    return 2;
  }
  signal(SIGPIPE, SIG_IGN);
  h2o_config_init(&config);
  h2o_hostconf_t *host =
      h2o_config_register_host(&config, h2o_iovec_init(H2O_STRLIT("default")), 65535);
  h2o_pathconf_t *path = h2o_config_register_path(host, "/", 0);
  h2o_handler_t *handler = h2o_create_handler(path, sizeof *handler);
  handler->on_req = on_req;

  uv_loop_t *loop = uv_default_loop();
  h2o_context_init(&ctx, loop, &config);
  accept_ctx.ctx = &ctx;
  accept_ctx.hosts = config.hosts;

  uv_tcp_t server;
  struct sockaddr_in addr;
  uv_ip4_addr("127.0.0.1", atoi(argv[1]), &addr);
  uv_tcp_init(loop, &server);
  int r = uv_tcp_bind(&server, (const struct sockaddr *)&addr, 0);
  if (r == 0) r = uv_listen((uv_stream_t *)&server, 1024, on_connection);
  if (r != 0) {
    fprintf(stderr, "listen: %s\n", uv_strerror(r));
    return 1;
  }
  return uv_run(loop, UV_RUN_DEFAULT);
}
