/*
 * dlopen_cost.c: what loading an HTTP library at first use costs a fresh process that, like
 * mrt, already has libuv and libc mapped: the dlopen(RTLD_NOW) time, the shared objects it
 * brings in, the RSS it adds, and (for h2o) the time of the set-up a server needs before
 * its first connection (h2o_config_init + a host + h2o_context_init on the uv loop).
 * One measurement per process; run.sh runs it 20 times and takes medians.
 *
 * Usage: dlopen_cost http-parser|h2o     prints: us_dlopen objects_added rss_kb_added us_init
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <h2o.h>
#include <http_parser.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <uv.h>

static double now_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static long rss_kb(void) {
  FILE *f = fopen("/proc/self/status", "r");
  char line[256];
  long kb = -1;
  while (f && fgets(line, sizeof line, f))
    if (strncmp(line, "VmRSS:", 6) == 0) kb = atol(line + 6);
  if (f) fclose(f);
  return kb;
}

static int count_object(struct dl_phdr_info *info, size_t size, void *n) {
  (void)info;
  (void)size;
  ++*(int *)n;
  return 0;
}

static int objects(void) {
  int n = 0;
  dl_iterate_phdr(count_object, &n);
  return n;
}

static void *need(void *lib, const char *name) {
  void *f = dlsym(lib, name);
  if (!f) {
    fprintf(stderr, "dlsym %s: %s\n", name, dlerror());
    exit(1);
  }
  return f;
}

/* What uv_h2o.c does before it accepts, through dlsym'd pointers. */
static void h2o_setup(void *lib) {
  static h2o_globalconf_t config;
  static h2o_context_t ctx;
  void (*config_init)(h2o_globalconf_t *) = need(lib, "h2o_config_init");
  h2o_hostconf_t *(*register_host)(h2o_globalconf_t *, h2o_iovec_t, uint16_t) =
      need(lib, "h2o_config_register_host");
  h2o_pathconf_t *(*register_path)(h2o_hostconf_t *, const char *, int) =
      need(lib, "h2o_config_register_path");
  h2o_handler_t *(*create_handler)(h2o_pathconf_t *, size_t) = need(lib, "h2o_create_handler");
  void (*context_init)(h2o_context_t *, h2o_loop_t *, h2o_globalconf_t *) =
      need(lib, "h2o_context_init");
  config_init(&config);
  h2o_iovec_t name = {"default", 7};
  h2o_hostconf_t *host = register_host(&config, name, 65535);
  create_handler(register_path(host, "/", 0), sizeof(h2o_handler_t));
  context_init(&ctx, uv_default_loop(), &config);
}

int main(int argc, char **argv) {
  if (argc != 2 || (strcmp(argv[1], "http-parser") && strcmp(argv[1], "h2o"))) {
    fprintf(stderr, "usage: %s http-parser|h2o\n", argv[0]);
    return 2;
  }
  int h2o = strcmp(argv[1], "h2o") == 0;
  uv_default_loop(); /* mrt's loop exists before any server */
  int objs0 = objects();
  long rss0 = rss_kb();
  double t0 = now_us();
  void *lib = dlopen(h2o ? "libh2o.so.0.13" : "libhttp_parser.so.2.9", RTLD_NOW | RTLD_LOCAL);
  double t1 = now_us();
  if (!lib) {
    fprintf(stderr, "dlopen: %s\n", dlerror());
    return 1;
  }
  double t2 = now_us();
  if (h2o) h2o_setup(lib);
  else {
    static http_parser_settings settings;
    ((void (*)(http_parser_settings *))need(lib, "http_parser_settings_init"))(&settings);
  }
  double t3 = now_us();
  printf("%.0f %d %ld %.0f\n", t1 - t0, objects() - objs0, rss_kb() - rss0, t3 - t2);
  return 0;
}
