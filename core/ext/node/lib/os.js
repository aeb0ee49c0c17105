// node:os over libuv (core/ext/node/os.c). mrt runs on Linux: the constants are Linux's
// (the same numbers on every Linux architecture Node supports, as asm-generic defines them).
(function (P) {
  "use strict";
  const ops = P.ops;
  const nops = P.nodeOps(); // process.c/os.c functions (made at first use)

  const signals = Object.freeze({
    __proto__: null, SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGILL: 4, SIGTRAP: 5, SIGABRT: 6,
    SIGIOT: 6, SIGBUS: 7, SIGFPE: 8, SIGKILL: 9, SIGUSR1: 10, SIGSEGV: 11, SIGUSR2: 12,
    SIGPIPE: 13, SIGALRM: 14, SIGTERM: 15, SIGCHLD: 17, SIGSTKFLT: 16, SIGCONT: 18, SIGSTOP: 19,
    SIGTSTP: 20, SIGTTIN: 21, SIGTTOU: 22, SIGURG: 23, SIGXCPU: 24, SIGXFSZ: 25, SIGVTALRM: 26,
    SIGPROF: 27, SIGWINCH: 28, SIGIO: 29, SIGPOLL: 29, SIGPWR: 30, SIGSYS: 31,
  });
  const errno = Object.freeze({
    __proto__: null, E2BIG: 7, EACCES: 13, EADDRINUSE: 98, EADDRNOTAVAIL: 99, EAFNOSUPPORT: 97,
    EAGAIN: 11, EALREADY: 114, EBADF: 9, EBADMSG: 74, EBUSY: 16, ECANCELED: 125, ECHILD: 10,
    ECONNABORTED: 103, ECONNREFUSED: 111, ECONNRESET: 104, EDEADLK: 35, EDESTADDRREQ: 89,
    EDOM: 33, EDQUOT: 122, EEXIST: 17, EFAULT: 14, EFBIG: 27, EHOSTUNREACH: 113, EIDRM: 43,
    EILSEQ: 84, EINPROGRESS: 115, EINTR: 4, EINVAL: 22, EIO: 5, EISCONN: 106, EISDIR: 21,
    ELOOP: 40, EMFILE: 24, EMLINK: 31, EMSGSIZE: 90, EMULTIHOP: 72, ENAMETOOLONG: 36,
    ENETDOWN: 100, ENETRESET: 102, ENETUNREACH: 101, ENFILE: 23, ENOBUFS: 105, ENODATA: 61,
    ENODEV: 19, ENOENT: 2, ENOEXEC: 8, ENOLCK: 37, ENOLINK: 67, ENOMEM: 12, ENOMSG: 42,
    ENOPROTOOPT: 92, ENOSPC: 28, ENOSR: 63, ENOSTR: 60, ENOSYS: 38, ENOTCONN: 107, ENOTDIR: 20,
    ENOTEMPTY: 39, ENOTSOCK: 88, ENOTSUP: 95, ENOTTY: 25, ENXIO: 6, EOPNOTSUPP: 95, EOVERFLOW: 75,
    EPERM: 1, EPIPE: 32, EPROTO: 71, EPROTONOSUPPORT: 93, EPROTOTYPE: 91, ERANGE: 34, EROFS: 30,
    ESPIPE: 29, ESRCH: 3, ESTALE: 116, ETIME: 62, ETIMEDOUT: 110, ETXTBSY: 26, EWOULDBLOCK: 11,
    EXDEV: 18,
  });
  const priority = Object.freeze({ __proto__: null, PRIORITY_LOW: 19, PRIORITY_BELOW_NORMAL: 10,
    PRIORITY_NORMAL: 0, PRIORITY_ABOVE_NORMAL: -7, PRIORITY_HIGH: -14, PRIORITY_HIGHEST: -20 });
  const dlopen = Object.freeze({ __proto__: null, RTLD_LAZY: 1, RTLD_NOW: 2, RTLD_GLOBAL: 256,
    RTLD_LOCAL: 0, RTLD_DEEPBIND: 8 });
  const constants = Object.freeze({ __proto__: null, UV_UDP_REUSEADDR: 4, dlopen, errno, signals, priority });

  function fields(s) {
    return s === "" ? [] : s.split("\0");
  }
  function uname() {
    const [sysname, release, version, machine] = fields(nops.osUname());
    return { sysname, release, version, machine };
  }
  function numbers() {
    return fields(nops.osNumbers()).map(Number);
  }

  function validateInt(value, name, min, max) {
    if (typeof value !== "number") {
      const err = new TypeError(`The "${name}" argument must be of type number. Received ${value === null || value === undefined ? String(value) : `type ${typeof value} (${typeof value === "string" ? `'${value}'` : String(value)})`}`);
      err.code = "ERR_INVALID_ARG_TYPE";
      throw err;
    }
    if (!Number.isInteger(value) || value < min || value > max) {
      const err = new RangeError(`The value of "${name}" is out of range. It must be ${Number.isInteger(value) ? `>= ${min} && <= ${max}` : "an integer"}. Received ${value}`);
      err.code = "ERR_OUT_OF_RANGE";
      throw err;
    }
  }

  function toStringWith(fn) {
    // Node's os functions stringify to their result ("`${os.hostname}`" works).
    fn[Symbol.toPrimitive] = () => fn();
    return fn;
  }

  const os = {
    arch: () => P.nodeRequire("process").arch,
    availableParallelism: () => P.ops.hardwareConcurrency(),
    cpus() {
      const f = fields(nops.osCpus());
      const out = [];
      for (let i = 0; i + 6 < f.length; i += 7) {
        out.push({
          model: f[i], speed: +f[i + 1],
          times: { user: +f[i + 2], nice: +f[i + 3], sys: +f[i + 4], idle: +f[i + 5], irq: +f[i + 6] },
        });
      }
      return out;
    },
    endianness: () => (new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? "LE" : "BE"),
    freemem: () => numbers()[5],
    getPriority(pid = 0) {
      validateInt(pid, "pid", -2147483648, 2147483647);
      return nops.osGetPriority(pid);
    },
    homedir() {
      const home = ops.envGet("HOME");
      return home !== undefined && home !== "" ? home : nops.osHomedir();
    },
    hostname: toStringWith(() => nops.osHostname()),
    loadavg: () => numbers().slice(0, 3),
    networkInterfaces() {
      const f = fields(nops.osInterfaces());
      const out = {};
      for (let i = 0; i + 6 < f.length; i += 7) {
        const v6 = f[i + 1] === "6";
        const netmask = f[i + 3];
        const entry = {
          address: f[i + 2], netmask, family: v6 ? "IPv6" : "IPv4", mac: f[i + 4],
          internal: f[i + 5] === "1", cidr: `${f[i + 2]}/${prefixLength(netmask, v6)}`,
        };
        if (v6) entry.scopeid = +f[i + 6];
        (out[f[i]] ??= []).push(entry);
      }
      return out;
    },
    platform: () => "linux",
    release: toStringWith(() => uname().release),
    setPriority(pid, prio) {
      if (prio === undefined) {
        prio = pid;
        pid = 0;
      }
      validateInt(pid, "pid", -2147483648, 2147483647);
      validateInt(prio, "priority", -20, 19);
      nops.osSetPriority(pid, prio);
    },
    tmpdir() {
      let path = "/tmp";
      try {
        path = ops.envGet("TMPDIR") || ops.envGet("TMP") || ops.envGet("TEMP") || "/tmp";
      } catch {} // the sandbox without --allow-env: the default
      if (path.length > 1 && path.endsWith("/")) path = path.slice(0, -1);
      return path;
    },
    totalmem: () => numbers()[4],
    type: toStringWith(() => uname().sysname),
    userInfo(options) {
      const [uid, gid, username, homedir, shell] = fields(nops.osUserInfo());
      return { __proto__: null, uid: +uid, gid: +gid, username, homedir, shell: shell || null };
    },
    uptime: toStringWith(() => numbers()[3]),
    version: toStringWith(() => uname().version),
    machine: toStringWith(() => uname().machine),
    constants,
    EOL: "\n",
    devNull: "/dev/null",
  };

  // The prefix length of a netmask ("255.255.255.0" -> 24, "ffff:ffff::" -> 32).
  function prefixLength(mask, v6) {
    let bits = 0;
    if (v6) {
      for (const part of mask.split(":")) {
        if (part === "") continue;
        let n = parseInt(part, 16);
        while (n & 0x8000) { bits++; n = (n << 1) & 0xffff; }
      }
    } else {
      for (const part of mask.split(".")) {
        let n = +part;
        while (n & 0x80) { bits++; n = (n << 1) & 0xff; }
      }
    }
    return bits;
  }

  return os;
});
