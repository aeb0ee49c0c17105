// node:util: format/inspect are the console's formatter (core/ext/console/console.js, Node's
// rules); promisify, callbackify, deprecate, inherits, isDeepStrictEqual (internal/
// deep_equal.js), types (internal/types.js), debuglog, styleText, parseArgs (internal/
// parse_args.js, compiled when first used) and the legacy predicates.
(function (P) {
  "use strict";
  const E = P.loadBuiltin("core/ext/node/internal/errors.js");
  const types = P.loadBuiltin("core/ext/node/internal/types.js");
  const { nodeError, invalidArgType, validateFunction, validateString } = E;

  const inspect = P.inspect;
  const proc = () => globalThis.process;

  // ------------------------------------------------------------------ inspect's tables

  if (inspect.colors === undefined) {
    const colors = {
      __proto__: null,
      reset: [0, 0], bold: [1, 22], dim: [2, 22], italic: [3, 23], underline: [4, 24],
      blink: [5, 25], inverse: [7, 27], hidden: [8, 28], strikethrough: [9, 29],
      doubleunderline: [21, 24], black: [30, 39], red: [31, 39], green: [32, 39],
      yellow: [33, 39], blue: [34, 39], magenta: [35, 39], cyan: [36, 39], white: [37, 39],
      bgBlack: [40, 49], bgRed: [41, 49], bgGreen: [42, 49], bgYellow: [43, 49],
      bgBlue: [44, 49], bgMagenta: [45, 49], bgCyan: [46, 49], bgWhite: [47, 49],
      framed: [51, 54], overlined: [53, 55], gray: [90, 39], redBright: [91, 39],
      greenBright: [92, 39], yellowBright: [93, 39], blueBright: [94, 39],
      magentaBright: [95, 39], cyanBright: [96, 39], whiteBright: [97, 39], bgGray: [100, 49],
      bgRedBright: [101, 49], bgGreenBright: [102, 49], bgYellowBright: [103, 49],
      bgBlueBright: [104, 49], bgMagentaBright: [105, 49], bgCyanBright: [106, 49],
      bgWhiteBright: [107, 49],
    };
    // Node's aliases (not enumerable).
    const aliases = {
      grey: "gray", blackBright: "gray", bgGrey: "bgGray", bgBlackBright: "bgGray",
      dimGray: "gray", dimGrey: "gray", faint: "dim", crossedout: "strikethrough",
      strikeThrough: "strikethrough", crossedOut: "strikethrough", conceal: "hidden",
      swapColors: "inverse", swapcolors: "inverse", doubleUnderline: "doubleunderline",
    };
    for (const [alias, target] of Object.entries(aliases)) {
      Object.defineProperty(colors, alias, {
        get() { return this[target]; },
        set(value) { this[target] = value; },
        configurable: true, enumerable: false,
      });
    }
    inspect.colors = colors;
    inspect.styles = Object.assign({ __proto__: null }, {
      special: "cyan", number: "yellow", bigint: "yellow", boolean: "yellow", undefined: "grey",
      null: "bold", string: "green", symbol: "green", date: "magenta", regexp: "red",
      module: "underline",
    });
  }

  // Assigning inspect.defaultOptions merges into the defaults the console reads, as Node's.
  const defaultOptions = inspect.defaultOptions;
  if (Object.getOwnPropertyDescriptor(inspect, "defaultOptions").value !== undefined) {
    Object.defineProperty(inspect, "defaultOptions", {
      get() { return defaultOptions; },
      set(options) {
        E.validateObject(options, "options");
        return Object.assign(defaultOptions, options);
      },
      enumerable: true, configurable: true,
    });
  }

  // ------------------------------------------------------------------ promisify

  const kCustomPromisified = Symbol.for("nodejs.util.promisify.custom");
  // A function's callback values by name (node's private kCustomPromisifyArgsSymbol): the
  // other node: modules mark e.g. dns.lookup with it.
  const kCustomPromisifyArgs = Symbol.for("mrt.util.promisify.customArgs");

  function promisify(original) {
    validateFunction(original, "original");
    if (original[kCustomPromisified]) {
      const fn = original[kCustomPromisified];
      validateFunction(fn, "util.promisify.custom");
      return Object.defineProperty(fn, kCustomPromisified, {
        value: fn, enumerable: false, writable: false, configurable: true,
      });
    }
    const argumentNames = original[kCustomPromisifyArgs];
    function fn(...args) {
      return new Promise((resolve, reject) => {
        args.push((err, ...values) => {
          if (err) return reject(err);
          if (argumentNames !== undefined && values.length > 1) {
            const obj = {};
            for (let i = 0; i < argumentNames.length; i++) obj[argumentNames[i]] = values[i];
            resolve(obj);
          } else {
            resolve(values[0]);
          }
          return undefined;
        });
        Reflect.apply(original, this, args);
      });
    }
    Object.setPrototypeOf(fn, Object.getPrototypeOf(original));
    Object.defineProperty(fn, kCustomPromisified, {
      value: fn, enumerable: false, writable: false, configurable: true,
    });
    const descriptors = Object.getOwnPropertyDescriptors(original);
    for (const d of Object.values(descriptors)) Object.setPrototypeOf(d, null);
    return Object.defineProperties(fn, descriptors);
  }
  promisify.custom = kCustomPromisified;

  function nextTick(fn, ...args) {
    const p = proc();
    if (p && typeof p.nextTick === "function") p.nextTick(fn, ...args);
    else queueMicrotask(() => fn(...args));
  }

  function callbackifyOnRejected(reason, cb) {
    if (!reason) {
      const err = nodeError(Error, "ERR_FALSY_VALUE_REJECTION", "Promise was rejected with falsy value");
      err.reason = reason;
      reason = err;
    }
    return cb(reason);
  }
  function callbackify(original) {
    validateFunction(original, "original");
    function callbackified(...args) {
      const maybeCb = args.pop();
      validateFunction(maybeCb, "last argument");
      const cb = maybeCb.bind(this);
      Reflect.apply(original, this, args).then(
        (ret) => nextTick(cb, null, ret),
        (rej) => nextTick(callbackifyOnRejected, rej, cb));
    }
    const descriptors = Object.getOwnPropertyDescriptors(original);
    if (typeof descriptors.length.value === "number") descriptors.length.value++;
    if (typeof descriptors.name.value === "string") descriptors.name.value += "Callbackified";
    for (const d of Object.values(descriptors)) Object.setPrototypeOf(d, null);
    Object.defineProperties(callbackified, descriptors);
    return callbackified;
  }

  // ------------------------------------------------------------------ warnings

  function emitWarning(msg, type, code) {
    const p = proc();
    if (p && typeof p.emitWarning === "function") {
      if (code !== undefined) p.emitWarning(msg, type, code);
      else p.emitWarning(msg, type);
      return;
    }
    console.error(`${code !== undefined ? `[${code}] ` : ""}${type}: ${msg}`);
  }

  const codesWarned = new Set();
  function deprecate(fn, msg, code) {
    const p = proc();
    if (p && p.noDeprecation === true) return fn;
    if (code !== undefined) validateString(code, "code");
    let warned = false;
    function deprecated(...args) {
      const q = proc();
      if (!warned && !(q && q.noDeprecation === true)) {
        warned = true;
        if (code !== undefined) {
          if (!codesWarned.has(code)) {
            emitWarning(msg, "DeprecationWarning", code);
            codesWarned.add(code);
          }
        } else {
          emitWarning(msg, "DeprecationWarning");
        }
      }
      if (new.target) return Reflect.construct(fn, args, new.target);
      return Reflect.apply(fn, this, args);
    }
    Object.setPrototypeOf(deprecated, fn);
    if (fn.prototype) deprecated.prototype = fn.prototype;
    return deprecated;
  }

  // ------------------------------------------------------------------ the rest

  function inherits(ctor, superCtor) {
    if (ctor === undefined || ctor === null) throw invalidArgType("ctor", "Function", ctor);
    if (superCtor === undefined || superCtor === null) throw invalidArgType("superCtor", "Function", superCtor);
    if (superCtor.prototype === undefined) {
      throw invalidArgType("superCtor.prototype", "Object", superCtor.prototype);
    }
    Object.defineProperty(ctor, "super_", { value: superCtor, writable: true, configurable: true });
    Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
  }

  let deepEqual;
  function isDeepStrictEqual(a, b) {
    if (deepEqual === undefined) deepEqual = P.loadBuiltin("core/ext/node/internal/deep_equal.js");
    return deepEqual.isDeepStrictEqual(a, b);
  }

  // NODE_DEBUG=a,b* enables debuglog("a") and debuglog("bx").
  let debugEnv;
  function debugEnabled(set) {
    if (debugEnv === undefined) {
      const p = proc();
      const env = p && p.env ? p.env.NODE_DEBUG : undefined;
      debugEnv = env ? new RegExp(`^(${env.replace(/[|\\{}()[\]^$+?.]/g, "\\$&")
        .replace(/\*/g, ".*").replace(/,/g, "$|^")})$`, "i") : null;
    }
    return debugEnv !== null && debugEnv.test(set);
  }
  function debuglog(set, cb) {
    let enabled;
    let logger;
    const test = () => {
      if (enabled === undefined) {
        enabled = debugEnabled(set);
        const pid = proc() ? proc().pid : 0;
        logger = enabled
          ? (...args) => console.error("%s %d: %s", set.toUpperCase(), pid, P.formatWithOptions({}, ...args))
          : () => {};
        if (typeof cb === "function") cb(logger);
      }
      return enabled;
    };
    const debug = (...args) => {
      test();
      logger(...args);
    };
    Object.defineProperty(debug, "enabled", { get: test, configurable: true, enumerable: true });
    return debug;
  }

  function stripVTControlCharacters(str) {
    validateString(str, "str");
    // eslint-disable-next-line no-control-regex
    return str.replace(/[\u001B\u009B][[\]()#;?]*(?:(?:(?:(?:;[-a-zA-Z\d/#&.:=?%@~_]+)*|[a-zA-Z\d]+(?:;[-a-zA-Z\d/#&.:=?%@~_]*)*)?\u0007)|(?:(?:\d{1,4}(?:;\d{0,4})*)?[\dA-PR-TZcf-ntqry=><~]))/g, "");
  }

  function styleText(format, text, { validateStream = true, stream } = {}) {
    validateString(text, "text");
    E.validateBoolean(validateStream, "options.validateStream");
    let skip = false;
    if (validateStream) {
      const out = stream || (proc() && proc().stdout);
      const env = proc() && proc().env ? proc().env : {};
      const tty = out ? !!out.isTTY : P.ops.isatty(1);
      skip = !tty || "NO_COLOR" in env || env.NODE_DISABLE_COLORS !== undefined || env.TERM === "dumb";
      if ("FORCE_COLOR" in env && env.FORCE_COLOR !== "0") skip = false;
    }
    const formats = Array.isArray(format) ? format : [format];
    let left = "";
    let right = "";
    for (const key of formats) {
      const codes = inspect.colors[key];
      if (codes == null) {
        const list = Object.keys(inspect.colors).map((k) => `'${k}'`).join(", ");
        throw nodeError(TypeError, "ERR_INVALID_ARG_VALUE",
          `The argument 'format' must be one of: ${list}. Received ${inspect(key)}`);
      }
      left += `\u001b[${codes[0]}m`;
      right = `\u001b[${codes[1]}m${right}`;
    }
    return skip ? text : `${left}${text}${right}`;
  }

  function toUSVString(input) {
    return P.ops.toWellFormed(`${input}`);
  }

  // Linux errno names (libuv's negative codes are -errno there).
  const errnoNames = [
    [1, "EPERM", "operation not permitted"], [2, "ENOENT", "no such file or directory"],
    [3, "ESRCH", "no such process"], [4, "EINTR", "interrupted system call"],
    [5, "EIO", "i/o error"], [6, "ENXIO", "no such device or address"],
    [7, "E2BIG", "argument list too long"], [9, "EBADF", "bad file descriptor"],
    [11, "EAGAIN", "resource temporarily unavailable"], [12, "ENOMEM", "not enough memory"],
    [13, "EACCES", "permission denied"], [14, "EFAULT", "bad address in system call argument"],
    [16, "EBUSY", "resource busy or locked"], [17, "EEXIST", "file already exists"],
    [18, "EXDEV", "cross-device link not permitted"], [19, "ENODEV", "no such device"],
    [20, "ENOTDIR", "not a directory"], [21, "EISDIR", "illegal operation on a directory"],
    [22, "EINVAL", "invalid argument"], [23, "ENFILE", "file table overflow"],
    [24, "EMFILE", "too many open files"], [25, "ENOTTY", "inappropriate ioctl for device"],
    [26, "ETXTBSY", "text file is busy"], [27, "EFBIG", "file too large"],
    [28, "ENOSPC", "no space left on device"], [29, "ESPIPE", "invalid seek"],
    [30, "EROFS", "read-only file system"], [31, "EMLINK", "too many links"],
    [32, "EPIPE", "broken pipe"], [34, "ERANGE", "result too large"],
    [36, "ENAMETOOLONG", "name too long"], [38, "ENOSYS", "function not implemented"],
    [39, "ENOTEMPTY", "directory not empty"], [40, "ELOOP", "too many symbolic links encountered"],
    [61, "ENODATA", "no data available"], [62, "ETIME", "timer expired"],
    [71, "EPROTO", "protocol error"], [75, "EOVERFLOW", "value too large for defined data type"],
    [84, "EILSEQ", "illegal byte sequence"], [88, "ENOTSOCK", "socket operation on non-socket"],
    [89, "EDESTADDRREQ", "destination address required"], [90, "EMSGSIZE", "message too long"],
    [91, "EPROTOTYPE", "protocol wrong type for socket"], [92, "ENOPROTOOPT", "protocol not available"],
    [93, "EPROTONOSUPPORT", "protocol not supported"], [94, "ESOCKTNOSUPPORT", "socket type not supported"],
    [95, "ENOTSUP", "operation not supported on socket"], [97, "EAFNOSUPPORT", "address family not supported"],
    [98, "EADDRINUSE", "address already in use"], [99, "EADDRNOTAVAIL", "address not available"],
    [100, "ENETDOWN", "network is down"], [101, "ENETUNREACH", "network is unreachable"],
    [103, "ECONNABORTED", "software caused connection abort"], [104, "ECONNRESET", "connection reset by peer"],
    [105, "ENOBUFS", "no buffer space available"], [106, "EISCONN", "socket is already connected"],
    [107, "ENOTCONN", "socket is not connected"], [108, "ESHUTDOWN", "cannot send after transport endpoint shutdown"],
    [110, "ETIMEDOUT", "connection timed out"], [111, "ECONNREFUSED", "connection refused"],
    [112, "EHOSTDOWN", "host is down"], [113, "EHOSTUNREACH", "host is unreachable"],
    [114, "EALREADY", "connection already in progress"], [125, "ECANCELED", "operation canceled"],
    [4080, "EOF", "end of file"], [3008, "ENOTFOUND", "getaddrinfo ENOTFOUND"],
  ];
  let errMap;
  function getSystemErrorMap() {
    if (errMap === undefined) {
      errMap = new Map();
      for (const [n, name, desc] of errnoNames) errMap.set(-n, [name, desc]);
    }
    return errMap;
  }
  function getSystemErrorName(err) {
    if (typeof err !== "number") throw invalidArgType("err", "number", err);
    if (err >= 0 || !Number.isSafeInteger(err)) {
      throw E.outOfRange("err", "a negative integer", err);
    }
    const entry = getSystemErrorMap().get(err);
    return entry ? entry[0] : `Unknown system error ${err}`;
  }

  function aborted(signal, resource) {
    if (signal === undefined) throw invalidArgType("signal", "AbortSignal", signal);
    E.validateAbortSignal(signal, "signal");
    if (resource === null || (typeof resource !== "object" && typeof resource !== "function")) {
      throw invalidArgType("resource", "Object", resource);
    }
    if (signal.aborted) return Promise.resolve();
    return new Promise((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
  }

  let parseArgsImpl;
  function parseArgs(config) {
    if (parseArgsImpl === undefined) parseArgsImpl = P.loadBuiltin("core/ext/node/internal/parse_args.js");
    return parseArgsImpl(config);
  }

  function parseEnv(content) {
    validateString(content, "content");
    const out = {};
    const re = /(?:^|^)\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/mg;
    const lines = content.replace(/\r\n?/mg, "\n");
    let m;
    while ((m = re.exec(lines)) != null) {
      const key = m[1];
      let value = (m[2] || "").trim();
      const q = value[0];
      value = value.replace(/^(['"`])([\s\S]*)\1$/mg, "$2");
      if (q === '"') value = value.replace(/\\n/g, "\n").replace(/\\r/g, "\r");
      out[key] = value;
    }
    return out;
  }

  function _extend(target, source) {
    if (source === null || typeof source !== "object") return target;
    const keys = Object.keys(source);
    let i = keys.length;
    while (i--) target[keys[i]] = source[keys[i]];
    return target;
  }

  const pad = (n) => `${n}`.padStart(2, "0");
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  function log(...args) {
    const d = new Date();
    const time = [pad(d.getHours()), pad(d.getMinutes()), pad(d.getSeconds())].join(":");
    console.log("%s - %s", `${d.getDate()} ${months[d.getMonth()]} ${time}`, P.format(...args));
  }

  // The errors node's own modules make from a libuv code (some packages call them).
  function _errnoException(err, syscall, original) {
    const name = getSystemErrorName(err);
    const ex = new Error(original ? `${syscall} ${name} ${original}` : `${syscall} ${name}`);
    ex.errno = err;
    ex.code = name;
    ex.syscall = syscall;
    return ex;
  }
  function _exceptionWithHostPort(err, syscall, address, port, additional) {
    let details = port && port > 0 ? `${address}:${port}` : address;
    if (additional) details += ` - Local (${additional})`;
    const ex = _errnoException(err, syscall, details);
    ex.address = address;
    if (port) ex.port = port;
    return ex;
  }

  const isBuffer = (b) => {
    const B = globalThis.Buffer;
    return typeof B === "function" && B.isBuffer(b);
  };

  const util = {
    _errnoException,
    _exceptionWithHostPort,
    _extend,
    callbackify,
    debug: debuglog,
    debuglog,
    deprecate,
    format: P.format,
    styleText,
    formatWithOptions(inspectOptions, ...args) {
      if (inspectOptions === null || typeof inspectOptions !== "object") {
        throw invalidArgType("inspectOptions", "object", inspectOptions);
      }
      return P.formatWithOptions(inspectOptions, ...args);
    },
    getSystemErrorMap,
    getSystemErrorName,
    inherits,
    inspect,
    isArray: Array.isArray,
    isBoolean: (arg) => typeof arg === "boolean",
    isBuffer,
    isDeepStrictEqual,
    isNull: (arg) => arg === null,
    isNullOrUndefined: (arg) => arg === null || arg === undefined,
    isNumber: (arg) => typeof arg === "number",
    isString: (arg) => typeof arg === "string",
    isSymbol: (arg) => typeof arg === "symbol",
    isUndefined: (arg) => arg === undefined,
    isRegExp: types.isRegExp,
    isObject: (arg) => arg !== null && typeof arg === "object",
    isDate: types.isDate,
    isError: (e) => types.isNativeError(e) || e instanceof Error,
    isFunction: (arg) => typeof arg === "function",
    isPrimitive: (arg) => arg === null || (typeof arg !== "object" && typeof arg !== "function"),
    log,
    promisify,
    stripVTControlCharacters,
    toUSVString,
    aborted,
    // mrt's AbortSignal is cloneable as it is; Node marks it transferable.
    transferableAbortSignal(signal) {
      if (signal === null || typeof signal !== "object" || !("aborted" in signal)) {
        throw invalidArgType("signal", "AbortSignal", signal);
      }
      return signal;
    },
    transferableAbortController() { return new AbortController(); },
    types,
    parseEnv,
    parseArgs,
    TextDecoder: globalThis.TextDecoder,
    TextEncoder: globalThis.TextEncoder,
  };
  return util;
});
