/*
 * firstresponse — cold start of an HTTP server to its first response, measured from outside.
 *
 *   firstresponse --port P [options] -- CMD ARGS...   spawn CMD, time spawn → first 200
 *   firstresponse --port P [options]                  only wait for a 200 (server started elsewhere)
 *
 *   --host A          IPv4 address to connect to (default 127.0.0.1)
 *   --path /p         request path (default /)
 *   --timeout SEC     give up after SEC seconds (default 20)
 *   --interval-us U   pause between refused connects (default 100 µs)
 *   --server-cpu N    pin the spawned server to CPU N (sched_setaffinity before exec)
 *   --client-cpu N    pin this program to CPU N (so polling does not take the server's CPU)
 *   --env K=V         set a variable in the server's environment (repeatable)
 *   --cwd DIR         run the server in DIR
 *   --stderr FILE     the server's stderr goes to FILE (default /dev/null); stdout always /dev/null
 *   --nice N          scheduling priority of the server and of this program (setpriority; a
 *                     negative N needs root: on a shared machine it keeps builds from preempting)
 *   --keep            leave the spawned server running and print its pid (default: SIGKILL its group)
 *   --any-status      any HTTP status line counts as the answer (readiness of a server whose GET /
 *                     is not a 200, e.g. a POST-only handler); the default wants 200
 *
 * Spawn mode: refuses to start if something already answers on the port (a stale server would
 * be measured instead). The clock (CLOCK_MONOTONIC) starts just before fork(); the child gets its
 * own process group and execvp()s CMD. The parent connects (blocking: on loopback a refused
 * connect returns at once), retrying until one is accepted, sends
 * `GET PATH HTTP/1.1` with `Connection: close` and reads until the status line is complete. A
 * connection closed or reset before a status line counts as not ready yet and is retried. Then
 * the server's process group gets SIGKILL and is reaped.
 *
 * Prints one JSON line: {"first_response_ms":..,"connect_ms":..,"status":200,"attempts":N,"pid":P}
 * (connect_ms: spawn → first accepted connect). Exit 0 when the status was 200, 1 on any other
 * status, timeout or server death (the JSON then has "error"), 2 on usage errors.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_ENV 64

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void pin(int cpu) {
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  if (sched_setaffinity(0, sizeof set, &set) != 0) perror("firstresponse: sched_setaffinity");
}

static void usage(void) {
  fprintf(stderr, "usage: firstresponse --port P [--host A] [--path /p] [--timeout SEC] [--interval-us U]\n"
                  "       [--server-cpu N] [--client-cpu N] [--env K=V]... [--cwd DIR] [--stderr FILE]\n"
                  "       [--nice N] [--keep] [--any-status] [-- CMD ARGS...]\n");
  exit(2);
}

/* One attempt. Returns the HTTP status (> 0), 0 when not ready (refused, closed or reset before a
 * status line), -1 on a hard error. *connected is set once the TCP connect succeeded. */
static int try_request(const struct sockaddr_in *addr, const char *req, size_t req_len, double deadline,
                       int *connected) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  if (connect(fd, (const struct sockaddr *)addr, sizeof *addr) != 0) {
    int e = errno;
    close(fd);
    return (e == ECONNREFUSED || e == ECONNRESET || e == EAGAIN || e == ETIMEDOUT) ? 0 : -1;
  }
  *connected = 1;
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  size_t off = 0;
  while (off < req_len) {
    ssize_t n = send(fd, req + off, req_len - off, MSG_NOSIGNAL);
    if (n < 0) { if (errno == EINTR) continue; close(fd); return 0; }
    off += (size_t)n;
  }
  char buf[512];
  size_t have = 0;
  for (;;) {
    int left = (int)(deadline - now_ms());
    if (left <= 0) { close(fd); return 0; }
    struct pollfd p = {fd, POLLIN, 0};
    int r = poll(&p, 1, left);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) { close(fd); return 0; }
    ssize_t n = recv(fd, buf + have, sizeof buf - 1 - have, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) { close(fd); return 0; }
    have += (size_t)n;
    buf[have] = 0;
    char *eol = strstr(buf, "\r\n");
    if (eol || have == sizeof buf - 1) {
      close(fd);
      int status = 0;
      if (sscanf(buf, "HTTP/1.%*d %d", &status) != 1 || status <= 0) return -1;
      return status;
    }
  }
}

int main(int argc, char **argv) {
  const char *host = "127.0.0.1", *path = "/", *cwd = NULL, *err_file = "/dev/null";
  int port = 0, server_cpu = -1, client_cpu = -1, keep = 0, any_status = 0, nice_set = 0, nice_val = 0;
  double timeout_s = 20;
  long interval_us = 100;
  char *envs[MAX_ENV];
  int nenv = 0;
  char **cmd = NULL;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    int more = i + 1 < argc;
    if (!strcmp(a, "--")) { cmd = argv + i + 1; if (!*cmd) usage(); break; }
    else if (!strcmp(a, "--port") && more) port = atoi(argv[++i]);
    else if (!strcmp(a, "--host") && more) host = argv[++i];
    else if (!strcmp(a, "--path") && more) path = argv[++i];
    else if (!strcmp(a, "--timeout") && more) timeout_s = atof(argv[++i]);
    else if (!strcmp(a, "--interval-us") && more) interval_us = atol(argv[++i]);
    else if (!strcmp(a, "--server-cpu") && more) server_cpu = atoi(argv[++i]);
    else if (!strcmp(a, "--client-cpu") && more) client_cpu = atoi(argv[++i]);
    else if (!strcmp(a, "--env") && more && nenv < MAX_ENV) envs[nenv++] = argv[++i];
    else if (!strcmp(a, "--cwd") && more) cwd = argv[++i];
    else if (!strcmp(a, "--stderr") && more) err_file = argv[++i];
    else if (!strcmp(a, "--keep")) keep = 1;
    else if (!strcmp(a, "--any-status")) any_status = 1;
    else if (!strcmp(a, "--nice") && more) { nice_set = 1; nice_val = atoi(argv[++i]); }
    else usage();
  }
  if (port <= 0 || port > 65535 || timeout_s <= 0) usage();

  struct sockaddr_in addr = {0};
  addr.sin_family = AF_INET;
  addr.sin_port = htons((uint16_t)port);
  if (inet_pton(AF_INET, host, &addr.sin_addr) != 1) { fprintf(stderr, "firstresponse: bad --host %s\n", host); return 2; }
  char req[1024];
  int req_len = snprintf(req, sizeof req, "GET %s HTTP/1.1\r\nHost: %s:%d\r\nConnection: close\r\n\r\n", path, host, port);
  if (req_len <= 0 || req_len >= (int)sizeof req) usage();
  if (client_cpu >= 0) pin(client_cpu);
  if (nice_set && setpriority(PRIO_PROCESS, 0, nice_val) != 0) perror("firstresponse: setpriority"); /* the child inherits it */

  pid_t pid = 0;
  if (cmd) {
    int probe = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (probe >= 0 && connect(probe, (struct sockaddr *)&addr, sizeof addr) == 0) {
      printf("{\"error\":\"port %d already answers: a stale server?\"}\n", port);
      return 1;
    }
    if (probe >= 0) close(probe);
  }
  double t0 = now_ms();
  if (cmd) {
    pid = fork();
    if (pid < 0) { perror("firstresponse: fork"); return 1; }
    if (pid == 0) {
      setpgid(0, 0);
      if (server_cpu >= 0) pin(server_cpu);
      for (int i = 0; i < nenv; i++) putenv(envs[i]);
      if (cwd && chdir(cwd) != 0) { perror("firstresponse: chdir"); _exit(127); }
      int dn = open("/dev/null", O_RDWR), ef = open(err_file, O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (dn >= 0) { dup2(dn, 0); dup2(dn, 1); }
      if (ef >= 0) dup2(ef, 2);
      execvp(cmd[0], cmd);
      fprintf(stderr, "firstresponse: exec %s: %s\n", cmd[0], strerror(errno));
      _exit(127);
    }
    setpgid(pid, pid); /* both sides, so the group exists whoever runs first */
  }

  double deadline = t0 + timeout_s * 1e3, t_connect = -1;
  int status = 0, attempts = 0, dead = 0, wstatus = 0;
  const char *error = NULL;
  struct timespec pause = {0, interval_us * 1000};
  while (now_ms() < deadline) {
    int connected = 0;
    attempts++;
    status = try_request(&addr, req, (size_t)req_len, deadline, &connected);
    if (connected && t_connect < 0) t_connect = now_ms() - t0;
    if (status != 0) break;
    if (pid > 0 && waitpid(pid, &wstatus, WNOHANG) == pid) { dead = 1; error = "server exited before answering"; break; }
    nanosleep(&pause, NULL);
  }
  double t_first = now_ms() - t0;
  if (!error && status == 0) error = "timed out";
  if (!error && status < 0) error = "bad response";
  if (!error && status != 200 && !any_status) error = "status not 200";

  if (pid > 0 && (!keep || error) && !dead) { /* a failed server is never left behind */
    kill(-pid, SIGKILL);
    waitpid(pid, &wstatus, 0);
  }
  printf("{\"first_response_ms\":%.3f,\"connect_ms\":%.3f,\"status\":%d,\"attempts\":%d", t_first, t_connect,
         status > 0 ? status : 0, attempts);
  if (pid > 0) printf(",\"pid\":%d", (int)pid);
  if (dead) printf(",\"exit\":%d,\"signal\":%d", WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1,
                   WIFSIGNALED(wstatus) ? WTERMSIG(wstatus) : 0);
  if (error) printf(",\"error\":\"%s\"", error);
  printf("}\n");
  return error ? 1 : 0;
}
