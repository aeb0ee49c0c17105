/* os.c: the facts behind node:os (core/ext/node/lib/os.js), from libuv: host name, uname,
 * load average, memory, CPUs, network interfaces, the user, the home directory, priorities.
 * Records come back as one string of fields separated by NUL (os.js splits them): one call
 * per question, no object built in C. The functions reach JS through process.c's
 * nodeBinding. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uv.h>

#include "ext/ext.h"
#include "runtime_internal.h"

/* A growing NUL-separated list of fields. */
typedef struct fields {
  char *s;
  size_t len, cap;
  int failed;
} fields;

static void add(fields *f, const char *s, size_t n) {
  if (f->failed) return;
  if (f->len + n + 1 > f->cap) {
    size_t cap = f->cap ? f->cap * 2 : 1024;
    while (cap < f->len + n + 1) cap *= 2;
    char *p = realloc(f->s, cap);
    if (!p) {
      f->failed = 1;
      return;
    }
    f->s = p;
    f->cap = cap;
  }
  memcpy(f->s + f->len, s, n);
  f->len += n;
  f->s[f->len++] = '\0';
}

static void add_str(fields *f, const char *s) { add(f, s ? s : "", s ? strlen(s) : 0); }

static void add_num(fields *f, double d) {
  char buf[64];
  int n = snprintf(buf, sizeof buf, "%.17g", d);
  add(f, buf, (size_t)n);
}

/* Returns the fields (the last separator dropped), or throws when out of memory. */
static void return_fields(mrt_op_call *c, fields *f) {
  if (f->failed) rt_op_error(c, "Error", "ENOMEM", "out of memory");
  else mrt_op_return_string(c, f->s ? f->s : "", f->len ? f->len - 1 : 0);
  free(f->s);
}

static void throw_uv(mrt_op_call *c, int err, const char *syscall) {
  char msg[256];
  snprintf(msg, sizeof msg, "A system error occurred: %s returned %s (%s)", syscall,
           uv_err_name(err), uv_strerror(err));
  rt_op_error(c, "Error", "ERR_SYSTEM_ERROR", msg);
}

static void op_hostname(mrt_op_call *c) {
  char buf[UV_MAXHOSTNAMESIZE];
  size_t n = sizeof buf;
  int rc = uv_os_gethostname(buf, &n);
  if (rc) throw_uv(c, rc, "uv_os_gethostname");
  else mrt_op_return_string(c, buf, n);
}

/* sysname, release, version, machine */
static void op_uname(mrt_op_call *c) {
  uv_utsname_t u;
  int rc = uv_os_uname(&u);
  if (rc) {
    throw_uv(c, rc, "uv_os_uname");
    return;
  }
  fields f = {0};
  add_str(&f, u.sysname);
  add_str(&f, u.release);
  add_str(&f, u.version);
  add_str(&f, u.machine);
  return_fields(c, &f);
}

/* loadavg1, 5, 15, uptime, totalmem, freemem */
static void op_numbers(mrt_op_call *c) {
  double avg[3];
  uv_loadavg(avg);
  double up = 0;
  uv_uptime(&up);
  fields f = {0};
  for (int i = 0; i < 3; i++) add_num(&f, avg[i]);
  add_num(&f, up);
  add_num(&f, (double)uv_get_total_memory());
  add_num(&f, (double)uv_get_free_memory());
  return_fields(c, &f);
}

/* Per CPU: model, speed, user, nice, sys, idle, irq (times in ms). */
static void op_cpus(mrt_op_call *c) {
  uv_cpu_info_t *cpus;
  int n;
  fields f = {0};
  if (uv_cpu_info(&cpus, &n) != 0) { /* Node returns [] when it cannot tell */
    return_fields(c, &f);
    return;
  }
  for (int i = 0; i < n; i++) {
    add_str(&f, cpus[i].model);
    add_num(&f, cpus[i].speed);
    add_num(&f, (double)cpus[i].cpu_times.user);
    add_num(&f, (double)cpus[i].cpu_times.nice);
    add_num(&f, (double)cpus[i].cpu_times.sys);
    add_num(&f, (double)cpus[i].cpu_times.idle);
    add_num(&f, (double)cpus[i].cpu_times.irq);
  }
  uv_free_cpu_info(cpus, n);
  return_fields(c, &f);
}

/* Per address: name, family (4/6), address, netmask, mac, internal (0/1), scopeid. */
static void op_interfaces(mrt_op_call *c) {
  uv_interface_address_t *ifs;
  int n;
  int rc = uv_interface_addresses(&ifs, &n);
  if (rc) {
    throw_uv(c, rc, "uv_interface_addresses");
    return;
  }
  fields f = {0};
  for (int i = 0; i < n; i++) {
    char addr[INET6_ADDRSTRLEN] = "", mask[INET6_ADDRSTRLEN] = "", mac[18];
    int v6 = ifs[i].address.address4.sin_family == AF_INET6;
    if (v6) {
      uv_ip6_name(&ifs[i].address.address6, addr, sizeof addr);
      uv_ip6_name(&ifs[i].netmask.netmask6, mask, sizeof mask);
    } else {
      uv_ip4_name(&ifs[i].address.address4, addr, sizeof addr);
      uv_ip4_name(&ifs[i].netmask.netmask4, mask, sizeof mask);
    }
    const unsigned char *m = (const unsigned char *)ifs[i].phys_addr;
    snprintf(mac, sizeof mac, "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3], m[4], m[5]);
    add_str(&f, ifs[i].name);
    add_num(&f, v6 ? 6 : 4);
    add_str(&f, addr);
    add_str(&f, mask);
    add_str(&f, mac);
    add_num(&f, ifs[i].is_internal);
    add_num(&f, v6 ? ifs[i].address.address6.sin6_scope_id : 0);
  }
  uv_free_interface_addresses(ifs, n);
  return_fields(c, &f);
}

/* uid, gid, username, homedir, shell */
static void op_user_info(mrt_op_call *c) {
  uv_passwd_t pw;
  int rc = uv_os_get_passwd(&pw);
  if (rc) {
    throw_uv(c, rc, "uv_os_get_passwd");
    return;
  }
  fields f = {0};
  add_num(&f, (double)pw.uid);
  add_num(&f, (double)pw.gid);
  add_str(&f, pw.username);
  add_str(&f, pw.homedir);
  add_str(&f, pw.shell);
  uv_os_free_passwd(&pw);
  return_fields(c, &f);
}

static void op_homedir(mrt_op_call *c) {
  char buf[4096];
  size_t n = sizeof buf;
  int rc = uv_os_homedir(buf, &n);
  if (rc) throw_uv(c, rc, "uv_os_homedir");
  else mrt_op_return_string(c, buf, n);
}

static void op_get_priority(mrt_op_call *c) {
  int prio = 0;
  int rc = uv_os_getpriority((uv_pid_t)mrt_op_arg_number(c, 0), &prio);
  if (rc) throw_uv(c, rc, "uv_os_getpriority");
  else mrt_op_return_number(c, prio);
}

static void op_set_priority(mrt_op_call *c) {
  int rc = uv_os_setpriority((uv_pid_t)mrt_op_arg_number(c, 0), (int)mrt_op_arg_number(c, 1));
  if (rc) throw_uv(c, rc, "uv_os_setpriority");
}

static const mrt_op_decl os_fns[] = {
    {.name = "osHostname", .fn = op_hostname},
    {.name = "osUname", .fn = op_uname},
    {.name = "osNumbers", .fn = op_numbers},
    {.name = "osCpus", .fn = op_cpus},
    {.name = "osInterfaces", .fn = op_interfaces},
    {.name = "osUserInfo", .fn = op_user_info},
    {.name = "osHomedir", .fn = op_homedir},
    {.name = "osGetPriority", .fn = op_get_priority},
    {.name = "osSetPriority", .fn = op_set_priority},
};

const mrt_op_decl *rt_node_os_functions(size_t *n) {
  *n = sizeof os_fns / sizeof os_fns[0];
  return os_fns;
}
