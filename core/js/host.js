// host.js: the `mrt` namespace (process facts), `performance` and `self`.
(function (P) {
  "use strict";
  const ops = P.ops;

  const [version, v8] = ops.versions().split(" ");
  P.version = version;
  P.v8Version = v8;

  // Deno's checks: a NUL would truncate the C string (another variable), "=" splits it.
  function envError(msg) {
    const err = new TypeError(msg);
    err.code = "ERR_INVALID_ARG_VALUE";
    return err;
  }
  function envKey(key) {
    const k = String(key);
    if (k === "") throw envError("Key is an empty string.");
    if (k.includes("=") || k.includes("\0")) {
      throw envError(`Key contains invalid characters: ${JSON.stringify(k)}`);
    }
    return k;
  }
  function envValue(value) {
    const v = String(value);
    if (v.includes("\0")) throw envError(`Value contains invalid characters: ${JSON.stringify(v)}`);
    return v;
  }

  const env = Object.freeze({
    get: (key) => ops.envGet(envKey(key)),
    set: (key, value) => ops.envSet(envKey(key), envValue(value)),
    has: (key) => ops.envGet(envKey(key)) !== undefined,
    delete: (key) => ops.envDelete(envKey(key)),
    toObject() {
      const out = {};
      const all = ops.envAll();
      if (all === "") return out;
      for (const entry of all.split("\0")) {
        const eq = entry.indexOf("=");
        if (eq > 0) out[entry.slice(0, eq)] = entry.slice(eq + 1);
      }
      return out;
    },
  });

  const usage = new Float64Array(5);
  function memoryUsage() {
    ops.memoryUsage(usage);
    return {
      rss: usage[0], heapTotal: usage[1], heapUsed: usage[2], external: usage[3],
      arrayBuffers: usage[4],
    };
  }

  const mrt = {
    version,
    versions: Object.freeze({ mrt: version, v8 }),
    args: Object.freeze([]), // set by P.start
    env,
    pid: 0,
    exit(code = 0) {
      ops.exit(code);
    },
    memoryUsage,
    ops: P.publicOps,
    // The sandbox (Deno's Deno.permissions and Deno.errors.NotCapable): compiled on first use.
    get permissions() {
      return P.loadBuiltin("core/ext/permissions/permissions_impl.js").permissions;
    },
    get errors() {
      return P.loadBuiltin("core/ext/permissions/permissions_impl.js").errors;
    },
    // Counters of an op (mrt.ops[name], or a built-in op's name): calls, completed async
    // calls, errors. undefined for an unknown name.
    opStats(name) {
      const s = ops.opStats(String(name));
      if (s === undefined) return undefined;
      const [calls, completions, errors] = s.split(" ").map(Number);
      return { calls, completions, errors };
    },
  };
  P.mrt = mrt;
  Object.defineProperty(globalThis, "mrt", {
    value: mrt, writable: true, enumerable: false, configurable: true,
  });

  // performance: monotonic, sub-microsecond, relative to the runtime's start. now() stays a
  // clock read; User Timing and the Performance Timeline (mark, measure, getEntries*, the
  // entry classes, PerformanceObserver) are core/ext/performance/timeline.js, loaded on first
  // use through P.timeline().
  let origin = 0;
  let timeOrigin = 0;
  const illegal = () => new TypeError("Illegal constructor");
  const notPerformance = (what) =>
    new TypeError(`Failed to execute '${what}' on 'Performance': Illegal invocation`);
  class Performance {
    constructor() {
      throw illegal();
    }
    now() {
      if (this !== performance) throw notPerformance("now");
      return (ops.hrtime() - origin) / 1e6;
    }
    get timeOrigin() {
      if (this !== performance) throw notPerformance("timeOrigin");
      return timeOrigin;
    }
    toJSON() {
      if (this !== performance) throw notPerformance("toJSON");
      return { timeOrigin };
    }
    mark(markName, markOptions = undefined) {
      if (this !== performance) throw notPerformance("mark");
      return P.timeline().mark(arguments.length, markName, markOptions);
    }
    measure(measureName, startOrMeasureOptions = undefined, endMark = undefined) {
      if (this !== performance) throw notPerformance("measure");
      return P.timeline().measure(arguments.length, measureName, startOrMeasureOptions, endMark);
    }
    clearMarks(markName = undefined) {
      if (this !== performance) throw notPerformance("clearMarks");
      P.timeline().clear("mark", markName);
    }
    clearMeasures(measureName = undefined) {
      if (this !== performance) throw notPerformance("clearMeasures");
      P.timeline().clear("measure", measureName);
    }
    getEntries() {
      if (this !== performance) throw notPerformance("getEntries");
      return P.timeline().entries(0, undefined, undefined);
    }
    getEntriesByType(type) {
      if (this !== performance) throw notPerformance("getEntriesByType");
      return P.timeline().entries(arguments.length < 1 ? -1 : 1, undefined, type);
    }
    getEntriesByName(name, type = undefined) {
      if (this !== performance) throw notPerformance("getEntriesByName");
      return P.timeline().entries(arguments.length < 1 ? -1 : 2, name, type);
    }
  }
  // WebIDL: members enumerable, @@toStringTag.
  for (const key of Object.getOwnPropertyNames(Performance.prototype)) {
    if (key !== "constructor") {
      Object.defineProperty(Performance.prototype, key, { enumerable: true });
    }
  }
  Object.defineProperty(Performance.prototype, Symbol.toStringTag, {
    value: "Performance", configurable: true,
  });
  const performance = Object.create(Performance.prototype);

  // What belongs to this process and this start, not to the snapshot the runtime may come
  // from: run by the C core at every runtime start.
  P.start = function start() {
    const args = [];
    for (let i = 0, n = ops.argc(); i < n; i++) args.push(ops.arg(i));
    mrt.args = Object.freeze(args);
    mrt.pid = ops.pid();
    origin = ops.hrtime();
    timeOrigin = Date.now(); // wall-clock ms of the origin (resolution 1 ms)
  };
  Object.defineProperty(globalThis, "performance", {
    value: performance, writable: true, enumerable: true, configurable: true,
  });
  Object.defineProperty(globalThis, "Performance", {
    value: Performance, writable: true, enumerable: false, configurable: true,
  });
  P.performance = performance;
  // self: the global object, as in a worker (a plain property: a program may replace it).
  Object.defineProperty(globalThis, "self", {
    value: globalThis, writable: true, enumerable: true, configurable: true,
  });
});
